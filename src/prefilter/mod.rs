//! Which of many regular expressions may match a text, found without
//! running them all.
//!
//! A [`Prefilter`] is built from a list of patterns. Each pattern that
//! cannot match without one of a few literal strings ([`literals`]) is
//! looked for through those strings: one Aho-Corasick automaton over every
//! such string finds the patterns worth running on a text. Patterns with
//! no selective literal share one multi-pattern regex that reports which
//! of them match. The caller then runs only the candidates, each alone,
//! so its results are those of running every pattern on its own.
//!
//! The cost of the literal pass does not depend on how varied the text is,
//! unlike one combined lazy DFA of every pattern, whose states multiply on
//! real prose (see BENCHMARKS.md). Pack rules ([`crate::packs`]) and the
//! knowledge base's feature names ([`crate::knowledge`]) both scan this way.

mod cache;
pub mod literals;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_automata::{Input, PatternSet, meta};

/// From this much text on (bytes), the literal automaton is a DFA: about
/// 1.7× faster to scan with and a few milliseconds slower to build
/// (BENCHMARKS.md).
pub const FAST_SCAN_BYTES: usize = 1 << 20;

/// The most literals the automaton is built as a DFA for (the built-in
/// packs have about 1,400).
const MAX_DFA_LITERALS: usize = 20_000;

/// The patterns of one list, ready to tell which may match a text.
#[derive(Debug)]
pub struct Prefilter {
    len: usize,
    /// The literals of every pattern that has a selective set.
    literals: Option<AhoCorasick>,
    /// For each literal, the patterns (by position in the list) it stands for.
    owners: Vec<Vec<u32>>,
    /// Patterns without a selective set, in one automaton that reports
    /// which of them match, and their positions in the list.
    rest: Option<(meta::Regex, Vec<u32>)>,
    /// Whether the literal automaton was asked to be fast (a DFA).
    fast: bool,
}

impl Prefilter {
    /// A prefilter for `patterns`; `known[i]`, when given, is a set of
    /// lower-case literals one of which every match of pattern `i`
    /// contains, which saves reading it from the pattern. `fast` builds the
    /// literal automaton as a DFA. `size_limit` bounds the regex of the
    /// patterns without literals. Patterns must be valid.
    pub fn new(patterns: &[&str], known: &[Option<Vec<Vec<u8>>>], fast: bool, size_limit: usize) -> Prefilter {
        let mut strings: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<u32>> = Vec::new();
        let mut index: std::collections::HashMap<Vec<u8>, usize> = std::collections::HashMap::new();
        let mut rest_sources: Vec<&str> = Vec::new();
        let mut rest_owners: Vec<u32> = Vec::new();
        for (k, source) in patterns.iter().enumerate() {
            match known.get(k).cloned().flatten().or_else(|| literals::required(source)) {
                Some(set) => {
                    for s in set {
                        let at = *index.entry(s.clone()).or_insert_with(|| {
                            strings.push(s);
                            owners.push(Vec::new());
                            owners.len() - 1
                        });
                        owners[at].push(k as u32);
                    }
                }
                None => {
                    rest_sources.push(source);
                    rest_owners.push(k as u32);
                }
            }
        }
        let literals = (!strings.is_empty()).then(|| {
            // A DFA's table grows with every literal: a pack with a very
            // long word list keeps the NFA, whose size is that of the list.
            let dfa = fast && strings.len() <= MAX_DFA_LITERALS;
            let kind = if dfa { AhoCorasickKind::DFA } else { AhoCorasickKind::ContiguousNFA };
            let mut builder = AhoCorasickBuilder::new();
            builder.ascii_case_insensitive(true).match_kind(MatchKind::Standard);
            builder
                .kind(Some(kind))
                .build(&strings)
                .or_else(|_| builder.kind(None).build(&strings))
                .expect("a list of literal strings always builds")
        });
        let rest = (!rest_sources.is_empty()).then(|| {
            // Which patterns match, not where: every match kind counts.
            let config = meta::Config::new()
                .match_kind(regex_automata::MatchKind::All)
                .auto_prefilter(false)
                .nfa_size_limit(Some(size_limit * 4))
                .hybrid_cache_capacity(size_limit);
            let set = meta::Regex::builder()
                .configure(config)
                .build_many(&rest_sources)
                .expect("patterns are validated when read");
            (set, rest_owners)
        });
        Prefilter { len: patterns.len(), literals, owners, rest, fast }
    }

    /// Whether the literal automaton is a DFA.
    pub fn fast(&self) -> bool {
        self.fast
    }

    /// How many patterns are looked for through literals, and how many are
    /// run on every text.
    pub fn split(&self) -> (usize, usize) {
        let rest = self.rest.as_ref().map_or(0, |(_, o)| o.len());
        (self.len - rest, rest)
    }

    /// The positions of the patterns that may match `text`, ascending and
    /// distinct, in `out` (cleared first).
    pub fn candidates(&self, text: &str, out: &mut Vec<u32>) {
        out.clear();
        if let Some(ac) = &self.literals {
            for m in ac.find_overlapping_iter(text) {
                out.extend(&self.owners[m.pattern().as_usize()]);
            }
        }
        if let Some((set, owners)) = &self.rest {
            let mut matched = PatternSet::new(set.pattern_len());
            set.which_overlapping_matches(&Input::new(text), &mut matched);
            out.extend(matched.iter().map(|p| owners[p.as_usize()]));
        }
        out.sort_unstable();
        out.dedup();
    }
}

//! The pack scan: which patterns of a run match a text, and where.
//!
//! A [`Scanner`] holds only the patterns of the rules a run selected. Each
//! pattern that cannot match without one of a few literal strings
//! ([`super::literals`]) is looked for through those strings: one
//! Aho-Corasick automaton over every such string of the run finds the
//! patterns worth running on a text, and only those are run. Patterns with
//! no selective literal share one multi-pattern automaton that reports
//! which of them match. Either way, a pattern that may match is then run
//! alone to find where, so the hits are those of running every pattern on
//! its own (tested against that straightforward scan).
//!
//! The cost of the literal pass does not depend on how varied the text is,
//! unlike a combined lazy DFA of every pattern, whose states multiply on
//! real prose (see BENCHMARKS.md).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_automata::{Input, PatternSet, meta};

use super::{Field, Hit, Packs, SIZE_LIMIT, literals};
use crate::bank::markdown;

/// The patterns of one selection of entries, ready to scan.
#[derive(Debug)]
pub struct Scanner {
    /// The patterns, as indices into the packs' pattern list, ascending.
    patterns: Vec<usize>,
    /// The literals of every pattern that has a selective set.
    literals: Option<AhoCorasick>,
    /// For each literal, the positions in `patterns` it stands for.
    owners: Vec<Vec<u32>>,
    /// Patterns without a selective set, in one automaton that reports
    /// which of them match, and their positions in `patterns`.
    rest: Option<(meta::Regex, Vec<u32>)>,
}

impl Scanner {
    /// A scanner for the patterns of the entries `wanted` accepts.
    pub(super) fn new(packs: &Packs, wanted: &dyn Fn(usize) -> bool) -> Scanner {
        let patterns: Vec<usize> =
            packs.sources.iter().enumerate().filter(|(_, (entry, _))| wanted(*entry)).map(|(i, _)| i).collect();
        let mut strings: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<u32>> = Vec::new();
        let mut index: std::collections::HashMap<Vec<u8>, usize> = std::collections::HashMap::new();
        let mut rest_sources: Vec<&str> = Vec::new();
        let mut rest_owners: Vec<u32> = Vec::new();
        for (k, &p) in patterns.iter().enumerate() {
            let source = &packs.sources[p].1;
            match literals::required(source) {
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
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&strings)
                .expect("literal strings always build")
        });
        let rest = (!rest_sources.is_empty()).then(|| {
            // Which patterns match, not where: every match kind counts.
            let config = meta::Config::new()
                .match_kind(regex_automata::MatchKind::All)
                .auto_prefilter(false)
                .nfa_size_limit(Some(SIZE_LIMIT * 4))
                .hybrid_cache_capacity(SIZE_LIMIT);
            let set = meta::Regex::builder()
                .configure(config)
                .build_many(&rest_sources)
                .expect("pack patterns are validated when read");
            (set, rest_owners)
        });
        Scanner { patterns, literals, owners, rest }
    }

    /// How many patterns are looked for through literals, and how many are
    /// run on every text.
    pub fn split(&self) -> (usize, usize) {
        let rest = self.rest.as_ref().map_or(0, |(_, o)| o.len());
        (self.patterns.len() - rest, rest)
    }

    /// The positions in `patterns` of the patterns that may match `text`.
    fn candidates(&self, text: &str, out: &mut Vec<u32>) {
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

    /// Append every hit in `text`, a `field` of a question.
    pub fn scan(&self, packs: &Packs, text: &str, field: Field, out: &mut Vec<Hit>) {
        if text.is_empty() || self.patterns.is_empty() {
            return;
        }
        let mut candidates = Vec::new();
        self.candidates(text, &mut candidates);
        run(packs, candidates.into_iter().map(|k| self.patterns[k as usize]), text, field, out);
    }
}

/// Run `patterns` (indices into the packs' pattern list, ascending) on
/// `text`, each alone, and append their hits.
fn run(packs: &Packs, patterns: impl Iterator<Item = usize>, text: &str, field: Field, out: &mut Vec<Hit>) {
    let mut code: Option<Vec<std::ops::Range<usize>>> = None;
    for pattern in patterns {
        let (entry, _) = &packs.sources[pattern];
        let e = &packs.entries[*entry];
        if !e.fields.contains(&field) {
            continue;
        }
        for caps in packs.regex(pattern).captures_iter(text) {
            let m = caps.name("hit").unwrap_or_else(|| caps.get(0).expect("group 0 always matches"));
            if m.is_empty() {
                continue;
            }
            if !e.in_code && markdown::overlaps(code.get_or_insert_with(|| markdown::code_regions(text)), &m.range()) {
                continue;
            }
            let replacement = e.fix.as_ref().map(|f| {
                let mut s = String::new();
                caps.expand(f, &mut s);
                s
            });
            out.push(Hit { entry: *entry, range: m.range(), replacement });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Rng;

    /// Every fixture, seed and pack example as text, and variants of them
    /// in other cases and with characters that fold unusually.
    fn texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        let mut stack = vec![root.join("fixtures"), root.join("fuzz/seeds"), root.join("rules")];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = e.path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    out.push(text);
                }
            }
        }
        for e in Packs::builtin().entries.iter() {
            out.extend(e.examples.bad.iter().chain(&e.examples.good).cloned());
        }
        let mut rng = Rng::new(5);
        let n = out.len();
        for i in 0..n {
            let t = out[i].clone();
            out.push(t.to_uppercase());
            out.push(t.to_lowercase());
            // Kelvin sign and long s fold to k and s in case-insensitive
            // patterns; tabs and doubled spaces stretch phrases.
            out.push(t.replace('k', "\u{212A}").replace('s', "\u{17F}"));
            out.push(t.replace(' ', if rng.chance(50) { "\t" } else { "  " }));
        }
        out
    }

    #[test]
    fn the_scanner_finds_exactly_what_every_pattern_alone_finds() {
        let packs = Packs::builtin();
        let scanner = packs.scanner(&|_| true);
        let (through_literals, rest) = scanner.split();
        assert!(through_literals > 5 * rest, "{through_literals} patterns through literals, {rest} run on every text");
        let mut compared = 0;
        for text in texts() {
            // Whole files and each line alone: anchors and context differ.
            let pieces = std::iter::once(text.as_str()).chain(text.lines());
            for piece in pieces {
                for field in [Field::Question, Field::Answer, Field::Sources] {
                    let (mut fast, mut slow) = (Vec::new(), Vec::new());
                    scanner.scan(&packs, piece, field, &mut fast);
                    run(&packs, 0..packs.sources.len(), piece, field, &mut slow);
                    assert_eq!(fast, slow, "{field:?} of {piece:?}");
                    compared += slow.len();
                }
            }
        }
        assert!(compared > 1000, "only {compared} hits compared");
    }

    #[test]
    fn a_scanner_holds_only_the_selected_rules() {
        let packs = Packs::builtin();
        let promo = packs.position("noise/promo").unwrap();
        let scanner = packs.scanner(&|i| i == promo);
        let mut hits = Vec::new();
        scanner.scan(&packs, "Try the AI mock interview app. TODO: write this. [1]", Field::Answer, &mut hits);
        assert!(!hits.is_empty() && hits.iter().all(|h| h.entry == promo), "{hits:?}");
    }
}

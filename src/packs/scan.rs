//! The pack scan: which patterns of a run match a text, and where.
//!
//! A [`Scanner`] holds only the patterns of the rules a run selected and
//! finds the few that may match a text through their literals
//! ([`crate::prefilter`]); only those run, each alone, so the hits are
//! those of running every pattern on its own (tested against that
//! straightforward scan).

use super::{Field, Hit, Packs, SIZE_LIMIT};
use crate::bank::markdown;
use crate::prefilter::Prefilter;

/// The patterns of one selection of entries, ready to scan.
#[derive(Debug)]
pub struct Scanner {
    /// The patterns, as indices into the packs' pattern list, ascending.
    patterns: Vec<usize>,
    /// Which of them may match a text.
    prefilter: Prefilter,
}

impl Scanner {
    /// A scanner for the patterns of the entries `wanted` accepts; `fast`
    /// builds the literal automaton as a DFA.
    pub(super) fn new(packs: &Packs, wanted: &dyn Fn(usize) -> bool, fast: bool) -> Scanner {
        let patterns: Vec<usize> =
            packs.sources.iter().enumerate().filter(|(_, (entry, _))| wanted(*entry)).map(|(i, _)| i).collect();
        let sources: Vec<&str> = patterns.iter().map(|&p| packs.sources[p].1.text()).collect();
        let known: Vec<Option<Vec<Vec<u8>>>> = patterns.iter().map(|&p| packs.sources[p].1.known()).collect();
        Scanner { prefilter: Prefilter::new(&sources, &known, fast, SIZE_LIMIT), patterns }
    }

    /// Whether the literal automaton is a DFA (see
    /// [`crate::prefilter::FAST_SCAN_BYTES`]).
    pub fn fast(&self) -> bool {
        self.prefilter.fast()
    }

    /// How many patterns are looked for through literals, and how many are
    /// run on every text.
    pub fn split(&self) -> (usize, usize) {
        self.prefilter.split()
    }

    /// Append every hit in `text`, a `field` of a question.
    pub fn scan(&self, packs: &Packs, text: &str, field: Field, out: &mut Vec<Hit>) {
        if text.is_empty() || self.patterns.is_empty() {
            return;
        }
        let mut candidates = Vec::new();
        self.prefilter.candidates(text, &mut candidates);
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
        let texts = texts();
        for bytes in [0, usize::MAX] {
            let scanner = packs.scanner(&|_| true, bytes);
            assert_eq!(scanner.fast(), bytes > 0);
            let (through_literals, rest) = scanner.split();
            assert!(
                through_literals > 5 * rest,
                "{through_literals} patterns through literals, {rest} run on every text"
            );
            let mut compared = 0;
            for text in &texts {
                // Whole files and each line alone: anchors and context differ.
                let pieces = std::iter::once(text.as_str()).chain(text.lines());
                for piece in pieces {
                    for field in [Field::Question, Field::Answer, Field::Choices, Field::Sources] {
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
    }

    #[test]
    fn a_scanner_holds_only_the_selected_rules() {
        let packs = Packs::builtin();
        let promo = packs.position("noise/promo").unwrap();
        let scanner = packs.scanner(&|i| i == promo, 0);
        let mut hits = Vec::new();
        scanner.scan(&packs, "Try the AI mock interview app. TODO: write this. [1]", Field::Answer, &mut hits);
        assert!(!hits.is_empty() && hits.iter().all(|h| h.entry == promo), "{hits:?}");
    }
}

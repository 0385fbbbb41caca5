//! Reading a text for the `stale/*` rules: its sentences, and every
//! mention of a product release in it ("Django 4.2", "Python 3.12+", or a
//! bare "4.2" that the context attributes to a product).

use std::cell::OnceCell;
use std::ops::Range;

use regex::Regex;

use crate::bank::markdown;
use crate::knowledge::{FeatureHit, Knowledge, Version};

/// A release mentioned in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index into [`Knowledge::products`].
    pub product: usize,
    pub version: Version,
    /// What findings label: the product name and the version
    /// ("Django 4.2"), or the version alone when the text has no name.
    pub range: Range<usize>,
    /// Written with the product name, or in a list right after such a
    /// mention ("Django 4.2, 5.0 and 5.3"): certain enough to call a
    /// version that does not exist wrong.
    pub explicit: bool,
    /// Followed by `+` or "or later": a lower bound.
    pub plus: bool,
    /// Index into [`Scan::sentences`].
    pub sentence: usize,
}

/// A text read for version claims.
#[derive(Debug)]
pub struct Scan<'t> {
    pub text: &'t str,
    /// Sentences and list items, as byte ranges, found on first use.
    sentences: OnceCell<Vec<Range<usize>>>,
    pub mentions: Vec<Mention>,
    /// Markdown code, where claims are not read.
    pub code: Vec<Range<usize>>,
    /// The knowledge base's features named in the text, found on first use.
    features: OnceCell<Vec<FeatureHit>>,
    /// Product names outside code, found on first use.
    names: OnceCell<Vec<(usize, Range<usize>)>>,
    /// The products named in related texts (the question, the tags).
    pub context: Vec<usize>,
    /// The release cycles the question names, for its answer.
    pub asked: Vec<(usize, Version)>,
}

/// Words right before a bare version that make it a release number
/// ("in 4.2", "since 3.1", "and 5.0").
const BARE_CUES: &[&str] = &[
    "in", "since", "from", "to", "until", "before", "after", "than", "and", "or", "version", "versions", "release",
    "releases", "through", "with", "on", "vs", "versus", "of", "like", "is", "are", "was", "were", "by", "for", "at",
    "requires", "supports", "support", "then", "below", "above", "over", "under",
];

/// Words right after a number that make it a quantity, not a release.
const UNITS: &[&str] = &[
    "s", "ms", "sec", "secs", "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "gb", "mb",
    "kb", "tb", "ghz", "mhz", "x", "times", "stars", "star", "points", "percent", "million", "billion", "k", "m",
];

impl<'t> Scan<'t> {
    /// Read `text`. `context` holds the products named in a related text
    /// (an answer's question), which bare versions may refer to.
    pub fn new(knowledge: &Knowledge, text: &'t str, context: &[usize]) -> Scan<'t> {
        let code = if text.contains('`') || text.contains("    ") || text.contains('\t') {
            markdown::code_regions(text)
        } else {
            Vec::new()
        };
        let mut scan = Scan {
            text,
            sentences: OnceCell::new(),
            mentions: Vec::new(),
            code,
            features: OnceCell::new(),
            names: OnceCell::new(),
            context: context.to_vec(),
            asked: Vec::new(),
        };
        if text.bytes().any(|b| b.is_ascii_digit()) {
            scan.mentions = scan.find_mentions(knowledge, context);
        }
        scan
    }

    /// The features of the knowledge base named in the text (code
    /// included): every removed one that can be reported, and every
    /// feature of the products whose releases it or its question names.
    pub fn features(&self, knowledge: &Knowledge, day: crate::knowledge::Day) -> &[FeatureHit] {
        self.features.get_or_init(|| {
            // Introduced features matter only next to a release of their
            // product (in this text, or in the question for its answer).
            // Those are the products whose releases it names, or its
            // question does: a product named only in the context (tags, the
            // file's name) credits nothing to a release here.
            let mut products: Vec<usize> = self.mentions.iter().map(|m| m.product).collect();
            products.extend(self.asked.iter().map(|(p, _)| *p));
            // Features found only where their product is named are not
            // looked for elsewhere.
            knowledge.features_in_where(self.text, &products, day, &|p| self.names_product(knowledge, p))
        })
    }

    /// Sentences and list items, as byte ranges.
    pub fn sentences(&self) -> &[Range<usize>] {
        self.sentences.get_or_init(|| sentences(self.text))
    }

    pub fn in_code(&self, range: &Range<usize>) -> bool {
        markdown::overlaps(&self.code, range)
    }

    pub fn sentence_of(&self, at: usize) -> usize {
        let sentences = self.sentences();
        sentences.partition_point(|s| s.end <= at).min(sentences.len().saturating_sub(1))
    }

    /// The text of sentence `i`.
    pub fn sentence(&self, i: usize) -> &'t str {
        self.sentences().get(i).map_or("", |s| &self.text[s.clone()])
    }

    /// Up to `before` bytes before `range` and `after` bytes after it,
    /// within its sentence.
    pub fn around(&self, range: &Range<usize>, before: usize, after: usize) -> (&'t str, &'t str) {
        let s = self.sentences().get(self.sentence_of(range.start)).cloned().unwrap_or(0..self.text.len());
        let start = floor(self.text, range.start.saturating_sub(before).max(s.start));
        let end = ceil(self.text, (range.end + after).min(s.end.max(range.end)));
        (&self.text[start..range.start], &self.text[range.end..end])
    }

    /// Product names outside code, with where they are ("ES6" whole).
    fn names(&self, knowledge: &Knowledge) -> &[(usize, Range<usize>)] {
        self.names.get_or_init(|| {
            let mut names: Vec<(usize, Range<usize>)> = knowledge.names_in(self.text);
            let glued = knowledge.glued_in(self.text);
            if !glued.is_empty() {
                names.extend(glued.into_iter().map(|(p, r, _)| (p, r)));
                names.sort_by_key(|(_, r)| r.start);
            }
            names.retain(|(_, r)| !self.in_code(r));
            names
        })
    }

    /// Whether `product` is named in the text or its context.
    pub fn names_product(&self, knowledge: &Knowledge, product: usize) -> bool {
        self.context.contains(&product) || self.names(knowledge).iter().any(|(p, _)| *p == product)
    }

    /// The products named in the text (outside code).
    pub fn products(&self, knowledge: &Knowledge) -> Vec<usize> {
        let mut out: Vec<usize> = self.names(knowledge).iter().map(|(p, _)| *p).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn find_mentions(&self, knowledge: &Knowledge, context: &[usize]) -> Vec<Mention> {
        let text = self.text;
        let names = self.names(knowledge);
        if names.is_empty() && context.is_empty() {
            return Vec::new();
        }
        let named_products = self.products(knowledge);
        let mut out: Vec<Mention> = Vec::new();
        // "ES6", "ES2015": a name and its version in one token.
        let glued: Vec<Mention> = knowledge
            .glued_in(text)
            .into_iter()
            .filter(|(_, r, _)| !self.in_code(r))
            .map(|(product, range, version)| {
                let plus = text[range.end..].starts_with('+');
                let sentence = self.sentence_of(range.start);
                Mention { product, version, range, explicit: true, plus, sentence }
            })
            .collect();
        for (range, version) in versions(text) {
            if self.in_code(&range) {
                continue;
            }
            let after = &text[range.end..];
            let plus = after.starts_with('+')
                || starts_with_words(
                    after,
                    &[
                        "or later",
                        "or newer",
                        "or above",
                        "or higher",
                        "and later",
                        "and above",
                        "and up",
                        "and newer",
                        "onwards",
                        "onward",
                        "and beyond",
                    ],
                );
            // The last name before the version (names are in text order).
            let last_name = names.partition_point(|(_, n)| n.end <= range.start).checked_sub(1).map(|i| &names[i]);
            // Named right before: "Django 4.2", "Python version 3.12", "Django v5.0".
            let named = last_name.filter(|(_, n)| {
                let gap = &text[n.end..range.start];
                let gap = gap.trim_end_matches(['v', 'V']).trim();
                gap.is_empty() || gap.eq_ignore_ascii_case("version")
            });
            let sentence = self.sentence_of(range.start);
            if let Some((product, name)) = named {
                // "React 18": a release; "Python 3": a series, not read.
                if version.short && (!knowledge.products[*product].has_major_cycles() || unit_follows(after)) {
                    continue;
                }
                out.push(Mention {
                    product: *product,
                    version,
                    range: name.start..range.end,
                    explicit: true,
                    plus,
                    sentence,
                });
                continue;
            }
            let has = |p: usize| knowledge.products[p].release(version).is_some();
            let named_here = |p: usize| named_products.contains(&p) || context.contains(&p);
            // In a list or range right after another mention: "Django 4.2,
            // 5.0 and 5.2", "3.8–3.12". A version the list's product does not
            // have but another product named here does is that product's
            // ("Python 3.12 is required by Django 6.0, and 3.14 works too").
            if let Some(prev) = out.last().filter(|m| {
                m.sentence == sentence
                    && is_list_gap(&text[m.range.end..range.start])
                    && (!version.short || (m.version.short && m.explicit))
            }) {
                let other = (0..knowledge.products.len()).find(|&p| p != prev.product && has(p) && named_here(p));
                let (product, explicit) = match other {
                    Some(p) if !has(prev.product) => (p, false),
                    _ => (prev.product, prev.explicit),
                };
                out.push(Mention { product, version, range: range.clone(), explicit, plus, sentence });
                continue;
            }
            // A bare version: only after a word that makes it a release, and
            // only for a product named here or in the context that has it.
            if version.short || !bare_cue(&text[..range.start]) || unit_follows(after) {
                continue;
            }
            let nearest = last_name.map(|(p, _)| *p).filter(|&p| has(p));
            let product = nearest.or_else(|| {
                let mut all: Vec<usize> = named_products.iter().chain(context).copied().filter(|&p| has(p)).collect();
                all.sort_unstable();
                all.dedup();
                (all.len() == 1).then(|| all[0])
            });
            if let Some(product) = product {
                out.push(Mention { product, version, range, explicit: false, plus, sentence });
            }
        }
        if !glued.is_empty() {
            out.extend(glued);
            out.sort_by_key(|m| m.range.start);
        }
        out
    }
}

/// Version numbers in `text`: `A`, `A.B` or `A.B.C`, not part of a longer
/// dotted number, an identifier, a path or a decimal with more digits.
/// One-number versions are releases only right after a product name.
fn versions(text: &str) -> Vec<(Range<usize>, Version)> {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"\d{1,4}(?:\.\d{1,3}(?:\.\d{1,4})?)?").expect("valid"));
    let bytes = text.as_bytes();
    re.find_iter(text)
        .filter(|m| {
            let before = m.start().checked_sub(1).map(|i| bytes[i]);
            let before2 = m.start().checked_sub(2).map(|i| bytes[i]);
            let after = bytes.get(m.end()).copied();
            let after2 = bytes.get(m.end() + 1).copied();
            let bad_before = match before {
                Some(b'v' | b'V') => before2.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_'),
                Some(b) => b.is_ascii_alphanumeric() || matches!(b, b'.' | b'/' | b'_' | b'-' | b'$' | b'#' | b':'),
                None => false,
            };
            let bad_after = match after {
                Some(b'.') => after2.is_some_and(|b| b.is_ascii_digit()),
                Some(b',') => after2.is_some_and(|b| b.is_ascii_digit()), // 1,000
                Some(b) => b.is_ascii_alphanumeric() || matches!(b, b'_' | b'/' | b'%'),
                None => false,
            };
            !bad_before && !bad_after
        })
        .filter_map(|m| Version::parse_any(m.as_str()).map(|v| (m.range(), v)))
        .collect()
}

/// Between two items of a list or range of versions.
fn is_list_gap(gap: &str) -> bool {
    let gap = gap.trim_start_matches(['+', ')']).trim();
    let gap = gap.strip_prefix(',').map_or(gap, str::trim);
    let gap = gap.strip_prefix("LTS").map_or(gap, str::trim).strip_prefix(',').map_or(gap, str::trim);
    matches!(
        gap,
        "" | "," | "and" | "or" | "to" | "through" | "-" | "–" | "—" | "/" | "&" | "and then" | "then" | "or even"
    )
}

/// Whether the word before a bare version makes it a release number.
fn bare_cue(before: &str) -> bool {
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() && !before.is_empty() && !before.ends_with(['(', '[']) {
        return false; // glued to something: "x4.2"
    }
    let word: String =
        trimmed.chars().rev().take_while(|c| c.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
    !word.is_empty() && BARE_CUES.contains(&word.to_lowercase().as_str())
}

fn unit_follows(after: &str) -> bool {
    let after = after.trim_start_matches(['+']);
    let Some(rest) = after.strip_prefix(' ') else { return false };
    let word: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
    UNITS.contains(&word.to_lowercase().as_str())
}

fn starts_with_words(text: &str, phrases: &[&str]) -> bool {
    let t = text.trim_start();
    phrases.iter().any(|p| t.len() >= p.len() && t.is_char_boundary(p.len()) && t[..p.len()].eq_ignore_ascii_case(p))
}

/// Sentences and list items: split after `.`, `!` or `?` followed by
/// space, at blank lines, and before list items. A single line break
/// inside a paragraph (a wrapped line) does not end a sentence.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let end = match b {
            b'.' | b'!' | b'?' if bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) => Some(i + 1),
            b'\n' => {
                let rest = &text[i + 1..];
                let line = rest.trim_start_matches([' ', '\t']);
                let item = line.starts_with("- ")
                    || line.starts_with("* ")
                    || line.starts_with('\n')
                    || line.starts_with("#")
                    || {
                        // "12. item": digits then ". ", read from the line's start only.
                        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
                        digits > 0 && line[digits..].starts_with(". ")
                    };
                item.then_some(i + 1)
            }
            _ => None,
        };
        // A piece with no text joins the next one.
        if let Some(end) = end.filter(|&end| !text[start..end].trim().is_empty()) {
            out.push(start..end);
            start = end;
        }
        i += 1;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    if out.is_empty() {
        out.push(0..text.len());
    }
    out
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentions(text: &str) -> Vec<(String, String, bool)> {
        let k = Knowledge::builtin();
        Scan::new(&k, text, &[])
            .mentions
            .iter()
            .map(|m| (k.products[m.product].name.clone(), text[m.range.clone()].to_owned(), m.explicit))
            .collect()
    }

    #[test]
    fn finds_named_listed_and_bare_versions() {
        let got = mentions("Django 4.2+ supports Python 3.8+, with 4.2 introducing support for 3.11 and 3.13.");
        let want = [
            ("Django", "Django 4.2", true),
            ("Python", "Python 3.8", true),
            ("Django", "4.2", false),
            ("Python", "3.11", false),
            ("Python", "3.13", false), // listed after the bare 3.11
        ];
        assert_eq!(got.len(), 5, "{got:?}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!((g.0.as_str(), g.1.as_str()), (w.0, w.1), "{got:?}");
        }
        assert_eq!(mentions("Django REST framework 3.15 and Django 5.0")[0].0, "Django REST framework");
        assert_eq!(mentions("DRF 3.15 supports Django 4.2, 5.0 and 5.1").len(), 4);
    }

    #[test]
    fn leaves_numbers_that_are_not_releases() {
        for text in [
            "Django pages load in 4.2 seconds.",
            "Django runs at 1.2.3.4 and docs.djangoproject.com/en/5.2/ref/",
            "Django scored 4.2 out of 5.",
            "Django uses `Python 3.12` in code.",
            "Python libs such as numpy 1.26 are fine",
            "Set DJANGO_VERSION=4.2 in Django",
        ] {
            assert!(
                mentions(text).iter().all(|m| m.0 != "Django" || !m.1.contains("4.2")),
                "{text}: {:?}",
                mentions(text)
            );
        }
    }

    #[test]
    fn sentences_split_at_ends_items_and_paragraphs_not_versions() {
        let text = "Django 4.2 is old. Use 5.2!\n- one item\n- two\nwrapped\nline\n\nNew paragraph";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| text[r].trim()).collect();
        assert_eq!(got, ["Django 4.2 is old.", "Use 5.2!", "- one item", "- two\nwrapped\nline", "New paragraph"]);
    }
}

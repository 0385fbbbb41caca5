//! Real-vocabulary text for generated banks.
//!
//! [`Prose`] collects English sentences, item names and short code examples
//! from documentation (Rust doc comments and Markdown READMEs); the
//! generator draws questions and answers from them. The benchmark corpus
//! reads the sources of the crates in `Cargo.lock` from the local cargo
//! registry, so it needs no network and is the same on every machine with
//! the same lock file (see `examples/gen-bank.rs`, `--prose`).

use std::collections::HashSet;

use super::{Flaw, Item, Rng};

/// How many questions and paragraph answers a bank has drawn so far, so
/// that none repeats.
#[derive(Debug, Default)]
pub(super) struct Draws {
    topic: usize,
    statement: usize,
    paragraph: usize,
}

/// Sentences, names and code blocks taken from documentation.
#[derive(Debug, Default, Clone)]
pub struct Prose {
    /// (crate, item name) pairs that questions ask about.
    topics: Vec<(String, String)>,
    /// Sentences in reading order.
    sentences: Vec<String>,
    /// Runs of consecutive sentences from one paragraph, as index ranges.
    paragraphs: Vec<std::ops::Range<usize>>,
    /// The sentences that read well after "it is true that": those that
    /// open with an article or a pronoun.
    statements: Vec<usize>,
    /// Short fenced code examples (the lines between the fences).
    code: Vec<String>,
    /// Every sentence and topic kept, so that none is kept twice.
    seen: HashSet<String>,
}

/// Questions about a named item; `{t}` is the item, `{c}` its crate.
const TOPIC_FORMS: &[&str] = &[
    "What is `{t}` for in {c}?",
    "When would you reach for `{t}` in {c}, and what would you use instead?",
    "How does `{t}` in {c} behave when it fails?",
    "Explain what `{t}` from {c} does and when it is the wrong choice.",
    "How would you test code that depends on `{t}` in {c}?",
    "What does `{t}` cost at run time in {c}?",
    "Which mistakes do people make with `{t}` from {c}?",
    "How is `{t}` different from the closest alternative in {c}?",
    "Describe a bug you could hit with `{t}` in {c}.",
    "Why does {c} provide `{t}`?",
    "What would you check first when `{t}` misbehaves in {c}?",
    "How do you explain `{t}` from {c} to a new team member?",
    "What are the limits of `{t}` in {c}?",
    "Where does `{t}` fit in the design of {c}?",
];

/// Questions about two named items.
const PAIR_FORMS: &[&str] = &[
    "How does `{t}` from {c} compare with `{u}` from {d}?",
    "When would you use `{t}` ({c}) rather than `{u}` ({d})?",
];

/// Questions about a statement; `{s}` is the sentence without its period,
/// first letter in lower case.
const STATEMENT_FORMS: &[&str] = &["Why is it true that {s}?", "Is it accurate to say that {s}? Explain."];

/// Planted defects, written for this generator.
const NOISE_OPENERS: &[&str] =
    &["Sure! Here's a clear explanation of this topic.", "Certainly, here is a concise answer:"];
const NOISE_CLOSERS: &[&str] =
    &["I hope this helps! Let me know if you have any other questions.", "Read more", "⬆ Back to Top"];
const NON_ANSWERS: &[&str] =
    &["It depends.", "TODO: write this answer.", "See above.", "There are various factors, many reasons, etc."];
const STALE_CLAIMS: &[&str] = &[
    "Django 3.2 is the latest LTS release, so start new projects on it.",
    "Python 3.20 makes this noticeably faster.",
    "Django 5.1 LTS is the release to pick for long-lived projects.",
];

impl Prose {
    /// Add the documentation of one Rust source file of crate `krate`:
    /// doc comments (`///`, `//!`) and the names of the items they document.
    pub fn add_rust(&mut self, krate: &str, text: &str) {
        let mut doc: Vec<&str> = Vec::new();
        for line in text.lines() {
            let t = line.trim_start();
            if let Some(rest) = t.strip_prefix("///").or_else(|| t.strip_prefix("//!")) {
                doc.push(rest.strip_prefix(' ').unwrap_or(rest));
                continue;
            }
            if !doc.is_empty() {
                let had_prose = self.add_doc(&doc);
                if had_prose && let Some(name) = item_name(t) {
                    self.add_topic(krate, name);
                }
                doc.clear();
            }
        }
        self.add_doc(&doc);
    }

    /// Add a Markdown document: its paragraphs and code blocks.
    pub fn add_markdown(&mut self, text: &str) {
        let lines: Vec<&str> = text.lines().collect();
        self.add_doc(&lines);
    }

    /// Paragraphs and fenced code of a documentation block; whether any
    /// sentence was kept.
    fn add_doc(&mut self, lines: &[&str]) -> bool {
        let before = self.sentences.len();
        let mut paragraph = String::new();
        let mut fence: Option<Vec<&str>> = None;
        for line in lines.iter().chain(std::iter::once(&"")) {
            let t = line.trim();
            if t.starts_with("```") {
                match fence.take() {
                    Some(code) => {
                        if (1..=12).contains(&code.len()) && code.iter().all(|l| !l.trim_start().starts_with('#')) {
                            self.code.push(code.join("\n"));
                        }
                    }
                    None => {
                        self.add_paragraph(&paragraph);
                        paragraph.clear();
                        fence = Some(Vec::new());
                    }
                }
                continue;
            }
            if let Some(code) = fence.as_mut() {
                code.push(line);
                continue;
            }
            if t.is_empty() || t.starts_with(['#', '|', '<', '[', '!', '*', '-', '>']) {
                self.add_paragraph(&paragraph);
                paragraph.clear();
                continue;
            }
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(t);
        }
        self.sentences.len() > before
    }

    fn add_topic(&mut self, krate: &str, name: &str) {
        if self.seen.insert(format!("{krate}\u{0}{name}")) {
            self.topics.push((krate.to_owned(), name.to_owned()));
        }
    }

    fn add_paragraph(&mut self, paragraph: &str) {
        let start = self.sentences.len();
        for s in sentences(paragraph) {
            if !self.seen.insert(s.to_owned()) {
                continue;
            }
            if ["The ", "This ", "It ", "A ", "An ", "Each ", "Every ", "These ", "All "]
                .iter()
                .any(|w| s.starts_with(w))
            {
                self.statements.push(self.sentences.len());
            }
            self.sentences.push(s.to_owned());
        }
        if self.sentences.len() > start {
            self.paragraphs.push(start..self.sentences.len());
        }
    }

    /// Whether there is enough text to draw a bank from.
    pub fn is_usable(&self) -> bool {
        self.topics.len() >= 10 && self.statements.len() >= 10 && self.sentences.len() >= 100
    }

    /// (topics, sentences, code blocks) collected.
    pub fn size(&self) -> (usize, usize, usize) {
        (self.topics.len(), self.sentences.len(), self.code.len())
    }

    /// A fresh item: a question not asked before (until the text runs out)
    /// and an answer of real sentences.
    pub(super) fn item(&self, rng: &mut Rng, n: usize, draws: &mut Draws) -> Item {
        let about_statement = rng.chance(25) && draws.statement < self.statements.len();
        let (question, tag, subject) = if about_statement {
            let statement = draws.statement;
            draws.statement += 1;
            let s = &self.sentences[self.statements[permute(statement, self.statements.len())]];
            let s = s.trim_end_matches('.');
            let mut lowered = s.to_owned();
            if let Some(c) = lowered.get_mut(0..1) {
                c.make_ascii_lowercase();
            }
            let form = STATEMENT_FORMS[statement % STATEMENT_FORMS.len()];
            let subject: String = s.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
            (form.replace("{s}", &lowered), "statements".to_owned(), subject)
        } else {
            let topic = draws.topic;
            draws.topic += 1;
            let forms = TOPIC_FORMS.len();
            let total = self.topics.len() * forms;
            if topic < total {
                let k = permute(topic, total);
                let (krate, name) = &self.topics[k / forms];
                let q = TOPIC_FORMS[k % forms].replace("{t}", name).replace("{c}", krate);
                (q, krate.clone(), format!("`{name}`"))
            } else {
                // Past the last (topic, form) pair, questions compare two
                // topics: pair `j` of topic `t` is (t, t + 1 + j).
                let t_count = self.topics.len();
                let i = (topic - total) % (t_count * (t_count - 1));
                let (t, j) = (i % t_count, i / t_count);
                let u = (t + 1 + j) % t_count;
                let ((c, name), (d, other)) = (&self.topics[t], &self.topics[u]);
                let form = PAIR_FORMS[j % PAIR_FORMS.len()];
                let q = form.replace("{t}", name).replace("{c}", c).replace("{u}", other).replace("{d}", d);
                (q, c.clone(), format!("`{name}`"))
            }
        };
        let mut answer = self.answer(rng, draws);
        let mut flaw = Flaw::None;
        // About one question in 40 carries a planted defect of some family.
        match rng.below(1000) {
            0..=3 => answer.insert(0, NOISE_OPENERS[rng.below(NOISE_OPENERS.len())].to_owned()),
            4..=7 => answer.push(NOISE_CLOSERS[rng.below(NOISE_CLOSERS.len())].to_owned()),
            8..=9 => {
                if let Some(first) = answer.first_mut() {
                    first.push_str(" [2]");
                }
            }
            10..=11 => flaw = Flaw::Tracking,
            12..=13 => {
                if let Some(last) = answer.last().cloned() {
                    answer.push(last);
                }
            }
            14..=17 => answer = vec![NON_ANSWERS[rng.below(NON_ANSWERS.len())].to_owned()],
            18..=21 => answer.push(STALE_CLAIMS[rng.below(STALE_CLAIMS.len())].to_owned()),
            22 => flaw = Flaw::MissingAnswer,
            23 => flaw = Flaw::BadLevel,
            _ => {}
        }
        Item { id: format!("q-{n:07}"), topic: subject, tag, question, answer, flaw }
    }

    /// Two to five sentences: a run from a paragraph not used before,
    /// topped up with sentences from anywhere; now and then a code example.
    fn answer(&self, rng: &mut Rng, draws: &mut Draws) -> Vec<String> {
        let want = 2 + rng.below(4);
        let mut answer: Vec<String> = Vec::new();
        if rng.chance(35) && draws.paragraph < self.paragraphs.len() {
            let p = &self.paragraphs[permute(draws.paragraph, self.paragraphs.len())];
            draws.paragraph += 1;
            answer.extend(self.sentences[p.clone()].iter().take(want).cloned());
        }
        while answer.len() < want {
            answer.push(self.sentences[rng.below(self.sentences.len())].clone());
        }
        if !self.code.is_empty() && rng.chance(10) {
            answer.push(format!("\n```rust\n{}\n```", self.code[rng.below(self.code.len())]));
        }
        answer
    }
}

/// The `k`-th element of a fixed permutation of `0..n` (k < n).
fn permute(k: usize, n: usize) -> usize {
    let mut step = (n as f64 * 0.618_033_988_7) as usize | 1;
    while gcd(step, n) != 1 {
        step += 2;
    }
    (k % n * step + n / 3) % n
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// The name a Rust item line declares (`pub fn name`, `pub struct Name`, …).
fn item_name(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("pub ")?;
    let rest = rest.strip_prefix("async ").unwrap_or(rest);
    let rest = rest.strip_prefix("unsafe ").unwrap_or(rest);
    let rest = ["fn ", "struct ", "enum ", "trait ", "type ", "mod ", "const ", "static ", "macro "]
        .iter()
        .find_map(|k| rest.strip_prefix(k))?;
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
    (end >= 3).then(|| &rest[..end])
}

/// The sentences of a paragraph worth keeping: prose that starts with a
/// capital letter, ends with a period, and is between 30 and 300 bytes.
fn sentences(paragraph: &str) -> impl Iterator<Item = &str> {
    let mut out = Vec::new();
    let bytes = paragraph.as_bytes();
    let mut start = 0;
    for i in 0..bytes.len() {
        let end_here = bytes[i] == b'.'
            && (i + 1 == bytes.len()
                || (bytes[i + 1] == b' ' && bytes.get(i + 2).is_some_and(|b| b.is_ascii_uppercase())));
        if end_here {
            out.push(paragraph[start..=i].trim());
            start = i + 1;
        }
    }
    out.into_iter().filter(|s| {
        (30..=300).contains(&s.len())
            && s.starts_with(|c: char| c.is_ascii_uppercase())
            && s.split_whitespace().count() >= 5
            && !s.contains("e.g")
            && !s.contains("i.e")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUST: &str = "//! Fast maps for small keys.\n//!\n//! This crate keeps every key inline. It never allocates memory on lookup.\n\n\
                        /// Returns the entry for a key, inserting a default when it is missing.\n\
                        ///\n/// ```\n/// let e = map.entry(1);\n/// ```\npub fn entry_or_default(&mut self) {}\n\n\
                        /// x\npub fn tiny() {}\n";

    #[test]
    fn rust_docs_give_sentences_names_and_code() {
        let mut p = Prose::default();
        p.add_rust("smallmap", RUST);
        assert_eq!(p.topics, [("smallmap".to_owned(), "entry_or_default".to_owned())]);
        assert_eq!(
            p.sentences,
            [
                "This crate keeps every key inline.",
                "It never allocates memory on lookup.",
                "Returns the entry for a key, inserting a default when it is missing."
            ]
        );
        assert_eq!(p.paragraphs, [0..2, 2..3]);
        assert_eq!(p.code, ["let e = map.entry(1);"]);
    }

    #[test]
    fn markdown_tables_and_headings_are_not_prose() {
        let mut p = Prose::default();
        p.add_markdown(
            "# Getting started\n\n| a | b |\n|---|---|\n\nThe parser reads one line at a time and keeps no state.\n",
        );
        assert!(p.topics.is_empty());
        assert_eq!(p.sentences, ["The parser reads one line at a time and keeps no state."]);
    }

    #[test]
    fn the_permutation_visits_every_index_once() {
        for n in [1, 2, 8, 100, 1001] {
            let mut seen: Vec<usize> = (0..n).map(|k| permute(k, n)).collect();
            seen.sort_unstable();
            assert_eq!(seen, (0..n).collect::<Vec<_>>(), "n = {n}");
        }
    }
}

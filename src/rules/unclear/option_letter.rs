//! `unclear/option-letter`: an answer that points at options the question
//! does not show. A bank converted from a quiz keeps the letter of the
//! correct option ("b) 300 seconds", "A, C, E") after the options are gone;
//! the reader cannot tell what "A, C, E" means. Letters are fine when the
//! question lists lettered options ("A. Clarity", "(B) Contrast", on lines
//! of their own or inline) or shows
//! an image they may label, and a single bare letter is left alone: it may
//! be a value (the keyboard shortcut "E", the language "C").

use regex::Regex;
use std::sync::OnceLock;

use super::{finding, trimmed};
use crate::bank::{Question, Text};
use crate::finding::Finding;
use crate::packs::Entry;

pub const ID: &str = "unclear/option-letter";

pub struct Check<'a> {
    entry: &'a Entry,
}

/// Lettered options in a question: a line that starts with "A." / "b)" /
/// "(C)", after an optional list marker or heading marks.
fn option_line() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?m)^[ \t]*(?:[-*+][ \t]+|#+[ \t]*)?\(?([A-Ha-h])[.)][ \t]+\S").expect("valid"))
}

/// A leading option label: "b) ", "(c) ", "D. " followed by more text.
fn label() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\A[ \t]*(?:\([A-Ha-h]\)|[A-Ha-h]\)|[A-H]\.|[a-h]\.)(?:[ \t]+\S|[ \t]*\n)").expect("valid")
    })
}

/// Letters only: "A, C, E", "A and C", "B & D", "A,B,C,D", "Both A and B".
fn letters() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\A(?:both[ \t]+|options?[ \t]+)?[A-H](?:[ \t]*(?:,|&|/|\band\b|\bor\b)[ \t]*(?:and[ \t]+)?[A-H]\b)+[ \t]*\.?\z")
            .expect("valid")
    })
}

/// Lettered options inside a line: "… A. SVG B. JPEG C. PNG".
fn inline_option() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?:^|[ \t(])\(?([A-H])[.)][ \t]+\S").expect("valid"))
}

/// Whether the question shows lettered options or an image they may label.
fn shows_options(question: &str) -> bool {
    let mut letters: Vec<char> = option_line()
        .captures_iter(question)
        .chain(inline_option().captures_iter(question))
        .filter_map(|c| c.get(1)?.as_str().chars().next())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    letters.sort_unstable();
    letters.dedup();
    letters.len() >= 2 || question.contains("![") || question.contains("<img")
}

impl<'a> Check<'a> {
    pub fn new(entry: &'a Entry) -> Self {
        Check { entry }
    }

    pub fn check(&self, source: &str, q: &Question, question: &Text, answer: &Text) -> Option<Finding> {
        let range = trimmed(&answer.value);
        let text = &answer.value[range.clone()];
        let (hit, what) = if letters().is_match(text) {
            (range.clone(), "option letters")
        } else if let Some(m) = label().find(text) {
            let shown = m.as_str().trim_end();
            let end = range.start + m.start() + shown.rfind([')', '.']).map_or(shown.len(), |i| i + 1);
            let start = range.start + (m.as_str().len() - m.as_str().trim_start().len());
            (start..end, "an option label")
        } else {
            return None;
        };
        if shows_options(&question.value) {
            return None;
        }
        let shown = &answer.value[hit.clone()];
        let message = self.entry.message.replace("{match}", shown).replace("{what}", what);
        Some(finding(source, self.entry, q, answer, hit, message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_letter_lists() {
        for t in ["b) 300 seconds", "(c) yes", "D. Keyboard", "d.\n\n```bash\nls\n```"] {
            assert!(label().is_match(t), "{t:?}");
        }
        assert!(!label().is_match("e.g. this"));
        assert!(!label().is_match("a cat"));
        for t in ["A, C, E", "A and C", "B & D", "A,B,C,D", "Both A and B", "A or B."] {
            assert!(letters().is_match(t), "{t:?}");
        }
        for t in ["A", "C", "A class", "a and b are equal"] {
            assert!(!letters().is_match(t), "{t:?}");
        }
    }

    #[test]
    fn options_in_the_question_count() {
        assert!(shows_options("Which? (Select two.)\n\nA. one\nB. two\nC. three"));
        assert!(shows_options("Which?\n\n#### A. one\n\n#### B. two"));
        assert!(shows_options("Which layers are affected?\n\n![layers](q.png)"));
        assert!(shows_options("Which formats? (Select all that apply.) A. SVG B. JPEG C. PNG"));
        assert!(!shows_options("How long can a Lambda function run?"));
        assert!(!shows_options("A. one only"));
    }
}

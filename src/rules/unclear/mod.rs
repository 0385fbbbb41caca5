//! Unclear answers (`unclear/*`): answers that are not answers.
//!
//! Every rule of the family is an entry of the built-in pack
//! `rules/unclear.yaml`, which holds its documentation, examples and word
//! lists. `meta-answer`, `placeholder` and `unsure` are plain patterns, run
//! by [`super::pattern`]; `vague` is phrases in the same automaton plus the
//! judgement in [`vague`]; the others are code here, one small file each,
//! reading their word lists from the pack. What a question asks for and
//! whether an answer is a key rather than written prose comes from
//! [`crate::rules::form`].

pub mod grammar;
pub mod keywords;
pub mod non_answer;
pub mod option_letter;
pub mod restates;
pub mod too_short;
pub mod truncated;
pub mod vague;

use std::collections::HashSet;

use crate::bank::{Bank, Question};
use crate::finding::Finding;
use crate::packs::{Entry, Packs};

/// `[unclear]` settings from djlint.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Minimum words of an answer to a how or why question, per level.
    pub min_words: Vec<(String, usize)>,
    /// The minimum when the question has no level (or one not listed).
    pub min_words_default: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_words: vec![("beginner".into(), 6), ("intermediate".into(), 8), ("advanced".into(), 10)],
            min_words_default: 6,
        }
    }
}

impl Options {
    pub fn min_words_for(&self, level: Option<&str>) -> usize {
        level.and_then(|l| self.min_words.iter().find(|(n, _)| n == l)).map_or(self.min_words_default, |(_, n)| *n)
    }
}

/// A word list of a pack entry, as a set of lower-case words.
pub fn word_set(entry: &Entry, name: &str) -> HashSet<String> {
    entry.list(name).iter().map(|w| w.to_lowercase()).collect()
}

/// The words of a text: runs of letters, digits, `_` and `'`, with their
/// byte ranges.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '\''))
        .scan(0usize, move |pos, w| {
            let start = *pos;
            *pos += w.len() + text[start + w.len()..].chars().next().map_or(0, char::len_utf8);
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// The per-question code rules of the family.
pub fn check(
    bank: &Bank,
    packs: &Packs,
    options: &Options,
    key_files: &crate::rules::form::KeyFiles,
    enabled: &(dyn Fn(&str) -> bool + Sync),
) -> Vec<Finding> {
    let entry = |id: &str| packs.position(id).map(|i| &*packs.entries[i]).filter(|e| enabled(e.rule.id));
    let non_answer = entry(non_answer::ID).map(non_answer::Check::new);
    let restates = entry(restates::ID).map(restates::Check::new);
    let keywords = entry(keywords::ID).map(keywords::Check::new);
    let too_short = entry(too_short::ID).map(too_short::Check::new);
    let grammar = entry(grammar::ID).map(|e| grammar::Check::new(e, bank));
    let option_letter = entry(option_letter::ID).map(option_letter::Check::new);
    let truncated = entry(truncated::ID).map(truncated::Check::new);
    if non_answer.is_none()
        && restates.is_none()
        && keywords.is_none()
        && too_short.is_none()
        && grammar.is_none()
        && option_letter.is_none()
        && truncated.is_none()
    {
        return Vec::new();
    }
    // In a file of answer keys (a quiz bank's correct options), short
    // answers are the norm and restating the question is how options read.
    let key_files = key_files.get();
    let each = |q: &Question, out: &mut Vec<Finding>| {
        let source = &*bank.file(q.file).text;
        if let Some(g) = &grammar {
            out.extend(g.check(source, q));
        }
        let (Some(question), Some(answer)) = (&q.question, q.prose()) else { return };
        // Leftovers of lost structure, in any kind of file.
        out.extend(option_letter.as_ref().and_then(|c| c.check(source, q, question, answer)));
        out.extend(truncated.as_ref().and_then(|c| c.check(source, q, answer)));
        let keys = key_files[q.file];
        let found = non_answer.as_ref().and_then(|c| c.check(source, q, question, answer, keys));
        // A non-answer is not also too short, a restatement or a list.
        if found.is_some() {
            out.extend(found);
            return;
        }
        let found = keywords.as_ref().and_then(|c| c.check(source, q, question, answer, keys));
        if found.is_some() {
            out.extend(found);
            return;
        }
        if keys {
            return;
        }
        let found = restates.as_ref().and_then(|c| c.check(source, q, question, answer));
        if found.is_some() {
            out.extend(found);
            return;
        }
        out.extend(too_short.as_ref().and_then(|c| c.check(source, q, question, answer, options)));
    };
    crate::rules::per_question(bank, each)
}

pub use crate::rules::pack_finding as finding;

/// The trimmed part of a text, as a byte range.
pub fn trimmed(text: &str) -> std::ops::Range<usize> {
    let start = text.len() - text.trim_start().len();
    start..text.trim_end().len().max(start)
}

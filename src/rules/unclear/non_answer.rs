//! `unclear/non-answer`: "It depends.", "See above", "N/A", or a bare
//! "Yes." to a question that asks why, how or what something is. To a
//! question that asks for a value or a choice, "true", "none" or "NA" can be
//! the answer.

use std::collections::HashSet;

use super::{finding, trimmed, word_set};
use crate::bank::{Question, Text};
use crate::finding::Finding;
use crate::packs::Entry;
use crate::rules::form::{self, Asks};

pub const ID: &str = "unclear/non-answer";

pub struct Check<'a> {
    entry: &'a Entry,
    empty: HashSet<String>,
    bare: HashSet<String>,
}

impl<'a> Check<'a> {
    pub fn new(entry: &'a Entry) -> Self {
        Check { entry, empty: word_set(entry, "empty"), bare: word_set(entry, "bare") }
    }

    /// `keys`: the file holds answer keys, where "None" or "True" is an option.
    pub fn check(&self, source: &str, q: &Question, question: &Text, answer: &Text, keys: bool) -> Option<Finding> {
        let range = trimmed(&answer.value);
        let shown = &answer.value[range.clone()];
        if shown.len() > 40 {
            return None;
        }
        let key = shown.trim_end_matches(['.', '!', ',', ';', ':']).trim().to_lowercase();
        let key = if key.is_empty() { shown.to_owned() } else { key };
        let bare = || {
            !keys
                && self.bare.contains(&key)
                && matches!(form::asks(&question.value), Asks::Explanation | Asks::Task | Asks::Definition)
        };
        if !(self.empty.contains(&key) || bare()) {
            return None;
        }
        let message = self.entry.message.replace("{match}", shown);
        Some(finding(source, self.entry, q, answer, range, message))
    }
}

//! `unclear/non-answer`: "It depends.", "See above", "N/A", or a bare
//! "Yes." to a question that asks how, why or what.

use std::collections::HashSet;

use super::{finding, first_word, trimmed, word_set};
use crate::bank::{Question, Text};
use crate::finding::Finding;
use crate::packs::Entry;

pub const ID: &str = "unclear/non-answer";

pub struct Check<'a> {
    entry: &'a Entry,
    empty: HashSet<String>,
    bare: HashSet<String>,
    asks: HashSet<String>,
}

impl<'a> Check<'a> {
    pub fn new(entry: &'a Entry) -> Self {
        Check { entry, empty: word_set(entry, "empty"), bare: word_set(entry, "bare"), asks: word_set(entry, "asks") }
    }

    pub fn check(&self, q: &Question, question: &Text, answer: &Text) -> Option<Finding> {
        let range = trimmed(&answer.value);
        let shown = &answer.value[range.clone()];
        if shown.len() > 40 {
            return None;
        }
        let key = shown.trim_end_matches(['.', '!', ',', ';', ':']).trim().to_lowercase();
        let key = if key.is_empty() { shown.to_owned() } else { key };
        let asks = self.asks.contains(&first_word(&question.value));
        if !(self.empty.contains(&key) || (asks && self.bare.contains(&key))) {
            return None;
        }
        let message = self.entry.message.replace("{match}", shown);
        Some(finding(self.entry, q, answer, range, message))
    }
}

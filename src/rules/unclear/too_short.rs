//! `unclear/too-short`: an answer to a how or why question shorter than
//! the minimum for its level.

use std::collections::HashSet;

use super::{Options, finding, first_word, trimmed, word_set, words};
use crate::bank::{Question, Text};
use crate::finding::Finding;
use crate::packs::Entry;

pub const ID: &str = "unclear/too-short";

pub struct Check<'a> {
    entry: &'a Entry,
    asks: HashSet<String>,
}

impl<'a> Check<'a> {
    pub fn new(entry: &'a Entry) -> Self {
        Check { entry, asks: word_set(entry, "asks") }
    }

    pub fn check(&self, q: &Question, question: &Text, answer: &Text, options: &Options) -> Option<Finding> {
        let level = q.level.as_ref().map(|l| l.value.as_str());
        let min = options.min_words_for(level);
        // Cheap bound first: fewer bytes than words cannot be short enough to matter.
        if answer.value.len() > min * 40 || !self.asks.contains(&first_word(&question.value)) {
            return None;
        }
        let count = words(&answer.value).count();
        if count >= min {
            return None;
        }
        let which = level.map_or_else(|| "without a level".to_owned(), |l| format!("at level {l}"));
        let message =
            format!("{count}-word answer to a how or why question; answers {which} need at least {min} words");
        Some(finding(self.entry, q, answer, trimmed(&answer.value), message))
    }
}

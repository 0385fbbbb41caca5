//! `unclear/restates-question`: the answer only repeats the question's
//! content words: none new, or one new among at least three repeated.

use std::collections::HashSet;

use super::{finding, trimmed, word_set, words};
use crate::bank::{Question, Text};
use crate::finding::Finding;
use crate::packs::Entry;

pub const ID: &str = "unclear/restates-question";

/// Answers longer than this many words always add something.
const MAX_WORDS: usize = 30;

pub struct Check<'a> {
    entry: &'a Entry,
    filler: HashSet<String>,
}

/// A light stem, so that "handles", "handled" and "handle" compare equal.
pub fn stem(word: &str) -> String {
    let w = word.to_lowercase();
    let w = w.trim_end_matches("'s").trim_end_matches('\'');
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(s) = w.strip_suffix(suffix)
            && s.len() >= 3
        {
            return s.trim_end_matches('e').to_owned();
        }
    }
    w.trim_end_matches('e').to_owned()
}

impl<'a> Check<'a> {
    pub fn new(entry: &'a Entry) -> Self {
        Check { entry, filler: word_set(entry, "filler") }
    }

    pub fn check(&self, q: &Question, question: &Text, answer: &Text) -> Option<Finding> {
        if answer.value.len() > MAX_WORDS * 12 || answer.value.contains('`') {
            return None;
        }
        let asked: HashSet<String> = words(&question.value).map(|(_, w)| stem(w)).collect();
        let (mut total, mut new, mut repeated) = (0, 0, 0);
        for (_, w) in words(&answer.value) {
            total += 1;
            if total > MAX_WORDS {
                return None;
            }
            if self.filler.contains(&w.to_lowercase()) {
                continue;
            }
            if asked.contains(&stem(w)) {
                repeated += 1;
            } else {
                new += 1;
                if new > 1 {
                    return None;
                }
            }
        }
        // Nothing new, or one new word among at least three of the question's.
        if !(new == 0 && repeated >= 1 || new == 1 && repeated >= 3) {
            return None;
        }
        Some(finding(self.entry, q, answer, trimmed(&answer.value), self.entry.message.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(stem("handles"), stem("handle"));
        assert_eq!(stem("handled"), stem("handling"));
        assert_eq!(stem("Django's"), "django");
        assert_ne!(stem("cache"), stem("catch"));
    }
}

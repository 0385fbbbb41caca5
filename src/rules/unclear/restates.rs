//! `unclear/restates-question`: a written answer that only repeats the
//! question's content words: at least three of them and none new. Answer
//! keys (three words or fewer, an option, a number, a literal) and answers
//! to choice or quantity questions are left alone.

use std::collections::HashSet;

use super::{finding, trimmed, word_set, words};
use crate::bank::{Question, Text};
use crate::finding::Finding;
use crate::packs::Entry;
use crate::rules::form::{self, Asks};

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

    pub fn check(&self, source: &str, q: &Question, question: &Text, answer: &Text) -> Option<Finding> {
        if answer.value.len() > MAX_WORDS * 12 || answer.value.contains('`') {
            return None;
        }
        let asked: HashSet<String> = words(&question.value).map(|(_, w)| stem(w)).collect();
        let (mut total, mut repeated) = (0, 0);
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
                return None; // a word of its own
            }
        }
        // Nothing new, and at least three of the question's words again,
        // in a written answer to a question that does not ask for a choice
        // or a number.
        if repeated < 3
            || form::shape(&answer.value).is_key()
            || matches!(form::asks(&question.value), Asks::Selection | Asks::Quantity)
        {
            return None;
        }
        Some(finding(source, self.entry, q, answer, trimmed(&answer.value), self.entry.message.clone()))
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

//! `unclear/too-short`: an answer to a question that asks for reasons or
//! a mechanism ("Why …", "Explain …", "How does X …") shorter than the
//! minimum for its level. Answer keys (an option, a number, a literal) are
//! not judged: a quiz answer is short by design.

use super::{Options, finding, trimmed};
use crate::bank::{Question, Text};
use crate::finding::Finding;
use crate::packs::Entry;
use crate::rules::form::{self, Asks};

pub const ID: &str = "unclear/too-short";

pub struct Check<'a> {
    entry: &'a Entry,
}

impl<'a> Check<'a> {
    pub fn new(entry: &'a Entry) -> Self {
        Check { entry }
    }

    pub fn check(
        &self,
        source: &str,
        q: &Question,
        question: &Text,
        answer: &Text,
        options: &Options,
    ) -> Option<Finding> {
        let level = q.level.as_ref().map(|l| l.value.as_str());
        let min = options.min_words_for(level);
        // Cheap bound first: fewer bytes than words cannot be short enough to matter.
        if answer.value.len() > min * 40 || form::asks(&question.value) != Asks::Explanation {
            return None;
        }
        let shape = form::shape(&answer.value);
        let count = shape.prose_words;
        if count >= min || shape.option_ref || shape.literal {
            return None;
        }
        let which = level.map_or_else(|| "without a level".to_owned(), |l| format!("at level {l}"));
        let message =
            format!("{count}-word answer to a how or why question; answers {which} need at least {min} words");
        Some(finding(source, self.entry, q, answer, trimmed(&answer.value), message))
    }
}

//! `unclear/keyword-list`: "Keywords: ORM, admin, scalability", or an
//! answer that is only a list of short terms, for a question that asks for
//! an explanation.

use std::collections::HashSet;

use super::{finding, first_word, trimmed, word_set, words};
use crate::bank::{Question, Text};
use crate::finding::Finding;
use crate::packs::Entry;

pub const ID: &str = "unclear/keyword-list";

/// Items of a list longer than this many words are phrases, not keywords.
const MAX_ITEM_WORDS: usize = 3;
/// Fewer items than this may be a terse but fair answer.
const MIN_ITEMS: usize = 4;

pub struct Check<'a> {
    entry: &'a Entry,
    labels: HashSet<String>,
    verbs: HashSet<String>,
    list_questions: HashSet<String>,
}

impl<'a> Check<'a> {
    pub fn new(entry: &'a Entry) -> Self {
        Check {
            entry,
            labels: word_set(entry, "labels"),
            verbs: word_set(entry, "verbs"),
            list_questions: word_set(entry, "list-questions"),
        }
    }

    pub fn check(&self, q: &Question, question: &Text, answer: &Text) -> Option<Finding> {
        let text = &answer.value;
        if text.len() > 400 || text.contains('`') {
            return None;
        }
        let range = trimmed(text);
        // "Keywords: ..." (the label up to its colon) is a keyword list.
        if let Some((label, _)) = text[range.clone()].split_once(':')
            && self.labels.contains(&label.trim().to_lowercase())
        {
            let shown: String = text[range.clone()].chars().take(60).map(|c| if c == '\n' { ' ' } else { c }).collect();
            return Some(finding(self.entry, q, answer, range, self.entry.message.replace("{match}", &shown)));
        }
        if self.list_questions.contains(&first_word(&question.value)) {
            return None;
        }
        let body = text[range.clone()].trim_end_matches('.');
        if body.contains(['.', '!', '?', ':', '(']) {
            return None; // sentences or explanations
        }
        let items: Vec<&str> = body
            .split([',', ';', '\n', '|', '•'])
            .map(|i| i.trim().trim_start_matches(['-', '*']).trim())
            .filter(|i| !i.is_empty())
            .collect();
        let short = |item: &&str| {
            let n = words(item).count();
            n > 0 && n <= MAX_ITEM_WORDS && !words(item).any(|(_, w)| self.verbs.contains(&w.to_lowercase()))
        };
        if items.len() < MIN_ITEMS || !items.iter().all(short) {
            return None;
        }
        let shown: String = text[range.clone()].chars().take(60).map(|c| if c == '\n' { ' ' } else { c }).collect();
        Some(finding(self.entry, q, answer, range, self.entry.message.replace("{match}", &shown)))
    }
}

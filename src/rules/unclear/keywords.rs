//! `unclear/keyword-list`: "Keywords: ORM, admin, scalability", or an
//! answer that is only a list of short terms, for a question that asks for
//! an explanation rather than for several things. Lists of values ("1, 2,
//! 3", "A, C, E", "10vw = 80px") are keys, not keywords.

use std::collections::HashSet;

use super::{finding, trimmed, word_set, words};
use crate::bank::{Question, Text};
use crate::finding::Finding;
use crate::packs::Entry;
use crate::rules::form;

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

    /// `keys`: the file holds answer keys, where a list of terms is an option.
    pub fn check(&self, source: &str, q: &Question, question: &Text, answer: &Text, keys: bool) -> Option<Finding> {
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
            return Some(finding(source, self.entry, q, answer, range, self.entry.message.replace("{match}", &shown)));
        }
        if keys || self.asks_for_several(&question.value) || form::is_option_ref(&text[range.clone()]) {
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
        // A term is words: no digits or symbols, which make it a value.
        let term = |item: &&str| item.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '/' | '+'));
        let short = |item: &&str| {
            let n = words(item).count();
            n > 0
                && n <= MAX_ITEM_WORDS
                && term(item)
                && !words(item).any(|(_, w)| self.verbs.contains(&w.to_lowercase()))
        };
        if items.len() < MIN_ITEMS || !items.iter().all(short) {
            return None;
        }
        let shown: String = text[range.clone()].chars().take(60).map(|c| if c == '\n' { ' ' } else { c }).collect();
        Some(finding(source, self.entry, q, answer, range, self.entry.message.replace("{match}", &shown)))
    }

    /// Whether the question asks for several things, so that a list is a
    /// fair answer: a list word ("which", "name", "are", "four", "order")
    /// in its asking sentence, or a plural noun right after "what".
    fn asks_for_several(&self, question: &str) -> bool {
        let sentence = form::asking_sentence(question);
        let ws: Vec<String> = words(sentence).map(|(_, w)| w.to_lowercase()).collect();
        ws.iter().any(|w| self.list_questions.contains(w))
            || ws.iter().enumerate().any(|(i, w)| {
                let function_word =
                    |n: &str| matches!(n, "does" | "this" | "thus" | "has" | "was" | "is" | "its" | "his");
                w == "what" && ws[i + 1..].iter().take(2).any(|n| !function_word(n) && crate::words::is_plural(n))
            })
    }
}

//! `unclear/truncated`: an answer cut off mid-sentence, "To specify the
//! name of". Its last word is one that cannot end an English sentence (an
//! article, a conjunction, a possessive: the pack's `dangling` list), or a
//! preposition (`prepositions`) in a last sentence that has nothing to
//! strand it (no relative or question word, no subject: the pack's
//! `stranders`, so "the groups you are a member of" and "what location it
//! was sent from" are whole), or it ends with a comma, or with a colon that
//! ends its only paragraph. Answers that end in code, a link, a value or a
//! capitalised word ("Edit > Paste Into", "c is 3 and d is A") are left
//! alone, and so are answers of fewer than three words.

use std::collections::HashSet;

use super::{finding, word_set};
use crate::bank::markdown;
use crate::bank::{Question, Text};
use crate::finding::Finding;
use crate::packs::Entry;

pub const ID: &str = "unclear/truncated";

pub struct Check<'a> {
    entry: &'a Entry,
    dangling: HashSet<String>,
    prepositions: HashSet<String>,
    stranders: HashSet<String>,
}

impl<'a> Check<'a> {
    pub fn new(entry: &'a Entry) -> Self {
        Check {
            entry,
            dangling: word_set(entry, "dangling"),
            prepositions: word_set(entry, "prepositions"),
            stranders: word_set(entry, "stranders"),
        }
    }

    pub fn check(&self, source: &str, q: &Question, answer: &Text) -> Option<Finding> {
        let text = answer.value.trim_end();
        let end = text.len();
        // The cheap part first: how the text ends.
        let hit = if text.ends_with(',') || (text.ends_with(':') && !text.ends_with("::")) {
            // A colon that ends a later paragraph introduces something set
            // out elsewhere (a list, the next entries); one that ends the
            // only paragraph leaves the answer unsaid.
            if text.ends_with(':') && crate::rules::form::paragraphs(text).nth(1).is_some() {
                return None;
            }
            end - 1..end
        } else {
            let start =
                text.char_indices().rev().find(|(_, c)| !c.is_ascii_alphabetic()).map_or(0, |(i, c)| i + c.len_utf8());
            let word = &text[start..];
            let before = text[..start].chars().next_back();
            let plain = before.is_none_or(|c| c == ' ') && word.bytes().all(|b| b.is_ascii_lowercase());
            if !plain || !(self.dangling.contains(word) || self.prepositions.contains(word)) {
                return None;
            }
            let stranded = || {
                let sentence = text[..start].rsplit(['.', '!', '?', '\n']).next().unwrap_or("");
                sentence
                    .split(|c: char| !c.is_alphanumeric() && c != '\'')
                    .any(|w| self.stranders.contains(&w.to_lowercase()))
            };
            if !self.dangling.contains(word) && stranded() {
                return None;
            }
            start..end
        };
        let last_line = text.rsplit('\n').next()?.trim();
        if text.split_whitespace().nth(2).is_none() || last_line.starts_with(['-', '*', '|', '>', '#']) {
            return None;
        }
        // The end of the text must be prose: not code, a link or a table.
        let code = markdown::code_regions(text);
        if markdown::overlaps(&code, &(end - 1..end)) || markdown::links(text).iter().any(|l| l.range.end == end) {
            return None;
        }
        let tail: Vec<char> = text.chars().rev().take(40).collect();
        let shown: String = tail.into_iter().rev().collect();
        let shown = shown.trim_start();
        let message = self.entry.message.replace("{match}", shown);
        Some(finding(source, self.entry, q, answer, hit, message))
    }
}

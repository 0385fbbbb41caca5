//! `unclear/vague`: hedges and filler with nothing concrete.
//!
//! The hedge phrases are in the pack (and so in the run's automaton); this
//! decides, once all hits of a text are known, whether they add up to a
//! vague answer: at least two hedges and not one concrete thing (code, an
//! identifier, a number, a term of the field). The hits then become one,
//! from the first hedge to the last.

use std::collections::HashSet;

use super::{word_set, words};
use crate::packs::{Entry, Hit};

pub const ID: &str = "unclear/vague";

/// How many hedges make an answer vague.
const MIN_HEDGES: usize = 2;

pub struct Judge {
    /// The entry's index in the run's packs.
    pub entry: usize,
    terms: HashSet<String>,
}

impl Judge {
    pub fn new(index: usize, entry: &Entry) -> Self {
        Judge { entry: index, terms: word_set(entry, "terms") }
    }

    /// Keep one hit for a vague text, none otherwise.
    pub fn settle(&self, text: &str, hits: &mut Vec<Hit>) {
        let mine: Vec<usize> = (0..hits.len()).filter(|&i| hits[i].entry == self.entry).collect();
        if mine.is_empty() {
            return;
        }
        let vague = mine.len() >= MIN_HEDGES && !self.concrete(text);
        let (start, end) =
            mine.iter().fold((usize::MAX, 0), |(s, e), &i| (s.min(hits[i].range.start), e.max(hits[i].range.end)));
        hits.retain(|h| h.entry != self.entry);
        if vague {
            hits.push(Hit { entry: self.entry, range: start..end, replacement: None });
        }
    }

    /// Code, an identifier, a number or a term of the field.
    fn concrete(&self, text: &str) -> bool {
        if text.contains('`') {
            return true;
        }
        words(text).any(|(at, w)| {
            let next = text[at + w.len()..].chars().next();
            w.contains('_')
                || w.bytes().any(|b| b.is_ascii_digit())
                || w.chars().skip(1).any(char::is_uppercase)
                || matches!(next, Some('(' | '.'))
                    && text[at + w.len() + 1..].starts_with(|c: char| c.is_alphanumeric() || c == ')')
                || self.terms.contains(&w.to_lowercase())
        })
    }
}

//! `unclear/template-grammar`: template slots filled badly in question
//! text. "What is serializers in ...", "How does signals work", and a
//! question that starts with a term in lower case that the rest of the
//! bank's questions capitalise ("django ORM ..." where the bank writes
//! "Django").

use std::collections::{HashMap, HashSet};

use super::{finding, word_set, words};
use crate::bank::{Bank, Question};
use crate::finding::Finding;
use crate::packs::Entry;

pub const ID: &str = "unclear/template-grammar";

/// How often the bank must capitalise a word mid-sentence (and never write
/// it in lower case there) before a lower-case start counts.
const MIN_CAPITALISED: usize = 3;

pub struct Check<'a> {
    entry: &'a Entry,
    singular: HashSet<String>,
    /// Lower-case first words of questions whose capitalised form the bank uses.
    capitalised: HashSet<String>,
}

impl<'a> Check<'a> {
    pub fn new(entry: &'a Entry, bank: &Bank) -> Self {
        let questions = || bank.questions.iter().filter_map(|q| q.question.as_ref()).map(|t| t.value.as_str());
        // Candidates: lower-case first words.
        let mut counts: HashMap<String, (usize, usize)> = questions()
            .filter_map(|t| words(t).next())
            .filter(|(_, w)| w.starts_with(|c: char| c.is_lowercase()))
            .map(|(_, w)| (w.to_owned(), (0, 0)))
            .collect();
        if !counts.is_empty() {
            for t in questions() {
                for (at, w) in words(t).skip(1) {
                    let after_stop = text_before(t, at).ends_with(['.', '!', '?', ':']);
                    if after_stop {
                        continue;
                    }
                    let lower = w.to_lowercase();
                    if let Some(c) = counts.get_mut(&lower) {
                        if w == lower {
                            c.1 += 1;
                        } else if w.chars().skip(1).collect::<String>() == lower.chars().skip(1).collect::<String>() {
                            c.0 += 1;
                        }
                    }
                }
            }
        }
        let capitalised =
            counts.into_iter().filter(|(_, (up, low))| *up >= MIN_CAPITALISED && *low == 0).map(|(w, _)| w).collect();
        Check { entry, singular: word_set(entry, "singular"), capitalised }
    }

    pub fn check(&self, source: &str, q: &Question) -> Option<Finding> {
        let text = q.question.as_ref()?;
        let mut ws = words(&text.value);
        let (s0, w0) = ws.next()?;
        if self.capitalised.contains(w0) {
            let message =
                format!("`{w0}` starts the question in lower case; the rest of the bank writes it capitalised");
            return Some(finding(source, self.entry, q, text, s0..s0 + w0.len(), message));
        }
        let (_, w1) = ws.next()?;
        let (s2, w2) = ws.next()?;
        let verb = (w0.to_lowercase(), w1.to_lowercase());
        let plural_slot = match (verb.0.as_str(), verb.1.as_str()) {
            ("what" | "which", "is") | ("how", "does") => self.plural(w2),
            _ => false,
        };
        if !plural_slot {
            return None;
        }
        if verb.0 == "how" && !ws.next().is_some_and(|(_, w)| w.eq_ignore_ascii_case("work")) {
            return None;
        }
        let end = s2 + w2.len();
        let shown = &text.value[s0..end];
        Some(finding(source, self.entry, q, text, s0..end, self.entry.message.replace("{match}", shown)))
    }

    /// A plural noun in a slot: an acronym plural (`APIs`), or a lower-case
    /// word that the word list takes for a plural (`serializers`, not
    /// `nodejs` or `status`) and the pack does not list as singular.
    fn plural(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        let acronym =
            word.len() > 2 && word[..word.len() - 1].chars().all(|c| c.is_ascii_uppercase()) && word.ends_with('s');
        let plain = word.chars().all(|c| c.is_lowercase());
        lower.len() > 3 && !self.singular.contains(&lower) && (acronym || plain && crate::words::is_plural(&lower))
    }
}

fn text_before(text: &str, at: usize) -> &str {
    text[..at].trim_end()
}

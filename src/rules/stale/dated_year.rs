//! `stale/dated-year` and `stale/dated-question`: time-bound framing ("in
//! 2025", "as of 2022", "a 2024 guide") whose year is over, in an answer
//! (info) or in the question itself (a warning: the question is stale).
//! Both read the lists of `stale/dated-year`. A year in a link's address
//! ("…/answers-2021/") and an open range ("as of 2024+") are not framing.

use super::scan::Scan;
use super::{Claim, Cue, Cx, any_of, each_of, message};
use crate::bank::markdown;
use crate::packs::Entry;

pub const ID: &str = "stale/dated-year";
pub const QUESTION_ID: &str = "stale/dated-question";

pub struct Check<'a> {
    pub entry: &'a Entry,
    always: Vec<Cue>,
    in_present: Vec<Cue>,
    present: Cue,
    history: Cue,
    /// "As of 2022, …" frames a statement about then unless it speaks in
    /// the present ("is", "supports", "recommended").
    as_of: Cue,
    tense: Cue,
}

impl<'a> Check<'a> {
    pub fn new(entry: &'a Entry) -> Self {
        Check {
            entry,
            always: each_of(entry, "year-patterns"),
            in_present: each_of(entry, "present-year-patterns"),
            present: any_of(entry, "present-patterns"),
            history: any_of(entry, "history-patterns"),
            as_of: any_of(entry, "as-of-patterns"),
            tense: any_of(entry, "present-tense-patterns"),
        }
    }

    fn check_text(&self, cx: &Cx, scan: &Scan, out: &mut Vec<Claim>) {
        self.check_as(cx, scan, self.entry, out);
    }

    /// The claims of `scan`, with messages written by `report_as` (this
    /// rule's entry, or `stale/dated-question`'s for a question).
    pub fn check_as(&self, cx: &Cx, scan: &Scan, report_as: &Entry, out: &mut Vec<Claim>) {
        // The caller runs this only on texts that pass `has_year`.
        let text = scan.text;
        let addresses = markdown::addresses(text, false);
        let mut found: Vec<std::ops::Range<usize>> = Vec::new();
        for (re, needs_present) in
            self.always.iter().map(|r| (r, false)).chain(self.in_present.iter().map(|r| (r, true)))
        {
            for caps in re.captures_iter(text) {
                let (Some(whole), Some(year)) = (caps.get(0), caps.name("year")) else { continue };
                let expired = year.as_str().parse::<i32>().is_ok_and(|y| y < cx.as_of.year);
                // A full date ("2025-03-28", "2025/03") is a fact, not framing.
                let date = text[year.end()..].starts_with(['-', '/'])
                    && text[year.end() + 1..].starts_with(|c: char| c.is_ascii_digit());
                // "as of 2024+": from then on, not a year that ends.
                let open = text[year.end()..].starts_with('+');
                if !expired
                    || date
                    || open
                    || scan.in_code(&whole.range())
                    || markdown::overlaps(&addresses, &year.range())
                {
                    continue;
                }
                // "As of 2020, Microsoft advocated …" reports what held then.
                if !needs_present && self.as_of.is_match(whole.as_str()) {
                    let sentence = scan.sentence(scan.sentence_of(whole.start()));
                    if !self.tense.is_match(sentence) && !self.present.is_match(sentence) {
                        continue;
                    }
                }
                if needs_present {
                    let sentence = scan.sentence(scan.sentence_of(whole.start()));
                    if !self.present.is_match(sentence) || self.history.is_match(sentence) {
                        continue;
                    }
                }
                if found.iter().all(|r| r.end <= whole.start() || r.start >= whole.end()) {
                    found.push(whole.range());
                }
            }
        }
        for range in found {
            let shown = text[range.clone()].to_owned();
            out.push((range, message(report_as, &[("match", &shown), ("as-of", &cx.as_of.to_string())])));
        }
    }
}

/// Whether `text` has a four-digit number starting 19 or 20.
pub fn has_year(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(b'1', b'2', b).any(|i| {
        b.len() >= i + 4
            && matches!(&b[i..i + 2], b"19" | b"20")
            && b[i + 2].is_ascii_digit()
            && b[i + 3].is_ascii_digit()
    })
}

text_check!(Check<'static>);

//! Noise rules (`noise/*`): text that no reader should see — citation
//! residue from chat exports, chat markers, tracking parameters, product
//! pitches, text-extraction damage, footnote numbers and page furniture.
//!
//! Every noise rule is an entry of the built-in pack `rules/noise.yaml`,
//! which holds its documentation, patterns, phrases, fix and examples;
//! [`super::pattern`] runs them. This folder holds the code four of them
//! need beyond a pattern: which `[1]` is a footnote ([`footnote`]), which
//! separator goes with a removed query parameter ([`tracking`]), which two
//! words are one word split by a stray space ([`extraction`], whose
//! pattern is built from the pack's word lists and the English word list),
//! and which "Source:" line is pasted attribution rather than a reference
//! with a link ([`citation`]). `doubled-text` is all code ([`doubled`]),
//! run by [`check`].

pub mod chip;
pub mod citation;
pub mod doubled;
pub mod extraction;
pub mod footnote;
pub mod tracking;

use std::ops::Range;

use crate::bank::Bank;
use crate::finding::Finding;
use crate::packs::{Entry, Hit, Packs};

/// The noise rules whose check is all code ([`doubled`]), over the
/// question and answer of every question.
pub fn check(bank: &Bank, packs: &Packs, enabled: &(dyn Fn(&str) -> bool + Sync)) -> Vec<Finding> {
    let Some(entry) = packs.position(doubled::ID).map(|i| &*packs.entries[i]).filter(|e| enabled(e.rule.id)) else {
        return Vec::new();
    };
    crate::rules::per_question(bank, |q, out| {
        let source = &bank.files[q.file].text;
        // An option of one or two words may be a value on purpose: the
        // output `BearBear` of `"Bear" + "Bear"`.
        let choices = q.choices.iter().map(|c| &c.text).filter(|t| t.value.split_whitespace().nth(2).is_some());
        for text in q.question.iter().chain(choices).chain(q.prose()) {
            out.extend(doubled::check(entry, q, source, text));
        }
    })
}

/// Let a rule's own code adjust a hit of its patterns in `text`, or drop
/// it (returns `false`).
pub fn refine(entry: &Entry, text: &str, hit: &Hit) -> bool {
    match entry.rule.id {
        footnote::ID => footnote::is_footnote(text, &hit.range),
        extraction::ID => extraction::is_split(text, &hit.range),
        citation::ID => citation::is_residue(text, &hit.range),
        chip::ID => !chip::is_shortcut(text, &hit.range, entry.list("keys")),
        NAV_RESIDUE => !in_page_link(text, &hit.range),
        _ => true,
    }
}

const NAV_RESIDUE: &str = "noise/nav-residue";

/// Whether `range` lies in the text of a Markdown link to an anchor of the
/// same page (`[⬆ Back to top](#contents)`): navigation the page's author
/// wrote, which works, not text left over from a scraped page.
fn in_page_link(text: &str, range: &Range<usize>) -> bool {
    crate::bank::markdown::links(text)
        .iter()
        .any(|l| l.text.start <= range.start && range.end <= l.text.end && text[l.text.end..].starts_with("](#"))
}

/// How a rule derives a pattern from its pack entry's lists: the pattern
/// and the literals (lower case) one of which every match contains.
pub type Derive = fn(&Entry) -> Option<(String, Vec<Vec<u8>>)>;

/// The pattern a rule derives from its pack entry's word lists, scanned
/// with the entry's own patterns, if the rule has one.
pub fn derived_pattern(entry: &Entry) -> Option<Derive> {
    match entry.rule.id {
        extraction::ID => Some(|e: &Entry| extraction::split_pattern(e.list("joined"), e.list("common"))),
        _ => None,
    }
}

/// The range a fix replaces for a hit at `range`: the hit itself, except
/// where the rule's code knows better.
pub fn fix_range(id: &str, text: &str, range: Range<usize>) -> Range<usize> {
    match id {
        tracking::ID => tracking::removal(text, range),
        _ => range,
    }
}

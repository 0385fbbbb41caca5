//! Runs the rules of every rule pack (built-in and user) over the text
//! fields of each question: one pass of the packs' automaton per field,
//! then the family's own refinements for the few rules that need code
//! (see [`super::noise`]), then findings labelled at the exact text.

use rayon::prelude::*;

use crate::bank::{Bank, Question, Text};
use crate::finding::Finding;
use crate::fix;
use crate::packs::{Entry, Field, Hit, Packs};
use crate::rules::{noise, unclear};

/// The findings of every enabled pack rule.
pub fn check(bank: &Bank, packs: &Packs, enabled: &(dyn Fn(&str) -> bool + Sync)) -> Vec<Finding> {
    let wanted: Vec<bool> = packs.entries.iter().map(|e| enabled(e.rule.id)).collect();
    // Entries that only document a code rule have no patterns: with none
    // of the others selected there is nothing to build or scan.
    if !packs.scans_any(&|i| wanted[i]) {
        return Vec::new();
    }
    let scanner = packs.scanner(&|i| wanted[i], bank.text_bytes());
    let vague = packs
        .position(unclear::vague::ID)
        .filter(|&i| wanted[i])
        .map(|i| unclear::vague::Judge::new(i, &packs.entries[i]));
    bank.questions
        .par_iter()
        .fold(Vec::new, |mut out, q| {
            let source = &bank.files[q.file].text;
            let mut hits = Vec::new();
            for (field, text) in fields(q) {
                hits.clear();
                scanner.scan(packs, &text.value, field, &mut hits);
                if let Some(judge) = &vague {
                    judge.settle(&text.value, &mut hits);
                }
                findings(packs, q, source, text, &mut hits, &mut out);
            }
            out
        })
        .reduce(Vec::new, |mut a, mut b| {
            a.append(&mut b);
            a
        })
}

/// The text fields of a question that packs read.
fn fields(q: &Question) -> impl Iterator<Item = (Field, &Text)> {
    let question = q.question.as_ref().map(|t| (Field::Question, t));
    let choices = q.choices.iter().map(|c| (Field::Choices, &c.text));
    let prose = q.prose().map(|t| (Field::Answer, t));
    question.into_iter().chain(choices).chain(prose).chain(q.sources.iter().map(|t| (Field::Sources, t)))
}

fn findings(packs: &Packs, q: &Question, source: &str, text: &Text, hits: &mut Vec<Hit>, out: &mut Vec<Finding>) {
    let value = text.value.as_str();
    hits.retain(|hit| noise::refine(packs.entries[hit.entry].rule.id, value, hit));
    // Two patterns of one rule on the same junk make one finding.
    hits.sort_by_key(|h| (h.entry, h.range.start, std::cmp::Reverse(h.range.end)));
    hits.dedup_by(|later, earlier| later.entry == earlier.entry && later.range.start < earlier.range.end);
    for hit in hits.iter() {
        let entry = &packs.entries[hit.entry];
        let matched = &value[hit.range.clone()];
        let mut finding =
            Finding::new(entry.rule, q.file, text.span_of(source, hit.range.clone()), message(entry, matched))
                .question(q.id())
                .fix(hit.replacement.as_deref().and_then(|r| {
                    fix::replace(source, text, noise::fix_range(entry.rule.id, value, hit.range.clone()), r)
                }));
        if let Some(help) = &entry.help {
            finding = finding.help(help.clone());
        }
        out.push(finding);
    }
}

/// The entry's message with `{match}` replaced by the matched text, shortened.
fn message(entry: &Entry, matched: &str) -> String {
    if !entry.message.contains("{match}") {
        return entry.message.clone();
    }
    let mut shown: String = matched.trim().chars().take(60).map(|c| if c == '\n' { ' ' } else { c }).collect();
    if matched.trim().chars().count() > 60 {
        shown.push('…');
    }
    entry.message.replace("{match}", &shown)
}

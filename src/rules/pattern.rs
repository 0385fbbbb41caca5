//! Runs the rules of every rule pack (built-in and user) over the text
//! fields of each question: one pass of the packs' automaton per field,
//! then the family's own refinements for the few rules that need code
//! (see [`super::noise`]), then findings labelled at the exact text.

use rayon::prelude::*;

use crate::bank::{Bank, Question, Text};
use crate::finding::{Finding, family_of};
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
                findings(packs, q.file, q.id(), source, text, &mut hits, &mut out);
            }
            out
        })
        .chain(prose(bank, packs, &scanner))
        .reduce(Vec::new, |mut a, mut b| {
            a.append(&mut b);
            a
        })
}

/// Rules that judge how links and navigation are written in an answer.
/// In a page's own text (a sponsor's link with its campaign parameters,
/// "Back to top" links) these are the author's deliberate choices.
const LINK_DECORATION: &[&str] = &["noise/nav-residue", "noise/tracking-param"];

/// The noise rules over the text of Markdown banks that belongs to no
/// question (an introduction, promotion between sections): junk there is
/// still in the published page. The other families judge answers and
/// questions only.
fn prose<'a>(
    bank: &'a Bank,
    packs: &'a Packs,
    scanner: &'a crate::packs::Scanner,
) -> impl ParallelIterator<Item = Vec<Finding>> + 'a {
    bank.files.par_iter().enumerate().filter(|(_, f)| !f.prose.is_empty()).map(move |(file, f)| {
        let mut out = Vec::new();
        let mut hits = Vec::new();
        // The page's header, before its first question, is where a site
        // puts its own sponsors; promotion between questions interrupts
        // the content.
        let first = bank.questions[f.questions.clone()].first().map_or(usize::MAX, |q| q.span.start);
        for text in &f.prose {
            hits.clear();
            scanner.scan(packs, &text.value, Field::Answer, &mut hits);
            let header = text.span.end <= first;
            hits.retain(|h| {
                let id = packs.entries[h.entry].rule.id;
                family_of(id) == "noise" && !LINK_DECORATION.contains(&id) && !(header && id == "noise/promo")
            });
            findings(packs, file, None, &f.text, text, &mut hits, &mut out);
        }
        out
    })
}

/// The text fields of a question that packs read.
fn fields(q: &Question) -> impl Iterator<Item = (Field, &Text)> {
    let question = q.question.as_ref().map(|t| (Field::Question, t));
    let choices = q.choices.iter().map(|c| (Field::Choices, &c.text));
    let prose = q.prose().map(|t| (Field::Answer, t));
    question.into_iter().chain(choices).chain(prose).chain(q.sources.iter().map(|t| (Field::Sources, t)))
}

fn findings(
    packs: &Packs,
    file: crate::finding::FileId,
    qid: Option<&str>,
    source: &str,
    text: &Text,
    hits: &mut Vec<Hit>,
    out: &mut Vec<Finding>,
) {
    let value = text.value.as_str();
    hits.retain(|hit| noise::refine(&packs.entries[hit.entry], value, hit));
    // Two patterns of one rule on the same junk make one finding.
    hits.sort_by_key(|h| (h.entry, h.range.start, std::cmp::Reverse(h.range.end)));
    hits.dedup_by(|later, earlier| later.entry == earlier.entry && later.range.start < earlier.range.end);
    for hit in hits.iter() {
        let entry = &packs.entries[hit.entry];
        let matched = &value[hit.range.clone()];
        let mut finding =
            Finding::new(entry.rule, file, text.span_of(source, hit.range.clone()), message(entry, matched))
                .question(qid)
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

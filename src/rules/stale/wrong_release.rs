//! `stale/wrong-release`: a feature credited to a release that did not
//! introduce (or remove) it.

use super::scan::{Mention, Scan};
use super::{Claim, Cue, Cx, any_of, before_window, message, release_name};
use crate::knowledge::{Change, FeatureHit};
use crate::packs::Entry;

pub const ID: &str = "stale/wrong-release";

/// How a sentence ties a feature to a release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Credit {
    /// "F is new in X", "X added F": X is the release.
    Exact,
    /// "F since X": X is not earlier than the release.
    Since,
}

pub struct Check<'a> {
    pub entry: &'a Entry,
    credit: Cue,
    credits: Cue,
    removal: Cue,
    removes: Cue,
    since: Cue,
    asks_new: Cue,
    earlier: Cue,
    negation: Cue,
}

impl<'a> Check<'a> {
    pub fn new(entry: &'a Entry) -> Self {
        Check {
            entry,
            credit: any_of(entry, "credit-patterns"),
            credits: any_of(entry, "credits-patterns"),
            removal: any_of(entry, "removal-patterns"),
            removes: any_of(entry, "removes-patterns"),
            since: any_of(entry, "since-patterns"),
            asks_new: any_of(entry, "asks-new-patterns"),
            earlier: any_of(entry, "earlier-patterns"),
            negation: any_of(entry, "negation-patterns"),
        }
    }

    fn check_text(&self, cx: &Cx, scan: &Scan, out: &mut Vec<Claim>) {
        let features = scan.features(cx.knowledge, cx.day);
        if features.is_empty() {
            return;
        }
        let text = scan.text;
        for (i, m) in scan.mentions.iter().enumerate() {
            let between_free = |range: std::ops::Range<usize>| {
                scan.mentions.iter().all(|o| o.range.end <= range.start || o.range.start >= range.end)
            };
            let same =
                |f: &&FeatureHit| f.feature.product == m.product && scan.sentence_of(f.range.start) == m.sentence;
            // "F is new in X", "F was removed in X", "F ... since X".
            if let Some(f) = features.iter().filter(same).rev().find(|f| f.range.end <= m.range.start) {
                let gap = &text[f.range.end..m.range.start];
                if between_free(f.range.end..m.range.start) && !self.negation.is_match(gap) {
                    let credit = match f.feature.change {
                        Change::Introduced if self.credit.is_match(gap) => Some(Credit::Exact),
                        Change::Introduced if self.since.is_match(gap) => Some(Credit::Since),
                        Change::Removed if self.removal.is_match(gap) => Some(Credit::Exact),
                        _ => None,
                    };
                    if let Some(credit) = credit {
                        self.judge(cx, f, m, credit, None, out);
                        continue;
                    }
                }
            }
            // "X added F", "X removed F", "Since X, F ...".
            if let Some(f) = features.iter().filter(same).find(|f| f.range.start >= m.range.end) {
                let gap = &text[m.range.end..f.range.start];
                if between_free(m.range.end..f.range.start) {
                    let since_before = before_window(scan, i, 12).trim_end().to_lowercase().ends_with("since");
                    let credit = match f.feature.change {
                        Change::Introduced if self.credits.is_match(gap) => Some(Credit::Exact),
                        Change::Introduced if since_before && gap.len() < 60 => Some(Credit::Since),
                        Change::Removed if self.removes.is_match(gap) => Some(Credit::Exact),
                        _ => None,
                    };
                    if let Some(credit) = credit {
                        self.judge(cx, f, m, credit, None, out);
                    }
                }
            }
        }
    }

    /// An answer to "What's new in X?": the features it lists are
    /// credited to X, unless their sentence names a release or speaks of
    /// something earlier or improved.
    pub fn check_answer_to(&self, cx: &Cx, question: &Scan, answer: &Scan, out: &mut Vec<Claim>) {
        let asked = question
            .mentions
            .iter()
            .enumerate()
            .find(|(i, _)| self.asks_new.is_match(before_window(question, *i, 40)))
            .map(|(_, m)| m);
        let Some(asked) = asked else { return };
        for f in answer.features(cx.knowledge, cx.day) {
            if f.feature.product != asked.product || f.feature.change != Change::Introduced {
                continue;
            }
            let sentence = answer.sentence_of(f.range.start);
            let first = answer.mentions.partition_point(|m| m.sentence < sentence);
            if answer.mentions[first..]
                .iter()
                .take_while(|m| m.sentence == sentence)
                .any(|m| m.product == asked.product)
                || self.earlier.is_match(answer.sentence(sentence))
            {
                continue;
            }
            let shown = &question.text[asked.range.clone()];
            self.judge(cx, f, asked, Credit::Exact, Some((f.range.clone(), shown)), out);
        }
    }

    /// Report `f` credited to `m` if the knowledge base disagrees. The
    /// finding labels the release mention, or `label` (a range of another
    /// text, with the mention as written) for answers to a question.
    fn judge(
        &self,
        cx: &Cx,
        f: &FeatureHit,
        m: &Mention,
        credit: Credit,
        label: Option<(std::ops::Range<usize>, &str)>,
        out: &mut Vec<Claim>,
    ) {
        let (product, release, feature) = cx.knowledge.feature(f.feature);
        if product.release(m.version).is_none() {
            return; // unknown-version's business
        }
        // The release as written ("React 16", "Django 4.2.1") and the one
        // that made the change ("React 16.8", "Django 4.2").
        let claimed = product.spelled(m.version);
        let came = release.version_of(feature);
        let same = claimed.is_in(came) || came.is_in(claimed);
        let wrong = match credit {
            Credit::Exact => !same,
            Credit::Since => !same && claimed.numbers() < came.numbers(),
        };
        if !wrong {
            return;
        }
        let claimed = if claimed.short || claimed.patch.is_none() { claimed } else { claimed.cycle() };
        let actual = release_name(product, came);
        let verb = if f.feature.change == Change::Removed { "was removed in" } else { "came in" };
        let fact = match (credit, &label) {
            (_, Some((_, asked))) => {
                format!("{} {verb} {actual}, not {asked} as the question says ({})", feature.name, feature.source)
            }
            (Credit::Exact, None) => format!("{} {verb} {actual}, not {claimed} ({})", feature.name, feature.source),
            (Credit::Since, None) => format!("{} {verb} {actual}, after {claimed} ({})", feature.name, feature.source),
        };
        let range = label.map_or_else(|| m.range.clone(), |(r, _)| r);
        out.push((range, message(self.entry, &[("feature", &feature.name), ("fact", &fact)])));
    }
}

text_check!(Check<'static>);

//! `stale/python-support`: a claim about which versions of another
//! product (Python, or Django for DRF) a release supports that contradicts
//! the release's `supports` list.

use super::scan::Scan;
use super::{Claim, Cue, Cx, any_of, message, prose_list, release_name};
use crate::packs::Entry;

pub const ID: &str = "stale/python-support";

/// The most text between a release and a version it makes a claim about.
const MAX_REGION: usize = 100;

/// What a sentence says about a release and a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Supports,
    Added,
    Not,
}

pub struct Check<'a> {
    pub entry: &'a Entry,
    support: Cue,
    added: Cue,
    negation: Cue,
    clause: Cue,
}

impl<'a> Check<'a> {
    pub fn new(entry: &'a Entry) -> Self {
        Check {
            entry,
            support: any_of(entry, "support-patterns"),
            added: any_of(entry, "added-patterns"),
            negation: any_of(entry, "negation-patterns"),
            clause: any_of(entry, "clause-patterns"),
        }
    }

    fn kind(&self, segment: &str, inherited: Option<Kind>) -> Option<Kind> {
        // A claim does not carry into another clause ("…, but Python 3.13
        // needs Django 5.1.3"), unless that clause denies it ("but not 3.9").
        let inherited = match inherited {
            Some(_) if self.clause.is_match(segment) && !self.negation.is_match(segment) => None,
            other => other,
        };
        let own = if self.support.is_match(segment) {
            Some(if self.added.is_match(segment) { Kind::Added } else { Kind::Supports })
        } else {
            None
        };
        match (own, self.negation.is_match(segment)) {
            (Some(_), true) => Some(Kind::Not),
            (Some(k), false) => Some(k),
            (None, true) => inherited.map(|_| Kind::Not),
            (None, false) => inherited,
        }
    }

    fn check_text(&self, cx: &Cx, scan: &Scan, out: &mut Vec<Claim>) {
        let mentions = &scan.mentions;
        let mut kinds: Vec<Option<Kind>> = vec![None; mentions.len()];
        for (ti, t) in mentions.iter().enumerate() {
            let target = &cx.product(t.product).name;
            let is_subject = |j: usize| {
                let s = &mentions[j];
                s.sentence == t.sentence
                    && s.product != t.product
                    && cx.product(s.product).release(s.version).and_then(|r| r.support_for(target)).is_some()
            };
            // Mentions come in text order: only those of the same sentence
            // and near enough to make a claim (see `MAX_REGION`) are looked
            // at, so the search stays linear in the text.
            let near = |j: &usize| {
                let m = &mentions[*j];
                m.sentence == t.sentence
                    && m.range.end + MAX_REGION >= t.range.start
                    && t.range.end + MAX_REGION >= m.range.start
            };
            let before = (0..ti).rev().take_while(near).find(|&j| is_subject(j));
            let after = (ti + 1..mentions.len()).take_while(near).find(|&j| is_subject(j));
            let (si, forward) = match (before, after) {
                (Some(s), _) => (s, true),
                (None, Some(s)) => (s, false),
                (None, None) => continue,
            };
            let s = &mentions[si];
            let region = if forward { s.range.end..t.range.start } else { t.range.end..s.range.start };
            if region.len() > MAX_REGION {
                continue;
            }
            // The release and the version are in different clauses.
            let separated = |r: &std::ops::Range<usize>| self.clause.is_match(&scan.text[r.clone()]);
            // In a list ("3.11 and 3.13"), a version takes the claim of the
            // one before it unless its own words say otherwise.
            let (segment, inherited) = match ti.checked_sub(1) {
                Some(p) if forward && p > si && mentions[p].product == t.product => {
                    (mentions[p].range.end..t.range.start, kinds[p])
                }
                _ if separated(&region) => continue,
                _ => (region, None),
            };
            let Some(kind) = self.kind(&scan.text[segment], inherited) else { continue };
            kinds[ti] = Some(kind);
            let product = cx.product(s.product);
            let Some(release) = product.release(s.version) else { continue };
            let Some(list) = release.support_for(target) else { continue };
            let cycle = t.version.cycle();
            let found = list.versions.iter().find(|(v, _)| *v == cycle);
            let subject = release_name(product, release.cycle);
            let versions: Vec<String> = list.versions.iter().map(|(v, _)| v.to_string()).collect();
            let listed = format!("it supports {target} {}", prose_list(&versions));
            let fact = match (kind, found) {
                (Kind::Supports, None) => format!("{subject} does not support {target} {cycle}: {listed}"),
                (Kind::Added, None) => format!("{subject} never supported {target} {cycle}: {listed}"),
                (Kind::Added, Some((_, None))) => {
                    let earlier =
                        product.releases.iter().rev().filter(|r| r.cycle < release.cycle).find(|r| {
                            r.support_for(target).is_some_and(|l| l.versions.iter().any(|(v, _)| *v == cycle))
                        });
                    let Some(earlier) = earlier else { continue };
                    let since = earlier
                        .support_for(target)
                        .and_then(|l| l.versions.iter().find(|(v, _)| *v == cycle))
                        .and_then(|(_, s)| *s)
                        .map_or(String::new(), |s| format!(" (from {s})"));
                    format!(
                        "{target} {cycle} support came before {subject}: {} {} already supported it{since}",
                        product.name, earlier.cycle
                    )
                }
                (Kind::Not, Some((_, since))) => {
                    let since = since.map_or(String::new(), |s| format!(" (from {s})"));
                    format!("{subject} does support {target} {cycle}{since}")
                }
                _ => continue,
            };
            let fact = format!("{fact} ({})", release.supports_source);
            out.push((t.range.clone(), message(self.entry, &[("release", &subject), ("fact", &fact)])));
        }
    }
}

text_check!(Check<'static>);

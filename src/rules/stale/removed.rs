//! `stale/removed-feature`: an answer that recommends something removed
//! from every supported release, or that every supported release has
//! replaced as the default, without saying so.

use super::scan::Scan;
use super::{Claim, Cue, Cx, any_of, message, release_name};
use crate::knowledge::Change;
use crate::packs::Entry;

pub const ID: &str = "stale/removed-feature";

pub struct Check<'a> {
    pub entry: &'a Entry,
    aware: Cue,
}

impl<'a> Check<'a> {
    pub fn new(entry: &'a Entry) -> Self {
        Check { entry, aware: any_of(entry, "aware-patterns") }
    }

    /// Whether `text` shows that the thing is gone ("legacy", "removed").
    pub fn is_aware(&self, text: &str) -> bool {
        self.aware.is_match(text)
    }

    fn check_text(&self, cx: &Cx, scan: &Scan, out: &mut Vec<Claim>) {
        let mut seen = Vec::new();
        let mut aware = None;
        let mut oldest_named = None;
        for f in scan.features(cx.knowledge, cx.day) {
            if !f.feature.change.is_gone() || seen.contains(&f.feature) {
                continue;
            }
            let (product, release, feature) = cx.knowledge.feature(f.feature);
            if !release.is_released(cx.day)
                || (feature.needs_product && !scan.names_product(cx.knowledge, f.feature.product))
            {
                continue;
            }
            // Gone from every supported release.
            let mut supported = product.releases.iter().filter(|r| r.is_released(cx.day) && r.is_supported(cx.day));
            let Some(oldest) = supported.next() else { continue };
            if oldest.cycle < release.cycle {
                continue;
            }
            let replaced = f.feature.change == Change::Replaced;
            if replaced {
                // Still there, only no longer the default: the answer knows
                // when it says so where it names it, or names what replaced
                // it as the default anywhere. A word such as "old" elsewhere
                // in a long answer does not make it history.
                if self.aware.is_match(scan.sentence(scan.sentence_of(f.range.start))) || feature.is_known_in(scan.text)
                {
                    continue;
                }
            } else if *aware.get_or_insert_with(|| self.aware.is_match(scan.text)) {
                return;
            }
            // An older release named: "In Django 3.2 ...", "Django 1.x".
            let oldest_named = oldest_named.get_or_insert_with(|| oldest_mentioned(cx, scan));
            if oldest_named.iter().any(|&(p, c)| p == f.feature.product && c.numbers() < release.cycle.numbers())
                || older_series_named(cx, scan.text, f.feature.product, release.cycle.major)
            {
                continue;
            }
            seen.push(f.feature);
            let range = f.range.clone();
            let instead = feature.instead.as_deref().map_or(String::new(), |i| format!("; instead, use {i}"));
            let change = if replaced { "is not the default since" } else { "was removed in" };
            let fact = format!(
                "{} {change} {} ({}); supported as of {}: {}{instead}",
                feature.name,
                release_name(product, release.cycle),
                feature.source,
                cx.as_of,
                product.supported_list(cx.day)
            );
            out.push((range, message(self.entry, &[("feature", &feature.name), ("fact", &fact)])));
        }
    }
}

/// For each product the text (or its question) mentions, the oldest
/// release cycle it names:
/// one pass over the mentions, however many removed features there are.
fn oldest_mentioned(cx: &Cx, scan: &Scan) -> Vec<(usize, crate::knowledge::Version)> {
    let mut out: Vec<(usize, crate::knowledge::Version)> = Vec::new();
    let named = scan.mentions.iter().map(|m| (m.product, cx.product(m.product).cycle_of(m.version)));
    for (product, cycle) in named.chain(scan.asked.iter().copied()) {
        match out.iter_mut().find(|(p, _)| *p == product) {
            Some((_, c)) if cycle < *c => *c = cycle,
            Some(_) => {}
            None => out.push((product, cycle)),
        }
    }
    out
}

text_check!(Check<'static>);

/// Whether the text names a release series of `product` by its major
/// number alone ("Django 1.x", "Django 3") below `major`.
fn older_series_named(cx: &Cx, text: &str, product: usize, major: u32) -> bool {
    cx.knowledge.names_in(text).into_iter().filter(|(p, _)| *p == product).any(|(_, name)| {
        let rest = text[name.end..].trim_start();
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = &rest[digits.len()..];
        let series = after.is_empty()
            || after.starts_with(".x")
            || after.starts_with(".X")
            || !after.starts_with(|c: char| c == '.' || c.is_alphanumeric());
        !digits.is_empty() && series && digits.parse::<u32>().is_ok_and(|n| n < major)
    })
}

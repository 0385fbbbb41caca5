//! `stale/unknown-version`: a version that does not exist, or is not
//! released as of the date.

use super::scan::Scan;
use super::{Claim, Cue, Cx, any_of, message, release_name};
use crate::packs::Entry;

pub const ID: &str = "stale/unknown-version";

pub struct Check<'a> {
    pub entry: &'a Entry,
    future: Cue,
}

impl<'a> Check<'a> {
    pub fn new(entry: &'a Entry) -> Self {
        Check { entry, future: any_of(entry, "future-patterns") }
    }

    fn check_text(&self, cx: &Cx, scan: &Scan, out: &mut Vec<Claim>) {
        for m in scan.mentions.iter().filter(|m| m.explicit) {
            let product = cx.product(m.product);
            let version = product.spelled(m.version);
            let cycle = version.cycle();
            let future = || self.future.is_match(scan.sentence(m.sentence));
            let fact = match product.release(cycle) {
                Some(r) if !r.is_released(cx.day) => {
                    if future() {
                        continue;
                    }
                    format!("is not released as of {}: it is planned for {} ({})", cx.as_of, r.released, r.source)
                }
                Some(r) => {
                    // A patch release ("4.2.31", "React 18.4") after the
                    // latest one known.
                    let finer = if r.cycle.short { !version.short } else { version.patch.is_some() };
                    let Some(latest) = r.latest.filter(|_| finer) else { continue };
                    if version.numbers() <= latest.numbers() {
                        continue;
                    }
                    let ended_before_facts = match (r.support_end(), product.updated) {
                        (Some(end), Some(updated)) => end.last() < updated.first(),
                        _ => false,
                    };
                    let within_facts = product.updated.is_some_and(|u| cx.day <= u.last());
                    if ended_before_facts {
                        format!("does not exist: {latest} was the last {} release ({})", r.cycle, r.source)
                    } else if within_facts && !future() {
                        format!(
                            "is not released as of {}: the latest {} release is {latest} ({})",
                            cx.as_of, r.cycle, r.source
                        )
                    } else {
                        continue;
                    }
                }
                // "PHP 8": a series of releases, not one.
                None if version.short && product.releases.iter().any(|r| r.cycle.major == version.major) => continue,
                None => {
                    let Some(first) = product.releases.first() else { continue };
                    if cycle < first.cycle {
                        continue; // older than the knowledge base covers
                    }
                    let prev = product.releases.iter().rev().find(|r| r.cycle < cycle).expect("first is older");
                    match product.releases.iter().find(|r| r.cycle > cycle) {
                        Some(next) => {
                            format!("does not exist: {} was followed by {} ({})", prev.cycle, next.cycle, next.source)
                        }
                        None if future() => continue,
                        None => {
                            let newest = product.newest(cx.day).map_or(String::from("none"), |r| r.cycle.to_string());
                            let planned: Vec<String> = product
                                .releases
                                .iter()
                                .filter(|r| !r.is_released(cx.day))
                                .map(|r| format!("{} is planned for {}", r.cycle, r.released))
                                .collect();
                            let planned = if planned.is_empty() {
                                String::new()
                            } else {
                                format!(", and {}", planned.join(", "))
                            };
                            format!(
                                "is not released as of {}: the newest release is {newest}{planned} ({})",
                                cx.as_of, prev.source
                            )
                        }
                    }
                }
            };
            let name = release_name(product, version);
            out.push((m.range.clone(), message(self.entry, &[("release", &name), ("fact", &fact)])));
        }
    }
}

text_check!(Check<'static>);

//! `stale/not-lts`: a release called LTS that never was.

use super::scan::Scan;
use super::{Claim, Cue, Cx, any_of, before_window, message, prose_list, release_name};
use crate::packs::Entry;

pub const ID: &str = "stale/not-lts";

pub struct Check<'a> {
    pub entry: &'a Entry,
    after: Cue,
    before: Cue,
}

impl<'a> Check<'a> {
    pub fn new(entry: &'a Entry) -> Self {
        Check { entry, after: any_of(entry, "after-patterns"), before: any_of(entry, "before-patterns") }
    }

    fn check_text(&self, cx: &Cx, scan: &Scan, out: &mut Vec<Claim>) {
        for (i, m) in scan.mentions.iter().enumerate() {
            let product = cx.product(m.product);
            let Some(release) = product.release(m.version) else { continue };
            if release.lts {
                continue;
            }
            let (_, after) = scan.around(&m.range, 0, 40);
            let before = before_window(scan, i, 30);
            // "Django 5.2 LTS, Python 3.12": that LTS is the previous
            // release's.
            let window_start = m.range.start - before.len();
            let previous_owns = scan.mentions[..i].binary_search_by_key(&window_start, |p| p.range.end).is_ok()
                && before.trim_start().get(..3).is_some_and(|w| w.eq_ignore_ascii_case("lts"));
            if !(self.after.is_match(after) || (self.before.is_match(before) && !previous_owns)) {
                continue;
            }
            let source = product.lts_source.as_deref().unwrap_or(&release.source);
            let fact = if product.has_lts() {
                // The LTS releases still supported (or planned); all of
                // them when none is.
                let current: Vec<&crate::knowledge::Release> = product
                    .releases
                    .iter()
                    .filter(|r| r.lts && (r.is_supported(cx.day) || !r.is_released(cx.day)))
                    .collect();
                let (which, list) = if current.is_empty() {
                    ("the LTS releases are", product.releases.iter().filter(|r| r.lts).collect())
                } else {
                    ("the supported LTS releases are", current)
                };
                let lts: Vec<String> = list
                    .iter()
                    .map(|r| if r.is_released(cx.day) { r.cycle.to_string() } else { format!("{} (planned)", r.cycle) })
                    .collect();
                format!("it is not a long-term support release; {which} {} ({source})", prose_list(&lts))
            } else {
                format!("{} has no long-term support releases ({source})", product.name)
            };
            let name = release_name(product, release.cycle);
            out.push((m.range.clone(), message(self.entry, &[("release", &name), ("fact", &fact)])));
        }
    }
}

text_check!(Check<'static>);

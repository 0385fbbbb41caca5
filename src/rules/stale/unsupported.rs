//! `stale/unsupported-as-current`: a release past its end of support
//! presented as current, latest, new, recommended or as an upgrade target.

use super::scan::Scan;
use super::{Claim, Cue, Cx, after_window, any_of, before_window, message, release_name};
use crate::packs::Entry;

pub const ID: &str = "stale/unsupported-as-current";

pub struct Check<'a> {
    pub entry: &'a Entry,
    current: Cue,
    target: Cue,
    history: Cue,
}

impl<'a> Check<'a> {
    pub fn new(entry: &'a Entry) -> Self {
        Check {
            entry,
            current: any_of(entry, "current-patterns"),
            target: any_of(entry, "target-patterns"),
            history: any_of(entry, "history-patterns"),
        }
    }

    fn check_text(&self, cx: &Cx, scan: &Scan, out: &mut Vec<Claim>) {
        for (i, m) in scan.mentions.iter().enumerate() {
            let product = cx.product(m.product);
            let Some(release) = product.release(m.version) else { continue };
            // "Django 3.2+": a lower bound, which supported releases meet.
            if m.plus {
                continue;
            }
            let Some(ended) = release.ended_on(cx.day) else { continue };
            let before = before_window(scan, i, 48);
            // "from 3.2 to 4.2": the target of an upgrade, read back past
            // the release it starts from.
            let target = before.trim() == "to" && self.target.is_match(scan.around(&m.range, 80, 0).0);
            let current = target || self.current.is_match(before) || self.current.is_match(after_window(scan, i, 40));
            if !current || self.history.is_match(scan.sentence(m.sentence)) {
                continue;
            }
            let fact = format!(
                "its {}support ended{}{ended} ({}); supported as of {}: {}",
                if release.open { "active " } else { "" },
                if ended.is_empty() { "" } else { " " },
                release.source,
                cx.as_of,
                product.supported_list(cx.day)
            );
            // As written: "React 16.8", in the cycle 16.
            let name = release_name(product, product.spelled(m.version));
            out.push((m.range.clone(), message(self.entry, &[("release", &name), ("fact", &fact)])));
        }
    }
}

text_check!(Check<'static>);

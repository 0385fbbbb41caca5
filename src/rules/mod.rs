//! The rule registry. Every rule is a `Rule` constant defined next to the
//! code that checks it; its text is the user documentation (`djlint rules`,
//! `djlint explain ID`, docs/rules.md).

pub mod choice;
pub mod duplicate;
pub mod form;
pub mod noise;
pub mod pattern;
pub mod schema;
pub mod stale;
pub mod unclear;

use crate::bank::{Bank, Question, Text};
use crate::config::Config;
use crate::finding::{Finding, Severity, family_of};

/// A rule's identity and documentation.
#[derive(Debug)]
pub struct Rule {
    /// `family/name`, stable.
    pub id: &'static str,
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Why it matters and what to do, a paragraph or two.
    pub explanation: &'static str,
    /// A YAML snippet on which the rule fires.
    pub bad: &'static str,
    /// The same snippet, corrected.
    pub good: &'static str,
    /// Whether `--fix` can repair it.
    pub fixable: bool,
}

impl Rule {
    pub fn family(&self) -> &'static str {
        family_of(self.id)
    }
}

/// The rule families, in the order they are documented.
pub const FAMILIES: &[&str] = &["schema", "duplicate", "unclear", "choice", "stale", "noise"];

/// The rules written in code (the others come from rule packs).
pub fn code_rules() -> impl Iterator<Item = &'static Rule> {
    schema::RULES.iter().chain(duplicate::RULES).chain(choice::RULES).copied()
}

/// Every built-in rule: code rules, then those of the built-in packs.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    code_rules().chain(crate::packs::builtin_entries().iter().map(|e| e.rule))
}

pub fn find(id: &str) -> Option<&'static Rule> {
    all().find(|r| r.id == id)
}

/// Run the bank-wide rules. Per-file schema findings come from loading.
pub fn check_bank(bank: &Bank, config: &Config) -> Vec<Finding> {
    let enabled = |id: &str| config.effective_severity(id, Severity::Info).is_some();
    // Which files hold quiz answer keys, for the families that must not
    // judge a key as a written answer; worked out once, if asked.
    let key_files = form::KeyFiles::new(bank);
    // Worked out here, before the families start, when one of them will
    // read it: a lazy cell first filled inside a parallel family could be
    // waited on by a thread that the filling itself needs.
    if config.rules().any(|r| matches!(r.family(), "duplicate" | "unclear") && enabled(r.id)) {
        key_files.get();
    }
    // The families run side by side: the duplicate family has stretches
    // that run on one thread, and on a small bank each family's cost is
    // building its matchers, which then happens in parallel. The halves of
    // the list start at once. The first opens with the duplicate family,
    // the longest on a large bank, so that the other families fill its
    // one-thread stretches instead of waiting behind it; on a small bank it
    // costs nothing and stale's knowledge is built next. The second opens
    // with the pack scanner, the other long build.
    let families: [&(dyn Fn() -> Vec<Finding> + Sync); 7] = [
        &|| duplicate::check(bank, &config.duplicate, &key_files, &enabled),
        &|| stale::check(bank, config, &enabled),
        &|| unclear::check(bank, &config.packs, &config.unclear, &key_files, &enabled),
        &|| pattern::check(bank, &config.packs, &enabled),
        &|| noise::check(bank, &config.packs, &enabled),
        &|| choice::check(bank, &enabled),
        &|| schema::duplicate_id::check(bank),
    ];
    use rayon::prelude::*;
    families.par_iter().with_max_len(1).flat_map_iter(|family| family()).collect()
}

/// Run `each` on every question of the bank in parallel, collecting what
/// it pushes.
pub fn per_question(bank: &Bank, each: impl Fn(&Question, &mut Vec<Finding>) + Sync) -> Vec<Finding> {
    use rayon::prelude::*;
    bank.questions
        .par_iter()
        .fold(Vec::new, |mut out, q| {
            each(q, &mut out);
            out
        })
        .reduce(Vec::new, |mut a, mut b| {
            a.append(&mut b);
            a
        })
}

/// A finding of pack entry `entry` on `text`, a field of `q` read from
/// the file text `source`, labelled at `range`.
pub fn pack_finding(
    source: &str,
    entry: &crate::packs::Entry,
    q: &Question,
    text: &Text,
    range: std::ops::Range<usize>,
    message: String,
) -> Finding {
    let span = text.span_of(source, range);
    let mut f = Finding::new(entry.rule, q.file, span, message).question(q.id());
    if let Some(help) = &entry.help {
        f = f.help(help.clone());
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for rule in all() {
            assert!(seen.insert(rule.id), "duplicate id {}", rule.id);
            let (family, name) = rule.id.split_once('/').expect("family/name");
            assert!(FAMILIES.contains(&family), "{}", rule.id);
            assert!(
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit())
            );
            assert!(!rule.summary.is_empty() && !rule.explanation.is_empty());
            assert!(!rule.bad.is_empty() && !rule.good.is_empty(), "{} needs examples", rule.id);
        }
    }
}

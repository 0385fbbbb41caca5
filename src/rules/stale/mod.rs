//! Stale and wrong version claims (`stale/*`), judged against the
//! knowledge base ([`crate::knowledge`]) as of a day.
//!
//! Every rule of the family is an entry of the built-in pack
//! `rules/stale.yaml` (documentation, examples, cue lists); the checks are
//! code here, one file per rule. [`scan`] reads each question and answer
//! once: its sentences and the release mentions in them ("Django 4.2",
//! "Python 3.12+", a bare "4.2" the context attributes to a product).
//! Claims inside Markdown code are not read, except by `removed-feature`,
//! which looks for removed code.

/// Implement [`TextCheck`] for a rule's `Check`, which has an `entry` and
/// a `check_text` method.
macro_rules! text_check {
    ($check:ty) => {
        impl super::TextCheck for $check {
            fn entry(&self) -> &'static crate::packs::Entry {
                self.entry
            }

            fn check(&self, cx: &super::Cx, scan: &super::scan::Scan, out: &mut Vec<super::Claim>) {
                self.check_text(cx, scan, out);
            }
        }
    };
}

pub mod dated_year;
pub mod not_lts;
pub mod old_limit;
pub mod removed;
pub mod scan;
pub mod support;
pub mod unknown;
pub mod unsupported;
pub mod wrong_release;

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::bank::{Bank, Question, Text};
use crate::config::Config;
use crate::finding::Finding;
use crate::knowledge::{Date, Day, Knowledge, Product, Version};
use crate::packs::Entry;
use scan::Scan;

/// What every check reads: the knowledge base and the day.
pub struct Cx<'a> {
    pub knowledge: &'a Knowledge,
    pub as_of: Date,
    pub day: Day,
}

impl Cx<'_> {
    pub fn product(&self, i: usize) -> &Product {
        &self.knowledge.products[i]
    }
}

/// A claim a rule found: where, and the message.
pub type Claim = (Range<usize>, String);

/// The findings of every enabled stale rule.
pub fn check(bank: &Bank, config: &Config, enabled: &(dyn Fn(&str) -> bool + Sync)) -> Vec<Finding> {
    let all = &CHECKS;
    // The rules that read release mentions, in report order.
    let on = |id: &str, check: &'static dyn Run| enabled(id).then_some(check);
    let mention_rules: Vec<&dyn Run> = [
        on(unsupported::ID, &all.unsupported),
        on(not_lts::ID, &all.not_lts),
        on(unknown::ID, &all.unknown),
        on(support::ID, &all.support),
        on(wrong_release::ID, &all.wrong),
    ]
    .into_iter()
    .flatten()
    .collect();
    let wrong = enabled(wrong_release::ID).then_some(&all.wrong);
    let (dated_answers, dated_questions) = (enabled(dated_year::ID), enabled(dated_year::QUESTION_ID));
    let dated = (dated_answers || dated_questions).then_some(&all.dated);
    let removed = enabled(removed::ID).then_some(&all.removed);
    // Limits are judged only when the knowledge has some.
    let limited = enabled(old_limit::ID) && config.knowledge().products.iter().any(|p| !p.limits.is_empty());
    let old_limit = limited.then_some(&all.old_limit);
    if mention_rules.is_empty() && dated.is_none() && removed.is_none() && old_limit.is_none() {
        return Vec::new();
    }
    config.knowledge().prepare_for(bank.text_bytes(), config.as_of.first());
    let cx = Cx { knowledge: config.knowledge(), as_of: config.as_of, day: config.as_of.first() };
    // The words of each file's name and folder: "php arrays", "react".
    let file_words: Vec<String> = bank
        .files
        .iter()
        .map(|f| {
            let path = std::path::Path::new(&f.name).with_extension("");
            let words: Vec<String> = path
                .components()
                .rev()
                .take(2)
                .map(|c| c.as_os_str().to_string_lossy().replace(['-', '_'], " "))
                .collect();
            words.join(" / ")
        })
        .collect();
    // Files whose name says they are old ("react-old-q-a.yaml").
    let file_old: Vec<bool> = match &removed {
        Some(c) => file_words.iter().map(|w| c.get().is_aware(w)).collect(),
        None => Vec::new(),
    };
    let file_products: Vec<Vec<usize>> =
        file_words.iter().map(|w| cx.knowledge.names_in(w).into_iter().map(|(p, _)| p).collect()).collect();
    let each = |q: &Question, out: &mut Vec<Finding>| {
        let source = &*bank.file(q.file).text;
        let mut claims: Vec<Claim> = Vec::new();
        let mut emit = |entry: &Entry, text: &Text, claims: &mut Vec<Claim>| {
            claims.sort_by_key(|c| (c.0.start, c.0.end));
            claims.dedup_by(|a, b| a.0 == b.0);
            out.extend(
                claims
                    .drain(..)
                    .map(|(range, message)| crate::rules::pack_finding(source, entry, q, text, range, message)),
            );
        };
        let question_scan = q.question.as_ref().map(|t| Scan::new(cx.knowledge, &t.value, &[]));
        // The products of the question and of the tags ("php").
        let mut context: Vec<usize> = question_scan.as_ref().map(|s| s.products(cx.knowledge)).unwrap_or_default();
        for tag in &q.tags {
            // "aws-lambda", "spring_boot": the words of a name.
            let words = tag.value.replace(['-', '_'], " ");
            context.extend(cx.knowledge.names_in(&words).into_iter().map(|(p, _)| p));
        }
        // And of the file's name: banks keep a file per technology
        // (`php-arrays.yaml`, `react/quiz.md`).
        context.extend(file_products[q.file].iter().copied());
        context.sort_unstable();
        context.dedup();
        // A choice question's options are meant to be partly wrong: its
        // claims are in the question and the explanation.
        let prose = q.prose();
        let mut answer_scan = prose.map(|t| Scan::new(cx.knowledge, &t.value, &context));
        // Releases the question names ("in Django 1.11?"): a feature they
        // still had is no mistake in the answer.
        let asked: Vec<(usize, Version)> = question_scan
            .iter()
            .flat_map(|s| &s.mentions)
            .map(|m| (m.product, cx.product(m.product).cycle_of(m.version)))
            .collect();
        if let Some(scan) = &mut answer_scan {
            scan.asked.clone_from(&asked);
        }
        for (text, scan, is_question) in [(q.question.as_ref(), &question_scan, true), (prose, &answer_scan, false)] {
            let (Some(text), Some(scan)) = (text, scan) else { continue };
            if !scan.mentions.is_empty() {
                for rule in &mention_rules {
                    let entry = rule.run(&cx, scan, &mut claims);
                    emit(entry, text, &mut claims);
                }
            }
            // A dated question is stale itself; a dated answer, a detail.
            if let Some(c) = &dated
                && (if is_question { dated_questions } else { dated_answers })
                && dated_year::has_year(scan.text)
            {
                let entry = if is_question { all.dated_question() } else { c.get().entry };
                c.get().check_as(&cx, scan, entry, &mut claims);
                emit(entry, text, &mut claims);
            }
        }
        if let (Some(c), Some(question), Some(answer), Some(text)) = (&wrong, &question_scan, &answer_scan, prose)
            && !question.mentions.is_empty()
        {
            let c = c.get();
            c.check_answer_to(&cx, question, answer, &mut claims);
            emit(c.entry, text, &mut claims);
        }
        // A question pinned to a version ("with React Router v4?"), or
        // filed as old (tags, its Markdown section, the file's name), asks
        // about the past: removed features are its subject, not a mistake.
        let removed = removed.filter(|c| {
            let pinned = question_scan.as_ref().is_some_and(|s| pinned_version(s.text));
            let filed_old = q.tags.iter().any(|t| c.get().is_aware(&t.value.replace(['-', '_'], " ")))
                || q.section.as_deref().is_some_and(|s| c.get().is_aware(s))
                || file_old.get(q.file).copied().unwrap_or(false);
            !pinned && !filed_old
        });
        if let (Some(c), Some(scan), Some(text)) = (&removed, &answer_scan, prose) {
            let entry = c.run(&cx, scan, &mut claims);
            emit(entry, text, &mut claims);
        }
        // Limits in the answer.
        if let (Some(c), Some(scan), Some(text)) = (&old_limit, &answer_scan, prose) {
            let c = c.get();
            c.check_answer(&cx, q.question.as_ref().map(|t| t.value.as_str()), scan, &context, &mut claims);
            emit(c.entry, text, &mut claims);
        }
        // A choice question's key is what it teaches as right: removed
        // features and earlier limits are read in it, one scan per key.
        if removed.is_some() || old_limit.is_some() {
            for key in q.choices.iter().filter(|c| c.key) {
                let mut scan = Scan::new(cx.knowledge, &key.text.value, &context);
                scan.asked.clone_from(&asked);
                if let Some(c) = &old_limit {
                    let c = c.get();
                    c.check_answer(&cx, q.question.as_ref().map(|t| t.value.as_str()), &scan, &context, &mut claims);
                    emit(c.entry, &key.text, &mut claims);
                }
                if let Some(c) = &removed {
                    let entry = c.run(&cx, &scan, &mut claims);
                    emit(entry, &key.text, &mut claims);
                }
            }
        }
    };
    crate::rules::per_question(bank, each)
}

/// Whether a question names a version of something ("React Router v4",
/// "version 2.1").
fn pinned_version(question: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"(?i-u)\b(?:v|version\s+)\d+(?:\.\d+)*\b").expect("valid"));
    re.is_match(question)
}

/// A rule's check, built from its built-in pack entry the first time a
/// text needs it: a run whose texts never mention a release does not pay
/// for compiling the rule's cue lists.
struct Lazy<T> {
    cell: OnceLock<T>,
    id: &'static str,
    make: fn(&'static Entry) -> T,
}

impl<T> Lazy<T> {
    const fn new(id: &'static str, make: fn(&'static Entry) -> T) -> Self {
        Lazy { cell: OnceLock::new(), id, make }
    }

    fn get(&self) -> &T {
        self.cell.get_or_init(|| {
            let entry = crate::packs::builtin_entries().iter().find(|e| e.rule.id == self.id);
            (self.make)(entry.expect("stale rules are built in"))
        })
    }
}

/// What every per-text check of the family does.
pub trait TextCheck: Send + Sync {
    fn entry(&self) -> &'static Entry;
    fn check(&self, cx: &Cx, scan: &Scan, out: &mut Vec<Claim>);
}

/// A lazily built check, run on one text: returns the entry to report as.
trait Run: Sync {
    fn run(&self, cx: &Cx, scan: &Scan, out: &mut Vec<Claim>) -> &'static Entry;
}

impl<T: TextCheck> Run for Lazy<T> {
    fn run(&self, cx: &Cx, scan: &Scan, out: &mut Vec<Claim>) -> &'static Entry {
        let check = self.get();
        check.check(cx, scan, out);
        check.entry()
    }
}

/// The family's checks, once per process (cue lists are built-in only).
struct Checks {
    unsupported: Lazy<unsupported::Check<'static>>,
    not_lts: Lazy<not_lts::Check<'static>>,
    unknown: Lazy<unknown::Check<'static>>,
    wrong: Lazy<wrong_release::Check<'static>>,
    support: Lazy<support::Check<'static>>,
    dated: Lazy<dated_year::Check<'static>>,
    removed: Lazy<removed::Check<'static>>,
    old_limit: Lazy<old_limit::Check<'static>>,
}

impl Checks {
    /// The entry of `stale/dated-question`, which reports what the
    /// dated-year check finds in questions.
    fn dated_question(&self) -> &'static Entry {
        static ENTRY: OnceLock<&'static Entry> = OnceLock::new();
        ENTRY.get_or_init(|| {
            let entries = crate::packs::builtin_entries();
            entries.iter().find(|e| e.rule.id == dated_year::QUESTION_ID).expect("stale rules are built in")
        })
    }
}

static CHECKS: Checks = Checks {
    unsupported: Lazy::new(unsupported::ID, unsupported::Check::new),
    not_lts: Lazy::new(not_lts::ID, not_lts::Check::new),
    unknown: Lazy::new(unknown::ID, unknown::Check::new),
    wrong: Lazy::new(wrong_release::ID, wrong_release::Check::new),
    support: Lazy::new(support::ID, support::Check::new),
    dated: Lazy::new(dated_year::ID, dated_year::Check::new),
    removed: Lazy::new(removed::ID, removed::Check::new),
    old_limit: Lazy::new(old_limit::ID, old_limit::Check::new),
};

/// A cue list's regular expression, compiled the first time a text needs
/// it: a text that names a release reaches few of a rule's lists, and a
/// check of a few questions should not build them all at start-up.
pub struct Cue {
    /// "rule: list", for the message if a built-in list does not compile.
    label: String,
    source: String,
    re: OnceLock<Regex>,
}

impl Cue {
    fn new(entry: &Entry, name: &str, source: String) -> Cue {
        Cue { label: format!("{}: {name}", entry.rule.id), source, re: OnceLock::new() }
    }
}

impl std::ops::Deref for Cue {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        // The lists are built in and each compiles (tested below).
        self.re.get_or_init(|| compile(&self.source).unwrap_or_else(|e| panic!("{}: {e}", self.label)))
    }
}

/// The regular expressions of list `name` as one, without regard to case.
/// `\w` and `\b` are ASCII (Unicode word classes make every list far
/// costlier to compile, at each start of the program).
pub fn any_of(entry: &Entry, name: &str) -> Cue {
    let list = entry.list(name);
    assert!(!list.is_empty(), "{}: list `{name}` is missing", entry.rule.id);
    let joined: Vec<String> = list.iter().map(|p| format!("(?:{p})")).collect();
    Cue::new(entry, name, joined.join("|"))
}

/// The regular expressions of list `name`, each alone.
pub fn each_of(entry: &Entry, name: &str) -> Vec<Cue> {
    entry.list(name).iter().map(|p| Cue::new(entry, name, p.clone())).collect()
}

fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(&crate::knowledge::ascii_classes(pattern)).case_insensitive(true).build()
}

/// The entry's message with `{key}` placeholders filled.
pub fn message(entry: &Entry, values: &[(&str, &str)]) -> String {
    let mut out = entry.message.clone();
    for (key, value) in values {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

/// "Django 4.2" (or "Django 4.2.30").
pub fn release_name(product: &Product, version: Version) -> String {
    format!("{} {version}", product.name)
}

/// A list as prose: "a, b and c".
pub fn prose_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The text between the mention before `at` (or the sentence start) and
/// `at`, at most `max` bytes.
pub fn before_window<'t>(scan: &Scan<'t>, mention: usize, max: usize) -> &'t str {
    let m = &scan.mentions[mention];
    let (before, _) = scan.around(&m.range, max, 0);
    let start = m.range.start - before.len();
    // Mentions are in text order, their ends rising: stop at the first that
    // ends before the window, so the search is bounded by the window.
    let cut = scan.mentions[..mention]
        .iter()
        .rev()
        .take_while(|p| p.range.end > start)
        .find(|p| p.sentence == m.sentence)
        .map_or(start, |p| p.range.end);
    &scan.text[cut..m.range.start]
}

/// The text between `at` and the next mention (or the sentence end), at
/// most `max` bytes.
pub fn after_window<'t>(scan: &Scan<'t>, mention: usize, max: usize) -> &'t str {
    let m = &scan.mentions[mention];
    let (_, after) = scan.around(&m.range, 0, max);
    let end = m.range.end + after.len();
    let cut = scan.mentions[mention + 1..]
        .iter()
        .take_while(|n| n.range.start < end)
        .find(|n| n.sentence == m.sentence)
        .map_or(end, |n| n.range.start);
    &scan.text[m.range.end..cut]
}

#[cfg(test)]
mod tests {
    /// Cue lists compile when first used: every pattern of every list of
    /// the family must compile alone, and a list without named groups
    /// (those a rule reads as one) joined.
    #[test]
    fn every_cue_list_compiles() {
        let entries: Vec<_> =
            crate::packs::builtin_entries().iter().filter(|e| e.rule.id.starts_with("stale/")).collect();
        assert!(entries.len() >= 7);
        let mut lists = 0;
        for e in entries {
            for (name, list) in e.lists.iter().filter(|(n, _)| n.ends_with("-patterns")) {
                // Using a cue compiles it, and panics if it does not.
                for cue in super::each_of(e, name) {
                    cue.is_match("");
                }
                if !list.iter().any(|p| p.contains("(?P<")) {
                    super::any_of(e, name).is_match("");
                }
                lists += 1;
            }
        }
        assert!(lists >= 20, "{lists} lists");
    }
}

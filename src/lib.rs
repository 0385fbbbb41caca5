//! djlint: a linter for interview question banks kept as YAML.
//!
//! The pipeline is one straight line: [`bank::discover`] → [`bank::load`]
//! (parallel, with schema validation) → [`rules`] → filter ([`config`]) →
//! [`report`] → exit code. [`check`] runs it up to the findings.

pub mod bank;
pub mod baseline;
pub mod cli;
pub mod config;
#[doc(hidden)]
pub mod corpus;
pub mod datafile;
pub mod finding;
pub mod fingerprint;
pub mod fix;
pub mod knowledge;
pub mod memory;
pub mod packs;
pub mod prefilter;
pub mod report;
pub mod rules;
pub mod words;

use std::path::{Path, PathBuf};

use bank::Bank;
use config::Config;
use finding::Finding;

/// The result of a check: the bank as loaded and the findings to report,
/// filtered by the configuration and sorted by file and position.
#[derive(Debug)]
pub struct Outcome {
    pub bank: Bank,
    pub findings: Vec<Finding>,
}

/// Why a run could not be carried out (exit code 2).
#[derive(Debug)]
pub enum RunError {
    /// A path named on the command line does not exist.
    PathNotFound(PathBuf),
    /// An include or exclude glob is invalid.
    BadGlob(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::PathNotFound(p) => write!(f, "path not found: {}", p.display()),
            RunError::BadGlob(g) => write!(f, "invalid glob: {g}"),
        }
    }
}

/// Check the question files under `paths`. `cwd` is where relative paths
/// start and what reported paths are relative to.
pub fn check(paths: &[PathBuf], config: &Config, cwd: &Path) -> Result<Outcome, RunError> {
    let root = std::path::absolute(cwd.join(&config.root)).unwrap_or_else(|_| config.root.clone());
    let selection =
        bank::discover::Selection::new(root, cwd, &config.include, &config.exclude).map_err(|(i, include, e)| {
            let list = if include { &config.include } else { &config.exclude };
            RunError::BadGlob(format!("{}: {e}", list.get(i).map_or("", String::as_str)))
        })?;
    // A path that does not exist is named as the user typed it.
    if let Some(missing) = paths.iter().find(|p| std::fs::symlink_metadata(cwd.join(p)).is_err()) {
        return Err(RunError::PathNotFound(missing.clone()));
    }
    let paths: Vec<PathBuf> = paths.iter().map(|p| if p.is_absolute() { p.clone() } else { cwd.join(p) }).collect();
    let mut found = bank::discover::discover(&paths, &selection)
        .map_err(|p| RunError::PathNotFound(p.strip_prefix(cwd).map(Path::to_path_buf).unwrap_or(p)))?;
    // Rule packs and knowledge files are YAML too, but never question files.
    if !config.data_files.is_empty() {
        let packs: Vec<PathBuf> = config.data_files.iter().filter_map(|p| std::fs::canonicalize(p).ok()).collect();
        found.files.retain(|f| std::fs::canonicalize(f).map_or(true, |c| !packs.contains(&c)));
    }
    // Files a walk found with the default globs are checked only if they
    // are question files; named files, and files the configured `include`
    // globs match, always are.
    let named: Vec<PathBuf> = found.named.iter().filter_map(|p| std::fs::canonicalize(p).ok()).collect();
    let optional = |files: &[PathBuf]| -> Vec<bool> {
        let quiet =
            |p: &PathBuf| !found.named.contains(p) && std::fs::canonicalize(p).is_ok_and(|c| !named.contains(&c));
        files.iter().map(|p| !config.include_given && quiet(p)).collect()
    };
    let Some(changed) = &config.changed else {
        let optional = optional(&found.files);
        let (bank, findings) = bank::load::load(&found.files, &optional, &found.errors, cwd, &config.schema);
        return Ok(finish(bank, findings, config));
    };
    // Changed-files mode: the whole bank is checked, changed files that the
    // walk did not reach are skipped, and only findings that touch a changed
    // file are kept. Deleted files, and files that are not part of the bank
    // (a README when Markdown banks are not included), are skipped.
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    let changed: Vec<PathBuf> = changed.iter().map(|p| cwd.join(p)).filter_map(|p| canonical(&p)).collect();
    // Unchanged files load first, so that "first" and "later" copy mean
    // "already in the bank" and "new in this change".
    let (mut files, mut new): (Vec<PathBuf>, Vec<PathBuf>) =
        found.files.drain(..).partition(|p| canonical(p).is_none_or(|c| !changed.contains(&c)));
    // Changed files the walk did not reach (outside PATH, excluded by the
    // globs, hidden, or a config file such as .pre-commit-config.yaml) are
    // not part of the bank and are skipped.
    new.sort();
    new.dedup();
    files.append(&mut new);
    let optional = optional(&files);
    let (bank, findings) = bank::load::load(&files, &optional, &found.errors, cwd, &config.schema);
    let mut outcome = finish(bank, findings, config);
    let touched: Vec<bool> =
        outcome.bank.files.iter().map(|f| canonical(&f.path).is_some_and(|p| changed.contains(&p))).collect();
    outcome.findings.retain(|f| touched[f.file] || f.related.iter().any(|r| touched[r.file]));
    Ok(outcome)
}

/// Check files given as (name, text) pairs, without touching the disk.
pub fn check_texts(files: &[(String, String)], config: &Config) -> Outcome {
    let (bank, findings) = bank::load::load_texts(files, &config.schema);
    finish(bank, findings, config)
}

/// Run the bank-wide rules, then filter and sort every finding.
fn finish(bank: Bank, mut findings: Vec<Finding>, config: &Config) -> Outcome {
    findings.extend(rules::check_bank(&bank, config));
    let known = |s: &str| config.is_selector(s);
    let enabled = |s: &str| {
        config.rules().any(|r| (r.id == s || r.family() == s) && config.effective_severity(r.id, r.severity).is_some())
    };
    let suggest = |s: &str| config::suggest_selector(config, s).map(str::to_owned);
    rules::schema::suppress::apply(&bank, &mut findings, &known, &enabled, &suggest);
    let mut findings: Vec<Finding> = findings
        .into_iter()
        .filter_map(|mut f| {
            f.severity = config.effective_severity(&f.rule, f.severity)?;
            Some(f)
        })
        .collect();
    findings.sort_by(|a, b| {
        let name = |f: &Finding| &bank.files[f.file].name;
        (name(a), a.span.start, a.span.end, &a.rule).cmp(&(name(b), b.span.start, b.span.end, &b.rule))
    });
    Outcome { bank, findings }
}

/// The most findings of one rule on one question (or one file, for file
/// findings). A hostile or broken text can hold a hundred thousand
/// footnote numbers; the report shows the first ones and says how many
/// more there are.
pub const MAX_PER_QUESTION: usize = 50;

/// Keep at most [`MAX_PER_QUESTION`] findings of each rule on each question,
/// in order, and say on the last one kept how many were left out. Applied
/// to what is reported, not to what `--fix` fixes.
pub fn cap_per_question(findings: &mut Vec<Finding>) {
    use std::collections::HashMap;
    type Key = (String, usize, Option<String>);
    let key = |f: &Finding| -> Key { (f.rule.to_string(), f.file, f.question_id.clone()) };
    let mut counts: HashMap<Key, usize> = HashMap::new();
    for f in findings.iter() {
        *counts.entry(key(f)).or_default() += 1;
    }
    if counts.values().all(|&n| n <= MAX_PER_QUESTION) {
        return;
    }
    counts.retain(|_, n| *n > MAX_PER_QUESTION);
    let mut seen: HashMap<Key, usize> = HashMap::new();
    findings.retain_mut(|f| {
        let k = key(f);
        let Some(&total) = counts.get(&k) else { return true };
        let n = seen.entry(k).or_default();
        *n += 1;
        if *n == MAX_PER_QUESTION {
            f.message
                .push_str(&format!(" ({} more of these in this question are not listed)", total - MAX_PER_QUESTION));
        }
        *n <= MAX_PER_QUESTION
    });
}

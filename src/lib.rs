//! djlint: a linter for interview question banks kept as YAML.
//!
//! The pipeline is one straight line: [`bank::discover`] → [`bank::load`]
//! (parallel, with schema validation) → [`rules`] → filter ([`config`]) →
//! [`report`] → exit code. [`check`] runs it up to the findings.

pub mod bank;
pub mod cli;
pub mod config;
#[doc(hidden)]
pub mod corpus;
pub mod finding;
pub mod report;
pub mod rules;

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
    let paths: Vec<PathBuf> = paths.iter().map(|p| if p.is_absolute() { p.clone() } else { cwd.join(p) }).collect();
    let found = bank::discover::discover(&paths, &selection)
        .map_err(|p| RunError::PathNotFound(p.strip_prefix(cwd).map(Path::to_path_buf).unwrap_or(p)))?;
    let (bank, findings) = bank::load::load(&found.files, &found.errors, cwd, &config.schema);
    Ok(finish(bank, findings, config))
}

/// Check files given as (name, text) pairs, without touching the disk.
pub fn check_texts(files: &[(String, String)], config: &Config) -> Outcome {
    let (bank, findings) = bank::load::load_texts(files, &config.schema);
    finish(bank, findings, config)
}

/// Run the bank-wide rules, then filter and sort every finding.
fn finish(bank: Bank, mut findings: Vec<Finding>, config: &Config) -> Outcome {
    findings.extend(rules::check_bank(&bank));
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

//! Renderers: one per `--format`, all reading the same finding list.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod statistics;

use std::io::{self, Write};

use crate::bank::{Bank, LineIndex};
use crate::finding::{Finding, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with source snippets, for people.
    Human,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Concise,
    /// The versioned JSON contract, for programs.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and SARIF viewers.
    Sarif,
    /// GitHub Actions annotations, plus a step summary when
    /// `$GITHUB_STEP_SUMMARY` is set.
    Github,
    /// JUnit XML, for GitLab, Jenkins and other CI servers.
    Junit,
}

/// Counts for the summary line and the JSON `summary`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub questions: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn new(bank: &Bank, findings: &[Finding]) -> Summary {
        let count = |s| findings.iter().filter(|f| f.severity == s).count();
        Summary {
            files: bank.files.len(),
            questions: bank.questions.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }
}

/// Everything a renderer needs.
pub struct Context<'a> {
    pub bank: &'a Bank,
    pub findings: &'a [Finding],
    pub summary: Summary,
    /// `-q`: the findings only, no summary.
    pub quiet: bool,
    pub color: bool,
    /// The width to fit the human report in: the terminal's (or `COLUMNS`);
    /// `None` when the output is not a terminal, and then nothing is wrapped.
    pub width: Option<usize>,
    /// Every rule of the run (for SARIF's rule metadata).
    pub rules: Vec<&'static crate::rules::Rule>,
}

pub fn render(format: Format, cx: &Context, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human::render(cx, out),
        Format::Concise => concise::render(cx, out),
        Format::Json => json::render(cx, out),
        Format::Sarif => sarif::render(cx, out),
        Format::Github => github::render(cx, out),
        Format::Junit => junit::render(cx, out),
    }
}

/// Line indexes built on first use, one per file.
pub struct Lines<'a> {
    bank: &'a Bank,
    cache: Vec<Option<LineIndex>>,
}

impl<'a> Lines<'a> {
    pub fn new(bank: &'a Bank) -> Lines<'a> {
        Lines { bank, cache: (0..bank.files.len()).map(|_| None).collect() }
    }

    /// 1-based (line, column) of a byte offset in a file.
    pub fn at(&mut self, file: usize, offset: usize) -> (usize, usize) {
        let text = &self.bank.file(file).text;
        self.cache[file].get_or_insert_with(|| LineIndex::new(text)).line_col(text, offset)
    }
}

pub(crate) fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

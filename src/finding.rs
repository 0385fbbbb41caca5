//! The one type every rule produces and every renderer reads.

use std::borrow::Cow;
use std::fmt;

/// A byte range in a file's source text (`start..end`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn empty(at: usize) -> Self {
        Span { start: at, end: at }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Info, Severity::Warning, Severity::Error];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Index of a file in [`crate::bank::Bank::files`].
pub type FileId = usize;

/// A rule id such as `schema/unknown-field`: `family/name`. Stable: users
/// write these in config files and suppressions.
pub type RuleId = Cow<'static, str>;

/// The family part of a rule id (`schema` for `schema/unknown-field`).
pub fn family_of(rule: &str) -> &str {
    rule.split_once('/').map_or(rule, |(family, _)| family)
}

/// Another place that belongs to a finding: the first definition of a
/// duplicate id, the other copy of a duplicate question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub file: FileId,
    pub question_id: Option<String>,
    pub span: Span,
    pub message: String,
}

impl Related {
    pub fn new(file: FileId, question_id: Option<&str>, span: Span, message: impl Into<String>) -> Related {
        Related { file, question_id: question_id.map(str::to_owned), span, message: message.into() }
    }
}

/// One problem found in the bank. Plain data: renderers read it, rules
/// create it, nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    pub file: FileId,
    /// `None` for file-level findings (parse errors, a missing `questions:`).
    pub question_id: Option<String>,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub related: Vec<Related>,
    /// How `--fix` repairs it, when it safely can.
    pub fix: Option<Fix>,
}

/// A repair: byte edits on the file's original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub edits: Vec<Edit>,
}

/// Replace the bytes `span` of the file with `replacement`. `scalar` and
/// `decoded` say which YAML string the edit changes and which range of
/// its decoded value, so the result can be checked by parsing again: the
/// decoded value must change in exactly that range, and nothing else in
/// the file may change at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
    /// The whole scalar token (as [`crate::bank::Text::span`]).
    pub scalar: Span,
    pub decoded: std::ops::Range<usize>,
}

impl Finding {
    /// A finding with the rule's default severity; use the builder methods
    /// for the optional parts.
    pub fn new(rule: &crate::rules::Rule, file: FileId, span: Span, message: impl Into<String>) -> Self {
        Finding {
            rule: Cow::Borrowed(rule.id),
            severity: rule.severity,
            file,
            question_id: None,
            span,
            message: message.into(),
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    pub fn question(mut self, id: Option<&str>) -> Self {
        self.question_id = id.map(str::to_owned);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, related: Related) -> Self {
        self.related.push(related);
        self
    }

    pub fn fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }

    pub fn family(&self) -> &str {
        family_of(&self.rule)
    }
}

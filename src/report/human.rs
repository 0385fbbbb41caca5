//! `--format human`: miette diagnostics with source snippets, then a summary.

use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};

use super::{Context, plural};
use crate::finding::{Finding, Severity, Span};

/// A file's text under its display name, borrowed (no copy per finding).
struct Source<'a> {
    name: &'a str,
    text: &'a str,
}

impl SourceCode for Source<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_owned(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// One diagnostic as miette sees it: a finding, or one of its related places.
struct Diag<'a> {
    code: Option<&'a str>,
    severity: miette::Severity,
    message: String,
    help: Option<String>,
    source: Source<'a>,
    labels: Vec<LabeledSpan>,
    related: Vec<Diag<'a>>,
}

impl fmt::Debug for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diag<'_> {}

impl Diagnostic for Diag<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.code.map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.as_deref().map(|h| Box::new(h) as Box<dyn fmt::Display + 'b>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)))
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn label(span: Span, text: Option<String>) -> LabeledSpan {
    LabeledSpan::new(text, span.start, span.len())
}

/// Related locations shown with one finding; `--format json` lists all.
const MAX_RELATED: usize = 4;
/// A related place in the same file this close (in lines) to the finding is
/// labelled in the finding's own snippet; farther ones get their own.
const NEAR_LINES: usize = 6;

fn diag<'a>(cx: &'a Context, f: &'a Finding) -> Diag<'a> {
    let file = cx.bank.file(f.file);
    let mut labels = vec![label(f.span, None)];
    let mut related = Vec::new();
    for r in f.related.iter().take(MAX_RELATED) {
        let near = r.file == f.file && {
            let (a, b) = (f.span.start.min(r.span.start), f.span.end.max(r.span.end));
            file.text.get(a..b).is_some_and(|t| memchr::memchr_iter(b'\n', t.as_bytes()).count() <= NEAR_LINES)
        };
        if near {
            labels.push(label(r.span, Some(r.message.clone())));
        } else {
            let other = cx.bank.file(r.file);
            let message = if r.file == f.file { r.message.clone() } else { format!("{}: {}", other.name, r.message) };
            related.push(Diag {
                code: None,
                severity: miette::Severity::Advice,
                message,
                help: None,
                source: Source { name: &other.name, text: &other.text },
                labels: vec![label(r.span, Some(r.message.clone()))],
                related: Vec::new(),
            });
        }
    }
    let mut help = f.help.clone();
    if f.related.len() > MAX_RELATED {
        let more = format!(
            "{} more related locations are not shown; `--format json` lists them all",
            f.related.len() - MAX_RELATED
        );
        help = Some(match help {
            Some(h) => format!("{h}\n{more}"),
            None => more,
        });
    }
    let message = match &f.question_id {
        Some(id) if !f.message.contains(&format!("`{id}`")) => format!("{} (question `{id}`)", f.message),
        _ => f.message.clone(),
    };
    Diag {
        code: Some(&f.rule),
        severity: miette_severity(f.severity),
        message,
        help,
        source: Source { name: &file.name, text: &file.text },
        labels,
        related,
    }
}

pub fn render(cx: &Context, out: &mut dyn Write) -> io::Result<()> {
    let theme = if cx.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(cx.width).with_links(false);
    let mut buf = String::new();
    for f in cx.findings {
        buf.clear();
        handler.render_report(&mut buf, &diag(cx, f)).map_err(io::Error::other)?;
        writeln!(out, "{buf}")?;
    }
    let s = &cx.summary;
    let scope = format!("{} ({})", plural(s.files, "file"), plural(s.questions, "question"));
    if cx.findings.is_empty() {
        writeln!(out, "No problems found in {scope}.")
    } else {
        let counts = [(s.errors, "error"), (s.warnings, "warning"), (s.infos, "info")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|&(n, w)| plural(n, w))
            .collect::<Vec<_>>()
            .join(", ");
        writeln!(out, "Found {counts} in {scope}.")?;
        let fixable = cx.findings.iter().filter(|f| f.fix.is_some()).count();
        if fixable > 0 {
            writeln!(
                out,
                "{} can be fixed with `djlint check --fix` (preview with `--diff`).",
                plural(fixable, "finding")
            )?;
        }
        Ok(())
    }
}

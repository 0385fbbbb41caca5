//! `--format human`: miette diagnostics with source snippets, then a summary.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};

use super::{Context, plural};
use crate::finding::{Finding, Severity, Span};

/// A file's text under its display name, borrowed (no copy per finding),
/// or, for a place on a very long line, a window of that line: `first_line`
/// and `first_column` say where the window starts in the file, so that
/// the header still names the real line and column.
struct Source<'a> {
    name: &'a str,
    text: Cow<'a, str>,
    first_line: usize,
    first_column: usize,
}

impl SourceCode for Source<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = (*self.text).read_span(span, before, after)?;
        let column = if inner.line() == 0 { inner.column() + self.first_column } else { inner.column() };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_owned(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            inner.line_count(),
        )))
    }
}

/// Lines longer than this (in bytes) are shown as a window around the
/// place: miette draws every column of a line, and cannot draw past column
/// 65,535 at all.
const MAX_LINE: usize = 1_000;
/// Bytes of context kept on each side of a place on a long line.
const WINDOW: usize = 120;
/// The most of a place on a long line that is underlined.
const MAX_LABEL: usize = 200;

/// The source to show `span` of `text` in, and the span within it: the
/// file itself, or a window of the span's line when that line is long.
fn place<'a>(name: &'a str, text: &'a str, span: Span) -> (Source<'a>, Span) {
    let whole = |span| (Source { name, text: Cow::Borrowed(text), first_line: 0, first_column: 0 }, span);
    let start = span.start.min(text.len());
    let line_start = memchr::memrchr(b'\n', &text.as_bytes()[..start]).map_or(0, |i| i + 1);
    let line_end = memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
    if line_end - line_start <= MAX_LINE {
        return whole(span);
    }
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let shown_end = floor(span.end.min(line_end).min(start + MAX_LABEL).max(start));
    let from = floor(start.saturating_sub(WINDOW).max(line_start));
    let mut to = shown_end.saturating_add(WINDOW).min(line_end);
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let (open, close) = (if from > line_start { "…" } else { "" }, if to < line_end { "…" } else { "" });
    let excerpt = format!("{open}{}{close}", &text[from..to]);
    let first_line = memchr::memchr_iter(b'\n', &text.as_bytes()[..line_start]).count();
    let first_column = text[line_start..from].chars().count().saturating_sub(open.chars().count());
    let at = open.len() + (start - from);
    let source = Source { name, text: Cow::Owned(excerpt), first_line, first_column };
    (source, Span::new(at, at + (shown_end - start)))
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
    let (source, span) = place(&file.name, &file.text, f.span);
    let windowed = matches!(source.text, Cow::Owned(_));
    let mut labels = vec![label(span, None)];
    let mut related = Vec::new();
    for r in f.related.iter().take(MAX_RELATED) {
        let near = !windowed && r.file == f.file && {
            let (a, b) = (f.span.start.min(r.span.start), f.span.end.max(r.span.end));
            file.text.get(a..b).is_some_and(|t| memchr::memchr_iter(b'\n', t.as_bytes()).count() <= NEAR_LINES)
        };
        let (other_source, other_span) = place(&cx.bank.file(r.file).name, &cx.bank.file(r.file).text, r.span);
        if near && matches!(other_source.text, Cow::Borrowed(_)) {
            labels.push(label(r.span, Some(r.message.clone())));
        } else {
            let other = cx.bank.file(r.file);
            let message = if r.file == f.file { r.message.clone() } else { format!("{}: {}", other.name, r.message) };
            related.push(Diag {
                code: None,
                severity: miette::Severity::Advice,
                message,
                help: None,
                source: other_source,
                labels: vec![label(other_span, Some(r.message.clone()))],
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
    Diag { code: Some(&f.rule), severity: miette_severity(f.severity), message, help, source, labels, related }
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

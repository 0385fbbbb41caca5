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
    /// On a window: the column (in characters, from 0) of the line where
    /// the window's own text starts.
    first_column: usize,
    /// On a window: the bytes of the `…` it opens with (0 if none).
    open: usize,
    windowed: bool,
}

impl SourceCode for Source<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = (*self.text).read_span(span, before, after)?;
        // Read without context, for the header: miette counts the column in
        // bytes; the header shows characters, as every other format does,
        // and on a window, where the window starts in the line.
        let column = if before == 0 {
            let offset = span.offset().min(self.text.len());
            let line_start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let chars = |from: usize| self.text.get(from..offset).map_or(0, |t| t.chars().count());
            if self.windowed { self.first_column + chars(self.open.min(offset)) } else { chars(line_start) }
        } else {
            inner.column()
        };
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

/// How wide the source lines of a snippet may be: lines longer than
/// `line` (in bytes) are shown as a window around the place, keeping
/// `window` bytes on each side and underlining at most `label` bytes.
/// Without a terminal width, only very long lines are cut: miette draws
/// every column of a line, and cannot draw past column 65,535 at all.
#[derive(Debug, Clone, Copy)]
struct Fit {
    line: usize,
    window: usize,
    label: usize,
}

impl Fit {
    fn new(width: Option<usize>) -> Fit {
        match width {
            // The gutter (line numbers and the frame) takes about 10 columns.
            // Context on each side, and the rest for the place itself.
            Some(w) => {
                let room = w.saturating_sub(12).max(20);
                Fit { line: room, window: room / 6, label: room - 2 * (room / 6) }
            }
            None => Fit { line: 1_000, window: 120, label: 200 },
        }
    }
}

/// The source to show `span` of `text` in, and the span within it: the
/// file itself, or a window of the span's line when that line is long.
fn place<'a>(name: &'a str, text: &'a str, span: Span, fit: Fit) -> (Source<'a>, Span) {
    let Fit { line: max_line, window, label: max_label } = fit;
    let whole = |span| {
        let source =
            Source { name, text: Cow::Borrowed(text), first_line: 0, first_column: 0, open: 0, windowed: false };
        (source, span)
    };
    let start = span.start.min(text.len());
    let line_start = memchr::memrchr(b'\n', &text.as_bytes()[..start]).map_or(0, |i| i + 1);
    let line_end = memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
    if line_end - line_start <= max_line {
        return whole(span);
    }
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let shown_end = floor(span.end.min(line_end).min(start + max_label).max(start));
    let from = floor(start.saturating_sub(window).max(line_start));
    let mut to = shown_end.saturating_add(window).min(line_end);
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let (open, close) = (if from > line_start { "…" } else { "" }, if to < line_end { "…" } else { "" });
    let excerpt = format!("{open}{}{close}", &text[from..to]);
    let first_line = memchr::memchr_iter(b'\n', &text.as_bytes()[..line_start]).count();
    let first_column = text[line_start..from].chars().count();
    let at = open.len() + (start - from);
    let source = Source { name, text: Cow::Owned(excerpt), first_line, first_column, open: open.len(), windowed: true };
    (source, Span::new(at, at + (shown_end - start)))
}

/// One diagnostic as miette sees it: a finding, or one of its related places.
struct Diag<'a> {
    code: Option<String>,
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
        self.code.as_ref().map(|c| Box::new(c) as Box<dyn fmt::Display + 'b>)
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

fn diag<'a>(cx: &'a Context, f: &'a Finding, fit: Fit) -> Diag<'a> {
    let file = cx.bank.file(f.file);
    let (source, span) = place(&file.name, &file.text, f.span, fit);
    let windowed = matches!(source.text, Cow::Owned(_));
    let mut labels = vec![label(span, None)];
    let mut related = Vec::new();
    for r in f.related.iter().take(MAX_RELATED) {
        let near = !windowed && r.file == f.file && {
            let (a, b) = (f.span.start.min(r.span.start), f.span.end.max(r.span.end));
            file.text.get(a..b).is_some_and(|t| memchr::memchr_iter(b'\n', t.as_bytes()).count() <= NEAR_LINES)
        };
        let (other_source, other_span) = place(&cx.bank.file(r.file).name, &cx.bank.file(r.file).text, r.span, fit);
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
    // The severity's word leads the message, as in every other report: the
    // symbol alone would not tell an info finding from a related place.
    let message = match &f.question_id {
        Some(id) if !f.message.contains(&format!("`{id}`")) => {
            format!("{}: {} (question `{id}`)", f.severity, f.message)
        }
        _ => format!("{}: {}", f.severity, f.message),
    };
    // Fixable findings are marked `[*]`, as ruff marks them.
    let code = if f.fix.is_some() { format!("{} [*]", f.rule) } else { f.rule.to_string() };
    Diag { code: Some(code), severity: miette_severity(f.severity), message, help, source, labels, related }
}

/// From this many findings on, the summary points at `--statistics` and
/// baselines.
const MANY: usize = 50;

/// The miette renderer every diagnostic djlint prints goes through (the
/// report, and errors on stderr): coloured or not, fitted to `width` or
/// not wrapped. Messages wrap at spaces only: a rule id, a question id or
/// a path is never broken (no hyphenation, no break after `/`).
pub fn handler(color: bool, width: Option<usize>) -> GraphicalReportHandler {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_break_words(false)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
    match width {
        Some(w) => handler.with_width(w),
        None => handler.with_wrap_lines(false),
    }
}

pub fn render(cx: &Context, out: &mut dyn Write) -> io::Result<()> {
    let handler = handler(cx.color, cx.width);
    let fit = Fit::new(cx.width);
    let mut buf = String::new();
    let mut file = None;
    for f in cx.findings {
        if file != Some(f.file) {
            // One heading per file; findings come sorted by file.
            file = Some(f.file);
            let name = &cx.bank.file(f.file).name;
            let heading = if cx.color { format!("\x1b[1;4m{name}\x1b[0m:") } else { format!("{name}:") };
            writeln!(out, "{}", clip(&heading, cx.width))?;
        }
        buf.clear();
        handler.render_report(&mut buf, &diag(cx, f, fit)).map_err(io::Error::other)?;
        for line in buf.lines() {
            // miette heads each related place "Advice: "; the snippet under
            // it says what the place is.
            if line.trim_end() == "Advice:" {
                continue;
            }
            writeln!(out, "{}", clip(line, cx.width))?;
        }
        writeln!(out)?;
    }
    if cx.quiet {
        return Ok(());
    }
    let s = &cx.summary;
    let scope = format!("{} ({})", plural(s.files, "file"), plural(s.questions, "question"));
    if cx.findings.is_empty() {
        return summary_lines(out, &[format!("No problems found in {scope}.")], cx.width);
    }
    let counts = [(s.errors, "error"), (s.warnings, "warning"), (s.infos, "info")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|&(n, w)| plural(n, w))
        .collect::<Vec<_>>()
        .join(", ");
    let mut lines = vec![format!("Found {counts} in {scope}.")];
    let fixable = cx.findings.iter().filter(|f| f.fix.is_some()).count();
    if fixable > 0 {
        let verb = if fixable == 1 { "is" } else { "are" };
        lines.push(format!(
            "[*] {} {verb} fixable with `djlint check --fix` (preview with `--diff`).",
            plural(fixable, "finding")
        ));
    }
    if cx.findings.len() >= MANY {
        lines.push(
            "`--statistics` counts them per rule; `--write-baseline FILE` records them, and `--baseline FILE` \
             then reports only new ones."
                .to_owned(),
        );
    }
    summary_lines(out, &lines, cx.width)
}

/// The summary's sentences, wrapped at spaces to `width` (and clipped, for
/// a word longer than the width), or as they are without one.
fn summary_lines(out: &mut dyn Write, lines: &[String], width: Option<usize>) -> io::Result<()> {
    for line in lines {
        let wrapped = match width {
            Some(w) => textwrap::fill(
                line,
                textwrap::Options::new(w)
                    .break_words(false)
                    .word_separator(textwrap::WordSeparator::AsciiSpace)
                    .word_splitter(textwrap::WordSplitter::NoHyphenation),
            ),
            None => line.clone(),
        };
        for line in wrapped.lines() {
            writeln!(out, "{}", clip(line, width))?;
        }
    }
    Ok(())
}

/// `line` cut to `width` visible columns, with `…` where it was cut.
/// Colour escapes take no columns and are kept; a cut line ends with a
/// reset, so that no colour runs on.
fn clip(line: &str, width: Option<usize>) -> Cow<'_, str> {
    let Some(width) = width else { return Cow::Borrowed(line) };
    // `display_width` skips colour escapes.
    if textwrap::core::display_width(line) <= width {
        return Cow::Borrowed(line);
    }
    let mut cols = 0;
    let mut escape = false;
    let mut buf = [0u8; 4];
    for (i, c) in line.char_indices() {
        if escape {
            escape = !c.is_ascii_alphabetic();
            continue;
        }
        if c == '\x1b' {
            escape = true;
            continue;
        }
        let w = textwrap::core::display_width(c.encode_utf8(&mut buf));
        if cols + w > width.saturating_sub(1) {
            let reset = if line.contains('\x1b') { "\x1b[0m" } else { "" };
            return Cow::Owned(format!("{}…{reset}", &line[..i]));
        }
        cols += w;
    }
    Cow::Borrowed(line)
}

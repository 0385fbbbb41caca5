//! `--format json`: the versioned JSON contract (version 1). Fields may be
//! added in later versions; none is removed or changes meaning.

use std::io::{self, Write};

use serde::Serialize;

use super::{Context, Lines, Summary};
use crate::finding::Span;

pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    summary: Summary,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
pub struct Tool {
    name: &'static str,
    version: &'static str,
}

impl Default for Tool {
    fn default() -> Tool {
        Tool { name: "djlint", version: env!("CARGO_PKG_VERSION") }
    }
}

#[derive(Serialize)]
struct JsonSpan {
    start: usize,
    end: usize,
}

impl From<Span> for JsonSpan {
    fn from(s: Span) -> Self {
        JsonSpan { start: s.start, end: s.end }
    }
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    rule: &'a str,
    family: &'a str,
    severity: &'static str,
    file: &'a str,
    question_id: Option<&'a str>,
    span: JsonSpan,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    help: Option<&'a str>,
    related: Vec<Related<'a>>,
    /// The byte edits `--fix` would make, or null.
    fix: Option<Vec<JsonEdit<'a>>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    span: JsonSpan,
    replacement: &'a str,
}

#[derive(Serialize)]
struct Related<'a> {
    file: &'a str,
    question_id: Option<&'a str>,
    span: JsonSpan,
    line: usize,
    column: usize,
    message: &'a str,
}

pub fn render(cx: &Context, out: &mut dyn Write) -> io::Result<()> {
    let mut lines = Lines::new(cx.bank);
    let diagnostics = cx
        .findings
        .iter()
        .map(|f| {
            let (line, column) = lines.at(f.file, f.span.start);
            let (end_line, end_column) = lines.at(f.file, f.span.end);
            let related = f
                .related
                .iter()
                .map(|r| {
                    let (line, column) = lines.at(r.file, r.span.start);
                    Related {
                        file: &cx.bank.file(r.file).name,
                        question_id: r.question_id.as_deref(),
                        span: r.span.into(),
                        line,
                        column,
                        message: &r.message,
                    }
                })
                .collect();
            Diagnostic {
                rule: &f.rule,
                family: f.family(),
                severity: f.severity.as_str(),
                file: &cx.bank.file(f.file).name,
                question_id: f.question_id.as_deref(),
                span: f.span.into(),
                line,
                column,
                end_line,
                end_column,
                message: &f.message,
                help: f.help.as_deref(),
                related,
                fix: f.fix.as_ref().map(|fix| {
                    fix.edits.iter().map(|e| JsonEdit { span: e.span.into(), replacement: &e.replacement }).collect()
                }),
            }
        })
        .collect();
    let doc = Document { version: VERSION, tool: Tool::default(), summary: cx.summary, diagnostics };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

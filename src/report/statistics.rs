//! `--statistics`: how many findings each rule has, most first, for
//! planning a clean-up. A table, or with `--format json` the same counts in
//! the JSON contract's envelope.

use std::io::{self, Write};

use serde::Serialize;

use super::{Context, Summary};

#[derive(Serialize)]
struct Count<'a> {
    rule: &'a str,
    severity: String,
    count: usize,
    fixable: usize,
}

fn counts<'a>(cx: &Context<'a>) -> Vec<Count<'a>> {
    let mut counts: Vec<Count<'a>> = Vec::new();
    for f in cx.findings {
        let fixable = usize::from(f.fix.is_some());
        match counts.iter_mut().find(|c| c.rule == f.rule.as_ref()) {
            Some(c) => {
                c.count += 1;
                c.fixable += fixable;
            }
            None => counts.push(Count { rule: f.rule.as_ref(), severity: f.severity.to_string(), count: 1, fixable }),
        }
    }
    counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(b.rule)));
    counts
}

pub fn render(cx: &Context, out: &mut dyn Write) -> io::Result<()> {
    let counts = counts(cx);
    let width = counts.iter().map(|c| c.rule.len()).max().unwrap_or(4).max(4);
    writeln!(out, "{:>6}  {:<width$}  {:<8}  fixable", "count", "rule", "severity")?;
    for c in &counts {
        writeln!(out, "{:>6}  {:<width$}  {:<8}  {}", c.count, c.rule, c.severity, c.fixable)?;
    }
    writeln!(out, "{:>6}  total", cx.findings.len())
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: super::json::Tool,
    summary: Summary,
    statistics: Vec<Count<'a>>,
}

/// `--statistics --format json`.
pub fn render_json(cx: &Context, out: &mut dyn Write) -> io::Result<()> {
    let doc = Document {
        version: super::json::VERSION,
        tool: super::json::Tool::default(),
        summary: cx.summary,
        statistics: counts(cx),
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}

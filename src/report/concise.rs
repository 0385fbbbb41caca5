//! `--format concise`: `path:line:col: severity[rule] message`, one per
//! line; fixable findings carry `[*]` after the rule, as in ruff. With
//! colour, the path is bold and the severity coloured.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::{Context, Lines};
use crate::finding::Severity;

/// The colour a severity is shown in (the same in every plain-text output).
pub fn severity_style(s: Severity) -> Style {
    let color = match s {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

pub fn render(cx: &Context, out: &mut dyn Write) -> io::Result<()> {
    let mut lines = Lines::new(cx.bank);
    let (bold, plain) = if cx.color { (Style::new().bold(), Style::new()) } else { (Style::new(), Style::new()) };
    for f in cx.findings {
        let (line, col) = lines.at(f.file, f.span.start);
        let name = &cx.bank.file(f.file).name;
        let severity = if cx.color { severity_style(f.severity) } else { plain };
        let fix = if f.fix.is_some() { " [*]" } else { "" };
        writeln!(
            out,
            "{bold}{name}{bold:#}:{line}:{col}: {severity}{}{severity:#}[{}]{fix} {}",
            f.severity, f.rule, f.message
        )?;
    }
    Ok(())
}

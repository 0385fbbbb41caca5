//! `--format concise`: `path:line:col: severity[rule] message`, one per line.

use std::io::{self, Write};

use super::{Context, Lines};

pub fn render(cx: &Context, out: &mut dyn Write) -> io::Result<()> {
    let mut lines = Lines::new(cx.bank);
    for f in cx.findings {
        let (line, col) = lines.at(f.file, f.span.start);
        let name = &cx.bank.file(f.file).name;
        writeln!(out, "{name}:{line}:{col}: {}[{}] {}", f.severity, f.rule, f.message)?;
    }
    Ok(())
}

//! `--statistics`: how many findings each rule has, most first, for
//! planning a clean-up.

use std::io::{self, Write};

use super::Context;

pub fn render(cx: &Context, out: &mut dyn Write) -> io::Result<()> {
    let mut counts: Vec<(usize, &str, String, usize)> = Vec::new();
    for f in cx.findings {
        match counts.iter_mut().find(|c| c.1 == f.rule.as_ref()) {
            Some(c) => {
                c.0 += 1;
                c.3 += usize::from(f.fix.is_some());
            }
            None => counts.push((1, f.rule.as_ref(), f.severity.to_string(), usize::from(f.fix.is_some()))),
        }
    }
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let width = counts.iter().map(|c| c.1.len()).max().unwrap_or(4).max(4);
    writeln!(out, "{:>6}  {:<width$}  {:<8}  fixable", "count", "rule", "severity")?;
    for (n, rule, severity, fixable) in &counts {
        writeln!(out, "{n:>6}  {rule:<width$}  {severity:<8}  {fixable}")?;
    }
    writeln!(out, "{:>6}  total", cx.findings.len())
}

//! `--format github`: GitHub Actions workflow commands, one annotation per
//! finding (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::…`).
//!
//! A pull request shows only the first 10 errors and 10 warnings of a step,
//! so annotations come most important first: errors, then warnings, then
//! notices, each in file order. When `$GITHUB_STEP_SUMMARY` names a file, a
//! Markdown summary is appended to it: counts per family, the files with
//! the most findings, and a table of every finding (up to a size GitHub
//! accepts).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Context, Lines, plural};
use crate::finding::{Finding, Severity, family_of};

/// GitHub refuses step summaries over 1 MiB; stay well below it.
const SUMMARY_LIMIT: usize = 900 * 1024;

/// Escape the message of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a property value (`file=`, `title=`) of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Findings in annotation order: most severe first, then file order.
fn ordered(findings: &[Finding]) -> Vec<&Finding> {
    let mut list: Vec<&Finding> = findings.iter().collect();
    list.sort_by_key(|f| std::cmp::Reverse(f.severity)); // stable: file order within a severity
    list
}

pub fn render(cx: &Context, out: &mut dyn Write) -> io::Result<()> {
    let mut lines = Lines::new(cx.bank);
    for f in ordered(cx.findings) {
        let (line, col) = lines.at(f.file, f.span.start);
        let (end_line, end_col) = lines.at(f.file, f.span.end.max(f.span.start));
        let mut message = f.message.clone();
        if let Some(id) = &f.question_id {
            message.push_str(&format!(" (question `{id}`)"));
        }
        if let Some(help) = &f.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        writeln!(
            out,
            "::{} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
            command(f.severity),
            escape_property(&cx.bank.file(f.file).name),
            escape_property(&f.rule),
            escape_data(&message),
        )?;
    }
    writeln!(out, "djlint: {}", counts(&cx.summary))?;
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
        file.write_all(summary(cx).as_bytes())?;
    }
    Ok(())
}

/// Escape text for a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace(['\n', '\r'], " ").replace('<', "&lt;")
}

/// "2 errors, 1 warning, 0 infos in 3 files (40 questions)": the
/// severities named as every report names them (`notice` is only the
/// annotation command GitHub wants).
fn counts(s: &super::Summary) -> String {
    format!(
        "{}, {}, {} in {} ({})",
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info"),
        plural(s.files, "file"),
        plural(s.questions, "question")
    )
}

/// The step summary, in Markdown.
pub fn summary(cx: &Context) -> String {
    let s = &cx.summary;
    let mut md = String::from("## djlint\n\n");
    if cx.findings.is_empty() {
        let _ = writeln!(md, "No findings in {} ({}).\n", plural(s.files, "file"), plural(s.questions, "question"));
        return md;
    }
    let _ = writeln!(md, "{}.\n", counts(s));
    md.push_str("| Family | Errors | Warnings | Infos |\n|---|---:|---:|---:|\n");
    for family in crate::rules::FAMILIES {
        let of = |sev| cx.findings.iter().filter(|f| family_of(&f.rule) == *family && f.severity == sev).count();
        let (e, w, n) = (of(Severity::Error), of(Severity::Warning), of(Severity::Info));
        if e + w + n > 0 {
            let _ = writeln!(md, "| {family} | {e} | {w} | {n} |");
        }
    }
    let mut per_file: Vec<(usize, &str)> = Vec::new();
    for f in cx.findings {
        let name = cx.bank.file(f.file).name.as_str();
        match per_file.iter_mut().find(|(_, n)| *n == name) {
            Some(slot) => slot.0 += 1,
            None => per_file.push((1, name)),
        }
    }
    per_file.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    md.push_str("\n### Top files\n\n| File | Findings |\n|---|---:|\n");
    for (n, name) in per_file.iter().take(10) {
        let _ = writeln!(md, "| `{}` | {n} |", cell(name));
    }
    md.push_str("\n### Findings\n\n| Severity | Location | Rule | Message |\n|---|---|---|---|\n");
    let mut lines = Lines::new(cx.bank);
    let all = ordered(cx.findings);
    for (shown, f) in all.iter().enumerate() {
        if md.len() > SUMMARY_LIMIT {
            let _ = writeln!(md, "\n{} more not shown.", all.len() - shown);
            break;
        }
        let (line, col) = lines.at(f.file, f.span.start);
        let _ = writeln!(
            md,
            "| {} | `{}:{line}:{col}` | `{}` | {} |",
            f.severity,
            cell(&cx.bank.file(f.file).name),
            f.rule,
            cell(&f.message)
        );
    }
    md.push('\n');
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_workflow_command_rules() {
        assert_eq!(escape_data("50% done\r\nnext: a, b"), "50%25 done%0D%0Anext: a, b");
        assert_eq!(escape_property("dir/a:b,c%.yaml"), "dir/a%3Ab%2Cc%25.yaml");
        assert_eq!(escape_property("x\ny"), "x%0Ay");
        assert_eq!(cell("a | b\nc"), "a \\| b c");
    }
}

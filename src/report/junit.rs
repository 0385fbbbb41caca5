//! `--format junit`: JUnit XML for GitLab, Jenkins and other CI servers.
//! One test suite per file, one failed test case per finding (its rule,
//! question and place), and one passing case for a file without findings.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::{Context, Lines};

/// Escape text for XML content and attribute values.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push('\t'),
            // Not allowed in XML 1.0.
            c if (c as u32) < 0x20 => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

pub fn render(cx: &Context, out: &mut dyn Write) -> io::Result<()> {
    let mut per_file: BTreeMap<usize, Vec<usize>> = (0..cx.bank.files.len()).map(|f| (f, Vec::new())).collect();
    for (i, f) in cx.findings.iter().enumerate() {
        per_file.entry(f.file).or_default().push(i);
    }
    let total = per_file.values().map(|v| v.len().max(1)).sum::<usize>();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="djlint" tests="{total}" failures="{}">"#, cx.findings.len())?;
    let mut lines = Lines::new(cx.bank);
    for (file, found) in &per_file {
        let name = xml(&cx.bank.file(*file).name);
        writeln!(out, r#"  <testsuite name="{name}" tests="{}" failures="{}">"#, found.len().max(1), found.len())?;
        if found.is_empty() {
            writeln!(out, r#"    <testcase name="no findings" classname="{name}"/>"#)?;
        }
        for &i in found {
            let f = &cx.findings[i];
            let (line, col) = lines.at(f.file, f.span.start);
            let question = f.question_id.as_deref().map_or(String::new(), |q| format!(" {q}"));
            let mut body =
                format!("{}:{line}:{col}: {}[{}] {}", cx.bank.file(f.file).name, f.severity, f.rule, f.message);
            if let Some(help) = &f.help {
                body.push_str(&format!("\nhelp: {help}"));
            }
            writeln!(
                out,
                r#"    <testcase name="{}{} line {line}:{col}" classname="{name}" file="{name}" line="{line}">"#,
                xml(&f.rule),
                xml(&question)
            )?;
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}</failure>"#,
                xml(&f.rule),
                xml(&f.message),
                xml(&body)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    #[test]
    fn xml_escapes_markup_and_control_characters() {
        assert_eq!(super::xml("a<b & \"c\"\n\u{1}"), "a&lt;b &amp; &quot;c&quot;&#10;\u{FFFD}");
    }
}

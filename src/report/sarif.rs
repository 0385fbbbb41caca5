//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF
//! viewers. One run; one `rule` per rule of the run with its summary,
//! explanation and examples; results with exact regions (columns count
//! Unicode code points), related locations for duplicates, the question
//! as a logical location, and `partialFingerprints` that do not depend on
//! line numbers. GitHub's upload limits are kept: at most 25,000 results
//! (the most severe first) and 1,000 related locations per result.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Context, Lines};
use crate::finding::{Finding, Severity};
use crate::fingerprint;

/// GitHub code scanning rejects runs with more results than this.
pub const MAX_RESULTS: usize = 25_000;
/// And results with more locations than this.
pub const MAX_LOCATIONS: usize = 1_000;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

pub fn render(cx: &Context, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &document(cx)).map_err(io::Error::other)?;
    writeln!(out)
}

pub fn document(cx: &Context) -> Value {
    let rules: Vec<Value> = cx
        .rules
        .iter()
        .map(|r| {
            let examples = format!("Bad:\n\n{}\n\nGood:\n\n{}", r.bad.trim_end(), r.good.trim_end());
            json!({
                "id": r.id,
                "name": r.id.replace(['/', '-'], "_"),
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.explanation.trim() },
                "help": {
                    "text": format!("{}\n\n{}", r.explanation.trim(), examples),
                    "markdown": format!(
                        "{}\n\n**Bad**\n\n```yaml\n{}\n```\n\n**Good**\n\n```yaml\n{}\n```",
                        r.explanation.trim(),
                        r.bad.trim_end(),
                        r.good.trim_end()
                    ),
                },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "tags": [r.family()] },
            })
        })
        .collect();
    let index_of = |id: &str| cx.rules.iter().position(|r| r.id == id);
    let keys = fingerprint::keys(cx.bank, cx.findings);
    // The most severe first, so a cut keeps what matters.
    let mut order: Vec<usize> = (0..cx.findings.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(cx.findings[i].severity));
    order.truncate(MAX_RESULTS);
    order.sort_unstable();
    let mut lines = Lines::new(cx.bank);
    let results: Vec<Value> = order
        .iter()
        .map(|&i| {
            let f = &cx.findings[i];
            let mut result = json!({
                "ruleId": f.rule.as_ref(),
                "level": level(f.severity),
                "message": { "text": message(f) },
                "locations": [location(cx, &mut lines, f.file, f.span, f.question_id.as_deref())],
                "partialFingerprints": { "djlint/v1": keys[i].digest() },
            });
            if let Some(index) = index_of(&f.rule) {
                result["ruleIndex"] = json!(index);
            }
            if !f.related.is_empty() {
                let related: Vec<Value> = f
                    .related
                    .iter()
                    .take(MAX_LOCATIONS)
                    .enumerate()
                    .map(|(n, r)| {
                        let mut loc = location(cx, &mut lines, r.file, r.span, r.question_id.as_deref());
                        loc["id"] = json!(n + 1);
                        loc["message"] = json!({ "text": r.message });
                        loc
                    })
                    .collect();
                result["relatedLocations"] = Value::Array(related);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "djlint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn message(f: &Finding) -> String {
    match &f.help {
        Some(help) => format!("{}. Help: {help}", f.message.trim_end_matches('.')),
        None => f.message.clone(),
    }
}

fn location(cx: &Context, lines: &mut Lines, file: usize, span: crate::finding::Span, question: Option<&str>) -> Value {
    let (start_line, start_column) = lines.at(file, span.start);
    let (end_line, end_column) = lines.at(file, span.end.max(span.start));
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&cx.bank.file(file).name) },
            "region": {
                "startLine": start_line,
                "startColumn": start_column,
                "endLine": end_line,
                "endColumn": end_column.max(if end_line == start_line { start_column + 1 } else { 1 }),
            },
        },
    });
    if let Some(q) = question {
        loc["logicalLocations"] = json!([{ "name": q, "kind": "object" }]);
    }
    loc
}

/// A relative path as a URI reference: `/` separators, and characters
/// outside the unreserved set percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn paths_become_uri_references() {
        assert_eq!(super::uri("content/a b,c%.yaml"), "content/a%20b%2Cc%25.yaml");
        assert_eq!(super::uri("dir\\é.yml"), "dir/%C3%A9.yml");
    }
}

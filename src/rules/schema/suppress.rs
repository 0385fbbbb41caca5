//! Inline suppressions: a YAML comment `# djlint: ignore[rule-or-family, …]
//! reason` on the line before a question item silences those rules for
//! that question; at the top of a file (before any content) it silences
//! them for the whole file. A suppression that silences nothing is itself
//! reported (`schema/unused-suppression`), so that they do not outlive the
//! problems they were written for.

use std::sync::OnceLock;

use regex::Regex;

use crate::bank::Bank;
use crate::finding::FileId;
use crate::finding::{Finding, Severity, Span, family_of};
use crate::rules::Rule;

pub const UNUSED_SUPPRESSION: Rule = Rule {
    id: "schema/unused-suppression",
    severity: Severity::Warning,
    summary: "A `# djlint: ignore[...]` comment that silences nothing, names an unknown rule, or is not where a suppression can be.",
    explanation: "A suppression comment silences the listed rules (ids or families) for the question on the next line, \
or for the whole file when it comes before any content. Once the problem is fixed, or the question moves, the comment \
silences nothing and would hide the next, different problem. Remove it, or put it on the line right before the \
question's `- id:` line. Rules that are not run (`--select`, `--ignore`) are not reported as unused.",
    bad: "questions:\n  # djlint: ignore[unclear/too-short] short on purpose\n  - id: orm\n    question: What does the ORM do?\n    answer: It maps model classes to database tables and builds SQL from QuerySet calls.\n",
    good: "questions:\n  # djlint: ignore[unclear/too-short] a one-line answer is the point here\n  - id: orm\n    question: Why use manage.py shell rather than python?\n    answer: It loads the settings.\n",
    fixable: false,
};

/// Where a suppression applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    File,
    /// The question whose mapping starts at this span.
    Question(Span),
    /// Not before a question nor at the top of the file.
    Nothing,
}

#[derive(Debug)]
struct Suppression {
    file: FileId,
    scope: Scope,
    /// Each listed rule or family, where it is written, and whether it
    /// silenced something.
    rules: Vec<(String, Span, bool)>,
    comment: Span,
    /// The id of the question it applies to.
    question: Option<String>,
}

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"#\s*djlint:\s*ignore\[([^\]\n]*)\]").expect("valid"))
}

fn collect(bank: &Bank) -> Vec<Suppression> {
    let mut out = Vec::new();
    for (file, source) in bank.files.iter().enumerate() {
        let text = &source.text;
        if memchr::memmem::find(text.as_bytes(), b"djlint:").is_none() {
            continue;
        }
        let mut seen_content = false;
        let mut offset = 0;
        let lines: Vec<(usize, &str)> = text
            .split_inclusive('\n')
            .map(|l| {
                let at = offset;
                offset += l.len();
                (at, l)
            })
            .collect();
        for (i, &(at, line)) in lines.iter().enumerate() {
            let trimmed = line.trim();
            let is_comment = trimmed.starts_with('#');
            if !is_comment {
                if !trimmed.is_empty() && trimmed != "---" {
                    seen_content = true;
                }
                continue;
            }
            let Some(caps) = pattern().captures(line) else { continue };
            let list = caps.get(1).expect("group 1");
            let whole = caps.get(0).expect("group 0");
            let mut question = None;
            let scope = if !seen_content {
                Scope::File
            } else {
                // The next content line must start a question.
                let next = lines[i + 1..].iter().find(|(_, l)| {
                    let t = l.trim();
                    !t.is_empty() && !t.starts_with('#')
                });
                next.and_then(|&(start, l)| {
                    let end = start + l.len();
                    bank.questions.iter().find(|q| q.file == file && q.span.start >= start && q.span.start < end).map(
                        |q| {
                            question = q.id().map(str::to_owned);
                            Scope::Question(q.span)
                        },
                    )
                })
                .unwrap_or(Scope::Nothing)
            };
            let mut rules = Vec::new();
            let mut pos = at + list.start();
            for part in list.as_str().split(',') {
                let name = part.trim();
                let lead = part.len() - part.trim_start().len();
                if !name.is_empty() {
                    rules.push((name.to_owned(), Span::new(pos + lead, pos + lead + name.len()), false));
                }
                pos += part.len() + 1;
            }
            let comment = Span::new(at + whole.start(), at + whole.end());
            out.push(Suppression { file, scope, rules, comment, question });
        }
    }
    out
}

fn matches(selector: &str, rule: &str) -> bool {
    selector == rule || selector == family_of(rule)
}

/// Drop the findings that a suppression silences, and add a finding for
/// every suppression that silenced nothing. `known` says whether a rule
/// id or family exists; `enabled` whether any rule it names runs.
pub fn apply(bank: &Bank, findings: &mut Vec<Finding>, known: &dyn Fn(&str) -> bool, enabled: &dyn Fn(&str) -> bool) {
    let mut all = collect(bank);
    if all.is_empty() {
        return;
    }
    findings.retain(|f| {
        let mut silenced = false;
        for s in all.iter_mut().filter(|s| s.file == f.file) {
            let applies = match s.scope {
                Scope::File => true,
                Scope::Question(span) => f.span.start >= span.start && f.span.start < span.end.max(span.start + 1),
                Scope::Nothing => false,
            };
            if !applies {
                continue;
            }
            for (selector, _, used) in s.rules.iter_mut() {
                if matches(selector, &f.rule) {
                    *used = true;
                    silenced = true;
                }
            }
        }
        !silenced
    });
    for s in &all {
        if s.scope == Scope::Nothing {
            findings.push(Finding::new(
                &UNUSED_SUPPRESSION,
                s.file,
                s.comment,
                "this suppression is neither at the top of the file nor on the line before a question",
            ).help("put it on the line right before the question's `- id:` line, or before any content for the whole file"));
            continue;
        }
        for (selector, span, used) in &s.rules {
            let message = if !known(selector) {
                format!("`{selector}` in this suppression is not a rule or family")
            } else if !*used && enabled(selector) {
                format!("the suppression of `{selector}` matches no finding")
            } else {
                continue;
            };
            findings.push(
                Finding::new(&UNUSED_SUPPRESSION, s.file, *span, message)
                    .question(s.question.as_deref())
                    .help("remove it from the comment"),
            );
        }
    }
}

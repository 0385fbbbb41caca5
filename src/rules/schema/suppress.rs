//! Inline suppressions: a YAML comment `# djlint: ignore[rule-or-family, …]
//! reason` silences those rules for one question when it is on any line of
//! the question (trailing, as `# noqa` is written) or on its own line inside
//! it or right before it; at the top of a file (before any content) it
//! silences them for the whole file. `djlint` and `ignore` are read in any
//! case, with or without a space before `[`.
//!
//! A suppression that silences nothing is itself reported
//! (`schema/unused-suppression`), so that they do not outlive the problems
//! they were written for, and a comment that starts with `djlint:` but
//! cannot be read is reported with what was expected
//! (`schema/invalid-suppression`): a suppression that looks right must
//! either work or say why not.

use std::sync::OnceLock;

use regex::Regex;

use crate::bank::{Bank, Question};
use crate::finding::FileId;
use crate::finding::{Finding, Severity, Span, family_of};
use crate::rules::Rule;

pub const UNUSED_SUPPRESSION: Rule = Rule {
    id: "schema/unused-suppression",
    severity: Severity::Warning,
    summary: "A `# djlint: ignore[...]` comment that silences nothing, names an unknown rule, or is not where a suppression can be.",
    explanation: "A suppression comment silences the listed rules (ids or families) for a question when it is on one \
of the question's lines (at the end of the line, or on a line of its own inside the question or right before its \
`- id:` line), or for the whole file when it comes before any content. Once the problem is fixed, or the question \
moves, the comment silences nothing and would hide the next, different problem. Remove it, or move it onto the \
question. Rules that are not run (`--select`, `--ignore`) are not reported as unused.",
    bad: "questions:\n  # djlint: ignore[unclear/too-short] short on purpose\n  - id: orm\n    question: What does the ORM do?\n    answer: It maps model classes to database tables and builds SQL from QuerySet calls.\n",
    good: "questions:\n  - id: orm\n    question: Why use manage.py shell rather than python?\n    answer: It loads the settings.  # djlint: ignore[unclear/too-short] the point is brevity\n",
    fixable: false,
};

pub const INVALID_SUPPRESSION: Rule = Rule {
    id: "schema/invalid-suppression",
    severity: Severity::Warning,
    summary: "A comment that starts with `djlint:` but is not a suppression djlint can read.",
    explanation: "djlint reads one directive in comments: `# djlint: ignore[rule-or-family, …] reason`. A comment \
that starts with `djlint:` but says something else (`ignore` without brackets, an empty list, an unclosed `[`, \
another word) would silence nothing while looking as if it did, so it is reported with the form that works.",
    bad: "questions:\n  - id: orm\n    question: Why use manage.py shell rather than python?\n    answer: It loads the settings.  # djlint: ignore unclear/too-short\n",
    good: "questions:\n  - id: orm\n    question: Why use manage.py shell rather than python?\n    answer: It loads the settings.  # djlint: ignore[unclear/too-short] the point is brevity\n",
    fixable: false,
};

/// The form every suppression takes, for messages.
const FORM: &str = "`# djlint: ignore[rule-or-family, …] reason`";

/// Where a suppression applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    File,
    /// The question whose mapping starts at this span.
    Question(Span),
    /// Not on or before a question nor at the top of the file.
    Nothing,
}

#[derive(Debug)]
struct Suppression {
    file: FileId,
    scope: Scope,
    /// Each listed rule or family (lower case), where it is written, and
    /// whether it silenced something.
    rules: Vec<(String, Span, bool)>,
    comment: Span,
    /// The id of the question it applies to.
    question: Option<String>,
}

/// A `djlint:` comment that could not be read, and what was expected.
#[derive(Debug)]
struct Invalid {
    file: FileId,
    comment: Span,
    message: String,
}

/// A comment whose text starts with `djlint:`; the match starts at `#`.
fn directive() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?i)#[ \t]*djlint[ \t]*:[ \t]*").expect("valid"))
}

/// What a directive's text (after `djlint:`) says.
enum Parsed {
    /// The rule list: its offset in the directive text and its text.
    Ignore(usize, String),
    Invalid(String),
}

fn parse(rest: &str) -> Parsed {
    let word_len = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
    let word = &rest[..word_len];
    if !word.eq_ignore_ascii_case("ignore") {
        let shown = rest.split_whitespace().next().unwrap_or("");
        return Parsed::Invalid(if shown.is_empty() {
            format!("`djlint:` is followed by nothing; a suppression reads {FORM}")
        } else {
            format!("`djlint: {shown}` is not a djlint directive; a suppression reads {FORM}")
        });
    }
    let after = &rest[word_len..];
    let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
    let Some(list) = after[gap..].strip_prefix('[') else {
        return Parsed::Invalid(format!("the rules of `ignore` go in brackets: {FORM}"));
    };
    let Some(close) = list.find(']') else {
        return Parsed::Invalid(format!("the rule list is not closed with `]`: {FORM}"));
    };
    if list[..close].trim().is_empty() {
        return Parsed::Invalid(format!("`ignore[]` names no rule: {FORM}"));
    }
    Parsed::Ignore(word_len + gap + 1, list[..close].to_owned())
}

/// Whether `at` lies inside one of the question's values (where `#` is
/// text, not a comment).
fn inside_value(q: &Question, at: usize) -> bool {
    let within = |s: Span| s.start <= at && at < s.end;
    q.texts().any(|t| within(t.span)) || [&q.id, &q.level].into_iter().flatten().chain(&q.tags).any(|v| within(v.span))
}

/// Where a question's last value ends. The parser's mapping span runs on
/// to the next token, over the comments and blank lines after the
/// question, which belong to no question (or to the next one).
fn question_end(q: &Question) -> usize {
    let texts = q.texts().map(|t| t.span.end);
    let values = [&q.id, &q.level].into_iter().flatten().chain(&q.tags).map(|v| v.span.end);
    texts.chain(values).max().unwrap_or(q.span.end).min(q.span.end.max(q.span.start))
}

/// The suppression comment of Markdown files, as messages show it.
const HTML_FORM: &str = "`<!-- djlint: ignore[rule-or-family, …] reason -->`";

/// An HTML comment whose text starts with `djlint:`; the match starts at `<!--`.
fn html_directive() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?i)<!--[ \t]*djlint[ \t]*:[ \t]*").expect("valid"))
}

/// The suppressions of a Markdown file: HTML comments, on a question's
/// lines or on the line before it, or before any content for the file.
fn collect_markdown(bank: &Bank, file: FileId, out: &mut Vec<Suppression>, invalid: &mut Vec<Invalid>) {
    let source = &bank.files[file];
    let text = &source.text;
    let questions = &bank.questions[source.questions.clone()];
    let code = crate::bank::markdown::code_regions(text);
    // Where the content starts: the first line that is not blank or a comment.
    let mut content = text.len();
    let mut offset = 0;
    let mut in_comment = false;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        let comment_line = in_comment || t.starts_with("<!--");
        in_comment = comment_line && !t.contains("-->");
        if !t.is_empty() && !comment_line {
            content = offset;
            break;
        }
        offset += line.len();
    }
    for m in html_directive().find_iter(text) {
        let at = m.start();
        if crate::bank::markdown::overlaps(&code, &(at..m.end())) {
            continue;
        }
        let Some(close) = text[m.end()..].find("-->").map(|i| m.end() + i) else {
            let comment = Span::new(at, m.end());
            invalid.push(Invalid {
                file,
                comment,
                message: format!("the comment is not closed with `-->`: {HTML_FORM}"),
            });
            continue;
        };
        let comment = Span::new(at, close + 3);
        let body = &text[m.end()..close];
        let (list_at, list) = match parse(body) {
            Parsed::Ignore(offset, list) => (m.end() + offset, list),
            Parsed::Invalid(message) => {
                invalid.push(Invalid { file, comment, message: message.replace(FORM, HTML_FORM) });
                continue;
            }
        };
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[close..].find('\n').map_or(text.len(), |i| close + i);
        let full_line = text[line_start..at].trim().is_empty() && text[close + 3..line_end].trim().is_empty();
        let mut question = None;
        // Questions are in file order and do not overlap.
        let i = questions.partition_point(|q| q.span.start <= at);
        let on = i.checked_sub(1).map(|i| &questions[i]).filter(|q| at < q.span.end);
        let scope = if full_line && at < content {
            Scope::File
        } else if let Some(q) = on {
            question = q.id().map(str::to_owned);
            Scope::Question(q.span)
        } else if full_line {
            // The next line that is not blank must start a question.
            let rest = &text[line_end..];
            let skip = rest.len() - rest.trim_start().len();
            let next = line_end + skip;
            let after = questions.partition_point(|q| q.span.start < next);
            match questions.get(after).filter(|q| text[next..q.span.start].trim().is_empty()) {
                Some(q) => {
                    question = q.id().map(str::to_owned);
                    Scope::Question(q.span)
                }
                None => Scope::Nothing,
            }
        } else {
            Scope::Nothing
        };
        out.push(Suppression { file, scope, rules: rule_list(list_at, &list), comment, question });
    }
}

/// The rules of a suppression's list, each with where it is written.
fn rule_list(list_at: usize, list: &str) -> Vec<(String, Span, bool)> {
    let mut rules = Vec::new();
    let mut pos = list_at;
    for part in list.split(',') {
        let name = part.trim();
        let lead = part.len() - part.trim_start().len();
        if !name.is_empty() {
            rules.push((name.to_lowercase(), Span::new(pos + lead, pos + lead + name.len()), false));
        }
        pos += part.len() + 1;
    }
    rules
}

fn collect(bank: &Bank) -> (Vec<Suppression>, Vec<Invalid>) {
    let mut out = Vec::new();
    let mut invalid = Vec::new();
    for (file, source) in bank.files.iter().enumerate() {
        if source.format == crate::bank::Format::Markdown {
            collect_markdown(bank, file, &mut out, &mut invalid);
            continue;
        }
        let text = &source.text;
        let questions = &bank.questions[source.questions.clone()];
        // The first line that is not blank, a comment or a document start.
        let mut content = None;
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let t = line.trim();
            if !t.is_empty() && !t.starts_with('#') && t != "---" {
                content = Some(offset);
                break;
            }
            offset += line.len();
        }
        let content = content.unwrap_or(text.len());
        for m in directive().find_iter(text) {
            let at = m.start();
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            let before = &text[line_start..at];
            // A `#` starts a comment at the start of a line or after a space,
            // and not inside a value (a quoted string, a block scalar).
            if !(before.is_empty() || before.ends_with([' ', '\t'])) {
                continue;
            }
            if questions.iter().any(|q| inside_value(q, at))
                || source.title.as_ref().is_some_and(|t| t.span.start <= at && at < t.span.end)
            {
                continue;
            }
            let body_start = m.end();
            let body = text[body_start..line_end].trim_end_matches('\r');
            let comment = Span::new(at, line_end - (text[at..line_end].len() - text[at..line_end].trim_end().len()));
            let (list_at, list) = match parse(body) {
                Parsed::Ignore(at, list) => (body_start + at, list),
                Parsed::Invalid(message) => {
                    invalid.push(Invalid { file, comment, message });
                    continue;
                }
            };
            let full_line = before.trim().is_empty();
            // The question on this line, or around it.
            let on = questions.iter().find(|q| q.span.start < line_end && line_start < question_end(q));
            let mut question = None;
            let scope = if full_line && at < content {
                Scope::File
            } else if let Some(q) = on {
                question = q.id().map(str::to_owned);
                Scope::Question(q.span)
            } else if full_line {
                // On a line of its own: the next content line must start a question.
                let next = text[line_end..]
                    .split_inclusive('\n')
                    .scan(line_end, |pos, l| {
                        let start = *pos;
                        *pos += l.len();
                        Some((start, l))
                    })
                    .find(|(_, l)| {
                        let t = l.trim();
                        !t.is_empty() && !t.starts_with('#')
                    });
                next.and_then(|(start, l)| {
                    let end = start + l.len();
                    questions.iter().find(|q| q.span.start >= start && q.span.start < end).map(|q| {
                        question = q.id().map(str::to_owned);
                        Scope::Question(q.span)
                    })
                })
                .unwrap_or(Scope::Nothing)
            } else {
                Scope::Nothing
            };
            out.push(Suppression { file, scope, rules: rule_list(list_at, &list), comment, question });
        }
    }
    (out, invalid)
}

fn matches(selector: &str, rule: &str) -> bool {
    selector == rule || selector == family_of(rule)
}

/// Drop the findings that a suppression silences, and add a finding for
/// every suppression that silenced nothing and every `djlint:` comment
/// that could not be read. `known` says whether a rule id or family
/// exists; `enabled` whether any rule it names runs; `suggest` offers a
/// known name close to an unknown one.
pub fn apply(
    bank: &Bank,
    findings: &mut Vec<Finding>,
    known: &dyn Fn(&str) -> bool,
    enabled: &dyn Fn(&str) -> bool,
    suggest: &dyn Fn(&str) -> Option<String>,
) {
    let (mut all, invalid) = collect(bank);
    findings.extend(invalid.into_iter().map(|i| {
        Finding::new(&INVALID_SUPPRESSION, i.file, i.comment, i.message)
            .help("for example `# djlint: ignore[unclear/too-short] a one-line answer is the point`")
    }));
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
            let help = if bank.files[s.file].format == crate::bank::Format::Markdown {
                "put it on one of the question's lines, on the line right before the question, or before any content for the whole file"
            } else {
                "put it at the end of one of the question's lines, on the line right before its `- id:` line, or before any content for the whole file"
            };
            findings.push(
                Finding::new(
                    &UNUSED_SUPPRESSION,
                    s.file,
                    s.comment,
                    "this suppression is not on a question, on the line before one, or at the top of the file",
                )
                .help(help),
            );
            continue;
        }
        for (selector, span, used) in &s.rules {
            let (message, help) = if !known(selector) {
                match suggest(selector) {
                    Some(s) => (
                        format!("`{selector}` in this suppression is not a rule or family; did you mean `{s}`?"),
                        format!("write `{s}`, or remove it from the comment"),
                    ),
                    None => (
                        format!("`{selector}` in this suppression is not a rule or family"),
                        "remove it from the comment; `djlint rules` lists every rule".to_owned(),
                    ),
                }
            } else if !*used && enabled(selector) {
                (format!("the suppression of `{selector}` matches no finding"), "remove it from the comment".to_owned())
            } else {
                continue;
            };
            findings.push(
                Finding::new(&UNUSED_SUPPRESSION, s.file, *span, message).question(s.question.as_deref()).help(help),
            );
        }
    }
}

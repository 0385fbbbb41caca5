//! Rules about the options and key of a choice question.

use crate::finding::{FileId, Finding, Severity, Span};
use crate::rules::Rule;

use super::related;

pub const INVALID_CHOICES: Rule = Rule {
    id: "schema/invalid-choices",
    severity: Severity::Error,
    summary: "A choice question with fewer than two options, or the same option twice.",
    explanation: "`choices` lists the options a candidate picks from, in the order shown. One option \
is not a choice, and an option written twice (ignoring spacing, not case: in a code question `parseInt` and \
`parseint` are two options) is shown twice: one copy is \
usually a paste left over from editing, and if it is the key, a candidate cannot tell which copy to \
pick. In Markdown banks, the options are a task list (`- [x]` key, `- [ ]` the others).",
    bad: "questions:\n  - id: js-typeof-null\n    question: What does `typeof null` return?\n    choices: ['\"object\"', '\"null\"', '\"object\"']\n    answer: '\"object\"'\n",
    good: "questions:\n  - id: js-typeof-null\n    question: What does `typeof null` return?\n    choices: ['\"object\"', '\"null\"', '\"undefined\"']\n    answer: '\"object\"'\n",
    fixable: false,
};

pub const INVALID_KEY: Rule = Rule {
    id: "schema/invalid-key",
    severity: Severity::Error,
    summary: "The key of a choice question is not one of its options, is missing, or is a list of one.",
    explanation: "A choice question's `answer` is its key: the exact text of the correct option, or \
a list of option texts for a select-all question. A key that matches no option (often an option \
edited after the key was written) marks every answer wrong; the help names the nearest option. A \
list holding one key makes a single-answer question look like a select-all one: write the key as \
one string. In Markdown, a task list with no `- [x]` option has no key.",
    bad: "questions:\n  - id: http-idempotent\n    question: Which method is NOT idempotent?\n    choices: [GET, PUT, POST, DELETE]\n    answer: PATCH\n",
    good: "questions:\n  - id: http-idempotent\n    question: Which method is NOT idempotent?\n    choices: [GET, PUT, POST, DELETE]\n    answer: POST\n",
    fixable: false,
};

/// Whether two options read the same to a candidate: equal but for white
/// space. Case counts: `parseInt` and `parseint` are different options of
/// a code question, one of them the trap.
pub fn same_text(a: &str, b: &str) -> bool {
    normal_form(a) == normal_form(b)
}

/// What two options that read the same have in common: the words with
/// single spaces, or for an option shown as a code block, its lines
/// trimmed (`1 1 1` on one line and `1` on three are different outputs;
/// elsewhere a line break is a space, as Markdown shows it).
pub fn normal_form(text: &str) -> String {
    if text.contains("```") || text.contains("~~~") {
        return text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn duplicate_choice(file: FileId, qid: Option<&str>, span: Span, text: &str, first: Span) -> Finding {
    Finding::new(&INVALID_CHOICES, file, span, format!("the option {} appears twice", quote(text)))
        .question(qid)
        .help("remove one copy, or change it into the option it was meant to be")
        .related(related(file, qid, first, "first written here"))
}

pub fn too_few(file: FileId, qid: Option<&str>, span: Span, count: usize) -> Finding {
    let what = match count {
        0 => "no options".to_owned(),
        n => format!("{n} option"),
    };
    Finding::new(&INVALID_CHOICES, file, span, format!("a choice question needs two or more options; it has {what}"))
        .question(qid)
        .help("add the options a candidate picks from, or drop `choices` and write a written answer")
}

pub fn not_a_choice<'c>(
    file: FileId,
    qid: Option<&str>,
    span: Span,
    key: &str,
    options: impl Iterator<Item = &'c str>,
) -> Finding {
    let f = Finding::new(&INVALID_KEY, file, span, format!("the key {} is not one of the options", quote(key)))
        .question(qid);
    match nearest(key, options) {
        Some(s) => f.help(format!("did you mean {}? the key is the exact text of an option", quote(s))),
        None => f.help("the key is the exact text of the correct option"),
    }
}

pub fn repeated_key(file: FileId, qid: Option<&str>, span: Span, key: &str) -> Finding {
    Finding::new(&INVALID_KEY, file, span, format!("the key {} is listed twice", quote(key)))
        .question(qid)
        .help("list each correct option once")
}

pub fn single_key_list(file: FileId, qid: Option<&str>, span: Span, key: &str) -> Finding {
    Finding::new(&INVALID_KEY, file, span, "a list of one key reads as a select-all question".to_owned())
        .question(qid)
        .help(format!("write the key as one string: answer: {}", quote(key)))
}

pub fn no_key(file: FileId, qid: Option<&str>, span: Span) -> Finding {
    Finding::new(&INVALID_KEY, file, span, "the question marks no option as the key".to_owned())
        .question(qid)
        .help("mark the correct option: `answer:` with its text in YAML, `- [x]` in a Markdown task list")
}

/// The option nearest to `key`, when it is close enough to be the one meant.
fn nearest<'c>(key: &str, options: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    // Bounded work: a key of at most 200 characters against the first 50
    // options (a real question has a handful).
    if key.len() > 200 {
        return None;
    }
    let key = key.trim().to_lowercase();
    options
        .take(50)
        .filter(|o| o.len() <= 200)
        .map(|o| (strsim::normalized_damerau_levenshtein(&key, &o.trim().to_lowercase()), o))
        .filter(|&(score, _)| score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, o)| o)
}

/// An option as a message quotes it: in backticks, unless it is code in
/// backticks already.
fn quote(text: &str) -> String {
    let s = short(text);
    if s.starts_with('`') { s } else { format!("`{s}`") }
}

/// An option as quoted in a message: one line, at most 60 characters.
fn short(text: &str) -> String {
    let line = text.trim().lines().next().unwrap_or("");
    let mut out: String = line.chars().take(60).collect();
    if out.len() < line.len() || text.trim().contains('\n') {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_that_differ_only_in_case_and_spacing_are_the_same() {
        assert!(same_text("Both  A and B", "Both A and\nB "));
        assert!(!same_text("A and B", "A or B"));
        assert!(!same_text("parseInt(\"6\");", "parseint(\"6\");"));
        assert!(!same_text("```\n1 1 1\n```", "```\n1\n1\n1\n```"));
        assert!(same_text("```\nx = 1\n```", "```\n  x = 1\n```\n"));
    }

    #[test]
    fn the_nearest_option_is_suggested_only_when_close() {
        let options = ["\"object\"", "\"null\"", "\"undefined\""];
        assert_eq!(nearest("\"Object\"", options.into_iter()), Some("\"object\""));
        assert_eq!(nearest("\"objct\"", options.into_iter()), Some("\"object\""));
        assert_eq!(nearest("PATCH", options.into_iter()), None);
    }
}

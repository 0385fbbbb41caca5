//! Rules about a file as a whole: can it be read, parsed, and does it hold questions?

use crate::finding::{FileId, Finding, Severity, Span};
use crate::rules::Rule;

pub const PARSE_ERROR: Rule = Rule {
    id: "schema/parse-error",
    severity: Severity::Error,
    summary: "The file is not valid YAML.",
    explanation: "A syntax error (an unclosed quote or bracket, a tab used as indentation, a key \
at the wrong depth) stops the whole file from loading, so none of its questions are checked. The \
label points at the place where the parser gave up; the mistake is often just before it.",
    bad: "questions:\n  - id: q1\n    question: \"What is a view?\n    answer: A callable that takes a request.\n",
    good: "questions:\n  - id: q1\n    question: \"What is a view?\"\n    answer: A callable that takes a request.\n",
    fixable: false,
};

pub const NOT_UTF8: Rule = Rule {
    id: "schema/not-utf8",
    severity: Severity::Error,
    summary: "The file is not UTF-8 text (a binary file, or another encoding).",
    explanation: "Question files are UTF-8. A file saved as Latin-1 or UTF-16, or a binary file with \
a `.yaml` name, cannot be read; re-save it as UTF-8 or move it out of the bank.",
    bad: "(a file saved as Latin-1: `caf\\xe9`)",
    good: "(the same file saved as UTF-8: `café`)",
    fixable: false,
};

pub const UNREADABLE: Rule = Rule {
    id: "schema/unreadable",
    severity: Severity::Error,
    summary: "A file or folder could not be read (permissions, a broken or looping link).",
    explanation: "djlint reports paths it was asked to check but could not open, so that a bank is \
never silently half-checked. Fix the permissions or the link, or exclude the path in djlint.toml.",
    bad: "(content/orm.yaml with mode 000)",
    good: "(content/orm.yaml readable by the user running djlint)",
    fixable: false,
};

pub const TOO_LARGE: Rule = Rule {
    id: "schema/too-large",
    severity: Severity::Error,
    summary: "A file beyond the safety limits: too many bytes, or aliases that expand without bound.",
    explanation: "Files above `max-file-bytes` (default 16 MiB, `[schema]` in djlint.toml) are not \
parsed, and a file whose anchors and aliases expand far beyond its own size (an \"alias bomb\") is \
refused, so a bad file cannot exhaust memory or time. Split large banks into several files.",
    bad: "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n# ... and so on, nine times nine times nine ...",
    good: "(files of a few thousand questions; anchors used for small shared values)",
    fixable: false,
};

pub const NO_QUESTIONS: Rule = Rule {
    id: "schema/no-questions",
    severity: Severity::Warning,
    summary: "A file with no questions: empty, no `questions:` key, or an empty list.",
    explanation: "Every question file holds a `questions:` list. An empty file or list is usually \
left over from a move or a merge. A folder walk skips YAML files without a `questions` key (they are \
other files of the repository), so this is reported for a file named on the command line or matched \
by the `include` globs set in djlint.toml; if such a file is not part of the bank, narrow `include` \
or add it to `exclude`.",
    bad: "title: ORM questions\n",
    good: "title: ORM questions\nquestions:\n  - id: orm-1\n    question: What does the ORM do?\n    answer: It maps model classes to tables.\n",
    fixable: false,
};

pub const MARKDOWN_STRUCTURE: Rule = Rule {
    id: "schema/markdown-structure",
    severity: Severity::Warning,
    summary: "Markdown that hides questions: a code block whose closing fence is missing or malformed.",
    explanation: "A fenced code block runs until a fence line of the same kind with nothing after \
it. When the closing fence is missing, or written with an info string (` ```md`), everything after it \
is code, on the rendered page as for djlint: the questions there are shown as code and cannot be \
checked. The finding points at the fence that opens the block and quotes the first question it \
hides. Close the block with a bare fence.",
    bad: "## 1. What does this print?\n\n```js\nconsole.log(typeof null)\n ```md\n\n`object`\n\n## 2. What is hoisting?\n\nDeclarations move to the top of their scope.\n\n```\n",
    good: "## 1. What does this print?\n\n```js\nconsole.log(typeof null)\n```\n\n`object`: a historical quirk of the language.\n\n## 2. What is hoisting?\n\nDeclarations move to the top of their scope before the code runs.\n",
    fixable: false,
};

pub fn hidden_questions(file: FileId, span: Span, count: usize, first: &str) -> Finding {
    let first: String = first.trim().chars().take(60).collect();
    let what = if count == 1 { "a line".to_owned() } else { format!("{count} lines") };
    Finding::new(
        &MARKDOWN_STRUCTURE,
        file,
        span,
        format!("this code block is never closed: it takes in {what} written like questions, from `{first}`"),
    )
    .help("close the block with a fence line of its own (```), with nothing after it")
}

pub fn parse_error(file: FileId, span: Span, message: &str) -> Finding {
    let mut f = Finding::new(&PARSE_ERROR, file, span, format!("invalid YAML: {message}"));
    if message.contains("tab") {
        f = f.help("YAML indentation uses spaces only; replace the tab with spaces");
    }
    f
}

pub fn not_utf8(file: FileId, span: Span, message: &str) -> Finding {
    Finding::new(&NOT_UTF8, file, span, message).help("save the file as UTF-8 text")
}

pub fn unreadable(file: FileId, message: &str) -> Finding {
    Finding::new(&UNREADABLE, file, Span::empty(0), message)
}

pub fn too_large(file: FileId, size: u64, limit: u64) -> Finding {
    Finding::new(
        &TOO_LARGE,
        file,
        Span::empty(0),
        format!("file is {size} bytes, over the {limit}-byte limit; not checked"),
    )
    .help("split the bank into smaller files, or raise `max-file-bytes` under `[schema]` in djlint.toml")
}

pub fn too_large_aliases(file: FileId, span: Span) -> Finding {
    Finding::new(&TOO_LARGE, file, span, "aliases expand this file far beyond its size; refused (alias bomb?)")
        .help("use anchors and aliases only for small shared values")
}

pub fn no_questions(file: FileId, span: Span, message: &str) -> Finding {
    Finding::new(&NO_QUESTIONS, file, span, message)
}

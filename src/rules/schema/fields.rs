//! Rules about the keys and values of a question.

use crate::finding::{FileId, Finding, Severity, Span};
use crate::rules::Rule;

use super::related;

pub const MISSING_FIELD: Rule = Rule {
    id: "schema/missing-field",
    severity: Severity::Error,
    summary: "A question lacks a required field (`id`, `question` or `answer`).",
    explanation: "Every question needs an `id` (so findings, suppressions and links can name it), \
the `question` itself and its `answer`. A question without one of them cannot be shown to a reader \
or checked by the other rules.",
    bad: "questions:\n  - id: orm-basics\n    question: What does the ORM do?\n",
    good: "questions:\n  - id: orm-basics\n    question: What does the ORM do?\n    answer: It maps model classes to tables and builds SQL from Python queries.\n",
    fixable: false,
};

pub const UNKNOWN_FIELD: Rule = Rule {
    id: "schema/unknown-field",
    severity: Error,
    summary: "A key that schema v1 does not define, often a misspelling.",
    explanation: "A question may hold only `id`, `question`, `answer`, `choices`, `explanation`, `level`, `tags` \
and `sources`; a file only `title` and `questions`. An unknown key is usually a typo (`anwser`), and the text under \
it is silently lost to readers. The help suggests the nearest known key.",
    bad: "questions:\n  - id: csrf\n    question: How does Django stop CSRF?\n    anwser: A per-session token checked on unsafe methods.\n",
    good: "questions:\n  - id: csrf\n    question: How does Django stop CSRF?\n    answer: A per-session token checked on unsafe methods.\n",
    fixable: false,
};

pub const DUPLICATE_KEY: Rule = Rule {
    id: "schema/duplicate-key",
    severity: Error,
    summary: "The same key twice in one mapping; YAML keeps only one of them.",
    explanation: "When a mapping repeats a key, YAML parsers disagree on which value wins and the \
other is lost without a word. Keep one, or merge the two texts.",
    bad: "questions:\n  - id: signals\n    question: What are signals?\n    answer: Hooks that run when events happen.\n    answer: Decoupled callbacks.\n",
    good: "questions:\n  - id: signals\n    question: What are signals?\n    answer: Hooks that run when events happen, such as post_save.\n",
    fixable: false,
};

pub const WRONG_TYPE: Rule = Rule {
    id: "schema/wrong-type",
    severity: Error,
    summary: "A value of the wrong kind: a number where text belongs, a string where a list belongs.",
    explanation: "YAML guesses types: `answer: True` is a boolean and `id: 42` an integer, not text. \
Quote such values. Lists (`tags`, `sources`) must be lists even with one item, and the file itself \
must be a mapping with a `questions:` list.",
    bad: "questions:\n  - id: bool-answer\n    question: Is the admin enabled by default in new projects?\n    answer: true\n",
    good: "questions:\n  - id: bool-answer\n    question: Is the admin enabled by default in new projects?\n    answer: \"Yes: startproject adds django.contrib.admin to INSTALLED_APPS.\"\n",
    fixable: false,
};

pub const EMPTY_FIELD: Rule = Rule {
    id: "schema/empty-field",
    severity: Error,
    summary: "A field that is present but empty.",
    explanation: "An empty `answer:` (or one of only spaces) shows readers nothing. Write the text, or \
remove the question until it has one.",
    bad: "questions:\n  - id: cache\n    question: What cache backends does Django ship?\n    answer:\n",
    good: "questions:\n  - id: cache\n    question: What cache backends does Django ship?\n    answer: Memcached, Redis, database, file system, local memory and a dummy backend.\n",
    fixable: false,
};

pub const INVALID_ID: Rule = Rule {
    id: "schema/invalid-id",
    severity: Error,
    summary: "An id that is not lower-case letters, digits, `.`, `_` and `-`.",
    explanation: "Ids name questions in findings, suppressions, baselines and links, so they must be \
stable and easy to type: they match `^[a-z0-9][a-z0-9._-]*$`.",
    bad: "questions:\n  - id: ORM Basics\n    question: What does the ORM do?\n    answer: It maps model classes to tables.\n",
    good: "questions:\n  - id: orm-basics\n    question: What does the ORM do?\n    answer: It maps model classes to tables.\n",
    fixable: false,
};

pub const INVALID_LEVEL: Rule = Rule {
    id: "schema/invalid-level",
    severity: Error,
    summary: "A `level` outside the configured list (default: beginner, intermediate, advanced).",
    explanation: "Levels drive filtering and per-level rules, so they come from a fixed list, set in \
`djlint.toml` under `[schema] levels`.",
    bad: "questions:\n  - id: mw\n    question: What is middleware?\n    answer: Hooks around every request and response.\n    level: expert\n",
    good: "questions:\n  - id: mw\n    question: What is middleware?\n    answer: Hooks around every request and response.\n    level: advanced\n",
    fixable: false,
};

pub const UNKNOWN_TAG: Rule = Rule {
    id: "schema/unknown-tag",
    severity: Error,
    summary: "A tag outside the closed vocabulary set in `djlint.toml` (`[schema] tags`).",
    explanation: "Only active when the configuration lists the allowed tags. A closed vocabulary \
keeps `orm`, `ORM` and `django-orm` from becoming three topics.",
    bad: "# djlint.toml: [schema] tags = [\"orm\", \"security\"]\nquestions:\n  - id: q1\n    question: What is a QuerySet?\n    answer: A lazy, chainable database query.\n    tags: [ORM]\n",
    good: "# djlint.toml: [schema] tags = [\"orm\", \"security\"]\nquestions:\n  - id: q1\n    question: What is a QuerySet?\n    answer: A lazy, chainable database query.\n    tags: [orm]\n",
    fixable: false,
};

pub const INVALID_URL: Rule = Rule {
    id: "schema/invalid-url",
    severity: Error,
    summary: "A `sources` entry that is not an http(s) URL.",
    explanation: "Sources are links a reader can follow. Names of sites (\"GeeksforGeeks\") or \
relative paths are not; write the full `https://` address.",
    bad: "questions:\n  - id: q1\n    question: What is a QuerySet?\n    answer: A lazy, chainable database query.\n    sources: [Django docs]\n",
    good: "questions:\n  - id: q1\n    question: What is a QuerySet?\n    answer: A lazy, chainable database query.\n    sources: [\"https://docs.djangoproject.com/en/5.2/ref/models/querysets/\"]\n",
    fixable: false,
};

use Severity::Error;

pub fn missing_field(file: FileId, qid: Option<&str>, span: Span, name: &str) -> Finding {
    Finding::new(&MISSING_FIELD, file, span, format!("missing required field `{name}`"))
        .question(qid)
        .help(format!("add `{name}:` to the question"))
}

pub fn unknown_field(file: FileId, qid: Option<&str>, span: Span, key: &str, suggestion: Option<&str>) -> Finding {
    if key == "<<" {
        // YAML 1.1's merge key: YAML 1.2 (what djlint reads) has none.
        return Finding::new(
            &UNKNOWN_FIELD,
            file,
            span,
            "merge key `<<` is not supported in question files".to_owned(),
        )
        .question(qid)
        .help(
            "write each field out in the question; YAML 1.2 has no merge keys, so `<<` is read as a field named `<<`",
        );
    }
    let f = Finding::new(&UNKNOWN_FIELD, file, span, format!("unknown field `{key}`")).question(qid);
    match suggestion {
        Some(s) => f.help(format!("did you mean `{s}`?")),
        None => f,
    }
}

pub fn duplicate_key(file: FileId, qid: Option<&str>, span: Span, key: &str, first: Span) -> Finding {
    Finding::new(&DUPLICATE_KEY, file, span, format!("`{key}` appears twice in this mapping"))
        .question(qid)
        .help("keep one value; YAML parsers silently drop the other")
        .related(related(file, qid, first, format!("first `{key}` here")))
}

pub fn wrong_type(file: FileId, qid: Option<&str>, span: Span, what: &str, expected: &str, found: &str) -> Finding {
    Finding::new(&WRONG_TYPE, file, span, format!("{what} should be {expected}, found {found}")).question(qid)
}

pub fn empty_field(file: FileId, qid: Option<&str>, span: Span, what: &str) -> Finding {
    Finding::new(&EMPTY_FIELD, file, span, format!("{what} is empty")).question(qid)
}

/// Why `id` is not a valid id, if it is not.
pub fn id_problem(id: &str) -> Option<&'static str> {
    let mut bytes = id.bytes();
    match bytes.next() {
        None => Some("it is empty"),
        Some(b) if !(b.is_ascii_lowercase() || b.is_ascii_digit()) => {
            Some("it must start with a lower-case letter or a digit")
        }
        _ if bytes.any(|b| !(b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))) => {
            Some("it may hold only lower-case letters, digits, `.`, `_` and `-`")
        }
        _ => None,
    }
}

pub fn invalid_id(file: FileId, span: Span, id: &str, problem: &str) -> Finding {
    let mut suggestion: String = id
        .trim()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || "._-".contains(c) { c.to_ascii_lowercase() } else { '-' })
        .collect();
    suggestion = suggestion.trim_start_matches(['.', '_', '-']).to_owned();
    let f = Finding::new(&INVALID_ID, file, span, format!("invalid id `{id}`: {problem}"));
    if id_problem(&suggestion).is_none() { f.help(format!("try `{suggestion}`")) } else { f }
}

pub fn invalid_level(file: FileId, qid: Option<&str>, span: Span, level: &str, levels: &[String]) -> Finding {
    let allowed = levels.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ");
    let f = Finding::new(&INVALID_LEVEL, file, span, format!("unknown level `{level}`")).question(qid);
    match did_you_mean(level, levels.iter().map(String::as_str)) {
        Some(s) => f.help(format!("did you mean `{s}`? allowed: {allowed}")),
        None => f.help(format!("allowed: {allowed}")),
    }
}

pub fn unknown_tag(file: FileId, qid: Option<&str>, span: Span, tag: &str, vocabulary: &[String]) -> Finding {
    let f = Finding::new(&UNKNOWN_TAG, file, span, format!("tag `{tag}` is not in the tag vocabulary")).question(qid);
    match did_you_mean(tag, vocabulary.iter().map(String::as_str)) {
        Some(s) => f.help(format!("did you mean `{s}`?")),
        None => f.help("add it to `[schema] tags` in djlint.toml, or use an existing tag"),
    }
}

/// Why `url` is not an http(s) URL, if it is not.
pub fn url_problem(url: &str) -> Option<&'static str> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return Some("it must start with `http://` or `https://`");
    };
    if url.chars().any(char::is_whitespace) {
        return Some("it contains white space");
    }
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host_port.rsplit_once('@').map_or(host_port, |(_, h)| h);
    let host = match host.rsplit_once(':') {
        Some((h, port)) if !host.starts_with('[') => {
            if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
                return Some("its port is not a number");
            }
            h
        }
        _ => host,
    };
    let ok_host = if let Some(ip6) = host.strip_prefix('[') {
        ip6.ends_with(']')
    } else {
        !host.is_empty()
            && host.split('.').all(|label| !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-'))
    };
    if ok_host { None } else { Some("it has no valid host name") }
}

pub fn invalid_url(file: FileId, qid: Option<&str>, span: Span, url: &str, problem: &str) -> Finding {
    Finding::new(&INVALID_URL, file, span, format!("`{url}` is not a valid source URL: {problem}"))
        .question(qid)
        .help("sources are full http(s) links, e.g. `https://docs.djangoproject.com/...`")
}

/// The nearest of `candidates` to `word`, when it is close enough to be a
/// likely misspelling.
pub fn did_you_mean<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let word = word.to_lowercase();
    let limit = match word.chars().count() {
        0..=3 => 1,
        4..=8 => 2,
        _ => 3,
    };
    candidates
        .map(|c| (strsim::damerau_levenshtein(&word, &c.to_lowercase()), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        for ok in ["a", "orm-basics", "q1.2", "0_x", "django.orm-01"] {
            assert_eq!(id_problem(ok), None, "{ok}");
        }
        for bad in ["", "-a", "Orm", "a b", "é", "a/b", "_x"] {
            assert!(id_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn urls() {
        for ok in [
            "https://docs.djangoproject.com/en/5.2/",
            "http://example.com",
            "https://example.com:8080/a?b=c#d",
            "HTTPS://EXAMPLE.COM",
            "https://[::1]/x",
        ] {
            assert_eq!(url_problem(ok), None, "{ok}");
        }
        for bad in [
            "docs.djangoproject.com",
            "ftp://x.org",
            "https://",
            "https://a b.com",
            "https://x..y",
            "Django docs",
            "https://x.org:abc/",
        ] {
            assert!(url_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn suggestions() {
        let fields = ["id", "question", "answer", "level", "tags", "sources"];
        assert_eq!(did_you_mean("anwser", fields.into_iter()), Some("answer"));
        assert_eq!(did_you_mean("Question", fields.into_iter()), Some("question"));
        assert_eq!(did_you_mean("tag", fields.into_iter()), Some("tags"));
        assert_eq!(did_you_mean("souce", fields.into_iter()), Some("sources"));
        assert_eq!(did_you_mean("explanation", fields.into_iter()), None);
        assert_eq!(did_you_mean("xy", fields.into_iter()), None);
    }
}

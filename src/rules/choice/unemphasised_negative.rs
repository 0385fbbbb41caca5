//! `choice/unemphasised-negative`: a stem that asks for the option that is
//! not something ("Which is not …", "all of the following except") without
//! making the negative word stand out.

use std::sync::OnceLock;

use regex::Regex;

use crate::bank::Question;
use crate::bank::markdown::{code_regions, overlaps};
use crate::finding::{Finding, Severity};
use crate::rules::Rule;

pub const RULE: Rule = Rule {
    id: "choice/unemphasised-negative",
    severity: Severity::Warning,
    summary: "A negative stem (\"Which is not …\", \"… except\") whose negative word is not emphasised.",
    explanation: "Haladyna, Downing and Rodriguez 2002, guideline 17: prefer stems that ask positively, and \
make a negative that has to stay impossible to overlook (capitals, bold); negative stems are on the NBME \
flaw checklist and in Moore et al. 2023. Candidates read quickly, miss a small \"not\" and pick an option that \
is true, so the item measures careful reading instead of knowledge. The rule fires when the question's own \
polarity is negative: a \"which\" or \"what\" question whose verb is negated (\"Which of these is not …\", \
\"Which method does Go not support?\", \"What cannot …\") or a stem that ends in \"except\" (\"All of the \
following are valid except:\"), and the word is in lower case, not bold or italic. A \"not\" inside a clause \
(\"Why does this loop not end?\", \"Which flag skips files that are not tracked?\") is not a negative stem. \
Ask the question positively, or write the word as NOT, **not** or *not*.",
    bad: "questions:\n  - id: http-idempotent\n    question: Which of these HTTP methods is not idempotent?\n    choices: [GET, PUT, DELETE, POST]\n    answer: POST\n",
    good: "questions:\n  - id: http-idempotent\n    question: Which of these HTTP methods is NOT idempotent?\n    choices: [GET, PUT, DELETE, POST]\n    answer: POST\n",
    fixable: false,
};

/// "which/what … <verb> not", "which/what … cannot".
fn negated() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?ix)(?:^|[.!?:;,]\s+|\n\s*|\(\s*|\*\*)(?P<wh>which|what)\b
              (?P<np>(?:\s+[\w'’/-]+){0,8}?)
              \s+(?:
                (?P<aux>is|are|was|were|does|do|did|can|could|will|would|should|shall|must|may|might|has|have|had)
                (?P<subj>(?:\s+[\w'’@.-]+){0,3}?)\s+(?P<not>not)
              | (?P<neg>isn't|aren't|wasn't|weren't|doesn't|don't|didn't|cannot|can't|couldn't|won't|wouldn't|shouldn't|mustn't|hasn't|haven't|isn’t|aren’t|doesn’t|don’t|can’t|won’t)
              )\b",
        )
        .expect("valid")
    })
}

fn except() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?i)\bexcept\b").expect("valid"))
}

/// Words that open a clause: a "not" after one of them is not the
/// question's own.
fn opens_clause(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "if" | "when"
            | "whenever"
            | "that"
            | "who"
            | "whom"
            | "whose"
            | "why"
            | "how"
            | "because"
            | "unless"
            | "after"
            | "before"
            | "while"
            | "since"
            | "where"
            | "although"
            | "though"
            | "until"
            | "so"
            | "which"
            | "what"
    )
}

fn preposition(word: &str) -> bool {
    matches!(word.to_lowercase().as_str(), "in" | "at" | "on" | "by" | "for" | "to" | "with" | "from" | "as" | "after")
}

/// Whether the sentence that starts `text` is a question or a completion:
/// it ends in `?` or `:`, or runs to the end of the stem, before any full
/// stop.
fn asks(text: &str) -> bool {
    let b = text.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'?' | b':' => return true,
            b'.' | b'!' if b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) => return false,
            b'\n' if b.get(i + 1) == Some(&b'\n') => return true,
            _ => {}
        }
    }
    true
}

/// A subject between a modal and "not": "can you not", "will the
/// compiler not", "does Go not".
fn subject(aux: &str, words: &[&str]) -> bool {
    if words.is_empty() {
        return true;
    }
    if words.iter().any(|w| opens_clause(w)) {
        return false;
    }
    let aux = aux.to_lowercase();
    if matches!(aux.as_str(), "do" | "does" | "did") {
        return true;
    }
    if matches!(aux.as_str(), "is" | "are" | "was" | "were" | "has" | "have" | "had") {
        return false;
    }
    let first = words[0];
    matches!(
        first.to_lowercase().as_str(),
        "you"
            | "we"
            | "they"
            | "it"
            | "i"
            | "he"
            | "she"
            | "one"
            | "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "your"
            | "its"
            | "their"
            | "our"
    ) || first.starts_with(|c: char| c.is_uppercase() || c == '@')
}

/// Whether a negative word is emphasised: written in capitals.
fn shouts(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase())
}

/// The negative word of a negative stem, when it is not emphasised.
fn unemphasised(stem: &str) -> Option<std::ops::Range<usize>> {
    let code = code_regions(stem);
    for c in negated().captures_iter(stem) {
        let np: Vec<&str> = c["np"].split_whitespace().collect();
        if np.iter().any(|w| opens_clause(w)) {
            continue;
        }
        // "…, which in turn is not …", "…, which are not mutable.": a
        // relative clause, not the question.
        let wh = c.name("wh").expect("wh");
        if stem[..wh.start()].trim_end().ends_with(',')
            && (np.first().is_some_and(|w| preposition(w)) || !asks(&stem[wh.start()..]))
        {
            continue;
        }
        if c["wh"].eq_ignore_ascii_case("what") && np.len() > 3 {
            continue;
        }
        let word = match (c.name("not"), c.name("neg")) {
            (Some(not), _) => {
                let subj: Vec<&str> = c["subj"].split_whitespace().collect();
                if !subject(&c["aux"], &subj) {
                    continue;
                }
                not
            }
            (None, Some(neg)) => neg,
            _ => continue,
        };
        if overlaps(&code, &c.get(0).expect("whole").range()) || shouts(word.as_str()) {
            continue;
        }
        return Some(word.range());
    }
    for m in except().find_iter(stem) {
        if shouts(m.as_str()) || overlaps(&code, &m.range()) {
            continue;
        }
        // The stem's last word, before a blank or the options: "… except:",
        // "… except ___.", "all except which of these?".
        let rest = stem[m.end()..].trim_start_matches([' ', '\t', '_', '\\', '*', '…', ':', '.', '?', '-']);
        let next = rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or("").to_lowercase();
        if rest.is_empty() || rest.starts_with(['\n', '\r']) || matches!(next.as_str(), "which" | "what") {
            return Some(m.range());
        }
    }
    None
}

pub fn check(q: &Question, source: &str, out: &mut Vec<Finding>) {
    let Some(stem) = &q.question else { return };
    let Some(range) = unemphasised(&stem.value) else { return };
    let word = stem.value[range.clone()].to_owned();
    let message = format!("the stem is negative, and its `{word}` is not emphasised");
    let f = Finding::new(&RULE, q.file, stem.span_of(source, range), message)
        .question(q.id())
        .help(format!("ask the question positively, or emphasise the word: {} or **{word}**", word.to_uppercase()));
    out.push(f);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(stem: &str) -> Option<&str> {
        unemphasised(stem).map(|r| &stem[r])
    }

    #[test]
    fn negative_stems_are_found() {
        assert_eq!(word("Which of the following is not a valid identifier?"), Some("not"));
        assert_eq!(word("Which HTTP method does Go not support?"), Some("not"));
        assert_eq!(word("Which language can you not use with React?"), Some("not"));
        assert_eq!(word("What cannot be stored in a tuple?"), Some("cannot"));
        assert_eq!(word("Given the code, which line doesn't compile?"), Some("doesn't"));
        assert_eq!(word("Which from the following list is not a keyword?"), Some("not"));
        assert_eq!(word("Given the code, which is not printed:\n\n```\nprint(1)\n```"), Some("not"));
        assert_eq!(word("All of the following are valid keys except:"), Some("except"));
        assert_eq!(word("You can set it at any level except ___."), Some("except"));
        assert_eq!(word("You add all except which of these settings?"), Some("except"));
    }

    #[test]
    fn emphasised_and_clause_negatives_are_not() {
        for stem in [
            "Which of the following is NOT a valid identifier?",
            "Which of the following is **not** a valid identifier?",
            "Which of the following is _not_ a valid identifier?",
            "Why does this loop not end?",
            "Which flag lists files that are not tracked?",
            "What happens if the key is not found?",
            "Which command will delete files not tracked by Git?",
            "How can you hide all panels except for the current one?",
            "When would you use a try/except block?",
            "In the code `x is not None`, which operator is used?",
            "All of the following are valid keys EXCEPT:",
            "What can const do that a val cannot?",
            "Python has tuples, which are not mutable. What does `t[0] = 1` raise?",
            "What is the other kind, which in part cannot run on the server?",
        ] {
            assert_eq!(word(stem), None, "{stem}");
        }
    }
}

//! `choice/all-of-the-above`: an option that says every other option is
//! right.

use std::sync::OnceLock;

use regex::Regex;

use super::{on_option, plain, quote};
use crate::bank::Question;
use crate::finding::{Finding, Severity};
use crate::rules::Rule;

pub const RULE: Rule = Rule {
    id: "choice/all-of-the-above",
    severity: Severity::Warning,
    summary: "An option that says all the other options are right (\"All of the above\").",
    explanation: "Haladyna, Downing and Rodriguez 2002, guideline 26: do not offer \"all of the above\"; \
the NBME item-writing guide and Moore et al. 2023 list it as a flaw too. A candidate who sees that two options \
are right picks it without knowing the third, and one who sees a single wrong option rules it out, so the item \
measures recognising partial knowledge rather than the knowledge itself. It also makes the question a \
select-all question in disguise. The rule reads an option that is only this phrase or opens with it, in its \
usual spellings (\"all of these\", \"all the above\", \"all of the options\", \"all answers above are \
correct\", \"any of the above\"). Ask for the one best option, or write a select-all question (`answer:` as a \
list) and let each option stand alone.",
    bad: "questions:\n  - id: http-safe-methods\n    question: Which HTTP method is defined as safe?\n    choices: [GET, HEAD, OPTIONS, All of the above]\n    answer: All of the above\n",
    good: "questions:\n  - id: http-safe-methods\n    question: Which HTTP methods are defined as safe?\n    choices: [GET, HEAD, POST, PATCH]\n    answer: [GET, HEAD]\n",
    fixable: false,
};

/// The phrase, at the start of an option's plain words (after at most three
/// words such as "by using").
fn phrase() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)^(?:
                (?:[a-z']+\ ){0,3}?(?:all|any|each)\ (?:of\ )?the\ above\b
              | all\ (?:of\ )?these\b
              | all\ (?:of\ )?the\ (?:options|answers|choices|statements|mentioned)\b
              | all\ (?:the\ )?(?:options|answers|choices|statements|assertions)\ (?:above|(?:are|is)\ (?:correct|true|right|valid))\b
              | all\ (?:are|is)\ (?:correct|true|right|valid)$
            )",
        )
        .expect("valid")
    })
}

/// Whether an option says all the others are right.
pub fn is_all_of_the_above(text: &str) -> bool {
    phrase().is_match(&plain(text))
}

pub fn check(q: &Question, source: &str, out: &mut Vec<Finding>) {
    for c in q.choices.iter().filter(|c| is_all_of_the_above(&c.text.value)) {
        let message = format!("`{}` is an all-of-the-above option", quote(&c.text.value));
        let f = on_option(&RULE, q, source, c, message)
            .help("ask for the one best option, or make it a select-all question whose options each stand alone");
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_are_found() {
        for s in [
            "All of the above",
            "all the above.",
            "**All of these**",
            "All of these answers are correct",
            "By using all of the above methods",
            "It could be any of the above",
            "All of the options",
            "All answers above are valid",
            "All are correct",
        ] {
            assert!(is_all_of_the_above(s), "{s}");
        }
        for s in [
            "All objects are copied",
            "All traffic is allowed",
            "None of the above",
            "all()",
            "It returns all elements above the threshold",
            "Both of the above",
        ] {
            assert!(!is_all_of_the_above(s), "{s}");
        }
    }
}

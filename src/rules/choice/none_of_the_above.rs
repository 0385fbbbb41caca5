//! `choice/none-of-the-above`: an option that says every other option is
//! wrong.

use std::sync::OnceLock;

use regex::Regex;

use super::{on_option, plain, quote};
use crate::bank::Question;
use crate::finding::{Finding, Severity};
use crate::rules::Rule;

pub const RULE: Rule = Rule {
    id: "choice/none-of-the-above",
    severity: Severity::Warning,
    summary: "An option that says none of the other options is right (\"None of the above\").",
    explanation: "Haladyna, Downing and Rodriguez 2002, guideline 25: treat \"none of the above\" as a last resort; \
the NBME item-writing guide advises against it and Moore et al. 2023 count it as a flaw. When it is the key, \
the item rewards knowing what is wrong, not what is right, and a candidate never shows the right answer; \
when it is a distractor, it is often the first option ruled out. In a \"best answer\" question it is \
meaningless. The rule reads an option that is only this phrase or opens with it (\"none of these\", \"none of \
the options\", \"neither of the above\", \"none of the above, because …\"). Replace it with a plausible \
distractor, and if the point is that something cannot be done, make that statement an option of its own.",
    bad: "questions:\n  - id: py-immutable\n    question: Which built-in Python type is immutable?\n    choices: [list, dict, set, None of the above]\n    answer: None of the above\n",
    good: "questions:\n  - id: py-immutable\n    question: Which built-in Python type is immutable?\n    choices: [list, dict, set, tuple]\n    answer: tuple\n",
    fixable: false,
};

fn phrase() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)^(?:
                (?:[a-z']+\ ){0,3}?(?:none|neither)\ of\ the\ above\b
              | (?:none|neither)\ of\ (?:these|those)\b
              | (?:none|neither)\ of\ the\ (?:options|answers|choices|statements|mentioned)\b
              | none\ (?:of\ the\ )?(?:options|answers|choices)\ (?:above|(?:are|is)\ (?:correct|true|right|valid))\b
              | none\ (?:are|is)\ (?:correct|true|right|valid)$
            )",
        )
        .expect("valid")
    })
}

/// Whether an option says none of the others is right.
pub fn is_none_of_the_above(text: &str) -> bool {
    phrase().is_match(&plain(text))
}

pub fn check(q: &Question, source: &str, out: &mut Vec<Finding>) {
    for c in q.choices.iter().filter(|c| is_none_of_the_above(&c.text.value)) {
        let message = format!("`{}` is a none-of-the-above option", quote(&c.text.value));
        let f = on_option(&RULE, q, source, c, message)
            .help("replace it with a plausible distractor; if nothing fits, state the right answer as an option");
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_are_found() {
        for s in [
            "None of the above",
            "none of these.",
            "`None of these answers`",
            "Neither of the above",
            "None of the above, because the method is static",
            "None of the options are correct",
            "None is correct",
        ] {
            assert!(is_none_of_the_above(s), "{s}");
        }
        for s in ["None", "`None`", "None. The value is never read", "All of the above", "none()"] {
            assert!(!is_none_of_the_above(s), "{s}");
        }
    }
}

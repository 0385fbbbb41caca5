//! `choice/longest-key`: the key is conspicuously longer than every
//! distractor.

use super::{is_code, on_option, quantity, single_key};
use crate::bank::Question;
use crate::finding::{Finding, Severity};
use crate::rules::Rule;

pub const RULE: Rule = Rule {
    id: "choice/longest-key",
    severity: Severity::Warning,
    summary: "The key is much longer than every other option, which gives it away.",
    explanation: "Haladyna, Downing and Rodriguez 2002, guidelines 24 and 28: options should be of similar \
length, and nothing should make the key conspicuous; \"longest answer correct\" is one of the flaws in Moore et \
al. 2023 and the NBME checklist. Writers qualify the right answer until it is exactly true and leave the \
distractors short, so a candidate who knows nothing picks the longest option and is right far more often than \
chance. The rule fires on a single-answer question with three or more options when the key has at least 1.5 \
times the characters of the longest distractor and at least 20 more; questions with options that are code (a code \
span or block, code punctuation, one token shaped like a path or an identifier) or numbers are left alone, as \
their length says nothing. Shorten the key to what makes it right, or give the \
distractors the same detail and qualifiers.",
    bad: "questions:\n  - id: http-put\n    question: What does an idempotent HTTP method guarantee?\n    choices:\n      - It is fast\n      - It is cached\n      - Repeating the same request leaves the server in the same state as sending it once\n      - It is encrypted\n    answer: Repeating the same request leaves the server in the same state as sending it once\n",
    good: "questions:\n  - id: http-put\n    question: What does an idempotent HTTP method guarantee?\n    choices:\n      - Repeated requests leave the same server state as one\n      - Responses to it may be stored by shared caches\n      - The request body is encrypted in transit\n      - The server answers before doing the work\n    answer: Repeated requests leave the same server state as one\n",
    fixable: false,
};

/// How many times the longest distractor's length the key must have.
const RATIO: f64 = 1.5;
/// How many more characters than the longest distractor the key must have.
const MARGIN: usize = 20;

/// An option's length as a reader sees it: characters other than Markdown
/// marks, runs of white space counted once.
fn length(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| w.chars().filter(|c| !matches!(c, '*' | '`' | '_')).count())
        .map(|n| n + 1)
        .sum::<usize>()
        .saturating_sub(1)
}

pub fn check(q: &Question, source: &str, out: &mut Vec<Finding>) {
    let Some((at, key)) = single_key(q) else { return };
    if q.choices.len() < 3 {
        return;
    }
    if q.choices.iter().any(|c| is_code(&c.text.value) || quantity(&c.text.value).is_some()) {
        return;
    }
    let key_len = length(&key.text.value);
    let longest = q.choices.iter().enumerate().filter(|&(i, _)| i != at).map(|(_, c)| length(&c.text.value)).max();
    let Some(longest) = longest else { return };
    if (key_len as f64) < RATIO * longest as f64 || key_len < longest + MARGIN {
        return;
    }
    let message = format!("the key is the longest option by far: {key_len} characters, the longest other {longest}");
    let f = on_option(&RULE, q, source, key, message)
        .help("shorten the key to what makes it right, or give the distractors the same detail");
    out.push(f);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_ignores_markdown_and_spacing() {
        assert_eq!(length("**bold**  text"), 9);
        assert_eq!(length("`x`"), 1);
    }
}

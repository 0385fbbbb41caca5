//! `choice/combination-option`: an option that is a combination of other
//! options or of lettered statements ("A and C", "Both 1 and 2", "Both of
//! the above", "I, II and III").

use std::sync::OnceLock;

use regex::Regex;

use super::{on_option, plain, quote};
use crate::bank::Question;
use crate::finding::{Finding, Severity};
use crate::rules::Rule;

pub const RULE: Rule = Rule {
    id: "choice/combination-option",
    severity: Severity::Warning,
    summary: "An option that combines other options or listed statements (\"A and C\", \"Both of the above\").",
    explanation: "Haladyna, Downing and Rodriguez 2002, guideline 9: avoid the complex multiple-choice \
(\"type K\") format, whose options are combinations of other options or of statements listed in the stem; \
the NBME item-writing guide and Moore et al. 2023 list it as a flaw. Knowing one element rules out every \
combination without it, so partial knowledge and test-wiseness score, the item is harder to read, and an \
option such as \"A and B\" is only understood by going back to two others. The rule reads options made of \
letters (\"A, C, E\", \"Both B and C are correct\"), Roman numerals (\"I and III\"), numbers when the option \
names them as options or the stem lists numbered statements (\"Options 1 and 3\"), positions (\"Both the \
first and second\") and \"both of the above\". Letters must name the options or statements the stem lists; \
letters the stem uses as names (\"class B extends A\", a letter the code prints) are values, and options that \
put the same letters in different orders ask for a sequence, not a combination. A type K question is reported \
once, at its first combination. \
Write a select-all question (`answer:` as a list) with each statement as an option, or ask about one \
statement at a time.",
    bad: "questions:\n  - id: git-undo\n    question: Which commands can undo the last commit?\n    choices: [git reset HEAD~1, git revert HEAD, git rm, Both A and B]\n    answer: Both A and B\n",
    good: "questions:\n  - id: git-undo\n    question: Which commands can undo the last commit?\n    choices: [git reset HEAD~1, git revert HEAD, git rm, git stash]\n    answer: [git reset HEAD~1, git revert HEAD]\n",
    fixable: false,
};

/// Letters or Roman numerals joined by commas, "and", "or", "&".
fn letters() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let item = r"(?:\((?:[A-H]|I{1,3}|IV|VI?)\)|(?:[A-H]|I{1,3}|IV|VI?)\b)";
        Regex::new(&format!(
            r"(?x)^(?i:(?:both|only|either|options?|answers?|choices?|statements?)\ )?
              {item}(?:\ ?(?:,|&|\+|/|\ (?i:and|or))\ ?(?i:and\ |or\ )?{item})+
              (?i:\ (?:only|both|(?:are|is)\ (?:both\ )?(?:correct|true|right|valid)))?$"
        ))
        .expect("valid")
    })
}

/// Numbers joined by commas and "and": "1 and 3", "Both 1 and 2", "1, 2, 4".
fn numbers() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)^(?:(both|only|either|options?|answers?|choices?|statements?|items?)\ )?
              [1-9](?:\ ?(?:,|&|\+|\ and|\ or)\ ?(?:and\ |or\ )?[1-9])+
              (?:\ (?:only|(?:are|is)\ (?:both\ )?(?:correct|true|right|valid)))?$",
        )
        .expect("valid")
    })
}

/// Positions and "both of the above", on plain words.
fn positions() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let place = r"(?:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)";
        Regex::new(&format!(
            r"(?x)^(?:
                (?:both|neither|only|either)\ (?:the\ )?{place}(?:\ (?:one|option|answer|choice))?\ ?(?:,|and|&|or|nor)\ (?:the\ )?{place}\b
              | (?:the\ )?{place}\ (?:and|&)\ (?:the\ )?{place}\ (?:options|answers|choices)\b
              | both\ (?:of\ )?(?:the\ )?above\b
              | both\ of\ these(?:\ (?:answers|options|choices|are\ (?:correct|true|right)))?$
              | both\ (?:the\ )?(?:options|answers|choices)(?:\ above)?(?:\ (?:are|is)\ (?:correct|true|right|valid))?$
            )"
        ))
        .expect("valid")
    })
}

/// Lines of a stem that start a lettered or numbered list: "A. Dodge",
/// "(b) Smudge", "- 1) first", "I. …".
fn listed() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?m)^[ \t]*(?:[-*+][ \t]*|\#+[ \t]*)?\(?([A-Ha-h]|[1-9]|I{1,3}|IV|VI?)[.):][ \t]*\S")
            .expect("valid")
    })
}

/// The letter or number that starts each list line of the stem.
fn labels(stem: &str) -> Vec<String> {
    listed().captures_iter(stem).map(|c| c[1].to_uppercase()).collect()
}

/// Whether the stem's prose uses `label` as a name: a capital letter
/// standing alone ("class D", "from A."), not as the label of a list line,
/// and not as the article or pronoun before a word ("A class", "I think").
fn named_in_prose(stem: &str, label: &str) -> bool {
    if label.len() != 1 || !label.as_bytes()[0].is_ascii_uppercase() {
        return false;
    }
    let listed: Vec<std::ops::Range<usize>> =
        listed().captures_iter(stem).filter_map(|c| c.get(1)).map(|m| m.range()).collect();
    let bytes = stem.as_bytes();
    stem.match_indices(label).any(|(i, _)| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + 1).copied();
        let alone = !before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
            && !after.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
        // "A. SVG B. JPEG": labels written inline.
        let label_mark = after.is_some_and(|b| matches!(b, b'.' | b')' | b':'));
        // "A class", "I think": the article or the pronoun.
        let word_follows = after == Some(b' ') && bytes.get(i + 2).is_some_and(u8::is_ascii_lowercase);
        let article = matches!(label, "A" | "I") && word_follows;
        alone && !label_mark && !article && !listed.iter().any(|r| r.contains(&i))
    })
}

/// The option's words with emphasis, ticks and end punctuation left out,
/// case kept.
fn bare(text: &str) -> String {
    let t: String = text.chars().filter(|c| !matches!(c, '*' | '`')).collect();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    t.trim_end_matches(['.', '!', ';', ':']).trim().to_owned()
}

/// The labels an option made of letters, numerals or numbers names, when
/// it is one.
fn named(text: &str) -> Option<Vec<String>> {
    let t = bare(text);
    if letters().is_match(&t) || numbers().is_match(&t.to_lowercase()) {
        let words = t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
        let labels = words
            .filter(|w| {
                w.bytes().all(|b| b.is_ascii_digit())
                    || (w.len() == 1 && w.as_bytes()[0].is_ascii_uppercase())
                    || w.bytes().all(|b| matches!(b, b'I' | b'V'))
            })
            .map(|w| w.to_uppercase())
            .collect();
        return Some(labels);
    }
    None
}

/// Whether the letters in the options name things rather than options:
/// an option that is one bare letter ("B": an option cannot pick itself
/// alone), or a letter that no option could stand for ("A, P" among four
/// options: the properties of a theorem, layers in a picture).
fn letters_are_values(q: &Question, stem_labels: &[String]) -> bool {
    q.choices.iter().any(|c| {
        let t = bare(&c.text.value);
        // The option's words, when every one is a capital letter or a joiner.
        let words: Vec<&str> = t
            .split(|ch: char| ch == ',' || ch == '&' || ch == '/' || ch.is_whitespace())
            .filter(|w| !w.is_empty())
            .collect();
        let joiner = |w: &str| matches!(w.to_lowercase().as_str(), "and" | "or" | "both" | "only");
        let letters: Vec<u8> = words
            .iter()
            .filter(|w| !joiner(w))
            .filter_map(|w| match w.as_bytes() {
                [b] if b.is_ascii_uppercase() => Some(*b),
                _ => None,
            })
            .collect();
        if letters.is_empty() || letters.len() != words.iter().filter(|w| !joiner(w)).count() {
            return false;
        }
        let bare_letter = words.len() == 1;
        let out_of_range = letters
            .iter()
            .any(|&b| !stem_labels.contains(&(b as char).to_string()) && usize::from(b - b'A') >= q.choices.len());
        bare_letter || out_of_range
    })
}

/// What the option combines, when it is a combination option: `letters`
/// (the labels it names) or `words`.
fn combines(q: &Question, text: &str, stem_labels: &[String]) -> bool {
    if positions().is_match(&plain(text)) {
        return true;
    }
    let Some(names) = named(text) else { return false };
    let prefixed = {
        let lower = bare(text).to_lowercase();
        ["both ", "only ", "either ", "option", "answer", "choice", "statement", "item"]
            .iter()
            .any(|p| lower.starts_with(p))
    };
    let stem = q.question.as_ref().map_or("", |t| t.value.as_str());
    names.iter().all(|n| {
        if stem_labels.contains(n) {
            return true;
        }
        // "Class E is derived from D, D from C": the letters name things in
        // the stem, and an option naming two of them is a value.
        if named_in_prose(stem, n) {
            return false;
        }
        // A letter that names an option by its place (A for the first).
        let index = match n.as_bytes() {
            [c @ b'A'..=b'H'] => Some((c - b'A') as usize),
            _ if n.bytes().all(|b| b.is_ascii_digit()) && prefixed => {
                n.parse::<usize>().ok().map(|i| i.wrapping_sub(1))
            }
            _ => None,
        };
        index.is_some_and(|i| i < q.choices.len())
    })
}

pub fn check(q: &Question, source: &str, out: &mut Vec<Finding>) {
    let stem = q.question.as_ref().map_or("", |t| t.value.as_str());
    let stem_labels = labels(stem);
    if letters_are_values(q, &stem_labels) {
        return;
    }
    let found: Vec<&crate::bank::Choice> =
        q.choices.iter().filter(|c| combines(q, &c.text.value, &stem_labels)).collect();
    let Some(first) = found.first() else { return };
    // "A, C, B, D" and "B, A, D, C": the options order the same steps, an
    // ordering item rather than combinations.
    let sets: Vec<Vec<String>> = found
        .iter()
        .filter_map(|c| named(&c.text.value))
        .map(|mut n| {
            n.sort();
            n
        })
        .collect();
    if found.len() >= 2 && sets.len() == found.len() && sets.windows(2).all(|w| w[0] == w[1]) {
        return;
    }
    // One finding per question: a type K item has a combination in every
    // option.
    let message = match found.len() {
        1 => format!("`{}` combines other options or statements", quote(&first.text.value)),
        n => format!("{n} options combine other options or statements (`{}`, …)", quote(&first.text.value)),
    };
    let f = on_option(&RULE, q, source, first, message)
        .help("make it a select-all question with each statement as an option, or ask about one at a time");
    out.push(f);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combinations_are_read() {
        for s in
            ["A, C, E", "Both A and B", "B and C are correct", "A,B,D", "(A) and (C)", "I and III", "I, II and III"]
        {
            assert!(named(s).is_some(), "{s}");
        }
        for s in ["A", "Plan A and plan B", "A class and an object", "x and y", "1 or 2 seconds"] {
            assert!(named(s).is_none(), "{s}");
        }
        assert!(named("Options 1 and 3").is_some() && named("1 and 2").is_some());
        for s in [
            "Both of the above",
            "both of these answers",
            "Neither the first nor the second",
            "Only the first and second",
        ] {
            assert!(positions().is_match(&plain(s)), "{s}");
        }
        assert!(!positions().is_match("first and second"));
        assert!(!positions().is_match("both"));
    }

    #[test]
    fn letters_that_name_things_in_the_stem_are_values() {
        let stem = "Class E is derived from class D, D from C, C from B, and B from A. Which constructor runs first?";
        assert!(named_in_prose(stem, "C") && named_in_prose(stem, "B"));
        let listed = "Which apply?\n\nA. One\n#### B. Two\nA way to pick is I think fine";
        assert!(!named_in_prose(listed, "A") && !named_in_prose(listed, "B"));
        assert!(!named_in_prose("Which formats? A. SVG B. JPEG C. PNG", "B"));
        assert!(named_in_prose("Which does it print?\n```\nprint(\"A\")\n```", "A"));
    }

    #[test]
    fn stem_labels_are_listed_lines() {
        assert_eq!(labels("Which apply?\n\nA. One\nB) Two\n- (c) Three"), ["A", "B", "C"]);
        assert_eq!(labels("1. run it\n2. stop it"), ["1", "2"]);
        assert!(labels("A class is a template. Is it?").is_empty());
    }
}

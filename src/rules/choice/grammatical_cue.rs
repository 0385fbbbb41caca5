//! `choice/grammatical-cue`: a stem that ends in "a" or "an" that only the
//! key agrees with.

use super::{quote, single_key};
use crate::bank::Question;
use crate::finding::{Finding, Severity};
use crate::rules::Rule;

pub const RULE: Rule = Rule {
    id: "choice/grammatical-cue",
    severity: Severity::Warning,
    summary: "The stem ends in \"a\" or \"an\" and only the key fits it grammatically.",
    explanation: "Haladyna, Downing and Rodriguez 2002, guideline 28c: the grammar of the stem must not \
point to the key; \"grammatical cues\" are on the NBME flaw checklist and in Moore et \
al. 2023. When a completion stem ends in \"an\" and only the key starts with a vowel sound (or it ends in \"a\" \
and only the key starts with a consonant sound), the article points to the key. The rule reads the first word \
of each option and stays silent when any option's sound is uncertain: acronyms, single letters, numbers, code, \
and words whose first letter may be said either way (\"unit\", \"hour\"). Move the article into the options \
(\"… is:\" with \"an object\", \"a class\"), or write \"a(n)\".",
    bad: "questions:\n  - id: js-typeof-array\n    question: In JavaScript, typeof [] evaluates to the name of an\n    choices: [list, tuple, vector, object]\n    answer: object\n",
    good: "questions:\n  - id: js-typeof-array\n    question: 'In JavaScript, what does typeof [] evaluate to?'\n    choices: [list, tuple, vector, object]\n    answer: object\n",
    fixable: false,
};

/// The article a completion stem ends in, and where it is.
fn final_article(stem: &str) -> Option<(usize, bool)> {
    let mut t = stem.trim_end();
    // A sentence end counts only after a blank: "… is an ___."
    let ended = t.ends_with(['.', '?', '!']);
    if ended {
        t = t[..t.len() - 1].trim_end();
    }
    let before_blank = t.len();
    t = t.trim_end_matches(|c: char| matches!(c, '_' | '\\' | '*' | '…' | ':') || c.is_whitespace());
    let blank = t.len() < before_blank && stem[t.len()..before_blank].contains(['_', '…']);
    if ended && !blank {
        return None;
    }
    let start = t.rfind(|c: char| c.is_whitespace()).map_or(0, |i| i + 1);
    let word = &t[start..];
    match word.to_ascii_lowercase().as_str() {
        "an" => Some((start, true)),
        "a" => Some((start, false)),
        _ => None,
    }
}

/// Whether a word starts with a vowel sound, when that is certain from its
/// spelling.
pub fn vowel_sound(word: &str) -> Option<bool> {
    let mut chars = word.chars();
    let first = chars.next()?;
    let second = chars.next()?;
    if !first.is_ascii_alphabetic() || !word.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '\'') {
        return None;
    }
    // Acronyms and names read letter by letter: "an HTML", "a URL".
    if first.is_ascii_uppercase() && (second.is_ascii_uppercase() || second.is_ascii_digit()) {
        return None;
    }
    let w = word.to_ascii_lowercase();
    let starts = |p: &[&str]| p.iter().any(|p| w.starts_with(p));
    match first.to_ascii_lowercase() {
        'a' | 'e' | 'i' | 'o' => {
            if starts(&["one", "once", "eu", "ewe", "oui"]) {
                None
            } else {
                Some(true)
            }
        }
        'u' => {
            if starts(&["uni", "unan", "usu", "use", "usa", "uti", "ura", "uri", "uro", "ubi"]) {
                Some(false)
            } else if starts(&["un", "up", "ug", "ul", "um", "ud", "ut"]) && !starts(&["ute", "uto"]) {
                Some(true)
            } else {
                None
            }
        }
        'h' if starts(&["hour", "honest", "honor", "honour", "heir", "herb"]) => None,
        'x' => None,
        _ => Some(false),
    }
}

/// The first word of an option, Markdown emphasis and quotes left out;
/// `None` when the option opens with code or a number.
fn first_word(text: &str) -> Option<&str> {
    let t = text.trim_start().trim_start_matches(['*', '_', '"', '\'', '“', '(']);
    if t.starts_with('`') {
        return None;
    }
    let end = t.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'')).unwrap_or(t.len());
    let word = t[..end].trim_end_matches(['-', '\'']);
    (!word.is_empty()).then_some(word)
}

pub fn check(q: &Question, source: &str, out: &mut Vec<Finding>) {
    let Some((_, key)) = single_key(q) else { return };
    let Some(stem) = &q.question else { return };
    let Some((at, an)) = final_article(&stem.value) else { return };
    let sound = |c: &crate::bank::Choice| first_word(&c.text.value).and_then(vowel_sound);
    let Some(key_sound) = sound(key) else { return };
    if key_sound != an {
        return;
    }
    let others: Option<Vec<bool>> = q.choices.iter().filter(|c| !c.key).map(sound).collect();
    let Some(others) = others else { return };
    if others.is_empty() || others.contains(&an) {
        return;
    }
    let article = if an { "an" } else { "a" };
    let message = format!("the stem ends in \"{article}\" and only the key `{}` fits it", quote(&key.text.value));
    let span = stem.span_of(source, at..at + article.len());
    let f = Finding::new(&RULE, q.file, span, message)
        .question(q.id())
        .help("put the article into each option, or end the stem before it");
    out.push(f);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_final_article_is_found() {
        assert_eq!(final_article("A list in Python is an"), Some((20, true)));
        assert_eq!(final_article("A list in Python is a ___."), Some((20, false)));
        assert_eq!(final_article("A tuple is a:"), Some((11, false)));
        assert_eq!(final_article("What is the value of a?"), None);
        assert_eq!(final_article("Print the value of a."), None);
        assert_eq!(final_article("Call it with `a`"), None);
    }

    #[test]
    fn vowel_sounds_are_certain_or_unknown() {
        assert_eq!(vowel_sound("object"), Some(true));
        assert_eq!(vowel_sound("Array"), Some(true));
        assert_eq!(vowel_sound("class"), Some(false));
        assert_eq!(vowel_sound("unused"), Some(true));
        assert_eq!(vowel_sound("unique"), Some(false));
        assert_eq!(vowel_sound("user"), Some(false));
        assert_eq!(vowel_sound("hour"), None);
        assert_eq!(vowel_sound("one"), None);
        assert_eq!(vowel_sound("HTML"), None);
        assert_eq!(vowel_sound("IOException"), None);
        assert_eq!(vowel_sound("a"), None);
        assert_eq!(vowel_sound("8-bit"), None);
    }
}

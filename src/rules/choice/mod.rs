//! Choice rules (`choice/*`): item-writing flaws of multiple-choice
//! questions that can be read from the text of the stem and options.
//!
//! Each rule is one file with its `Rule` constant and its check, which
//! reads only the bank model (the stem, the options in the order shown and
//! which of them are keys), never a file format. The per-question rules run
//! in parallel over the questions that are choice questions with two or more
//! options; `key_position` looks at the whole bank once. The helpers here
//! turn an option into what the rules compare: its words without Markdown
//! ([`plain`]), whether it is code ([`is_code`]), and the number it states
//! ([`quantity`]).

pub mod all_of_the_above;
pub mod combination;
pub mod grammatical_cue;
pub mod key_position;
pub mod longest_key;
pub mod none_of_the_above;
pub mod overlapping;
pub mod unemphasised_negative;
pub mod unordered;

use crate::bank::{Bank, Choice, Question};
use crate::finding::Finding;
use crate::rules::Rule;

pub const RULES: &[&Rule] = &[
    &all_of_the_above::RULE,
    &none_of_the_above::RULE,
    &combination::RULE,
    &longest_key::RULE,
    &grammatical_cue::RULE,
    &overlapping::RULE,
    &unordered::RULE,
    &unemphasised_negative::RULE,
    &key_position::RULE,
];

/// A per-question check: the question, its file's text, the findings.
type Check = fn(&Question, &str, &mut Vec<Finding>);

/// Run the choice rules that `enabled` accepts.
pub fn check(bank: &Bank, enabled: &(dyn Fn(&str) -> bool + Sync)) -> Vec<Finding> {
    let per_question: Vec<Check> = [
        (&all_of_the_above::RULE, all_of_the_above::check as Check),
        (&none_of_the_above::RULE, none_of_the_above::check),
        (&combination::RULE, combination::check),
        (&longest_key::RULE, longest_key::check),
        (&grammatical_cue::RULE, grammatical_cue::check),
        (&overlapping::RULE, overlapping::check),
        (&unordered::RULE, unordered::check),
        (&unemphasised_negative::RULE, unemphasised_negative::check),
    ]
    .into_iter()
    .filter(|(rule, _)| enabled(rule.id))
    .map(|(_, check)| check)
    .collect();
    let bank_wide = enabled(key_position::RULE.id);
    if per_question.is_empty() && !bank_wide {
        return Vec::new();
    }
    let mut out = Vec::new();
    if !per_question.is_empty() {
        out = crate::rules::per_question(bank, |q, out| {
            if !applies(q) {
                return;
            }
            let source = &*bank.file(q.file).text;
            for check in &per_question {
                check(q, source, out);
            }
        });
    }
    if bank_wide {
        out.extend(key_position::check(bank));
    }
    out
}

/// Whether the choice rules read `q`: a choice question with two or more
/// options.
pub fn applies(q: &Question) -> bool {
    q.is_choice && (2..=MAX_OPTIONS).contains(&q.choices.len())
}

/// The most options an item-writing rule reads: a candidate reads a
/// handful, and a list longer than the alphabet is not an item (some
/// rules compare options pairwise, so this also bounds their work).
pub const MAX_OPTIONS: usize = 26;

/// The one key of a single-answer question, with its position.
pub fn single_key(q: &Question) -> Option<(usize, &Choice)> {
    let mut keys = q.choices.iter().enumerate().filter(|(_, c)| c.key);
    let first = keys.next()?;
    keys.next().is_none().then_some(first)
}

/// A finding on a whole option (its text without the white space around it).
pub fn on_option(rule: &'static Rule, q: &Question, source: &str, choice: &Choice, message: String) -> Finding {
    let value = &choice.text.value;
    let start = value.len() - value.trim_start().len();
    let end = value.trim_end().len().max(start);
    Finding::new(rule, q.file, choice.text.span_of(source, start..end), message).question(q.id())
}

/// An option as quoted in a message: one line, at most 50 characters.
pub fn quote(text: &str) -> String {
    let t = text.trim();
    let line = t.lines().next().unwrap_or("");
    let mut out: String = line.chars().take(50).collect();
    if out.len() < line.len() || t.contains('\n') {
        out.push('…');
    }
    out
}

/// The words of an option for matching phrases: lower case, Markdown
/// emphasis, code ticks and quotes left out, single spaces, and no
/// punctuation at the end.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        match c {
            '*' | '`' | '"' | '“' | '”' => {}
            // Emphasis, not a snake_case identifier.
            '_' if !word(prev) || !word(chars.peek().copied()) => {}
            c if c.is_whitespace() => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
        prev = Some(c);
    }
    let trimmed = out.trim_end_matches([' ', '.', '!', ';', ',', ':']);
    out.truncate(trimmed.len());
    out
}

/// Whether an option is code rather than words: one code span or block
/// (`` `len(x)` ``), or a short line with the punctuation of code and
/// no spaces between words (`x -> x + 1`, `$a === $b`, `foo()`).
pub fn is_code(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() {
        return false;
    }
    let regions = crate::bank::markdown::code_regions(t);
    let mut covered = 0;
    for r in &regions {
        covered += t[r.clone()].chars().filter(|c| !c.is_whitespace()).count();
    }
    let visible = t.chars().filter(|c| !c.is_whitespace()).count();
    if covered * 10 >= visible * 8 {
        return true;
    }
    // One token with the marks of a path, an address or an identifier:
    // `src/main/java`, `os.path.join`, `MAX_SIZE`.
    if !t.contains(char::is_whitespace)
        && (t.contains(['/', '\\', '_', '#', '<', '>']) || t.trim_end_matches('.').contains('.'))
    {
        return true;
    }
    // Unquoted code: symbols words do not use.
    const MARKS: [&str; 16] =
        ["()", "=>", "->", "::", "==", "!=", "&&", "||", "{", "}", ";", "$", "[]", "</", "/>", " = "];
    let mut outside = String::with_capacity(t.len());
    let mut at = 0;
    for r in &regions {
        outside.push_str(&t[at..r.start]);
        outside.push(' ');
        at = r.end;
    }
    outside.push_str(&t[at..]);
    MARKS.iter().any(|m| outside.contains(m))
}

/// A number an option states, with the words around it: "42", "3.5 MB",
/// "$1,000", "50%", "-1", "Java 17", "2024-03-01".
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub value: f64,
    /// The word before the number, lower case ("java"), or empty.
    pub prefix: String,
    /// The words after it, lower case and without a plural `s` ("second"),
    /// or empty; `%` and currency signs count as units.
    pub unit: String,
}

/// The number `text` states, when the whole option is one number with at
/// most a word before it and a short unit after it.
pub fn quantity(text: &str) -> Option<Quantity> {
    let t = strip_code_ticks(text.trim());
    let mut words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > 3 {
        return None;
    }
    let at = words.iter().position(|w| number_token(w).is_some())?;
    if at > 1 {
        return None;
    }
    let prefix = if at == 1 { words.remove(0).to_lowercase() } else { String::new() };
    if !prefix.is_empty() && !prefix.chars().all(char::is_alphabetic) {
        return None;
    }
    let (value, sign_unit) = number_token(words[0])?;
    let rest = &words[1..];
    if rest.len() > 1 || rest.iter().any(|w| !w.chars().all(char::is_alphabetic)) {
        return None;
    }
    let mut unit = rest.first().map(|w| singular(&w.to_lowercase())).unwrap_or_default();
    if !sign_unit.is_empty() {
        if !unit.is_empty() {
            return None;
        }
        unit = sign_unit.to_owned();
    }
    Some(Quantity { value, prefix, unit })
}

/// `value` and a sign that works as a unit (`%`, `$`) of a number token:
/// "1,000", "-2.5", "$40", "75%", "2024-03-01" (read as 20240301).
pub fn number_token(token: &str) -> Option<(f64, &'static str)> {
    let (t, unit) = if let Some(r) = token.strip_suffix('%') {
        (r, "%")
    } else if let Some(r) = token.strip_prefix('$') {
        (r, "$")
    } else if let Some(r) = token.strip_prefix('€') {
        (r, "€")
    } else if let Some(r) = token.strip_prefix('£') {
        (r, "£")
    } else {
        (token, "")
    };
    if let Some(date) = iso_date(t) {
        return Some((date, unit));
    }
    let (neg, digits) = match t.strip_prefix(['-', '−']) {
        Some(r) => (true, r),
        None => (false, t),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return None;
    }
    if int.contains(',') {
        // Thousands separators only: 1,000 and 12,345,678, not 1,2.
        let groups: Vec<&str> = int.split(',').collect();
        if groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    if let Some(f) = frac
        && (f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let joined: String = int.chars().filter(|&c| c != ',').collect();
    let mut value: f64 = match frac {
        Some(f) => format!("{joined}.{f}").parse().ok()?,
        None => joined.parse().ok()?,
    };
    if neg {
        value = -value;
    }
    Some((value, unit))
}

/// "2024-03-01" as 20240301.
fn iso_date(t: &str) -> Option<f64> {
    let parts: Vec<&str> = t.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return None;
    }
    if !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    format!("{}{}{}", parts[0], parts[1], parts[2]).parse().ok()
}

/// A version of three or more numbers: "1.10.2" as [1, 10, 2].
pub fn version(text: &str) -> Option<Vec<u64>> {
    let t = strip_code_ticks(text.trim());
    let t = t.strip_prefix(['v', 'V']).unwrap_or(t);
    let parts: Vec<&str> = t.split('.').collect();
    if parts.len() < 3 || parts.iter().any(|p| p.is_empty() || p.len() > 6 || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    parts.iter().map(|p| p.parse().ok()).collect()
}

/// A text without the backticks of one code span around all of it.
pub fn strip_code_ticks(t: &str) -> &str {
    match t.strip_prefix('`').and_then(|r| r.strip_suffix('`')) {
        Some(inner) if !inner.contains('`') => inner.trim(),
        _ => t,
    }
}

/// A unit word without a plural ending: "seconds" → "second".
fn singular(w: &str) -> String {
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") { w[..w.len() - 1].to_owned() } else { w.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_drops_markdown_and_case() {
        assert_eq!(plain("  **All of the  above.** "), "all of the above");
        assert_eq!(plain("`None of these answers`"), "none of these answers");
        assert_eq!(plain("_Both_ A and B"), "both a and b");
        assert_eq!(plain("the __init__ method"), "the init method");
        assert_eq!(plain("a snake_case name"), "a snake_case name");
    }

    #[test]
    fn code_options_are_told_from_words() {
        assert!(is_code("`len(x)`"));
        assert!(is_code("```js\nlet x = 1;\n```"));
        assert!(is_code("x -> x + 1"));
        assert!(is_code("foo()"));
        assert!(is_code("src/main/resources") && is_code("os.path") && is_code("MAX_SIZE"));
        assert!(!is_code("Directive.") && !is_code("F12"));
        assert!(!is_code("A class that holds one value"));
        assert!(!is_code("It calls `len()` on the list and returns the count of the items in it"));
    }

    #[test]
    fn quantities_are_read_with_their_units() {
        let q = |s: &str| quantity(s).map(|q| (q.value, q.prefix, q.unit));
        assert_eq!(q("42"), Some((42.0, String::new(), String::new())));
        assert_eq!(q("`-3`"), Some((-3.0, String::new(), String::new())));
        assert_eq!(q("3.5 seconds"), Some((3.5, String::new(), "second".into())));
        assert_eq!(q("$1,000"), Some((1000.0, String::new(), "$".into())));
        assert_eq!(q("75%"), Some((75.0, String::new(), "%".into())));
        assert_eq!(q("Java 17"), Some((17.0, "java".into(), String::new())));
        assert_eq!(q("2024-03-01"), Some((20240301.0, String::new(), String::new())));
        assert_eq!(q("1,2"), None);
        assert_eq!(q("1 and 2"), None);
        assert_eq!(q("[1, 2]"), None);
        assert_eq!(q("0x10"), None);
        assert_eq!(version("1.10.2"), Some(vec![1, 10, 2]));
        assert_eq!(version("1.10"), None);
    }
}

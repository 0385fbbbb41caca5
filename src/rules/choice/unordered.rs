//! `choice/unordered-options`: numeric options that are not in numeric
//! order.

use super::{on_option, quantity, strip_code_ticks, version};
use crate::bank::Question;
use crate::finding::{Finding, Severity};
use crate::rules::Rule;

pub const RULE: Rule = Rule {
    id: "choice/unordered-options",
    severity: Severity::Warning,
    summary: "Options that are all numbers (or years, dates, versions) are not in ascending or descending order.",
    explanation: "Haladyna, Downing and Rodriguez 2002, guideline 21: options have a natural order (numbers \
by value) and should be shown in it. Numbers in order are quicker to \
scan, a candidate who knows the value finds it at once, and the order itself cannot hint at the key (writers \
who shuffle by hand tend to put the key in the middle, or first). The rule reads questions with three or more \
options that are each one number with the same unit (\"64 KB\"), a year, an ISO date or a version \
(\"3.10\" is read both as a decimal and as a version, so either order passes). Sort the options, ascending \
or descending.",
    bad: "questions:\n  - id: java-int-bytes\n    question: How many bytes does a Java int take?\n    choices: ['8', '2', '4', '16']\n    answer: '4'\n",
    good: "questions:\n  - id: java-int-bytes\n    question: How many bytes does a Java int take?\n    choices: ['2', '4', '8', '16']\n    answer: '4'\n",
    fixable: false,
};

/// Whether a sequence is ascending or descending; equal neighbours (`2`
/// and `2.0`, a question about types) keep either order.
fn monotone<T: PartialOrd>(xs: &[T]) -> bool {
    xs.windows(2).all(|w| w[0] <= w[1]) || xs.windows(2).all(|w| w[0] >= w[1])
}

/// The options' values in order, each as a key of every reading that fits
/// all of them; `None` when some option is not a number.
fn in_order(texts: &[&str]) -> Option<bool> {
    if let Some(versions) = texts.iter().map(|t| version(t)).collect::<Option<Vec<_>>>() {
        return Some(monotone(&versions));
    }
    let quantities = texts.iter().map(|t| quantity(t)).collect::<Option<Vec<_>>>()?;
    let first = &quantities[0];
    if quantities.iter().any(|q| q.unit != first.unit || q.prefix != first.prefix) {
        return None;
    }
    let values: Vec<f64> = quantities.iter().map(|q| q.value).collect();
    if monotone(&values) {
        return Some(true);
    }
    // "3.8", "3.9", "3.10": versions with one dot.
    let dotted: Option<Vec<(u64, u64)>> = texts
        .iter()
        .map(|t| {
            let t = strip_code_ticks(t.trim());
            let t = t.rsplit(' ').next().unwrap_or(t);
            let (a, b) = t.split_once('.')?;
            Some((a.parse().ok()?, b.parse().ok()?))
        })
        .collect();
    Some(dotted.is_some_and(|d| monotone(&d)))
}

/// Whether the options are numerals that are not quantities: long digit
/// strings (a program's printed output, an identifier), or pieces of a
/// number the question shows ("Which part of 43740.665218 is the time?").
/// Sorting them by value helps nobody.
fn digit_strings(q: &Question, texts: &[&str]) -> bool {
    let digits: Vec<&str> = texts.iter().map(|t| strip_code_ticks(t.trim())).collect();
    if !digits.iter().all(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    if digits.iter().any(|d| d.len() >= 7) {
        return true;
    }
    let stem = q.question.as_ref().map_or("", |t| t.value.as_str());
    let numbers: Vec<&str> = stem.split(|c: char| !c.is_ascii_digit() && c != '.').filter(|n| n.len() > 4).collect();
    digits.iter().all(|d| numbers.iter().any(|n| n.contains(d) && n.len() > d.len()))
}

pub fn check(q: &Question, source: &str, out: &mut Vec<Finding>) {
    if q.choices.len() < 3 {
        return;
    }
    let texts: Vec<&str> = q.choices.iter().map(|c| c.text.value.as_str()).collect();
    if in_order(&texts) != Some(false) || digit_strings(q, &texts) {
        return;
    }
    let shown: Vec<&str> = texts.iter().map(|t| strip_code_ticks(t.trim())).collect();
    let message = format!("the numeric options are not in order: {}", shown.join(", "));
    let f = on_option(&RULE, q, source, &q.choices[0], message).help("sort the options, ascending or descending");
    out.push(f);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_judged_on_numbers_only() {
        assert_eq!(in_order(&["2", "4", "8"]), Some(true));
        assert_eq!(in_order(&["8", "4", "2"]), Some(true));
        assert_eq!(in_order(&["8", "2", "4"]), Some(false));
        assert_eq!(in_order(&["3.8", "3.9", "3.10"]), Some(true));
        assert_eq!(in_order(&["1.2.0", "1.10.0", "1.9.0"]), Some(false));
        assert_eq!(in_order(&["Java 8", "Java 17", "Java 11"]), Some(false));
        assert_eq!(in_order(&["1 KB", "1 MB", "1 GB"]), None);
        assert_eq!(in_order(&["2", "4", "NaN"]), None);
    }
}

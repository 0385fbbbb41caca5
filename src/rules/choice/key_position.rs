//! `choice/key-position`: across the bank, the key sits in one position far
//! more often than chance allows.

use std::collections::BTreeMap;

use super::{applies, single_key};
use crate::bank::Bank;
use crate::finding::{Finding, Severity};
use crate::rules::Rule;

pub const RULE: Rule = Rule {
    id: "choice/key-position",
    severity: Severity::Warning,
    summary: "Across the bank, the key is in one position (first, last, …) far more often than chance.",
    explanation: "Haladyna, Downing and Rodriguez 2002, guideline 20: spread the key over all the positions, \
so that no place holds it more often than the others. Writers tend to put the key in the middle, or first, \
and a candidate who learns the habit scores without knowing the content. The rule counts, among the bank's \
single-answer questions with the same number of options, how often the key is each option, and fires when there \
are at least 40 such questions and a chi-square test against equal shares gives p < 0.001; the finding is on \
the first question of that group and gives the distribution. A skew must also be large enough for a \
candidate to use (Cohen's w of at least 0.25), so that a huge bank does not report a few points' lean. Each \
file with enough questions is tested on its own (a file is often one quiz by one writer), then the other \
files together. Shuffle the options (keeping numbers and \
natural sequences in order), or move keys until the positions are balanced.",
    bad: "# These two questions ten times over (40 four-option questions, every key first):\nquestions:\n  - id: git-log\n    question: Which command shows the commit history?\n    choices: [git log, git status, git diff, git blame]\n    answer: git log\n  - id: git-add\n    question: Which command stages a file?\n    choices: [git add, git commit, git push, git fetch]\n    answer: git add\n  - id: git-push\n    question: Which command uploads commits to a remote?\n    choices: [git push, git pull, git clone, git init]\n    answer: git push\n  - id: git-branch\n    question: Which command lists local branches?\n    choices: [git branch, git remote, git tag, git stash]\n    answer: git branch\n",
    good: "# The same questions ten times over, each key in another place:\nquestions:\n  - id: git-log\n    question: Which command shows the commit history?\n    choices: [git log, git status, git diff, git blame]\n    answer: git log\n  - id: git-add\n    question: Which command stages a file?\n    choices: [git commit, git add, git push, git fetch]\n    answer: git add\n  - id: git-push\n    question: Which command uploads commits to a remote?\n    choices: [git pull, git clone, git push, git init]\n    answer: git push\n  - id: git-branch\n    question: Which command lists local branches?\n    choices: [git remote, git tag, git stash, git branch]\n    answer: git branch\n",
    fixable: false,
};

/// Fewest questions with the same number of options the test is run on.
pub const MIN_QUESTIONS: usize = 40;

/// The chi-square value with `df` degrees of freedom above which p < 0.001.
fn critical(df: usize) -> Option<f64> {
    const TABLE: [f64; 9] = [10.828, 13.816, 16.266, 18.467, 20.515, 22.458, 24.322, 26.124, 27.877];
    TABLE.get(df.checked_sub(1)?).copied()
}

/// Pearson's chi-square statistic of `counts` against equal shares.
pub fn chi_square(counts: &[usize]) -> f64 {
    let n: usize = counts.iter().sum();
    let expected = n as f64 / counts.len() as f64;
    counts.iter().map(|&o| (o as f64 - expected).powi(2) / expected).sum()
}

/// Cohen's w below which a skew, however certain, is too small to cue a
/// candidate (0.1 is a small effect, 0.3 a medium one).
pub const MIN_EFFECT: f64 = 0.25;

/// Whether `counts` (how often the key is each position) are unbalanced:
/// enough questions, p < 0.001 and an effect a candidate could use.
pub fn unbalanced(counts: &[usize]) -> bool {
    let n: usize = counts.iter().sum();
    if n < MIN_QUESTIONS {
        return false;
    }
    let chi = chi_square(counts);
    critical(counts.len() - 1).is_some_and(|c| chi > c) && (chi / n as f64).sqrt() >= MIN_EFFECT
}

fn ordinal(i: usize) -> String {
    let n = i + 1;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn count_word(n: usize) -> String {
    const WORDS: [&str; 9] = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    n.checked_sub(2).and_then(|i| WORDS.get(i)).map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// Keys by position among questions with the same number of options,
/// and the first such question.
struct Group {
    counts: Vec<usize>,
    first: usize,
}

fn tally<'a>(
    bank: &Bank,
    questions: impl Iterator<Item = usize>,
    groups: &'a mut BTreeMap<usize, Group>,
) -> &'a BTreeMap<usize, Group> {
    // A question copied many times counts once: the copies repeat one
    // choice of position, not a habit.
    let mut seen = std::collections::HashSet::new();
    for i in questions {
        let q = &bank.questions[i];
        if !applies(q) {
            continue;
        }
        let stem = q.question.as_ref().map_or("", |t| t.value.as_str());
        let options: Vec<&str> = q.choices.iter().map(|c| c.text.value.as_str()).collect();
        if !seen.insert((stem, options)) {
            continue;
        }
        let Some((at, _)) = single_key(q) else { continue };
        let n = q.choices.len();
        let g = groups.entry(n).or_insert_with(|| Group { counts: vec![0; n], first: i });
        g.counts[at] += 1;
    }
    groups
}

fn finding(bank: &Bank, n: usize, g: &Group, scope: &str) -> Finding {
    let total: usize = g.counts.iter().sum();
    let (top, &most) = g.counts.iter().enumerate().max_by_key(|&(i, c)| (c, std::cmp::Reverse(i))).expect("counts");
    let share = |c: usize| (c as f64 * 100.0 / total as f64).round();
    let message = format!(
        "{scope}, the key is the {} option in {}% of {total} {}-option questions ({}% expected)",
        ordinal(top),
        share(most),
        count_word(n),
        (100.0 / n as f64).round()
    );
    let spread: Vec<String> = g.counts.iter().enumerate().map(|(i, c)| format!("{}: {c}", ordinal(i))).collect();
    let q = &bank.questions[g.first];
    let span = q.id.as_ref().map(|id| id.span).or(q.question.as_ref().map(|t| t.span)).unwrap_or(q.span);
    Finding::new(&RULE, q.file, span, message).question(q.id()).help(format!(
        "keys by position: {}; shuffle the options, keeping numbers and sequences in order",
        spread.join(", ")
    ))
}

/// Each file with enough questions is tested on its own (a file is often
/// one quiz, written by one person); the questions of the files that pass,
/// or are too small to test, are then tested together as the bank.
pub fn check(bank: &Bank) -> Vec<Finding> {
    let mut out = Vec::new();
    // Per number of options: the questions of files reported already.
    let mut reported: BTreeMap<usize, Vec<std::ops::Range<usize>>> = BTreeMap::new();
    for file in &bank.files {
        let mut groups = BTreeMap::new();
        for (&n, g) in tally(bank, file.questions.clone(), &mut groups) {
            if unbalanced(&g.counts) {
                out.push(finding(bank, n, g, "in this file"));
                reported.entry(n).or_default().push(file.questions.clone());
            }
        }
    }
    let mut groups = BTreeMap::new();
    tally(bank, 0..bank.questions.len(), &mut groups);
    for (n, g) in &groups {
        let Some(files) = reported.get(n) else {
            if unbalanced(&g.counts) {
                out.push(finding(bank, *n, g, "across the bank"));
            }
            continue;
        };
        // The rest of the bank, without the files already reported.
        let rest = (0..bank.questions.len()).filter(|i| !files.iter().any(|r| r.contains(i)));
        let mut others = BTreeMap::new();
        if let Some(g) = tally(bank, rest, &mut others).get(n)
            && unbalanced(&g.counts)
        {
            out.push(finding(bank, *n, g, "across the rest of the bank"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_test_needs_enough_questions_and_a_clear_skew() {
        assert!(!unbalanced(&[10, 10, 10, 10]));
        assert!(!unbalanced(&[20, 5, 5, 5])); // 35 questions: too few
        assert!(unbalanced(&[25, 5, 5, 5]));
        assert!(!unbalanced(&[14, 10, 9, 7]));
        assert!(unbalanced(&[60, 40, 40, 100]));
        // Certain (p < 0.001 with 9,000 questions) but too small to cue anyone.
        assert!(!unbalanced(&[2600, 2600, 2200, 1900]));
        assert!(!unbalanced(&[1; 20]));
        assert!((chi_square(&[25, 5, 5, 5]) - 30.0).abs() < 1e-9);
    }

    #[test]
    fn ordinals() {
        assert_eq!([0, 1, 2, 3, 10].map(ordinal), ["1st", "2nd", "3rd", "4th", "11th"]);
    }
}

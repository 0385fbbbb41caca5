//! `schema/duplicate-id`: the same id on two questions anywhere in the bank.

use std::collections::HashMap;

use crate::bank::Bank;
use crate::finding::{Finding, Severity};
use crate::rules::Rule;

use super::related;

pub const DUPLICATE_ID: Rule = Rule {
    id: "schema/duplicate-id",
    severity: Severity::Error,
    summary: "Two questions share an id, in one file or across files.",
    explanation: "Ids must be unique across the whole bank: suppressions, baselines, links and \
review comments refer to questions by id. The finding points at the later question and shows the \
first as a related location. Rename one of them.",
    bad: "questions:\n  - id: orm\n    question: What does the ORM do?\n    answer: It maps classes to tables.\n  - id: orm\n    question: What is a QuerySet?\n    answer: A lazy database query.\n",
    good: "questions:\n  - id: orm\n    question: What does the ORM do?\n    answer: It maps classes to tables.\n  - id: orm-queryset\n    question: What is a QuerySet?\n    answer: A lazy database query.\n",
    fixable: false,
};

/// Files are in path order and questions in file order, so "first" is stable.
pub fn check(bank: &Bank) -> Vec<Finding> {
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(bank.questions.len());
    let mut out = Vec::new();
    for (i, q) in bank.questions.iter().enumerate() {
        let Some(id) = &q.id else { continue };
        match first.get(id.value.as_str()) {
            None => {
                first.insert(&id.value, i);
            }
            Some(&j) => {
                let orig = &bank.questions[j];
                let f = Finding::new(&DUPLICATE_ID, q.file, id.span, format!("duplicate id `{}`", id.value))
                    .question(Some(&id.value))
                    .help("ids must be unique across the whole bank; rename one of the two questions")
                    .related(related(
                        orig.file,
                        Some(&id.value),
                        orig.id.as_ref().map_or(orig.span, |s| s.span),
                        "first used here",
                    ));
                out.push(f);
            }
        }
    }
    out
}

//! `stale/old-limit`: an answer gives an earlier value of a limit that has
//! changed ("an AWS Lambda function can run for at most 5 minutes").

use super::scan::Scan;
use super::{Claim, Cue, Cx, any_of, message};
use crate::knowledge::quantity;
use crate::packs::Entry;

pub const ID: &str = "stale/old-limit";

pub struct Check<'a> {
    pub entry: &'a Entry,
    history: Cue,
    bound_before: Cue,
    bound_after: Cue,
}

impl<'a> Check<'a> {
    pub fn new(entry: &'a Entry) -> Self {
        Check {
            entry,
            history: any_of(entry, "history-patterns"),
            bound_before: any_of(entry, "bound-before-patterns"),
            bound_after: any_of(entry, "bound-after-patterns"),
        }
    }

    /// The claims of `answer` (a written answer or a quiz key) to
    /// `question`, about the limits of `products` (those of the question,
    /// its tags and its file) and of the products the answer names.
    pub fn check_answer(
        &self,
        cx: &Cx,
        question: Option<&str>,
        answer: &Scan,
        products: &[usize],
        out: &mut Vec<Claim>,
    ) {
        // Only products with limits count; most answers name none, and
        // reading amounts is the costly part.
        let mut products: Vec<usize> = products.to_vec();
        products.retain(|&p| !cx.product(p).limits.is_empty());
        // The answer's own names count when it has a figure: finding
        // names costs a pass over every answer, and an amount written in
        // words ("five minutes") is judged where the question, its tags or
        // its file name the product.
        if products.is_empty() && answer.text.bytes().any(|b| b.is_ascii_digit()) {
            products.extend(answer.products(cx.knowledge));
            products.retain(|&p| !cx.product(p).limits.is_empty());
        }
        if products.is_empty() {
            return;
        }
        products.sort_unstable();
        products.dedup();
        let amounts = quantity::quantities(answer.text);
        if amounts.is_empty() {
            return;
        }
        for p in products {
            let product = cx.product(p);
            for limit in &product.limits {
                let Some((now, before)) = limit.on(cx.day) else { continue };
                // An answer that gives the value in effect knows it.
                if before.is_empty() || amounts.iter().any(|(_, a)| a.same(&now.amount)) {
                    continue;
                }
                let asked = question.is_some_and(|q| limit.is_asked(q));
                for (range, amount) in &amounts {
                    let Some(old) = before.iter().rev().find(|v| v.amount.same(amount)) else { continue };
                    let sentence = answer.sentence(answer.sentence_of(range.start));
                    if self.history.is_match(sentence) {
                        continue;
                    }
                    // Asked about the limit, the amount is the answer; in
                    // a sentence about it, the amount must be given as
                    // the bound ("at most 5 minutes"), not as a setting
                    // ("set the timeout to 300 seconds").
                    let (before_text, after_text) = answer.around(range, 64, 16);
                    let bound = self.bound_before.is_match(before_text) || self.bound_after.is_match(after_text);
                    let about = asked || (bound && limit.is_asked(sentence));
                    if !about {
                        continue;
                    }
                    let since = now.since.map_or(String::new(), |d| format!(" since {d}"));
                    let fact = format!(
                        "{}: the {} is {}{since} ({}); {} was the limit before",
                        product.name, limit.name, now.written, limit.source, old.written
                    );
                    out.push((range.clone(), message(self.entry, &[("fact", &fact)])));
                }
            }
        }
    }
}

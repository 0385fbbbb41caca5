//! Whether two questions with nearly the same words ask the same thing, and
//! whether two answers to one question contradict each other.
//!
//! The question join finds pairs that share most of their content words.
//! Sharing words is not enough: "What does `len([1, 2, 3])` return?" and
//! "What does `len([1, 2])` return?" differ only in code, "…extends
//! BaseBackend…" and "…extends BaseUserManager…" only in an identifier,
//! "…a POST request with file data?" and "…with form data?" in one word,
//! "converts JSON to a value" and "converts a value to JSON" only in order,
//! "Which type is part of JSON?" and "Which type is not part of JSON?" in a
//! negation, "Can JSON represent Unicode?" and "How do you represent Unicode
//! in JSON?" in what they ask for, and a stock question such as "Which
//! statement is true?" means nothing without its options. [`Judge::rewords`]
//! keeps a pair only when what differs is not what the question is about:
//!
//! - no number, identifier, code or quoted name is in one question and not
//!   the other;
//! - no content word gives way to another: one question's extra words and
//!   the other's cannot both be non-empty (counted with repeats);
//! - at most one content word is added or left out, and it is filler
//!   ("exactly", "in short") or a common word of the bank (in at least 1%
//!   of its questions), and not a qualifier ("not", "second", "largest");
//! - no words trade places across "to", "from", "than", "into" or "over";
//! - both ask a yes-or-no question, or neither does;
//! - the question is not a stock question: asked three or more times in the
//!   bank with different answers.
//!
//! [`answer_key`] reads the value an answer states when it is a key (a
//! quiz option, a number, a literal), so that two keys for one question can
//! be compared ([`contradict`]).

use std::collections::{HashMap, HashSet};

use super::features::{Feature, Features, frequency};
use super::text::{FastMap, Token, tokenize};
use crate::bank::Question;
use crate::rules::form;

/// A question asked this many times with different answers is a stock
/// question whose meaning lives in its options.
const STOCK_COPIES: usize = 3;

/// Share of the bank's questions a word must be in for its addition to a
/// question to leave the question the same.
const COMMON_SHARE: f64 = 0.01;

/// Words that turn a question into its opposite.
const NEGATIONS: &[&str] = &[
    "not",
    "no",
    "never",
    "without",
    "except",
    "cannot",
    "none",
    "neither",
    "nor",
    "non",
    "incorrect",
    "invalid",
    "false",
    "wrong",
    "unlike",
    "excluding",
];

/// Words that change what a question asks when added or left out, on top
/// of negations: ordinals, superlatives and quantities.
const QUALIFIERS: &[&str] = &[
    "least",
    "most",
    "first",
    "second",
    "third",
    "last",
    "next",
    "previous",
    "largest",
    "smallest",
    "biggest",
    "highest",
    "lowest",
    "maximum",
    "minimum",
    "max",
    "min",
    "best",
    "worst",
    "only",
    "all",
    "every",
    "each",
    "both",
    "single",
    "multiple",
    "many",
    "few",
    "more",
    "less",
    "before",
    "after",
    "same",
    "different",
];

/// Words whose addition leaves a question as it was: hedges and requests
/// for brevity or detail.
const FILLER: &[&str] = &[
    "exactly",
    "short",
    "brief",
    "briefly",
    "actually",
    "basically",
    "simply",
    "really",
    "please",
    "quickly",
    "concisely",
    "precisely",
    "generally",
    "typically",
    "usually",
    "detail",
    "detailed",
    "summary",
    "overview",
    "example",
    "examples",
    "explain",
    "describe",
    "mean",
    "means",
    "meant",
    "define",
    "definition",
];

/// Words with a direction: what stands before them and what after plays
/// different parts ("from A to B", "A rather than B").
const DIRECTIONAL: &[&str] = &["to", "from", "into", "onto", "than", "over"];

/// First words of a question that asks yes or no.
const YES_NO: &[&str] =
    &["is", "are", "was", "were", "can", "could", "does", "do", "did", "should", "will", "would", "has", "have"];
/// First words of a question that asks what, which, how, why...
const WH: &[&str] = &["what", "which", "how", "why", "when", "where", "who", "whom", "whose"];

pub struct Judge<'a> {
    questions: &'a [Question],
    feats: &'a Features,
    /// Questions asked in the same words by many questions with different answers.
    stock: Vec<bool>,
    /// Fewest questions a common word is in.
    common: u64,
    qualifiers: HashSet<u64>,
    negations: HashSet<u64>,
    filler: HashSet<u64>,
    directional: HashSet<u64>,
}

/// Whether two questions offer the same options, as far as that decides
/// whether they are one question: true unless both are choice questions
/// and fewer than half the options of the shorter list are in the other
/// (ignoring case, spacing and order).
pub fn same_options(a: &Question, b: &Question) -> bool {
    if a.choices.len() < 2 || b.choices.len() < 2 {
        return true;
    }
    let norm = |q: &Question| -> Vec<String> {
        q.choices.iter().map(|c| c.text.value.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()).collect()
    };
    let (x, y) = (norm(a), norm(b));
    let shared = x.iter().filter(|o| y.contains(o)).count();
    2 * shared >= x.len().min(y.len())
}

impl<'a> Judge<'a> {
    /// Whether one right answer is expected, so that two different keys
    /// contradict: a question of four content words or more that is not a
    /// why, how-to or what-is question (those have many good answers, or
    /// many ways to word one), and not a choice with a negation ("Which of
    /// these is not valid?" has many right answers in the world).
    pub fn has_one_answer(&self, i: usize) -> bool {
        let question = text(&self.questions[i]);
        let content: HashSet<u64> = tokens(question).iter().filter(|t| !t.stop).map(|t| t.stem).collect();
        if content.len() < 4 {
            return false;
        }
        match form::asks(question) {
            form::Asks::Explanation | form::Asks::Task | form::Asks::Definition => false,
            form::Asks::Selection => !content.iter().any(|w| self.negations.contains(w)),
            _ => true,
        }
    }

    pub fn new(questions: &'a [Question], feats: &'a Features) -> Self {
        // For each wording: how many questions use it, and whether their answers differ.
        let mut asked: FastMap<u64, (usize, Option<u64>, bool)> = FastMap::default();
        for (&asked_as, &exact) in feats.asked.iter().zip(&feats.exact) {
            if let (Some(a), Some(e)) = (asked_as, exact) {
                let entry = asked.entry(a).or_insert((0, Some(e), false));
                entry.0 += 1;
                entry.2 |= entry.1 != Some(e);
            }
        }
        let stock = feats
            .asked
            .iter()
            .map(|f| f.and_then(|a| asked.get(&a)).is_some_and(|&(n, _, differ)| n >= STOCK_COPIES && differ))
            .collect();
        let common = ((feats.len() as f64 * COMMON_SHARE).ceil() as u64).max(2);
        let set = |words: &[&str]| words.iter().map(|w| word_of(w)).collect::<HashSet<u64>>();
        Judge {
            questions,
            feats,
            stock,
            common,
            qualifiers: set(QUALIFIERS).into_iter().chain(set(NEGATIONS)).collect(),
            negations: set(NEGATIONS),
            filler: set(FILLER),
            directional: set(DIRECTIONAL),
        }
    }

    /// Whether question `b` asks what question `a` asks, in other words.
    pub fn rewords(&self, a: usize, b: usize) -> bool {
        let (fa, fb) = (self.feats.get(a), self.feats.get(b));
        if self.stock[a] && self.stock[b] && fa.asked == fb.asked {
            return false;
        }
        // Two choice questions whose options mostly differ ask different
        // things in the same words: "Which expression evaluates to true?"
        // over two sets of expressions.
        if !same_options(&self.questions[a], &self.questions[b]) {
            return false;
        }
        // A value that only one of them has.
        let only = |x: Feature, y: Feature| x.literal.iter().any(|k| y.question.binary_search(k).is_err());
        if only(fa, fb) || only(fb, fa) {
            return false;
        }
        let (ta, tb) = (text(&self.questions[a]), text(&self.questions[b]));
        // Different code: `+` and `in` leave no word behind, yet differ.
        let (ca, cb) = (code(ta), code(tb));
        if !ca.is_empty() && !cb.is_empty() && ca != cb {
            return false;
        }
        let (x, y) = (tokens(ta), tokens(tb));
        if x.iter().map(|t| t.word).eq(y.iter().map(|t| t.word)) {
            return true;
        }
        let (kx, ky) = (kind(text(&self.questions[a])), kind(text(&self.questions[b])));
        if kx.is_some() && ky.is_some() && kx != ky {
            return false;
        }
        let (cx, cy) = (counts(&x), counts(&y));
        let extra = |p: &HashMap<u64, usize>, q: &HashMap<u64, usize>| -> Vec<u64> {
            p.iter().filter(|(w, n)| q.get(w).is_none_or(|m| *n > m)).map(|(w, _)| *w).collect()
        };
        let (ex, ey) = (extra(&cx, &cy), extra(&cy, &cx));
        if !ex.is_empty() && !ey.is_empty() {
            return false; // a word gives way to another
        }
        // Words one of them adds, not counting more of a word both have.
        let (added, f) = if ex.is_empty() { (ey, fb) } else { (ex, fa) };
        let (cx, cy) = (&cx, &cy);
        let added: Vec<u64> = added
            .into_iter()
            .filter(|w| !(self.filler.contains(w) || cx.contains_key(w) && cy.contains_key(w)))
            .collect();
        if added.len() > 1 || added.iter().any(|w| self.qualifiers.contains(w) || self.frequency(f, w) < self.common) {
            return false;
        }
        !self.swapped(&x, &y)
    }

    /// Whether two questions have the same content words (in any order):
    /// the same question, whatever the function words, case or formatting.
    /// Whether the two questions ask in the same words: the same content
    /// words, and, for two choice questions, mostly the same options.
    pub fn same_words(&self, a: usize, b: usize) -> bool {
        if !same_options(&self.questions[a], &self.questions[b]) {
            return false;
        }
        let content = |i: usize| {
            let mut v: Vec<u64> = tokens(text(&self.questions[i])).iter().filter(|t| !t.stop).map(|t| t.stem).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        content(a) == content(b)
    }

    /// Whether the content words on either side of a directional word trade
    /// places: some move from before it to after it and others the other
    /// way ("JSON to a value" against "a value to JSON").
    fn swapped(&self, x: &[Token], y: &[Token]) -> bool {
        let cuts = |t: &[Token]| {
            t.iter().enumerate().filter(|(_, t)| self.directional.contains(&t.word)).map(|(i, _)| i).collect::<Vec<_>>()
        };
        let (kx, ky) = (cuts(x), cuts(y));
        if kx.is_empty() || kx.len() != ky.len() {
            return false;
        }
        kx.iter().zip(&ky).any(|(&i, &j)| {
            let (lx, ly) = (counts(&x[..i]), counts(&y[..j]));
            let left = |p: &HashMap<u64, usize>, q: &HashMap<u64, usize>| {
                p.iter().any(|(w, n)| q.get(w).is_none_or(|m| n > m))
            };
            left(&lx, &ly) && left(&ly, &lx)
        })
    }

    /// How many questions of the bank have the content word `stem`, one of
    /// the words of a question with features `f`.
    fn frequency(&self, f: Feature, stem: &u64) -> u64 {
        f.question.iter().find(|&&k| k & ((1 << 44) - 1) == stem >> 20).map_or(0, |&k| frequency(k))
    }
}

/// Whether a question asks yes or no (`Some(true)`), what or how
/// (`Some(false)`), or neither can be told, from the first question word
/// among the first words of the sentence that asks ("In JSON, how do you
/// …" asks how).
fn kind(question: &str) -> Option<bool> {
    let is = |list: &[&str], w: u64| list.iter().any(|x| word_of(x) == w);
    tokens(form::asking_sentence(question)).iter().take(6).find_map(|t| {
        if is(YES_NO, t.word) {
            Some(true)
        } else if is(WH, t.word) {
            Some(false)
        } else {
            None
        }
    })
}

/// How often each content word (its stem) occurs.
fn counts(tokens: &[Token]) -> HashMap<u64, usize> {
    let mut m = HashMap::new();
    for t in tokens.iter().filter(|t| !t.stop) {
        *m.entry(t.stem).or_insert(0) += 1;
    }
    m
}

fn tokens(text: &str) -> Vec<Token> {
    let mut v = Vec::new();
    tokenize(text, &mut v, &mut String::new());
    v
}

/// The hash a single word gets as a token (its stem for content words).
fn word_of(word: &str) -> u64 {
    tokens(word).first().map_or(0, |t| if t.stop { t.word } else { t.stem })
}

/// The code of a text (spans and blocks), without its backticks and
/// fences, white space collapsed, in order.
fn code(text: &str) -> Vec<String> {
    crate::bank::markdown::code_regions(text)
        .into_iter()
        .map(|r| {
            let inner = text[r].trim_matches(|c: char| c == '`' || c == '~' || c.is_whitespace());
            // A fence's info string ("```python") is not code.
            let inner = inner
                .split_once('\n')
                .filter(|(info, _)| !info.contains(' ') && info.len() < 20)
                .map_or(inner, |(_, body)| body);
            inner.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

fn text(q: &Question) -> &str {
    q.question.as_ref().map_or("", |t| t.value.as_str())
}

/// The stems of a key's words, as a set.
fn key_words(key: &str) -> HashSet<u64> {
    let mut v = Vec::new();
    tokenize(key, &mut v, &mut String::new());
    v.into_iter().map(|t| t.stem).collect()
}

/// Whether two normalised keys state different values: not the same words,
/// neither one's words all in the other ("Ctrl" against "Ctrl or Command"),
/// and fewer than half their words shared (not one value worded twice).
pub fn contradict(a: &str, b: &str) -> bool {
    let options = |x: &str| form::is_option_ref(x);
    // An option letter and a value cannot be compared.
    if a == b || options(a) != options(b) {
        return false;
    }
    // "textbox" and "text box"; "NotesNotes" and "Notes".
    let compact = |x: &str| x.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    let (ca, cb) = (compact(a), compact(b));
    let (short, long) = if ca.len() <= cb.len() { (&ca, &cb) } else { (&cb, &ca) };
    if short == long || (short.len() >= 3 && long.contains(short.as_str())) {
        return false;
    }
    let (x, y) = (key_words(a), key_words(b));
    if x.is_empty() || y.is_empty() {
        return a != b;
    }
    let shared = x.intersection(&y).count();
    shared < x.len().min(y.len()) && 2 * shared < x.union(&y).count()
}

/// The value an answer states, normalised for comparison, when the answer
/// is a key: its first paragraph (headings and reference lines aside) is an
/// option, a number, a literal, or, in a file of answer keys, a short
/// option text. Option labels ("b) 300 seconds"), backticks, quotes,
/// trailing punctuation, case and spacing do not count.
pub fn answer_key(answer: &str, key_file: bool) -> Option<String> {
    let shape = form::shape(answer);
    let body = &answer[shape.content.clone()];
    // A heading, a lead-in such as ":" before a code block, or an option
    // letter over the option's code ("A" then a block), is not the key.
    let mut paragraphs = form::paragraphs(body)
        .filter(|p| !p.starts_with('#') && p.chars().any(|c| c.is_alphanumeric() || c == '`'))
        .peekable();
    let mut first = paragraphs.next()?;
    if first.len() == 1 && form::is_option_ref(first) && paragraphs.peek().is_some() {
        first = paragraphs.next()?;
    }
    let first = strip_option_label(first);
    // A picture cannot be compared as text.
    if first.contains("![") || first.contains("<img") {
        return None;
    }
    let words = first.split_whitespace().count();
    let first_shape = form::shape(first);
    let key = first_shape.literal
        || first_shape.option_ref
        || (key_file && words <= 12 && !first.contains('\n'))
        || (words <= 3 && form::paragraphs(body).count() == 1);
    if !key {
        return None;
    }
    let norm: String = first
        .replace("**", "")
        .replace("__", "")
        .chars()
        .filter(|c| !matches!(c, '`' | '"' | '\'' | '“' | '”' | '‘' | '’'))
        .collect::<String>()
        .to_lowercase();
    let norm = norm.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(norm.trim_end_matches(['.', ';', '!', ',']).trim().to_owned())
}

/// "b) 300 seconds" → "300 seconds"; "B. Text" → "Text"; "(c) x" → "x".
pub fn strip_option_label(text: &str) -> &str {
    let t = text.trim_start();
    let b = t.as_bytes();
    let label = |i: usize| b.get(i).is_some_and(|c| matches!(c.to_ascii_lowercase(), b'a'..=b'h'));
    let rest = if b.first() == Some(&b'(') && label(1) && b.get(2) == Some(&b')') {
        &t[3..]
    } else if label(0) && matches!(b.get(1), Some(b')' | b'.')) && b.get(2) == Some(&b' ') {
        &t[2..]
    } else {
        return t;
    };
    let rest = rest.trim_start();
    if rest.is_empty() { t } else { rest }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_kinds() {
        assert_eq!(kind("Can JSON represent Unicode characters?"), Some(true));
        assert_eq!(kind("In JSON, how do you represent a Unicode character?"), Some(false));
        assert_eq!(kind("Find the first repeating character"), None);
    }

    #[test]
    fn contradicting_keys() {
        assert!(contradict("300 seconds", "900 seconds"));
        assert!(contradict("totality", "fact"));
        assert!(contradict("a, c", "b, d"));
        assert!(!contradict("ctrl", "ctrl (windows) or command (mac)"));
        assert!(!contradict("python, c#, javascript, and java", "python, c#, javascript and java"));
        assert!(!contradict("highly available with replication", "highly available with replications"));
        assert!(!contradict("b", "300 seconds"), "a letter and a value");
        assert!(!contradict("textbox", "text box"));
        assert!(!contradict("notesnotes", "notes"));
    }

    #[test]
    fn keys_are_read_and_normalised() {
        assert_eq!(answer_key("b) 300 seconds", false).as_deref(), Some("300 seconds"));
        assert_eq!(answer_key("`null`\n\n[Reference](https://a.b)", false).as_deref(), Some("null"));
        assert_eq!(answer_key("Totality.", false).as_deref(), Some("totality"));
        assert_eq!(answer_key(":\n\n```python\nx = 1\n```", false).as_deref(), Some("python x = 1"));
        assert_eq!(answer_key("`*`", false).as_deref(), Some("*"));
        assert_eq!(answer_key("**Bold**", false).as_deref(), Some("bold"));
        assert_eq!(answer_key("A\n\n```json\n{\"a\": 1}\n```", false).as_deref(), Some("json {a: 1}"));
        assert_eq!(answer_key("A, C", false).as_deref(), Some("a, c"));
        assert_eq!(answer_key("the bottom and left grips", true).as_deref(), Some("the bottom and left grips"));
        assert_eq!(answer_key("the bottom and left grips", false), None);
        assert_eq!(
            answer_key("Tree shaking removes code that no module imports from the bundle.", false),
            None,
            "a written answer is not a key"
        );
    }

    #[test]
    fn option_labels() {
        assert_eq!(strip_option_label("b) 300 seconds"), "300 seconds");
        assert_eq!(strip_option_label("(C) yes"), "yes");
        assert_eq!(strip_option_label("A. Text"), "Text");
        assert_eq!(strip_option_label("a cat"), "a cat");
        assert_eq!(strip_option_label("Apple"), "Apple");
    }
}

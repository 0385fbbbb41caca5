//! What a question asks for and what form its answer takes.
//!
//! Banks hold two kinds of answers. Written answers explain ("Django
//! checks a token that every unsafe request must echo back"). Answer keys
//! state a value: the option a quiz marks correct ("B, C, E", "All of the
//! above", "Take a snapshot"), a number ("4 bytes"), or a literal
//! ("`SELECT * FROM inventory;`", "x->y"). The rules about written answers
//! (`unclear/*`, near-answer, template) must not judge keys as prose, and
//! `duplicate/conflicting-answer` compares keys. This module tells the two
//! apart from the text alone, so that it holds for banks without `choices`.
//!
//! It also finds the sentence a question asks in (the one with the first
//! `?` outside code: "You have a task … What is the default length?") and
//! what that sentence asks for: an explanation, a choice, a quantity, a
//! task to perform, or a definition.

use std::ops::Range;

use crate::bank::markdown;

/// What the answer to a question should be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asks {
    /// "Which …", "What choice …", "… (Select all that apply.)": an option.
    Selection,
    /// "How many …", "How long …": a number.
    Quantity,
    /// "How do you …", "How can I …", "How to …": an action.
    Task,
    /// "Why …", "Explain …", "Describe …", "How does X work": reasons or a mechanism.
    Explanation,
    /// "What is X?", "What are X?", "Define X": a definition.
    Definition,
    /// Anything else ("What will this print?", "Is X…?").
    Other,
}

/// The sentence of `question` that asks: the one holding the first `?`
/// outside code, else the first sentence.
pub fn asking_sentence(question: &str) -> &str {
    let code = markdown::code_regions(question);
    let q = question.char_indices().find(|&(i, c)| c == '?' && !markdown::overlaps(&code, &(i..i + 1)));
    let end = q.map_or_else(|| first_sentence_end(question), |(i, _)| i + 1);
    let head = &question[..end];
    let body = head.strip_suffix(['?', '.', '!', '\n']).unwrap_or(head);
    let start = body
        .rfind(['.', '!', '?', '\n', ':'])
        .filter(|&i| {
            // A dot inside a word or number ("Node.js", "4.2") does not end a sentence.
            let b = head.as_bytes();
            b[i] != b'.' || b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace())
        })
        .map_or(0, |i| i + 1);
    head[start..].trim()
}

fn first_sentence_end(text: &str) -> usize {
    let b = text.as_bytes();
    (0..b.len())
        .find(|&i| {
            b[i] == b'\n' || (matches!(b[i], b'.' | b'!') && b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()))
        })
        .map_or(text.len(), |i| i + 1)
}

/// Lower-case words of a text (letters, digits, `_`, `'`).
fn lower_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// What `question` asks for.
pub fn asks(question: &str) -> Asks {
    let whole = question.to_lowercase();
    if [
        "select all",
        "select two",
        "select three",
        "(select",
        "choose all",
        "which of the following",
        "of the following",
    ]
    .iter()
    .any(|p| whole.contains(p))
    {
        return Asks::Selection;
    }
    let sentence = asking_sentence(question);
    // "In Scala, what is a precondition?": the question starts at its
    // question word, after a short lead-in.
    let all: Vec<String> = lower_words(sentence).take(10).collect();
    let lead = all
        .iter()
        .take(6)
        .position(|w| {
            matches!(
                w.as_str(),
                "what" | "what's" | "which" | "how" | "why" | "explain" | "describe" | "define" | "discuss" | "compare"
            )
        })
        .unwrap_or(0);
    let words: Vec<&str> = all[lead..].iter().take(4).map(String::as_str).collect();
    let w = |i: usize| words.get(i).copied().unwrap_or("");
    let person = |x: &str| matches!(x, "you" | "i" | "we" | "one" | "they" | "someone" | "developers" | "a" | "an");
    match w(0) {
        "which" => Asks::Selection,
        "why" | "explain" | "describe" | "discuss" | "compare" | "contrast" | "elaborate" => Asks::Explanation,
        "define" => Asks::Definition,
        "how" => match w(1) {
            "many" | "much" | "long" | "often" | "far" | "old" | "big" | "large" | "fast" | "frequently" => {
                Asks::Quantity
            }
            "to" => Asks::Task,
            "can" | "could" | "would" | "should" | "might" | "may" | "will" | "shall" if person(w(2)) => Asks::Task,
            "do" | "does" | "did" if person(w(2)) => Asks::Task,
            "do" | "does" | "did" | "is" | "are" | "was" | "were" => Asks::Explanation,
            _ => Asks::Other,
        },
        "what" | "what's" => {
            let (verb, next, after) = if w(0) == "what's" { ("is", w(1), w(2)) } else { (w(1), w(2), w(3)) };
            let article = matches!(next, "the" | "a" | "an");
            match verb {
                "choice" | "option" | "options" => Asks::Selection,
                "happens" | "happened" => Asks::Explanation,
                "is" | "are" | "was" | "were" if article && after == "difference" => Asks::Explanation,
                "is" | "are" | "was" | "were" if article && value_word(after) => Asks::Other,
                "is" | "are" | "was" | "were" => Asks::Definition,
                _ => Asks::Other,
            }
        }
        _ => Asks::Other,
    }
}

/// Words after "What is the …" that ask for a value, not a definition.
fn value_word(w: &str) -> bool {
    matches!(
        w,
        "output"
            | "result"
            | "value"
            | "values"
            | "default"
            | "maximum"
            | "minimum"
            | "max"
            | "min"
            | "name"
            | "correct"
            | "best"
            | "purpose"
            | "type"
            | "size"
            | "number"
            | "syntax"
            | "command"
            | "keyword"
            | "function"
            | "method"
            | "order"
            | "range"
            | "first"
            | "last"
            | "main"
            | "primary"
            | "return"
            | "effect"
            | "longest"
            | "shortest"
            | "largest"
            | "smallest"
            | "highest"
            | "lowest"
            | "most"
            | "least"
            | "fastest"
            | "slowest"
            | "latest"
            | "earliest"
            | "next"
            | "current"
            | "recommended"
            | "expected"
            | "total"
            | "average"
            | "length"
            | "limit"
            | "cost"
            | "price"
            | "time"
            | "status"
    )
}

/// The shape of an answer, from its text alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shape {
    /// Words outside code, link targets, images and reference lines.
    pub prose_words: usize,
    /// The content is a value: code, a number, an expression, a path.
    pub literal: bool,
    /// The content names options: "A", "B, C and E", "All of the above".
    pub option_ref: bool,
    /// The content (reference lines left out), trimmed.
    pub content: Range<usize>,
}

impl Shape {
    /// An answer key rather than a written answer.
    pub fn is_key(&self) -> bool {
        self.option_ref || self.literal || self.prose_words <= 3
    }
}

/// The shape of `text`.
pub fn shape(text: &str) -> Shape {
    let links = markdown::links(text);
    let refs = markdown::reference_lines(text, &links);
    let not_prose = markdown::addresses_of(&links, &refs);
    let code = markdown::code_regions(text);
    let content = content_range(text, &refs);
    let body = &text[content.clone()];
    let prose_words = words_at(body)
        .map(|(start, word)| content.start + start..content.start + start + word.len())
        .filter(|r| !markdown::overlaps(&code, r) && !markdown::overlaps(&not_prose, r))
        .count();
    let first = first_paragraph(body);
    Shape { prose_words, literal: is_literal(first, || prose_words), option_ref: is_option_ref(first), content }
}

/// Whether an answer reads like the text of a quiz option: its first
/// paragraph (headings aside) is code, names an option, is a literal, or is
/// at most twelve words on one line with no closing punctuation ("compute
/// time", "To integrate code frequently to detect problems early").
pub fn reads_as_option(text: &str) -> bool {
    let Some(first) = opening_paragraph(text) else {
        return false;
    };
    if first.len() > 300 {
        return first.starts_with("```") || first.starts_with("~~~");
    }
    // What `shape(first)` says (the paragraph has no reference lines, so it
    // is its own content), cheapest test first: most answers fail all.
    is_option_ref(first)
        || (!first.contains('\n') && !first.ends_with(['.', '!', '?', ':', ';']) && words_at(first).count() <= 12)
        || is_literal(first, || shape(first).prose_words)
}

/// The paragraph an answer opens with, headings and paragraphs of
/// reference lines aside: only it says whether the answer reads as an
/// option, and most written answers open with a long one.
fn opening_paragraph(text: &str) -> Option<&str> {
    paragraphs(text).find(|p| {
        !p.starts_with('#') && {
            let links = markdown::links(p);
            links.is_empty() || markdown::reference_lines(p, &links).is_empty()
        }
    })
}

/// Files in which at least this share of answers read like quiz options
/// hold answer keys, not written answers.
const KEY_FILE_SHARE: f64 = 0.25;
/// Files with fewer answers than this are judged with the whole bank, and a
/// bank with fewer is taken to hold written answers.
const MIN_ANSWERS_TO_JUDGE: usize = 8;

/// Which files of a bank hold answer keys, worked out the first time a rule
/// asks and shared by every family that reads it.
pub struct KeyFiles<'a> {
    bank: &'a crate::bank::Bank,
    cell: std::sync::OnceLock<Vec<bool>>,
}

impl<'a> KeyFiles<'a> {
    pub fn new(bank: &'a crate::bank::Bank) -> Self {
        KeyFiles { bank, cell: std::sync::OnceLock::new() }
    }

    /// For each file (by id), whether its answers are keys.
    pub fn get(&self) -> &[bool] {
        self.cell.get_or_init(|| key_files(self.bank))
    }
}

/// For each file of the bank, whether its answers are answer keys (a quiz
/// bank whose `answer` is the correct option) rather than written answers:
/// a quarter or more of them read like options. A file with few answers
/// takes the verdict of the whole bank; a bank with few answers is taken
/// to be written.
fn key_files(bank: &crate::bank::Bank) -> Vec<bool> {
    use rayon::prelude::*;
    // Answer by answer, so that a bank of one large file is read in
    // parallel too: for each question, none, a written answer or a key.
    let read: Vec<Option<bool>> =
        bank.questions.par_iter().map(|q| q.answer.as_ref().map(|a| reads_as_option(&a.value))).collect();
    let counts: Vec<(usize, usize)> = bank
        .files
        .iter()
        .map(|f| read[f.questions.clone()].iter().flatten().fold((0, 0), |(n, k), &key| (n + 1, k + usize::from(key))))
        .collect();
    let (n, k) = counts.iter().fold((0, 0), |(n, k), c| (n + c.0, k + c.1));
    let share = |n: usize, k: usize| n >= MIN_ANSWERS_TO_JUDGE && k as f64 >= KEY_FILE_SHARE * n as f64;
    let bank_keys = share(n, k);
    counts.iter().map(|&(n, k)| if n >= MIN_ANSWERS_TO_JUDGE { share(n, k) } else { bank_keys }).collect()
}

/// The text without its reference lines at the start and end, trimmed.
fn content_range(text: &str, refs: &[Range<usize>]) -> Range<usize> {
    let mut start = 0;
    let mut end = text.len();
    for r in refs.iter().rev() {
        if text[r.end..end].trim().is_empty() {
            end = r.start;
        }
    }
    for r in refs {
        if text[start..r.start].trim().is_empty() && r.end <= end {
            start = r.end;
        }
    }
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    start + lead..start + lead + s.trim().len()
}

/// The paragraphs of a text (separated by blank lines), trimmed.
pub fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            if rest.is_empty() {
                return None;
            }
            let mut end = rest.len();
            let mut next = rest.len();
            let mut pos = 0;
            for line in rest.split_inclusive('\n') {
                if line.trim().is_empty() {
                    end = pos;
                    next = pos + line.len();
                    break;
                }
                pos += line.len();
            }
            let p = rest[..end].trim();
            rest = &rest[next..];
            if !p.is_empty() {
                return Some(p);
            }
        }
    })
}

/// The first paragraph (up to a blank line) of a text, trimmed.
fn first_paragraph(text: &str) -> &str {
    paragraphs(text).next().unwrap_or("")
}

/// Words with their byte offsets.
fn words_at(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '\''))
        .scan(0usize, move |pos, w| {
            let start = *pos;
            *pos += w.len() + text[start + w.len()..].chars().next().map_or(0, char::len_utf8);
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// Answers that name options instead of stating them.
const OPTION_PHRASES: &[&str] = &[
    "all of the above",
    "none of the above",
    "all of these",
    "all of these answers",
    "all of these choices",
    "none of these",
    "none of these answers",
    "all of them",
    "none of them",
    "both of these",
    "both of the above",
    "neither of these",
    "all the above",
    "all of the answers",
    "all answers are correct",
    "all are correct",
    "both are correct",
];

/// "A", "b", "A, C, E", "A and C", "B & D", "1, 3", "Both A and B",
/// "All of the above".
pub fn is_option_ref(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', '!']).trim();
    let lower = t.to_lowercase();
    if OPTION_PHRASES.contains(&lower.as_str()) {
        return true;
    }
    let lower = lower.strip_prefix("both ").or_else(|| lower.strip_prefix("options ")).unwrap_or(&lower);
    let mut letters = 0;
    for part in lower.split([',', '&', '/', ' ']).filter(|p| !p.is_empty()) {
        if matches!(part, "and" | "or") {
            continue;
        }
        let p = part.trim_matches(['(', ')', '.']);
        let letter = p.len() == 1 && p.bytes().all(|b| (b'a'..=b'h').contains(&b));
        if !letter {
            return false;
        }
        letters += 1;
    }
    // One bare lower-case "a" is an article, not an option.
    letters > 1 || (letters == 1 && t.trim_matches(['(', ')', '.']).len() == 1 && t != "a")
}

/// A value rather than prose: all code, a number with or without a unit,
/// or a short line of symbols (an expression, a path, a menu path).
/// `prose_words` is asked for last.
fn is_literal(first: &str, prose_words: impl FnOnce() -> usize) -> bool {
    let t = first.trim();
    if t.is_empty() {
        return false;
    }
    // Entirely code: a span or a fenced block with nothing around it.
    let code = markdown::code_regions(t);
    let outside: usize = {
        let mut n = t.len();
        for r in &code {
            n -= r.len();
        }
        n
    };
    if !code.is_empty() && t[..].chars().filter(|c| !c.is_whitespace()).count() > 0 && outside == 0 {
        return true;
    }
    if t.contains('\n') {
        return false;
    }
    let tokens: Vec<&str> = t.split_whitespace().collect();
    let symbolic = |w: &str| {
        w.bytes().any(|b| b.is_ascii_digit() || b"(){}[]=;<>$#@*/\\|^%".contains(&b))
            || w.contains("->")
            || w.contains("::")
            || w.contains('_')
            || w.starts_with('.')
            || w.starts_with('-')
            || w.starts_with('`')
    };
    tokens.len() <= 8 && tokens.iter().any(|w| symbolic(w)) && prose_words() <= 8
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`reads_as_option`] as first written, through the whole shape of
    /// the paragraph: the reference the short-circuiting one is compared
    /// with.
    fn reads_as_option_by_shape(text: &str) -> bool {
        let Some(first) = opening_paragraph(text) else {
            return false;
        };
        if first.len() > 300 {
            return first.starts_with("```") || first.starts_with("~~~");
        }
        let shape = shape(first);
        if shape.option_ref || shape.literal {
            return true;
        }
        let words = words_at(first).count();
        !first.contains('\n') && words <= 12 && !first.ends_with(['.', '!', '?', ':', ';'])
    }

    #[test]
    fn reading_as_an_option_short_circuits_to_what_the_shape_says() {
        let pieces = [
            "compute time",
            "a, c",
            "All of the above",
            "B",
            "`x = 1`",
            "```\nfn f() {}\n```",
            "42",
            "ms",
            "x -> y",
            "a/b/c",
            "It maps rows to objects",
            ".",
            ":",
            "\n",
            "\n\n",
            " ",
            "[docs](https://d.io/x)",
            "Reference: https://e.io",
            "word",
            "words and more words",
            "# Heading",
            "    indented code",
            "é",
        ];
        let mut rng = crate::corpus::Rng::new(3);
        let mut options = 0;
        for _ in 0..20_000 {
            let text: String = (0..1 + rng.below(8)).map(|_| *rng.pick(&pieces)).collect();
            let expected = reads_as_option_by_shape(&text);
            assert_eq!(reads_as_option(&text), expected, "{text:?}");
            options += usize::from(expected);
        }
        assert!(options > 1_000 && options < 19_000, "the texts are both options and prose: {options}");
    }

    #[test]
    fn options_read_as_options() {
        for t in [
            "compute time",
            "To integrate code frequently to detect problems early\n\n**Explanation:** It is.",
            "A",
            "`x`",
        ] {
            assert!(reads_as_option(t), "{t}");
        }
        for t in
            ["With a header.", "### Key ideas\n\nTokens make every unsafe request prove it came from the site.", ""]
        {
            assert!(!reads_as_option(t), "{t}");
        }
    }

    #[test]
    fn finds_the_asking_sentence() {
        assert_eq!(
            asking_sentence("You have a task with 5 days. What is the default length?"),
            "What is the default length?"
        );
        assert_eq!(asking_sentence("What will print?\n\n```java\nif (a?b:c) {}\n```"), "What will print?");
        assert_eq!(
            asking_sentence("In Node.js, how does the event loop work?"),
            "In Node.js, how does the event loop work?"
        );
        assert_eq!(asking_sentence("Explain middleware. Give an example"), "Explain middleware.");
    }

    #[test]
    fn tells_what_a_question_asks() {
        for (q, a) in [
            ("Why use transactions?", Asks::Explanation),
            ("How does Django protect against CSRF?", Asks::Explanation),
            ("How do you crop a document?", Asks::Task),
            ("How can you back up a disk?", Asks::Task),
            ("How many categories of iterators are there?", Asks::Quantity),
            ("Which file is a backup of /etc/passwd?", Asks::Selection),
            ("You created a meeting. What choice is correct?", Asks::Selection),
            ("HSL allows you to adjust what? (Select three items.)", Asks::Selection),
            ("What is a pure function?", Asks::Definition),
            ("What is the output of this code?", Asks::Other),
            ("What is the difference between X and Y?", Asks::Explanation),
            ("In Scala, what is a precondition?", Asks::Definition),
            ("In JSON, how do you represent a Unicode character?", Asks::Task),
            ("Is it recommended to use eval", Asks::Other),
        ] {
            assert_eq!(asks(q), a, "{q}");
        }
    }

    #[test]
    fn option_references() {
        for t in [
            "A",
            "b",
            "B, C, E",
            "A and C",
            "A,B,E,H",
            "Both A and B",
            "All of the above",
            "All of these answers.",
            "A or B",
        ] {
            assert!(is_option_ref(t), "{t}");
        }
        for t in ["a", "Apple", "A class", "x and y", "", "I"] {
            assert!(!is_option_ref(t), "{t}");
        }
    }

    #[test]
    fn keys_and_written_answers() {
        for t in [
            "4",
            "4 bytes",
            "`matrix[1][1]`",
            "SELECT * FROM inventory;",
            "x->y",
            "Click File > Save",
            "Math.round(11.354);",
            "Take a snapshot",
            "B, C, E",
            "All of the above",
            "Boolean\n\n[Reference](https://www.w3schools.com/js/js_json_datatypes.asp)",
            "`true`\n\nReference: [The Basics](https://docs.swift.org/x.html#ID1)",
            "```js\nconsole.log(1)\n```",
        ] {
            assert!(shape(t).is_key(), "{t:?} is a key: {:?}", shape(t));
        }
        for t in [
            "With a secret token in a cookie that every unsafe request must echo back.",
            "Use the Smart Crop tool and keep the pixels.",
            "Django forms validate the data.",
        ] {
            assert!(!shape(t).is_key(), "{t:?} is written: {:?}", shape(t));
        }
        assert_eq!(shape("Boolean\n\n[Reference](https://a.b/c)").prose_words, 1);
        let paras: Vec<&str> = paragraphs("\n\n# Title\n\none\ntwo\n  \n\nthree").collect();
        assert_eq!(paras, ["# Title", "one\ntwo", "three"]);
        assert_eq!(shape("Use [select_related](https://docs.x/y) for joins").prose_words, 4);
    }
}

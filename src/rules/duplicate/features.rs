//! What the joins compare, computed once per question in parallel.
//!
//! - question: the set of content words of the question (function words
//!   left out, plurals folded);
//! - literal: those of them that are values rather than words: numbers,
//!   identifiers (`UserInterface`, `on_delete`) and words in code;
//! - answer: the set of word 3-grams of the answer;
//! - masked: the same 3-grams after the words the answer shares with its
//!   own question (its topic, the slot of a template) are replaced by one
//!   placeholder;
//! - exact: a hash of the normalised question and answer, and `asked`, of
//!   the question alone.
//!
//! Addresses are not words: link targets, images and bare URLs are left
//! out of both texts, and reference lines ("[Reference](https://…)") out of
//! the answer, so that two short answers that cite the same page do not
//! look alike.
//!
//! Set elements are ranked so that rare elements sort first, which keeps
//! the prefix filter's inverted lists short: each element's key is its
//! frequency in the bank (estimated with a counting table) above its hash.
//! The order only has to be the same for every set, so an estimate is
//! enough; results do not depend on it.
//!
//! Question sets keep 64-bit keys (20 bits of frequency, which
//! `same::Judge` reads, above 44 bits of hash). The 3-gram sets, which hold
//! nearly all elements, take 32-bit keys: a frequency class (6 bits, half
//! an octave each) above 26 bits of hash. Two different 3-grams of two
//! answers share a key with odds of about one in 67 million per pair of
//! elements; over the 80 × 80 element pairs of two long answers that is
//! one spurious shared element in ten thousand answer pairs, which cannot
//! move a pair across a threshold unless it sits within one element of it.

use rayon::prelude::*;

use super::text::{Token, combine, tokenize};
use crate::bank::{Question, markdown};

/// Sets shorter than this take no part in a join; empty sets mean "not
/// compared" (no answer, or an answer under `min-answer-words`).
pub const MIN_SHINGLES: usize = 1;

/// The placeholder a masked slot word becomes.
const SLOT: u64 = 0x5107_5107_5107_5107;
/// Between question and answer in the exact hash.
const SEPARATOR: u64 = 0x5e9a_5e9a_5e9a_5e9a;

/// One kind of set for every question, in blocks of [`BLOCK`] questions:
/// one allocation per block rather than one per set, so that a million
/// questions do not pay a vector header and an allocation's rounding for
/// every set, and a kind dropped after its join returns whole blocks.
#[derive(Debug, Clone)]
pub struct Sets<T> {
    blocks: Vec<Block<T>>,
}

/// The sets of [`BLOCK`] consecutive questions, one after another.
#[derive(Debug, Clone)]
struct Block<T> {
    items: Vec<T>,
    /// Where each set ends in `items`.
    ends: Vec<usize>,
}

/// Questions per block of [`Sets`].
const BLOCK: usize = 4096;

impl<T> Default for Block<T> {
    fn default() -> Self {
        Block { items: Vec::new(), ends: Vec::new() }
    }
}

impl<T> Default for Sets<T> {
    fn default() -> Self {
        Sets { blocks: Vec::new() }
    }
}

impl<T: Copy + Ord> Block<T> {
    fn push(&mut self, set: &[T]) {
        self.items.extend_from_slice(set);
        self.ends.push(self.items.len());
    }

    /// Replace every element by its key, then sort and deduplicate each
    /// set, closing up the room the duplicates leave.
    fn rekey(&mut self, key: impl Fn(T) -> T) {
        let (mut start, mut w) = (0, 0);
        for end in self.ends.iter_mut() {
            let set = &mut self.items[start..*end];
            for h in set.iter_mut() {
                *h = key(*h);
            }
            set.sort_unstable();
            let first = w;
            for r in start..*end {
                let v = self.items[r];
                if w == first || self.items[w - 1] != v {
                    self.items[w] = v;
                    w += 1;
                }
            }
            start = *end;
            *end = w;
        }
        self.items.truncate(w);
        self.items.shrink_to_fit();
    }
}

impl<T> Sets<T> {
    /// The set of question `j`.
    pub fn get(&self, j: usize) -> &[T] {
        let b = &self.blocks[j / BLOCK];
        let k = j % BLOCK;
        let start = if k == 0 { 0 } else { b.ends[k - 1] };
        &b.items[start..b.ends[k]]
    }

    /// Every set, in question order.
    pub fn all(&self) -> impl Iterator<Item = &[T]> {
        self.blocks
            .iter()
            .flat_map(|b| std::iter::once(0).chain(b.ends.iter().copied()).zip(&b.ends).map(|(s, &e)| &b.items[s..e]))
    }
}

/// The features of every question ([`Feature`] for one's question).
#[derive(Debug, Clone, Default)]
pub struct Features {
    pub question: Sets<u64>,
    pub literal: Sets<u64>,
    pub answer: Sets<u32>,
    pub masked: Sets<u32>,
    pub exact: Vec<Option<u64>>,
    pub asked: Vec<Option<u64>>,
}

/// What one question asks, as its features say.
#[derive(Debug, Clone, Copy)]
pub struct Feature<'a> {
    pub question: &'a [u64],
    pub literal: &'a [u64],
    pub exact: Option<u64>,
    pub asked: Option<u64>,
}

impl Features {
    pub fn len(&self) -> usize {
        self.exact.len()
    }

    pub fn is_empty(&self) -> bool {
        self.exact.is_empty()
    }

    /// The question features of question `j`.
    pub fn get(&self, j: usize) -> Feature<'_> {
        Feature {
            question: self.question.get(j),
            literal: self.literal.get(j),
            exact: self.exact[j],
            asked: self.asked[j],
        }
    }
}

/// One question's features while they are worked out; the buffers are
/// reused from question to question.
#[derive(Default)]
struct Raw {
    question: Vec<u64>,
    literal: Vec<u64>,
    answer: Vec<u32>,
    masked: Vec<u32>,
    exact: Option<u64>,
    asked: Option<u64>,
}

/// The features of one block of questions.
#[derive(Default)]
struct Part {
    question: Block<u64>,
    literal: Block<u64>,
    answer: Block<u32>,
    masked: Block<u32>,
    exact: Vec<Option<u64>>,
    asked: Vec<Option<u64>>,
}

/// Features of every question. `answers` and `masked` skip the work for
/// rules that do not run.
pub fn extract(questions: &[Question], min_answer_words: usize, answers: bool, masked: bool) -> Features {
    let parts: Vec<Part> = questions
        .par_chunks(BLOCK)
        .map_init(
            || (Raw::default(), Vec::new(), Vec::new(), String::new(), Vec::new()),
            |(f, qt, at, buf, words), block| {
                let mut part = Part::default();
                for q in block {
                    raw(q, min_answer_words, answers, masked, f, qt, at, buf, words);
                    part.question.push(&f.question);
                    part.literal.push(&f.literal);
                    part.answer.push(&f.answer);
                    part.masked.push(&f.masked);
                    part.exact.push(f.exact);
                    part.asked.push(f.asked);
                }
                part
            },
        )
        .collect();
    let mut feats = Features::default();
    for p in parts {
        feats.question.blocks.push(p.question);
        feats.literal.blocks.push(p.literal);
        feats.answer.blocks.push(p.answer);
        feats.masked.blocks.push(p.masked);
        feats.exact.extend(p.exact);
        feats.asked.extend(p.asked);
    }
    rank(&mut feats);
    if answers {
        rank_grams(&mut feats.answer);
    }
    if masked {
        rank_grams(&mut feats.masked);
    }
    feats
}

/// How many questions of the bank have a question-set element, from its
/// key: the estimate [`rank`] put in the high bits.
pub fn frequency(key: u64) -> u64 {
    key >> 44
}

/// Keep the tokens of `text` that are words, not addresses.
fn words_only(text: &str, tokens: &mut Vec<Token>, references: bool) {
    let addresses = markdown::addresses(text, references);
    if !addresses.is_empty() {
        tokens.retain(|t| !markdown::overlaps(&addresses, &t.range()));
    }
}

/// A token that is a value rather than a word: it has a digit or an
/// underscore, changes case inside (`UserInterface`, `iPhone`), is code, or
/// is quoted as a name (the "Baseline" feature).
fn is_literal(text: &str, t: &Token, code: &[std::ops::Range<usize>], quoted: &[std::ops::Range<usize>]) -> bool {
    let w = &text.as_bytes()[t.range()];
    w.iter().any(|b| b.is_ascii_digit() || *b == b'_')
        || w.windows(2).any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase())
        || markdown::overlaps(code, &t.range())
        || markdown::overlaps(quoted, &t.range())
}

/// Short double-quoted names on one line: `"Baseline"`, `“Deadline”`.
fn quoted(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    if !text.contains(['"', '“']) {
        return out;
    }
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('"' | '“', None) => open = Some(i),
            ('"' | '”', Some(s)) => {
                if i - s <= 40 {
                    out.push(s..i + c.len_utf8());
                }
                open = None;
            }
            ('\n', _) => open = None,
            _ => {}
        }
    }
    out
}

#[allow(clippy::too_many_arguments)] // scratch buffers, reused across questions
fn raw(
    q: &Question,
    min_answer_words: usize,
    answers: bool,
    masked: bool,
    f: &mut Raw,
    qt: &mut Vec<Token>,
    at: &mut Vec<Token>,
    buf: &mut String,
    words: &mut Vec<u64>,
) {
    f.question.clear();
    f.literal.clear();
    f.answer.clear();
    f.masked.clear();
    (f.exact, f.asked) = (None, None);
    let Some(question) = &q.question else { return };
    qt.clear();
    tokenize(&question.value, qt, buf);
    words_only(&question.value, qt, false);
    f.question.extend(qt.iter().filter(|t| !t.stop).map(|t| t.stem));
    f.question.sort_unstable();
    f.question.dedup();
    let code = markdown::code_regions(&question.value);
    let names = quoted(&question.value);
    f.literal.extend(qt.iter().filter(|t| !t.stop && is_literal(&question.value, t, &code, &names)).map(|t| t.stem));
    let Some(answer) = &q.answer else { return };
    at.clear();
    tokenize(&answer.value, at, buf);
    words_only(&answer.value, at, true);
    if qt.is_empty() || at.is_empty() {
        return;
    }
    let mut h = 0;
    for t in qt.iter() {
        h = combine(h, t.word);
    }
    f.asked = Some(h);
    h = combine(h, SEPARATOR);
    for t in at.iter() {
        h = combine(h, t.word);
    }
    f.exact = Some(h);
    // Answers compared for wording must have enough words outside code: an
    // option letter over a code block is a key, not a written answer.
    let code = markdown::code_regions(&answer.value);
    let prose =
        if code.is_empty() { at.len() } else { at.iter().filter(|t| !markdown::overlaps(&code, &t.range())).count() };
    if prose < min_answer_words.max(1) {
        return;
    }
    if answers {
        words.clear();
        words.extend(at.iter().map(|t| t.stem));
        shingles(words, &mut f.answer);
    }
    if masked {
        let topic = &f.question;
        words.clear();
        for t in at.iter() {
            let w = if !t.stop && topic.binary_search(&t.stem).is_ok() { SLOT } else { t.stem };
            if !(w == SLOT && words.last() == Some(&SLOT)) {
                words.push(w);
            }
        }
        shingles(words, &mut f.masked);
    }
}

/// The word 3-grams of a text (one gram of everything for shorter texts)
/// as 32-bit hashes, unsorted and possibly repeated: [`rank_grams`] sorts
/// and deduplicates.
fn shingles(words: &[u64], out: &mut Vec<u32>) {
    let short = |h: u64| (h >> 32) as u32;
    if words.len() < 3 {
        out.push(short(words.iter().fold(0, |h, &w| combine(h, w))));
    } else {
        out.extend(words.windows(3).map(|w| short(combine(combine(w[0], w[1]), w[2]))));
    }
}

/// Element counts of `sets` over the bank, in a table of `size` slots (a
/// power of two) indexed by the low bits of each element.
fn count_table<T: Copy + Into<u64> + Sync + Send>(sets: &Sets<T>) -> (Vec<u32>, u64) {
    let total: usize = sets.blocks.iter().map(|b| b.items.len()).sum();
    // A small table (1 MiB) stays in cache; its estimates are coarse for
    // rare elements, whose relative order does not matter, and clear for
    // the common ones that must not sit in prefixes.
    let size = total.next_power_of_two().clamp(1 << 10, 1 << 18);
    let mask = (size - 1) as u64;
    // One plain table per thread, summed: cheaper than atomic counters.
    let counts = sets
        .blocks
        .par_iter()
        .fold(
            || vec![0u32; size],
            |mut counts, b| {
                for &h in &b.items {
                    counts[(h.into() & mask) as usize] += 1;
                }
                counts
            },
        )
        .reduce_with(|mut a, b| {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
            a
        })
        .unwrap_or_default();
    (counts, mask)
}

/// Replace each 32-bit 3-gram hash of `sets` by its key: a frequency class
/// (half an octave per class, in the top 6 bits) above the top 26 bits of
/// the hash, so that sorting puts rare elements first.
fn rank_grams(sets: &mut Sets<u32>) {
    let (counts, mask) = count_table(sets);
    let key = |h: u32| {
        let n = counts[(u64::from(h) & mask) as usize].max(1);
        let octave = 31 - n.leading_zeros();
        // The bit below the top one splits each octave in two.
        let half = if octave > 0 { (n >> (octave - 1)) & 1 } else { 0 };
        let class = (2 * octave + half).min(63);
        (class << 26) | (h >> 6)
    };
    sets.blocks.par_iter_mut().for_each(|b| b.rekey(key));
}

/// Replace each question-set element by its key: estimated frequency
/// (high 20 bits) above 44 bits of its hash, so that sorting puts rare
/// elements first. The literals, a subset of the question set, get the
/// same keys.
fn rank(feats: &mut Features) {
    let (counts, mask) = count_table(&feats.question);
    let key = |h: u64| {
        let n = u64::from(counts[(h & mask) as usize]).min((1 << 20) - 1);
        (n << 44) | (h >> 20)
    };
    feats.question.blocks.par_iter_mut().for_each(|b| b.rekey(key));
    feats.literal.blocks.par_iter_mut().for_each(|b| b.rekey(key));
}

/// What differs between the members of a template group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slots {
    /// One value per member, in member order.
    pub values: Vec<String>,
    /// Whether the values come from the questions (the topic) rather than
    /// the answers.
    pub from_questions: bool,
}

/// The words that differ between members of a template group, one value
/// per member: taken from the questions when they share a beginning and an
/// end around at most four words ("What is | ORM | in Django?"), else from
/// the answers the same way. `None` when neither works.
pub fn slot_values<'a>(members: impl Iterator<Item = &'a Question> + Clone) -> Option<Slots> {
    let texts = |answer: bool| {
        members
            .clone()
            .map(move |q| if answer { &q.answer } else { &q.question })
            .map(|t| t.as_ref().map(|t| t.value.as_str()))
    };
    match middles(texts(false)) {
        Some(values) => Some(Slots { values, from_questions: true }),
        None => middles(texts(true)).map(|values| Slots { values, from_questions: false }),
    }
}

fn middles<'a>(texts: impl Iterator<Item = Option<&'a str>>) -> Option<Vec<String>> {
    let texts: Vec<&str> = texts.collect::<Option<_>>()?;
    let mut buf = String::new();
    let tokens: Vec<Vec<Token>> = texts
        .iter()
        .map(|t| {
            let mut v = Vec::new();
            tokenize(t, &mut v, &mut buf);
            v
        })
        .collect();
    let shortest = tokens.iter().map(Vec::len).min()?;
    let first = &tokens[0];
    let same_at = |k: usize, from_end: bool| {
        tokens.iter().all(|t| {
            let (a, b) = if from_end { (t[t.len() - 1 - k], first[first.len() - 1 - k]) } else { (t[k], first[k]) };
            a.word == b.word
        })
    };
    let prefix = (0..shortest).take_while(|&k| same_at(k, false)).count();
    let suffix = (0..shortest - prefix).take_while(|&k| same_at(k, true)).count();
    let values: Vec<String> = tokens
        .iter()
        .zip(&texts)
        .map(|(t, text)| {
            let middle = &t[prefix..t.len() - suffix];
            match (middle.first(), middle.last()) {
                (Some(a), Some(b)) if middle.len() <= 4 => Some(text[a.start as usize..b.end as usize].to_owned()),
                _ => None,
            }
        })
        .collect::<Option<_>>()?;
    Some(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_hold_each_set_sorted_and_deduplicated() {
        // Sets of every size, empty ones included, over more than one block.
        let raw: Vec<Vec<u32>> =
            (0..2 * BLOCK + 17).map(|j| (0..j % 23).map(|i| ((i * 7 + j) % 11) as u32).collect()).collect();
        let mut sets = Sets::default();
        for chunk in raw.chunks(BLOCK) {
            let mut b = Block::default();
            for s in chunk {
                b.push(s);
            }
            sets.blocks.push(b);
        }
        let key = |h: u32| 100 - h / 2;
        sets.blocks.iter_mut().for_each(|b| b.rekey(key));
        let expected: Vec<Vec<u32>> = raw
            .iter()
            .map(|s| {
                let mut v: Vec<u32> = s.iter().map(|&h| key(h)).collect();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        assert_eq!(sets.all().map(<[u32]>::to_vec).collect::<Vec<_>>(), expected);
        for (j, e) in expected.iter().enumerate() {
            assert_eq!(sets.get(j), &e[..]);
        }
    }
}

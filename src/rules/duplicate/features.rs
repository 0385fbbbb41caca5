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

#[derive(Debug, Default, Clone)]
pub struct Features {
    pub question: Vec<u64>,
    pub literal: Vec<u64>,
    pub answer: Vec<u32>,
    pub masked: Vec<u32>,
    pub exact: Option<u64>,
    pub asked: Option<u64>,
}

/// Features of every question. `answers` and `masked` skip the work for
/// rules that do not run.
pub fn extract(questions: &[Question], min_answer_words: usize, answers: bool, masked: bool) -> Vec<Features> {
    let mut feats: Vec<Features> = questions
        .par_iter()
        .map_init(
            || (Vec::new(), Vec::new(), String::new(), Vec::new()),
            |(qt, at, buf, words), q| raw(q, min_answer_words, answers, masked, qt, at, buf, words),
        )
        .collect();
    rank(&mut feats, |f| &mut f.question, Some(|f: &mut Features| &mut f.literal));
    if answers {
        rank_grams(&mut feats, |f| &mut f.answer);
    }
    if masked {
        rank_grams(&mut feats, |f| &mut f.masked);
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
    qt: &mut Vec<Token>,
    at: &mut Vec<Token>,
    buf: &mut String,
    words: &mut Vec<u64>,
) -> Features {
    let mut f = Features::default();
    let Some(question) = &q.question else { return f };
    qt.clear();
    tokenize(&question.value, qt, buf);
    words_only(&question.value, qt, false);
    f.question = qt.iter().filter(|t| !t.stop).map(|t| t.stem).collect();
    f.question.sort_unstable();
    f.question.dedup();
    let code = markdown::code_regions(&question.value);
    let names = quoted(&question.value);
    f.literal =
        qt.iter().filter(|t| !t.stop && is_literal(&question.value, t, &code, &names)).map(|t| t.stem).collect();
    let Some(answer) = &q.answer else { return f };
    at.clear();
    tokenize(&answer.value, at, buf);
    words_only(&answer.value, at, true);
    if qt.is_empty() || at.is_empty() {
        return f;
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
        return f;
    }
    if answers {
        words.clear();
        words.extend(at.iter().map(|t| t.stem));
        f.answer = shingles(words);
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
        f.masked = shingles(words);
    }
    f
}

/// The word 3-grams of a text (one gram of everything for shorter texts)
/// as 32-bit hashes, unsorted and possibly repeated: [`rank_grams`] sorts
/// and deduplicates.
fn shingles(words: &[u64]) -> Vec<u32> {
    let short = |h: u64| (h >> 32) as u32;
    if words.len() < 3 {
        vec![short(words.iter().fold(0, |h, &w| combine(h, w)))]
    } else {
        words.windows(3).map(|w| short(combine(combine(w[0], w[1]), w[2]))).collect()
    }
}

/// Element counts of `set` over the bank, in a table of `size` slots (a
/// power of two) indexed by the low bits of each element.
fn count_table<T: Copy + Into<u64>>(feats: &mut [Features], set: fn(&mut Features) -> &mut Vec<T>) -> (Vec<u32>, u64) {
    let total: usize = feats.iter_mut().map(|f| set(f).len()).sum();
    // A small table (1 MiB) stays in cache; its estimates are coarse for
    // rare elements, whose relative order does not matter, and clear for
    // the common ones that must not sit in prefixes.
    let size = total.next_power_of_two().clamp(1 << 10, 1 << 18);
    let mask = (size - 1) as u64;
    // One plain table per thread, summed: cheaper than atomic counters.
    let chunk = feats.len().div_ceil(rayon::current_num_threads().max(1)).max(1);
    let counts = feats
        .par_chunks_mut(chunk)
        .map(|part| {
            let mut counts = vec![0u32; size];
            for f in part {
                for &h in set(f).iter() {
                    counts[(h.into() & mask) as usize] += 1;
                }
            }
            counts
        })
        .reduce_with(|mut a, b| {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
            a
        })
        .unwrap_or_default();
    (counts, mask)
}

/// Replace each 32-bit 3-gram hash of `set` by its key: a frequency class
/// (half an octave per class, in the top 6 bits) above the top 26 bits of
/// the hash, so that sorting puts rare elements first.
fn rank_grams(feats: &mut [Features], set: fn(&mut Features) -> &mut Vec<u32>) {
    let (counts, mask) = count_table(feats, set);
    let key = |h: u32| {
        let n = counts[(u64::from(h) & mask) as usize].max(1);
        let octave = 31 - n.leading_zeros();
        // The bit below the top one splits each octave in two.
        let half = if octave > 0 { (n >> (octave - 1)) & 1 } else { 0 };
        let class = (2 * octave + half).min(63);
        (class << 26) | (h >> 6)
    };
    feats.par_iter_mut().for_each(|f| {
        let s = set(f);
        rekey(s, key);
        s.shrink_to_fit();
    });
}

/// Replace every element of `set` by its key, then sort and deduplicate.
fn rekey<T: Ord + Copy>(set: &mut Vec<T>, key: impl Fn(T) -> T) {
    for h in set.iter_mut() {
        *h = key(*h);
    }
    set.sort_unstable();
    set.dedup();
}

/// Replace each element by its key: estimated frequency (high 20 bits)
/// above 44 bits of its hash, so that sorting puts rare elements first.
/// `also` names a subset of `set` whose elements get the same keys.
fn rank(
    feats: &mut [Features],
    set: fn(&mut Features) -> &mut Vec<u64>,
    also: Option<fn(&mut Features) -> &mut Vec<u64>>,
) {
    let (counts, mask) = count_table(feats, set);
    let key = |h: u64| {
        let n = u64::from(counts[(h & mask) as usize]).min((1 << 20) - 1);
        (n << 44) | (h >> 20)
    };
    feats.par_iter_mut().for_each(|f| {
        rekey(set(f), key);
        if let Some(also) = also {
            rekey(also(f), key);
        }
    });
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

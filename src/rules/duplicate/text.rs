//! Words as the duplicate rules see them: tokenising, normalising and
//! hashing question and answer text.
//!
//! A token is a run of letters, digits and inner underscores; a version
//! number such as `4.2` stays one token. Case, punctuation, whitespace and
//! Markdown emphasis disappear; `what's` becomes `what`, `don't` becomes
//! `do not`. Leading numbering ("Q26.", "26)", "Question 3:") is skipped.
//! Every token carries its byte range in the decoded text, so findings can
//! quote the words a reader wrote.

use std::ops::Range;

/// One word of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text it came from (for `not` from `n't`, the `n't`).
    pub start: u32,
    pub end: u32,
    /// Hash of the lower-case word.
    pub word: u64,
    /// Hash of the lower-case word with a plural `s` removed.
    pub stem: u64,
    /// A function word (`the`, `is`, `you`…) or question word: it carries
    /// the grammar of a sentence, not its subject.
    pub stop: bool,
}

impl Token {
    /// A token for a lower-case word of `len` bytes with these hashes.
    fn new(start: u32, end: u32, word: u64, stem: u64, len: usize) -> Token {
        Token { start, end, word, stem, stop: len <= 6 && is_stop_hash(word) }
    }

    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Function words, left out of question word sets and never taken as a
/// template slot. Question words are here too: they shape the question but
/// are not its subject. `not`, `without`, `before`, `after` and similar
/// words that change meaning are deliberately absent.
/// The hashes of the stop words, sorted, built once.
fn is_stop_hash(hash: u64) -> bool {
    static HASHES: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    HASHES
        .get_or_init(|| {
            let mut v: Vec<u64> = STOP_WORDS.iter().map(|w| hash_bytes(w.as_bytes())).collect();
            v.sort_unstable();
            v
        })
        .binary_search(&hash)
        .is_ok()
}

/// Every stop word has at most six letters (`word_token` relies on it; a
/// test checks it).
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "of", "in", "on",
    "at", "to", "for", "from", "by", "with", "and", "or", "it", "its", "this", "that", "these", "those", "there", "i",
    "you", "your", "we", "our", "me", "my", "they", "their", "them", "can", "could", "should", "would", "will",
    "shall", "may", "might", "must", "some", "any", "about", "as", "so", "just", "also", "really", "please", "what",
    "how", "why", "when", "which", "where", "who", "whom",
];

/// A hash map for keys that are already well spread (hashes, ids, slices of
/// hashes): a multiply-rotate hasher instead of SipHash, which guards
/// against adversarial keys that cannot occur here.
pub type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FastHasher>>;

#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        mix(self.0)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.write_u64(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        for &b in chunks.remainder() {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// A fast 64-bit hash of bytes (FNV-1a, then a final mix), stable across
/// runs and platforms so that results never depend on a random seed.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    mix(bytes.iter().fold(FNV_OFFSET, |h, &b| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)))
}

/// The hashes of a lower-case word and of its stem, in one pass: a light
/// plural stemmer (`models` → `model`, `queries` → `query`; `class`,
/// `status`, `analysis` stay). Equal to `hash_bytes` of the word and of
/// the stem.
fn hash_word(w: &[u8]) -> (u64, u64) {
    let n = w.len();
    let mut h = FNV_OFFSET;
    let (mut before_last, mut before_ies) = (h, h);
    for (i, &b) in w.iter().enumerate() {
        if i + 1 == n {
            before_last = h;
        }
        if i + 3 == n {
            before_ies = h;
        }
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    let word = mix(h);
    let plural = n > 3 && w[n - 1] == b's' && w.is_ascii();
    let stem = if !plural {
        word
    } else if n > 4 && w.ends_with(b"ies") {
        mix((before_ies ^ u64::from(b'y')).wrapping_mul(FNV_PRIME))
    } else if w.ends_with(b"ss") || w.ends_with(b"us") || w.ends_with(b"is") {
        word
    } else {
        mix(before_last)
    };
    (word, stem)
}

/// Combine two hashes (order matters).
pub fn combine(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(23) ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Where the text starts once leading numbering is skipped: `Q26.`,
/// `26)`, `26.`, `#26`, `Question 26:`, `26 -`.
pub fn skip_numbering(text: &str) -> usize {
    // "Q26. Q1. What…" after a copy of a copy: skip every prefix.
    let mut at = 0;
    for _ in 0..4 {
        let next = at + skip_one_number(&text[at..]);
        if next == at {
            break;
        }
        at = next;
    }
    at
}

fn skip_one_number(text: &str) -> usize {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    let start = i;
    let lower = |j: usize| b.get(j).map(u8::to_ascii_lowercase);
    if b[i..].len() >= 8 && b[i..i + 8].eq_ignore_ascii_case(b"question") {
        i += 8;
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
    } else if lower(i) == Some(b'q') || b.get(i) == Some(&b'#') {
        i += 1;
    }
    let marked = i > start;
    let digits = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i == digits || i - digits > if marked_prefix(b, start) { 6 } else { 4 } {
        return start;
    }
    // "4.2 release notes" is not numbering: the separator must be followed
    // by a space (or end the text).
    match b.get(i) {
        Some(b'.' | b')' | b':' | b'-') if b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()) => i + 1,
        Some(b' ') if matches!(b.get(i + 1), Some(b'-' | b'.' | b')')) => i + 2,
        Some(b' ') if marked => i + 1,
        _ => start,
    }
}

/// Whether numbering at `start` begins with `Q`, `#` or `Question`.
fn marked_prefix(b: &[u8], start: usize) -> bool {
    matches!(b.get(start), Some(b'q' | b'Q' | b'#'))
}

/// Split `text` into tokens, appending to `out`. `buf` is scratch space.
pub fn tokenize(text: &str, out: &mut Vec<Token>, buf: &mut String) {
    let bytes = text.as_bytes();
    let mut i = skip_numbering(text);
    while i < bytes.len() {
        let width = word_char_at(text, i);
        if width == 0 {
            i += next_char_len(text, i);
            continue;
        }
        if let Some((token, end)) = fast_word(bytes, i) {
            out.push(token);
            i = end;
            continue;
        }
        // A word: letters/digits/underscores, and dots between digits.
        let start = i;
        let mut end = i + width;
        loop {
            let w = word_char_at(text, end);
            if w > 0 {
                end += w;
            } else if bytes.get(end) == Some(&b'.')
                && bytes[end - 1].is_ascii_digit()
                && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
            {
                end += 1;
            } else {
                break;
            }
        }
        i = end;
        // Contractions: what's → what, don't → do not, they're → they.
        let mut not = None;
        if let Some(rest) = text.get(end..)
            && let Some(apos) = rest.chars().next().filter(|&a| a == '\'' || a == '\u{2019}')
        {
            let after = end + apos.len_utf8();
            let suffix_len: usize = text[after..].chars().take_while(|c| c.is_alphabetic()).map(char::len_utf8).sum();
            let suffix = &text[after..after + suffix_len];
            if (1..=2).contains(&suffix.chars().count())
                && matches!(suffix.to_ascii_lowercase().as_str(), "s" | "t" | "re" | "ll" | "ve" | "d" | "m")
            {
                if suffix.eq_ignore_ascii_case("t") && text[start..end].to_ascii_lowercase().ends_with('n') {
                    not = Some((end - 1) as u32..(after + suffix_len) as u32);
                    end -= 1;
                }
                i = after + suffix_len;
            }
        }
        let (s, e) = trim_underscores(text, start, end);
        if s < e {
            push(text, s, e, out, buf, not.is_some());
        }
        if let Some(r) = not {
            out.push(word_token("not", r.start, r.end));
        }
    }
}

/// The common case in one pass: an ASCII word of letters and digits that
/// is not followed by a non-ASCII letter, a version dot or an apostrophe
/// and has no underscore at either end. Lower-cases, hashes and stems as it
/// scans. `None` sends the word to the general path.
fn fast_word(bytes: &[u8], start: usize) -> Option<(Token, usize)> {
    let mut h = FNV_OFFSET;
    let (mut h1, mut h2, mut h3) = (h, h, h);
    let mut j = start;
    while let Some(&b) = bytes.get(j) {
        if !(b.is_ascii_alphanumeric() || b == b'_') {
            break;
        }
        (h3, h2, h1) = (h2, h1, h);
        h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
        j += 1;
    }
    let n = j - start;
    let next = bytes.get(j).copied();
    if n == 0
        || n > u32::MAX as usize
        || bytes[start] == b'_'
        || bytes[j - 1] == b'_'
        || next.is_some_and(|b| b >= 0x80 || b == b'\'' || (b == b'.' && bytes[j - 1].is_ascii_digit()))
    {
        return None;
    }
    let _ = h2;
    let word = mix(h);
    let lower = |k: usize| bytes[j - k].to_ascii_lowercase();
    let stem = if n <= 3 || lower(1) != b's' {
        word
    } else if n > 4 && lower(2) == b'e' && lower(3) == b'i' {
        mix((h3 ^ u64::from(b'y')).wrapping_mul(FNV_PRIME))
    } else if matches!(lower(2), b's' | b'u' | b'i') {
        word
    } else {
        mix(h1)
    };
    Some((Token::new(start as u32, j as u32, word, stem, n), j))
}

/// The byte length of the word character at `i`, or 0 if there is none.
fn word_char_at(text: &str, i: usize) -> usize {
    match text.as_bytes().get(i) {
        None => 0,
        Some(&b) if b < 0x80 => usize::from(b.is_ascii_alphanumeric() || b == b'_'),
        Some(_) => text[i..].chars().next().filter(|c| c.is_alphanumeric()).map_or(0, char::len_utf8),
    }
}

fn next_char_len(text: &str, i: usize) -> usize {
    if text.as_bytes()[i] < 0x80 { 1 } else { text[i..].chars().next().map_or(1, char::len_utf8) }
}

fn trim_underscores(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    let b = text.as_bytes();
    while s < e && b[s] == b'_' {
        s += 1;
    }
    while e > s && b[e - 1] == b'_' {
        e -= 1;
    }
    (s, e)
}

fn push(text: &str, s: usize, e: usize, out: &mut Vec<Token>, buf: &mut String, before_not: bool) {
    let word = &text.as_bytes()[s..e];
    if !before_not && word.len() <= 32 && word.is_ascii() {
        // Fast path: lower-case on the stack.
        let mut lower = [0u8; 32];
        for (l, b) in lower.iter_mut().zip(word) {
            *l = b.to_ascii_lowercase();
        }
        if let Ok(w) = std::str::from_utf8(&lower[..word.len()]) {
            out.push(word_token(w, s as u32, e as u32));
            return;
        }
    }
    buf.clear();
    buf.extend(text[s..e].chars().flat_map(char::to_lowercase));
    if before_not {
        // ca(n't) → can, wo(n't) → will, sha(n't) → shall
        match buf.as_str() {
            "ca" => buf.push('n'),
            "wo" => *buf = "will".into(),
            "sha" => buf.push_str("ll"),
            _ => {}
        }
    }
    out.push(word_token(buf, s as u32, e as u32));
}

fn word_token(word: &str, start: u32, end: u32) -> Token {
    let (hash, stem) = hash_word(word.as_bytes());
    Token::new(start, end, hash, stem, word.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(text, &mut out, &mut String::new());
        out.iter().map(|t| if text.get(t.range()) == Some("n't") { "not" } else { &text[t.range()] }).collect()
    }

    fn stems(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        tokenize(text, &mut out, &mut String::new());
        out.iter().filter(|t| !t.stop).map(|t| t.stem).collect()
    }

    #[test]
    fn splits_words_and_keeps_versions() {
        assert_eq!(words("What's new in **Django 4.2**?"), ["What", "new", "in", "Django", "4.2"]);
        assert_eq!(words("use select_related() and `_meta`."), ["use", "select_related", "and", "meta"]);
        assert_eq!(words("one-line, end. 3.x"), ["one", "line", "end", "3", "x"]);
        assert_eq!(words("Don't block; can't wait"), ["Do", "not", "block", "ca", "not", "wait"]);
        let mut t = Vec::new();
        tokenize("can't won't", &mut t, &mut String::new());
        assert_eq!((t[0].word, t[2].word), (hash_bytes(b"can"), hash_bytes(b"will")));
        assert_eq!(words("Wählen Sie café"), ["Wählen", "Sie", "café"]);
    }

    #[test]
    fn skips_leading_numbering_only() {
        for (text, rest) in [
            ("Q26. What is X?", "What is X?"),
            ("26) What is X?", "What is X?"),
            ("26. What is X?", "What is X?"),
            ("Question 3: What", "What"),
            ("#4 What", "What"),
            ("  7 - What", "What"),
            ("4.2 release notes", "4.2 release notes"),
            ("2024 was a year", "2024 was a year"),
            ("Quick question", "Quick question"),
            ("Q1 What", "What"),
            ("Q26. Q1. What", "What"),
        ] {
            assert_eq!(&text[skip_numbering(text)..].trim_start(), &rest, "{text}");
        }
    }

    #[test]
    fn case_punctuation_plurals_and_contractions_normalise() {
        assert_eq!(stems("What is the Django ORM?"), stems("What's Django's ORM"));
        assert_eq!(stems("How do Models work?"), stems("how does a model work"));
        assert_eq!(stems("queries"), stems("query"));
        assert_ne!(stems("class"), stems("clas"));
        assert_ne!(stems("Is it allowed?"), stems("Isn't it allowed?"));
    }

    #[test]
    fn word_and_stem_hashes_match_hashing_the_stem() {
        for (word, stem) in [
            ("models", "model"),
            ("queries", "query"),
            ("class", "class"),
            ("status", "status"),
            ("analysis", "analysis"),
            ("was", "was"),
            ("ies", "ies"),
            ("views", "view"),
            ("", ""),
        ] {
            assert_eq!(
                hash_word(word.as_bytes()),
                (hash_bytes(word.as_bytes()), hash_bytes(stem.as_bytes())),
                "{word}"
            );
        }
    }

    #[test]
    fn fast_path_agrees_with_the_general_path() {
        let mut rng = crate::corpus::Rng::new(3);
        let alphabet = b"aeiousSyYzZ09_x";
        for _ in 0..5000 {
            let word: String = (0..1 + rng.below(9)).map(|_| *rng.pick(alphabet) as char).collect();
            let mut t = Vec::new();
            tokenize(&word, &mut t, &mut String::new());
            let trimmed = word.trim_matches('_');
            if trimmed.is_empty() {
                assert!(t.is_empty(), "{word}");
                continue;
            }
            let lower = trimmed.to_ascii_lowercase();
            let (w, s) = hash_word(lower.as_bytes());
            assert_eq!((t[0].word, t[0].stem), (w, s), "{word}");
            assert_eq!(&word[t[0].range()], trimmed);
        }
    }

    #[test]
    fn stop_words_are_short_and_found() {
        assert!(STOP_WORDS.iter().all(|w| w.len() <= 6));
        for w in STOP_WORDS {
            let mut t = Vec::new();
            tokenize(w, &mut t, &mut String::new());
            assert!(t[0].stop, "{w}");
        }
        let mut t = Vec::new();
        tokenize("Not without migrations", &mut t, &mut String::new());
        assert!(t.iter().all(|t| !t.stop));
    }

    #[test]
    fn ranges_point_into_the_text() {
        let text = "Q1. *Use* «views»";
        let mut out = Vec::new();
        tokenize(text, &mut out, &mut String::new());
        let got: Vec<&str> = out.iter().map(|t| &text[t.range()]).collect();
        assert_eq!(got, ["Use", "views"]);
    }
}

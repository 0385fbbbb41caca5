//! English words (`rules/words/english.txt`, from SCOWL; see the README
//! there for its source and licence).
//!
//! The list is embedded as one sorted, line-separated string and searched
//! in place by bisection, so it costs nothing at start-up and no memory
//! beyond the binary.

static WORDS: &str = include_str!("../rules/words/english.txt");

/// Whether `word` is an English word. Case does not matter; a word with
/// anything but ASCII letters is never one.
pub fn is_word(word: &str) -> bool {
    if word.is_empty() || word.len() > 40 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let mut lower = [0u8; 40];
    for (l, b) in lower.iter_mut().zip(word.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    contains(WORDS.as_bytes(), &lower[..word.len()])
}

/// Bisection over the lines of `list` (sorted byte-wise, each line ending
/// in `\n`).
fn contains(list: &[u8], word: &[u8]) -> bool {
    let (mut lo, mut hi) = (0usize, list.len());
    // Invariant: every line starting before `lo` is < word; every line
    // starting at or after `hi` is > word. `lo` is always a line start.
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        // The line that contains `mid`.
        let start = list[..mid].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1).max(lo);
        let end = memchr::memchr(b'\n', &list[start..]).map_or(list.len(), |i| start + i);
        match list[start..end].cmp(word) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    false
}

/// Whether `word` is a plural noun: an English word whose singular
/// (`models` → `model`, `queries` → `query`, `classes` → `class`) is one
/// too, or, for a word the list does not know, one with a plural ending
/// after a letter that English plurals have there (`serializers`, not
/// `nodejs`). Singular words that end in s (`canvas`, `status`) are not.
pub fn is_plural(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    // English plurals never end in -ss, -us or -is (`pass`, `status`, `analysis`).
    if w.len() < 3 || !w.ends_with('s') || ["ss", "us", "is"].iter().any(|e| w.ends_with(e)) {
        return false;
    }
    if !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let singulars = singulars(&w);
    if is_word(&w) {
        return singulars.iter().any(|s| is_word(s));
    }
    if singulars.iter().any(|s| is_word(s)) {
        return true;
    }
    let before = w.as_bytes()[w.len() - 2];
    !matches!(before, b's' | b'u' | b'i' | b'j' | b'x' | b'z' | b'q' | b'c' | b'v')
}

fn singulars(w: &str) -> Vec<String> {
    let mut out = vec![w[..w.len() - 1].to_owned()];
    if let Some(s) = w.strip_suffix("ies") {
        out.push(format!("{s}y"));
    }
    if let Some(s) = w.strip_suffix("es") {
        out.push(s.to_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_ends_with_a_line_break() {
        let lines: Vec<&str> = WORDS.lines().collect();
        assert!(lines.len() > 50_000);
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "sorted byte-wise, no duplicates");
        assert!(WORDS.ends_with('\n'));
        assert!(lines.iter().all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())));
    }

    #[test]
    fn finds_words_and_not_fragments() {
        for w in ["unit", "test", "look", "up", "Meta", "class", "sockets", "a", "zoo"] {
            assert!(is_word(w), "{w}");
        }
        for w in ["djan", "tp", "izer", "nodej", "", "unit test", "café", "x1"] {
            assert!(!is_word(w), "{w}");
        }
        // Every word of the list is found, first and last included.
        for w in WORDS.lines().step_by(997).chain([WORDS.lines().next().unwrap(), WORDS.lines().last().unwrap()]) {
            assert!(is_word(w), "{w}");
        }
    }

    #[test]
    fn plurals() {
        for w in ["models", "queries", "classes", "serializers", "signals", "views", "Denotes"] {
            assert!(is_plural(w), "{w}");
        }
        for w in ["nodejs", "class", "status", "canvas", "redis", "analysis", "is", "this", "pass"] {
            assert!(!is_plural(w), "{w}");
        }
    }
}

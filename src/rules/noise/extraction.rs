//! `noise/extraction-artifact`, split words: "ht tp", "Djan go".
//!
//! Text extraction from PDFs and web pages breaks words with stray spaces.
//! Two neighbouring words are reported when joined they make a term of the
//! field (the pack's `joined` list) and at least one of them is not a word
//! on its own: not an English word ([`crate::words`]), not a term, not in
//! the pack's `common` list of technical words. "ht tp" and "Djan go" are
//! reported; "data base", "unit test", "look up", "Meta class" and "web
//! sockets" are two words and are not. The second piece must be in lower
//! case, as a broken word's tail is.

use std::collections::HashSet;
use std::ops::Range;

pub const ID: &str = "noise/extraction-artifact";

/// A regular expression for every split of every term in `joined` ("ht tp",
/// "htt p", "djan go", ...), in any ASCII case, between word edges, and
/// the splits themselves: the literals the pack scan looks for, known here
/// without reading the pattern back. Splits whose pieces are both words in
/// their own right (English words, a term or in `common`), and splits with
/// a one-letter first piece, are left out.
pub fn split_pattern(joined: &[String], common: &[String]) -> Option<(String, Vec<Vec<u8>>)> {
    let known: HashSet<String> = joined.iter().chain(common).map(|w| w.to_ascii_lowercase()).collect();
    let is_word = |w: &str| known.contains(w) || crate::words::is_word(w);
    let mut splits = Vec::new();
    for term in joined.iter().map(|t| t.to_ascii_lowercase()) {
        if !term.bytes().all(|b| b.is_ascii_lowercase()) {
            continue;
        }
        for i in 2..term.len() {
            let (head, tail) = term.split_at(i);
            if head.len() + tail.len() >= 4 && !(is_word(head) && is_word(tail)) {
                splits.push(format!("{head} {tail}"));
            }
        }
    }
    if splits.is_empty() {
        return None;
    }
    splits.sort();
    splits.dedup();
    let refs: Vec<&[u8]> = splits.iter().map(|s| s.as_bytes()).collect();
    let pattern = format!(r"(?i-u:\b{}\b)", trie(&refs));
    Some((pattern, splits.into_iter().map(String::into_bytes).collect()))
}

/// The alternation of `words` (sorted, distinct) as a regex in trie form,
/// `ht(?: tp|t p)` rather than `ht tp|htt p`: shared prefixes are written
/// once, which keeps the automaton small and quick to build.
fn trie(words: &[&[u8]]) -> String {
    let mut out = String::new();
    let mut i = 0;
    let mut branches = 0;
    while i < words.len() {
        let Some(&first) = words[i].first() else {
            i += 1;
            continue;
        };
        let j = i + words[i..].iter().take_while(|w| w.first() == Some(&first)).count();
        if branches > 0 {
            out.push('|');
        }
        branches += 1;
        out.push_str(&regex::escape(&char::from(first).to_string()));
        let rest: Vec<&[u8]> = words[i..j].iter().map(|w| &w[1..]).collect();
        let ends_here = rest.iter().any(|w| w.is_empty());
        let longer: Vec<&[u8]> = rest.into_iter().filter(|w| !w.is_empty()).collect();
        if !longer.is_empty() {
            let inner = trie(&longer);
            let q = if ends_here { "?" } else { "" };
            if inner.contains('|') || ends_here {
                out.push_str(&format!("(?:{inner}){q}"));
            } else {
                out.push_str(&inner);
            }
        }
        i = j;
    }
    out
}

/// Whether a match of [`split_pattern`] at `range` is a split word: the
/// tail is in lower case, as a broken word's tail is, and neither piece is
/// part of an identifier, a version or a path (no `.`, `_`, `-`, `/`,
/// digit or non-ASCII letter against it).
pub fn is_split(text: &str, range: &Range<usize>) -> bool {
    let piece = &text[range.clone()];
    let Some((_, tail)) = piece.split_once(' ') else {
        return true; // a glued-items pattern, not a split
    };
    let joins = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b'/') || c >= 0x80;
    let before = range.start.checked_sub(1).map(|i| text.as_bytes()[i]);
    let after = text.as_bytes().get(range.end).copied();
    tail.bytes().all(|b| b.is_ascii_lowercase())
        && !before.is_some_and(joins)
        && !after.is_some_and(|c| joins(c) && c != b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let s = |l: &[&str]| l.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let pattern = split_pattern(
            &s(&["http", "django", "database", "queryset", "online", "unittest", "lookup", "metaclass", "websockets"]),
            &s(&["data", "base", "query", "set", "go", "on", "line"]),
        )
        .unwrap()
        .0;
        let re = regex::Regex::new(&pattern).unwrap();
        re.find_iter(text).map(|m| m.range()).filter(|r| is_split(text, r)).map(|r| &text[r]).collect()
    }

    #[test]
    fn split_terms_are_found() {
        assert_eq!(found("Django handles ht tp requests with Djan go views."), ["ht tp", "Djan go"]);
    }

    #[test]
    fn ordinary_word_pairs_are_not() {
        assert!(found("a data base of query set results").is_empty());
        // English words by the word list, though the lists above lack them.
        assert!(found("a unit test; look up the Meta class; web sockets").is_empty());
        assert_eq!(found("a uni ttest and webso ckets"), ["uni ttest", "webso ckets"]);
        assert!(found("the error on line 5").is_empty());
        assert!(found("Djan Go and HT TP and ht_tp and ht tp2 and x.ht tp and ht tp-x").is_empty());
    }
}

//! `noise/doubled-text`: text pasted twice. Three shapes, all outside code:
//!
//! - a capitalised word of four letters or more glued to itself:
//!   "NotesNotes" (not "TomTom");
//! - a whole field that is one text twice, with or without a space between:
//!   "What is X?What is X?";
//! - a line, or a sentence of four words or more, repeated right after
//!   itself.
//!
//! `--fix` removes the second copy.

use std::ops::Range;

use crate::bank::{Question, Text, markdown};
use crate::finding::Finding;
use crate::fix;
use crate::packs::Entry;

pub const ID: &str = "noise/doubled-text";

/// The second copy of doubled text in `text`, with what is shown for it.
pub fn find(text: &str) -> Option<(Range<usize>, String)> {
    let code = markdown::code_regions(text);
    whole(text, &code).or_else(|| glued_word(text, &code)).or_else(|| repeated(text, &code))
}

/// The whole (trimmed) text is one text twice, at least 20 characters.
fn whole(text: &str, code: &[Range<usize>]) -> Option<(Range<usize>, String)> {
    let start = text.len() - text.trim_start().len();
    let t = text.trim();
    if t.len() < 20 || !code.is_empty() {
        return None;
    }
    // The second copy starts where the text starts over, after an optional space.
    let first = t.chars().next()?;
    for (i, _) in t.match_indices(first).skip(1) {
        let (a, b) = (t[..i].trim_end(), &t[i..]);
        if a == b && a.split_whitespace().count() >= 3 {
            let second = start + i..start + t.len();
            return Some((second, format!("{a} / {b}")));
        }
        if i > t.len() / 2 + 1 {
            break;
        }
    }
    None
}

/// "NotesNotes": a capitalised English word glued to itself.
fn glued_word(text: &str, code: &[Range<usize>]) -> Option<(Range<usize>, String)> {
    // Runs of ASCII letters: their bytes are never inside a longer character.
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_alphabetic() {
            at += 1;
            continue;
        }
        let end = at + bytes[at..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
        let (word, n) = (&text[at..end], end - at);
        if n >= 8 && n % 2 == 0 && word.starts_with(|c: char| c.is_ascii_uppercase()) {
            let (a, b) = word.split_at(n / 2);
            if a == b
                && crate::words::is_word(a)
                && !crate::words::is_word(word)
                && !markdown::overlaps(code, &(at..end))
            {
                return Some((at + n / 2..end, word.to_owned()));
            }
        }
        at = end;
    }
    None
}

/// A line, or a sentence of four words or more, right after itself.
fn repeated(text: &str, code: &[Range<usize>]) -> Option<(Range<usize>, String)> {
    let mut pieces: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = match c {
            '\n' => Some(i),
            '.' | '!' | '?' if text[i + 1..].starts_with([' ', '\n']) || i + 1 == text.len() => Some(i + 1),
            _ => None,
        };
        if let Some(end) = end {
            pieces.push(start..end);
            start = i + 1;
        }
    }
    pieces.push(start..text.len());
    let words = |r: &Range<usize>| text[r.clone()].split_whitespace().collect::<Vec<_>>();
    for pair in pieces.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let (wa, wb) = (words(a), words(b));
        let listed = text[a.clone()].trim_start().starts_with(['-', '*', '|', '#']);
        if wa.len() >= 4 && wa == wb && !listed && !markdown::overlaps(code, &(a.start..b.end)) {
            let lead = text[b.clone()].len() - text[b.clone()].trim_start().len();
            let second = b.start + lead..b.end;
            return Some((second, text[a.clone()].trim().to_owned()));
        }
    }
    None
}

/// The finding for a field of `q`, if it holds doubled text.
pub fn check(entry: &Entry, q: &Question, source: &str, text: &Text) -> Option<Finding> {
    let (range, shown) = find(&text.value)?;
    let mut shown: String = shown.chars().take(60).map(|c| if c == '\n' { ' ' } else { c }).collect();
    if shown.chars().count() == 60 {
        shown.push('…');
    }
    let mut f = crate::rules::pack_finding(entry, q, text, range.clone(), entry.message.replace("{match}", &shown));
    f = f.fix(fix::replace(source, text, range, ""));
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn second(text: &str) -> Option<&str> {
        find(text).map(|(r, _)| &text[r])
    }

    #[test]
    fn doubled_texts_are_found() {
        assert_eq!(second("NotesNotes"), Some("Notes"));
        assert_eq!(second("Open the NotesNotes pane."), Some("Notes"));
        assert_eq!(second("日本。NotesNotes、"), Some("Notes"));
        assert_eq!(
            second("What is the command to list commands?What is the command to list commands?"),
            Some("What is the command to list commands?")
        );
        assert_eq!(second("Use the cache. Use the cache."), Some("Use the cache."));
        assert_eq!(second("Use it. Use it."), None, "two words");
        assert_eq!(
            second("It caches the whole page. It caches the whole page. Then it expires."),
            Some("It caches the whole page.")
        );
        assert_eq!(second("one two three four\none two three four"), Some("one two three four"));
    }

    #[test]
    fn look_alikes_are_not() {
        for t in [
            "murmur and couscous and TomTom",
            "Call setCounter(a => a + 1);\n```js\nsetCounter(a => a + 1);\nsetCounter(a => a + 1);\n```",
            "- a b c d\n- a b c d",
            "bye bye",
            "The the word is doubled, but that is a typo, not a paste.",
        ] {
            assert_eq!(second(t), None, "{t:?}");
        }
    }
}

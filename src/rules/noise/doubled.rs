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
    // Where the code is, worked out only once a candidate needs it.
    let regions = std::cell::OnceCell::new();
    let code = || regions.get_or_init(|| markdown::code_regions(text)).as_slice();
    whole(text, &code).or_else(|| glued_word(text, &code)).or_else(|| repeated(text, &code))
}

/// The whole (trimmed) text is one text twice, at least 20 characters:
/// `X`, up to three characters of white space, `X` again.
fn whole<'c>(text: &str, code: &impl Fn() -> &'c [Range<usize>]) -> Option<(Range<usize>, String)> {
    let start = text.len() - text.trim_start().len();
    let t = text.trim();
    if t.len() < 20 {
        return None;
    }
    for gap in 0..=3 {
        let Some(half) = (t.len() - gap).checked_div(2).filter(|h| 2 * h + gap == t.len()) else { continue };
        let (Some(a), Some(sep), Some(b)) = (t.get(..half), t.get(half..half + gap), t.get(half + gap..)) else {
            continue;
        };
        if a == b && sep.chars().all(char::is_whitespace) && a.split_whitespace().nth(2).is_some() && code().is_empty()
        {
            return Some((start + half + gap..start + t.len(), format!("{a} / {b}")));
        }
    }
    None
}

/// "NotesNotes": a capitalised English word glued to itself.
fn glued_word<'c>(text: &str, code: &impl Fn() -> &'c [Range<usize>]) -> Option<(Range<usize>, String)> {
    // Runs of ASCII letters: their bytes are never inside a longer character.
    // Only those that start with a capital can be a glued word: jump from
    // one capital to the next.
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(found) = bytes[at..].iter().position(u8::is_ascii_uppercase) {
        at += found;
        if at > 0 && bytes[at - 1].is_ascii_alphabetic() {
            at += 1;
            continue;
        }
        let end = at + bytes[at..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
        if let Some(found) = glued_at(text, at..end, code) {
            return Some(found);
        }
        at = end;
    }
    None
}

/// Whether the run of ASCII letters at `run`, which starts with a capital,
/// is an English word glued to itself outside code: the second copy's
/// range and the whole run.
fn glued_at<'c>(
    text: &str,
    run: Range<usize>,
    code: &impl Fn() -> &'c [Range<usize>],
) -> Option<(Range<usize>, String)> {
    let (word, n) = (&text[run.clone()], run.len());
    if n < 8 || n % 2 != 0 {
        return None;
    }
    let (a, b) = word.split_at(n / 2);
    (a == b && crate::words::is_word(a) && !crate::words::is_word(word) && !markdown::overlaps(code(), &run))
        .then(|| (run.start + n / 2..run.end, word.to_owned()))
}

/// A line, or a sentence of four words or more, right after itself.
fn repeated<'c>(text: &str, code: &impl Fn() -> &'c [Range<usize>]) -> Option<(Range<usize>, String)> {
    // The previous segment, and its text trimmed.
    let mut previous: Option<(Range<usize>, &str)> = None;
    let mut start = 0;
    // The delimiters are ASCII, so a byte scan never stops inside a character.
    let bytes = text.as_bytes();
    // The delimiters in order: memchr finds three kinds at once, and `?`
    // is merged in.
    let mut most = memchr::memchr3_iter(b'\n', b'.', b'!', bytes).peekable();
    let mut asks = memchr::memchr_iter(b'?', bytes).peekable();
    let marks = std::iter::from_fn(move || match (most.peek(), asks.peek()) {
        (Some(a), Some(q)) if q < a => asks.next(),
        (Some(_), _) => most.next(),
        (None, _) => asks.next(),
    });
    let ends = marks.filter_map(|i| match bytes[i] {
        b'\n' => Some((i, i + 1)),
        _ if matches!(bytes.get(i + 1), None | Some(b' ' | b'\n')) => Some((i + 1, i + 1)),
        _ => None,
    });
    for (end, next) in ends.chain(std::iter::once((text.len(), text.len()))) {
        let b = start..end;
        start = next;
        let tb = text[b.clone()].trim();
        let Some((a, ta)) = previous.replace((b.clone(), tb)) else { continue };
        // A paste repeats the same bytes: equal length first, cheap.
        if ta.len() != tb.len() || ta != tb || ta.split_whitespace().nth(3).is_none() {
            continue;
        }
        let listed = ta.starts_with(['-', '*', '|', '#']);
        if !listed && !markdown::overlaps(code(), &(a.start..b.end)) {
            let lead = text[b.clone()].len() - text[b.clone()].trim_start().len();
            return Some((b.start + lead..b.end, ta.to_owned()));
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
    let mut f =
        crate::rules::pack_finding(source, entry, q, text, range.clone(), entry.message.replace("{match}", &shown));
    f = f.fix(fix::replace(source, text, range, ""));
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The scans as first written, visiting every byte: the reference the
    // jumping scans are compared with.
    fn glued_word_byte_by_byte<'c>(
        text: &str,
        code: &impl Fn() -> &'c [Range<usize>],
    ) -> Option<(Range<usize>, String)> {
        // Runs of ASCII letters: their bytes are never inside a longer character.
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            if !bytes[at].is_ascii_alphabetic() {
                at += 1;
                continue;
            }
            let end = at + bytes[at..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
            if bytes[at].is_ascii_uppercase()
                && let Some(found) = glued_at(text, at..end, code)
            {
                return Some(found);
            }
            at = end;
        }
        None
    }

    fn repeated_byte_by_byte<'c>(text: &str, code: &impl Fn() -> &'c [Range<usize>]) -> Option<(Range<usize>, String)> {
        let mut previous: Option<Range<usize>> = None;
        let mut start = 0;
        // The delimiters are ASCII, so a byte scan never stops inside a character.
        let bytes = text.as_bytes();
        let ends = bytes.iter().enumerate().filter_map(|(i, &b)| match b {
            b'\n' => Some((i, i + 1)),
            b'.' | b'!' | b'?' if matches!(bytes.get(i + 1), None | Some(b' ' | b'\n')) => Some((i + 1, i + 1)),
            _ => None,
        });
        for (end, next) in ends.chain(std::iter::once((text.len(), text.len()))) {
            let b = start..end;
            start = next;
            let Some(a) = previous.replace(b.clone()) else { continue };
            let (ta, tb) = (text[a.clone()].trim(), text[b.clone()].trim());
            // A paste repeats the same bytes: equal length first, cheap.
            if ta.len() != tb.len() || ta != tb || ta.split_whitespace().nth(3).is_none() {
                continue;
            }
            let listed = ta.starts_with(['-', '*', '|', '#']);
            if !listed && !markdown::overlaps(code(), &(a.start..b.end)) {
                let lead = text[b.clone()].len() - text[b.clone()].trim_start().len();
                return Some((b.start + lead..b.end, ta.to_owned()));
            }
        }
        None
    }

    #[test]
    fn the_jumping_scans_find_what_byte_by_byte_scans_find() {
        let pieces = [
            "Notes",
            "NotesNotes",
            "notes",
            "Setup",
            "SetupSetup",
            "Queries",
            " ",
            " ",
            "\n",
            "\n",
            ".",
            ". ",
            "!",
            "?",
            "? ",
            "a b c d",
            "The same four words",
            "The same four words.",
            "- item",
            "`code`",
            "é",
            "Éé",
            "x.y",
            "TomTom",
            "\n\n",
            "It maps rows to objects.",
            "It maps rows to objects. ",
            " It maps rows to objects.",
            "It maps rows to objects.\n",
            "It maps rows to objects?",
        ];
        let mut rng = crate::corpus::Rng::new(9);
        let (mut glued, mut repeated_found) = (0, 0);
        for _ in 0..20_000 {
            let text: String = (0..rng.below(14)).map(|_| *rng.pick(&pieces)).collect();
            let regions = markdown::code_regions(&text);
            let code = || regions.as_slice();
            let found = glued_word(&text, &code);
            assert_eq!(found, glued_word_byte_by_byte(&text, &code), "{text:?}");
            glued += usize::from(found.is_some());
            let found = repeated(&text, &code);
            assert_eq!(found, repeated_byte_by_byte(&text, &code), "{text:?}");
            repeated_found += usize::from(found.is_some());
        }
        assert!(glued > 100 && repeated_found > 100, "the texts exercise both: {glued} {repeated_found}");
    }

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

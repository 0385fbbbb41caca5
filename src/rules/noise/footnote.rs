//! `noise/footnote-marker`: which bracketed numbers are footnote markers.
//!
//! The pattern finds every `[n]`; code decides, because `items[1]`,
//! `x = [1]` and Markdown links look alike. A marker counts when it follows
//! sentence punctuation (`2005.[1]`), or a capitalised word directly or
//! after one space (`Django[3]`, `Django [3]`). It never counts inside code
//! (the pack runner skips code), as part of a link (`[1](url)`,
//! `[text][1]`, `[1]: url`), at the start of a line (a list of sources),
//! or as `[0]`.

use std::ops::Range;

pub const ID: &str = "noise/footnote-marker";

pub fn is_footnote(text: &str, marker: &Range<usize>) -> bool {
    let bytes = text.as_bytes();
    if text[marker.clone()].starts_with("[0]") {
        return false;
    }
    if matches!(bytes.get(marker.end), Some(b'(' | b'[' | b':' | b'{')) {
        return false;
    }
    let before = &text[..marker.start];
    let Some(last) = before.chars().next_back() else {
        return false; // the start of the text: a source list
    };
    match last {
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | '"' | '\'' | '”' | '’' => {
            // "…2005.[1]" but not "x.[1]" in code-like text such as "a.b.[1]".
            !before.ends_with("..")
                && before.trim_end_matches(last).chars().next_back().is_some_and(char::is_alphanumeric)
        }
        ' ' => {
            let word = before[..before.len() - 1].trim_end_matches(['.', ',']);
            !before.ends_with("  ") && capitalised(word)
        }
        c if c.is_alphabetic() => capitalised(before),
        _ => false,
    }
}

/// Whether the word ending `text` is capitalised: one upper-case letter,
/// then lower-case letters only (`Django`, not `DEBUG`, `urls` or `Foo_1`).
fn capitalised(text: &str) -> bool {
    let start =
        text.char_indices().rev().find(|&(_, c)| !c.is_alphanumeric() && c != '_').map_or(0, |(i, c)| i + c.len_utf8());
    let word = &text[start..];
    let mut chars = word.chars();
    let prev = text[..start].chars().next_back();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 2
        && chars.all(char::is_lowercase)
        && prev.is_none_or(|p| p.is_whitespace() || "(\"'“‘".contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fires(text: &str) -> bool {
        let start = text
            .match_indices('[')
            .map(|(i, _)| i)
            .find(|&i| text[i + 1..].starts_with(|c: char| c.is_ascii_digit()))
            .unwrap();
        let end = text[start..].find(']').unwrap() + start + 1;
        is_footnote(text, &(start..end))
    }

    #[test]
    fn footnotes() {
        for t in
            ["Released in 2005.[1] Later", "It uses Django[3] widely", "made by Django [12] team", "an ORM,[2] and"]
        {
            assert!(fires(t), "{t}");
        }
    }

    #[test]
    fn not_footnotes() {
        for t in [
            "use items[1] here",
            "x = [1]",
            "see [1](https://x.io)",
            "[1]: https://x.io",
            "[1] Django docs",
            "a link [text][1]",
            "the first is args[0]",
            "constants like DEBUG[1] or Foo_bar[2]",
            "obj.Model[1]",
            "returns [1] for one item",
            "由于char,所以p[3]是'E'。子表达式p[1]",
            "価格[0])\n出力、数量[1]",
        ] {
            assert!(!fires(t), "{t}");
        }
    }
}

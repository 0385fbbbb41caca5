//! `noise/citation-chip`: which `Name+N` runs are chips. The pattern finds
//! a capitalised name and a count; a keyboard shortcut (`Shift+4`,
//! `Command+Shift+4`) has that shape too. The pack's `keys` list names the
//! keys.

use std::ops::Range;

pub const ID: &str = "noise/citation-chip";

/// Whether the chips at `range` are a keyboard shortcut: a key name among
/// their names (`Shift+4`, `Command+Shift+4`), or a `+` right before them
/// (the end of a longer shortcut).
pub fn is_shortcut(text: &str, range: &Range<usize>, keys: &[String]) -> bool {
    if text[..range.start].ends_with('+') {
        return true;
    }
    text[range.clone()]
        .split(|c: char| c == '+' || c.is_ascii_digit() || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .any(|w| keys.iter().any(|k| k == w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_not_chips() {
        let keys: Vec<String> = ["Shift", "Command", "Alt"].map(String::from).to_vec();
        let at = |text: &str, chip: &str| {
            let s = text.find(chip).unwrap();
            is_shortcut(text, &(s..s + chip.len()), &keys)
        };
        assert!(at("Press Command+3 now.", "Command+3"));
        assert!(at("Use Alt+Shift+4.", "Shift+4"));
        assert!(!at("Signals decouple code. GeeksforGeeks+2", "GeeksforGeeks+2"));
        assert!(!at("Done. Medium+1Django Project+1", "Medium+1Django Project+1"));
    }
}

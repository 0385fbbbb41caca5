//! A word-level diff of two texts for a finding's help, in the style of
//! `git diff --word-diff`: `[-removed-]` and `{+added+}`, with long
//! unchanged stretches shortened to `…`.

use similar::{ChangeTag, TextDiff};

/// Words of unchanged context kept on each side of a change.
const CONTEXT: usize = 4;
/// Longest diff shown, in characters; longer ones end with `…`.
const MAX_CHARS: usize = 600;

/// How `new` differs from `old`, word by word. Whitespace differences are
/// ignored.
pub fn word_diff(old: &str, new: &str) -> String {
    let old = collapse(old);
    let new = collapse(new);
    let diff = TextDiff::from_words(old.as_str(), new.as_str());
    // Merge the per-word changes into unchanged stretches and changed
    // regions; a space between two changes belongs to the region.
    let mut parts: Vec<Part> = Vec::new();
    for change in diff.iter_all_changes() {
        let value = change.value();
        let tag = change.tag();
        match (parts.last_mut(), tag) {
            (Some(Part::Same(text)), ChangeTag::Equal) => text.push_str(value),
            (_, ChangeTag::Equal) => parts.push(Part::Same(value.to_owned())),
            (Some(Part::Changed(old, new)), _) => push_change(old, new, tag, value),
            (_, _) => {
                let (mut old, mut new) = (String::new(), String::new());
                // A lone space between two changes joins them.
                if let [.., Part::Changed(o, n), Part::Same(space)] = parts.as_slice()
                    && space.trim().is_empty()
                {
                    (old, new) = (format!("{o}{space}"), format!("{n}{space}"));
                    parts.truncate(parts.len() - 2);
                }
                push_change(&mut old, &mut new, tag, value);
                parts.push(Part::Changed(old, new));
            }
        }
    }
    let last = parts.len().saturating_sub(1);
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        match part {
            Part::Same(text) => out.push_str(&shorten(text, i == 0, i == last)),
            Part::Changed(old, new) => {
                if !old.trim().is_empty() {
                    push_marked(&mut out, "[-", old, "-]");
                }
                if !old.trim().is_empty() && !new.trim().is_empty() {
                    out.push(' ');
                }
                if !new.trim().is_empty() {
                    push_marked(&mut out, "{+", new, "+}");
                }
            }
        }
    }
    if out.chars().count() > MAX_CHARS {
        out = out.chars().take(MAX_CHARS).collect::<String>() + "…";
    }
    out
}

enum Part {
    Same(String),
    Changed(String, String),
}

fn push_change(old: &mut String, new: &mut String, tag: ChangeTag, value: &str) {
    match tag {
        ChangeTag::Delete => old.push_str(value),
        ChangeTag::Insert => new.push_str(value),
        ChangeTag::Equal => {}
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Keep the change markers tight around words: spaces go outside.
fn push_marked(out: &mut String, open: &str, text: &str, close: &str) {
    let lead = text.len() - text.trim_start().len();
    let trail = text.len() - text.trim_end().len();
    out.push_str(&text[..lead]);
    if !text.trim().is_empty() {
        out.push_str(open);
        out.push_str(text.trim());
        out.push_str(close);
    }
    out.push_str(&text[text.len() - trail.min(text.len() - lead)..]);
}

/// An unchanged stretch, cut to the words next to the changes around it.
fn shorten(text: &str, first: bool, last: bool) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let keep_head = if first { 0 } else { CONTEXT + 1 };
    let keep_tail = if last { 0 } else { CONTEXT + 1 };
    if words.len() <= keep_head + keep_tail + 2 || (first && last) {
        return text.to_owned();
    }
    let head = words[..keep_head].join(" ");
    let tail = words[words.len() - keep_tail..].join(" ");
    match (first, last) {
        (true, _) => format!("… {tail}"),
        (_, true) => format!("{head} …"),
        _ => format!("{head} … {tail}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_changed_words() {
        assert_eq!(
            word_diff("What is the Django ORM?", "What's Django's ORM?"),
            "[-What is the Django-] {+What's Django's+} ORM?"
        );
        assert_eq!(word_diff("a b c", "a  b\n c"), "a b c");
        assert_eq!(word_diff("use views here", "use class views here"), "use {+class+} views here");
        assert_eq!(
            word_diff("The ORM comes up", "URL dispatching comes up"),
            "[-The ORM-] {+URL dispatching+} comes up"
        );
        assert_eq!(word_diff("a b", "a b"), "a b");
        assert_eq!(word_diff("", "new words"), "{+new words+}");
    }

    #[test]
    fn long_unchanged_stretches_are_shortened() {
        let old = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen";
        let new = "one two three four five six seven EIGHT nine ten eleven twelve thirteen fourteen fifteen";
        let d = word_diff(old, new);
        assert_eq!(d, "… four five six seven [-eight-] {+EIGHT+} nine ten eleven twelve …");
    }
}

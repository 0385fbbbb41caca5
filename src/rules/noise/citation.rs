//! `noise/inline-citation`: which "Source:" lines are pasted attribution.
//!
//! "Source: see Simplilearn and GeeksforGeeks" is residue: text that names
//! where an answer came from and takes the reader nowhere. "Reference: [The
//! Python Tutorial](https://…)" is a deliberate reference the reader can
//! follow, and so is a "References:" label over a list of links. A citation
//! line that holds a link, or whose label introduces lines of links, is
//! left alone.

use std::ops::Range;

use crate::bank::markdown;

pub const ID: &str = "noise/inline-citation";

/// Whether the citation line matched at `range` is residue: no link on it,
/// and not a label over lines of links.
pub fn is_residue(text: &str, range: &Range<usize>) -> bool {
    let links = markdown::links(text);
    if links.is_empty() {
        return true;
    }
    let line_end = text[range.end..].find('\n').map_or(text.len(), |i| range.end + i);
    if links.iter().any(|l| l.range.start < line_end && l.range.end > range.start) {
        return false;
    }
    // "References:" alone on its line, over a list of links.
    let rest_of_line = text[range.start..line_end].trim_end();
    if rest_of_line.ends_with(':') {
        let refs = markdown::reference_lines(text, &links);
        return !refs.iter().any(|r| r.start <= range.start && range.start < r.end);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn residue(text: &str, label: &str) -> bool {
        let s = text.find(label).unwrap();
        let end = text[s..].find('\n').map_or(text.len(), |i| s + i);
        is_residue(text, &(s..end))
    }

    #[test]
    fn plain_attribution_is_residue() {
        assert!(residue("Middleware runs in order.\nSources: Django docs, Simplilearn", "Sources:"));
        assert!(residue("Source: djangoproject.com", "Source:"));
        assert!(residue("Source: the docs\n\nSee [x](https://x.y) too.", "Source:"));
    }

    #[test]
    fn references_with_links_are_not() {
        assert!(!residue("`true`\n\nReference: [Basic Operators](https://docs.swift.org/b.html)", "Reference:"));
        assert!(!residue("Yes.\n\nReferences:\n\n- [A](https://a.b)\n- [B](https://b.c)", "References:"));
        assert!(!residue("Explanation: it works. Reference: https://a.b/c.", "Reference:"));
    }
}

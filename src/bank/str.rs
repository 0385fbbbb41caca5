//! [`Str`]: a field's decoded text, which is most often a stretch of its
//! file's text and then costs no copy.
//!
//! A bank keeps every file's text (findings point into it) and every
//! decoded field (rules read it). Most fields decode to the very bytes they
//! were written as: a plain scalar, a quoted one without escapes, a
//! Markdown paragraph. Those share the file's text; only the others (block
//! scalars, escapes, folded lines) hold a copy. At a million questions this
//! is the difference between holding the bank once and nearly twice.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

/// An immutable string: a range of a file's text, or a buffer of its own.
/// Cloning it costs a reference count, not a copy.
#[derive(Clone)]
pub struct Str(Repr);

#[derive(Clone)]
enum Repr {
    /// 32-bit offsets keep a `Str` at 24 bytes; a field past 4 GiB of
    /// its file is copied instead.
    Shared {
        source: Arc<String>,
        start: u32,
        end: u32,
    },
    Owned(Arc<str>),
}

impl Str {
    /// `value`, shared from `source` when one of `ranges` of `source` holds
    /// exactly those bytes, else copied into a buffer of its own.
    pub fn shared_or_owned(source: &Arc<String>, ranges: &[Range<usize>], value: &str) -> Str {
        Str::shared(source, ranges, value).unwrap_or_else(|| Str::from(value))
    }

    /// `value` as the first of `ranges` of `source` that holds exactly
    /// those bytes, if one does.
    pub fn shared(source: &Arc<String>, ranges: &[Range<usize>], value: &str) -> Option<Str> {
        let r = ranges.iter().find(|r| r.len() == value.len() && source.get((*r).clone()) == Some(value))?;
        let (start, end) = (u32::try_from(r.start).ok()?, u32::try_from(r.end).ok()?);
        Some(Str(Repr::Shared { source: Arc::clone(source), start, end }))
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Shared { source, start, end } => &source[*start as usize..*end as usize],
            Repr::Owned(s) => s,
        }
    }

    /// Whether the text is a stretch of `source` rather than a copy.
    pub fn shares(&self, source: &Arc<String>) -> bool {
        matches!(&self.0, Repr::Shared { source: s, .. } if Arc::ptr_eq(s, source))
    }
}

impl Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str(Repr::Owned(Arc::from(s)))
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        Str(Repr::Owned(Arc::from(s)))
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Str {}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_the_source_only_where_the_bytes_are_the_same() {
        let source = Arc::new("a: \"héllo\"\nb: |\n  x\n".to_owned());
        let quoted = Str::shared_or_owned(&source, &[3..11, 4..10], "héllo");
        assert!(quoted.shares(&source));
        assert_eq!(quoted, "héllo");
        // A block scalar decodes to other bytes: a copy.
        let block = Str::shared_or_owned(&source, &[14..20, 13..21], "x\n");
        assert!(!block.shares(&source));
        assert_eq!(block.as_str(), "x\n");
        // A range off a character boundary or past the end is not shared.
        let odd = Str::shared_or_owned(&source, &[6..8, 30..32], "é");
        assert!(!odd.shares(&source));
        assert_eq!(odd, "é");
    }
}

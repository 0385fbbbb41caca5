//! The little of Markdown that rules need: which parts of an answer are
//! code. Answers quote code in backtick spans, fenced blocks (```` ``` ````
//! or `~~~`) and indented blocks; text there is not prose and is left to
//! rules that want it.

use std::ops::Range;

/// Byte ranges of `text` that are code, sorted and disjoint.
pub fn code_regions(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    if memchr::memchr2(b'`', b'~', bytes).is_none() && !text.contains("\n    ") && !text.contains("\n\t") {
        return Vec::new();
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut fence: Option<(u8, usize, usize)> = None; // (char, run length, block start)
    let mut pos = 0;
    while pos < text.len() {
        let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(text.len(), |i| pos + i + 1);
        let line = &text[pos..end];
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let run = |c: u8| trimmed.bytes().take_while(|&b| b == c).count();
        match fence {
            Some((c, n, start)) => {
                if indent < 4 && run(c) >= n && trimmed[run(c)..].trim().is_empty() {
                    out.push(start..end);
                    fence = None;
                }
            }
            None => {
                let (tick, tilde) = (run(b'`'), run(b'~'));
                if indent < 4 && (tick >= 3 || tilde >= 3) {
                    let (c, n) = if tick >= 3 { (b'`', tick) } else { (b'~', tilde) };
                    // A backtick fence's info string cannot hold a backtick.
                    if c == b'~' || !trimmed[n..].contains('`') {
                        fence = Some((c, n, pos));
                        pos = end;
                        continue;
                    }
                }
                if (indent >= 4 || line.starts_with('\t')) && !line.trim().is_empty() {
                    out.push(pos..end);
                } else {
                    spans(text, pos..end, &mut out);
                }
            }
        }
        pos = end;
    }
    if let Some((_, _, start)) = fence {
        out.push(start..text.len()); // an unclosed fence runs to the end
    }
    out
}

/// Backtick code spans within one line: a run of N backticks up to the
/// next run of exactly N.
fn spans(text: &str, line: Range<usize>, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut i = line.start;
    while let Some(off) = memchr::memchr(b'`', &bytes[i..line.end]) {
        let open = i + off;
        let n = bytes[open..line.end].iter().take_while(|&&b| b == b'`').count();
        let mut j = open + n;
        let mut closed = None;
        while let Some(off) = memchr::memchr(b'`', &bytes[j..line.end]) {
            let at = j + off;
            let m = bytes[at..line.end].iter().take_while(|&&b| b == b'`').count();
            if m == n {
                closed = Some(at + m);
                break;
            }
            j = at + m;
        }
        match closed {
            Some(end) => {
                out.push(open..end);
                i = end;
            }
            None => i = open + n,
        }
    }
}

/// Whether `range` overlaps any of the sorted `regions`.
pub fn overlaps(regions: &[Range<usize>], range: &Range<usize>) -> bool {
    let i = regions.partition_point(|r| r.end <= range.start);
    regions.get(i).is_some_and(|r| r.start < range.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Vec<&str> {
        code_regions(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn finds_spans_fences_and_indented_blocks() {
        assert_eq!(code("Use `x[0]` and ``a`b`` here"), ["`x[0]`", "``a`b``"]);
        assert_eq!(code("an ` unmatched tick"), Vec::<&str>::new());
        assert_eq!(code("text\n```python\nx = [1]\n```\nafter `y`"), ["```python\nx = [1]\n```\n", "`y`"]);
        assert_eq!(code("text\n~~~\nopen to the end"), ["~~~\nopen to the end"]);
        assert_eq!(code("para\n\n    indented = 1\nback"), ["    indented = 1\n"]);
        assert!(code("plain prose only").is_empty());
    }

    #[test]
    fn overlap_test() {
        let regions = [2..5, 9..12];
        assert!(overlaps(&regions, &(4..6)));
        assert!(!overlaps(&regions, &(5..9)));
        assert!(overlaps(&regions, &(0..20)));
    }
}

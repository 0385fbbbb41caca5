//! The little of Markdown that rules need: which parts of an answer are
//! code, which are links, and which lines are only references.
//!
//! Answers quote code in backtick spans, fenced blocks (```` ``` ```` or
//! `~~~`) and indented blocks; text there is not prose and is left to rules
//! that want it. Links (`[text](url)`, `![alt](url)`, `<https://…>` and
//! bare URLs) point somewhere else: their address is not prose either, and
//! a line that holds only links, with at most a label such as
//! "Reference:", is a deliberate reference, not part of the answer's
//! wording.

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

/// A link in Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The whole link: `[text](url)`, `![alt](url)`, `<url>` or a bare URL.
    pub range: Range<usize>,
    /// The text a reader sees (empty for images and bare URLs).
    pub text: Range<usize>,
    /// Whether it is an image.
    pub image: bool,
}

/// The links of `text`, in order, not overlapping.
pub fn links(text: &str) -> Vec<Link> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    if memchr::memchr2(b'[', b'<', bytes).is_none() && memchr::memmem::find(bytes, b"://").is_none() {
        return out;
    }
    // Jump from one byte that may start a link to the next: `[`, `<`, or
    // the `:` of a bare URL's `://`, whose scheme starts a word.
    let mut i = 0;
    while let Some(found) = memchr::memchr3(b'[', b'<', b':', &bytes[i..]) {
        let at = i + found;
        match bytes[at] {
            b'[' => {
                if let Some(link) = inline_link(text, at) {
                    i = link.range.end;
                    out.push(link);
                    continue;
                }
            }
            b'<' => {
                if let Some(end) = autolink(text, at) {
                    out.push(Link { range: at..end, text: at..at, image: false });
                    i = end;
                    continue;
                }
            }
            _ => {
                let scheme = |len: usize| {
                    at >= i + len && bytes[at - len..at].eq_ignore_ascii_case(&b"https"[..len]) && {
                        let start = at - len;
                        start == 0 || !bytes[start - 1].is_ascii_alphanumeric()
                    }
                };
                let start = [5, 4].into_iter().find(|&len| scheme(len)).map(|len| at - len);
                if let Some((start, end)) = start.and_then(|start| Some((start, bare_url(text, start)?))) {
                    out.push(Link { range: start..end, text: start..start, image: false });
                    i = end;
                    continue;
                }
            }
        }
        i = at + 1;
    }
    out
}

/// `[text](target)` or `![alt](target)` starting at the `[` at `open`.
fn inline_link(text: &str, open: usize) -> Option<Link> {
    let bytes = text.as_bytes();
    let image = open > 0 && bytes[open - 1] == b'!';
    // The text: up to the matching `]`, on one line, nested brackets allowed.
    let mut depth = 0usize;
    let mut j = open;
    let close = loop {
        j += 1;
        match bytes.get(j)? {
            b'\\' => j += 1,
            b'[' => depth += 1,
            b']' if depth == 0 => break j,
            b']' => depth -= 1,
            b'\n' => return None,
            _ => {}
        }
        if j - open > 1000 {
            return None;
        }
    };
    if bytes.get(close + 1) != Some(&b'(') {
        return None;
    }
    // The target: up to the matching `)`, on one line.
    let mut depth = 0usize;
    let mut k = close + 1;
    let end = loop {
        k += 1;
        match bytes.get(k)? {
            b'(' => depth += 1,
            b')' if depth == 0 => break k + 1,
            b')' => depth -= 1,
            b'\n' => return None,
            _ => {}
        }
        if k - close > 2000 {
            return None;
        }
    };
    let start = if image { open - 1 } else { open };
    Some(Link { range: start..end, text: if image { open..open } else { open + 1..close }, image })
}

/// `<scheme://…>`: the end of an autolink starting at `open`.
fn autolink(text: &str, open: usize) -> Option<usize> {
    let rest = &text[open + 1..];
    let end = rest.find(['>', ' ', '\n'])?;
    (rest.as_bytes()[end] == b'>' && (rest.starts_with("http://") || rest.starts_with("https://")))
        .then_some(open + 1 + end + 1)
}

/// The end of a bare `http(s)://` URL starting at `start`: up to white
/// space, without trailing punctuation or an unmatched closing bracket.
fn bare_url(text: &str, start: usize) -> Option<usize> {
    let rest = &text[start..];
    let scheme = ["http://", "https://"]
        .into_iter()
        .find(|s| rest.len() > s.len() && rest.get(..s.len()).is_some_and(|h| h.eq_ignore_ascii_case(s)))?;
    let len =
        rest.find(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"' || c == '`').unwrap_or(rest.len());
    let mut url = &rest[..len];
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '*', '_']);
        let trimmed = if trimmed.ends_with(')') && trimmed.matches('(').count() < trimmed.matches(')').count() {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if trimmed.len() == url.len() {
            break;
        }
        url = trimmed;
    }
    (url.len() > scheme.len()).then_some(start + url.len())
}

/// Byte ranges of `text` that are addresses rather than words, sorted and
/// disjoint: link targets (the text of a link stays), images, bare URLs
/// and, with `references`, whole reference lines ([`reference_lines`]).
pub fn addresses(text: &str, references: bool) -> Vec<Range<usize>> {
    let links = links(text);
    let refs = if references { reference_lines(text, &links) } else { Vec::new() };
    addresses_of(&links, &refs)
}

/// [`addresses`] from links and reference lines already found.
pub fn addresses_of(links: &[Link], references: &[Range<usize>]) -> Vec<Range<usize>> {
    if links.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    for l in links {
        if l.text.is_empty() {
            out.push(l.range.clone());
        } else {
            out.push(l.range.start..l.text.start);
            out.push(l.text.end..l.range.end);
        }
    }
    out.extend(references.iter().cloned());
    out.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Words that may label a line of references: "Reference:", "Source",
/// "See also", "Read more", "Explanation", "Docs".
const REFERENCE_LABELS: &[&str] = &[
    "reference",
    "references",
    "ref",
    "refs",
    "refrence",
    "source",
    "sources",
    "see",
    "also",
    "more",
    "read",
    "explanation",
    "docs",
    "doc",
    "documentation",
    "link",
    "links",
    "further",
    "reading",
    "learn",
    "info",
    "information",
    "official",
    "via",
    "from",
    "here",
    "details",
    "and",
    "the",
    "check",
    "out",
];

/// Byte ranges of the lines of `text` that hold only links (at least one),
/// with at most a label from a short list ("Reference:", "Source -", "See
/// also") and list markers or punctuation around them; each range ends
/// after its line break. A label line ("References:") directly followed by
/// such lines counts with them.
pub fn reference_lines(text: &str, links: &[Link]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    if links.is_empty() {
        return out;
    }
    let mut pending_label: Option<Range<usize>> = None;
    let mut pos = 0;
    let mut k = 0; // first link not before this line
    while pos < text.len() {
        let end = memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i + 1);
        while k < links.len() && links[k].range.end <= pos {
            k += 1;
        }
        let mut rest = String::new();
        let mut any = false;
        let mut last = pos;
        for link in links[k..].iter().take_while(|l| l.range.start < end) {
            rest.push_str(&text[last..link.range.start.max(last)]);
            rest.push(' ');
            last = link.range.end.min(end);
            any = true;
        }
        rest.push_str(&text[last.min(end)..end]);
        let label_only = rest.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).all(|w| {
            REFERENCE_LABELS.contains(&w.to_ascii_lowercase().as_str()) || w.bytes().all(|b| b.is_ascii_digit())
        });
        if any && label_only {
            if let Some(label) = pending_label.take() {
                out.push(label);
            }
            out.push(pos..end);
        } else if !any && label_only && !rest.trim().is_empty() && rest.trim_end().ends_with(':') {
            pending_label = Some(pos..end);
        } else if !rest.trim().is_empty() {
            pending_label = None;
        }
        pos = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`links`] by visiting every byte: the reference the jumping scan
    /// is compared with.
    fn links_byte_by_byte(text: &str) -> Vec<Link> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let found = match bytes[i] {
                b'[' => inline_link(text, i).map(|l| (l.range.end, l)),
                b'<' => autolink(text, i).map(|end| (end, Link { range: i..end, text: i..i, image: false })),
                b'h' | b'H' if i == 0 || !bytes[i - 1].is_ascii_alphanumeric() => {
                    bare_url(text, i).map(|end| (end, Link { range: i..end, text: i..i, image: false }))
                }
                _ => None,
            };
            match found {
                Some((end, link)) => {
                    out.push(link);
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    #[test]
    fn the_link_scan_finds_what_a_byte_by_byte_scan_finds() {
        let pieces = [
            "see ",
            "[docs](https://example.com/a_(b))",
            "![img](x.png)",
            "<https://example.org>",
            "<b>",
            "http://",
            "https://x.io/p?q=1",
            "HTTPS://UP.EXAMPLE",
            "xhttp://no",
            "ahttps://",
            "(http://in.parens/)",
            "[",
            "]",
            "(",
            ")",
            ":",
            "://",
            "h",
            "ttp",
            "s",
            "\n",
            "\n",
            " ",
            ".",
            "é",
            "[a [b] c](u)",
            "`code`",
            "!",
        ];
        let mut rng = crate::corpus::Rng::new(5);
        for _ in 0..5_000 {
            let text: String = (0..rng.below(12)).map(|_| *rng.pick(&pieces)).collect();
            assert_eq!(links(&text), links_byte_by_byte(&text), "{text:?}");
        }
    }

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
    fn finds_links_images_and_urls() {
        let text = "See [the docs](https://x.io/a_(b)) and ![logo](img.png), <https://y.org/z> or https://z.dev/p?q=1.";
        let got: Vec<(&str, &str, bool)> =
            links(text).iter().map(|l| (&text[l.range.clone()], &text[l.text.clone()], l.image)).collect();
        assert_eq!(
            got,
            [
                ("[the docs](https://x.io/a_(b))", "the docs", false),
                ("![logo](img.png)", "", true),
                ("<https://y.org/z>", "", false),
                ("https://z.dev/p?q=1", "", false),
            ]
        );
        assert!(links("items[1] and [x] (y) and a<b>c").is_empty());
    }

    #[test]
    fn reference_lines_hold_only_links() {
        let refs = |text: &str| -> Vec<String> {
            reference_lines(text, &links(text)).into_iter().map(|r| text[r].to_owned()).collect()
        };
        assert_eq!(refs("`true`\n\nReference: [Guide](https://a.b/c)"), ["Reference: [Guide](https://a.b/c)"]);
        assert_eq!(refs("colon\n\n[Reference](https://a.b/c)\n"), ["[Reference](https://a.b/c)\n"]);
        assert_eq!(
            refs("x\nReferences:\n- [a](https://a.b)\n- [b](https://b.c)\n"),
            ["References:\n", "- [a](https://a.b)\n", "- [b](https://b.c)\n"]
        );
        // A link inside a sentence is part of the answer.
        assert!(refs("Use [select_related](https://a.b) to join.").is_empty());
        assert!(refs("References:\nnone here").is_empty());
    }

    #[test]
    fn addresses_leave_link_text() {
        let text = "Use [select_related](https://a.b/c) here.\n\n[Reference](https://x.y)";
        let shown: Vec<&str> = addresses(text, false).into_iter().map(|r| &text[r]).collect();
        assert_eq!(shown, ["[", "](https://a.b/c)", "[", "](https://x.y)"]);
        let shown: Vec<&str> = addresses(text, true).into_iter().map(|r| &text[r]).collect();
        assert_eq!(shown, ["[", "](https://a.b/c)", "[Reference](https://x.y)"]);
    }

    #[test]
    fn overlap_test() {
        let regions = [2..5, 9..12];
        assert!(overlaps(&regions, &(4..6)));
        assert!(!overlaps(&regions, &(5..9)));
        assert!(overlaps(&regions, &(0..20)));
    }
}

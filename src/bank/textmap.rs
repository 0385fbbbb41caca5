//! Maps byte offsets inside a decoded YAML string back to file bytes.
//!
//! No YAML parser reports where each character of a decoded scalar came
//! from: quotes and escapes change lengths, block scalars drop indentation,
//! folding turns line breaks into spaces. This module decodes the scalar a
//! second time, style by style, recording for every piece of output the
//! source bytes it came from. The result is compared with the parser's own
//! value; when they differ (an exotic construct this re-scanner does not
//! know) the map falls back to pointing at the whole scalar, so a label is
//! never wrong, only wider.

use std::ops::Range;

use crate::bank::yaml::Style;
use crate::finding::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seg {
    /// Start of this piece in the decoded string.
    dec: usize,
    /// Start of the source bytes it came from.
    src: usize,
    dec_len: usize,
    src_len: usize,
    /// The decoded bytes are the source bytes (not an escape or a fold).
    verbatim: bool,
}

/// Offsets in a decoded scalar → spans in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextMap {
    /// Empty when the re-scan did not reproduce the parser's value.
    segs: Vec<Seg>,
    /// The whole scalar in the source, quotes and block header excluded.
    whole: Span,
}

impl TextMap {
    /// Build the map for a scalar whose token spans `span` in `source` and
    /// which the parser decoded to `decoded`.
    pub fn build(source: &str, span: Span, style: Style, header_from: usize, decoded: &str) -> TextMap {
        if let Some(map) = Self::single_run(source, span, style, decoded) {
            return map;
        }
        let mut b = Builder { expected: decoded, len: 0, matches: true, segs: Vec::new() };
        let ok = match style {
            Style::Plain => flow(source, span.start, span.end, FlowKind::Plain, &mut b),
            Style::SingleQuoted => quoted(source, span, FlowKind::Single, &mut b),
            Style::DoubleQuoted => quoted(source, span, FlowKind::Double, &mut b),
            Style::Literal | Style::Folded => block(source, span, style, header_from, &mut b),
            Style::Markdown => {
                dedent(source, span, header_from, |src, line| b.copy(src, line));
                Some(())
            }
        };
        let whole = match (style, b.segs.first(), b.segs.last()) {
            (_, Some(first), Some(last)) => Span::new(first.src, last.src + last.src_len),
            (Style::SingleQuoted | Style::DoubleQuoted, ..) if span.len() >= 2 => {
                Span::new(span.start + 1, span.end - 1)
            }
            _ => span,
        };
        let exact = ok.is_some() && b.matches && b.len == decoded.len();
        TextMap { segs: if exact { b.segs } else { Vec::new() }, whole }
    }

    /// The common case: a one-line scalar whose text stands verbatim in the
    /// source (no escapes, no folding), i.e. one segment.
    fn single_run(source: &str, span: Span, style: Style, decoded: &str) -> Option<TextMap> {
        let inner = match style {
            Style::Plain => span,
            Style::SingleQuoted | Style::DoubleQuoted if span.len() >= 2 => Span::new(span.start + 1, span.end - 1),
            _ => return None,
        };
        if decoded.is_empty() || source.get(inner.start..inner.end)? != decoded {
            return None;
        }
        let seg = Seg { dec: 0, src: inner.start, dec_len: decoded.len(), src_len: decoded.len(), verbatim: true };
        Some(TextMap { segs: vec![seg], whole: inner })
    }

    /// Whether the map is exact (the re-scan matched the parser).
    pub fn is_exact(&self) -> bool {
        !self.segs.is_empty()
    }

    /// The file span of the decoded byte range `range`.
    pub fn span(&self, range: Range<usize>) -> Span {
        if self.segs.is_empty() {
            return self.whole;
        }
        let start = self.point(range.start, false);
        let end = if range.end > range.start { self.point(range.end, true) } else { start };
        Span::new(start, end.max(start))
    }

    /// The file bytes that spell exactly the decoded range `range`, or
    /// `None` when the range cuts through an escape or a fold (or the map
    /// is not exact). Removing those bytes removes exactly that text, as
    /// long as the rest of the scalar still reads the same; `crate::fix`
    /// checks that by parsing again.
    pub fn exact_span(&self, range: Range<usize>) -> Option<Span> {
        let boundary = |offset: usize| -> Option<usize> {
            let i = self.segs.partition_point(|s| s.dec + s.dec_len <= offset);
            match self.segs.get(i) {
                None => self.segs.last().filter(|s| s.dec + s.dec_len == offset).map(|s| s.src + s.src_len),
                Some(s) if s.dec == offset => Some(s.src),
                Some(s) if s.verbatim => Some(s.src + (offset - s.dec)),
                Some(_) => None,
            }
        };
        if self.segs.is_empty() || range.start > range.end {
            return None;
        }
        let start = boundary(range.start)?;
        // An end that falls on a segment start belongs to the segment before.
        let end = if range.end == range.start {
            start
        } else {
            let i = self.segs.partition_point(|s| s.dec + s.dec_len < range.end);
            let s = self.segs.get(i)?;
            if s.dec + s.dec_len == range.end {
                s.src + s.src_len
            } else if s.verbatim {
                s.src + (range.end - s.dec)
            } else {
                return None;
            }
        };
        (start <= end).then_some(Span::new(start, end))
    }

    fn point(&self, offset: usize, is_end: bool) -> usize {
        // The segment holding the byte at `offset` (or, for an end, the byte before it).
        let probe = if is_end { offset.saturating_sub(1) } else { offset };
        let i = self.segs.partition_point(|s| s.dec + s.dec_len <= probe);
        let Some(seg) = self.segs.get(i) else {
            return self.whole.end;
        };
        if seg.verbatim {
            seg.src + (offset - seg.dec).min(seg.src_len)
        } else if is_end {
            seg.src + seg.src_len
        } else {
            seg.src
        }
    }
}

/// The text of Markdown lines `span` with up to `indent` leading spaces
/// removed from each: how a Markdown bank's field reads when it sits in a
/// list item. The map of a [`Style::Markdown`] field (whose `header_from`
/// is the indent) is built by the same walk, so the two always agree.
pub fn markdown_value(source: &str, span: Span, indent: usize) -> String {
    let mut out = String::with_capacity(span.len());
    dedent(source, span, indent, |_, line| out.push_str(line));
    out
}

/// Call `each(offset, piece)` for every line of `span` after its first
/// `indent` spaces (fewer if the line has fewer).
fn dedent(source: &str, span: Span, indent: usize, mut each: impl FnMut(usize, &str)) {
    let text = &source[span.start..span.end];
    let mut pos = span.start;
    for line in text.split_inclusive('\n') {
        let strip = line.bytes().take(indent).take_while(|&b| b == b' ').count();
        each(pos + strip, &line[strip..]);
        pos += line.len();
    }
}

/// Records segments while checking, piece by piece, that the re-scan
/// reproduces the parser's value (`expected`).
struct Builder<'e> {
    expected: &'e str,
    /// Bytes of `expected` produced so far.
    len: usize,
    /// Every piece so far matched `expected`.
    matches: bool,
    segs: Vec<Seg>,
}

impl Builder<'_> {
    /// Append `text` to the output; `None` once the output departs from `expected`.
    fn emit(&mut self, text: &str) -> Option<usize> {
        let dec = self.len;
        self.matches &= self.expected.get(dec..dec + text.len()) == Some(text);
        self.len += text.len();
        self.matches.then_some(dec)
    }

    /// Output `text`, which stands verbatim in the source at `src`.
    fn copy(&mut self, src: usize, text: &str) {
        if text.is_empty() {
            return;
        }
        let Some(dec) = self.emit(text) else { return };
        if let Some(last) = self.segs.last_mut()
            && last.verbatim
            && last.dec + last.dec_len == dec
            && last.src + last.src_len == src
        {
            last.dec_len += text.len();
            last.src_len += text.len();
            return;
        }
        self.segs.push(Seg { dec, src, dec_len: text.len(), src_len: text.len(), verbatim: true });
    }

    /// Output `text`, which the source spells as the bytes `src`.
    fn synth(&mut self, src: Range<usize>, text: &str) {
        if text.is_empty() {
            return;
        }
        let Some(dec) = self.emit(text) else { return };
        self.segs.push(Seg { dec, src: src.start, dec_len: text.len(), src_len: src.len(), verbatim: false });
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FlowKind {
    Plain,
    Single,
    Double,
}

fn quoted(source: &str, span: Span, kind: FlowKind, b: &mut Builder) -> Option<()> {
    let quote = if kind == FlowKind::Single { b'\'' } else { b'"' };
    let bytes = source.as_bytes();
    if span.len() < 2 || bytes[span.start] != quote || bytes[span.end - 1] != quote {
        return None;
    }
    flow(source, span.start + 1, span.end - 1, kind, b)
}

/// One piece of a flow line: literal text, an escape, or white space.
struct Piece {
    src: Range<usize>,
    /// `None` when the decoded text is the source text.
    decoded: Option<String>,
    white: bool,
}

struct Line {
    pieces: Vec<Piece>,
    /// The line ends in a `\` that escapes its line break.
    escaped_break: bool,
}

/// Decode a flow scalar (plain or quoted) between `start` and `end`,
/// applying YAML line folding.
fn flow(source: &str, start: usize, end: usize, kind: FlowKind, b: &mut Builder) -> Option<()> {
    let text = source.get(start..end)?;
    let mut lines = Vec::new();
    let mut pos = 0;
    loop {
        let brk = text[pos..].find(['\n', '\r']).map(|i| pos + i);
        let line_end = brk.unwrap_or(text.len());
        lines.push(split_pieces(text, start, pos..line_end, kind)?);
        let Some(brk) = brk else { break };
        pos = brk + if text[brk..].starts_with("\r\n") { 2 } else { 1 };
    }
    let last = lines.len() - 1;
    // Content lines: the first, the last, and any with non-white content.
    let content: Vec<usize> =
        (0..lines.len()).filter(|&i| i == 0 || i == last || lines[i].pieces.iter().any(|p| !p.white)).collect();
    let mut prev_end: Option<(usize, bool)> = None; // (source end of previous line's content, escaped)
    for (n, &i) in content.iter().enumerate() {
        let line = &lines[i];
        let mut pieces: &[Piece] = &line.pieces;
        if i > 0 {
            let lead = pieces.iter().take_while(|p| p.white).count();
            pieces = &pieces[lead..];
        }
        if i < last && !line.escaped_break {
            let trail = pieces.iter().rev().take_while(|p| p.white).count();
            pieces = &pieces[..pieces.len() - trail];
        }
        if let Some((gap_start, escaped)) = prev_end {
            let empties = i - content[n - 1] - 1;
            let gap_end = pieces.first().map_or(gap_start, |p| p.src.start).max(gap_start);
            let joint = if empties == 0 && !escaped { " " } else { newlines(empties) };
            b.synth(gap_start..gap_end, joint);
        }
        for p in pieces {
            match &p.decoded {
                None => b.copy(p.src.start, &source[p.src.clone()]),
                Some(d) => b.synth(p.src.clone(), d),
            }
        }
        let line_end = pieces.last().map_or_else(|| first_src(line).unwrap_or(start), |p| p.src.end);
        prev_end = Some((line_end, line.escaped_break));
    }
    Some(())
}

fn first_src(line: &Line) -> Option<usize> {
    line.pieces.first().map(|p| p.src.start)
}

/// Split one line of a flow scalar into pieces (absolute source offsets).
fn split_pieces(text: &str, base: usize, range: Range<usize>, kind: FlowKind) -> Option<Line> {
    let mut pieces = Vec::new();
    let mut escaped_break = false;
    let line = &text[range.clone()];
    let bytes = line.as_bytes();
    let mut i = 0;
    let at = |i: usize| base + range.start + i;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b' ' || c == b'\t' {
            let n = bytes[i..].iter().take_while(|&&c| c == b' ' || c == b'\t').count();
            pieces.push(Piece { src: at(i)..at(i + n), decoded: None, white: true });
            i += n;
        } else if kind == FlowKind::Single && c == b'\'' {
            if bytes.get(i + 1) != Some(&b'\'') {
                return None;
            }
            pieces.push(Piece { src: at(i)..at(i + 2), decoded: Some("'".into()), white: false });
            i += 2;
        } else if kind == FlowKind::Double && c == b'\\' {
            if i + 1 == bytes.len() {
                escaped_break = true;
                break;
            }
            let (decoded, len) = unescape(&line[i + 1..])?;
            pieces.push(Piece { src: at(i)..at(i + 1 + len), decoded: Some(decoded), white: false });
            i += 1 + len;
        } else {
            let n = line[i..]
                .bytes()
                .take_while(|&c| {
                    !(c == b' '
                        || c == b'\t'
                        || (kind == FlowKind::Single && c == b'\'')
                        || (kind == FlowKind::Double && c == b'\\'))
                })
                .count();
            pieces.push(Piece { src: at(i)..at(i + n), decoded: None, white: false });
            i += n;
        }
    }
    Some(Line { pieces, escaped_break })
}

/// Decode the escape after a backslash: (text, bytes consumed).
fn unescape(rest: &str) -> Option<(String, usize)> {
    let c = rest.chars().next()?;
    let simple = match c {
        '0' => '\0',
        'a' => '\x07',
        'b' => '\x08',
        't' | '\t' => '\t',
        'n' => '\n',
        'v' => '\x0b',
        'f' => '\x0c',
        'r' => '\r',
        'e' => '\x1b',
        ' ' => ' ',
        '"' => '"',
        '/' => '/',
        '\\' => '\\',
        'N' => '\u{85}',
        '_' => '\u{a0}',
        'L' => '\u{2028}',
        'P' => '\u{2029}',
        'x' | 'u' | 'U' => {
            let n = match c {
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
            let hex = rest.get(1..1 + n)?;
            let ch = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
            return Some((ch.to_string(), 1 + n));
        }
        _ => return None,
    };
    Some((simple.to_string(), c.len_utf8()))
}

/// A line of a block scalar, offsets absolute.
struct BlockLine {
    start: usize,
    /// End of the line's text, before its line break.
    end: usize,
    /// End of the line break (== `end` on the last line without one).
    brk_end: usize,
    indent: usize,
}

fn block(source: &str, span: Span, style: Style, header_from: usize, b: &mut Builder) -> Option<()> {
    let bytes = source.as_bytes();
    // Find the header indicator between the previous token and the content
    // (an anchored block scalar's span starts at the indicator itself).
    let mut i = header_from;
    while i < span.start.min(bytes.len()) {
        match bytes[i] {
            b'|' | b'>' => break,
            b'&' | b'!' => {
                while i < span.start && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    if i > span.start || !matches!(bytes.get(i), Some(b'|' | b'>')) {
        return None;
    }
    let mut chomp = b'c';
    let mut explicit = None;
    let mut j = i + 1;
    while j < bytes.len() {
        match bytes[j] {
            c @ (b'+' | b'-') => chomp = c,
            c @ b'1'..=b'9' => explicit = Some((c - b'0') as usize),
            _ => break,
        }
        j += 1;
    }
    // Content starts on the line after the header.
    let content_start = source[j..].find('\n').map(|k| j + k + 1)?;
    let content_end = span.end.min(source.len()).max(content_start);
    let mut lines = Vec::new();
    let mut pos = content_start;
    while pos < content_end {
        let end = source[pos..content_end].find(['\r', '\n']).map_or(content_end, |k| pos + k);
        let brk_end = if source[end..].starts_with("\r\n") {
            end + 2
        } else if end < source.len() && end < content_end {
            end + 1
        } else {
            end
        };
        let indent = source[pos..end].bytes().take_while(|&c| c == b' ').count();
        lines.push(BlockLine { start: pos, end, brk_end, indent });
        pos = brk_end;
    }
    let is_empty = |l: &BlockLine, indent: usize| l.end - l.start <= indent && l.indent == l.end - l.start;
    let indent = match explicit {
        Some(_) => line_col(source, span.start),
        None => lines.iter().find(|l| l.indent != l.end - l.start).map(|l| l.indent)?,
    };
    let last_content = lines.iter().rposition(|l| !is_empty(l, indent));
    let last_content = last_content?;
    let mut prev: Option<(usize, bool)> = None; // (index of previous content line, it was normal)
    let mut pending_empties: Vec<usize> = Vec::new();
    for (n, line) in lines.iter().enumerate().take(last_content + 1) {
        if is_empty(line, indent) {
            pending_empties.push(n);
            continue;
        }
        if line.indent < indent {
            return None; // not the shape this re-scanner knows: stay coarse
        }
        let text_start = line.start + indent;
        let normal = !matches!(bytes.get(text_start), Some(b' ' | b'\t'));
        match prev {
            None => {
                for &e in &pending_empties {
                    b.synth(lines[e].start..lines[e].brk_end, "\n");
                }
            }
            Some((p, prev_normal)) => {
                let gap = lines[p].end..lines[n].start + indent;
                let k = pending_empties.len();
                let joint = if style == Style::Folded && prev_normal && normal {
                    if k == 0 { " " } else { newlines(k) }
                } else {
                    newlines(k + 1)
                };
                b.synth(gap, joint);
            }
        }
        pending_empties.clear();
        b.copy(text_start, &source[text_start..line.end]);
        prev = Some((n, normal));
    }
    // Chomping: the last content line's break and trailing empty lines.
    let last = &lines[last_content];
    match chomp {
        b'-' => {}
        b'+' => {
            b.synth(last.end..last.brk_end.max(last.end), "\n");
            for l in &lines[last_content + 1..] {
                b.synth(l.start..l.brk_end, "\n");
            }
        }
        _ => {
            if last.brk_end > last.end {
                b.synth(last.end..last.brk_end, "\n");
            }
        }
    }
    Some(())
}

/// `k` line feeds without allocating (blank-line runs are short; a longer
/// run falls back to a coarse map through the length check).
fn newlines(k: usize) -> &'static str {
    const MANY: &str = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n";
    &MANY[..k.min(MANY.len())]
}

/// Column (in bytes) of `at` within its line.
fn line_col(source: &str, at: usize) -> usize {
    at - source[..at].rfind('\n').map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::yaml::{Kind, parse};

    /// Every scalar in `text`, with its map.
    fn maps(text: &str) -> Vec<(String, TextMap)> {
        let tree = parse(text).unwrap_or_else(|e| panic!("{e:?} in {text:?}"));
        tree.nodes
            .iter()
            .filter_map(|n| match &n.kind {
                Kind::Scalar(s) => {
                    Some((s.value.clone(), TextMap::build(text, n.span, s.style, s.header_from, &s.value)))
                }
                _ => None,
            })
            .collect()
    }

    /// Words of the decoded value (runs of alphanumerics, non-ASCII included).
    fn words(s: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in s.char_indices().chain([(s.len(), ' ')]) {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    out.push(st..i);
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    /// The property the rules rely on: every word of every scalar maps to
    /// source bytes that spell exactly that word, or, where the word holds
    /// escapes, to source bytes that decode to it.
    fn assert_words_map_back(text: &str) {
        for (value, map) in maps(text) {
            assert!(map.is_exact(), "re-scan fell back for {value:?} in {text:?}");
            for w in words(&value) {
                let span = map.span(w.clone());
                let source = &text[span.start..span.end];
                if source.contains('\\') {
                    let decoded = maps(&format!("\"{source}\"")).pop().unwrap().0;
                    assert_eq!(decoded, &value[w.clone()], "in {value:?} of {text:?}");
                } else {
                    assert_eq!(source, &value[w.clone()], "in {value:?} of {text:?}");
                }
            }
        }
    }

    #[test]
    fn plain_scalars() {
        assert_words_map_back("a: plain words here\nb: multi\n  line   plain\n\n  with gap\n");
        assert_words_map_back("- one\n- two: three\n- [flow, items, \"q x\"]\n");
    }

    #[test]
    fn single_quoted_scalars() {
        assert_words_map_back("a: 'it''s quoted'\nb: '  lead and\n   folded  line\n\n   para'\n");
    }

    #[test]
    fn double_quoted_scalars_with_escapes() {
        assert_words_map_back(
            "a: \"tab\\there \\u00e9t\\u00e9 \\x41 \\\"q\\\" back\\\\slash\"\nb: \"fold\n  ed \\\n  joined\"\n",
        );
    }

    #[test]
    fn literal_block_scalars_with_chomping() {
        for header in ["|", "|-", "|+", "|2"] {
            let text = format!("a: {header}\n  first line\n    indented more\n\n  last words\n\nb: x\n");
            assert_words_map_back(&text);
        }
        assert_words_map_back("- |\n  in a list\n  two lines\n- >-\n  folded in\n  a list\n");
    }

    #[test]
    fn folded_block_scalars_with_chomping() {
        for header in [">", ">-", ">+", "> # comment"] {
            let text = format!(
                "a: {header}\n  folded first\n  second part\n\n  new para\n    kept indented\n  back\n\nb: x\n"
            );
            assert_words_map_back(&text);
        }
    }

    #[test]
    fn anchored_and_tagged_scalars() {
        assert_words_map_back(
            "a: &x plain words\nb: !!str \"q w\"\nc: &y |\n  lit text\nd: !!str >\n  f t\ne: &z !!str 'both here'\n",
        );
    }

    #[test]
    fn crlf_files() {
        assert_words_map_back(
            "a: plain\r\n  folded line\r\nb: |\r\n  lit one\r\n  lit two\r\nc: >\r\n  f one\r\n  f two\r\nd: \"x\r\n  y\"\r\n",
        );
    }

    #[test]
    fn non_ascii_text() {
        assert_words_map_back(
            "a: Überprüfung der Größe\nb: \"日本語 テキスト\"\nc: |\n  emoji 😀 ok\n  naïve café\nd: >\n  Ελληνικά κείμενο\n  συνέχεια\n",
        );
    }

    #[test]
    fn escape_maps_to_its_source_spelling() {
        let text = "a: \"caf\\u00e9 ok\"\n";
        let (value, map) = maps(text).pop().unwrap();
        assert_eq!(value, "café ok");
        let e = value.find('é').unwrap();
        let span = map.span(e..e + 'é'.len_utf8());
        assert_eq!(&text[span.start..span.end], "\\u00e9");
    }

    #[test]
    fn range_across_a_fold_covers_the_source_between() {
        let text = "a: >\n  first\n  second\n";
        let (value, map) = maps(text).pop().unwrap();
        assert_eq!(value, "first second\n");
        let span = map.span(0..12);
        assert_eq!(&text[span.start..span.end], "first\n  second");
    }

    #[test]
    fn unknown_construct_falls_back_to_whole_scalar() {
        let map = TextMap::build("a: 'x'", Span::new(3, 6), Style::SingleQuoted, 2, "not x");
        assert!(!map.is_exact());
        assert_eq!(map.span(0..1), Span::new(4, 5));
    }

    /// Seeded random text in every style: the re-scan must agree with the
    /// parser, and words must map back.
    #[test]
    fn random_scalars_in_every_style() {
        let mut rng = crate::corpus::Rng::new(7);
        let alphabet = ["ab", "Cd", "é", "日本", "x1", "'", "\"", "\\", "#", ":", "-", "ok", " ", " ", "  "];
        for _ in 0..400 {
            let mut words = Vec::new();
            for _ in 0..(1 + rng.below(12)) {
                words.push(*rng.pick(&alphabet));
            }
            let raw: String = words.concat();
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            let single = format!("'{}'", raw.replace('\'', "''"));
            let double = format!("\"{}\"", raw.replace('\\', "\\\\").replace('"', "\\\""));
            let lit = format!("|\n  {}\n  {}\n", raw, raw);
            let folded = format!(">-\n  {}\n\n  {}\n", raw, raw);
            for (style, v) in [("s", single), ("d", double), ("l", lit), ("f", folded)] {
                for eol in ["\n", "\r\n"] {
                    let text = format!("k{style}: {v}\nz: end\n").replace('\n', eol);
                    assert_words_map_back(&text);
                }
            }
        }
    }

    #[test]
    fn exact_spans_refuse_to_cut_escapes_and_folds() {
        let text = "a: \"one \\t two\"\nb: |\n  first\n  second\n";
        let all = maps(text);
        let (value, map) = &all[1];
        assert_eq!(value, "one \t two");
        // "one " is verbatim; the escape is whole or not at all.
        assert_eq!(map.exact_span(0..4).map(|s| &text[s.start..s.end]), Some("one "));
        assert_eq!(map.exact_span(3..5).map(|s| &text[s.start..s.end]), Some(" \\t"));
        assert_eq!(map.exact_span(5..9).map(|s| &text[s.start..s.end]), Some(" two"));
        let (value, map) = &all[3];
        assert_eq!(value, "first\nsecond\n");
        // A whole line with its break maps to the source line (indentation excluded).
        let span = map.exact_span(6..13).unwrap();
        assert_eq!(&text[span.start..span.end], "second\n");
        assert_eq!(map.exact_span(0..0), Some(Span::empty(text.find("first").unwrap())));
    }
}

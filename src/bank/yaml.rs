//! The only module that talks to the YAML parser.
//!
//! It turns saphyr-parser's event stream into a small arena tree in which
//! every node carries its byte span in the file. Aliases are not copied:
//! an alias node points at the anchored node, so a document full of nested
//! aliases ("billion laughs") costs memory linear in its size. Whoever
//! walks the tree bounds how far it follows aliases.

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};

use crate::finding::Span;

pub type NodeId = usize;

/// How a text field was written in the source: a YAML scalar style, or
/// Markdown lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
    /// Lines of a Markdown file, each with up to a fixed number of leading
    /// spaces removed (the indentation of a list item the text sits in);
    /// see [`crate::bank::textmap::markdown_value`].
    Markdown,
}

impl Style {
    fn from_saphyr(style: ScalarStyle) -> Style {
        match style {
            ScalarStyle::Plain => Style::Plain,
            ScalarStyle::SingleQuoted => Style::SingleQuoted,
            ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
            ScalarStyle::Literal => Style::Literal,
            ScalarStyle::Folded => Style::Folded,
        }
    }
}

/// What a scalar resolves to under the YAML 1.2 core schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarType {
    Str,
    Null,
    Bool,
    Int,
    Float,
}

impl ScalarType {
    pub fn describe(self) -> &'static str {
        match self {
            ScalarType::Str => "a string",
            ScalarType::Null => "null",
            ScalarType::Bool => "a boolean",
            ScalarType::Int => "an integer",
            ScalarType::Float => "a number",
        }
    }

    fn resolve(value: &str, style: Style, tag: Option<&str>) -> ScalarType {
        if let Some(tag) = tag {
            return match tag {
                "null" => ScalarType::Null,
                "bool" => ScalarType::Bool,
                "int" => ScalarType::Int,
                "float" => ScalarType::Float,
                _ => ScalarType::Str,
            };
        }
        if style != Style::Plain {
            return ScalarType::Str;
        }
        match value {
            "" | "~" | "null" | "Null" | "NULL" => ScalarType::Null,
            "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => ScalarType::Bool,
            ".inf" | ".Inf" | ".INF" | "-.inf" | "-.Inf" | "-.INF" | "+.inf" | "+.Inf" | "+.INF" | ".nan" | ".NaN"
            | ".NAN" => ScalarType::Float,
            _ if is_int(value) => ScalarType::Int,
            _ if is_float(value) => ScalarType::Float,
            _ => ScalarType::Str,
        }
    }
}

fn is_int(v: &str) -> bool {
    let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
    if let Some(hex) = v.strip_prefix("0x") {
        return !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    if let Some(oct) = v.strip_prefix("0o") {
        return !oct.is_empty() && oct.bytes().all(|b| (b'0'..=b'7').contains(&b));
    }
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_float(v: &str) -> bool {
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let s = v.strip_prefix(['-', '+']).unwrap_or(v).as_bytes();
    let mut i = 0;
    let int_digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
    i += int_digits;
    let mut frac_digits = 0;
    if s.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = s[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        i += frac_digits;
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(s.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        let exp = s[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if exp == 0 {
            return false;
        }
        i += exp;
    }
    i == s.len()
}

#[derive(Debug, Clone)]
pub struct Scalar {
    pub value: String,
    pub style: Style,
    pub ty: ScalarType,
    /// Byte offset where the token before this scalar ended. A block
    /// scalar's header (`|`, `>-`, ...) lies between here and `span.start`.
    pub header_from: usize,
}

#[derive(Debug, Clone)]
pub enum Kind {
    Scalar(Scalar),
    Seq(Vec<NodeId>),
    Map(Vec<(NodeId, NodeId)>),
    /// An alias (`*name`), pointing at the anchored node.
    Alias(NodeId),
}

#[derive(Debug, Clone)]
pub struct Node {
    pub span: Span,
    pub kind: Kind,
}

/// A parsed YAML document. `root` is `None` for an empty stream.
#[derive(Debug, Default)]
pub struct Tree {
    pub nodes: Vec<Node>,
    pub root: Option<NodeId>,
}

impl Tree {
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    /// Follow aliases to the node they stand for. Anchors are defined
    /// before use, so the chain is short and cannot loop.
    pub fn resolve(&self, mut id: NodeId) -> &Node {
        while let Kind::Alias(target) = self.nodes[id].kind {
            id = target;
        }
        &self.nodes[id]
    }

    pub fn kind_name(&self, id: NodeId) -> &'static str {
        match &self.resolve(id).kind {
            Kind::Scalar(s) => s.ty.describe(),
            Kind::Seq(_) => "a list",
            Kind::Map(_) => "a mapping",
            Kind::Alias(_) => unreachable!("resolve follows aliases"),
        }
    }
}

/// A YAML syntax error at a byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
}

/// Converts the parser's character offsets to byte offsets.
struct Offsets {
    /// `None` when the text is ASCII and the two are the same.
    table: Option<Vec<u32>>,
    len: usize,
}

impl Offsets {
    fn new(text: &str) -> Offsets {
        let table = (!text.is_ascii()).then(|| {
            let mut t: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
            t.push(text.len() as u32);
            t
        });
        Offsets { table, len: text.len() }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.table {
            None => char_index.min(self.len),
            Some(t) => t.get(char_index).map_or(self.len, |&b| b as usize),
        }
    }
}

enum Open {
    Seq(NodeId),
    /// A mapping and the key waiting for its value.
    Map(NodeId, Option<NodeId>),
}

/// Collections nested deeper than this are refused. Real question files
/// nest four or five levels; the limit keeps every walk of the tree
/// (validation, the fix's read-back check) shallow, whatever the input.
pub const MAX_DEPTH: usize = 256;

/// Parse one YAML document into a [`Tree`].
pub fn parse(text: &str) -> Result<Tree, SyntaxError> {
    let offsets = Offsets::new(text);
    let mut tree = Tree::default();
    let mut stack: Vec<Open> = Vec::new();
    let mut anchors: Vec<(usize, NodeId)> = Vec::new();
    let mut documents = 0;
    let mut last_end = 0;
    let mut parser = Parser::new_from_str(text);

    let error = |e: ScanError, offsets: &Offsets| {
        let mut at = offsets.byte(e.marker().index());
        // The scanner reports a tab at the token it was reading; point at
        // the tab itself (the first one from there, within two lines).
        if e.info().contains("tab") {
            let window = &text.as_bytes()[at..];
            let limit = memchr::memchr_iter(b'\n', window).nth(1).map_or(window.len(), |i| i + 1);
            if let Some(tab) = memchr::memchr(b'\t', &window[..limit]) {
                at += tab;
            }
        }
        let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
        SyntaxError { span: Span::new(at, end), message: e.info().to_owned() }
    };

    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| error(e, &offsets))?;
        let span = Span::new(offsets.byte(span.start.index()), offsets.byte(span.end.index()));
        if matches!(event, Event::SequenceStart(..) | Event::MappingStart(..)) && stack.len() >= MAX_DEPTH {
            let end = text[span.start..].chars().next().map_or(span.start, |c| span.start + c.len_utf8());
            return Err(SyntaxError {
                span: Span::new(span.start, end),
                message: format!(
                    "lists and mappings nested more than {MAX_DEPTH} levels deep; a question file needs a few"
                ),
            });
        }
        let (node, anchor) = match event {
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(SyntaxError {
                        span: Span::new(span.start, span.start + 3.min(text.len() - span.start)),
                        message: "a question file holds one YAML document, but a second one starts here".into(),
                    });
                }
                continue;
            }
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => continue,
            Event::Scalar(value, style, anchor, tag) => {
                let span = if anchor > 0 || tag.is_some() { skip_properties(text, span) } else { span };
                let style = Style::from_saphyr(style);
                let core_tag = tag.as_ref().filter(|t| t.is_yaml_core_schema()).map(|t| t.suffix.as_str());
                let ty = ScalarType::resolve(&value, style, core_tag);
                let scalar = Scalar { value: value.into_owned(), style, ty, header_from: last_end };
                (push(&mut tree, span, Kind::Scalar(scalar)), anchor)
            }
            Event::Alias(anchor) => {
                let target = anchors.iter().rev().find(|(a, _)| *a == anchor).map(|&(_, n)| n);
                let Some(target) = target else {
                    return Err(SyntaxError { span, message: "alias refers to an unknown anchor".into() });
                };
                (push(&mut tree, span, Kind::Alias(target)), 0)
            }
            Event::SequenceStart(anchor, _) => {
                let id = push(&mut tree, span, Kind::Seq(Vec::new()));
                if anchor > 0 {
                    anchors.push((anchor, id));
                }
                stack.push(Open::Seq(id));
                last_end = span.end;
                continue;
            }
            Event::MappingStart(anchor, _) => {
                let id = push(&mut tree, span, Kind::Map(Vec::new()));
                if anchor > 0 {
                    anchors.push((anchor, id));
                }
                stack.push(Open::Map(id, None));
                last_end = span.end;
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (Some(Open::Seq(id)) | Some(Open::Map(id, _))) = stack.pop() else {
                    continue;
                };
                let end = span.end.max(last_end);
                tree.nodes[id].span.end = end;
                last_end = end;
                (id, 0)
            }
        };
        if anchor > 0 {
            anchors.push((anchor, node));
        }
        last_end = last_end.max(tree.nodes[node].span.end);
        attach(&mut tree, &mut stack, node);
    }
    Ok(tree)
}

/// A scalar's span starts at its properties (`&anchor`, `!tag`); move the
/// start to the scalar itself. Neither indicator can begin a scalar's text.
fn skip_properties(text: &str, mut span: Span) -> Span {
    let bytes = text.as_bytes();
    while span.start < span.end && matches!(bytes[span.start], b'&' | b'!') {
        while span.start < span.end && !bytes[span.start].is_ascii_whitespace() {
            span.start += 1;
        }
        while span.start < span.end && bytes[span.start].is_ascii_whitespace() {
            span.start += 1;
        }
    }
    span
}

fn push(tree: &mut Tree, span: Span, kind: Kind) -> NodeId {
    tree.nodes.push(Node { span, kind });
    tree.nodes.len() - 1
}

/// Hang a finished node on the collection being built, or make it the root.
fn attach(tree: &mut Tree, stack: &mut [Open], node: NodeId) {
    match stack.last_mut() {
        None => tree.root = Some(node),
        Some(Open::Seq(seq)) => {
            if let Kind::Seq(items) = &mut tree.nodes[*seq].kind {
                items.push(node);
            }
        }
        Some(Open::Map(map, pending)) => match pending.take() {
            None => *pending = Some(node),
            Some(key) => {
                if let Kind::Map(entries) = &mut tree.nodes[*map].kind {
                    entries.push((key, node));
                }
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(tree: &Tree, id: NodeId) -> &Scalar {
        match &tree.resolve(id).kind {
            Kind::Scalar(s) => s,
            other => panic!("not a scalar: {other:?}"),
        }
    }

    #[test]
    fn spans_are_bytes_even_after_non_ascii_text() {
        let text = "a: \"é€😀\"\nb: zz\n";
        let tree = parse(text).unwrap();
        let Kind::Map(entries) = &tree.node(tree.root.unwrap()).kind else { panic!() };
        let (k, v) = entries[1];
        assert_eq!(&text[tree.node(k).span.start..tree.node(k).span.end], "b");
        assert_eq!(&text[tree.node(v).span.start..tree.node(v).span.end], "zz");
        let first = tree.node(entries[0].1).span;
        assert_eq!(&text[first.start..first.end], "\"é€😀\"");
    }

    #[test]
    fn core_schema_types() {
        let text = "[1, -2, 0x1f, 1.5, .inf, true, False, ~, null, '1', \"true\", !!str 3, 1e3, 1.2.3, yes]";
        let tree = parse(text).unwrap();
        let Kind::Seq(items) = &tree.node(tree.root.unwrap()).kind else { panic!() };
        let types: Vec<ScalarType> = items.iter().map(|&i| scalar(&tree, i).ty).collect();
        use ScalarType::*;
        assert_eq!(types, vec![Int, Int, Int, Float, Float, Bool, Bool, Null, Null, Str, Str, Str, Float, Str, Str]);
    }

    #[test]
    fn aliases_point_at_their_anchor_without_copying() {
        let text = "a: &x [1, 2]\nb: *x\nc: *x\n";
        let tree = parse(text).unwrap();
        let Kind::Map(entries) = &tree.node(tree.root.unwrap()).kind else { panic!() };
        assert!(matches!(tree.node(entries[1].1).kind, Kind::Alias(t) if t == entries[0].1));
        assert!(matches!(tree.resolve(entries[2].1).kind, Kind::Seq(ref v) if v.len() == 2));
        assert_eq!(tree.nodes.len(), 9);
    }

    #[test]
    fn syntax_error_points_at_a_byte_span() {
        let text = "a: é\nb: [x\n";
        let err = parse(text).unwrap_err();
        assert!(err.span.start <= text.len());
        assert!(text.is_char_boundary(err.span.start) && text.is_char_boundary(err.span.end));
    }

    #[test]
    fn second_document_is_an_error() {
        let err = parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(err.span, Span::new(5, 8));
    }

    #[test]
    fn collection_spans_cover_their_content() {
        let text = "q:\n  - id: a\n    x: y\n  - id: b\n";
        let tree = parse(text).unwrap();
        let Kind::Map(entries) = &tree.node(tree.root.unwrap()).kind else { panic!() };
        let Kind::Seq(items) = &tree.node(entries[0].1).kind else { panic!() };
        let first = tree.node(items[0]).span;
        assert!(text[first.start..first.end].starts_with("id: a"));
        assert!(text[first.start..first.end].contains("x: y"));
    }
}

//! What a question bank is: files, their source text, and the questions
//! in them, every field with its byte span.

pub mod discover;
pub mod from_markdown;
pub mod load;
pub mod markdown;
pub mod str;
pub mod textmap;
pub mod yaml;

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

pub use self::str::Str;
use crate::finding::{FileId, Span};
use textmap::TextMap;
use yaml::Style;

/// A value with the byte span it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// A decoded string field, with what it takes to map offsets in `value`
/// back to file bytes.
///
/// The map itself ([`TextMap`]) is built when asked for, from the file's
/// text: only fields with a finding need one, and a bank of a million
/// questions would otherwise hold a map for every field.
#[derive(Debug, Clone)]
pub struct Text {
    pub value: Str,
    /// The whole token in the source (quotes, for quoted scalars, included).
    pub span: Span,
    style: Style,
    /// Where the token before the scalar ended (a block scalar's header
    /// lies between there and `span.start`).
    header_from: usize,
}

impl Text {
    /// A field decoded to `value` from the scalar token at `span`.
    pub fn new(value: Str, span: Span, style: Style, header_from: usize) -> Text {
        Text { value, span, style, header_from }
    }

    /// Share `value` with `source`, the text of the file the field was read
    /// from, when it is the token's bytes (a plain scalar, a Markdown
    /// paragraph) or the bytes inside its quotes.
    pub fn share(&mut self, source: &Arc<String>) {
        share_token(&mut self.value, self.span, source);
    }

    /// A field decoded from `source` to `value`, sharing the bytes of
    /// `source` when it can ([`Text::share`]).
    pub fn from_source(source: &Arc<String>, value: &str, span: Span, style: Style, header_from: usize) -> Text {
        Text { value: token_str(source, value, span), span, style, header_from }
    }

    /// The map from offsets in `value` to bytes of `source`, the text of
    /// the file the field was read from.
    pub fn map(&self, source: &str) -> TextMap {
        TextMap::build(source, self.span, self.style, self.header_from, &self.value)
    }

    /// The file span of `range`, a byte range of `self.value`; `source` is
    /// the text of the file the field was read from.
    pub fn span_of(&self, source: &str, range: Range<usize>) -> Span {
        self.map(source).span(range)
    }
}

impl Spanned<Str> {
    /// Share the value with `source` when it is written there verbatim, as
    /// [`Text::share`] does.
    pub fn share(&mut self, source: &Arc<String>) {
        share_token(&mut self.value, self.span, source);
    }
}

/// Make `value`, read from the token at `span`, a range of `source` when
/// it is the token's bytes or the bytes inside its quotes.
fn share_token(value: &mut Str, span: Span, source: &Arc<String>) {
    if !value.shares(source)
        && let Some(shared) = Str::shared(source, &verbatim(span), value)
    {
        *value = shared;
    }
}

/// A string field read from the token at `span` of `source`: the file's
/// own bytes when it is written there as it reads, else a copy.
pub fn token_str(source: &Arc<String>, value: &str, span: Span) -> Str {
    Str::shared_or_owned(source, &verbatim(span), value)
}

/// Where in the file a field read from the token at `span` may sit
/// verbatim: the whole token, or the bytes inside its quotes.
fn verbatim(span: Span) -> [Range<usize>; 2] {
    let Span { start, end } = span;
    [start..end, (start + 1).min(end)..end.saturating_sub(1).max(start)]
}

/// One question as read from a file. A field that failed validation is
/// `None` (or left out of a list): the schema finding says why, and other
/// rules simply skip what is missing.
#[derive(Debug, Clone)]
pub struct Question {
    pub file: FileId,
    /// Position in the file's `questions:` list, from 0.
    pub index: usize,
    /// The question's mapping in the source.
    pub span: Span,
    pub id: Option<Spanned<Str>>,
    pub question: Option<Text>,
    /// A written answer; for a choice question, the key when it is one
    /// option (the text of the key option), `None` for a select-all key.
    pub answer: Option<Text>,
    /// The options of a choice question, in the order shown; empty for a
    /// written-answer question.
    pub choices: Vec<Choice>,
    /// Whether this is a choice question (it has a `choices` field, or
    /// options in Markdown), even if its options failed validation.
    pub is_choice: bool,
    /// Why the key is right: the prose of a choice question. Boxed, as
    /// is `section`: most questions have neither, and every record would
    /// otherwise carry their room.
    pub explanation: Option<Box<Text>>,
    pub level: Option<Spanned<Str>>,
    pub tags: Vec<Spanned<Str>>,
    pub sources: Vec<Text>,
    /// The title of the section the question is in (a Markdown heading
    /// above it: "Old Q&A").
    pub section: Option<Box<str>>,
}

/// One option of a choice question.
#[derive(Debug, Clone)]
pub struct Choice {
    pub text: Text,
    /// Whether the option is (one of) the key(s).
    pub key: bool,
}

impl Question {
    /// A question with only its place known; loaders fill in the rest.
    pub fn new(file: FileId, index: usize, span: Span) -> Question {
        Question {
            file,
            index,
            span,
            id: None,
            question: None,
            answer: None,
            choices: Vec::new(),
            is_choice: false,
            explanation: None,
            level: None,
            tags: Vec::new(),
            sources: Vec::new(),
            section: None,
        }
    }

    pub fn id(&self) -> Option<&str> {
        self.id.as_ref().map(|s| s.value.as_str())
    }

    /// The prose that written-answer rules read: the answer of a written
    /// question, the explanation of a choice question (whose `answer` is a
    /// key, not prose).
    pub fn prose(&self) -> Option<&Text> {
        if self.is_choice { self.explanation.as_deref() } else { self.answer.as_ref() }
    }

    /// Every text field, to change.
    pub fn texts_mut(&mut self) -> impl Iterator<Item = &mut Text> {
        self.question
            .iter_mut()
            .chain(self.choices.iter_mut().map(|c| &mut c.text))
            .chain(&mut self.answer)
            .chain(self.explanation.as_deref_mut())
            .chain(&mut self.sources)
    }

    /// Every text field (a key that repeats an option's text included).
    pub fn texts(&self) -> impl Iterator<Item = &Text> {
        self.question
            .iter()
            .chain(self.choices.iter().map(|c| &c.text))
            .chain(&self.answer)
            .chain(self.explanation.as_deref())
            .chain(&self.sources)
    }
}

/// A file taken into the check, loaded or not.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to users: relative to the working directory, `/`-separated.
    pub name: String,
    /// Path to open for reading and writing.
    pub path: PathBuf,
    /// The file's text. Empty when it could not be read; for a file that is
    /// not valid UTF-8, the lossy decoding (offsets before the first bad
    /// byte are the file's own). Shared with the fields that are
    /// stretches of it ([`Str`]).
    pub text: Arc<String>,
    pub title: Option<Text>,
    /// Which of [`Bank::questions`] belong to this file.
    pub questions: Range<usize>,
    pub format: Format,
    /// Text outside the questions that rules may read (a Markdown bank's
    /// introduction, section text, promotion between questions).
    pub prose: Vec<Text>,
}

/// How a file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Yaml,
    /// Markdown or plain text ([`from_markdown`]).
    Markdown,
}

impl Format {
    /// The format a file of this name is read in.
    pub fn of(name: &str) -> Format {
        if from_markdown::is_markdown_name(name) { Format::Markdown } else { Format::Yaml }
    }
}

impl SourceFile {
    /// A file not read yet: no text, no title, no questions.
    pub fn new(name: String, path: PathBuf) -> SourceFile {
        let format = Format::of(&name);
        SourceFile { name, path, text: Arc::default(), title: None, questions: 0..0, format, prose: Vec::new() }
    }
}

/// Every file and question of one run.
#[derive(Debug, Default)]
pub struct Bank {
    pub files: Vec<SourceFile>,
    pub questions: Vec<Question>,
}

impl Bank {
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id]
    }

    /// Bytes of question, answer and source text in the bank: what a scan
    /// of every text field reads.
    pub fn text_bytes(&self) -> usize {
        let fields = |q: &Question| q.texts().map(|t| t.value.len()).sum::<usize>();
        self.questions.iter().map(fields).sum()
    }
}

/// Line starts of a text, for turning byte offsets into lines and columns.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and column of a byte offset; the column counts characters.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let col = text[self.starts[line]..offset].chars().count();
        (line + 1, col + 1)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bank holds one record per question and one `Text` per field: a
    /// million questions pay every byte added here a million times over.
    #[test]
    fn records_stay_small() {
        assert!(std::mem::size_of::<Str>() <= 24, "{}", std::mem::size_of::<Str>());
        assert!(std::mem::size_of::<Text>() <= 56, "{}", std::mem::size_of::<Text>());
        assert!(std::mem::size_of::<Question>() <= 328, "{}", std::mem::size_of::<Question>());
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\ncé d\n\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        assert_eq!(idx.line_col(text, text.find('d').unwrap()), (2, 4));
        assert_eq!(idx.line_col(text, text.len()), (4, 2));
        assert_eq!(idx.line_col(text, 9), (3, 1));
    }
}

//! Schema rules (`schema/*`): is each file a well-formed question file?
//!
//! Validation walks the spanned YAML tree of one file once and reports
//! every problem it meets (a serde derive would stop at the first), while
//! building the typed [`Question`]s that the other rule families read.

pub mod choices;
pub mod duplicate_id;
pub mod fields;
pub mod file;
pub mod json_schema;
pub mod suppress;

use std::sync::Arc;

use crate::bank::yaml::{Kind, NodeId, Scalar, ScalarType, Tree};
use crate::bank::{Question, Spanned, Str, Text};
use crate::finding::{FileId, Finding, Related, Span};
use crate::rules::Rule;

pub const RULES: &[&Rule] = &[
    &file::PARSE_ERROR,
    &file::NOT_UTF8,
    &file::UNREADABLE,
    &file::TOO_LARGE,
    &file::NO_QUESTIONS,
    &file::MARKDOWN_STRUCTURE,
    &fields::MISSING_FIELD,
    &fields::UNKNOWN_FIELD,
    &fields::DUPLICATE_KEY,
    &fields::WRONG_TYPE,
    &fields::EMPTY_FIELD,
    &fields::INVALID_ID,
    &fields::INVALID_LEVEL,
    &fields::UNKNOWN_TAG,
    &fields::INVALID_URL,
    &choices::INVALID_CHOICES,
    &choices::INVALID_KEY,
    &duplicate_id::DUPLICATE_ID,
    &suppress::UNUSED_SUPPRESSION,
    &suppress::INVALID_SUPPRESSION,
];

/// Schema settings from `djlint.toml` (`[schema]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Allowed values of `level`.
    pub levels: Vec<String>,
    /// Closed tag vocabulary; `None` allows any tag.
    pub tags: Option<Vec<String>>,
    /// Files larger than this are not parsed.
    pub max_file_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            levels: ["beginner", "intermediate", "advanced"].map(String::from).to_vec(),
            tags: None,
            max_file_bytes: 16 * 1024 * 1024,
        }
    }
}

/// What a field holds, for validation and for the JSON Schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Id,
    Text,
    Level,
    Tags,
    Urls,
    /// A written answer, or the key of a choice question: one option's
    /// text, or a list of them for a select-all question.
    Answer,
    /// The options of a choice question.
    Choices,
}

/// One key of a question (or of the file).
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub required: bool,
    pub kind: FieldKind,
    pub description: &'static str,
}

/// The keys of a question, schema v1. The validator and `djlint schema`
/// both read this table, so they cannot drift apart.
pub const QUESTION_FIELDS: &[Field] = &[
    Field {
        name: "id",
        required: true,
        kind: FieldKind::Id,
        description: "Unique id across the whole bank: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit.",
    },
    Field {
        name: "question",
        required: true,
        kind: FieldKind::Text,
        description: "The question, as a reader sees it.",
    },
    Field {
        name: "answer",
        required: true,
        kind: FieldKind::Answer,
        description: "The answer (Markdown allowed). For a choice question, the key: the exact text of the correct choice, or a list of them for a select-all question.",
    },
    Field {
        name: "choices",
        required: false,
        kind: FieldKind::Choices,
        description: "The options of a choice question, two or more, in the order shown to the candidate.",
    },
    Field {
        name: "explanation",
        required: false,
        kind: FieldKind::Text,
        description: "Why the key is right (choice questions; Markdown allowed). The written-answer rules read it.",
    },
    Field { name: "level", required: false, kind: FieldKind::Level, description: "Difficulty level." },
    Field { name: "tags", required: false, kind: FieldKind::Tags, description: "Topic tags." },
    Field {
        name: "sources",
        required: false,
        kind: FieldKind::Urls,
        description: "Where the answer comes from: http(s) URLs.",
    },
];

/// The keys of a question file.
pub const FILE_FIELDS: &[Field] = &[
    Field { name: "title", required: false, kind: FieldKind::Text, description: "A title for the file." },
    Field { name: "questions", required: true, kind: FieldKind::Text, description: "The questions." },
];

/// What validation of one file yields.
#[derive(Debug, Default)]
pub struct FileContent {
    pub title: Option<Text>,
    pub questions: Vec<Question>,
    pub findings: Vec<Finding>,
}

/// Whether the top level of a parsed file is a mapping with a `questions`
/// key: what makes a YAML file a question file.
pub fn has_questions_key(tree: &Tree) -> bool {
    let Some(root) = tree.root else { return false };
    let Kind::Map(entries) = &tree.resolve(root).kind else { return false };
    entries.iter().any(|&(k, _)| matches!(&tree.resolve(k).kind, Kind::Scalar(s) if s.value == "questions"))
}

/// Validate a parsed file and build its questions.
pub fn validate(tree: &Tree, source: &Arc<String>, file: FileId, opts: &Options) -> FileContent {
    let mut w = Walker {
        tree,
        source,
        file,
        opts,
        out: FileContent::default(),
        // Aliases may make the walk visit a node more than once. Honest
        // reuse (a shared tag list) stays far below this; an alias bomb
        // hits it at once.
        budget: 4 * tree.nodes.len() + 10_000,
        exhausted: false,
    };
    w.file_root();
    if w.exhausted {
        // What was read so far is partial; report the refusal alone.
        w.out.questions.clear();
        w.out.findings.clear();
        w.out.findings.push(file::too_large_aliases(file, tree.root.map_or(Span::empty(0), |r| tree.node(r).span)));
    }
    w.out
}

struct Walker<'a> {
    tree: &'a Tree,
    /// The file's text, which fields share when they can ([`Text::from_source`]).
    source: &'a Arc<String>,
    file: FileId,
    opts: &'a Options,
    out: FileContent,
    budget: usize,
    exhausted: bool,
}

/// A mapping's entries, with the key text of each.
type Entries<'a> = Vec<(&'a str, NodeId, NodeId)>;

impl<'a> Walker<'a> {
    /// Resolve a node for reading, charging the alias budget.
    fn visit(&mut self, id: NodeId) -> Option<&'a Kind> {
        if self.budget == 0 {
            self.exhausted = true;
            return None;
        }
        self.budget -= 1;
        Some(&self.tree.resolve(id).kind)
    }

    fn span(&self, id: NodeId) -> Span {
        self.tree.node(id).span
    }

    fn push(&mut self, f: Finding) {
        self.out.findings.push(f);
    }

    fn file_root(&mut self) {
        let Some(root) = self.tree.root else {
            self.push(file::no_questions(self.file, Span::empty(0), "the file holds no YAML content"));
            return;
        };
        let Some(Kind::Map(_)) = self.visit(root) else {
            let found = self.tree.kind_name(root);
            let f = fields::wrong_type(
                self.file,
                None,
                self.span(root),
                "the file",
                "a mapping with a `questions:` list",
                found,
            );
            self.push(f);
            return;
        };
        // A mapping without `questions` is some other YAML file (named on
        // the command line, or matched by `include`): one finding says so,
        // not one per key it has. Unless a key looks like a misspelt file
        // key (`questons:`), which the unknown-field finding then names.
        if !has_questions_key(self.tree)
            && !self
                .tree_entries(root)
                .iter()
                .any(|(k, _, _)| *k != "title" && fields::did_you_mean(k, FILE_FIELDS.iter().map(|f| f.name)).is_some())
        {
            let span = self.first_line(root);
            self.push(file::no_questions(self.file, span, "the file has no `questions:` list"));
            return;
        }
        let entries = self.entries(root, None, FILE_FIELDS);
        let mut has_questions = false;
        for (key, k, v) in entries {
            match key {
                "title" => self.out.title = self.text_field(None, "title", v),
                "questions" => {
                    has_questions = true;
                    self.questions(k, v);
                }
                _ => {}
            }
        }
        if !has_questions {
            let span = self.first_line(root);
            self.push(file::no_questions(self.file, span, "the file has no `questions:` list"));
        }
    }

    fn questions(&mut self, key: NodeId, list: NodeId) {
        let items = match self.visit(list) {
            Some(Kind::Seq(items)) => items,
            Some(Kind::Scalar(s)) if s.ty == ScalarType::Null => {
                self.push(file::no_questions(self.file, self.span(key), "the `questions:` list is empty"));
                return;
            }
            Some(_) => {
                let found = self.tree.kind_name(list);
                let f =
                    fields::wrong_type(self.file, None, self.span(list), "`questions`", "a list of questions", found);
                self.push(f);
                return;
            }
            None => return,
        };
        if items.is_empty() {
            self.push(file::no_questions(self.file, self.span(list), "the `questions:` list is empty"));
        }
        for (index, &item) in items.iter().enumerate() {
            if let Some(q) = self.question(index, item) {
                self.out.questions.push(q);
            }
            if self.exhausted {
                return;
            }
        }
    }

    fn question(&mut self, index: usize, item: NodeId) -> Option<Question> {
        let span = self.span(item);
        let Kind::Map(_) = self.visit(item)? else {
            let found = self.tree.kind_name(item);
            let what = format!("question {}", index + 1);
            self.push(fields::wrong_type(self.file, None, span, &what, "a mapping of fields", found));
            return None;
        };
        // Read the id first so that every later finding can name the question.
        let id =
            self.tree_entries(item).into_iter().find(|(k, _, _)| *k == "id").and_then(|(_, _, v)| self.id_field(v));
        let qid = id.as_ref().map(|s| s.value.clone());
        let qid = qid.as_deref();
        let entries = self.entries(item, qid, QUESTION_FIELDS);
        let mut q = Question::new(self.file, index, span);
        q.id = id;
        q.is_choice = entries.iter().any(|(k, _, _)| *k == "choices");
        let mut key = None;
        for (name, k, v) in entries {
            match name {
                "question" => q.question = self.text_field(qid, "question", v),
                "answer" if q.is_choice => key = Some((k, v)),
                "answer" => {
                    if let Some(Kind::Seq(_)) = self.visit(v) {
                        let f = fields::wrong_type(self.file, qid, self.span(v), "`answer`", "text", "a list")
                            .help("a list of keys needs `choices:`, the options they are picked from");
                        self.push(f);
                    } else {
                        q.answer = self.text_field(qid, "answer", v);
                    }
                }
                "choices" => q.choices = self.choices_field(qid, v),
                "explanation" => q.explanation = self.text_field(qid, "explanation", v).map(Box::new),
                "level" => q.level = self.level_field(qid, v),
                "tags" => {
                    q.tags = self.list_field(qid, "tags", v).into_iter().filter_map(|t| self.tag(qid, t)).collect()
                }
                "sources" => {
                    q.sources =
                        self.list_field(qid, "sources", v).into_iter().filter_map(|s| self.source(qid, s)).collect()
                }
                _ => {}
            }
        }
        if let Some((k, v)) = key {
            self.key_field(&mut q, qid, k, v);
        }
        Some(q)
    }

    /// The options of a choice question: two or more distinct texts.
    fn choices_field(&mut self, qid: Option<&str>, v: NodeId) -> Vec<crate::bank::Choice> {
        let span = self.span(v);
        let items = self.list_field(qid, "choices", v);
        let mut out: Vec<crate::bank::Choice> = Vec::new();
        let mut forms = std::collections::HashMap::new();
        for item in items {
            let Some(text) = self.text_field(qid, "a choice", item) else { continue };
            let form = choices::normal_form(&text.value);
            if let Some(&first) = forms.get(&form) {
                let first: &crate::bank::Choice = &out[first];
                self.push(choices::duplicate_choice(self.file, qid, text.span, &text.value, first.text.span));
                continue;
            }
            forms.insert(form, out.len());
            out.push(crate::bank::Choice { text, key: false });
        }
        if out.len() < 2 && !self.exhausted {
            self.push(choices::too_few(self.file, qid, span, out.len()));
        }
        out
    }

    /// The key of a choice question: the text of one choice, or a list of
    /// them for a select-all question. Marks the keys among `q.choices`.
    fn key_field(&mut self, q: &mut Question, qid: Option<&str>, k: NodeId, v: NodeId) {
        let list = matches!(self.visit(v), Some(Kind::Seq(_)));
        let keys: Vec<Text> = if list {
            let items = self.list_field(qid, "answer", v);
            items.into_iter().filter_map(|i| self.text_field(qid, "a key", i)).collect()
        } else {
            self.text_field(qid, "answer", v).into_iter().collect()
        };
        if list && keys.len() == 1 {
            self.push(choices::single_key_list(self.file, qid, self.span(v), &keys[0].value));
        }
        // One lookup per key, however long the lists.
        let mut position = std::collections::HashMap::new();
        for (i, c) in q.choices.iter().enumerate() {
            position.entry(c.text.value.trim().to_owned()).or_insert(i);
        }
        let mut seen = std::collections::HashSet::new();
        for key in &keys {
            match position.get(key.value.trim()).copied() {
                Some(i) if !seen.insert(i) => {
                    self.push(choices::repeated_key(self.file, qid, key.span, &key.value));
                }
                Some(i) => {
                    q.choices[i].key = true;
                }
                None if q.choices.is_empty() => {}
                None => {
                    let options = q.choices.iter().map(|c| c.text.value.as_str());
                    let f = choices::not_a_choice(self.file, qid, key.span, &key.value, options);
                    self.push(f);
                }
            }
        }
        if keys.is_empty() && !list {
            return; // empty or wrong type: already reported
        }
        if keys.is_empty() {
            self.push(choices::no_key(self.file, qid, self.span(k)));
        }
        if !list {
            q.answer = keys.into_iter().next();
        }
    }

    /// The entries of a mapping node, keys as text (non-string keys skipped).
    fn tree_entries(&mut self, map: NodeId) -> Entries<'a> {
        let Some(Kind::Map(entries)) = self.visit(map) else { return Vec::new() };
        entries
            .iter()
            .filter_map(|&(k, v)| match &self.tree.resolve(k).kind {
                Kind::Scalar(s) => Some((s.value.as_str(), k, v)),
                _ => None,
            })
            .collect()
    }

    /// Check a mapping's keys against `known`: unknown keys, duplicate keys,
    /// missing required keys. Returns the entries with known, first-seen keys.
    fn entries(&mut self, map: NodeId, qid: Option<&str>, known: &[Field]) -> Entries<'a> {
        let Some(Kind::Map(all)) = self.visit(map) else { return Vec::new() };
        let mut kept: Entries<'a> = Vec::new();
        let mut suggested: Vec<&str> = Vec::new();
        for &(k, v) in all {
            let key = match &self.tree.resolve(k).kind {
                Kind::Scalar(s) => s.value.as_str(),
                _ => {
                    let found = self.tree.kind_name(k);
                    self.push(fields::wrong_type(self.file, qid, self.span(k), "a key", "a string", found));
                    continue;
                }
            };
            if let Some(&(_, first, _)) = kept.iter().find(|(name, _, _)| *name == key) {
                let f = fields::duplicate_key(self.file, qid, self.span(k), key, self.span(first));
                self.push(f);
            } else if known.iter().any(|f| f.name == key) {
                kept.push((key, k, v));
            } else {
                let suggestion = fields::did_you_mean(key, known.iter().map(|f| f.name));
                if let Some(s) = suggestion {
                    suggested.push(s);
                }
                self.push(fields::unknown_field(self.file, qid, self.span(k), key, suggestion));
            }
        }
        for field in known.iter().filter(|f| f.required) {
            // A misspelt key already says what is missing; one finding is enough.
            if kept.iter().any(|(name, _, _)| *name == field.name) || suggested.contains(&field.name) {
                continue;
            }
            if field.name == "questions" {
                continue; // reported as schema/no-questions
            }
            let span = self.first_line(map);
            self.push(fields::missing_field(self.file, qid, span, field.name));
        }
        kept
    }

    /// The span of a mapping's first key: where a "missing" finding points.
    fn first_line(&self, map: NodeId) -> Span {
        match &self.tree.resolve(map).kind {
            Kind::Map(entries) if !entries.is_empty() => self.span(entries[0].0),
            _ => {
                let s = self.span(map);
                Span::new(s.start, s.start)
            }
        }
    }

    /// A scalar that must be a non-empty string.
    fn string(&mut self, qid: Option<&str>, what: &str, v: NodeId) -> Option<&'a Scalar> {
        let span = self.span(v);
        match self.visit(v)? {
            Kind::Scalar(s) if s.ty == ScalarType::Str && !s.value.trim().is_empty() => Some(s),
            Kind::Scalar(s) if matches!(s.ty, ScalarType::Str | ScalarType::Null) => {
                self.push(fields::empty_field(self.file, qid, span, what));
                None
            }
            Kind::Scalar(s) => {
                let found = self.tree.kind_name(v);
                let f = fields::wrong_type(self.file, qid, span, what, "a string", found)
                    .help(format!("quote it to make it text: `\"{}\"`", s.value));
                self.push(f);
                None
            }
            _ => {
                let found = self.tree.kind_name(v);
                self.push(fields::wrong_type(self.file, qid, span, what, "a string", found));
                None
            }
        }
    }

    fn text_field(&mut self, qid: Option<&str>, name: &str, v: NodeId) -> Option<Text> {
        let what = format!("`{name}`");
        let s = self.string(qid, &what, v)?;
        let node = self.tree.resolve(v);
        Some(Text::from_source(self.source, &s.value, node.span, s.style, s.header_from))
    }

    /// A string value of node `v`, sharing the file text where it can.
    fn token(&self, value: &str, v: NodeId) -> Str {
        crate::bank::token_str(self.source, value, self.tree.resolve(v).span)
    }

    fn id_field(&mut self, v: NodeId) -> Option<Spanned<Str>> {
        let s = self.string(None, "`id`", v)?;
        let span = self.span(v);
        if let Some(problem) = fields::id_problem(&s.value) {
            self.push(fields::invalid_id(self.file, span, &s.value, problem));
            return None;
        }
        Some(Spanned { value: self.token(&s.value, v), span })
    }

    fn level_field(&mut self, qid: Option<&str>, v: NodeId) -> Option<Spanned<Str>> {
        let s = self.string(qid, "`level`", v)?;
        let span = self.span(v);
        if !self.opts.levels.contains(&s.value) {
            self.push(fields::invalid_level(self.file, qid, span, &s.value, &self.opts.levels));
            return None;
        }
        Some(Spanned { value: self.token(&s.value, v), span })
    }

    /// The items of a list field; reports a non-list value.
    fn list_field(&mut self, qid: Option<&str>, name: &str, v: NodeId) -> Vec<NodeId> {
        let span = self.span(v);
        match self.visit(v) {
            Some(Kind::Seq(items)) => items.clone(),
            Some(Kind::Scalar(s)) if s.ty == ScalarType::Null => {
                self.push(fields::empty_field(self.file, qid, span, &format!("`{name}`")));
                Vec::new()
            }
            Some(_) => {
                let found = self.tree.kind_name(v);
                let f = fields::wrong_type(self.file, qid, span, &format!("`{name}`"), "a list", found)
                    .help(format!("write it as a list: `{name}: [...]` or one `- item` per line"));
                self.push(f);
                Vec::new()
            }
            None => Vec::new(),
        }
    }

    fn tag(&mut self, qid: Option<&str>, v: NodeId) -> Option<Spanned<Str>> {
        let s = self.string(qid, "a tag", v)?;
        let span = self.span(v);
        if let Some(vocabulary) = &self.opts.tags
            && !vocabulary.contains(&s.value)
        {
            self.push(fields::unknown_tag(self.file, qid, span, &s.value, vocabulary));
            return None;
        }
        Some(Spanned { value: self.token(&s.value, v), span })
    }

    fn source(&mut self, qid: Option<&str>, v: NodeId) -> Option<Text> {
        let s = self.string(qid, "a source", v)?;
        let span = self.span(v);
        if let Some(problem) = fields::url_problem(&s.value) {
            self.push(fields::invalid_url(self.file, qid, span, &s.value, problem));
            return None;
        }
        Some(Text::from_source(self.source, &s.value, span, s.style, s.header_from))
    }
}

/// Point a finding's `related` entry at another place in the same bank.
pub fn related(file: FileId, question_id: Option<&str>, span: Span, message: impl Into<String>) -> Related {
    Related::new(file, question_id, span, message)
}

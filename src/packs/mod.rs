//! Rule packs: rules written as data rather than code.
//!
//! A pack is a YAML file with a `rules:` list. Each entry names a rule
//! (`id`, `severity`, `summary`, `message`), what it looks for (`patterns`,
//! regular expressions, and `phrases`, literal text matched without regard
//! to case at word boundaries), where (`fields`), an optional `fix` (the
//! replacement text; empty removes the match), whether matches in code
//! count (`in-code`), and `examples` of text on which it must and must not
//! fire. The built-in packs in `rules/*.yaml`
//! are embedded at build time; users add theirs with `packs = [...]` in
//! djlint.toml. A run scans with the patterns of the rules it selected
//! only ([`Scanner`]): literal strings that a pattern cannot match without
//! pick the patterns worth running on each text.
//!
//! Rules defined here live for the rest of the process: their text is
//! leaked once per load into the `&'static` [`Rule`] every other rule uses.

mod scan;

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use regex::{Regex, RegexBuilder};

pub use scan::Scanner;

use crate::bank::yaml::{Kind, NodeId};
use crate::config::{ConfigError, ErrorKind};
use crate::datafile::{Reader, Result};
use crate::finding::Severity;
use crate::rules::{self, Rule};

/// The built-in packs: (name shown in errors, text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("rules/unclear.yaml", include_str!("../../rules/unclear.yaml")),
    ("rules/stale.yaml", include_str!("../../rules/stale.yaml")),
    ("rules/noise.yaml", include_str!("../../rules/noise.yaml")),
];

/// Regexes larger than this (compiled) are refused, so that a pack cannot
/// make a run slow or exhaust memory.
pub(crate) const SIZE_LIMIT: usize = 8 << 20;

/// A text field of a question that pack rules read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Question,
    Answer,
    /// The options of a choice question.
    Choices,
    Sources,
}

impl Field {
    const ALL: [(&'static str, Field); 4] = [
        ("question", Field::Question),
        ("answer", Field::Answer),
        ("choices", Field::Choices),
        ("sources", Field::Sources),
    ];

    pub fn name(self) -> &'static str {
        Field::ALL.iter().find(|(_, f)| *f == self).map_or("", |(n, _)| n)
    }
}

/// Text on which an entry must fire (`bad`) and must stay quiet (`good`).
#[derive(Debug, Clone, Default)]
pub struct Examples {
    pub bad: Vec<String>,
    pub good: Vec<String>,
}

/// One rule of a pack.
#[derive(Debug)]
pub struct Entry {
    pub rule: &'static Rule,
    /// The finding's message; `{match}` stands for the matched text.
    pub message: String,
    pub help: Option<String>,
    pub fields: Vec<Field>,
    pub patterns: Vec<String>,
    pub phrases: Vec<String>,
    /// Replacement for the match (`$name` refers to a capture group); an
    /// empty string removes it.
    pub fix: Option<String>,
    /// Whether matches inside Markdown code (backtick spans, fenced or
    /// indented blocks) count. Off by default: code is full of text that
    /// looks like noise in prose.
    pub in_code: bool,
    /// Named word lists for rules whose check is code (built-in packs only).
    pub lists: Vec<(String, Vec<String>)>,
    pub examples: Examples,
    /// The pack file the entry came from.
    pub origin: String,
}

impl Entry {
    /// The word list `name` (empty when the entry has none).
    pub fn list(&self, name: &str) -> &[String] {
        self.lists.iter().find(|(n, _)| n == name).map_or(&[], |(_, l)| l)
    }
}

/// Where a pattern of an entry matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`Packs::entries`].
    pub entry: usize,
    /// The byte range of the junk in the scanned text: the `hit` capture
    /// group when the pattern has one, else the whole match.
    pub range: Range<usize>,
    /// The text `fix` turns the range into, when the entry can fix.
    pub replacement: Option<String>,
}

/// A pattern of a pack entry: written in the pack, or derived by the rule's
/// code from the entry's lists the first time a scan needs it (the
/// split-word list takes a millisecond or two to work out, which a run
/// that does not look for split words should not pay).
#[derive(Debug)]
enum Source {
    Text(String),
    Derived {
        entry: Arc<Entry>,
        make: rules::noise::Derive,
        /// The pattern and the literals one of which every match contains.
        cell: OnceLock<(String, Vec<Vec<u8>>)>,
    },
}

impl Source {
    fn derived(&self) -> Option<&(String, Vec<Vec<u8>>)> {
        match self {
            Source::Text(_) => None,
            Source::Derived { entry, make, cell } => Some(cell.get_or_init(|| {
                // A list that yields no pattern: one that never matches.
                make(entry).unwrap_or_else(|| (r"\b\B".to_owned(), Vec::new()))
            })),
        }
    }

    /// The regular expression.
    fn text(&self) -> &str {
        match self {
            Source::Text(t) => t,
            Source::Derived { .. } => self.derived().map_or("", |d| d.0.as_str()),
        }
    }

    /// The literals one of which every match contains, when the code that
    /// derived the pattern knows them.
    fn known(&self) -> Option<Vec<Vec<u8>>> {
        self.derived().map(|d| d.1.clone())
    }
}

/// Every pack entry of a run, and its patterns.
#[derive(Debug)]
pub struct Packs {
    pub entries: Vec<Arc<Entry>>,
    /// Every pattern of the run, with the entry it belongs to.
    sources: Vec<(usize, Source)>,
    /// Each pattern compiled alone, the first time a scan needs it.
    parts: Vec<OnceLock<Regex>>,
    /// Scanners built so far, by the entries they scan for.
    scanners: Mutex<Vec<(Vec<bool>, Arc<Scanner>)>>,
}

impl Packs {
    /// The built-in packs, parsed and compiled once per process.
    pub fn builtin() -> Arc<Packs> {
        static PACKS: OnceLock<Arc<Packs>> = OnceLock::new();
        PACKS.get_or_init(|| Arc::new(Packs::compile(builtin_entries().to_vec()))).clone()
    }

    /// The built-in packs plus the user packs at `paths`.
    pub fn load(paths: &[(PathBuf, Range<usize>)], config: &Path, config_text: &str) -> Result<Packs, ConfigError> {
        let mut entries = builtin_entries().to_vec();
        for (path, span) in paths {
            let text = crate::datafile::read_listed(path, span, config, config_text, "rule pack")?;
            let taken: HashSet<&str> =
                rules::code_rules().map(|r| r.id).chain(entries.iter().map(|e| e.rule.id)).collect();
            let parsed = parse(&path.display().to_string(), &text, false, &taken)?;
            let compiled = Packs::compile(parsed.clone());
            compiled.check_examples(&path.display().to_string(), &text)?;
            entries.extend(parsed);
        }
        Ok(Packs::compile(entries))
    }

    fn compile(entries: Vec<Arc<Entry>>) -> Packs {
        let mut sources = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            for p in e.patterns.iter().cloned().chain(e.phrases.iter().map(|p| phrase_regex(p))) {
                sources.push((i, Source::Text(p)));
            }
            if let Some(make) = rules::noise::derived_pattern(e) {
                sources.push((i, Source::Derived { entry: e.clone(), make, cell: OnceLock::new() }));
            }
        }
        let parts = sources.iter().map(|_| OnceLock::new()).collect();
        Packs { entries, sources, parts, scanners: Mutex::new(Vec::new()) }
    }

    /// The patterns whose required literals the prefilter reads out of
    /// them (all but the derived ones, whose code knows them).
    pub fn literal_sources(&self) -> Vec<&str> {
        self.sources
            .iter()
            .filter_map(|(_, s)| match s {
                Source::Text(t) => Some(t.as_str()),
                Source::Derived { .. } => None,
            })
            .collect()
    }

    /// Pattern `i` compiled alone.
    fn regex(&self, i: usize) -> &Regex {
        // User patterns compiled alone when their pack was read, and
        // built-in and derived ones are tested: this cannot fail.
        self.parts[i].get_or_init(|| build(self.sources[i].1.text()).expect("pack patterns are validated"))
    }

    /// Whether any entry that `wanted` keeps has a pattern to scan for
    /// (entries that document a code rule have none).
    pub fn scans_any(&self, wanted: &dyn Fn(usize) -> bool) -> bool {
        self.sources.iter().any(|&(entry, _)| wanted(entry))
    }

    /// The scanner for the entries (by index) that `wanted` accepts, built
    /// once per selection, for about `bytes` of text: a large text is worth
    /// the few milliseconds a faster automaton takes to build, a commit's
    /// worth of questions is not.
    pub fn scanner(&self, wanted: &dyn Fn(usize) -> bool, bytes: usize) -> Arc<Scanner> {
        let key: Vec<bool> = (0..self.entries.len()).map(wanted).collect();
        let fast = bytes >= crate::prefilter::FAST_SCAN_BYTES;
        let mut cache = self.scanners.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, s)) = cache.iter().find(|(k, s)| *k == key && s.fast() == fast) {
            return s.clone();
        }
        let scanner = Arc::new(Scanner::new(self, &|i| key[i], fast));
        cache.push((key, scanner.clone()));
        scanner
    }

    /// Every rule the packs define.
    pub fn rules(&self) -> impl Iterator<Item = &'static Rule> + '_ {
        self.entries.iter().map(|e| e.rule)
    }

    /// The index of the entry that defines rule `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.rule.id == id)
    }

    /// Append every hit of the packs in `text`, a `field` of a question.
    /// `wanted` says which entries (by index) to run. A run that scans many
    /// texts takes a [`Scanner`] once instead.
    pub fn scan(&self, text: &str, field: Field, wanted: &dyn Fn(usize) -> bool, out: &mut Vec<Hit>) {
        self.scanner(wanted, text.len()).scan(self, text, field, out);
    }

    /// Each bad example must produce a hit of its entry, each good one none.
    /// The test suite runs this on the built-in packs; user packs run it
    /// when they load, so a pack cannot ship examples that are not true.
    pub fn check_examples(&self, name: &str, text: &str) -> Result<(), ConfigError> {
        for (i, e) in self.entries.iter().enumerate() {
            if !e.lists.is_empty() || (e.patterns.is_empty() && e.phrases.is_empty()) {
                continue; // a code rule: its examples run through the whole check
            }
            let field = e.fields[0];
            for (bad, list) in [(true, &e.examples.bad), (false, &e.examples.good)] {
                for example in list {
                    let mut hits = Vec::new();
                    self.scan(example, field, &|x| x == i, &mut hits);
                    if hits.is_empty() == bad {
                        let what = if bad { "does not fire" } else { "fires" };
                        return Err(ConfigError {
                            kind: ErrorKind::Pack,
                            path: PathBuf::from(name),
                            text: text.into(),
                            span: find_span(text, example),
                            message: format!("{}: the {} example {what}", e.rule.id, if bad { "bad" } else { "good" }),
                            help: Some(
                                "bad examples must match a pattern or phrase of the rule, good ones none".into(),
                            ),
                        });
                    }
                }
            }
        }
        Ok(())
    }
}

fn find_span(text: &str, example: &str) -> Option<Range<usize>> {
    let first = example.lines().next().unwrap_or(example);
    text.find(first).map(|i| i..i + first.len())
}

/// The built-in entries, parsed once.
pub fn builtin_entries() -> &'static [Arc<Entry>] {
    static ENTRIES: OnceLock<Vec<Arc<Entry>>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let mut all: Vec<Arc<Entry>> = Vec::new();
        for (name, text) in BUILTIN {
            let taken: HashSet<&str> = rules::code_rules().map(|r| r.id).chain(all.iter().map(|e| e.rule.id)).collect();
            match parse(name, text, true, &taken) {
                Ok(entries) => all.extend(entries),
                Err(e) => panic!("built-in pack {name} is invalid: {} at {:?}", e.message, e.span),
            }
        }
        all
    })
}

fn build(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern).size_limit(SIZE_LIMIT).dfa_size_limit(SIZE_LIMIT).build()
}

/// A phrase as a regex: literal, any case, and bounded by word edges where
/// it begins or ends with a word character. ASCII word boundaries keep the
/// automaton a DFA on any text.
pub(crate) fn phrase_regex(phrase: &str) -> String {
    let edge =
        |c: Option<char>| if c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') { r"(?-u:\b)" } else { "" };
    let words: Vec<String> = phrase.split_whitespace().map(regex::escape).collect();
    format!("(?i){}{}{}", edge(phrase.chars().next()), words.join(r"\s+"), edge(phrase.chars().last()))
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

const ENTRY_KEYS: &[&str] = &[
    "id",
    "severity",
    "summary",
    "explanation",
    "message",
    "help",
    "fields",
    "patterns",
    "phrases",
    "fix",
    "in-code",
    "examples",
];

/// Parse and validate a pack. `taken` holds the rule ids already defined.
fn parse(name: &str, text: &str, builtin: bool, taken: &HashSet<&str>) -> Result<Vec<Arc<Entry>>> {
    let r = Reader::new(name, text, ErrorKind::Pack)?;
    let Some(root) = r.tree.root else {
        return Err(r.error(None, "rule pack is empty; it needs a `rules:` list", None));
    };
    let mut list = None;
    for (key, k, v) in r.map(root, "a rule pack")? {
        match key.as_str() {
            "rules" => list = Some(v),
            "description" => {
                r.string(v, "description")?;
            }
            _ => {
                return Err(r.error(
                    Some(k),
                    format!("unknown key `{key}`"),
                    Some("a pack has `rules:` and an optional `description:`".into()),
                ));
            }
        }
    }
    let Some(list) = list else {
        return Err(r.error(Some(root), "rule pack has no `rules:` list", None));
    };
    let Kind::Seq(items) = &r.tree.resolve(list).kind else {
        return Err(r.error(Some(list), "`rules` must be a list of rules", None));
    };
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for &item in items.clone().iter() {
        let entry = parse_entry(&r, item, builtin)?;
        let id = entry.rule.id;
        if taken.contains(id) || !seen.insert(id.to_owned()) {
            return Err(r.error(Some(item), format!("rule `{id}` is already defined"), None));
        }
        out.push(Arc::new(entry));
    }
    Ok(out)
}

fn parse_entry(r: &Reader, node: NodeId, builtin: bool) -> Result<Entry> {
    let mut id = None;
    let mut severity = Severity::Warning;
    let (mut summary, mut explanation, mut message, mut help, mut fix) = (None, None, None, None, None);
    let mut fields = vec![Field::Question, Field::Answer, Field::Choices];
    let (mut patterns, mut phrases, mut lists) = (Vec::new(), Vec::new(), Vec::new());
    let mut in_code = false;
    let mut examples = Examples::default();
    let mut examples_node = None;
    for (key, k, v) in r.map(node, "a rule")? {
        match key.as_str() {
            "id" => {
                let value = r.string(v, "id")?;
                if !is_rule_id(&value) {
                    return Err(r.error(
                        Some(v),
                        format!("`{value}` is not a rule id"),
                        Some("ids are `family/name` in lower case, such as `house/no-emoji`".into()),
                    ));
                }
                id = Some(value);
            }
            "severity" => {
                let value = r.string(v, "severity")?;
                severity = Severity::parse(&value)
                    .ok_or_else(|| r.error(Some(v), format!("`{value}` is not one of error, warning, info"), None))?;
            }
            "summary" => summary = Some(r.string(v, "summary")?),
            "explanation" => explanation = Some(r.string(v, "explanation")?),
            "message" => message = Some(r.string(v, "message")?),
            "help" => help = Some(r.string(v, "help")?),
            "fix" => fix = Some(r.string(v, "fix")?),
            "in-code" => in_code = r.bool(v, "in-code")?,
            "fields" => {
                fields = Vec::new();
                for (value, n) in r.strings(v, "fields")? {
                    let f = Field::ALL.iter().find(|(name, _)| *name == value).map(|(_, f)| *f).ok_or_else(|| {
                        r.error(
                            Some(n),
                            format!("unknown field `{value}`"),
                            Some("fields are question, answer, choices and sources".into()),
                        )
                    })?;
                    fields.push(f);
                }
                if fields.is_empty() {
                    return Err(r.error(Some(v), "`fields` needs at least one field", None));
                }
            }
            "patterns" => {
                for (value, n) in r.strings(v, "patterns")? {
                    // Built-in patterns are compiled by the test suite, not
                    // on every start.
                    if let Err(e) = if builtin { Ok(()) } else { build(&value).map(drop) } {
                        return Err(r.error(Some(n), "invalid regular expression", Some(e.to_string())));
                    }
                    patterns.push(value);
                }
            }
            "phrases" => {
                for (value, n) in r.strings(v, "phrases")? {
                    if value.trim().is_empty() {
                        return Err(r.error(Some(n), "a phrase cannot be empty", None));
                    }
                    phrases.push(value);
                }
            }
            "lists" if builtin => {
                for (name, _, v) in r.map(v, "`lists`")? {
                    lists.push((name, r.strings(v, "lists")?.into_iter().map(|(w, _)| w).collect()));
                }
            }
            "examples" => {
                examples_node = Some(v);
                for (key, k, v) in r.map(v, "`examples`")? {
                    match key.as_str() {
                        "bad" => examples.bad = r.strings(v, "bad")?.into_iter().map(|(s, _)| s).collect(),
                        "good" => examples.good = r.strings(v, "good")?.into_iter().map(|(s, _)| s).collect(),
                        _ => {
                            return Err(r.error(
                                Some(k),
                                format!("unknown key `{key}`"),
                                Some("examples has `bad:` and `good:`".into()),
                            ));
                        }
                    }
                }
            }
            _ => {
                return Err(r.unknown_key(&key, k, ENTRY_KEYS));
            }
        }
    }
    let missing = |what: &str| r.error(Some(node), format!("rule has no `{what}`"), None);
    let id = id.ok_or_else(|| missing("id"))?;
    let summary = summary.ok_or_else(|| missing("summary"))?;
    let message = message.ok_or_else(|| missing("message"))?;
    // A built-in entry may document a rule whose check is all code.
    if patterns.is_empty() && phrases.is_empty() && lists.is_empty() && !builtin {
        return Err(r.error(Some(node), format!("rule `{id}` has no `patterns` or `phrases`"), None));
    }
    if examples.bad.is_empty() || examples.good.is_empty() {
        return Err(r.error(
            Some(examples_node.unwrap_or(node)),
            format!("rule `{id}` needs at least one bad and one good example"),
            Some("examples: {bad: [text it must flag], good: [text it must leave alone]}".into()),
        ));
    }
    let rule = Rule {
        id: leak(id),
        severity,
        summary: leak(summary),
        explanation: leak(explanation.map_or_else(|| message.clone(), |e| e.trim_end().to_owned())),
        bad: leak(example_file(fields[0], &examples.bad[0])),
        good: leak(example_file(fields[0], &examples.good[0])),
        fixable: fix.is_some(),
    };
    Ok(Entry {
        rule: Box::leak(Box::new(rule)),
        message,
        help,
        fields,
        patterns,
        phrases,
        fix,
        in_code,
        lists,
        examples,
        origin: r.name.to_owned(),
    })
}

fn is_rule_id(s: &str) -> bool {
    let part = |p: &str| {
        p.starts_with(|c: char| c.is_ascii_lowercase())
            && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    s.split_once('/').is_some_and(|(f, n)| part(f) && part(n))
}

/// A question file that shows an example in `field`, for `djlint explain`.
pub fn example_file(field: Field, example: &str) -> String {
    let block = |indent: &str| -> String {
        example.lines().map(|l| if l.is_empty() { "\n".to_owned() } else { format!("{indent}{l}\n") }).collect()
    };
    let head = "questions:\n  - id: example\n";
    match field {
        Field::Answer => {
            format!("{head}    question: How does Django handle this?\n    answer: |-\n{}", block("      "))
        }
        Field::Question => format!(
            "{head}    question: |-\n{}    answer: Django does this with a documented setting.\n",
            block("      ")
        ),
        Field::Choices => format!(
            "{head}    question: Which of these does Django handle?\n    choices:\n      - |-\n{}      - Nothing else\n    answer: Nothing else\n",
            block("        ")
        ),
        Field::Sources => format!(
            "{head}    question: How does Django handle this?\n    answer: Django does this with a documented setting.\n    sources:\n      - |-\n{}",
            block("        ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Vec<Arc<Entry>>> {
        parse("pack.yaml", text, false, &HashSet::new())
    }

    const OK: &str = "rules:\n  - id: house/emoji\n    summary: No emoji.\n    message: emoji `{match}`\n    \
                      patterns: ['\\p{Extended_Pictographic}']\n    examples: {bad: ['Done 🎉'], good: ['Done.']}\n";

    #[test]
    fn a_valid_pack_loads_and_scans() {
        let entries = parse_str(OK).unwrap();
        assert_eq!(entries[0].rule.id, "house/emoji");
        assert_eq!(entries[0].rule.severity, Severity::Warning);
        let packs = Packs::compile(entries);
        packs.check_examples("pack.yaml", OK).unwrap();
        let mut hits = Vec::new();
        packs.scan("a 🎉 b", Field::Answer, &|_| true, &mut hits);
        assert_eq!(hits, [Hit { entry: 0, range: 2..6, replacement: None }]);
        hits.clear();
        packs.scan("a 🎉 b", Field::Sources, &|_| true, &mut hits);
        assert!(hits.is_empty(), "sources are not scanned unless the rule asks");
    }

    #[test]
    fn mistakes_point_into_the_pack() {
        let cases = [
            (OK.replace("'\\p{Extended_Pictographic}'", "'(unclosed'"), "'(unclosed'", "invalid regular expression"),
            (OK.replace("    summary:", "    sumary:"), "sumary", "unknown key `sumary`"),
            (OK.replace("house/emoji", "House Emoji"), "House Emoji", "is not a rule id"),
            (OK.replace("    summary: No emoji.\n", ""), "id:", "has no `summary`"),
            (OK.replace("    message:", "    severity: loud\n    message:"), "loud", "is not one of"),
            (OK.replace("rules:", "rulez:"), "rulez", "unknown key"),
            ("rules: [\n".to_owned(), "", "not valid YAML"),
        ];
        for (text, at, message) in cases {
            let e = parse_str(&text).unwrap_err();
            assert!(e.message.contains(message), "{text}: {}", e.message);
            let span = e.span.expect("a place");
            assert!(text[span.start..].starts_with(at), "{text}: {:?}", &text[span.start..]);
        }
        let text = OK.replace("good: ['Done.']", "good: ['Done 🎉 again']");
        let e = Packs::compile(parse_str(&text).unwrap()).check_examples("pack.yaml", &text);
        assert!(e.unwrap_err().message.contains("good example fires"));
    }

    #[test]
    fn every_built_in_pattern_compiles_alone_and_in_a_scanner() {
        let packs = Packs::builtin();
        for (_, source) in &packs.sources {
            let source = source.text();
            build(source).unwrap_or_else(|e| panic!("{source}: {e}"));
        }
        let (through_literals, rest) = packs.scanner(&|_| true, 0).split();
        assert_eq!(through_literals + rest, packs.sources.len());
    }

    #[test]
    fn literals_known_from_the_code_are_what_the_pattern_matches() {
        let packs = Packs::builtin();
        let mut checked = 0;
        for (_, source) in &packs.sources {
            let Some(mut known) = source.known() else { continue };
            let source = source.text();
            known.sort();
            // The pattern matches exactly its literals (between word
            // edges), so every match contains one.
            let mut read =
                crate::prefilter::literals::language(source).expect("a derived pattern is a list of strings");
            read.sort();
            assert_eq!(known, read, "{source}");
            checked += 1;
        }
        assert!(checked > 0, "the split-word pattern knows its literals");
    }

    #[test]
    fn ids_must_be_new() {
        let mut taken = HashSet::new();
        taken.insert("house/emoji");
        assert!(parse("pack.yaml", OK, false, &taken).unwrap_err().message.contains("already defined"));
    }

    #[test]
    fn phrases_match_any_case_at_word_edges_only() {
        let re = Regex::new(&phrase_regex("read more")).unwrap();
        assert!(re.is_match("Read  More"));
        assert!(!re.is_match("thread more"));
        let re = Regex::new(&phrase_regex("⬆ back to top")).unwrap();
        assert!(re.is_match("x ⬆ Back to top"));
    }

    #[test]
    fn fixes_expand_capture_groups() {
        let text = "rules:\n  - id: house/arrow\n    summary: s\n    message: m\n    patterns: ['(?P<a>\\w+) ?=> ?(?P<b>\\w+)']\n    \
                    fix: '$a → $b'\n    examples: {bad: ['x=>y'], good: ['x → y']}\n";
        let packs = Packs::compile(parse_str(text).unwrap());
        let mut hits = Vec::new();
        packs.scan("go x => y", Field::Answer, &|_| true, &mut hits);
        assert_eq!(hits[0].replacement.as_deref(), Some("x → y"));
        assert!(packs.entries[0].rule.fixable);
    }
}

//! Read and parse question files in parallel, one file at a time. A file
//! that cannot be read or parsed becomes a finding for that file; every
//! other file is still loaded.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::{Bank, Question, SourceFile, yaml};
use crate::finding::{FileId, Finding, Span};
use crate::rules::schema::{self, file as rules};

/// One file's result.
struct Loaded {
    /// The id the file was loaded under, which its questions and findings
    /// carry until [`assemble`] numbers the files that stay.
    id: FileId,
    file: SourceFile,
    questions: Vec<Question>,
    findings: Vec<Finding>,
    /// The file is a question file: its top level has a `questions` key
    /// (or, when it cannot be parsed, a line that starts one).
    question_file: bool,
}

/// Load `paths` (already sorted) and the walk's `errors` into a bank.
/// Returns the bank and the findings made while loading.
///
/// A path whose `optional` entry is true was found by a folder walk with
/// the default globs: it joins the bank only if it is a question file
/// ([`schema::has_questions_key`]); any other YAML file of the repository
/// (`mkdocs.yml`, `docker-compose.yml`) is left out without a word.
pub fn load(
    paths: &[PathBuf],
    optional: &[bool],
    errors: &[(PathBuf, String)],
    cwd: &Path,
    opts: &schema::Options,
) -> (Bank, Vec<Finding>) {
    let loaded: Vec<Loaded> = paths
        .par_iter()
        .enumerate()
        .filter_map(|(i, path)| {
            let l = load_one(i, path, cwd, opts);
            (!optional.get(i).copied().unwrap_or(false) || l.question_file).then_some(l)
        })
        .collect();
    let (mut bank, mut findings) = assemble(loaded);
    // Each file's question list was copied into the bank and freed.
    crate::memory::release();
    for (path, message) in errors {
        let id = bank.files.len();
        bank.files.push(empty_file(path, cwd));
        findings.push(rules::unreadable(id, message));
    }
    (bank, findings)
}

/// Load files given as (name, text) pairs, as if read from disk.
pub fn load_texts(files: &[(String, String)], opts: &schema::Options) -> (Bank, Vec<Finding>) {
    let loaded = files
        .par_iter()
        .enumerate()
        .map(|(id, (name, text))| load_text(id, SourceFile::new(name.clone(), name.into()), text.clone(), opts))
        .collect();
    assemble(loaded)
}

fn assemble(loaded: Vec<Loaded>) -> (Bank, Vec<Finding>) {
    let mut bank = Bank::default();
    let mut findings = Vec::new();
    // One allocation of the final size: growing by doubling would hold up
    // to three times the questions at once.
    bank.questions.reserve_exact(loaded.iter().map(|l| l.questions.len()).sum());
    bank.files.reserve_exact(loaded.len());
    for mut l in loaded {
        let id = bank.files.len();
        if id != l.id {
            renumber(&mut l, id);
        }
        let start = bank.questions.len();
        bank.questions.extend(l.questions);
        bank.files.push(SourceFile { questions: start..bank.questions.len(), ..l.file });
        findings.extend(l.findings);
    }
    (bank, findings)
}

/// Give a loaded file the id `id`: while loading, a file's questions and
/// findings name only the file itself.
fn renumber(l: &mut Loaded, id: FileId) {
    for q in &mut l.questions {
        q.file = id;
    }
    for f in &mut l.findings {
        f.file = id;
        for r in &mut f.related {
            if r.file == l.id {
                r.file = id;
            }
        }
    }
    l.id = id;
}

/// Whether a file that could not be parsed still looks like a question
/// file: one of its lines starts a top-level `questions` key.
fn mentions_questions(text: &[u8]) -> bool {
    let text = text.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(text);
    text.split(|&b| b == b'\n').any(|line| {
        let line = line.strip_prefix(b"{").unwrap_or(line);
        let line = line.strip_prefix(b"\"").or_else(|| line.strip_prefix(b"'")).unwrap_or(line);
        line.strip_prefix(b"questions").is_some_and(|rest| {
            let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
            rest.trim_ascii_start().starts_with(b":")
        })
    })
}

fn empty_file(path: &Path, cwd: &Path) -> SourceFile {
    SourceFile::new(super::discover::display_name(path, cwd), path.to_owned())
}

fn load_one(id: FileId, path: &Path, cwd: &Path, opts: &schema::Options) -> Loaded {
    let mut file = empty_file(path, cwd);
    // A file that cannot be read or decoded counts as a question file when
    // it says so, or when its first bytes cannot tell (it is unreadable).
    let fail = |file, f, question_file| Loaded { id, file, questions: Vec::new(), findings: vec![f], question_file };
    let bytes = match read_limited(path, opts.max_file_bytes) {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(size)) => {
            let head = read_head(path, HEAD_BYTES);
            let question_file = head.as_deref().is_none_or(mentions_questions);
            return fail(file, rules::too_large(id, size, opts.max_file_bytes), question_file);
        }
        Err(e) => return fail(file, rules::unreadable(id, &format!("cannot read file: {e}")), true),
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        // UTF-16 spells `questions` with NULs between the letters.
        let narrow: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
        let f = rules::not_utf8(id, Span::empty(0), "file is UTF-16 text, not UTF-8");
        return fail(file, f, mentions_questions(&narrow));
    }
    if let Some(nul) = memchr::memchr(0, &bytes) {
        // Shown as text with the NUL made visible (␀), pointed at.
        let shown = String::from_utf8_lossy(&bytes).replace('\0', "\u{2400}");
        let at = shown.find('\u{2400}').unwrap_or(0);
        file.text = Arc::new(shown);
        let span = Span::new(at, at + '\u{2400}'.len_utf8());
        let message = format!("NUL byte at offset {nul}: a binary or corrupted file, not UTF-8 text");
        return fail(file, rules::not_utf8(id, span, &message), mentions_questions(&bytes));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let byte = e.as_bytes()[at];
            file.text = Arc::new(String::from_utf8_lossy(e.as_bytes()).into_owned());
            let span = Span::new(at, at + '\u{FFFD}'.len_utf8());
            let f = rules::not_utf8(id, span, &format!("invalid UTF-8 (byte 0x{byte:02X} at offset {at})"));
            return fail(file, f, mentions_questions(e.as_bytes()));
        }
    };
    load_text(id, file, text, opts)
}

/// Parse and validate a file's text.
fn load_text(id: FileId, mut file: SourceFile, text: String, opts: &schema::Options) -> Loaded {
    file.text = Arc::new(text);
    if file.format == super::Format::Markdown {
        let mut content = super::from_markdown::read(&file.text, id, &file.name);
        // Markdown fields are mostly the file's own lines: share them.
        let texts = content.questions.iter_mut().flat_map(Question::texts_mut);
        for t in texts.chain(&mut content.title).chain(&mut content.prose) {
            t.share(&file.text);
        }
        // So are the ids written beside a question (derived ones are not).
        for id in content.questions.iter_mut().filter_map(|q| q.id.as_mut()) {
            id.share(&file.text);
        }
        file.title = content.title;
        file.prose = content.prose;
        let question_file = !content.questions.is_empty();
        return Loaded { id, file, questions: content.questions, findings: content.findings, question_file };
    }
    let tree = match yaml::parse(&file.text) {
        Ok(tree) => tree,
        Err(e) => {
            let f = rules::parse_error(id, e.span, &e.message);
            let question_file = mentions_questions(file.text.as_bytes());
            return Loaded { id, file, questions: Vec::new(), findings: vec![f], question_file };
        }
    };
    let question_file = schema::has_questions_key(&tree);
    let content = schema::validate(&tree, &file.text, id, opts);
    file.title = content.title;
    Loaded { id, file, questions: content.questions, findings: content.findings, question_file }
}

/// How much of a file too large to load is read to tell whether it is a
/// question file.
const HEAD_BYTES: u64 = 64 * 1024;

/// The first `limit` bytes of a file.
fn read_head(path: &Path, limit: u64) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path).ok()?.take(limit).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// Read a regular file of at most `limit` bytes. `Ok(Err(size))` when it
/// is larger; the size is checked before reading, and reading stops at the
/// limit in case the file grows meanwhile.
fn read_limited(path: &Path, limit: u64) -> std::io::Result<Result<Vec<u8>, u64>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    if meta.len() > limit {
        return Ok(Err(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)?.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_written_verbatim_share_the_file_text() {
        let text = "questions:\n  - id: a\n    question: \"What is a view?\"\n    answer: A callable.\n    level: beginner\n    tags: [views, 'orm']\n  - id: b\n    question: 'Why?'\n    answer: |\n      Because.\n  - id: c\n    question: \"Tab\\there\"\n    answer: It's\n      folded.\n";
        let md = "# Title\n\n## What is a model?\n\nA class mapped to a table.\n\n<!-- id: views -->\n## What is a view?\n\nA callable.\n";
        let files = [("a.yaml".to_owned(), text.to_owned()), ("b.md".to_owned(), md.to_owned())];
        let (bank, findings) = load_texts(&files, &schema::Options::default());
        assert!(findings.is_empty(), "{findings:?}");
        let source = &bank.files[0].text;
        let shared = |t: &Option<super::super::Text>| t.as_ref().unwrap().value.shares(source);
        let q = &bank.questions;
        assert_eq!(q[0].question.as_ref().unwrap().value, "What is a view?");
        assert!(shared(&q[0].question) && shared(&q[0].answer) && shared(&q[1].question));
        // So are ids, levels and tags, quoted or not.
        let fields = q[0].id.iter().chain(&q[0].level).chain(&q[0].tags);
        assert_eq!(fields.clone().map(|s| s.value.as_str()).collect::<Vec<_>>(), ["a", "beginner", "views", "orm"]);
        assert!(fields.clone().all(|s| s.value.shares(source)), "{:?}", fields.collect::<Vec<_>>());
        // A block scalar, an escape and a folded plain scalar decode to
        // other bytes: they keep copies, with the decoded text.
        assert!(!shared(&q[1].answer) && !shared(&q[2].question) && !shared(&q[2].answer));
        assert_eq!(q[1].answer.as_ref().unwrap().value, "Because.\n");
        assert_eq!(q[2].question.as_ref().unwrap().value, "Tab\there");
        assert_eq!(q[2].answer.as_ref().unwrap().value, "It's folded.");
        // Markdown fields are lines of the file.
        let md = &bank.questions[bank.files[1].questions.start];
        assert_eq!(md.answer.as_ref().unwrap().value, "A class mapped to a table.");
        assert!(md.answer.as_ref().unwrap().value.shares(&bank.files[1].text));
        assert!(bank.files[1].title.as_ref().unwrap().value.shares(&bank.files[1].text));
        // A written id is shared; a derived one is not in the file.
        let ids: Vec<_> =
            bank.questions[bank.files[1].questions.clone()].iter().map(|q| q.id.clone().unwrap()).collect();
        assert_eq!(ids[1].value, "views");
        assert!(ids[1].value.shares(&bank.files[1].text) && !ids[0].value.shares(&bank.files[1].text));
    }
}

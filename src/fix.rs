//! `--fix` and `--diff`: apply the byte edits of fixable findings.
//!
//! A fix is a set of byte edits on the file as it was read; every other
//! byte (comments, key order, quoting, indentation, line endings) stays.
//! After applying edits the file is parsed again and compared with the
//! original: every value must be the same, except the strings that were
//! edited, which must have changed by exactly the edited range. Edits that
//! fail the comparison are dropped, one at a time if need be. Fixing
//! repeats until nothing fixable is left (a fix can expose another, such as
//! the second of two tracking parameters), and files are written through a
//! temporary file in the same folder that is renamed over the original.
//! [`plan`] and [`write`] are the `--fix` run over a checked bank; the CLI
//! only prints what they report.

use std::io::Write;
use std::ops::Range;
use std::path::Path;

use crate::bank::yaml::{self, Kind, NodeId, Tree};
use crate::bank::{SourceFile, Text};
use crate::config::Config;
use crate::finding::{Edit, Fix, Span};

/// How many rounds of fixing a file may take.
const MAX_ROUNDS: usize = 10;

/// The most of a field's text (its characters other than white space)
/// that one fix may remove. A value that is mostly "noise" needs a person.
const MAX_REMOVED_SHARE: f64 = 0.75;

/// A fix that replaces `range` of `text`'s decoded value with
/// `replacement`, or `None` when the range has no exact spelling in the
/// file (it cuts through an escape or a fold), or when the fix would leave
/// the field without a word or take most of it away (a field that is
/// entirely "noise" is a finding for a person, not for `--fix`). `source`
/// is the file text.
///
/// Removals are tidied: a removed piece takes one side's spaces with it so
/// that no double space is left, and a removed whole line of a block
/// scalar takes its indentation.
pub fn replace(source: &str, text: &Text, range: Range<usize>, replacement: &str) -> Option<Fix> {
    let value = &text.value;
    let map = text.map(source);
    let mut range = range;
    if replacement.is_empty() {
        range = tidy_removal(value, range);
    }
    if !keeps_content(value, range.clone(), replacement) {
        return None;
    }
    let line_start = range.start == 0 || value.as_bytes()[range.start - 1] == b'\n';
    let span = if replacement.is_empty() && line_start && range.len() > 1 && value[..range.end].ends_with('\n') {
        // A whole line: the source line goes, from its indentation to its
        // line break, whatever the scalar style makes of the break.
        let content = map.exact_span(range.start..range.end - 1)?;
        let before = &source[..content.start];
        let indent = before.len() - before.trim_end_matches([' ', '\t']).len();
        let rest = &source[content.end..];
        let trailing = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let brk = [("\r\n", 2), ("\n", 1)].into_iter().find(|(b, _)| rest[trailing..].starts_with(b))?.1;
        if !before[..before.len() - indent].ends_with('\n') {
            return None;
        }
        Span::new(content.start - indent, content.end + trailing + brk)
    } else {
        map.exact_span(range.clone())?
    };
    Some(Fix { edits: vec![Edit { span, replacement: replacement.to_owned(), scalar: text.span, decoded: range }] })
}

/// Whether replacing `range` of `value` with `replacement` leaves a word
/// and takes at most [`MAX_REMOVED_SHARE`] of the field's text. The work
/// is bounded by the removed text, not the field: a field with a hundred
/// thousand removals stays linear.
fn keeps_content(value: &str, range: Range<usize>, replacement: &str) -> bool {
    let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    let removed = visible(&value[range.clone()]).saturating_sub(visible(replacement));
    let word_left = replacement.chars().any(char::is_alphanumeric)
        || value[..range.start].chars().any(char::is_alphanumeric)
        || value[range.end..].chars().any(char::is_alphanumeric);
    // The field must have at least removed / share visible characters:
    // count only that far.
    let needed = (removed as f64 / MAX_REMOVED_SHARE).ceil() as usize;
    word_left && value.chars().filter(|c| !c.is_whitespace()).take(needed).count() >= needed
}

/// Widen a removal so the text around it reads well: "a JUNK b" loses
/// " JUNK", "JUNK b" at the start of a line loses "JUNK ", and a removed
/// line that ends the text takes the line break before it.
fn tidy_removal(value: &str, range: Range<usize>) -> Range<usize> {
    let bytes = value.as_bytes();
    let is_space = |b: u8| b == b' ' || b == b'\t';
    let (mut start, mut end) = (range.start, range.end);
    let after = bytes.get(end).copied();
    let before = start.checked_sub(1).map(|i| bytes[i]);
    match (before, after) {
        (Some(b), a) if is_space(b) && a.is_none_or(|a| a == b'\n' || is_space(a) || b".,;:!?)".contains(&a)) => {
            while start > 0 && is_space(bytes[start - 1]) {
                start -= 1;
            }
        }
        (None | Some(b'\n'), Some(a)) if is_space(a) => {
            while end < bytes.len() && is_space(bytes[end]) {
                end += 1;
            }
        }
        _ => {}
    }
    let at_line_start = start == 0 || bytes[start - 1] == b'\n';
    if at_line_start && bytes.get(end) == Some(&b'\n') {
        end += 1; // a whole line goes with its break
    }
    let whole_line = at_line_start && (end == bytes.len() || bytes[end - 1] == b'\n');
    if whole_line && end == bytes.len() && start > 0 && !value[start..end].ends_with('\n') {
        start -= 1; // the last line goes with the break before it
    }
    start..end
}

/// What became of a file's fixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The text with every fix that passed the checks applied.
    pub text: String,
    /// How many findings were fixed.
    pub fixed: usize,
    /// How many fixable findings were left because a fix did not pass.
    pub refused: usize,
}

/// Fix one file's text: run the per-file checks with `config`, apply every
/// fix that passes, and repeat until nothing fixable is left.
pub fn fix_text(name: &str, text: &str, config: &Config) -> Fixed {
    let mut current = text.to_owned();
    let mut fixed = 0;
    let mut refused = 0;
    for _ in 0..MAX_ROUNDS {
        let outcome = crate::check_texts(&[(name.to_owned(), current.clone())], config);
        let fixes: Vec<&Fix> = outcome.findings.iter().filter_map(|f| f.fix.as_ref()).collect();
        if fixes.is_empty() {
            refused = 0;
            break;
        }
        // Findings whose edits overlap an earlier one wait for the next
        // round. Taken spans are kept by start, so each check is a lookup.
        let mut taken: Vec<&Fix> = Vec::new();
        let mut spans: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        for fix in fixes {
            let clash = fix.edits.iter().any(|b| {
                let before = spans.range(..=b.span.start).next_back();
                let after = spans.range(b.span.start..).next();
                [before, after].into_iter().flatten().any(|(&start, &end)| overlap(Span::new(start, end), b.span))
            });
            if !clash {
                spans.extend(fix.edits.iter().map(|e| (e.span.start, e.span.end)));
                taken.push(fix);
            }
        }
        let (next, applied) = apply_checked(&current, &taken, crate::bank::Format::of(name));
        refused = taken.len() - applied;
        if applied == 0 {
            break;
        }
        fixed += applied;
        current = next;
    }
    Fixed { text: current, fixed, refused }
}

fn overlap(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end || a.start == b.start
}

/// Apply as many of `fixes` as pass the checks: all at once if they do,
/// else one by one. Returns the new text and how many were applied.
fn apply_checked(text: &str, fixes: &[&Fix], format: crate::bank::Format) -> (String, usize) {
    let same_data = |old: &str, new: &str, edits: &[&Edit]| match format {
        crate::bank::Format::Yaml => same_data(old, new, edits),
        crate::bank::Format::Markdown => same_markdown(old, new, edits),
    };
    let all: Vec<&Edit> = fixes.iter().flat_map(|f| &f.edits).collect();
    if let Some(new) = apply(text, &all).filter(|new| same_data(text, new, &all)) {
        return (new, fixes.len());
    }
    let mut current = text.to_owned();
    let mut kept: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for fix in fixes {
        let mut trial = kept.clone();
        trial.extend(&fix.edits);
        if let Some(new) = apply(text, &trial).filter(|new| same_data(text, new, &trial)) {
            current = new;
            kept = trial;
            applied += 1;
        }
    }
    (current, applied)
}

/// Apply non-overlapping edits to `text`.
fn apply(text: &str, edits: &[&Edit]) -> Option<String> {
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in sorted {
        if e.span.start < pos || e.span.end > text.len() {
            return None;
        }
        out.push_str(text.get(pos..e.span.start)?);
        out.push_str(&e.replacement);
        pos = e.span.end;
    }
    out.push_str(text.get(pos..)?);
    Some(out)
}

/// Whether `new` holds the same YAML data as `old`, except that each
/// string named by `edits` changed by exactly its edits.
fn same_data(old: &str, new: &str, edits: &[&Edit]) -> bool {
    let (Ok(a), Ok(b)) = (yaml::parse(old), yaml::parse(new)) else {
        return false;
    };
    match (a.root, b.root) {
        (Some(x), Some(y)) => same_node(&a, x, &b, y, edits),
        (None, None) => true,
        _ => false,
    }
}

/// Whether `new`, read as a Markdown bank, holds the same questions as
/// `old`, with the same fields and options, the same page text and title,
/// except that each text named by `edits` changed by exactly its edits.
/// An edit that merges two questions, breaks a heading or a task list, or
/// empties a field fails.
fn same_markdown(old: &str, new: &str, edits: &[&Edit]) -> bool {
    use crate::bank::from_markdown::read;
    let (a, b) = (read(old, 0, "old.md"), read(new, 0, "new.md"));
    if a.questions.len() != b.questions.len() || a.prose.len() != b.prose.len() {
        return false;
    }
    let same_text = |x: &Text, y: &Text| -> bool {
        let mine: Vec<&&Edit> = edits.iter().filter(|e| e.scalar == x.span).collect();
        if mine.is_empty() {
            return x.value == y.value;
        }
        match edited(&x.value, mine) {
            Some(expected) => y.value == expected && (x.value.trim().is_empty() || !y.value.trim().is_empty()),
            None => false,
        }
    };
    let same_all = |xs: &mut dyn Iterator<Item = &Text>, ys: &mut dyn Iterator<Item = &Text>| loop {
        match (xs.next(), ys.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if same_text(x, y) => {}
            _ => return false,
        }
    };
    let keys = |q: &crate::bank::Question| q.choices.iter().map(|c| c.key).collect::<Vec<_>>();
    a.questions
        .iter()
        .zip(&b.questions)
        .all(|(x, y)| x.is_choice == y.is_choice && keys(x) == keys(y) && same_all(&mut x.texts(), &mut y.texts()))
        && same_all(&mut a.prose.iter(), &mut b.prose.iter())
        && same_all(&mut a.title.iter(), &mut b.title.iter())
}

/// `value` with `edits` (ranges of it) applied, or `None` when they overlap.
fn edited(value: &str, mut edits: Vec<&&Edit>) -> Option<String> {
    edits.sort_by_key(|e| (e.decoded.start, e.decoded.end));
    let mut out = String::with_capacity(value.len());
    let mut at = 0;
    for e in edits {
        out.push_str(value.get(at..e.decoded.start)?);
        value.get(e.decoded.clone())?;
        out.push_str(&e.replacement);
        at = e.decoded.end;
    }
    out.push_str(&value[at..]);
    Some(out)
}

/// Recursive, and bounded: the parser refuses nesting deeper than
/// [`yaml::MAX_DEPTH`].
fn same_node(a: &Tree, x: NodeId, b: &Tree, y: NodeId, edits: &[&Edit]) -> bool {
    let (nx, ny) = (a.node(x), b.node(y));
    match (&nx.kind, &ny.kind) {
        (Kind::Scalar(s), Kind::Scalar(t)) => {
            let mut mine: Vec<&&Edit> = edits.iter().filter(|e| e.scalar == nx.span).collect();
            if mine.is_empty() {
                return s.value == t.value && s.style == t.style && s.ty == t.ty;
            }
            // The value with every edit applied, built in one pass.
            mine.sort_by_key(|e| (e.decoded.start, e.decoded.end));
            let mut expected = String::with_capacity(s.value.len());
            let mut at = 0;
            for e in mine {
                let (Some(keep), true) = (s.value.get(at..e.decoded.start), s.value.get(e.decoded.clone()).is_some())
                else {
                    return false; // overlapping, out of range or inside a character
                };
                expected.push_str(keep);
                expected.push_str(&e.replacement);
                at = e.decoded.end;
            }
            expected.push_str(&s.value[at..]);
            // An edit never empties a field.
            let emptied = !s.value.trim().is_empty() && t.value.trim().is_empty();
            expected == t.value && s.style == t.style && s.ty == t.ty && !emptied
        }
        (Kind::Seq(p), Kind::Seq(q)) => {
            p.len() == q.len() && p.iter().zip(q).all(|(&i, &j)| same_node(a, i, b, j, edits))
        }
        (Kind::Map(p), Kind::Map(q)) => {
            p.len() == q.len()
                && p.iter()
                    .zip(q)
                    .all(|(&(k1, v1), &(k2, v2))| same_node(a, k1, b, k2, edits) && same_node(a, v1, b, v2, edits))
        }
        (Kind::Alias(i), Kind::Alias(j)) => a.node(*i).span == b.node(*j).span || same_node(a, *i, b, *j, &[]),
        _ => false,
    }
}

/// A unified diff from `old` to `new`, with `name` in the headers.
pub fn diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{}", name.trim_start_matches('/')), &format!("b/{}", name.trim_start_matches('/')))
        .to_string()
}

/// A unified diff from [`diff`] in colour, as git shows one: headers bold,
/// hunk lines cyan, removed lines red, added lines green.
pub fn colorize(diff: &str) -> String {
    use anstyle::{AnsiColor, Style};
    let color = |c: AnsiColor| Style::new().fg_color(Some(c.into()));
    diff.split_inclusive('\n')
        .map(|line| {
            let style = if line.starts_with("---") || line.starts_with("+++") {
                Style::new().bold()
            } else if line.starts_with("@@") {
                color(AnsiColor::Cyan)
            } else if line.starts_with('-') {
                color(AnsiColor::Red)
            } else if line.starts_with('+') {
                color(AnsiColor::Green)
            } else {
                return line.to_owned();
            };
            let (body, end) = line.strip_suffix('\n').map_or((line, ""), |b| (b, "\n"));
            format!("{style}{body}{style:#}{end}")
        })
        .collect()
}

/// Replace `path` with `text` atomically: write a temporary file in the
/// same folder, flush it to disk, give it the original's permissions (and,
/// where the system allows, its owner and group) and rename it over the
/// original. An interrupted run leaves either the old file or the new one,
/// never a mix. `path` should be the real file, not a symbolic link to it
/// (see [`write`]).
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let metadata = std::fs::metadata(path)?;
    let mut tmp = tempfile::Builder::new().prefix(".djlint-fix-").tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.as_file().set_permissions(metadata.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only the owner's own group, or root, may hand a file on; when the
        // system refuses, the new file stays the current user's.
        let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(metadata.uid()), Some(metadata.gid()));
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The fixes `--fix` would make: each file with fixable findings, its text
/// fixed, and a warning for each file skipped or left partly unfixed.
pub struct Plan<'a> {
    pub files: Vec<(&'a SourceFile, Fixed)>,
    pub warnings: Vec<String>,
}

impl Plan<'_> {
    /// How many findings the plan fixes.
    pub fn fixed(&self) -> usize {
        self.files.iter().map(|(_, f)| f.fixed).sum()
    }
}

/// Work out the fixes for every file of `outcome` with fixable findings. A
/// file that changed on disk since it was read (or is not valid UTF-8) is
/// skipped with a warning, so that no byte is written from a stale or
/// lossy copy.
pub fn plan<'a>(outcome: &'a crate::Outcome, config: &Config) -> Plan<'a> {
    let mut ids: Vec<usize> = outcome.findings.iter().filter(|f| f.fix.is_some()).map(|f| f.file).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut plan = Plan { files: Vec::new(), warnings: Vec::new() };
    for id in ids {
        let file = &outcome.bank.files[id];
        if std::fs::read(&file.path).ok().as_deref() != Some(file.text.as_bytes()) {
            plan.warnings.push(format!("{} changed while it was checked (or is not UTF-8); not fixed", file.name));
            continue;
        }
        let fixed = fix_text(&file.name, &file.text, config);
        if fixed.refused > 0 {
            plan.warnings.push(format!(
                "{}: {} fix(es) left undone because the result would not read back the same",
                file.name, fixed.refused
            ));
        }
        if *fixed.text != *file.text {
            plan.files.push((file, fixed));
        }
    }
    plan
}

/// What writing a plan did.
#[derive(Debug, Default)]
pub struct Written {
    /// Findings fixed, and in how many files.
    pub fixed: usize,
    pub files: usize,
    /// Files left alone on purpose: changed by someone else meanwhile.
    pub warnings: Vec<String>,
    /// Files that could not be written: read-only, or an error from the system.
    pub failures: Vec<String>,
}

/// Write every file of `plan`, each just after checking that it still holds
/// the text that was checked (an edit made meanwhile is never overwritten:
/// the file is skipped with a warning). A symbolic link is followed, and the
/// file it points to is replaced, so the link stays. A read-only file is
/// refused. A file with other hard links is replaced under this name only:
/// the other names keep the old text. One file's failure does not stop the
/// others.
pub fn write(plan: &Plan) -> Written {
    let mut done = Written::default();
    for (file, fixed) in &plan.files {
        let real = match std::fs::canonicalize(&file.path) {
            Ok(p) => p,
            Err(e) => {
                done.failures.push(format!("cannot write {}: {e}", file.name));
                continue;
            }
        };
        match std::fs::metadata(&real) {
            Ok(m) if m.permissions().readonly() => {
                done.failures.push(format!("{} is read-only; not fixed (make it writable to fix it)", file.name));
                continue;
            }
            Ok(_) => {}
            Err(e) => {
                done.failures.push(format!("cannot write {}: {e}", file.name));
                continue;
            }
        }
        // The last look before the rename: someone may have edited it.
        if std::fs::read(&real).ok().as_deref() != Some(file.text.as_bytes()) {
            done.warnings.push(format!("{} changed while djlint was fixing it; not fixed", file.name));
            continue;
        }
        match write_atomic(&real, &fixed.text) {
            Ok(()) => {
                done.fixed += fixed.fixed;
                done.files += 1;
            }
            Err(e) => done.failures.push(format!("cannot write {}: {e}", file.name)),
        }
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(text: &str, junk: &str, replacement: &str) -> Edit {
        let start = text.find(junk).unwrap();
        let tree = yaml::parse(text).unwrap();
        let scalar = tree.nodes.iter().find(|n| matches!(&n.kind, Kind::Scalar(s) if s.value.contains(junk))).unwrap();
        let Kind::Scalar(s) = &scalar.kind else { unreachable!() };
        let d = s.value.find(junk).unwrap();
        Edit {
            span: Span::new(start, start + junk.len()),
            replacement: replacement.into(),
            scalar: scalar.span,
            decoded: d..d + junk.len(),
        }
    }

    #[test]
    fn tidy_removal_keeps_one_space() {
        let t = |v: &str, junk: &str| {
            let s = v.find(junk).unwrap();
            let r = tidy_removal(v, s..s + junk.len());
            let mut out = v.to_owned();
            out.replace_range(r, "");
            out
        };
        assert_eq!(t("the ORM X+1 does", "X+1"), "the ORM does");
        assert_eq!(t("the ORM X+1.", "X+1"), "the ORM.");
        assert_eq!(t("the ORM.X+1 Next", "X+1"), "the ORM. Next");
        assert_eq!(t("X+1 Next", "X+1"), "Next");
        assert_eq!(t("a\nREAD\nb", "READ\n"), "a\nb");
        assert_eq!(t("a\nREAD", "READ"), "a");
        assert_eq!(t("a\nREAD\nb", "READ"), "a\nb");
        assert_eq!(t("READ\nb", "READ"), "b");
    }

    #[test]
    fn a_fix_never_empties_a_field_or_takes_most_of_it() {
        let whole = |v: &str| keeps_content(v, tidy_removal(v, 0..v.len()), "");
        assert!(!whole("Table of Contents"));
        assert!(!whole("See more"));
        assert!(!keeps_content("Explore all 70 answers here", 0..27, ""));
        // Most of the text gone, though a word is left.
        let chips = "ok Django Project+15 Simplilearn.com+15 YouTube+15";
        assert!(!keeps_content(chips, 3..chips.len(), ""));
        // Junk beside the answer goes.
        let read_more = "Signals are hooks.\nRead more »";
        assert!(keeps_content(read_more, 19..read_more.len(), ""));
        assert!(keeps_content("https://a.io/?utm_source=chatgpt.com", 13..36, ""));
    }

    #[test]
    fn the_read_back_check_refuses_an_emptied_field() {
        let source = "questions:\n  - answer: See more\n    id: q\n";
        let e = edit(source, "See more", "");
        let (new, n) = apply_checked(source, &[&Fix { edits: vec![e] }], crate::bank::Format::Yaml);
        assert_eq!((new.as_str(), n), (source, 0));
    }

    #[test]
    fn checked_edits_change_only_their_string() {
        let text = "# keep\nquestions:\n  - answer: \"done X+1\"  # note\n    id: q\n";
        let e = edit(text, " X+1", "");
        let (new, n) = apply_checked(text, &[&Fix { edits: vec![e] }], crate::bank::Format::Yaml);
        assert_eq!(n, 1);
        assert_eq!(new, "# keep\nquestions:\n  - answer: \"done\"  # note\n    id: q\n");
    }

    #[test]
    fn a_markdown_edit_that_breaks_the_structure_is_refused() {
        let text = "## 1. What is a view?\n\nA callable. Docs+1\n## 2. What is a model?\n\nA class.\n";
        let c = crate::bank::from_markdown::read(text, 0, "g.md");
        let answer = c.questions[0].answer.as_ref().unwrap();
        // Removing the chip is fine; taking the next heading's `## ` with it
        // would merge two questions.
        let at = answer.value.find(" Docs+1").unwrap();
        let good = replace(text, answer, at..answer.value.len(), "").unwrap();
        let (new, n) = apply_checked(text, &[&good], crate::bank::Format::Markdown);
        assert_eq!(
            (new.as_str(), n),
            ("## 1. What is a view?\n\nA callable.\n## 2. What is a model?\n\nA class.\n", 1)
        );
        let mut bad = good.clone();
        bad.edits[0].span = Span::new(bad.edits[0].span.start, bad.edits[0].span.end + 4);
        let (new, n) = apply_checked(text, &[&bad], crate::bank::Format::Markdown);
        assert_eq!((new.as_str(), n), (text, 0));
    }

    #[test]
    fn an_edit_that_changes_other_data_is_refused() {
        // Removing the quote would end the string early: refused.
        let text = "a: 'x #y'\nb: 1\n";
        let mut e = edit(text, "x ", "");
        e.span = Span::new(3, 5); // "'x" — cuts the quote
        let (new, n) = apply_checked(text, &[&Fix { edits: vec![e] }], crate::bank::Format::Yaml);
        assert_eq!((new.as_str(), n), (text, 0));
    }

    #[test]
    fn atomic_write_replaces_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bank.yaml");
        std::fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&path, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        }
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["bank.yaml"], "no temporary file is left behind");
    }
}

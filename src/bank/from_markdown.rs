//! Reading a Markdown or plain-text file as a question bank.
//!
//! Real banks are kept as Markdown articles and quiz pages, not as YAML.
//! This loader finds the questions in the shapes they use and gives every
//! field its exact byte span in the file, so that every rule, label,
//! suppression and fix works on them as on YAML:
//!
//! - **heading questions**: `## 1. What is …?`, `#### Q12. …`, `1.  ### …`
//!   (a heading inside a numbered list item); the answer is everything up
//!   to the next question heading or the next heading at the same level or
//!   above;
//! - **numbered lines** in plain text: `1. What is Django?` with the answer
//!   on the following lines. A numbered line counts only when it continues
//!   the file's question numbering (so an answer's own `1.`, `2.` list is
//!   part of the answer), and only when text follows it before the next
//!   question;
//! - **bold questions** (`**Q3. …?**` on a line of its own), and inline
//!   answers (`Q12. … Answer: …`);
//! - **labelled pairs**: a line followed by a line that starts with an
//!   answer label (`A:`, `Answer:`, `Short answer:`), and `Q:` lines;
//! - **choice questions**: a task list under the question, `- [x]` for the
//!   key and `- [ ]` for the other options; text between the heading and
//!   the options (a code block) belongs to the question, text after them is
//!   the explanation.
//!
//! A question's id is taken from an HTML comment `<!-- id: … -->` on the
//! line before it, or a heading anchor (`{#id}`); otherwise it is derived
//! from the file name and the question's first words
//! ([`derived_id`]), so it survives reordering, renumbering and edits to
//! the answer, and changes only when the question's opening words do.
//!
//! Text that belongs to no question (an introduction, a table of contents,
//! navigation, promotion between sections) is kept as the file's `prose`,
//! which the noise rules read. Lines that only navigate (`[⬆ Back to
//! Top](#top)`) and HTML line breaks at the end of an answer are not part
//! of it.

use crate::bank::textmap::markdown_value;
use crate::bank::yaml::Style;
use crate::bank::{Choice, Question, Spanned, Text};
use crate::finding::{FileId, Finding, Span};
use crate::rules::schema::{choices, fields, file as file_rules};

/// What reading one Markdown file yields.
#[derive(Debug, Default)]
pub struct Content {
    pub title: Option<Text>,
    pub questions: Vec<Question>,
    /// Text outside the questions.
    pub prose: Vec<Text>,
    pub findings: Vec<Finding>,
}

/// Whether a file name is read as Markdown (or plain text) rather than YAML.
pub fn is_markdown_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".md", ".markdown", ".mdown", ".txt"].iter().any(|ext| lower.ends_with(ext))
}

/// One line of the file.
#[derive(Debug, Clone)]
struct Line {
    start: usize,
    /// End of the line's text, before `\r\n` or `\n`.
    end: usize,
    /// Start of the next line.
    next: usize,
    kind: LineKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum LineKind {
    Blank,
    /// Inside a fenced code block, or a fence line.
    Code,
    /// An HTML comment on a line of its own; `id` when it is `<!-- id: … -->`.
    Comment {
        id: Option<Span>,
    },
    /// An ATX heading: its level, the text (numbering and anchor included)
    /// and the `{#anchor}` at its end, if any.
    /// `listed` when the heading is a numbered list item (`1.  ### …`),
    /// `nested` when it sits inside a list item's text (indented, not
    /// listed): a heading of an answer, never a question.
    Heading {
        level: usize,
        text: Span,
        anchor: Option<Span>,
        listed: bool,
        nested: bool,
    },
    /// A task-list item: `- [x] text`.
    Option {
        key: bool,
        text: Span,
        indent: usize,
    },
    Text,
}

/// A place where a question starts, found by one of the shapes.
#[derive(Debug, Clone)]
struct Start {
    /// The first line of the question.
    line: usize,
    /// The question's own text on that line.
    text: Span,
    /// A heading question: its level (the question ends at the next
    /// heading at this level or above).
    level: Option<usize>,
    /// An answer on the same line (`Q3. … Answer: …`).
    inline_answer: Option<Span>,
    anchor: Option<Span>,
}

/// Read `source` (the text of file `file`, named `name`) as a bank.
pub fn read(source: &str, file: FileId, name: &str) -> Content {
    let lines = split_lines(source);
    let lettered = lettered_options(source, &lines);
    let mut out = Content::default();
    let starts = find_starts(source, &lines);
    out.title = title(source, &lines, starts.first().map_or(lines.len(), |s| s.line));
    let stem = file_stem(name);
    let mut seen_ids = std::collections::HashMap::new();
    let mut covered: Vec<Span> = Vec::new();
    // The last heading seen at each level, for the section a question is in.
    let mut headings: [Option<Span>; 7] = [None; 7];
    let mut seen = 0;
    for (i, start) in starts.iter().enumerate() {
        for line in &lines[seen..start.line] {
            if let LineKind::Heading { level, text, nested: false, .. } = line.kind {
                let level = level.min(6);
                headings[level] = Some(text);
                headings[level + 1..].iter_mut().for_each(|h| *h = None);
            }
        }
        seen = start.line + 1;
        let section = headings[..start.level.unwrap_or(7).min(7)].iter().rev().flatten().next().copied();
        let next = starts.get(i + 1).map_or(lines.len(), |s| s.line);
        // A heading question ends at the next heading at its level or
        // above, or at a heading after a separator (`<br>`, `---`): the
        // page's own text after the last answer.
        // Headings before the question's options are part of its stem
        // (statements to choose from, written as headings).
        let first_option = (start.line + 1..next).find(|&l| matches!(lines[l].kind, LineKind::Option { .. }));
        let end = match start.level {
            Some(level) => (first_option.unwrap_or(start.line) + 1..next)
                .find(|&l| match lines[l].kind {
                    LineKind::Heading { nested: true, .. } => false,
                    LineKind::Heading { level: h, .. } => h <= level || after_separator(source, &lines[..l]),
                    _ => false,
                })
                .unwrap_or(next),
            None => next,
        };
        let mut q = question(
            source,
            &lines,
            lettered.as_deref(),
            start,
            end,
            file,
            out.questions.len(),
            &stem,
            &mut seen_ids,
            &mut out,
        );
        q.section = section.map(|s| source[s.start..s.end].trim().into());
        covered.push(q.span);
        out.questions.push(q);
    }
    out.prose = prose(source, &lines, &covered, out.title.as_ref());
    hidden_questions(source, &lines, &starts, file, &mut out.findings);
    if out.questions.is_empty() {
        // Not a bank: its text is not judged either.
        out.prose.clear();
        out.findings.push(file_rules::no_questions(
            file,
            Span::empty(0),
            "no questions found: a Markdown bank has numbered or question headings (`## 1. …`, `#### Q1. …`), \
             numbered question lines (`1. What is …?`) or `Q:`/`A:` pairs",
        ));
    }
    out
}

fn split_lines(source: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut pos = 0;
    let bytes = source.as_bytes();
    // An open fence: its character, length and indentation.
    let mut fence: Option<(u8, usize, usize)> = None;
    let mut comment = false;
    while pos < source.len() {
        let nl = memchr::memchr(b'\n', &bytes[pos..]).map_or(source.len(), |i| pos + i);
        let next = (nl + 1).min(source.len()).max(nl);
        let end = if nl > pos && bytes[nl - 1] == b'\r' { nl - 1 } else { nl };
        let text = &source[pos..end];
        let trimmed = text.trim_start();
        let lead = text.len() - trimmed.len();
        let run = |c: u8| trimmed.bytes().take_while(|&b| b == c).count();
        // A fence inside a list item ends with the item: at a line indented
        // less than the fence, even if the author forgot to close it.
        if fence.is_some_and(|(_, _, at)| at > 0 && !trimmed.is_empty() && lead < at) {
            fence = None;
        }
        let kind = if let Some((c, n, _)) = fence {
            if run(c) >= n && trimmed[run(c)..].trim().is_empty() {
                fence = None;
            }
            LineKind::Code
        } else if comment {
            if trimmed.contains("-->") {
                comment = false;
            }
            LineKind::Comment { id: None }
        } else if run(b'`') >= 3 || run(b'~') >= 3 {
            let c = if run(b'`') >= 3 { b'`' } else { b'~' };
            fence = Some((c, run(c), lead));
            LineKind::Code
        } else if trimmed.is_empty() {
            LineKind::Blank
        } else if let Some(body) = trimmed.strip_prefix("<!--") {
            if !body.contains("-->") {
                comment = true;
            }
            LineKind::Comment { id: comment_id(body).map(|r| Span::new(pos + lead + 4 + r.0, pos + lead + 4 + r.1)) }
        } else if let Some(k) = option_line(trimmed, pos + lead, lead) {
            k
        } else if let Some(k) = heading_line(trimmed, pos + lead, lead) {
            k
        } else {
            LineKind::Text
        };
        lines.push(Line { start: pos, end, next, kind });
        pos = next.max(pos + 1);
    }
    lines
}

/// In a file of choice questions (it has task lists), options written as
/// a lettered list (`a) …`, `B. …`, `(c) …`) are options too, with no key
/// marked: a question written that way is reported as having no key,
/// rather than its options being read as a written answer. The lines with
/// lettered ones read as options; a question reads them only when it has
/// no task list (lettered statements in a stem or an explanation stay
/// text).
fn lettered_options(source: &str, lines: &[Line]) -> Option<Vec<Line>> {
    if !lines.iter().any(|l| matches!(l.kind, LineKind::Option { .. })) {
        return None;
    }
    let mut lines = lines.to_vec();
    for line in lines.iter_mut().filter(|l| l.kind == LineKind::Text) {
        let text = &source[line.start..line.end];
        let b = text.as_bytes();
        let prefix = match b {
            [b'(', c, b')', b' ', ..] if c.is_ascii_alphabetic() => 4,
            [c, b')' | b'.', b' ', ..] if (b'a'..=b'h').contains(&c.to_ascii_lowercase()) => 3,
            _ => continue,
        };
        let body = text[prefix..].trim();
        if body.is_empty() {
            continue;
        }
        let start = line.start + prefix + (text[prefix..].len() - text[prefix..].trim_start().len());
        line.kind = LineKind::Option { key: false, text: Span::new(start, start + body.len()), indent: 0 };
    }
    Some(lines)
}

/// `<!-- id: foo -->`: the byte range of `foo` in `body` (the text after `<!--`).
fn comment_id(body: &str) -> Option<(usize, usize)> {
    let inner = &body[..body.find("-->")?];
    let lead = inner.len() - inner.trim_start().len();
    let rest = inner.trim_start().strip_prefix("id:")?;
    let value = rest.trim();
    if value.is_empty() || value.contains(char::is_whitespace) {
        return None;
    }
    let at = lead + 3 + (rest.len() - rest.trim_start().len());
    Some((at, at + value.len()))
}

/// `- [x] text`, `* [ ] text`, `1. [x] text`.
fn option_line(trimmed: &str, at: usize, indent: usize) -> Option<LineKind> {
    let rest = trimmed.strip_prefix(['-', '*', '+']).or_else(|| {
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        (digits > 0).then(|| trimmed[digits..].strip_prefix(['.', ')'])).flatten()
    })?;
    let rest2 = rest.strip_prefix(' ')?.trim_start();
    let key = match rest2.get(..3)? {
        "[ ]" => false,
        "[x]" | "[X]" => true,
        _ => return None,
    };
    let text = &rest2[3..];
    let lead = text.len() - text.trim_start().len();
    let body = text.trim();
    let start = at + (trimmed.len() - rest2.len()) + 3 + lead;
    Some(LineKind::Option { key, text: Span::new(start, start + body.len()), indent })
}

/// `## text`, also inside a list item (`1.  ### text`).
fn heading_line(trimmed: &str, at: usize, indent: usize) -> Option<LineKind> {
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let (skip, s) = match trimmed[digits..].strip_prefix(['.', ')']) {
        Some(rest) if digits > 0 && rest.starts_with([' ', '\t']) => {
            let t = rest.trim_start();
            (trimmed.len() - t.len(), t)
        }
        _ => (0, trimmed),
    };
    let level = s.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &s[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let body = rest.trim();
    // A closing run of `#`, then an anchor `{#id}`.
    let mut body_end = body.len();
    let mut anchor = None;
    if body.ends_with('}')
        && let Some(open) = body.rfind("{#")
    {
        let start = at + skip + level + (rest.len() - rest.trim_start().len()) + open;
        anchor = Some(Span::new(start + 2, start + body.len() - open - 1));
        body_end = body[..open].trim_end().len();
    }
    // A comment at the end of the heading (`<!-- djlint: … -->`) is not its text.
    if body[..body_end].ends_with("-->")
        && let Some(open) = body[..body_end].rfind("<!--")
    {
        body_end = body[..open].trim_end().len();
    }
    let trimmed_body = body[..body_end].trim_end_matches('#').trim_end();
    let body_end = if trimmed_body.ends_with(['\\']) { body_end } else { trimmed_body.len() };
    let start = at + skip + level + (rest.len() - rest.trim_start().len());
    let listed = skip > 0;
    Some(LineKind::Heading {
        level,
        text: Span::new(start, start + body_end),
        anchor,
        listed,
        nested: !listed && indent >= 4,
    })
}

/// A numbering prefix (`12.`, `Q12.`, `Q12:`, `Question 12:`): the number
/// and the length of the prefix with the spaces after it.
fn numbering(text: &str) -> Option<(u32, usize, bool)> {
    let (q, rest) = if let Some(r) = text.strip_prefix("Question ") {
        (true, r)
    } else if let Some(r) = text.strip_prefix(['Q', 'q']) {
        (true, r.strip_prefix('.').unwrap_or(r).trim_start_matches(' '))
    } else {
        (false, text)
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let after = &rest[digits..];
    let after = after.strip_prefix(['.', ')', ':']).or(q.then_some(after))?;
    if !after.starts_with([' ', '\t']) {
        return None;
    }
    let n = rest[..digits].parse().ok()?;
    let prefix = text.len() - after.trim_start().len();
    Some((n, prefix, q))
}

/// An answer label at the start of a line (`A:`, `Answer:`, `Short
/// answer:`, `Ans.`): the length of the label with the spaces after it.
fn answer_label(text: &str) -> Option<usize> {
    const LABELS: &[&str] = &["short answer:", "answer:", "ans:", "ans.", "a:", "a."];
    let lower = text.get(..text.len().min(16))?.to_ascii_lowercase();
    let lower = lower.trim_start_matches(['*', '_']);
    let skip = text.len() - text.trim_start_matches(['*', '_']).len();
    for label in LABELS {
        if let Some(rest) = lower.strip_prefix(label) {
            let rest = rest.trim_start_matches(['*', '_']);
            if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
                continue;
            }
            let stars = lower.len() - label.len() - rest.len();
            let ws = rest.len() - rest.trim_start().len();
            let after = &text[skip + label.len() + stars..];
            return Some(text.len() - after.len() + ws.min(after.len()));
        }
    }
    None
}

/// `Q:` / `Question:` at the start of a line: the length of the label.
fn question_label(text: &str) -> Option<usize> {
    for label in ["Q:", "Question:", "**Q:**", "**Question:**"] {
        if let Some(rest) = text.strip_prefix(label) {
            return rest.starts_with(' ').then(|| text.len() - rest.trim_start().len());
        }
    }
    None
}

/// The inline answer in `Q3. What is X? Answer: It is …`: where the label
/// starts and where the answer text starts, relative to `text`.
fn inline_answer(text: &str) -> Option<(usize, usize)> {
    for label in [" Answer: ", " Ans: ", " A: "] {
        if let Some(at) = text.find(label) {
            let body = at + label.len();
            return (body < text.len()).then_some((at, body));
        }
    }
    None
}

/// Whether a heading's text reads as a question: numbered, or a question.
fn heading_is_question(text: &str) -> bool {
    let t = text.trim_matches(['*', '_', ' ']);
    numbering(t).is_some() || t.ends_with('?')
}

fn find_starts(source: &str, lines: &[Line]) -> Vec<Start> {
    let headings = heading_starts(source, lines);
    if !headings.is_empty() {
        return headings;
    }
    text_starts(source, lines)
}

/// Heading questions: those at the level that holds most of them, and
/// numbered ones at other levels outside every question of that level (a
/// second section of exercises under its own heading).
fn heading_starts(source: &str, lines: &[Line]) -> Vec<Start> {
    let is_question = |kind: &LineKind| match *kind {
        LineKind::Heading { nested: true, .. } => false,
        LineKind::Heading { text, listed, .. } => listed || heading_is_question(&source[text.start..text.end]),
        _ => false,
    };
    let numbered = |kind: &LineKind| match *kind {
        LineKind::Heading { nested: true, .. } => false,
        LineKind::Heading { text, listed, .. } => {
            listed || numbering(source[text.start..text.end].trim_matches(['*', '_'])).is_some()
        }
        _ => false,
    };
    let (mut count, mut count_numbered) = ([0usize; 7], [0usize; 7]);
    for line in lines {
        if let LineKind::Heading { level, .. } = line.kind {
            count[level] += usize::from(is_question(&line.kind));
            count_numbered[level] += usize::from(numbered(&line.kind));
        }
    }
    // The questions are the shallowest numbered headings (an answer may
    // number its own sub-headings deeper down); without numbers, the
    // shallowest headings that ask.
    let shallowest = |count: &[usize; 7]| (1..=6).find(|&l| count[l] >= 2);
    let Some(level) =
        shallowest(&count_numbered).or_else(|| shallowest(&count)).or_else(|| (1..=6).find(|&l| count[l] > 0))
    else {
        return Vec::new();
    };
    // One question heading among other headings is a section title that
    // happens to end with `?`, not a bank.
    if count[level] < 2 && lines.iter().filter(|l| matches!(l.kind, LineKind::Heading { .. })).count() > 2 {
        return Vec::new();
    }
    let start = |i: usize, text: Span, level: usize, anchor: Option<Span>| Start {
        line: i,
        text: strip_numbering(source, text),
        level: Some(level),
        inline_answer: None,
        anchor,
    };
    let mut out = Vec::new();
    // Whether the lines walked so far are inside a question of the main
    // level: from its heading to the next heading at that level or above.
    let mut inside = false;
    // The last question's `Q` number: a deeper `Q` heading that continues
    // it is the next question written at another level.
    let mut last_q: Option<u32> = None;
    // Nothing but blank lines and headings since the last question started.
    let mut bare = false;
    for (i, line) in lines.iter().enumerate() {
        if !matches!(line.kind, LineKind::Blank | LineKind::Heading { .. }) {
            bare = false;
        }
        // A page that writes its later questions as plain `Q79. …`
        // paragraphs, continuing the numbering of its headings.
        if line.kind == LineKind::Text {
            let t = &source[line.start..line.end];
            // (A number or two may be missing: "Q82." then "Q84.")
            if let Some((n, _, true)) = numbering(t.trim_end())
                && last_q.is_some_and(|q| n > q && n <= q + 3)
            {
                out.push(start(i, Span::new(line.start, line.start + t.trim_end().len()), level, None));
                last_q = Some(n);
                inside = true;
                bare = true;
            }
            continue;
        }
        let LineKind::Heading { level: l, text, anchor, nested, .. } = line.kind else { continue };
        if nested {
            continue;
        }
        let number = numbering(source[text.start..text.end].trim_matches(['*', '_']));
        let next_q = matches!(number, Some((n, _, true)) if last_q.is_some_and(|q| n == q + 1));
        // A heading that asks but is not numbered, right after a question
        // with nothing but headings since, goes on with that question's
        // stem ("#### Which metric do you check first?").
        let continues = number.is_none() && bare;
        if l <= level && continues && l == level && is_question(&line.kind) {
            continue;
        }
        if l <= level {
            inside = l == level && is_question(&line.kind);
            if inside {
                out.push(start(i, text, level, anchor));
                last_q = number.filter(|n| n.2).map(|n| n.0);
                bare = true;
            }
        } else if (!inside && numbered(&line.kind)) || next_q {
            out.push(start(i, text, l, anchor));
            last_q = number.filter(|n| n.2).map(|n| n.0);
            bare = true;
        }
    }
    out
}

/// The text after a numbering prefix and bold markers around it.
fn strip_numbering(source: &str, text: Span) -> Span {
    let t = &source[text.start..text.end];
    let bold = t.starts_with("**") && t.ends_with("**") && t.len() > 4;
    let inner = if bold { &t[2..t.len() - 2] } else { t };
    let offset = if bold { 2 } else { 0 };
    let inner_trimmed = inner.trim();
    let lead = inner.len() - inner.trim_start().len();
    let skip = numbering(inner_trimmed).map_or(0, |(_, p, _)| p);
    let start = text.start + offset + lead + skip;
    let end = text.start + offset + lead + inner_trimmed.len();
    if start >= end { text } else { Span::new(start, end) }
}

/// Questions in plain text: numbered lines that continue the numbering,
/// bold questions, labelled pairs.
fn text_starts(source: &str, lines: &[Line]) -> Vec<Start> {
    let text_of = |l: &Line| &source[l.start..l.end];
    let next_text = |i: usize| (i + 1..lines.len()).find(|&j| lines[j].kind != LineKind::Blank);
    let mut out = Vec::new();
    let mut expected: Option<u32> = None;
    for (i, line) in lines.iter().enumerate() {
        if line.kind != LineKind::Text {
            continue;
        }
        let raw = text_of(line);
        if raw.starts_with([' ', '\t']) {
            continue; // indented: part of a list or code
        }
        let t = raw.trim_end();
        let at = line.start;
        let bold = t.starts_with("**") && t.ends_with("**") && t.len() > 4;
        let inner = if bold { t[2..t.len() - 2].trim() } else { t };
        let next = next_text(i);
        let next_is_label = next.is_some_and(|j| answer_label(text_of(&lines[j])).is_some());
        // Q: … (then A: …)
        if let Some(skip) = question_label(t) {
            let text = Span::new(at + skip, at + t.len());
            out.push(Start { line: i, text, level: None, inline_answer: None, anchor: None });
            continue;
        }
        if let Some((n, _, q)) = numbering(inner) {
            // A list restarting at 1 with a question is a new section's
            // numbering (a FAQ after the main list).
            let restarts = n == 1 && inner.ends_with('?');
            let continues = expected.is_none_or(|e| n == e) || q && expected.is_none_or(|e| n >= e) || restarts;
            // Text must follow before the next numbered line: an intro's
            // "1. Fast 2. Secure" list answers nothing.
            let answered = inline_answer(inner).is_some()
                || next.is_some_and(|j| {
                    let nt = text_of(&lines[j]);
                    !matches!(lines[j].kind, LineKind::Text) || numbering(nt.trim_start_matches('*')).is_none()
                });
            if continues && answered {
                expected = Some(n + 1);
                let span = strip_numbering(source, Span::new(at, at + t.len()));
                let q_text = &source[span.start..span.end];
                let (text, inline) = match inline_answer(q_text) {
                    Some((label, body)) => (
                        Span::new(span.start, span.start + q_text[..label].trim_end().len()),
                        Some(Span::new(span.start + body, span.end)),
                    ),
                    None => (span, None),
                };
                out.push(Start { line: i, text, level: None, inline_answer: inline, anchor: None });
                continue;
            }
        }
        if bold && inner.ends_with('?') {
            let span = strip_numbering(source, Span::new(at, at + t.len()));
            out.push(Start { line: i, text: span, level: None, inline_answer: None, anchor: None });
            continue;
        }
        // A line followed by `Short answer:` / `Answer:` / `A:`.
        if next_is_label && answer_label(t).is_none() && !t.starts_with(['-', '*', '+', '>', '|']) {
            out.push(Start {
                line: i,
                text: Span::new(at, at + t.len()),
                level: None,
                inline_answer: None,
                anchor: None,
            });
        }
    }
    out
}

/// Report code blocks that hold lines written like the file's question
/// headings: a fence left open (or closed with a stray info string, such
/// as ` ```md`) turns the questions after it into code, as it does on the
/// rendered page.
fn hidden_questions(source: &str, lines: &[Line], starts: &[Start], file: FileId, out: &mut Vec<Finding>) {
    let mut levels: Vec<usize> = starts.iter().filter_map(|s| s.level).collect();
    levels.sort_unstable();
    levels.dedup();
    if levels.is_empty() {
        return;
    }
    let mut l = 0;
    while l < lines.len() {
        if lines[l].kind != LineKind::Code {
            l += 1;
            continue;
        }
        let end = (l..lines.len()).find(|&e| lines[e].kind != LineKind::Code).unwrap_or(lines.len());
        let hidden: Vec<usize> = (l..end)
            .filter(|&h| {
                let text = &source[lines[h].start..lines[h].end];
                match heading_line(text, lines[h].start, 0) {
                    Some(LineKind::Heading { level, text, .. }) => {
                        levels.contains(&level) && numbering(&source[text.start..text.end]).is_some()
                    }
                    _ => false,
                }
            })
            .collect();
        if let Some(&first) = hidden.first() {
            let open = Span::new(lines[l].start, lines[l].end);
            let shown = &source[lines[first].start..lines[first].end];
            out.push(file_rules::hidden_questions(file, open, hidden.len(), shown));
        }
        l = end;
    }
}

/// The first level-1 heading before the first question: the file's title.
fn title(source: &str, lines: &[Line], before: usize) -> Option<Text> {
    lines[..before].iter().find_map(|l| match l.kind {
        LineKind::Heading { level: 1, text, .. } if !text.is_empty() => Some(text_at(source, text, 0)),
        _ => None,
    })
}

/// A field of the file's text, read verbatim but for `indent` leading
/// spaces on each line.
fn text_at(source: &str, span: Span, indent: usize) -> Text {
    Text::new(markdown_value(source, span, indent).into(), span, Style::Markdown, indent)
}

#[allow(clippy::too_many_arguments)]
fn question(
    source: &str,
    lines: &[Line],
    lettered: Option<&[Line]>,
    start: &Start,
    end: usize,
    file: FileId,
    index: usize,
    stem: &str,
    seen_ids: &mut std::collections::HashMap<String, usize>,
    out: &mut Content,
) -> Question {
    let first = &lines[start.line];
    // Comments at the end belong to the next question (its id, its
    // suppressions), not to this one.
    let last_line = (start.line..end)
        .rev()
        .find(|&l| !matches!(lines[l].kind, LineKind::Blank | LineKind::Comment { .. }))
        .unwrap_or(start.line);
    // Findings made while reading this question name it once it has an id.
    let findings_before = out.findings.len();
    let mut q = Question::new(file, index, Span::new(first.start, lines[last_line].end.max(first.start)));
    let mut options = option_run(source, lines, start.line + 1, end);
    if options.is_empty()
        && let Some(lettered) = lettered
    {
        options = option_run(source, lettered, start.line + 1, end);
    }
    let body_from = start.line + 1;
    let mut question_span = start.text;
    let answer_lines = if let (Some(first_opt), Some(last_opt)) = (options.first(), options.last()) {
        q.is_choice = true;
        // Text between the question line and the options is part of the
        // question (a code block to read).
        if let Some(stem_end) = (body_from..first_opt.line).rev().find(|&l| lines[l].kind != LineKind::Blank) {
            question_span = Span::new(start.text.start, lines[stem_end].end);
        }
        let after = last_opt.last + 1;
        let mut forms: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for o in &options {
            {
                let (key, text) = (o.key, o.text);
                let text = text_at(source, text, o.indent);
                if text.value.trim().is_empty() {
                    continue;
                }
                // One lookup per option, however many a question has.
                let form = choices::normal_form(&text.value);
                if let Some(&at) = forms.get(&form) {
                    let prev: &mut Choice = &mut q.choices[at];
                    let f = choices::duplicate_choice(file, None, text.span, &text.value, prev.text.span);
                    out.findings.push(f);
                    // A key on either copy marks the option.
                    prev.key |= key;
                    continue;
                }
                forms.insert(form, q.choices.len());
                q.choices.push(Choice { text, key });
            }
        }
        after..end
    } else if let Some(code_end) = shown_code(source, lines, start, body_from..end) {
        // "What is the output of below code": the code is the question's.
        question_span = Span::new(start.text.start, lines[code_end].end);
        code_end + 1..end
    } else {
        body_from..end
    };
    q.question = Some(text_at(source, question_span, 0));
    let id = explicit_id(source, lines, start).or_else(|| {
        let id = derived_id(stem, &source[start.text.start..start.text.end], seen_ids);
        Some(Spanned { value: id, span: start.text })
    });
    let qid = id.as_ref().map(|s| s.value.clone());
    q.id = id.map(|s| Spanned { value: crate::bank::Str::from(s.value), span: s.span });
    for f in &mut out.findings[findings_before..] {
        if f.question_id.is_none() && f.span.start >= q.span.start && f.span.end <= q.span.end {
            f.question_id = qid.clone();
        }
    }
    // In plain text, a short line of its own at the end, after a blank
    // line and without a full stop, is the title of the next section.
    let mut answer_lines = answer_lines;
    if start.level.is_none() {
        answer_lines.end = section_title(source, lines, answer_lines.clone()).unwrap_or(answer_lines.end);
    }
    // After a choice question's options, a last paragraph that ends with a
    // colon introduces what comes next ("Here are 20 more questions:"); an
    // explanation does not end that way.
    if q.is_choice {
        answer_lines.end = lead_in(source, lines, answer_lines.clone()).unwrap_or(answer_lines.end);
    }
    let body = body_text(source, lines, answer_lines.clone(), start.inline_answer);
    if q.is_choice {
        q.explanation = body.map(Box::new);
        let keys: Vec<&Choice> = q.choices.iter().filter(|c| c.key).collect();
        if keys.len() == 1 {
            q.answer = Some(keys[0].text.clone());
        }
        if keys.is_empty() {
            out.findings.push(choices::no_key(file, qid.as_deref(), question_span));
        }
        if q.choices.len() < 2 {
            let span = Span::new(lines[options[0].line].start, lines[options[options.len() - 1].last].end);
            out.findings.push(choices::too_few(file, qid.as_deref(), span, q.choices.len()));
        }
    } else if body.is_none() {
        let f = fields::empty_field(file, qid.as_deref(), start.text, "the answer")
            .help("write the answer under the question, or remove the question until it has one");
        out.findings.push(f);
    } else {
        q.answer = body;
    }
    // The question ends where its last field does: what follows (a section
    // title, comments before the next question) is the page's own text.
    let end = q.texts().map(|t| t.span.end).chain([lines[start.line].end]).max().unwrap_or(q.span.end);
    q.span = Span::new(q.span.start, end);
    q
}

/// One option of a task list.
struct OptionItem {
    /// The option's first line and its last (a code block under an
    /// option, or an indented continuation, belongs to it).
    line: usize,
    last: usize,
    key: bool,
    text: Span,
    /// Indentation removed from its continuation lines.
    indent: usize,
}

/// The task-list items in lines `from..end`, each with what follows it
/// up to the next item (a code block or an image that shows the option).
/// Text after the last item is not part of the options.
fn option_run(source: &str, lines: &[Line], from: usize, end: usize) -> Vec<OptionItem> {
    let is_option = |l: usize| matches!(lines[l].kind, LineKind::Option { .. });
    let (Some(first), Some(last)) = ((from..end).find(|&l| is_option(l)), (from..end).rev().find(|&l| is_option(l)))
    else {
        return Vec::new();
    };
    let mut out: Vec<OptionItem> = Vec::new();
    for (l, line) in lines.iter().enumerate().take(last + 1).skip(first) {
        match line.kind {
            LineKind::Option { key, text, indent } => {
                out.push(OptionItem { line: l, last: l, key, text, indent: indent + 2 });
            }
            LineKind::Blank => {}
            _ => {
                let o = out.last_mut().expect("an option came first");
                o.last = l;
                o.text = Span::new(o.text.start, line.end);
                o.indent = 0;
            }
        }
    }
    // The last item takes the lines that continue it (indented, with no
    // blank line between), then a code block right under it.
    if let Some(o) = out.last_mut() {
        let mut l = last + 1;
        while l < end && lines[l].kind == LineKind::Text && source[lines[l].start..lines[l].end].starts_with("  ") {
            o.last = l;
            o.text = Span::new(o.text.start, lines[l].end);
            l += 1;
        }
        while l < end && lines[l].kind == LineKind::Blank {
            l += 1;
        }
        if l < end && lines[l].kind == LineKind::Code {
            let close = (l..end).take_while(|&c| lines[c].kind == LineKind::Code).last().unwrap_or(l);
            o.last = close;
            o.text = Span::new(o.text.start, lines[close].end);
            o.indent = 0;
        }
    }
    out
}

/// The last line of the code block that opens `range`, when the question
/// points at it ("the output of below code", "the following snippet"): it
/// is part of what is asked, not of the answer.
fn shown_code(source: &str, lines: &[Line], start: &Start, range: std::ops::Range<usize>) -> Option<usize> {
    let first = range.clone().find(|&l| lines[l].kind != LineKind::Blank)?;
    if lines[first].kind != LineKind::Code {
        return None;
    }
    let asked = source[start.text.start..start.text.end].to_lowercase();
    let points = ["below", "following", "this code", "the code", "snippet", "output of"];
    if !points.iter().any(|p| asked.contains(p)) {
        return None;
    }
    let last = (first..range.end).take_while(|&l| lines[l].kind == LineKind::Code).last()?;
    // Something must be left to be the answer.
    (last + 1..range.end).any(|l| lines[l].kind != LineKind::Blank).then_some(last)
}

/// Where the last paragraph of `range` starts, if it ends with a colon.
fn lead_in(source: &str, lines: &[Line], range: std::ops::Range<usize>) -> Option<usize> {
    let last = range.clone().rev().find(|&l| lines[l].kind != LineKind::Blank)?;
    if lines[last].kind != LineKind::Text || !source[lines[last].start..lines[last].end].trim_end().ends_with(':') {
        return None;
    }
    let first = (range.start..=last).rev().take_while(|&l| lines[l].kind == LineKind::Text).last()?;
    Some(first)
}

/// The line where a section title ends `range`, if its last line is one:
/// short, on its own after a blank line, not a list item or code, and not
/// ending like a sentence; and something comes before it.
fn section_title(source: &str, lines: &[Line], range: std::ops::Range<usize>) -> Option<usize> {
    let last = range.clone().rev().find(|&l| lines[l].kind != LineKind::Blank)?;
    let before = last.checked_sub(1).filter(|&b| b >= range.start)?;
    if lines[before].kind != LineKind::Blank || lines[last].kind != LineKind::Text {
        return None;
    }
    (range.start..before).find(|&l| lines[l].kind != LineKind::Blank)?;
    let t = source[lines[last].start..lines[last].end].trim();
    let title = t.chars().count() <= 60
        && !t.ends_with(['.', ':', ';', ',', '!', '?', ')', '`', '"'])
        && !t.starts_with(['-', '*', '+', '>', '|', '<', '[', '!'])
        && t.chars().next().is_some_and(|c| !c.is_ascii_digit());
    title.then_some(last)
}

/// `<!-- id: … -->` on the line before the question (blank lines between
/// allowed), or the heading's `{#anchor}`.
fn explicit_id(source: &str, lines: &[Line], start: &Start) -> Option<Spanned<String>> {
    let before = (0..start.line).rev().find(|&l| lines[l].kind != LineKind::Blank);
    let from_comment = before.and_then(|l| match lines[l].kind {
        LineKind::Comment { id: Some(span) } => Some(span),
        _ => None,
    });
    from_comment.or(start.anchor).map(|span| Spanned { value: source[span.start..span.end].to_owned(), span })
}

/// A stable id for a question without one: the file's stem and the
/// question's first eight words, in lower case, joined by `-`, with `-2`,
/// `-3` … for a repeat in the same file. `seen` counts the bases given out
/// so far (a lookup per question, however many repeats a file has).
pub fn derived_id(stem: &str, question: &str, seen: &mut std::collections::HashMap<String, usize>) -> String {
    let words: Vec<String> = question
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_ascii_lowercase)
        .collect();
    let slug = if words.is_empty() { "q".to_owned() } else { words.join("-") };
    let base = format!("{stem}.{slug}");
    let n = seen.entry(base.clone()).or_insert(0);
    *n += 1;
    if *n == 1 { base } else { format!("{base}-{n}") }
}

/// A file name's stem as an id part: lower-case letters, digits and `-`.
fn file_stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    let mut out = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "bank".to_owned() } else { out }
}

/// Whether the last line before the end of `lines` that is not blank is
/// a separator (`<br>`, `---`).
fn after_separator(source: &str, lines: &[Line]) -> bool {
    lines.iter().rev().find(|l| l.kind != LineKind::Blank).is_some_and(|l| {
        let t = source[l.start..l.end].trim().to_ascii_lowercase();
        l.kind == LineKind::Text && matches!(t.as_str(), "<br>" | "<br/>" | "<br />" | "---" | "***" | "___")
    })
}

/// Whether a line only navigates or separates: links to anchors in the
/// page (`[⬆ Back to Top](#table-of-contents)`), `<br>`, `---`.
fn is_navigation(text: &str) -> bool {
    let t = text.trim().trim_matches(['*', '_']).trim();
    if t.is_empty() {
        return true;
    }
    if matches!(t.to_ascii_lowercase().as_str(), "<br>" | "<br/>" | "<br />" | "---" | "***" | "___") {
        return true;
    }
    // Only links to `#anchors`, with nothing else but separators.
    let mut rest = t;
    let mut links = 0;
    while let Some(open) = rest.find('[') {
        if !rest[..open].trim_matches(|c: char| c.is_whitespace() || "|•·*_".contains(c)).is_empty() {
            return false;
        }
        let Some(close) = rest[open..].find("](#") else { return false };
        let Some(end) = rest[open + close..].find(')') else { return false };
        rest = &rest[open + close + end + 1..];
        links += 1;
    }
    links > 0 && rest.trim_matches(|c: char| c.is_whitespace() || "|•·*_".contains(c)).is_empty()
}

/// The answer (or explanation) in `range` of lines, trimmed of blank and
/// navigation lines at both ends, dedented by the smallest indentation
/// of its lines; `inline` is an answer that starts on the question's line.
fn body_text(source: &str, lines: &[Line], range: std::ops::Range<usize>, inline: Option<Span>) -> Option<Text> {
    let is_body = |l: usize| {
        let line = &lines[l];
        match line.kind {
            LineKind::Blank => false,
            LineKind::Comment { .. } => false,
            LineKind::Text => !is_navigation(&source[line.start..line.end]),
            _ => true,
        }
    };
    let first = range.clone().find(|&l| is_body(l));
    let last = range.clone().rev().find(|&l| is_body(l));
    let (start, end) = match (inline, first, last) {
        (Some(s), _, Some(last)) => (s.start, lines[last].end),
        (Some(s), _, None) => (s.start, s.end),
        (None, Some(first), Some(last)) => {
            let line = &lines[first];
            let text = &source[line.start..line.end];
            let lead = text.len() - text.trim_start().len();
            let label = answer_label(&text[lead..]).unwrap_or(0);
            (line.start + lead + label, lines[last].end)
        }
        _ => return None,
    };
    if start >= end {
        return None;
    }
    // The indentation shared by the lines after the first.
    let indent = first
        .into_iter()
        .flat_map(|f| f + 1..=last.unwrap_or(f))
        .filter(|&l| lines[l].kind != LineKind::Blank && lines[l].start >= start)
        .map(|l| &source[lines[l].start..lines[l].end])
        // An empty line inside a code block has no indentation to share.
        .filter(|t| !t.trim().is_empty())
        .map(|t| t.len() - t.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let text = text_at(source, Span::new(start, end), indent);
    (!text.value.trim().is_empty()).then_some(text)
}

/// The text outside every question, one piece per stretch of lines
/// between blank lines, without the title, comments and navigation.
fn prose(source: &str, lines: &[Line], covered: &[Span], title: Option<&Text>) -> Vec<Text> {
    let mut out = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    // `covered` is in file order and its spans do not overlap: the span
    // that may hold a line start is the last one starting at or before it.
    let inside = |at: usize| {
        let i = covered.partition_point(|s| s.start <= at);
        i > 0 && at < covered[i - 1].end.max(covered[i - 1].start + 1)
    };
    let flush = |run: &mut Option<(usize, usize)>, out: &mut Vec<Text>| {
        if let Some((s, e)) = run.take() {
            let text = text_at(source, Span::new(s, e), 0);
            if !text.value.trim().is_empty() {
                out.push(text);
            }
        }
    };
    for line in lines {
        let keep = matches!(line.kind, LineKind::Text | LineKind::Heading { .. })
            && !inside(line.start)
            && !title.is_some_and(|t| t.span.start >= line.start && t.span.start < line.next)
            && !is_navigation(&source[line.start..line.end]);
        if keep {
            let t = &source[line.start..line.end];
            let lead = t.len() - t.trim_start().len();
            run = Some(match run {
                Some((s, _)) => (s, line.end),
                None => (line.start + lead, line.end),
            });
            if lead > 0 && run.is_some_and(|(s, _)| s != line.start + lead) {
                // Lines with different indentation are separate pieces.
                let end = line.end;
                run = run.map(|(s, _)| (s, end));
            }
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> Content {
        read(text, 0, "guide.md")
    }

    /// A field's value, checked against the file bytes its span names.
    fn field(text: &str, t: &Text) -> String {
        assert_eq!(t.value, text[t.span.start..t.span.end]);
        t.value.to_string()
    }

    #[test]
    fn heading_questions_with_prose_answers() {
        let text = "# Guide\n\nIntro text.\n\n## 1. What is a view?\n\nA callable that takes a request.\n\n### Details\n\nMore.\n\n## 2. What is a model?\n\nA class mapped to a table.\n";
        let c = read_str(text);
        assert_eq!(c.questions.len(), 2);
        assert_eq!(c.title.as_ref().unwrap().value, "Guide");
        let q = &c.questions[0];
        assert_eq!(field(text, q.question.as_ref().unwrap()), "What is a view?");
        assert_eq!(q.answer.as_ref().unwrap().value, "A callable that takes a request.\n\n### Details\n\nMore.");
        assert_eq!(c.prose.len(), 1);
        assert_eq!(c.prose[0].value, "Intro text.");
        assert_eq!(q.id(), Some("guide.what-is-a-view"));
    }
}

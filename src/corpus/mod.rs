//! Deterministic, seeded generator of synthetic question banks.
//!
//! Used by the `gen-bank` example (benchmarks) and by tests that need large
//! banks. The same seed always gives byte-identical output. The text is
//! synthetic: topic words from a fixed list, filler words built from
//! syllables, so every question is distinct but reads like a bank entry.
//! [`generate`] can also plant duplicates of every kind the duplicate rules
//! find, and says where it put them.

use std::fmt::Write as _;

mod prose;

pub use prose::Prose;

/// A small, fast, seeded PRNG (SplitMix64). Not for cryptography.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

pub const TOPICS: &[&str] = &[
    "the ORM",
    "migrations",
    "querysets",
    "model managers",
    "middleware",
    "signals",
    "class-based views",
    "function-based views",
    "template inheritance",
    "context processors",
    "the admin site",
    "forms",
    "model forms",
    "formsets",
    "validators",
    "the cache framework",
    "sessions",
    "authentication backends",
    "permissions",
    "custom user models",
    "static files",
    "media files",
    "file storage",
    "the test client",
    "fixtures",
    "database transactions",
    "select_related",
    "prefetch_related",
    "annotations",
    "aggregation",
    "F expressions",
    "Q objects",
    "raw SQL",
    "database routers",
    "connection pooling",
    "ASGI",
    "WSGI",
    "async views",
    "channels",
    "Celery tasks",
    "serializers",
    "viewsets",
    "routers",
    "throttling",
    "pagination",
    "content negotiation",
    "CSRF protection",
    "clickjacking protection",
    "XSS escaping",
    "SQL injection",
    "password hashing",
    "the messages framework",
    "internationalization",
    "time zones",
    "the sites framework",
    "sitemaps",
    "syndication feeds",
    "GeoDjango",
    "full-text search",
    "JSONField",
    "generated fields",
    "database constraints",
    "indexes",
    "management commands",
    "settings modules",
    "logging configuration",
    "email backends",
    "template filters",
    "template tags",
    "URL reversing",
    "path converters",
    "request objects",
    "response objects",
    "streaming responses",
    "file uploads",
    "content types",
    "generic relations",
    "proxy models",
    "abstract base classes",
    "multi-table inheritance",
    "model Meta options",
    "deployment checklists",
    "Gunicorn workers",
    "reverse proxies",
    "health checks",
];

const QUESTION_FORMS: &[&str] = &[
    "What is the role of {t} in a Django project?",
    "How do {t} interact with the request cycle?",
    "When would you avoid {t}, and what would you use instead?",
    "Explain a production bug you could hit with {t}.",
    "How do you test code that relies on {t}?",
    "What changes when {t} run under heavy load?",
    "How would you debug slow behaviour caused by {t}?",
    "Which settings control {t}, and what are safe defaults?",
    "Compare {t} with the closest alternative in another framework.",
    "How do {t} affect security, and how do you harden them?",
];

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ra", "ven", "tor", "sel", "dan", "pri", "quo", "ble", "stra", "nim", "gor", "fen", "lu", "mar",
    "to", "si", "er", "an", "cul", "pe", "dro", "vis", "tal",
];

fn word(rng: &mut Rng, out: &mut String) {
    for _ in 0..(2 + rng.below(2)) {
        let syllable = rng.pick::<&str>(SYLLABLES);
        out.push_str(syllable);
    }
}

fn sentence(rng: &mut Rng, topic: &str, out: &mut String) {
    let n = 9 + rng.below(10);
    let at = rng.below(n);
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        if i == at {
            out.push_str(topic);
        } else {
            word(rng, out);
        }
    }
    out.push('.');
}

/// How a generated answer is written in YAML.
#[derive(Clone, Copy)]
enum Style {
    Plain,
    DoubleQuoted,
    Literal,
    Folded,
}

/// A duplicate the generator planted on purpose, for recall tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planted {
    /// `exact`, `near-question`, `near-answer`, `template` or `repeated-run`.
    pub kind: &'static str,
    /// The planted copy (for a template, each member after the first).
    pub id: String,
    /// The question it copies (for a template, the group's first member).
    pub of: String,
}

/// A generated bank: files as (name, text), and what was planted in it.
#[derive(Debug, Clone)]
pub struct Generated {
    pub files: Vec<(String, String)>,
    pub planted: Vec<Planted>,
}

#[derive(Clone)]
struct Item {
    id: String,
    /// What the question is about; template answers name it.
    topic: String,
    /// The tag written for the question.
    tag: String,
    question: String,
    answer: Vec<String>,
    /// A planted flaw that shows in how the item is written (prose banks).
    flaw: Flaw,
}

/// A defect written into the YAML of an item rather than its text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flaw {
    None,
    /// The `answer:` line is left out.
    MissingAnswer,
    /// `level: expert`, outside the default levels.
    BadLevel,
    /// The source URL carries a tracking parameter.
    Tracking,
}

const TEMPLATE_ANSWERS: &[&str] = &[
    "{T} is one of the fundamentals a panel probes early on, so say what it is for, why teams depend on it and where you have used it yourself.",
    "In a real codebase {T} shapes speed, safety and how easy bugs are to trace; link it to an incident you handled and name the tradeoff you accepted.",
    "A frequent slip is reaching for {T} without knowing the limits behind it; describe the failure, how you would track it down and what habit prevents it.",
];

/// Correct version statements; every tenth answer ends with one, so that
/// the stale rules have claims to read (and must stay quiet on them).
const VERSION_SENTENCES: &[&str] = &[
    "This has worked the same way since Django 3.1.",
    "Django 5.2 LTS is supported until April 2028.",
    "On Django 6.0 it needs Python 3.12 or later.",
    "Django 4.2 added this, and 5.2 LTS keeps it.",
    "DRF 3.16 supports Django 4.2, 5.0, 5.1 and 5.2.",
    "Django was first released in July 2005.",
    "STORAGES was added in Django 4.2.",
    "Async views have been available since Django 3.1.",
];

/// Where the text of fresh questions comes from.
struct Source<'a> {
    prose: Option<&'a Prose>,
    draws: prose::Draws,
}

impl Source<'_> {
    fn fresh(&mut self, rng: &mut Rng, n: usize) -> Item {
        match self.prose {
            None => fresh(rng, n),
            Some(p) => p.item(rng, n, &mut self.draws),
        }
    }
}

fn fresh(rng: &mut Rng, n: usize) -> Item {
    let topic = *rng.pick(TOPICS);
    let form = rng.pick(QUESTION_FORMS);
    // A word spelling the question's number keeps every question distinct;
    // two random words vary the rest.
    let mut tail = String::new();
    let mut k = n;
    loop {
        tail.push_str(SYLLABLES[k % SYLLABLES.len()]);
        k /= SYLLABLES.len();
        if k == 0 {
            break;
        }
    }
    // Question words come from a long tail (3–4 syllables, about 475,000
    // words), as the rare technical words of a real bank do.
    for _ in 0..2 {
        tail.push(' ');
        for _ in 0..3 + rng.below(2) {
            tail.push_str(rng.pick::<&str>(SYLLABLES));
        }
    }
    let question = format!("{} ({tail})", form.replace("{t}", topic));
    let mut answer: Vec<String> = (0..3 + rng.below(3))
        .map(|_| {
            let mut s = String::new();
            sentence(rng, topic, &mut s);
            s
        })
        .collect();
    if n % 10 == 3 {
        answer.push(VERSION_SENTENCES[(n / 10) % VERSION_SENTENCES.len()].to_owned());
    }
    let tag = format!("django, {}", topic.replace(' ', "-").replace("the-", ""));
    Item { id: format!("q-{n:07}"), topic: topic.to_owned(), tag, question, answer, flaw: Flaw::None }
}

/// Reword a question without changing its content words.
fn reword(question: &str) -> String {
    let q = question.replacen("What is the", "What's the", 1).replacen("How do ", "How exactly do ", 1);
    if q == question { format!("{}, in short?", question.trim_end_matches('?')) } else { q }
}

/// Change one word of an answer (a middle word of its longest sentence).
fn retouch(rng: &mut Rng, answer: &[String]) -> Vec<String> {
    let mut answer = answer.to_vec();
    let longest = (0..answer.len()).max_by_key(|&i| answer[i].len()).unwrap_or(0);
    let words: Vec<&str> = answer[longest].split(' ').collect();
    let at = words.len() / 2;
    let mut replacement = String::new();
    word(rng, &mut replacement);
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    out[at] = replacement;
    answer[longest] = out.join(" ");
    answer
}

/// `text` as a YAML double-quoted scalar.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Whether `text` can be written as a plain YAML scalar on one line.
fn plain_safe(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace())
        && !text.ends_with([':', ' '])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.contains('\n')
        && !text.contains('\t')
}

fn write_item(rng: &mut Rng, item: &Item, out: &mut String) {
    let _ = writeln!(out, "  - id: {}", item.id);
    let _ = writeln!(out, "    question: {}", quoted(&item.question));
    let level = ["beginner", "intermediate", "advanced"][rng.below(3)];
    let level = if item.flaw == Flaw::BadLevel { "expert" } else { level };
    let _ = writeln!(out, "    level: {level}");
    let style = [Style::Plain, Style::DoubleQuoted, Style::Literal, Style::Folded][rng.below(4)];
    // Answers with line breaks of their own (code, lists) keep them.
    let style = if item.answer.iter().any(|l| l.contains('\n')) { Style::Literal } else { style };
    let plain = item.answer.join(" ").replace(": ", " ");
    let style = if matches!(style, Style::Plain) && !plain_safe(&plain) { Style::DoubleQuoted } else { style };
    if item.flaw != Flaw::MissingAnswer {
        match style {
            Style::Plain => {
                let _ = writeln!(out, "    answer: {plain}");
            }
            Style::DoubleQuoted => {
                let _ = writeln!(out, "    answer: {}", quoted(&item.answer.join(" ")));
            }
            Style::Literal | Style::Folded => {
                let _ = writeln!(out, "    answer: {}", if matches!(style, Style::Literal) { "|" } else { ">" });
                for l in item.answer.iter().flat_map(|p| p.lines()) {
                    if l.is_empty() {
                        out.push('\n');
                    } else {
                        let _ = writeln!(out, "      {l}");
                    }
                }
            }
        }
    }
    let _ = writeln!(out, "    tags: [{}]", item.tag);
    if rng.chance(30) || item.flaw == Flaw::Tracking {
        let page = rng.below(90);
        if item.tag.starts_with("django") {
            let _ = writeln!(out, "    sources:\n      - https://docs.djangoproject.com/en/5.2/topics/{page}/");
        } else {
            let tracking = if item.flaw == Flaw::Tracking { "?utm_source=chatgpt.com" } else { "" };
            let _ = writeln!(out, "    sources:\n      - https://docs.rs/{}/latest/{page}/{tracking}", item.tag);
        }
    }
}

/// The items of a bank: fresh questions, and with probability
/// `dup_percent`/100 at each step a planted duplicate of one kind.
fn items(
    rng: &mut Rng,
    source: &mut Source,
    questions: usize,
    dup_percent: u64,
    planted: &mut Vec<Planted>,
) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::with_capacity(questions);
    let mut next_template = 0;
    while items.len() < questions {
        let n = items.len();
        if n < 20 || !rng.chance(dup_percent) {
            let item = source.fresh(rng, n);
            items.push(item);
            continue;
        }
        let of = rng.below(n.saturating_sub(10)).min(n - 1);
        let orig = items[of].clone();
        let id = format!("q-{n:07}");
        match rng.below(5) {
            0 => {
                let question = format!("Q{}. {}", n + 1, orig.question);
                planted.push(Planted { kind: "exact", id: id.clone(), of: orig.id.clone() });
                items.push(Item { id, question, ..orig });
            }
            1 => {
                let fresh_answer = source.fresh(rng, n).answer;
                planted.push(Planted { kind: "near-question", id: id.clone(), of: orig.id.clone() });
                items.push(Item { id, question: reword(&orig.question), answer: fresh_answer, ..orig });
            }
            2 => {
                let mut item = source.fresh(rng, n);
                item.answer = retouch(rng, &orig.answer);
                planted.push(Planted { kind: "near-answer", id: id.clone(), of: orig.id.clone() });
                items.push(item);
            }
            3 if questions - n >= 4 => {
                // Four questions on different topics answered from one template.
                let template = TEMPLATE_ANSWERS[next_template % TEMPLATE_ANSWERS.len()];
                next_template += 1;
                let first = format!("q-{n:07}");
                for k in 0..4 {
                    let mut item = source.fresh(rng, n + k);
                    let mut t = item.topic.clone();
                    if let Some(c) = t.get_mut(0..1) {
                        c.make_ascii_uppercase();
                    }
                    item.answer = vec![template.replace("{T}", &t)];
                    if k > 0 {
                        planted.push(Planted { kind: "template", id: item.id.clone(), of: first.clone() });
                    }
                    items.push(item);
                }
            }
            _ if n >= 30 && questions - n >= 5 => {
                // The five questions before a point, repeated in order.
                let from = n - 5 - rng.below(20);
                for k in 0..5 {
                    let orig = items[from + k].clone();
                    let id = format!("q-{:07}", n + k);
                    planted.push(Planted { kind: "repeated-run", id: id.clone(), of: orig.id.clone() });
                    items.push(Item { id, ..orig });
                }
            }
            _ => {
                let item = source.fresh(rng, n);
                items.push(item);
            }
        }
    }
    items
}

/// Write a whole bank: `questions` questions split into files of
/// `per_file`, with about `dup_percent` % planted duplicates.
pub fn generate(questions: usize, per_file: usize, seed: u64, dup_percent: u64) -> Generated {
    generate_from(None, questions, per_file, seed, dup_percent)
}

/// [`generate`] with the text of fresh questions taken from `prose` (real
/// sentences and names) instead of the synthetic vocabulary; prose banks
/// also carry planted noise, unclear, stale and schema defects.
pub fn generate_from(
    prose: Option<&Prose>,
    questions: usize,
    per_file: usize,
    seed: u64,
    dup_percent: u64,
) -> Generated {
    let mut rng = Rng::new(seed);
    let per_file = per_file.max(1);
    let mut planted = Vec::new();
    let mut source = Source { prose, draws: prose::Draws::default() };
    let items = items(&mut rng, &mut source, questions, dup_percent, &mut planted);
    let mut files = Vec::new();
    for chunk in items.chunks(per_file) {
        let mut out = String::with_capacity(chunk.len() * 700);
        let _ = writeln!(out, "title: Generated bank part {}", files.len());
        out.push_str("questions:\n");
        for item in chunk {
            write_item(&mut rng, item, &mut out);
        }
        files.push((format!("part-{:05}.yaml", files.len()), out));
    }
    Generated { files, planted }
}

/// A bank without planted duplicates.
pub fn bank(questions: usize, per_file: usize, seed: u64) -> Vec<(String, String)> {
    generate(questions, per_file, seed, 0).files
}

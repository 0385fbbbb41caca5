//! Deterministic, seeded generator of synthetic question banks.
//!
//! Used by the `gen-bank` example (benchmarks) and by tests that need large
//! banks. The same seed always gives byte-identical output. The text is
//! synthetic: topic words from a fixed list, filler words built from
//! syllables, so every question is distinct but reads like a bank entry.

use std::fmt::Write as _;

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

/// Write one question file with `count` questions, ids starting at `first`.
pub fn question_file(rng: &mut Rng, first: usize, count: usize) -> String {
    let mut out = String::with_capacity(count * 700);
    let _ = writeln!(out, "title: Generated bank part {first}");
    out.push_str("questions:\n");
    for n in first..first + count {
        let topic = *rng.pick(TOPICS);
        let form = rng.pick(QUESTION_FORMS);
        let _ = writeln!(out, "  - id: q-{n:07}");
        // A filler word after the form keeps every question distinct.
        let mut tail = String::new();
        word(rng, &mut tail);
        let _ = writeln!(out, "    question: \"{} ({tail})\"", form.replace("{t}", topic));
        let level = ["beginner", "intermediate", "advanced"][rng.below(3)];
        let _ = writeln!(out, "    level: {level}");
        let style = [Style::Plain, Style::DoubleQuoted, Style::Literal, Style::Folded][rng.below(4)];
        let sentences = 3 + rng.below(3);
        let mut lines = Vec::with_capacity(sentences);
        for _ in 0..sentences {
            let mut s = String::new();
            sentence(rng, topic, &mut s);
            lines.push(s);
        }
        match style {
            Style::Plain => {
                let _ = writeln!(out, "    answer: {}", lines.join(" ").replace(": ", " "));
            }
            Style::DoubleQuoted => {
                let _ = writeln!(out, "    answer: \"{}\"", lines.join(" "));
            }
            Style::Literal | Style::Folded => {
                let _ = writeln!(out, "    answer: {}", if matches!(style, Style::Literal) { "|" } else { ">" });
                for l in &lines {
                    let _ = writeln!(out, "      {l}");
                }
            }
        }
        let _ = writeln!(out, "    tags: [django, {}]", topic.replace(' ', "-").replace("the-", ""));
        if rng.chance(30) {
            let _ =
                writeln!(out, "    sources:\n      - https://docs.djangoproject.com/en/5.2/topics/{}/", rng.below(90));
        }
    }
    out
}

/// Write a whole bank: `questions` questions split into files of `per_file`.
/// Returns the file names and contents, in order.
pub fn bank(questions: usize, per_file: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    let per_file = per_file.max(1);
    let mut files = Vec::new();
    let mut first = 0;
    while first < questions {
        let count = per_file.min(questions - first);
        let name = format!("part-{:05}.yaml", files.len());
        files.push((name, question_file(&mut rng, first, count)));
        first += count;
    }
    files
}

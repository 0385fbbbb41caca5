//! The whole check of an in-memory bank, every output format, and `--fix`
//! with its read-back check: nothing may panic, and a second fix must find
//! nothing left to change.

#![no_main]

use djlint::config::Config;
use djlint::report::{self, Context, Format, Summary};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut config = Config::new(".".into());
    config.as_of = djlint::knowledge::Date::parse_day("2026-11-21").expect("a day");
    // Read as a Markdown bank when the first line holds no `:` (a YAML
    // file's first line is a key, a comment about one, or a document
    // start), as YAML otherwise: both loaders see every shape.
    let first = text.lines().next().unwrap_or("");
    let markdown = !first.is_empty() && !first.contains(':') && !first.starts_with("---");
    let name = if markdown { "bank.md" } else { "bank.yaml" };
    let files = vec![(name.to_owned(), text.to_owned())];
    let outcome = djlint::check_texts(&files, &config);
    // The human report fitted to a narrow terminal, and unwrapped (piped).
    for width in [Some(40 + data.len() % 160), None] {
        let cx = Context {
            bank: &outcome.bank,
            findings: &outcome.findings,
            summary: Summary::new(&outcome.bank, &outcome.findings),
            quiet: false,
            color: width.is_some(),
            width,
            rules: config.rules().collect(),
        };
        for format in [Format::Human, Format::Concise, Format::Json, Format::Sarif, Format::Github, Format::Junit] {
            let mut out = Vec::new();
            report::render(format, &cx, &mut out).expect("rendering to memory cannot fail");
            if let (Format::Human, Some(w)) = (format, width) {
                let text = String::from_utf8(out).expect("UTF-8");
                for line in text.lines() {
                    assert!(textwrap::core::display_width(line) <= w, "wider than {w}: {line}");
                }
            }
        }
    }
    let fixed = djlint::fix::fix_text(name, text, &config);
    if fixed.text != text {
        // The fixed text still loads, and fixing again changes nothing.
        let again = djlint::fix::fix_text(name, &fixed.text, &config);
        assert_eq!(again.text, fixed.text, "a second fix changed the text");
    }
});

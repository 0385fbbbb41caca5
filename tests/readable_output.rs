//! The human report is readable on a large, messy bank: it fits the
//! terminal width it is given (`COLUMNS`), never breaks an id, groups
//! findings by file, marks fixable ones `[*]`, and ends with a summary that
//! points at `--statistics` and baselines.

mod common;

use std::process::Command;

/// A bank of two files with long lines, long ids, copies across files
/// (related snippets) and several defects per question.
fn messy_bank() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in 0..2 {
        let mut text = String::from("questions:\n");
        for i in 0..60 {
            let id = format!("a-rather-long-question-identifier-for-wrapping-tests-{part}-{i:03}");
            // One very long line with the junk at its far end.
            let filler =
                "Templates escape variables, and the context processors add request data to every page. ".repeat(30);
            text.push_str(&format!(
                "  - id: {id}\n    question: \"TODO: what does template number {i} render for its context?\"\n    answer: \"{filler}See https://docs.djangoproject.com/en/5.2/topics/templates/?utm_source=chatgpt.com Django Project+2Stack Overflow+1 (NOT SURE)\"\n"
            ));
        }
        std::fs::write(dir.path().join(format!("part-{part}.yaml")), text).unwrap();
    }
    dir
}

fn human(dir: &std::path::Path, columns: Option<&str>) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_djlint"));
    cmd.args(["check", ".", "--as-of", common::AS_OF]).current_dir(dir).env("NO_COLOR", "1").env_remove("COLUMNS");
    if let Some(c) = columns {
        cmd.env("COLUMNS", c);
    }
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

#[test]
fn a_large_report_fits_the_terminal_and_keeps_ids_whole() {
    let dir = messy_bank();
    let (json, _) = common::check_json(dir.path(), &["."]);
    let findings = json["diagnostics"].as_array().unwrap();
    assert!(findings.len() >= 500, "only {} findings", findings.len());
    for columns in [80, 200] {
        let out = human(dir.path(), Some(&columns.to_string()));
        for line in out.lines() {
            assert!(line.chars().count() <= columns, "{} columns > {columns}: {line}", line.chars().count());
        }
        // Every question id that a finding names appears whole.
        for d in findings {
            if let Some(id) = d["question_id"].as_str() {
                assert!(out.contains(&format!("`{id}`")), "`{id}` is broken or missing at {columns} columns");
            }
        }
        // Grouped by file: one heading per file, each before its findings.
        assert_eq!(out.lines().filter(|l| *l == "part-0.yaml:" || *l == "part-1.yaml:").count(), 2);
        assert!(out.contains("[*]"), "fixable findings are marked");
        assert!(!out.contains("Advice") && !out.contains("advice"), "related places are not called advice");
        assert!(out.contains("--statistics") && out.contains("--baseline"), "the summary points at the tools");
    }
}

#[test]
fn piped_output_is_not_wrapped() {
    let dir = messy_bank();
    let out = human(dir.path(), None);
    // A message longer than any terminal stays on one line.
    let long = out.lines().find(|l| l.contains("citation residue")).expect("a citation finding");
    assert!(long.contains("(question `a-rather-long-question-identifier"), "{long}");
}

#[test]
fn statistics_honour_json_and_refuse_other_formats() {
    let dir = messy_bank();
    let run = common::djlint(dir.path(), &["check", ".", "--statistics", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let stats = json["statistics"].as_array().unwrap();
    let total: u64 = stats.iter().map(|s| s["count"].as_u64().unwrap()).sum();
    assert_eq!(total, json["summary"]["errors"].as_u64().unwrap() + json["summary"]["warnings"].as_u64().unwrap());
    assert!(stats.iter().any(|s| s["rule"] == "noise/tracking-param" && s["fixable"] == s["count"]));
    let run = common::djlint(dir.path(), &["check", ".", "--statistics", "--format", "sarif"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--statistics") && run.stdout.is_empty(), "{}", run.stderr);
}

#[test]
fn diff_refuses_options_it_would_ignore() {
    let dir = messy_bank();
    for extra in
        [&["--format", "json"][..], &["--statistics"], &["--baseline", "b.json"], &["--write-baseline", "b.json"]]
    {
        let mut args = vec!["check", ".", "--diff"];
        args.extend_from_slice(extra);
        let run = common::djlint(dir.path(), &args);
        assert_eq!(run.code, 2, "{extra:?}");
        assert!(run.stderr.contains("cannot be used with"), "{extra:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
}

#[test]
fn concise_and_diff_take_colour_when_asked() {
    let dir = messy_bank();
    let run = common::djlint(dir.path(), &["check", ".", "--format", "concise", "--color", "always"]);
    assert!(run.stdout.lines().all(|l| l.contains("\u{1b}[")), "every line is coloured");
    assert!(run.stdout.contains("[noise/tracking-param] [*]"));
    let run = common::djlint(dir.path(), &["check", ".", "--format", "concise"]);
    assert!(!run.stdout.contains('\u{1b}'));
    let run = common::djlint(dir.path(), &["check", ".", "--diff", "--color", "always"]);
    assert!(
        run.stdout.lines().any(|l| l.starts_with("\u{1b}[31m-") || l.starts_with("\u{1b}[31m")),
        "removed lines red"
    );
    let plain = common::djlint(dir.path(), &["check", ".", "--diff"]);
    assert!(!plain.stdout.contains('\u{1b}'));
}

#[test]
fn the_summary_fits_a_narrow_terminal_too() {
    let dir = tempfile::tempdir().unwrap();
    let text = "questions:\n  - id: clean\n    question: What does the ORM do?\n    answer: It maps model classes to database tables and builds SQL from QuerySet calls.\n";
    std::fs::write(dir.path().join("q.yaml"), text).unwrap();
    let out = human(dir.path(), Some("40"));
    assert!(out.contains("No problems found"), "{out}");
    for line in out.lines() {
        assert!(line.chars().count() <= 40, "{line}");
    }
}

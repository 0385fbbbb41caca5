//! One way of saying things across the command line: errors in miette's
//! style, the choices of `--fail-on` shown, `--output-format`, `rules
//! --format json`, `--exit-zero`, `-q`, standard input with
//! `--stdin-filename`, and a `--changed` grammar that cannot swallow the
//! bank's folder.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{check_json, djlint, rules_of};

const SHORT: &str = "questions:\n  - id: s\n    question: Why use manage.py shell rather than python?\n    answer: It loads the settings.\n";

fn bank() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/q.yaml"), SHORT).unwrap();
    dir
}

#[test]
fn run_failures_are_miette_diagnostics() {
    let dir = bank();
    for args in [&["check", "missing-folder"][..], &["check", "--select", "nope", "content"], &["explain", "nope"]] {
        let run = djlint(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.trim_start().starts_with('×'), "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("djlint: error:"), "{}", run.stderr);
    }
    // A missing path is named as it was typed.
    let run = djlint(dir.path(), &["check", "nope/"]);
    assert!(run.stderr.contains("path not found: nope/"), "{}", run.stderr);
}

#[test]
fn fail_on_lists_its_choices_and_default() {
    let dir = bank();
    let help = djlint(dir.path(), &["check", "--help"]).stdout;
    let at = help.find("--fail-on").expect("documented");
    let entry = &help[at..at + help[at..].find("\n  -").unwrap_or(help.len() - at)];
    assert!(entry.contains("error, warning, info, never") && entry.contains("default"), "{entry}");
    let run = djlint(dir.path(), &["check", "--fail-on", "warn", "content"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("error, warning, info, never"), "{}", run.stderr);
    std::fs::write(dir.path().join("djlint.toml"), "fail-on = \"warnings\"\n").unwrap();
    let run = djlint(dir.path(), &["check", "content"]);
    assert!(run.stderr.contains("did you mean `warning`?"), "{}", run.stderr);
}

#[test]
fn output_format_is_an_alias_of_format() {
    let dir = bank();
    let run = djlint(dir.path(), &["check", "--output-format", "json", "content"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(rules_of(&json), ["unclear/too-short"]);
}

#[test]
fn rules_as_json_list_every_rule() {
    let dir = bank();
    let run = djlint(dir.path(), &["rules", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<&str> = json["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), djlint::rules::all().count());
    let too_short = json["rules"].as_array().unwrap().iter().find(|r| r["id"] == "unclear/too-short").unwrap();
    assert_eq!(too_short["family"], "unclear");
    assert!(too_short["explanation"].as_str().unwrap().len() > 20);
}

#[test]
fn exit_zero_and_quiet() {
    let dir = bank();
    // The short answer is an info finding.
    let run = djlint(dir.path(), &["check", "--fail-on", "info", "content"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("Found 1 info"), "{}", run.stdout);
    let run = djlint(dir.path(), &["check", "--fail-on", "info", "--exit-zero", "content"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("unclear/too-short"));
    let run = djlint(dir.path(), &["check", "--fail-on", "info", "-q", "content"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("unclear/too-short") && !run.stdout.contains("Found"), "{}", run.stdout);
    // A run that fails still fails.
    let run = djlint(dir.path(), &["check", "--exit-zero", "missing"]);
    assert_eq!(run.code, 2);
}

fn with_stdin(dir: &std::path::Path, args: &[&str], input: &str) -> (String, String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_djlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap(), out.status.code().unwrap())
}

#[test]
fn standard_input_is_checked_under_the_name_given() {
    let dir = bank();
    let args = ["check", "-", "--stdin-filename", "content/new.yaml", "--format", "json", "--fail-on", "info"];
    let (out, err, code) = with_stdin(dir.path(), &args, SHORT);
    assert_eq!(code, 1, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rules_of(&json), ["unclear/too-short"]);
    assert_eq!(json["diagnostics"][0]["file"], "content/new.yaml");
    // Settings are found from the name: a djlint.toml beside it applies.
    std::fs::write(dir.path().join("content/djlint.toml"), "ignore = [\"unclear\"]\n").unwrap();
    let (out, _, code) = with_stdin(dir.path(), &args, SHORT);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rules_of(&json), Vec::<String>::new());
    // --fix prints the fixed text, and what is left goes to standard error.
    let chip = SHORT.replace("settings.", "settings. Django Project+2");
    let (out, err, code) = with_stdin(dir.path(), &["check", "-", "--fix", "--no-config", "--fail-on", "info"], &chip);
    assert_eq!(out, SHORT);
    assert!(err.contains("unclear/too-short") && !err.contains("citation"), "{err}");
    assert_eq!(code, 1);
}

#[test]
fn changed_takes_one_file_per_flag_and_refuses_a_folder() {
    let dir = bank();
    // The bank's folder after --changed is a path to check, not a changed file.
    let (json, run) = check_json(dir.path(), &["--changed", "content/q.yaml", "content"]);
    assert_eq!(rules_of(&json), ["unclear/too-short"], "{}", run.stderr);
    let run = djlint(dir.path(), &["check", "--changed", "content"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is a folder"), "{}", run.stderr);
    // A mistyped changed file is said, not silently passed.
    let run = djlint(dir.path(), &["check", "content", "--changed", "content/typo.yaml"]);
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("do not exist: content/typo.yaml"), "{}", run.stderr);
}

#[test]
fn version_names_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let run = djlint(dir.path(), &["--version"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with(&format!("djlint {}", env!("CARGO_PKG_VERSION"))), "{}", run.stdout);
    assert!(run.stdout.contains("question-bank linter"), "{}", run.stdout);
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    assert!(readme.contains("cargo install --locked --path ."), "the README installs with --locked");
    assert!(readme.contains("id: djlint-questions") && readme.contains("rev: v"), "the README pins a tag");
    let hooks = std::fs::read_to_string(common::root().join(".pre-commit-hooks.yaml")).unwrap();
    assert!(hooks.contains("- id: djlint-questions") && hooks.contains("- id: djlint\n"));
}

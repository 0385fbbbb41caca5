//! The GitHub Action's run step (scripts/action-run.sh, called by
//! action.yml) in a simulated GitHub environment: a git repository with a
//! base and a head commit, a pull_request event payload, and the files
//! GitHub provides for outputs and the step summary.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::root;

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(["-c", "user.name=djlint", "-c", "user.email=djlint@example.invalid", "-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

struct Run {
    stdout: String,
    code: i32,
    summary: String,
    output: String,
    sarif: Option<serde_json::Value>,
}

/// Run the action's step in `repo` for `event` ("pull_request" or "push").
fn action(repo: &Path, event: &str, base: &str, sarif: bool) -> Run {
    action_on(repo, event, base, sarif, "content")
}

fn action_on(repo: &Path, event: &str, base: &str, sarif: bool, paths: &str) -> Run {
    let tmp = tempfile::tempdir().unwrap();
    let payload = tmp.path().join("event.json");
    std::fs::write(&payload, format!("{{\"pull_request\": {{\"number\": 7, \"base\": {{\"sha\": \"{base}\"}}}}}}"))
        .unwrap();
    let summary = tmp.path().join("summary.md");
    let output = tmp.path().join("output");
    let sarif_file: PathBuf = tmp.path().join("djlint.sarif");
    let out = Command::new("bash")
        .arg(root().join("scripts/action-run.sh"))
        .current_dir(repo)
        .env("DJLINT_BIN", env!("CARGO_BIN_EXE_djlint"))
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_EVENT_NAME", event)
        .env("GITHUB_EVENT_PATH", &payload)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_OUTPUT", &output)
        .env("INPUT_PATHS", paths)
        .env("INPUT_ARGS", "--as-of 2026-11-21")
        .env("INPUT_FAIL_ON", "warning")
        .env("INPUT_SARIF_FILE", if sarif { sarif_file.to_str().unwrap() } else { "" })
        .env("INPUT_CHANGED_ONLY", "true")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        code: out.status.code().unwrap_or(-1),
        summary: read(&summary),
        output: read(&output),
        sarif: sarif.then(|| serde_json::from_str(&read(&sarif_file)).expect("SARIF written")),
    }
}

const OLD: &str = "questions:\n  - id: old-todo\n    question: How do signals work?\n    answer: TODO\n";
const BASICS: &str = "questions:\n  - id: orm\n    question: What does the Django ORM do for a project?\n    answer: It maps model classes to database tables and turns QuerySet calls into SQL queries.\n";
const NEW: &str = "questions:\n  - id: orm-copy\n    question: What does the Django ORM do for a project?\n    answer: It maps model classes to database tables and turns QuerySet calls into SQL queries.\n  - id: chip\n    question: Why use select_related?\n    answer: It joins the related table in one query instead of one query per row. Django Project+2Stack Overflow+1\n";

/// A repository whose base commit has an old problem and whose head adds a
/// file with a copied question and citation residue. Returns (repo, base).
fn repo() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    git(path, &["init", "-q"]);
    std::fs::create_dir_all(path.join("content")).unwrap();
    std::fs::write(path.join("content/old.yaml"), OLD).unwrap();
    std::fs::write(path.join("content/basics.yaml"), BASICS).unwrap();
    git(path, &["add", "."]);
    git(path, &["commit", "-q", "-m", "base"]);
    let base = git(path, &["rev-parse", "HEAD"]);
    std::fs::write(path.join("content/new.yaml"), NEW).unwrap();
    std::fs::write(path.join("notes.md"), "not a question file\n").unwrap();
    git(path, &["add", "."]);
    git(path, &["commit", "-q", "-m", "head"]);
    (dir, base)
}

#[test]
fn a_pull_request_run_reports_only_findings_in_changed_files() {
    let (dir, base) = repo();
    let run = action(dir.path(), "pull_request", &base, true);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let annotations: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 2, "{}", run.stdout);
    assert!(annotations.iter().all(|a| a.contains("file=content/new.yaml,")), "{annotations:?}");
    assert!(annotations.iter().any(|a| a.contains("title=duplicate/exact::")));
    assert!(annotations.iter().any(|a| a.contains("title=noise/citation-chip::")));
    assert!(!run.stdout.contains("old.yaml"), "the old problem is not this pull request's");
    // notes.md changed too; it is not part of the bank.
    assert!(run.stdout.contains("reporting findings that touch the 2 changed"), "{}", run.stdout);
    assert!(run.summary.starts_with("## djlint\n") && run.summary.contains("`content/new.yaml`"), "{}", run.summary);
    assert!(!run.summary.contains("old.yaml"));
    assert_eq!(run.output.trim(), "exit-code=1");
    let sarif = run.sarif.unwrap();
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    assert_eq!(uris, ["content/new.yaml", "content/new.yaml"]);
}

#[test]
fn a_push_run_reports_the_whole_bank() {
    let (dir, base) = repo();
    // Paths on separate lines, as a YAML block input gives them.
    let run = action_on(dir.path(), "push", &base, false, "content/old.yaml\ncontent/new.yaml\n");
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("file=content/old.yaml,") && run.stdout.contains("file=content/new.yaml,"),
        "{}",
        run.stdout
    );
    assert_eq!(run.output.trim(), "exit-code=1");
}

#[test]
fn a_pull_request_without_question_files_passes() {
    let (dir, _) = repo();
    let path = dir.path();
    let head = git(path, &["rev-parse", "HEAD"]);
    std::fs::write(path.join("notes.md"), "changed notes\n").unwrap();
    git(path, &["commit", "-q", "-am", "notes only"]);
    // A Markdown file may be a bank; this one is not part of it.
    let run = action(path, "pull_request", &head, false);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(!run.stdout.contains("::"), "{}", run.stdout);
    assert_eq!(run.output.trim(), "exit-code=0");
    let head = git(path, &["rev-parse", "HEAD"]);
    std::fs::write(path.join("logo.svg"), "<svg/>\n").unwrap();
    git(path, &["add", "."]);
    git(path, &["commit", "-q", "-m", "a picture"]);
    let run = action(path, "pull_request", &head, false);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("changes no question files"));
    assert_eq!(run.output.trim(), "exit-code=0");
}

#[test]
fn the_action_passes_every_input_to_the_run_step() {
    let action = std::fs::read_to_string(root().join("action.yml")).unwrap();
    for input in ["paths", "args", "fail-on", "sarif-file", "changed-only"] {
        assert!(action.contains(&format!("\n  {input}:\n")), "input {input}");
        let var = format!("INPUT_{}", input.to_uppercase().replace('-', "_"));
        assert!(action.contains(&format!("{var}: ${{{{ inputs.{input} }}}}")), "{var}");
        let script = std::fs::read_to_string(root().join("scripts/action-run.sh")).unwrap();
        assert!(script.contains(&var), "the script reads {var}");
    }
    assert!(action.contains("\"$GITHUB_ACTION_PATH/scripts/action-run.sh\""));
    assert!(action.contains("cargo install --locked"));
}

/// A bank kept in Markdown: the pull request adds a copy of an old
/// question to a guide; the annotation lands on the guide's line.
#[test]
fn a_pull_request_on_a_markdown_bank() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    git(path, &["init", "-q"]);
    std::fs::create_dir_all(path.join("content")).unwrap();
    std::fs::write(path.join("djlint.toml"), "include = [\"content/*.md\"]\n").unwrap();
    let old = "## 1. What does the Django ORM do for a project?\n\nIt maps model classes to database tables and turns QuerySet calls into SQL queries.\n\n## 2. How do signals work?\n\nTODO\n";
    std::fs::write(path.join("content/basics.md"), old).unwrap();
    std::fs::write(path.join("README.md"), "# Our bank\n").unwrap();
    git(path, &["add", "."]);
    git(path, &["commit", "-q", "-m", "base"]);
    let base = git(path, &["rev-parse", "HEAD"]);
    let new = "# Advanced\n\n## 1. What does the Django ORM do for a project?\n\nIt maps model classes to database tables and turns QuerySet calls into SQL queries.\n";
    std::fs::write(path.join("content/advanced.md"), new).unwrap();
    std::fs::write(path.join("README.md"), "# Our bank\n\nNow with an advanced guide.\n").unwrap();
    git(path, &["add", "."]);
    git(path, &["commit", "-q", "-m", "head"]);
    let run = action(path, "pull_request", &base, false);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let annotations: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 1, "{}", run.stdout);
    assert!(annotations[0].contains("file=content/advanced.md,line=3,"), "{annotations:?}");
    assert!(annotations[0].contains("title=duplicate/exact::"), "{annotations:?}");
}

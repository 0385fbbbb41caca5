//! Settings find themselves: from the checked paths upward (not only from
//! the working directory), in djlint.toml or pyproject.toml's
//! `[tool.djlint]`; `--show-settings` says which file was used; unknown
//! keys, rules and families get a "did you mean".

mod common;

use common::{check_json, djlint, rules_of};

const SHORT: &str = "questions:\n  - id: s\n    question: Why use manage.py shell rather than python?\n    answer: It loads the settings.\n";

/// `outer/repo/content/q.yaml` with a too-short answer; the caller adds
/// settings files under `outer/repo`.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("repo/content")).unwrap();
    std::fs::write(dir.path().join("repo/content/q.yaml"), SHORT).unwrap();
    dir
}

#[test]
fn settings_are_found_from_the_checked_path_not_only_the_working_directory() {
    let dir = tree();
    let (json, _) = check_json(dir.path(), &["repo/content"]);
    assert_eq!(rules_of(&json), ["unclear/too-short"]);
    std::fs::write(dir.path().join("repo/djlint.toml"), "ignore = [\"unclear/too-short\"]\n").unwrap();
    let (json, _) = check_json(dir.path(), &["repo/content"]);
    assert_eq!(rules_of(&json), Vec::<String>::new());
    let (json, _) = check_json(dir.path(), &["repo/content/q.yaml"]);
    assert_eq!(rules_of(&json), Vec::<String>::new());
}

#[test]
fn pyproject_tool_table_is_read_and_djlint_toml_wins_beside_it() {
    let dir = tree();
    let py = "[project]\nname = \"bank\"\n\n[tool.other]\nx = 1\n\n[tool.djlint]\nignore = [\"unclear\"]\n";
    std::fs::write(dir.path().join("repo/pyproject.toml"), py).unwrap();
    let (json, _) = check_json(dir.path(), &["repo/content"]);
    assert_eq!(rules_of(&json), Vec::<String>::new());
    let run = djlint(dir.path(), &["check", "repo/content", "--show-settings"]);
    assert!(run.stdout.starts_with("# settings from repo/pyproject.toml\n"), "{}", run.stdout);
    assert!(run.stdout.contains("ignore = [\"unclear\"]"), "{}", run.stdout);
    std::fs::write(dir.path().join("repo/djlint.toml"), "fail-on = \"error\"\n").unwrap();
    let run = djlint(dir.path(), &["check", "repo/content", "--show-settings"]);
    assert!(run.stdout.starts_with("# settings from repo/djlint.toml\n"), "{}", run.stdout);
    assert!(run.stdout.contains("fail-on = \"error\""), "{}", run.stdout);
}

#[test]
fn a_pyproject_without_the_tool_table_is_not_a_settings_file() {
    let dir = tree();
    std::fs::write(dir.path().join("repo/pyproject.toml"), "[tool.black]\nline-length = 88\n").unwrap();
    let run = djlint(dir.path(), &["check", "repo/content", "--show-settings"]);
    assert!(run.stdout.starts_with("# no djlint.toml or [tool.djlint] found"), "{}", run.stdout);
    assert_eq!(run.code, 0);
}

#[test]
fn unknown_keys_rules_and_families_get_a_suggestion() {
    let dir = tree();
    std::fs::write(dir.path().join("repo/djlint.toml"), "fail-onn = \"error\"\n").unwrap();
    let run = djlint(dir.path(), &["check", "repo/content"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean `fail-on`?"), "{}", run.stderr);
    std::fs::write(dir.path().join("repo/pyproject.toml"), "[tool.djlint]\nselct = [\"schema\"]\n").unwrap();
    std::fs::remove_file(dir.path().join("repo/djlint.toml")).unwrap();
    let run = djlint(dir.path(), &["check", "repo/content"]);
    assert!(run.stderr.contains("did you mean `select`?") && run.stderr.contains("pyproject.toml"), "{}", run.stderr);

    let run = djlint(dir.path(), &["check", "--no-config", "--select", "unclear/too-shrt", "repo/content"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean `unclear/too-short`?"), "{}", run.stderr);
    let run = djlint(dir.path(), &["check", "--no-config", "--ignore", "citation-chip", "repo/content"]);
    assert!(run.stderr.contains("did you mean `noise/citation-chip`?"), "{}", run.stderr);
}

#[test]
fn explain_suggests_a_rule_and_lists_a_family() {
    let dir = tempfile::tempdir().unwrap();
    // A rule's name without its family is enough when one rule has it.
    let run = djlint(dir.path(), &["explain", "citation-chip"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("noise/citation-chip\n"), "{}", run.stdout);
    let run = djlint(dir.path(), &["explain", "citaton-chip"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean `noise/citation-chip`?"), "{}", run.stderr);
    let run = djlint(dir.path(), &["explain", "schema"]);
    assert_eq!(run.code, 0);
    let listed: Vec<&str> = run.stdout.lines().filter_map(|l| l.split_whitespace().next()).collect();
    for rule in djlint::rules::schema::RULES {
        assert!(listed.contains(&rule.id), "{} missing from\n{}", rule.id, run.stdout);
    }
}

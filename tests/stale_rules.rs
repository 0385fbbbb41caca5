//! The stale/* family: each rule fires on its bad cases with a message
//! that cites the deciding fact, correct statements stay quiet, results
//! depend on the pinned day, and user knowledge files work like built-in
//! ones.

mod common;

use std::collections::BTreeSet;

use common::{check_json, djlint, root};
use serde_json::Value;

/// (question id, rule, labelled text, part of the message).
const BAD: &[(&str, &str, &str, &str)] = &[
    (
        "unsupported-as-current-1",
        "unsupported-as-current",
        "Django 4.2",
        "support ended on 2026-04-07 (djangoproject.com",
    ),
    ("unsupported-as-current-2", "unsupported-as-current", "Django 3.2", "support ended on 2024-04-01"),
    ("unsupported-as-current-3", "unsupported-as-current", "4.2", "supported as of 2026-11-21: 6.1, 6.0, 5.2 LTS"),
    (
        "unsupported-as-current-4",
        "unsupported-as-current",
        "Python 3.9",
        "support ended on 2025-10-31 (Python 3.9 release schedule",
    ),
    ("not-lts-1", "not-lts", "Django 5.0", "the supported LTS releases are 5.2 and 6.2 (planned)"),
    ("not-lts-2", "not-lts", "Django 6.1", "not a long-term support release"),
    ("not-lts-3", "not-lts", "Python 3.12", "Python has no long-term support releases"),
    ("not-lts-4", "not-lts", "Django 4.1", "not a long-term support release"),
    ("not-lts-5", "not-lts", "Django 6.0", "the supported LTS releases are 5.2 and 6.2 (planned)"),
    ("unknown-version-1", "unknown-version", "Django 5.3", "does not exist: 5.2 was followed by 6.0"),
    (
        "unknown-version-2",
        "unknown-version",
        "Python 3.20",
        "not released as of 2026-11-21: the newest release is 3.15",
    ),
    ("unknown-version-3", "unknown-version", "Django 4.2.31", "4.2.30 was the last 4.2 release"),
    ("unknown-version-4", "unknown-version", "Django 6.2", "planned for 2027-04"),
    ("unknown-version-5", "unknown-version", "Django 3.3", "3.2 was followed by 4.0"),
    (
        "wrong-release-1",
        "wrong-release",
        "Django 4.2",
        "automatic AppConfig discovery came in Django 3.2, not 4.2 (Django 3.2 release notes)",
    ),
    ("wrong-release-2", "wrong-release", "Django 4.0", "came in Django 3.1, not 4.0"),
    ("wrong-release-3", "wrong-release", "Django 4.2", "the DEFAULT_AUTO_FIELD setting came in Django 3.2"),
    ("wrong-release-4", "wrong-release", "Django 3.2", "the STORAGES setting came in Django 4.2, after 3.2"),
    ("wrong-release-5", "wrong-release", "Automatic AppConfig discovery", "not Django 4.2 as the question says"),
    ("wrong-release-6", "wrong-release", "Django 3.1", "was removed in Django 4.0, not 3.1 (Django 4.0 release notes)"),
    ("python-support-1", "python-support", "Python 3.13", "Django 4.2 never supported Python 3.13"),
    (
        "python-support-2",
        "python-support",
        "Python 3.8",
        "Django 5.0 does not support Python 3.8: it supports Python 3.10, 3.11 and 3.12",
    ),
    ("python-support-3", "python-support", "Python 3.12", "Django 6.0 does support Python 3.12"),
    ("python-support-4", "python-support", "Django 4.2", "Django REST framework 3.18 does not support Django 4.2"),
    ("python-support-5", "python-support", "Python 3.11", "Django 4.1 already supported it (from 4.1.3)"),
    ("dated-year-1", "dated-year", "in 2025", "as of 2026-11-21"),
    ("dated-year-2", "dated-year", "As of 2022", "as of 2026-11-21"),
    ("dated-year-3", "dated-year", "a 2024 guide", "as of 2026-11-21"),
    ("dated-question-1", "dated-question", "in 2025", "as of 2026-11-21"),
    ("dated-question-2", "dated-question", "questions (2023", "as of 2026-11-21"),
    ("dated-question-3", "dated-question", "as of 2023", "as of 2026-11-21"),
    ("removed-feature-1", "removed-feature", "url", "was removed in Django 4.0 (Django 4.0 release notes)"),
    ("removed-feature-2", "removed-feature", "DEFAULT_FILE_STORAGE", "was removed in Django 5.1"),
    ("removed-feature-3", "removed-feature", "default_app_config", "was removed in Django 4.1"),
    ("removed-feature-4", "removed-feature", "url", "use `path()` or `re_path()`"),
    ("old-limit-1", "old-limit", "5 minutes", "is 900 seconds since 2018-10-10 (AWS What's New, 2018-10-10"),
    ("old-limit-2", "old-limit", "300 seconds", "300 seconds was the limit before"),
    ("old-limit-3", "old-limit", "3008 MB", "is 10240 MB since 2020-12-01"),
];

fn labelled(file: &str, d: &Value) -> String {
    let start = d["span"]["start"].as_u64().unwrap() as usize;
    let end = d["span"]["end"].as_u64().unwrap() as usize;
    file[start..end].to_owned()
}

fn diagnostics(json: &Value) -> &Vec<Value> {
    json["diagnostics"].as_array().unwrap()
}

#[test]
fn every_rule_fires_on_its_bad_cases_citing_the_fact() {
    let dir = root().join("fixtures/stale");
    let file = std::fs::read_to_string(dir.join("bad.yaml")).unwrap();
    let (json, run) = check_json(&dir, &["bad.yaml", "--select", "stale"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found = diagnostics(&json);
    for (id, rule, label, fact) in BAD {
        let rule = format!("stale/{rule}");
        let hit = found.iter().find(|d| d["question_id"] == *id && d["rule"] == rule.as_str());
        let hit = hit.unwrap_or_else(|| panic!("{id}: {rule} does not fire; found {found:#?}"));
        assert_eq!(labelled(&file, hit), *label, "{id}");
        let message = hit["message"].as_str().unwrap();
        assert!(message.contains(fact), "{id}: {message:?} does not cite {fact:?}");
    }
    // Every case in the fixture is in the table, and every rule has three.
    let ids: BTreeSet<&str> = file.lines().filter_map(|l| l.trim().strip_prefix("- id: ")).collect();
    let listed: BTreeSet<&str> = BAD.iter().map(|c| c.0).collect();
    assert_eq!(ids, listed);
    for rule in djlint::rules::all().filter(|r| r.family() == "stale") {
        let name = rule.id.trim_start_matches("stale/");
        assert!(BAD.iter().filter(|c| c.1 == name).count() >= 3, "{} needs three bad cases", rule.id);
    }
}

#[test]
fn correct_statements_yield_no_stale_findings() {
    let dir = root().join("fixtures/stale");
    let file = std::fs::read_to_string(dir.join("clean.yaml")).unwrap();
    assert!(file.matches("- id: c").count() >= 40);
    let (json, run) = check_json(&dir, &["clean.yaml"]);
    assert_eq!(diagnostics(&json).len(), 0, "{}", run.stdout);
    assert_eq!(run.code, 0);
    // The other clean fixtures have none either.
    for other in ["fixtures/clean", "fixtures/noise/clean", "fixtures/unclear/clean", "fixtures/duplicate/clean"] {
        let (json, _) = check_json(&root().join(other), &["--select", "stale"]);
        assert_eq!(diagnostics(&json).len(), 0, "{other}: {json:#}");
    }
}

#[test]
fn the_day_decides() {
    let dir = root().join("fixtures/stale");
    let at = |day: &str, id: &str| -> Vec<String> {
        let (json, _) = check_json(&dir, &["bad.yaml", "--select", "stale", "--as-of", day]);
        diagnostics(&json)
            .iter()
            .filter(|d| d["question_id"] == id)
            .map(|d| d["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    // While 4.2 was supported, "What's new in Django 4.2 LTS?" was fine.
    assert!(at("2023-06-01", "unsupported-as-current-1").is_empty());
    assert_eq!(at("2026-04-08", "unsupported-as-current-1"), ["stale/unsupported-as-current"]);
    assert_eq!(
        at("2026-04-07", "unsupported-as-current-1"),
        Vec::<String>::new(),
        "the last day of support still counts"
    );
    // "in 2025" is not dated during 2025.
    assert!(at("2025-12-31", "dated-question-1").is_empty());
    assert_eq!(at("2026-01-01", "dated-question-1"), ["stale/dated-question"]);
    assert_eq!(at("2026-01-01", "dated-year-1"), ["stale/dated-year"]);
    // Once 6.2 is out (a planned month counts from its first day), naming it is fine.
    assert!(at("2027-04-01", "unknown-version-4").is_empty());
    // Before 5.1 removed DEFAULT_FILE_STORAGE it was good advice.
    assert!(at("2024-01-15", "removed-feature-2").is_empty());
}

#[test]
fn as_of_must_be_a_day() {
    let dir = root().join("fixtures/stale");
    let run = djlint(&dir, &["check", "clean.yaml", "--as-of", "2026-13-01"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not a day"), "{}", run.stderr);
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("djlint.toml"), "as-of = \"next week\"\n").unwrap();
    std::fs::write(tmp.path().join("q.yaml"), "questions: []\n").unwrap();
    let run = djlint(tmp.path(), &["check", "."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`as-of` must be a day") && run.stderr.contains("next week"), "{}", run.stderr);
}

#[test]
fn a_user_knowledge_file_makes_the_rules_work_for_another_product() {
    let dir = root().join("fixtures/stale/acme");
    // The config pins the day itself: no --as-of here.
    let run = djlint(&dir, &["rules"]);
    assert_eq!(run.code, 0);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_djlint"))
        .args(["check", "bank", "--format", "json", "--select", "stale"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String)> = diagnostics(&json)
        .iter()
        .map(|d| (d["question_id"].as_str().unwrap().to_owned(), d["rule"].as_str().unwrap().to_owned()))
        .collect();
    for id in
        ["unsupported-as-current", "not-lts", "unknown-version", "wrong-release", "python-support", "removed-feature"]
    {
        assert!(found.contains(&(id.to_owned(), format!("stale/{id}"))), "{id}: {found:?}");
    }
    assert!(found.iter().all(|(q, _)| !q.starts_with("clean")), "{found:?}");
    let messages: Vec<&str> = diagnostics(&json).iter().map(|d| d["message"].as_str().unwrap()).collect();
    assert!(messages.iter().any(|m| m.contains("hyperdrive mode came in Acme 2.0, not 1.1 (Acme 2.0 changelog)")));
    assert!(messages.iter().any(|m| m.contains("(Acme installation guide)")));
    // The knowledge file is never checked as a question file.
    let (json, _) = check_json(&dir, &["."]);
    assert!(diagnostics(&json).iter().all(|d| !d["file"].as_str().unwrap().contains("knowledge")), "{json:#}");
}

#[test]
fn adding_a_release_needs_only_data() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("q.yaml"), "questions:\n  - id: a\n    question: Which release added fetch modes?\n    answer: Django 6.3 ships faster fetch modes.\n").unwrap();
    let before = djlint(tmp.path(), &["check", "q.yaml", "--select", "stale/unknown-version"]);
    assert!(
        before.stdout.contains("Django 6.3 does not exist") || before.stdout.contains("Django 6.3 is not released"),
        "{}",
        before.stdout
    );
    std::fs::write(
        tmp.path().join("django-next.yaml"),
        "product: Django\nreleases:\n  - cycle: \"6.3\"\n    released: 2026-11-01\n    source: a newer download page\n",
    )
    .unwrap();
    std::fs::write(tmp.path().join("djlint.toml"), "knowledge = [\"django-next.yaml\"]\n").unwrap();
    let after = djlint(tmp.path(), &["check", "q.yaml", "--select", "stale/unknown-version"]);
    assert_eq!(after.code, 0, "{}{}", after.stdout, after.stderr);
}

#[test]
fn a_broken_knowledge_file_is_an_error_that_points_into_it() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("djlint.toml"), "knowledge = [\"acme.yaml\"]\n").unwrap();
    std::fs::write(tmp.path().join("q.yaml"), "questions: []\n").unwrap();
    for (text, expected) in [
        ("product: Acme\nreleases:\n  - cycle: \"1.0\"\n    relased: 2020-01-01\n", "did you mean `released`"),
        ("product: Acme\nreleases:\n  - cycle: \"1.0\"\n    released: 2020-13-01\n    source: s\n", "must be a date"),
        (
            "product: Acme\nreleases:\n  - cycle: \"1.0.3\"\n    released: 2020-01-01\n    source: s\n",
            "without a patch number",
        ),
        ("product: Acme\nreleases: [\n", "not valid YAML"),
    ] {
        std::fs::write(tmp.path().join("acme.yaml"), text).unwrap();
        let run = djlint(tmp.path(), &["check", "."]);
        assert_eq!(run.code, 2, "{text}");
        assert!(run.stderr.contains(expected) && run.stderr.contains("acme.yaml"), "{text}: {}", run.stderr);
    }
}

#[test]
fn explain_shows_each_stale_rule_with_examples() {
    for rule in djlint::rules::all().filter(|r| r.family() == "stale") {
        let run = djlint(&root(), &["explain", rule.id]);
        assert_eq!(run.code, 0);
        assert!(run.stdout.contains(rule.bad.lines().last().unwrap_or_default().trim()), "{}: {}", rule.id, run.stdout);
    }
}

/// The knowledge file example in the README loads and works.
#[test]
fn readme_knowledge_example_works() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme.find("```yaml\nproduct: Acme").expect("README has the example") + "```yaml\n".len();
    let example = &readme[start..start + readme[start..].find("```").unwrap()];
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("acme.yaml"), example).unwrap();
    std::fs::write(tmp.path().join("djlint.toml"), "knowledge = [\"acme.yaml\"]\n").unwrap();
    std::fs::write(
        tmp.path().join("q.yaml"),
        "questions:\n  - id: a\n    question: Which Python does AcmeKit 2.0 need?\n    answer: AcmeKit 2.0 requires Python 3.9 or later.\n",
    )
    .unwrap();
    let run = djlint(tmp.path(), &["check", "q.yaml", "--format", "concise"]);
    assert!(
        run.stdout.contains("stale/python-support") && run.stdout.contains("(Acme installation guide)"),
        "{}{}",
        run.stdout,
        run.stderr
    );
}

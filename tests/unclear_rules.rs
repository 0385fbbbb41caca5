//! Unclear answers: every rule fires on its cases in the bad fixture with
//! a helpful message, the 60 good answers of the clean fixture yield
//! nothing, every rule is explained with a bad and a good example, and
//! the per-level minimum is configurable.

mod common;

use std::collections::BTreeMap;

use common::{check_json, djlint, root};
use djlint::packs::Packs;

fn unclear_rules() -> Vec<&'static str> {
    Packs::builtin().entries.iter().map(|e| e.rule.id).filter(|id| id.starts_with("unclear/")).collect()
}

#[test]
fn each_bad_case_fires_its_rule_and_only_it() {
    let (json, run) = check_json(&root().join("fixtures/unclear/bad"), &["--select", "unclear", "."]);
    assert_eq!(run.code, 1);
    let mut by_question: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in json["diagnostics"].as_array().unwrap() {
        let id = d["question_id"].as_str().unwrap().to_owned();
        let message = d["message"].as_str().unwrap();
        assert!(message.len() > 20 && d["help"].is_string(), "{d}");
        by_question.entry(id).or_default().push(d["rule"].as_str().unwrap().to_owned());
    }
    let mut text = String::new();
    for file in ["bank.yaml", "leftovers.yaml"] {
        text.push_str(&std::fs::read_to_string(root().join("fixtures/unclear/bad").join(file)).unwrap());
    }
    let ids: Vec<&str> = text.lines().filter_map(|l| l.trim().strip_prefix("- id: ")).collect();
    assert!(ids.len() >= 24);
    let mut covered = Vec::new();
    for id in ids {
        let expected = format!("unclear/{}", id.rsplit_once('-').unwrap().0);
        let fired = by_question.get(id).cloned().unwrap_or_default();
        assert!(!fired.is_empty() && fired.iter().all(|r| *r == expected), "{id}: expected {expected}, got {fired:?}");
        covered.push(expected);
    }
    for rule in unclear_rules() {
        let cases = covered.iter().filter(|c| *c == rule).count();
        assert!(cases >= 3, "{rule} has {cases} bad cases");
    }
}

#[test]
fn sixty_good_answers_yield_no_finding() {
    let (json, run) = check_json(&root().join("fixtures/unclear/clean"), &["."]);
    assert!(json["summary"]["questions"].as_u64().unwrap() >= 60);
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0, "{}", run.stdout);
    // The other clean banks stay clean of unclear findings too.
    for dir in ["fixtures/clean", "fixtures/noise/clean", "fixtures/duplicate/clean"] {
        let (json, run) = check_json(&root().join(dir), &["--select", "unclear", "."]);
        assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0, "{dir}: {}", run.stdout);
    }
}

#[test]
fn every_unclear_rule_is_explained_with_a_bad_and_a_good_example() {
    for rule in unclear_rules() {
        let run = djlint(&root(), &["explain", rule]);
        assert_eq!(run.code, 0, "{rule}");
        let entry = Packs::builtin().entries.iter().find(|e| e.rule.id == rule).unwrap().clone();
        let bad = run.stdout.find("Bad:").unwrap_or_else(|| panic!("{rule}: no Bad section"));
        let good = run.stdout.find("Good:").unwrap_or_else(|| panic!("{rule}: no Good section"));
        let first_line = |s: &str| s.lines().next().unwrap().to_owned();
        assert!(run.stdout[bad..good].contains(&first_line(&entry.examples.bad[0])), "{}", run.stdout);
        assert!(run.stdout[good..].contains(&first_line(&entry.examples.good[0])), "{}", run.stdout);
    }
}

#[test]
fn minimum_answer_length_per_level_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let bank = "questions:\n  - id: a\n    question: How does Django protect against clickjacking?\n    \
                answer: With the X-Frame-Options header.\n    level: intermediate\n";
    std::fs::write(dir.path().join("bank.yaml"), bank).unwrap();
    let fired = |toml: &str| {
        std::fs::write(dir.path().join("djlint.toml"), toml).unwrap();
        let (json, run) = check_json(dir.path(), &["--select", "unclear/too-short", "."]);
        (common::rules_of(&json).len(), run)
    };
    assert_eq!(fired("").0, 1, "6 words is under the default 8 for intermediate");
    assert_eq!(fired("[unclear]\nmin-words = { intermediate = 5 }\n").0, 0);
    assert_eq!(fired("[unclear]\nmin-words = { intermediate = 7, default = 2 }\n").0, 1);
    for toml in ["[unclear]\nmin-words = { beginner = 0 }\n", "[unclear]\nmin-words = { intermedate = 5 }\n"] {
        std::fs::write(dir.path().join("djlint.toml"), toml).unwrap();
        let run = djlint(dir.path(), &["check", "."]);
        assert_eq!(run.code, 2);
        assert!(run.stderr.contains("min-words"), "{}", run.stderr);
    }
}

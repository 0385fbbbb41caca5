//! Choice rules: every rule fires on its fixture and nothing else fires
//! there, its findings label the flawed text, the clean bank of choice
//! questions gives no finding from any family, and every rule's
//! documentation names its guideline and has examples that behave.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{check_json, root, rules_of};
use djlint::rules::{self, choice};

/// The flagged text of each finding of a JSON report run in the
/// repository's root, read from its file.
fn labels(json: &serde_json::Value) -> Vec<(String, String)> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let text = std::fs::read_to_string(root().join(d["file"].as_str().unwrap())).unwrap();
            let (s, e) = (d["span"]["start"].as_u64().unwrap() as usize, d["span"]["end"].as_u64().unwrap() as usize);
            (d["question_id"].as_str().unwrap_or("").to_owned(), text[s..e].to_owned())
        })
        .collect()
}

#[test]
fn each_choice_rule_fires_on_its_fixture_and_only_it() {
    let mut covered = BTreeSet::new();
    for entry in std::fs::read_dir(root().join("fixtures/choice")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name == "clean" {
            continue;
        }
        let rule = format!("choice/{name}");
        assert!(rules::find(&rule).is_some(), "fixture folder {name} names no rule");
        // Every family runs: nothing but the rule may fire.
        let (json, run) = check_json(&root(), &[&format!("fixtures/choice/{name}")]);
        let found = rules_of(&json);
        assert!(found.iter().all(|r| *r == rule), "{rule} fixture also produced {found:?}\n{}", run.stdout);
        let warns = rules::find(&rule).unwrap().severity >= djlint::finding::Severity::Warning;
        assert_eq!(run.code, i32::from(warns), "{rule}");
        // Three cases or more: three questions, or for the bank-wide rule
        // three findings.
        let questions: BTreeSet<String> = labels(&json).into_iter().map(|(q, _)| q).collect();
        assert!(questions.len() >= 3, "{rule}: {} cases", questions.len());
        for d in json["diagnostics"].as_array().unwrap() {
            assert!(d["message"].as_str().unwrap().len() > 20 && d["help"].is_string(), "{d}");
        }
        covered.insert(rule);
    }
    for rule in choice::RULES {
        assert!(covered.contains(rule.id), "{} has no fixture folder", rule.id);
    }
}

#[test]
fn every_bad_question_of_a_fixture_is_reported() {
    // In the per-question fixtures each question is one case.
    for name in [
        "all-of-the-above",
        "none-of-the-above",
        "combination-option",
        "longest-key",
        "grammatical-cue",
        "overlapping-options",
        "unordered-options",
        "unemphasised-negative",
    ] {
        let dir = root().join("fixtures/choice").join(name);
        let text = std::fs::read_to_string(dir.join("bank.yaml")).unwrap();
        let ids: BTreeSet<&str> = text.lines().filter_map(|l| l.trim().strip_prefix("- id: ")).collect();
        let (json, _) = check_json(&root(), &[&format!("fixtures/choice/{name}")]);
        let found: BTreeSet<String> = labels(&json).into_iter().map(|(q, _)| q).collect();
        let found: BTreeSet<&str> = found.iter().map(String::as_str).collect();
        assert_eq!(found, ids, "{name}");
    }
}

#[test]
fn findings_label_the_flawed_text() {
    let label = |name: &str| -> BTreeMap<String, String> {
        let (json, _) = check_json(&root(), &[&format!("fixtures/choice/{name}")]);
        labels(&json).into_iter().collect()
    };
    // The option itself.
    let aota = label("all-of-the-above");
    assert_eq!(aota["aota-http-safe"], "All of the above");
    assert_eq!(aota["aota-css-specificity"], "**All the above.**");
    assert_eq!(label("none-of-the-above")["nota-sql-count"], "none of these");
    assert_eq!(label("combination-option")["combo-git-undo"], "Both A and B");
    assert_eq!(label("overlapping-options")["overlap-http-client-errors"], "450-599");
    assert!(label("longest-key")["long-css-rem"].starts_with("A length relative"));
    // The word in the stem.
    let negative = label("unemphasised-negative");
    assert_eq!(negative["negative-http-idempotent"], "not");
    assert_eq!(negative["negative-sql-aggregate"], "except");
    assert_eq!(negative["negative-css-display"], "cannot");
    let cue = label("grammatical-cue");
    assert_eq!(cue["cue-js-typeof"], "an");
    assert_eq!(cue["cue-py-dict"], "a");
    // The bank-wide rule: the id of the first question of the group.
    let position = label("key-position");
    assert!(position.values().all(|id| id.starts_with("hex-") || id.starts_with("octal-") || id.starts_with("pow2-")));
}

#[test]
fn key_position_reports_each_skewed_file_then_the_rest_of_the_bank() {
    let (json, _) = check_json(&root(), &["fixtures/choice/key-position"]);
    let messages: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(
        messages.contains(&"in this file, the key is the 1st option in 75% of 40 four-option questions (25% expected)")
    );
    assert!(
        messages
            .contains(&"in this file, the key is the 3rd option in 75% of 40 three-option questions (33% expected)")
    );
    assert!(
        messages
            .contains(&"across the bank, the key is the 1st option in 80% of 40 two-option questions (50% expected)")
    );
    // One small file alone is too few questions to judge.
    let (json, _) = check_json(&root(), &["fixtures/choice/key-position/powers-1.yaml"]);
    assert_eq!(rules_of(&json), Vec::<String>::new());
}

#[test]
fn the_clean_choice_bank_gives_no_finding_from_any_family() {
    let (json, run) = check_json(&root(), &["fixtures/choice/clean"]);
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0, "{}", run.stdout);
    assert!(json["summary"]["questions"].as_u64().unwrap() >= 40);
    assert!(json["summary"]["files"].as_u64().unwrap() >= 8);
    assert_eq!(run.code, 0);
    // The other clean banks hold no choice flaw either.
    for dir in ["fixtures/clean", "fixtures/precision", "fixtures/demo"] {
        let (json, run) = check_json(&root().join(dir), &["--select", "choice", "."]);
        assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0, "{dir}: {}", run.stdout);
    }
}

#[test]
fn written_answers_and_deselected_rules_are_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    // A written answer that reads like an option is not an option.
    std::fs::write(
        dir.path().join("bank.yaml"),
        "questions:\n  - id: q\n    question: Which of these is not idempotent, GET or POST?\n    answer: All of the above are safe to retry except POST, which is not idempotent.\n",
    )
    .unwrap();
    let (json, _) = check_json(dir.path(), &["--select", "choice", "."]);
    assert_eq!(rules_of(&json), Vec::<String>::new());
    // One rule selected: the others stay silent.
    let (json, _) = check_json(&root(), &["--select", "choice/none-of-the-above", "fixtures/choice"]);
    let found: BTreeSet<String> = rules_of(&json).into_iter().collect();
    assert_eq!(found, BTreeSet::from(["choice/none-of-the-above".to_owned()]));
    let (json, _) = check_json(&root(), &["--ignore", "choice", "fixtures/choice"]);
    assert!(rules_of(&json).iter().all(|r| !r.starts_with("choice/")));
}

/// Each rule names its source guideline, and its examples behave. The
/// bank-wide rule's examples are four questions each; ten copies of the
/// bad one (40 questions, every key first) fire, ten of the good one
/// (keys spread) do not.
#[test]
fn every_choice_rule_is_documented_with_its_guideline_and_working_examples() {
    let config = common::config();
    let run = |text: &str| {
        let outcome = djlint::check_texts(&[("example.yaml".into(), text.into())], &config);
        outcome.findings.iter().map(|f| f.rule.to_string()).collect::<Vec<_>>()
    };
    for rule in choice::RULES {
        assert!(rule.explanation.contains("Haladyna, Downing and Rodriguez 2002, guideline"), "{}", rule.id);
        let (bad, good) = if rule.id == "choice/key-position" {
            (ten_times(rule.bad), ten_times(rule.good))
        } else {
            (rule.bad.to_owned(), rule.good.to_owned())
        };
        let fired = run(&bad);
        assert!(fired.iter().any(|r| r == rule.id), "{}: bad example does not fire ({fired:?})", rule.id);
        let fired = run(&good);
        let fired: Vec<&String> =
            fired.iter().filter(|r| r.starts_with("choice/") || rule.id != "choice/key-position").collect();
        assert!(fired.is_empty(), "{}: good example is not clean ({fired:?})", rule.id);
    }
}

/// The questions of `example` ten times over, with ids made unique.
fn ten_times(example: &str) -> String {
    let start = example.find("questions:\n").unwrap() + "questions:\n".len();
    let body = &example[start..];
    let mut out = String::from("questions:\n");
    for i in 0..10 {
        // Distinct questions: a copied question counts once.
        let set = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"][i];
        out.push_str(
            &body
                .replace("  - id: ", &format!("  - id: c{i}-"))
                .replace("    question: ", &format!("    question: In the {set} lab, ")),
        );
    }
    out
}

//! Every schema rule fires on its fixture (and nothing else fires there),
//! stays quiet on the clean bank, and its documented examples are true.

mod common;

use common::{check_json, root, rules_of};
use djlint::rules;

#[test]
fn each_schema_rule_fires_on_its_fixture_and_only_it() {
    let dir = root().join("fixtures/schema");
    let mut covered = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let rule = format!("schema/{name}");
        assert!(rules::find(&rule).is_some(), "fixture folder {name} names no rule");
        let (json, run) = check_json(&path, &["."]);
        let found = rules_of(&json);
        assert!(!found.is_empty(), "{rule} did not fire on its fixture");
        assert!(found.iter().all(|r| *r == rule), "{rule} fixture also produced {found:?}");
        assert_eq!(
            run.code,
            if rules::find(&rule).unwrap().severity >= djlint::finding::Severity::Warning { 1 } else { 0 }
        );
        covered.push(rule);
    }
    // Unreadable paths cannot be committed; tests/bad_input.rs makes them.
    for rule in rules::schema::RULES.iter().filter(|r| r.id != "schema/unreadable") {
        assert!(covered.iter().any(|c| c == rule.id), "{} has no fixture folder", rule.id);
    }
}

#[test]
fn fixture_findings_point_at_the_offending_text() {
    let (json, _) = check_json(&root().join("fixtures/schema/unknown-field"), &["."]);
    let text = std::fs::read_to_string(root().join("fixtures/schema/unknown-field/bank.yaml")).unwrap();
    let spans: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &text[d["span"]["start"].as_u64().unwrap() as usize..d["span"]["end"].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(spans, ["titel", "anwser", "difficulty", "Tags"]);
    let helps: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["help"].as_str().unwrap_or("")).collect();
    assert_eq!(helps[..2], ["did you mean `title`?", "did you mean `answer`?"]);
}

#[test]
fn a_misspelt_required_field_is_reported_once() {
    let (json, _) = check_json(&root().join("fixtures/schema/unknown-field"), &["."]);
    assert!(!rules_of(&json).contains(&"schema/missing-field".to_owned()));
}

#[test]
fn clean_bank_has_no_findings() {
    let (json, run) = check_json(&root().join("fixtures/clean"), &["."]);
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0, "{}", run.stdout);
    assert_eq!(json["summary"]["files"], 4);
    assert_eq!(json["summary"]["questions"], 12);
    assert_eq!(run.code, 0);
}

/// The bad and good examples that `djlint explain` shows are checked here,
/// so the documentation cannot lie. Rules whose examples are not YAML text
/// (an unreadable or binary file) are covered by tests/bad_input.rs.
#[test]
fn documented_examples_behave_as_documented() {
    // Not YAML text, or (duplicate/budget, choice/key-position) more
    // questions than an example shows: covered by tests/bad_input.rs,
    // tests/duplicate_rules.rs and tests/choice_rules.rs.
    let not_yaml =
        ["schema/not-utf8", "schema/unreadable", "schema/too-large", "duplicate/budget", "choice/key-position"];
    for rule in rules::all().filter(|r| !not_yaml.contains(&r.id)) {
        let mut config = common::config();
        if rule.id == "schema/unknown-tag" {
            config.schema.tags = Some(vec!["orm".into(), "security".into()]);
        }
        let run = |text: &str| {
            // Examples of Markdown banks are Markdown.
            let yaml = text.starts_with("questions:") || text.contains("\nquestions:");
            let name = if yaml { "example.yaml" } else { "example.md" };
            let outcome = djlint::check_texts(&[(name.into(), text.into())], &config);
            outcome.findings.iter().map(|f| f.rule.to_string()).collect::<Vec<_>>()
        };
        let bad = run(rule.bad);
        assert!(bad.iter().any(|r| r == rule.id), "{}: bad example does not fire ({bad:?})", rule.id);
        let good = run(rule.good);
        assert!(good.is_empty(), "{}: good example is not clean ({good:?})", rule.id);
    }
}

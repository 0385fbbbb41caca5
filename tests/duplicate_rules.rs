//! The duplicate family: each rule on its fixture, precision on clean
//! banks, the fast path against an exhaustive comparison, changed-files
//! mode and settings.

mod common;

use std::collections::BTreeSet;

use common::{check_json, djlint, root, rules_of};
use serde_json::Value;

fn diagnostics(json: &Value) -> &Vec<Value> {
    json["diagnostics"].as_array().unwrap()
}

fn text_at(dir: &str, d: &Value) -> String {
    let text = std::fs::read_to_string(root().join(dir).join(d["file"].as_str().unwrap())).unwrap();
    text[d["span"]["start"].as_u64().unwrap() as usize..d["span"]["end"].as_u64().unwrap() as usize].to_owned()
}

#[test]
fn pairs_across_files_point_at_the_later_copy_with_a_diff() {
    let dir = "fixtures/duplicate/cross-file";
    let (json, run) = check_json(&root().join(dir), &["."]);
    assert_eq!(rules_of(&json), ["duplicate/near-question", "duplicate/near-answer", "duplicate/exact"]);
    assert_eq!(run.code, 1);
    for d in diagnostics(&json) {
        assert_eq!(d["file"], "02-advanced.yaml", "the later copy is reported");
        let related = d["related"].as_array().unwrap();
        assert_eq!(related.len(), 1);
        assert_eq!(related[0]["file"], "01-basics.yaml", "the earlier copy is the related location");
    }
    let d = diagnostics(&json);
    assert_eq!(text_at(dir, &d[0]), "What's Django's ORM?");
    assert!(d[0]["help"].as_str().unwrap().contains("[-What is the Django-] {+What's Django's+} ORM?"));
    assert!(d[1]["help"].as_str().unwrap().contains("[-it.-] {+the cookie.+}"), "{}", d[1]["help"]);
    assert!(d[1]["message"].as_str().unwrap().contains("% alike"));
    // Emphasis, punctuation and "Q3." numbering do not hide an exact copy.
    assert_eq!(text_at(dir, &d[2]), "\"Q3. When should you *avoid* signals?\"");
    assert_eq!(d[2]["related"][0]["question_id"], "signals-basics");
}

#[test]
fn a_guide_with_a_repeated_run_and_template_answers() {
    let dir = "fixtures/duplicate/guide";
    let (json, _) = check_json(&root().join(dir), &["."]);
    assert_eq!(rules_of(&json), ["duplicate/template", "duplicate/template", "duplicate/repeated-run"]);
    let d = diagnostics(&json);

    // One finding for the run, listing every question it repeats.
    let run = &d[2];
    assert_eq!(run["message"], "questions 11–20 repeat questions 1–10 (2 with small rewording)");
    assert_eq!(run["question_id"], "guide-11");
    let related = run["related"].as_array().unwrap();
    assert_eq!(related.len(), 19, "ten earlier questions, nine more copies");
    assert_eq!(related[0]["question_id"], "guide-01");
    assert_eq!(related[9]["message"], "repeated by `guide-20`");
    assert_eq!(related[18]["question_id"], "guide-20");
    assert_eq!(related[18]["message"], "repeats `guide-10`");

    // Each template group once, the slot named, every member related.
    let first = &d[0];
    assert_eq!(
        first["message"],
        "5 answers share one template; only the topic differs: the ORM, URL dispatching, the admin, CSRF protection, middleware"
    );
    let members: Vec<&str> =
        first["related"].as_array().unwrap().iter().map(|r| r["question_id"].as_str().unwrap()).collect();
    assert_eq!(members, ["guide-03", "guide-05", "guide-07", "guide-09"]);
    assert!(first["help"].as_str().unwrap().contains("[-The ORM-] {+URL dispatching+}"));
    assert!(d[1]["message"].as_str().unwrap().ends_with("migrations, signals, caching, sessions, static files"));

    // The human output shows both places and the diff.
    let human = djlint(&root().join(dir), &["check", "."]).stdout;
    assert!(human.contains("repeated by `guide-11`"));
    assert!(human.contains("same template: URL dispatching"));
    assert!(human.contains("{+URL dispatching+}"));
}

#[test]
fn distinct_questions_on_one_topic_are_not_duplicates() {
    let (json, run) = check_json(&root().join("fixtures/duplicate/clean"), &["."]);
    assert!(json["summary"]["questions"].as_u64().unwrap() >= 30);
    assert!(diagnostics(&json).is_empty(), "{}", run.stdout);
    for dir in ["fixtures/clean", "fixtures/demo"] {
        let (json, _) = check_json(&root().join(dir), &[".", "--select", "duplicate"]);
        assert!(diagnostics(&json).is_empty(), "{dir}: {json}");
    }
}

/// What identifies a finding for comparing two runs.
fn keys(outcome: &djlint::Outcome) -> BTreeSet<String> {
    outcome
        .findings
        .iter()
        .map(|f| {
            let related: Vec<String> = f.related.iter().map(|r| format!("{}:{:?}", r.file, r.question_id)).collect();
            format!("{} {}:{:?} {}", f.rule, f.file, f.question_id, related.join(","))
        })
        .collect()
}

#[test]
fn the_fast_path_finds_what_an_exhaustive_comparison_finds() {
    let generated = djlint::corpus::generate(3000, 250, 5, 12);
    let mut config = common::config();
    config.select = vec!["duplicate".into()];
    let fast = djlint::check_texts(&generated.files, &config);
    config.duplicate.exhaustive = true;
    let slow = djlint::check_texts(&generated.files, &config);
    let (fast, slow) = (keys(&fast), keys(&slow));
    assert!(slow.len() > 100, "the generated bank should hold many duplicates: {}", slow.len());
    let extra: Vec<&String> = fast.difference(&slow).collect();
    assert!(extra.is_empty(), "the fast path reported what the exhaustive comparison rejects: {extra:?}");
    let found = fast.intersection(&slow).count();
    assert!(found * 100 >= slow.len() * 98, "recall {found}/{}", slow.len());

    // Every planted duplicate is reported, by the rule of its kind.
    let outcome = djlint::check_texts(&generated.files, &common::config());
    let mut reported: BTreeSet<(String, String)> = BTreeSet::new();
    for f in &outcome.findings {
        let kind = f.rule.trim_start_matches("duplicate/").to_owned();
        if let Some(id) = &f.question_id {
            reported.insert((kind.clone(), id.clone()));
        }
        for r in &f.related {
            reported.insert((kind.clone(), r.question_id.clone().unwrap_or_default()));
        }
    }
    let kinds: BTreeSet<&str> = generated.planted.iter().map(|p| p.kind).collect();
    assert_eq!(kinds.len(), 5, "every kind is planted: {kinds:?}");
    let mut missed = Vec::new();
    for p in &generated.planted {
        // A copied run may be reported pair by pair when one of its
        // questions was itself a copy; an exact copy is also a rewording.
        // Two retouched copies of one answer plus the original are three
        // answers one word apart: a template, by definition.
        let ok = reported.contains(&(p.kind.to_owned(), p.id.clone()))
            || (p.kind == "repeated-run"
                && ["exact", "near-question"].iter().any(|k| reported.contains(&(k.to_string(), p.id.clone()))))
            || (p.kind == "near-answer" && reported.contains(&("template".to_owned(), p.id.clone())));
        if !ok {
            missed.push(p);
        }
    }
    // A planted copy can hide behind another planted duplicate: an answer
    // copied from a template member onto an unrelated question is not
    // compared with the template (members are left out of the near-answer
    // join). More than 1% missed is a regression.
    assert!(
        missed.len() * 100 <= generated.planted.len(),
        "{} of {} planted duplicates missed: {:?}",
        missed.len(),
        generated.planted.len(),
        &missed[..missed.len().min(5)]
    );
}

/// A writable copy of the cross-file fixture.
fn cross_file_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("fixtures/duplicate/cross-file");
    for f in ["01-basics.yaml", "02-advanced.yaml"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    dir
}

#[test]
fn changed_files_mode_reports_only_findings_that_touch_them() {
    let dir = cross_file_copy();
    std::fs::write(
        dir.path().join("03-new.yaml"),
        "questions:\n  - id: brand-new\n    question: What does the Django ORM do?\n    answer: It maps model classes to tables.\n",
    )
    .unwrap();
    // The new file is compared against the whole bank.
    let (json, run) =
        check_json(dir.path(), &["--changed", "03-new.yaml", "--changed", "README.md", "--changed", "deleted.yaml"]);
    assert_eq!(rules_of(&json), ["duplicate/near-question"], "{}", run.stdout);
    assert_eq!(diagnostics(&json)[0]["file"], "03-new.yaml");
    assert_eq!(diagnostics(&json)[0]["related"][0]["file"], "01-basics.yaml");
    assert_eq!(json["summary"]["files"], 3);
    assert_eq!(run.code, 1);
    // A changed file counts as the newer one, whatever its name.
    let (json, _) = check_json(dir.path(), &[".", "--changed", "01-basics.yaml"]);
    let files: Vec<&str> = diagnostics(&json).iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["01-basics.yaml"; 3]);
    // Nothing touches an unrelated file.
    std::fs::write(dir.path().join("04-other.yaml"), "questions:\n  - id: other\n    question: What is a URLconf?\n    answer: A module that maps URL patterns to views.\n").unwrap();
    let (json, run) = check_json(dir.path(), &["--changed", "04-other.yaml"]);
    assert!(diagnostics(&json).is_empty(), "{}", run.stdout);
    assert_eq!(run.code, 0);
}

#[test]
fn thresholds_come_from_djlint_toml() {
    let dir = cross_file_copy();
    std::fs::write(dir.path().join("djlint.toml"), "[duplicate]\nanswer-threshold = 0.9\n").unwrap();
    let (json, _) = check_json(dir.path(), &["."]);
    assert_eq!(rules_of(&json), ["duplicate/near-question", "duplicate/exact"]);

    std::fs::write(dir.path().join("djlint.toml"), "[duplicate]\nquestion-threshold = 1.5\n").unwrap();
    let run = djlint(dir.path(), &["check", "."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`question-threshold` must be above 0 and at most 1"), "{}", run.stderr);
    assert!(run.stderr.contains("1.5"));

    std::fs::write(dir.path().join("djlint.toml"), "[duplicate]\nmin-run = 1\n").unwrap();
    let run = djlint(dir.path(), &["check", "."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`min-run` must be a whole number of at least 2"), "{}", run.stderr);
}

#[test]
fn duplicate_outputs_are_pinned() {
    let dir = root().join("fixtures/duplicate");
    for format in ["human", "concise", "json"] {
        let run = djlint(&dir, &["check", "cross-file", "guide", "--format", format]);
        insta::assert_snapshot!(format!("duplicate_{format}"), run.stdout);
    }
}

/// Conflicting answers: a key that contradicts the key of the same
/// question is an error; a question with many right answers, an answer
/// spelt two ways, or a different kind of question is not a conflict.
#[test]
fn conflicting_answers_and_their_look_alikes() {
    let dir = root().join("fixtures/duplicate/conflicts");
    let (json, _) = check_json(&dir, &["."]);
    let mut by_id: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    // 300 seconds is also AWS Lambda's old limit, which the stale family
    // reports (once, on that answer); the rest of the check is silent here.
    let stale: Vec<(String, String)> = diagnostics(&json)
        .iter()
        .filter(|d| d["rule"].as_str().unwrap().starts_with("stale/"))
        .map(|d| (d["question_id"].as_str().unwrap().to_owned(), d["rule"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(stale, [("timeout-conflict".to_owned(), "stale/old-limit".to_owned())]);
    for d in diagnostics(&json).iter().filter(|d| !d["rule"].as_str().unwrap().starts_with("stale/")) {
        by_id
            .entry(d["question_id"].as_str().unwrap().to_owned())
            .or_default()
            .push(d["rule"].as_str().unwrap().into());
    }
    let text = std::fs::read_to_string(dir.join("bank.yaml")).unwrap();
    let ids: Vec<&str> = text.lines().filter_map(|l| l.trim().strip_prefix("- id: ")).collect();
    let mut checked = 0;
    for id in ids {
        let got = by_id.get(id).cloned().unwrap_or_default();
        let want: &[&str] = if id.ends_with("-conflict") {
            &["duplicate/conflicting-answer"]
        } else if id.ends_with("-reworded") {
            &["duplicate/near-question"]
        } else {
            &[]
        };
        assert_eq!(got, want, "{id}");
        checked += usize::from(!want.is_empty());
    }
    assert!(checked >= 7);
    let conflict = diagnostics(&json).iter().find(|d| d["question_id"] == "timeout-conflict").unwrap();
    assert_eq!(conflict["severity"], "error");
    assert!(conflict["message"].as_str().unwrap().contains("`300 seconds` here, `900 seconds` there"), "{conflict}");
}

/// Thousands of answers that differ only in a number are joined into one
/// cluster without comparing every pair, and a `duplicate/budget` finding
/// says that the comparison was cut.
#[test]
fn a_huge_cluster_is_cut_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let mut text = String::from("questions:\n");
    for i in 0..3_000 {
        text.push_str(&format!(
            "  - id: q{i}\n    question: Question {i} about a subject of its own, number {}?\n    answer: This answer says the same thing every time in the same words, with the number {i} at its end.\n",
            i * 7919 % 100_003
        ));
    }
    std::fs::write(tmp.path().join("cluster.yaml"), text).unwrap();
    let (json, _) = check_json(tmp.path(), &["."]);
    let budget: Vec<&serde_json::Value> =
        diagnostics(&json).iter().filter(|d| d["rule"] == "duplicate/budget").collect();
    assert!(!budget.is_empty(), "{}", rules_of(&json).len());
    assert!(budget[0]["message"].as_str().unwrap().contains("may not be reported"));
    assert_eq!(budget[0]["severity"], "info");
}

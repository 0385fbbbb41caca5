//! The stale/* family on the products of the bundled release knowledge
//! (endoflife.date data and the release facts of rules/knowledge/):
//! correct statements about them stay quiet, and each defect makes the
//! rule its comment names fire, citing a source.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{check_json, root};
use serde_json::Value;

const DIR: &str = "fixtures/stale/products";

/// The product of a fixture question: the id's first part (`react-b01`).
fn product(id: &str) -> &str {
    id.split('-').next().unwrap_or(id)
}

fn findings(file: &str, select: &str) -> (Vec<Value>, String) {
    let (json, run) = check_json(&root().join(DIR), &[file, "--select", select, "--as-of", "2026-12-01"]);
    (json["diagnostics"].as_array().unwrap().clone(), run.stdout)
}

#[test]
fn correct_statements_about_every_product_yield_no_stale_findings() {
    let text = std::fs::read_to_string(root().join(DIR).join("clean.yaml")).unwrap();
    let ids: Vec<&str> = text.lines().filter_map(|l| l.trim().strip_prefix("- id: ")).collect();
    let products: BTreeSet<&str> = ids.iter().map(|id| product(id)).collect();
    assert!(ids.len() >= 80, "{} statements", ids.len());
    assert!(products.len() >= 10, "{products:?}");
    // Schema too: a clean question that does not parse would stay silent.
    let (found, out) = findings("clean.yaml", "stale,schema");
    assert!(found.is_empty(), "{out}");
}

#[test]
fn each_defect_fires_the_rule_its_comment_names() {
    let text = std::fs::read_to_string(root().join(DIR).join("bad.yaml")).unwrap();
    // question id -> the rule named by the comment above it
    let mut expected: BTreeMap<String, String> = BTreeMap::new();
    let mut named = None;
    for line in text.lines() {
        let line = line.trim();
        if let Some(comment) = line.strip_prefix('#')
            && let Some(at) = comment.find("stale/")
        {
            let rule: String =
                comment[at..].chars().take_while(|c| c.is_ascii_lowercase() || "/-".contains(*c)).collect();
            named = Some(rule);
        }
        if let Some(id) = line.strip_prefix("- id: ") {
            let rule = named.take().unwrap_or_else(|| panic!("{id}: no comment names its rule"));
            expected.insert(id.to_owned(), rule);
        }
    }
    let (found, out) = findings("bad.yaml", "stale");
    let mut fired: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for f in &found {
        fired.entry(f["question_id"].as_str().unwrap()).or_default().push(f);
    }
    for (id, rule) in &expected {
        let hits = fired.get(id.as_str()).map(Vec::as_slice).unwrap_or_default();
        let hit = hits.iter().find(|f| f["rule"] == rule.as_str());
        let hit = hit.unwrap_or_else(|| panic!("{id}: {rule} did not fire; found {hits:?}\n{out}"));
        // Every finding cites where its fact comes from, in parentheses.
        let message = hit["message"].as_str().unwrap();
        assert!(message.contains('(') && message.contains(')'), "{id}: {message}");
    }
    // At least three cases per rule, across at least eight products.
    let mut per_rule: BTreeMap<&str, (usize, BTreeSet<&str>)> = BTreeMap::new();
    for (id, rule) in &expected {
        let e = per_rule.entry(rule.as_str()).or_default();
        e.0 += 1;
        e.1.insert(product(id));
    }
    for rule in [
        "stale/unsupported-as-current",
        "stale/not-lts",
        "stale/unknown-version",
        "stale/wrong-release",
        "stale/removed-feature",
        "stale/old-limit",
    ] {
        let (n, _) = per_rule.get(rule).cloned().unwrap_or_default();
        assert!(n >= 3, "{rule}: {n} cases");
    }
    let products: BTreeSet<&str> = expected.keys().map(|id| product(id)).collect();
    assert!(products.len() >= 8, "{products:?}");
}

#[test]
fn findings_name_the_bundled_sources() {
    let (found, _) = findings("bad.yaml", "stale");
    let messages: Vec<&str> = found.iter().map(|f| f["message"].as_str().unwrap()).collect();
    // Release dates cite endoflife.date and the day of the data; facts
    // cite release notes.
    assert!(messages.iter().any(|m| m.contains("(endoflife.date/nodejs, data of ")), "{messages:#?}");
    assert!(messages.iter().any(|m| m.contains("React 16.8, not 17")), "{messages:#?}");
}

/// A Markdown bank: the section a question sits in counts like its tags
/// (an "Old Q&A" section is filed as old), and an answer in a list item
/// whose code block has an empty line is read dedented, so the release it
/// names is read as prose.
#[test]
fn markdown_sections_and_list_item_answers_frame_removed_features() {
    let dir = tempfile::tempdir().unwrap();
    let page = "# React questions\n\n## Core React\n\n1. ### How do you mount the app?\n\n    Call ReactDOM.render(<App />, document.getElementById('root')) once.\n\n## Old Q&A\n\n2. ### How did apps mount before hooks?\n\n    Call ReactDOM.render(<App />, document.getElementById('root')) once.\n\n## Types\n\n3. ### How do you check prop types?\n\n    PropTypes (`React.PropTypes` moved to `prop-types` since React v15.5) check at runtime.\n\n    ```tsx\n    interface Props {\n      name: string;\n\n      age: number;\n    }\n    ```\n";
    std::fs::write(dir.path().join("react.md"), page).unwrap();
    let (json, run) = check_json(dir.path(), &["react.md", "--select", "stale", "--as-of", "2026-12-01"]);
    let found: Vec<(&str, &str)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["question_id"].as_str().unwrap(), d["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(found, [("react.how-do-you-mount-the-app", "stale/removed-feature")], "{}", run.stdout);
}

/// A Markdown quiz: an earlier limit is reported where it is the key, not
/// where it is one of the wrong options; the GOPATH workspace likewise in
/// a written answer, unless the answer says how modules changed it.
#[test]
fn markdown_quiz_keys_and_answers_carry_limits_and_replaced_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let page = "# AWS Lambda quiz\n\n#### Q1. How long can an AWS Lambda function execute?\n\n- [ ] 60 seconds\n- [x] 300 seconds\n- [ ] 600 seconds\n\n#### Q2. How long can an AWS Lambda function execute?\n\n- [ ] 300 seconds\n- [x] 900 seconds\n- [ ] 60 seconds\n";
    std::fs::write(dir.path().join("aws-lambda-quiz.md"), page).unwrap();
    let go = "# Go\n\n## 1. Where does the Go tool look for packages?\n\nUnder $GOPATH/src, one folder per import path.\n\n## 2. What was $GOPATH/src for?\n\nBefore modules, every project lived under $GOPATH/src; in module-aware mode a go.mod file marks it.\n";
    std::fs::write(dir.path().join("go.md"), go).unwrap();
    let args = ["aws-lambda-quiz.md", "go.md", "--select", "stale", "--as-of", "2026-12-01"];
    let (json, run) = check_json(dir.path(), &args);
    let found: Vec<(&str, &str, u64)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let rule = d["rule"].as_str().unwrap();
            (d["question_id"].as_str().unwrap(), rule, d["span"]["start"].as_u64().unwrap())
        })
        .collect();
    let key = page.find("[x] 300 seconds").unwrap() as u64 + 4;
    let gopath = go.find("$GOPATH/src").unwrap() as u64;
    assert_eq!(found.len(), 2, "{}", run.stdout);
    assert!(found.iter().any(|f| f.1 == "stale/old-limit" && f.2 == key), "{}", run.stdout);
    assert!(found.iter().any(|f| f.1 == "stale/removed-feature" && f.2 == gopath), "{}", run.stdout);
}

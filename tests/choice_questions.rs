//! Choice questions in YAML: the key is not prose, the explanation is.

mod common;

use common::{check_json, rules_of};

fn bank(dir: &std::path::Path, text: &str) {
    std::fs::write(dir.join("bank.yaml"), text).unwrap();
}

#[test]
fn a_short_key_is_not_judged_as_a_written_answer() {
    let dir = tempfile::tempdir().unwrap();
    bank(
        dir.path(),
        "questions:\n  - id: two-plus-two\n    question: How many bytes does a Java int take?\n    choices: ['2', '4', '8']\n    answer: '4'\n  - id: undo\n    question: Which command undoes a pushed commit without rewriting history?\n    choices: [git reset, git revert, git rebase]\n    answer: git revert\n",
    );
    let (json, run) = check_json(dir.path(), &["."]);
    assert_eq!(rules_of(&json), Vec::<String>::new(), "{}", run.stdout);
}

#[test]
fn the_explanation_is_read_by_the_written_answer_rules() {
    let dir = tempfile::tempdir().unwrap();
    let text = "questions:\n  - id: typeof-null\n    question: What does `typeof null` return in JavaScript?\n    choices: ['\"null\"', '\"object\"']\n    answer: '\"object\"'\n    explanation: TODO\n";
    bank(dir.path(), text);
    let (json, _) = check_json(dir.path(), &["."]);
    let d = &json["diagnostics"][0];
    assert_eq!(d["rule"], "unclear/placeholder", "{json}");
    let start = d["span"]["start"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..start + 4], "TODO");
    assert!(start > text.find("explanation").unwrap());
}

#[test]
fn noise_in_an_option_is_reported_on_the_option() {
    let dir = tempfile::tempdir().unwrap();
    let text = "questions:\n  - id: http-verbs\n    question: Which HTTP method is NOT idempotent?\n    choices: [GET, 'POST :contentReference[oaicite:1]{index=1}', PUT]\n    answer: 'POST :contentReference[oaicite:1]{index=1}'\n    explanation: Sending the same POST twice can create two resources.\n";
    bank(dir.path(), text);
    let (json, run) = check_json(dir.path(), &["."]);
    // Once, on the option: the key repeats the option's text but is not
    // read a second time.
    assert_eq!(rules_of(&json), ["noise/ai-citation-marker"], "{}", run.stdout);
    let d = &json["diagnostics"][0];
    let start = d["span"]["start"].as_u64().unwrap() as usize;
    assert!(start < text.find("answer:").unwrap(), "the finding is on the option: {d}");
}

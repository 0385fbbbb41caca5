//! Every way people write a suppression either works or is reported: the
//! trailing form on any line of a question (as `# noqa` teaches), a space
//! before `[`, upper case, and the malformed ones (`ignore[]`, `ignore x`,
//! an unclosed list, another word) with what was expected.

mod common;

use common::check_json;

/// A question whose short answer `unclear/too-short` reports, with
/// `comment` put where `place` says.
fn bank(lines: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("q.yaml"), lines.join("\n") + "\n").unwrap();
    dir
}

/// (rule, question id, message) of each finding of `--select unclear,schema`.
fn findings(dir: &tempfile::TempDir) -> Vec<(String, String, String)> {
    let (json, _) = check_json(dir.path(), &["q.yaml", "--select", "unclear/too-short,schema"]);
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["question_id"].as_str().unwrap_or("").to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

const SHORT: &str = "    answer: It loads the settings.";

fn silenced(lines: &[&str]) {
    let dir = bank(lines);
    assert_eq!(findings(&dir), [], "{}", lines.join("\n"));
}

#[test]
fn without_a_suppression_the_short_answer_is_reported() {
    let dir = bank(&["questions:", "  - id: s", "    question: Why use manage.py shell rather than python?", SHORT]);
    let found = findings(&dir);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "unclear/too-short");
}

#[test]
fn a_trailing_comment_on_any_line_of_the_question_covers_it() {
    let q = "    question: Why use manage.py shell rather than python?";
    silenced(&["questions:", "  - id: s  # djlint: ignore[unclear/too-short]", q, SHORT]);
    silenced(&["questions:", "  - id: s", &format!("{q}  # djlint: ignore[unclear]"), SHORT]);
    silenced(&["questions:", "  - id: s", q, &format!("{SHORT}  # djlint: ignore[unclear/too-short] on purpose")]);
    // On a line of its own inside the question, and before it.
    silenced(&["questions:", "  - id: s", "    # djlint: ignore[unclear/too-short]", q, SHORT]);
    silenced(&["questions:", "  # djlint: ignore[unclear/too-short]", "  - id: s", q, SHORT]);
}

#[test]
fn case_and_a_space_before_the_list_do_not_matter() {
    let q = "    question: Why use manage.py shell rather than python?";
    silenced(&["questions:", "  - id: s  # djlint: ignore [unclear/too-short]", q, SHORT]);
    silenced(&["questions:", "  - id: s  # DJLINT: IGNORE[UNCLEAR/TOO-SHORT]", q, SHORT]);
    silenced(&["questions:", "  - id: s  #djlint:ignore[unclear/too-short]", q, SHORT]);
}

#[test]
fn a_suppression_covers_only_its_own_question() {
    let dir = bank(&[
        "questions:",
        "  - id: a  # djlint: ignore[unclear/too-short]",
        "    question: Why use manage.py shell rather than python?",
        SHORT,
        "  - id: b",
        "    question: Why use a virtual environment rather than the system Python?",
        "    answer: It isolates packages.",
    ]);
    let found = findings(&dir);
    assert_eq!(found.iter().map(|f| (f.0.as_str(), f.1.as_str())).collect::<Vec<_>>(), [("unclear/too-short", "b")]);
}

#[test]
fn text_that_looks_like_a_comment_inside_a_value_is_text() {
    // In a quoted string and in a block scalar, `#` is part of the value:
    // read as suppressions, these would be reported as silencing nothing.
    let dir = bank(&[
        "questions:",
        "  - id: s",
        "    question: \"Why use manage.py shell? # djlint: ignore[schema/duplicate-id]\"",
        "    answer: |",
        "      It loads the project's settings and apps before the prompt opens.",
        "      # djlint: ignore[schema/duplicate-id]",
        "      # djlint: ignore[]",
    ]);
    assert_eq!(findings(&dir), []);
}

#[test]
fn malformed_suppressions_are_reported_with_the_expected_form() {
    let q = "    question: Why use manage.py shell rather than python?";
    let cases = [
        ("# djlint: ignore[]", "names no rule"),
        ("# djlint: ignore unclear/too-short", "in brackets"),
        ("# djlint: ignore[unclear/too-short", "not closed"),
        ("# djlint: disable[unclear/too-short]", "`djlint: disable[unclear/too-short]` is not a djlint directive"),
        ("# djlint:", "followed by nothing"),
    ];
    for (comment, expected) in cases {
        let dir = bank(&["questions:", &format!("  - id: s  {comment}"), q, SHORT]);
        let found = findings(&dir);
        let rules: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        // The comment is reported, and it silences nothing.
        assert_eq!(rules, ["schema/invalid-suppression", "unclear/too-short"], "{comment}");
        assert!(
            found[0].2.contains(expected) && found[0].2.contains("ignore[rule-or-family"),
            "{comment}: {}",
            found[0].2
        );
    }
}

#[test]
fn an_unknown_rule_gets_a_suggestion() {
    let q = "    question: Why use manage.py shell rather than python?";
    let dir = bank(&["questions:", "  - id: s  # djlint: ignore[unclear/too-shrt]", q, SHORT]);
    let found = findings(&dir);
    let unused = found.iter().find(|f| f.0 == "schema/unused-suppression").expect("reported");
    assert!(unused.2.contains("did you mean `unclear/too-short`"), "{}", unused.2);
}

#[test]
fn a_trailing_comment_outside_any_question_is_reported() {
    let dir = bank(&[
        "title: Shell  # djlint: ignore[unclear]",
        "questions:",
        "  - id: s",
        "    question: Why use manage.py shell rather than python?",
        "    answer: It loads the project's settings and apps before it opens the interactive prompt.",
    ]);
    let found = findings(&dir);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "schema/unused-suppression");
    assert!(found[0].2.contains("not on a question"), "{}", found[0].2);
}

#[test]
fn a_comment_between_questions_covers_the_next_one() {
    let dir = bank(&[
        "questions:",
        "  - id: a",
        "    question: Why use manage.py shell rather than python?",
        SHORT,
        "",
        "  # djlint: ignore[unclear/too-short]",
        "  - id: b",
        "    question: Why use a virtual environment rather than the system Python?",
        "    answer: It isolates packages.",
    ]);
    let found = findings(&dir);
    assert_eq!(found.iter().map(|f| (f.0.as_str(), f.1.as_str())).collect::<Vec<_>>(), [("unclear/too-short", "a")]);
}

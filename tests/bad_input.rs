//! Bad input gets a clear finding or error, never a panic, and the rest of
//! the bank is still checked. Each case sits beside a good file whose
//! questions must still be counted.

mod common;

use std::path::Path;

use common::{check_json, djlint, rules_of};

const GOOD: &str = "questions:\n  - id: good-1\n    question: What is a slug?\n    answer: A short URL-safe label.\n";

/// A folder with `good.yaml` and `name` holding `bytes`.
fn bank(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.yaml"), GOOD).unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    dir
}

/// Check `dir`, naming `file` too (a walk alone skips files that are not
/// question files: tests/question_files.rs); assert the only findings are
/// `expected` (in `file`) and that good.yaml's question was loaded.
fn assert_findings(dir: &Path, file: &str, expected: &[&str]) -> serde_json::Value {
    // Banks here may repeat good.yaml's question on purpose; duplicates are
    // tested in tests/duplicate_rules.rs.
    let (json, run) = check_json(dir, &[".", file, "--select", "schema"]);
    assert_eq!(rules_of(&json), expected, "{}", run.stdout);
    for d in json["diagnostics"].as_array().unwrap() {
        assert_eq!(d["file"], file);
    }
    assert!(json["summary"]["questions"].as_u64().unwrap() >= 1, "good.yaml was not checked");
    assert!(run.stderr.is_empty() || !run.stderr.contains("panicked"), "{}", run.stderr);
    json
}

#[test]
fn truncated_yaml() {
    let dir = bank("bad.yaml", b"questions:\n  - id: cut\n    question: \"Where does it en");
    let json = assert_findings(dir.path(), "bad.yaml", &["schema/parse-error"]);
    assert_eq!(json["diagnostics"][0]["line"], 3);
}

#[test]
fn tabs_as_indentation() {
    let dir = bank("bad.yaml", b"questions:\n\t- id: tab\n\t  question: q\n");
    let json = assert_findings(dir.path(), "bad.yaml", &["schema/parse-error"]);
    assert!(json["diagnostics"][0]["message"].as_str().unwrap().contains("tab"));
    assert!(json["diagnostics"][0]["help"].as_str().unwrap().contains("spaces"));
}

#[test]
fn duplicate_mapping_keys() {
    let dir = bank("bad.yaml", b"questions:\n  - id: d\n    question: q?\n    question: again?\n    answer: a.\n");
    let json = assert_findings(dir.path(), "bad.yaml", &["schema/duplicate-key"]);
    assert_eq!(json["diagnostics"][0]["related"][0]["line"], 3);
}

#[test]
fn top_level_list_and_scalar() {
    let dir = bank("list.yaml", b"- id: x\n  question: q\n  answer: a\n");
    std::fs::write(dir.path().join("scalar.yaml"), "hello\n").unwrap();
    let (json, _) = check_json(dir.path(), &[".", "list.yaml", "scalar.yaml"]);
    assert_eq!(rules_of(&json), ["schema/wrong-type", "schema/wrong-type"]);
    assert_eq!(json["summary"]["questions"], 1);
}

#[test]
fn anchors_and_aliases_are_followed() {
    let text = "shared: &tags [orm, models]\nquestions:\n  - id: a\n    question: q?\n    answer: &ans The same answer.\n    tags: *tags\n  - id: b\n    question: r?\n    answer: *ans\n    tags: *tags\n";
    let outcome = djlint::check_texts(&[("a.yaml".into(), text.into())], &common::config());
    // `shared` is not a schema key; the aliases themselves are fine.
    let rules: Vec<&str> = outcome.findings.iter().map(|f| f.rule.as_ref()).collect();
    assert_eq!(rules, ["schema/unknown-field"]);
    let q = &outcome.bank.questions[1];
    assert_eq!(q.answer.as_ref().unwrap().value, "The same answer.");
    assert_eq!(q.tags.iter().map(|t| t.value.as_str()).collect::<Vec<_>>(), ["orm", "models"]);
    // The alias's value is labelled where the anchor defines it.
    let span = q.answer.as_ref().unwrap().span;
    assert_eq!(&text[span.start..span.end], "The same answer.");
}

/// Nested aliases that would expand to 9^7 values are not expanded at all:
/// the walk does not descend into lists of lists, so this costs nothing.
#[test]
fn billion_laughs_is_not_expanded() {
    let mut text = String::from("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..8 {
        text.push_str(&format!("l{i}: &l{i} [{}]\n", vec![format!("*l{}", i - 1); 9].join(", ")));
    }
    text.push_str("questions:\n  - id: boom\n    question: *l7\n    answer: *l7\n    tags: *l7\n");
    let dir = bank("bomb.yaml", text.as_bytes());
    let (json, _) = check_json(dir.path(), &["."]);
    let rules = rules_of(&json);
    assert!(rules.iter().all(|r| r == "schema/unknown-field" || r == "schema/wrong-type"), "{rules:?}");
    assert!(rules.len() < 40, "{rules:?}");
}

/// Aliases that do expand under the schema (a shared question with a big
/// shared tag list, repeated) are refused once the walk passes its budget.
#[test]
fn quadratic_alias_bomb_is_refused() {
    let tags = vec!["t"; 2000].join(", ");
    let qs = vec!["*q"; 2000].join(", ");
    let text = format!("t: &t [{tags}]\nq: &q {{id: x, question: q?, answer: a., tags: *t}}\nquestions: [{qs}]\n");
    let dir = bank("bomb.yaml", text.as_bytes());
    let json = assert_findings(dir.path(), "bomb.yaml", &["schema/too-large"]);
    assert!(json["diagnostics"][0]["message"].as_str().unwrap().contains("alias"));
    assert_eq!(json["summary"]["questions"], 1, "only good.yaml's question is kept");
}

#[test]
fn huge_file_is_not_read() {
    let dir = bank("huge.yaml", b"");
    // A sparse 200 MB file: its size is checked before any byte is read.
    std::fs::File::options().write(true).open(dir.path().join("huge.yaml")).unwrap().set_len(200 << 20).unwrap();
    let json = assert_findings(dir.path(), "huge.yaml", &["schema/too-large"]);
    assert!(json["diagnostics"][0]["message"].as_str().unwrap().contains("209715200 bytes"));
}

#[test]
fn binary_file_named_yaml() {
    let dir = bank("image.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    let json = assert_findings(dir.path(), "image.yaml", &["schema/not-utf8"]);
    assert!(json["diagnostics"][0]["message"].as_str().unwrap().contains("binary"));
}

#[test]
fn invalid_utf8_points_at_the_bad_byte() {
    let dir = bank("latin1.yaml", b"questions:\n  - id: caf\xe9\n");
    let json = assert_findings(dir.path(), "latin1.yaml", &["schema/not-utf8"]);
    assert_eq!(
        (json["diagnostics"][0]["line"].as_u64(), json["diagnostics"][0]["column"].as_u64()),
        (Some(2), Some(12))
    );
}

#[test]
fn empty_file() {
    let dir = bank("empty.yaml", b"");
    assert_findings(dir.path(), "empty.yaml", &["schema/no-questions"]);
}

#[test]
fn byte_order_mark_keeps_spans_exact() {
    let text = "\u{FEFF}questions:\n  - id: bom\n    question: q?\n    answer: a.\n    level: expert\n";
    let dir = bank("bom.yaml", text.as_bytes());
    let json = assert_findings(dir.path(), "bom.yaml", &["schema/invalid-level"]);
    let d = &json["diagnostics"][0];
    let (start, end) = (d["span"]["start"].as_u64().unwrap() as usize, d["span"]["end"].as_u64().unwrap() as usize);
    assert_eq!(&text[start..end], "expert");
    assert_eq!(json["summary"]["questions"], 2);
}

#[test]
fn directory_without_yaml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), "nothing here").unwrap();
    let run = djlint(dir.path(), &["check", "."]);
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("no question files"), "{}", run.stderr);
    assert!(run.stdout.contains("No problems found in 0 files"), "{}", run.stdout);
}

#[test]
fn named_path_that_does_not_exist() {
    let dir = bank("x.yaml", GOOD.replace("good-1", "x-1").as_bytes());
    let run = djlint(dir.path(), &["check", ".", "missing.yaml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("path not found: missing.yaml"));
}

/// A folder link back up (`loop -> ..`, `up -> ..`) is not followed: no
/// file is checked twice and nothing is reported. A broken or looping link
/// whose name is not a question file's (`README`) is not part of the bank.
#[cfg(unix)]
#[test]
fn symlink_loops_and_links_that_are_not_question_files() {
    let dir = bank("x.yaml", GOOD.replace("good-1", "x-1").as_bytes());
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("sub/loop")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("up")).unwrap();
    std::os::unix::fs::symlink("/nonexistent/README", dir.path().join("README")).unwrap();
    std::os::unix::fs::symlink("self", dir.path().join("self")).unwrap();
    // x.yaml repeats good.yaml's question; only the schema family is tested here.
    let (json, run) = check_json(dir.path(), &[".", "--select", "schema"]);
    assert_eq!(rules_of(&json), Vec::<String>::new(), "{}", run.stdout);
    assert_eq!(json["summary"]["questions"], 2, "each file once");
    assert_eq!(run.code, 0);
}

/// Clear messages on bad input: a tab is pointed at, a NUL byte is shown
/// where it is, a merge key is named as one.
#[test]
fn bad_input_is_pointed_at_precisely() {
    let dir = bank("tab.yaml", b"questions:\n  - id: a\n    question: What is X?\n\tanswer: It is Y.\n");
    let (json, _) = check_json(dir.path(), &["tab.yaml"]);
    assert_eq!(
        (json["diagnostics"][0]["line"].as_u64(), json["diagnostics"][0]["column"].as_u64()),
        (Some(4), Some(1))
    );
    std::fs::write(dir.path().join("nul.yaml"), b"questions:\n  - id: b\n    question: What?\n    answer: It \0 is.\n")
        .unwrap();
    let (json, _) = check_json(dir.path(), &["nul.yaml"]);
    let d = &json["diagnostics"][0];
    assert_eq!((d["rule"].as_str(), d["line"].as_u64()), (Some("schema/not-utf8"), Some(4)), "{d}");
    assert!(d["message"].as_str().unwrap().contains("NUL byte"));
    std::fs::write(
        dir.path().join("merge.yaml"),
        "base: &b\n  level: beginner\nquestions:\n  - <<: *b\n    id: c\n    question: What is Q?\n    answer: It is R.\n",
    )
    .unwrap();
    let (json, _) = check_json(dir.path(), &["merge.yaml", "--select", "schema"]);
    let messages: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap()).collect();
    assert!(messages.iter().any(|m| m.contains("merge key `<<`")), "{messages:?}");
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    // A dangling link is unreadable whoever runs the test (root reads mode 000 files).
    let dir = bank("good2.yaml", GOOD.replace("good-1", "good-2").as_bytes());
    std::os::unix::fs::symlink("nowhere.yaml", dir.path().join("gone.yaml")).unwrap();
    let json = assert_findings(dir.path(), "gone.yaml", &["schema/unreadable"]);
    assert!(json["diagnostics"][0]["message"].as_str().unwrap().contains("cannot read"));
    assert_eq!(json["summary"]["questions"], 2);
}

#[cfg(unix)]
#[test]
fn fifo_named_yaml_does_not_hang() {
    let dir = bank("good2.yaml", GOOD.replace("good-1", "good-2").as_bytes());
    let fifo = dir.path().join("pipe.yaml");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let (json, _) = check_json(dir.path(), &[".", "pipe.yaml", "--select", "schema"]);
    assert_eq!(rules_of(&json), ["schema/unreadable"]);
    assert!(json["diagnostics"][0]["message"].as_str().unwrap().contains("not a regular file"));
}

#[test]
fn deep_nesting_is_a_parse_error_not_a_crash() {
    let text = format!("questions: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let dir = bank("deep.yaml", text.as_bytes());
    assert_findings(dir.path(), "deep.yaml", &["schema/parse-error"]);
}

/// Block nesting 60,000 levels deep (`- - - … x`) is refused when the
/// file loads, with a short message, so `--fix` and `--diff` never walk it.
#[test]
fn deep_block_nesting_is_a_parse_error_for_check_fix_and_diff() {
    let text = format!(
        "questions:\n  - id: a\n    question: q\n    answer: \"a Django Project+2\"\nextra:\n{}x\n",
        "- ".repeat(60_000)
    );
    let dir = bank("deep.yaml", text.as_bytes());
    assert_findings(dir.path(), "deep.yaml", &["schema/parse-error"]);
    let (json, _) = check_json(dir.path(), &["deep.yaml"]);
    let message = json["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("nested more than") && message.len() < 200, "{message}");
    for mode in ["--fix", "--diff"] {
        let run = common::djlint(dir.path(), &["check", mode, "deep.yaml"]);
        // --fix fails on the finding; --diff has nothing to change.
        assert_eq!(run.code, if mode == "--fix" { 1 } else { 0 }, "{mode}: {}", run.stderr);
        assert!(!run.stderr.contains("overflow") && !run.stderr.contains("panicked"), "{mode}: {}", run.stderr);
    }
    assert_eq!(std::fs::read_to_string(dir.path().join("deep.yaml")).unwrap(), text);
}

#[test]
fn second_document_in_a_file() {
    let dir = bank("two.yaml", format!("{GOOD}---\n{}", GOOD.replace("good-1", "two-1")).as_bytes());
    let (json, _) = check_json(dir.path(), &["."]);
    assert_eq!(rules_of(&json), ["schema/parse-error"]);
    assert!(json["diagnostics"][0]["message"].as_str().unwrap().contains("second"));
}

/// Seeded random text made of YAML's significant pieces: whatever comes
/// in, loading and validation return findings, never a panic.
#[test]
fn random_yaml_like_input_never_panics() {
    let pieces = [
        "questions:",
        "\n",
        "\n  ",
        "  - ",
        "id: ",
        "question: ",
        "answer: ",
        "|",
        ">-",
        "|+2",
        "\"",
        "'",
        "\\",
        "\\u00e9",
        "&a ",
        "*a",
        "!!str ",
        "[",
        "]",
        "{",
        "}",
        ", ",
        ": ",
        "# c",
        "é",
        "日本",
        "\t",
        "\r\n",
        "---\n",
        "tags: ",
        "- x",
        "sources: ",
        "https://x.org",
        "~",
        "true",
        "42",
    ];
    let config = common::config();
    let mut rng = djlint::corpus::Rng::new(11);
    let mut answers = 0;
    for i in 0..6000 {
        // Half start as a real question, so validation and text maps run too.
        let prefix = if i % 2 == 0 { "questions:\n  - id: a\n    question: q\n    answer: " } else { "" };
        let text: String = prefix.chars().chain((0..rng.below(40)).flat_map(|_| rng.pick(&pieces).chars())).collect();
        let outcome = djlint::check_texts(&[("r.yaml".into(), text.clone())], &config);
        for f in &outcome.findings {
            assert!(f.span.end <= text.len() && text.is_char_boundary(f.span.start), "{f:?} in {text:?}");
        }
        for q in &outcome.bank.questions {
            if let Some(a) = &q.answer {
                answers += 1;
                let s = a.span_of(&text, 0..a.value.len());
                assert!(s.start <= s.end && s.end <= text.len(), "{text:?}");
            }
        }
    }
    assert!(answers > 50, "too few texts reached validation: {answers}");
}

/// Prose made of pieces that the text rules look at (brackets, digits,
/// links, code, option labels, multi-byte punctuation next to all of them)
/// never makes a rule panic or label outside the text.
#[test]
fn random_prose_never_panics() {
    let pieces = [
        "Django",
        "[1]",
        "[2][3]",
        "。",
        "、",
        "’",
        "“",
        "”",
        "—",
        "é",
        "日本",
        "(",
        ")",
        ":",
        "?",
        "??",
        "+1",
        "+15",
        "Project",
        "https://x.org/a_(b)",
        "](",
        "![",
        "[",
        "]",
        "`",
        "```",
        "\n",
        "\n\n",
        "# ",
        "A.",
        "b)",
        "(c)",
        "A, C",
        "NotesNotes",
        " ",
        " the",
        " of",
        ",",
        ".",
        "Sure, here are",
        "(NOT SURE)",
        "Python 3.12",
        "4.2",
        "in 2025",
        "as of 2022+",
        "ht tp",
        "unit test",
        "Table of Contents",
        "- ",
        "> ",
        "|",
        "x->y",
        "$",
        "_",
        "Source:",
        "Reference: [x](https://y.z)",
        "?utm_source=a",
        "TODO",
        "{topic}",
        "🎉",
        "\t",
        "ü",
        "Ж",
    ];
    let config = common::config();
    let mut rng = djlint::corpus::Rng::new(29);
    for _ in 0..3000 {
        let mut prose = || -> String {
            let s: String = (0..1 + rng.below(30)).map(|_| *rng.pick(&pieces)).collect();
            s.lines().map(|l| format!("      {l}\n")).collect::<String>()
        };
        let (question, answer) = (prose(), prose());
        let text = format!(
            "questions:\n  - id: a\n    question: |\n{question}    answer: |\n{answer}  - id: b\n    question: |\n{question}    answer: |\n{answer}"
        );
        let outcome = djlint::check_texts(&[("r.yaml".into(), text.clone())], &config);
        for f in &outcome.findings {
            assert!(
                f.span.end <= text.len() && text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end),
                "{f:?} in {text:?}"
            );
        }
    }
}

/// A bank written as one line (valid YAML flow style) with findings far
/// past column 65,535: every output format reports them, none panics.
#[test]
fn findings_on_very_long_lines_render_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, target) in [("line70k.yaml", 70_000), ("line1m.yaml", 1_000_000)] {
        let mut questions = Vec::new();
        let mut len = 0;
        let mut i = 0;
        while len < target {
            let q = format!(
                "{{\"id\": \"q{i}\", \"question\": \"What does setting number {i} of the project do?\", \"answer\": \"It sets value {i} of the configuration, which the server reads at start-up.\"}}"
            );
            len += q.len() + 2;
            questions.push(q);
            i += 1;
        }
        // Findings at the very end of the line: a placeholder and a copy.
        questions.push(
            "{\"id\": \"late\", \"question\": \"TODO: what is this?\", \"answer\": \"It is the last setting of all.\"}"
                .into(),
        );
        questions.push(questions[0].replace("\"q0\"", "\"late-copy\""));
        let text = format!("{{\"questions\": [{}]}}\n", questions.join(", "));
        assert!(text.len() > target);
        std::fs::write(tmp.path().join(name), &text).unwrap();
        for format in ["human", "concise", "json", "sarif", "github", "junit"] {
            let run = common::djlint(tmp.path(), &["check", name, "--format", format]);
            assert_eq!(run.code, 1, "{name} {format}: {}", run.stderr);
            assert!(!run.stderr.contains("panicked"), "{name} {format}: {}", run.stderr);
            assert!(run.stdout.contains("placeholder") || run.stdout.contains("TODO"), "{name} {format}");
        }
        let human = common::djlint(tmp.path(), &["check", name]);
        // The place is shown in a window of its line, under its real line.
        assert!(human.stdout.contains(&format!("[{name}:1:")), "{}", &human.stdout[..2000.min(human.stdout.len())]);
        assert!(human.stdout.lines().all(|l| l.chars().count() < 2_000), "{name}: a line was not windowed");
    }
}

/// A text full of one kind of junk is listed 50 findings at a time, with
/// a word about the rest; `--fix` still removes all of it.
#[test]
fn a_question_lists_at_most_fifty_findings_of_one_rule() {
    let body: Vec<String> = (0..120).map(|i| format!("Django[{}] runs job {i}.", i % 9 + 1)).collect();
    let text = format!("questions:\n  - id: a\n    question: What is it?\n    answer: \"{}\"\n", body.join(" "));
    let dir = bank("many.yaml", text.as_bytes());
    let run = djlint(dir.path(), &["check", "--format", "concise", "many.yaml"]);
    let lines: Vec<&str> = run.stdout.lines().filter(|l| l.contains("footnote-marker")).collect();
    assert_eq!(lines.len(), 50, "{}", run.stdout);
    assert!(lines[49].contains("70 more of these in this question are not listed"), "{}", lines[49]);
    let fix = djlint(dir.path(), &["check", "--fix", "--format", "concise", "many.yaml"]);
    assert!(fix.stderr.contains("fixed 120 findings"), "{}", fix.stderr);
    assert!(!std::fs::read_to_string(dir.path().join("many.yaml")).unwrap().contains('['));
}

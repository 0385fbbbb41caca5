//! The command line: output formats (snapshots), exit codes, config, docs.

mod common;

use common::{check_json, djlint, root};

fn demo(format: &str) -> common::Run {
    djlint(&root(), &["check", "fixtures/demo", "--format", format])
}

#[test]
fn demo_human_output() {
    let run = demo("human");
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn demo_concise_output() {
    let run = demo("concise");
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn demo_json_output() {
    let run = demo("json");
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

/// The JSON contract, version 1: exactly these keys, with these types.
#[test]
fn json_contract_v1() {
    let (json, _) = check_json(&root(), &["fixtures/demo"]);
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&json), ["diagnostics", "summary", "tool", "version"]);
    assert_eq!(json["version"], 1);
    assert_eq!(json["tool"]["name"], "djlint");
    assert_eq!(keys(&json["summary"]), ["errors", "files", "infos", "questions", "warnings"]);
    let diags = json["diagnostics"].as_array().unwrap();
    assert!(!diags.is_empty());
    for d in diags {
        assert_eq!(
            keys(d),
            [
                "column",
                "end_column",
                "end_line",
                "family",
                "file",
                "fix",
                "help",
                "line",
                "message",
                "question_id",
                "related",
                "rule",
                "severity",
                "span"
            ]
        );
        assert_eq!(d["family"].as_str().unwrap(), d["rule"].as_str().unwrap().split('/').next().unwrap());
        assert!(["error", "warning", "info"].contains(&d["severity"].as_str().unwrap()));
        assert!(!d["file"].as_str().unwrap().contains('\\'));
        assert!(d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1);
        assert!(d["question_id"].is_null() || d["question_id"].is_string());
        for r in d["related"].as_array().unwrap() {
            assert_eq!(keys(r), ["column", "file", "line", "message", "question_id", "span"]);
        }
        if !d["fix"].is_null() {
            for e in d["fix"].as_array().unwrap() {
                assert_eq!(keys(e), ["replacement", "span"]);
            }
        }
    }
    // Sorted by file, then position.
    let order: Vec<(String, u64)> =
        diags.iter().map(|d| (d["file"].as_str().unwrap().to_owned(), d["span"]["start"].as_u64().unwrap())).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    // The duplicate id names its first definition, in the other file.
    let dup = diags.iter().find(|d| d["rule"] == "schema/duplicate-id").unwrap();
    assert_eq!(dup["file"], "fixtures/demo/security.yaml");
    assert_eq!(dup["related"][0]["file"], "fixtures/demo/orm.yaml");
    assert_eq!(dup["related"][0]["line"], 3);
    let s = &json["summary"];
    assert_eq!(s["errors"].as_u64().unwrap() as usize, diags.iter().filter(|d| d["severity"] == "error").count());
}

#[test]
fn columns_count_characters_not_bytes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), "questions:\n  - {question: «é», answer: x, id: \"É\"}\n").unwrap();
    let (json, _) = check_json(dir.path(), &["."]);
    let d = &json["diagnostics"][0];
    assert_eq!(d["rule"], "schema/invalid-id");
    // `«` and `é` take two bytes each: byte counting would say 39.
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(2), Some(36)));
    assert_eq!(d["end_column"].as_u64(), Some(39));
}

#[test]
fn exit_codes() {
    assert_eq!(djlint(&root(), &["check", "fixtures/clean"]).code, 0);
    assert_eq!(djlint(&root(), &["check", "fixtures/demo"]).code, 1);
    assert_eq!(djlint(&root(), &["check", "fixtures/demo", "--fail-on", "never"]).code, 0);
    // no-questions is a warning: it fails at the default threshold, not at `error`.
    let nq = "fixtures/schema/no-questions";
    assert_eq!(djlint(&root(), &["check", nq]).code, 1);
    assert_eq!(djlint(&root(), &["check", nq, "--fail-on", "error"]).code, 0);
    let missing = djlint(&root(), &["check", "no/such/path"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("path not found: no/such/path"), "{}", missing.stderr);
    assert_eq!(djlint(&root(), &["check", "--format", "xml"]).code, 2);
    assert_eq!(djlint(&root(), &["check", "--fail-on", "sometimes"]).code, 2);
    assert_eq!(djlint(&root(), &["check", "--select", "schema/nope"]).code, 2);
}

#[test]
fn select_and_ignore_flags() {
    let (json, _) = check_json(&root(), &["fixtures/demo", "--select", "schema/duplicate-id,schema/invalid-id"]);
    let rules = common::rules_of(&json);
    assert_eq!(rules, ["schema/duplicate-id", "schema/invalid-id"]);
    let (json, _) = check_json(&root(), &["fixtures/demo", "--ignore", "schema,stale"]);
    assert_eq!(common::rules_of(&json), ["noise/citation-chip", "noise/tracking-param"]);
    let (json, _) = check_json(&root(), &["fixtures/demo", "--ignore", "schema,noise,stale"]);
    assert!(common::rules_of(&json).is_empty());
}

#[test]
fn config_file_is_found_upward_and_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("content/orm");
    std::fs::create_dir_all(&bank).unwrap();
    std::fs::write(
        dir.path().join("djlint.toml"),
        "ignore = [\"schema/invalid-level\"]\nexclude = [\"content/drafts/**\"]\n[severity]\n\"schema/invalid-id\" = \"info\"\n[schema]\nlevels = [\"junior\", \"senior\"]\n",
    )
    .unwrap();
    std::fs::write(
        bank.join("a.yaml"),
        "questions:\n  - id: A\n    question: q?\n    answer: a.\n    level: expert\n  - id: b\n    question: r?\n    answer: b.\n    level: junior\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("content/drafts")).unwrap();
    std::fs::write(dir.path().join("content/drafts/d.yaml"), "title: draft\n").unwrap();
    // Run from inside the bank: the config two folders up applies.
    let (json, run) = check_json(&bank, &["."]);
    assert_eq!(common::rules_of(&json), ["schema/invalid-id"]);
    assert_eq!(json["diagnostics"][0]["severity"], "info");
    assert_eq!(run.code, 0, "an info finding does not fail the run");
    // From the top, the excluded draft folder is skipped.
    let (json, _) = check_json(dir.path(), &["content"]);
    assert_eq!(json["summary"]["files"], 1);
    // ...unless it is named explicitly.
    let (json, _) = check_json(dir.path(), &["content/drafts/d.yaml"]);
    assert_eq!(common::rules_of(&json), ["schema/no-questions"]);
    // --ignore replaces the config's list; --no-config drops the file.
    let (json, _) = check_json(&bank, &[".", "--ignore", "schema/invalid-id"]);
    assert_eq!(common::rules_of(&json), ["schema/invalid-level"]);
    let (json, _) = check_json(&bank, &[".", "--no-config"]);
    assert_eq!(common::rules_of(&json), ["schema/invalid-id", "schema/invalid-level", "schema/invalid-level"]);
}

#[test]
fn bad_config_is_exit_2_with_a_pointer_into_the_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("djlint.toml"), "select = [\"schema\"]\nfail-on = \"loud\"\n").unwrap();
    let run = djlint(dir.path(), &["check", "."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("djlint.toml:2:11"), "{}", run.stderr);
    assert!(run.stderr.contains("fail-on = \"loud\""), "{}", run.stderr);

    std::fs::write(dir.path().join("djlint.toml"), "[schema]\nlevles = [\"a\"]\n").unwrap();
    let run = djlint(dir.path(), &["check", "."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("djlint.toml:2:1") && run.stderr.contains("unknown field"), "{}", run.stderr);

    let run = djlint(dir.path(), &["check", ".", "--config", "missing.toml"]);
    assert_eq!(run.code, 2);
}

#[test]
fn rules_and_explain() {
    let list = djlint(&root(), &["rules"]);
    assert_eq!(list.code, 0);
    for rule in djlint::rules::all() {
        assert!(list.stdout.contains(rule.id), "{} missing from `djlint rules`", rule.id);
        let explain = djlint(&root(), &["explain", rule.id]);
        assert_eq!(explain.code, 0);
        assert!(explain.stdout.contains("Bad:") && explain.stdout.contains("Good:"), "{}", rule.id);
        assert!(explain.stdout.contains(rule.summary));
    }
    let unknown = djlint(&root(), &["explain", "schema/unknwon-field"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("did you mean `schema/unknown-field`?"), "{}", unknown.stderr);
}

#[test]
fn docs_rules_md_is_generated_from_the_registry() {
    let generated = djlint(&root(), &["rules", "--format", "markdown"]).stdout;
    let committed = std::fs::read_to_string(root().join("docs/rules.md")).unwrap_or_default();
    assert!(
        generated == committed,
        "docs/rules.md is stale: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
}

#[test]
fn schema_command_prints_json_schema() {
    let run = djlint(&root(), &["schema"]);
    assert_eq!(run.code, 0);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(schema["properties"]["questions"]["items"]["required"], serde_json::json!(["id", "question", "answer"]));
}

//! What teams need to run djlint in CI: SARIF, GitHub annotations and step
//! summary, JUnit, statistics, inline suppressions and baselines.

mod common;

use std::path::Path;
use std::process::Command;

use common::{check_json, djlint, root, rules_of};
use serde_json::Value;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// Run djlint with the given environment additions.
fn run_env(cwd: &Path, args: &[&str], env: &[(&str, &Path)]) -> (String, i32) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_djlint"));
    cmd.args(args).current_dir(cwd).env("NO_COLOR", "1").env_remove("GITHUB_STEP_SUMMARY");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (String::from_utf8_lossy(&out.stdout).into_owned(), out.status.code().unwrap_or(-1))
}

fn sarif(cwd: &Path, args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let run = djlint(cwd, &all);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

#[test]
fn sarif_describes_every_rule_and_locates_every_finding() {
    let doc = sarif(&root(), &["fixtures/demo", "fixtures/duplicate/cross-file"]);
    let (json, _) = check_json(&root(), &["fixtures/demo", "fixtures/duplicate/cross-file"]);
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), djlint::rules::all().count());
    for r in rules {
        assert!(r["shortDescription"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(r["help"]["markdown"].as_str().unwrap().contains("**Bad**"));
    }
    let results = run["results"].as_array().unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    for (r, d) in results.iter().zip(diagnostics) {
        assert_eq!(r["ruleId"], d["rule"]);
        assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"], d["rule"]);
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], d["line"]);
        assert_eq!(region["startColumn"], d["column"]);
        assert_eq!(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], d["file"]);
        assert!(r["partialFingerprints"]["djlint/v1"].as_str().is_some_and(|f| f.len() == 16));
    }
    // Duplicates carry the earlier copy as a related location.
    let dup = results.iter().find(|r| r["ruleId"].as_str().unwrap().starts_with("duplicate/")).expect("a duplicate");
    assert!(dup["relatedLocations"][0]["physicalLocation"]["region"]["startLine"].as_u64().is_some());
}

/// GitHub code scanning's documented limits: 20 runs per file, 25,000
/// results and rules per run, 1,000 locations per result, 20 tags per
/// rule, 10 MB gzip-compressed.
#[test]
fn sarif_stays_within_github_upload_limits() {
    let tmp = tempfile::tempdir().unwrap();
    // A bank with more findings than a run may hold: 26,000 placeholders.
    let mut text = String::from("questions:\n");
    for i in 0..13_000 {
        text.push_str(&format!("  - id: q{i}\n    question: TODO {i}?\n    answer: TODO, then TBD {i}.\n"));
    }
    write(tmp.path(), "big.yaml", &text);
    let doc = sarif(tmp.path(), &["big.yaml", "--select", "unclear/placeholder,schema"]);
    let runs = doc["runs"].as_array().unwrap();
    assert!(runs.len() <= 20);
    for run in runs {
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 25_000, "cut to the limit");
        assert!(run["tool"]["driver"]["rules"].as_array().unwrap().len() <= 25_000);
        for r in run["tool"]["driver"]["rules"].as_array().unwrap() {
            assert!(r["properties"]["tags"].as_array().unwrap().len() <= 20);
        }
        for r in results {
            let n = r["locations"].as_array().unwrap().len() + r["relatedLocations"].as_array().map_or(0, Vec::len);
            assert!(n <= 1_000);
        }
    }
    let file = tmp.path().join("out.sarif");
    std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
    let compressed = Command::new("gzip").arg("-c").arg(&file).output().unwrap().stdout;
    assert!(compressed.len() < 10 * 1024 * 1024, "{} bytes gzipped", compressed.len());
}

#[test]
fn sarif_fingerprints_survive_moving_questions() {
    let tmp = tempfile::tempdir().unwrap();
    let a = "questions:\n  - id: a\n    question: \"TODO: what is here?\"\n    answer: A placeholder answer for the test.\n  - id: b\n    question: What is b?\n    answer: TBD\n";
    let b = "questions:\n  - id: new\n    question: A new question first?\n    answer: It shifts every line of the file down.\n  - id: b\n    question: What is b?\n    answer: TBD\n  - id: a\n    question: \"TODO: what is here?\"\n    answer: A placeholder answer for the test.\n";
    let prints = |text: &str| -> Vec<String> {
        write(tmp.path(), "q.yaml", text);
        let doc = sarif(tmp.path(), &["q.yaml", "--select", "unclear/placeholder"]);
        let mut v: Vec<String> = doc["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partialFingerprints"]["djlint/v1"].as_str().unwrap().to_owned())
            .collect();
        v.sort();
        v
    };
    let before = prints(a);
    assert_eq!(before.len(), 2);
    assert_eq!(before, prints(b));
}

#[test]
fn github_annotations_escape_and_come_most_important_first() {
    let tmp = tempfile::tempdir().unwrap();
    // A path with a comma and a colon; a message with %, a comma, a colon
    // (the unknown field's name) and a newline (before the help).
    write(
        tmp.path(),
        "a,b:c.yaml",
        "questions:\n  - id: q1\n    question: What is X?\n    answer: It is a thing that does a job well enough here.\n    \"50%, a:b\": x\n  - id: q2\n    question: \"TBD: why?\"\n    answer: TBD because the rest of the answer is missing here.\n",
    );
    let (out, code) = run_env(
        tmp.path(),
        &["check", ".", "--format", "github", "--select", "schema/unknown-field,unclear/placeholder"],
        &[],
    );
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "::error file=a%2Cb%3Ac.yaml,line=5,col=5,endLine=5,endColumn=15,title=schema/unknown-field::unknown field `50%25, a:b` (question `q1`)"
    );
    assert!(lines[1].starts_with("::error file=a%2Cb%3Ac.yaml,line=7,"), "{}", lines[1]);
    assert!(lines[1].contains("title=unclear/placeholder::"), "{}", lines[1]);
    assert!(lines[1].contains(" (question `q2`)%0Ahelp: ") && !lines[1].contains('\n'), "{}", lines[1]);
    assert!(lines.last().unwrap().starts_with("djlint: 3 errors, 0 warnings"), "{out}");
}

#[test]
fn github_format_writes_a_step_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let summary = tmp.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let (out, code) = run_env(
        &root(),
        &["check", "fixtures/demo", "--format", "github", "--as-of", "2026-11-21"],
        &[("GITHUB_STEP_SUMMARY", &summary)],
    );
    assert_eq!(code, 1);
    // Errors before warnings, whatever the file order.
    let kinds: Vec<&str> =
        out.lines().filter_map(|l| l.strip_prefix("::")).map(|l| l.split(' ').next().unwrap()).collect();
    let first_warning = kinds.iter().position(|k| *k == "warning").unwrap();
    assert!(
        kinds[..first_warning].iter().all(|k| *k == "error") && kinds[first_warning..].iter().all(|k| *k != "error")
    );
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("earlier step\n## djlint\n"), "appends: {md}");
    assert!(md.contains("| schema | 9 | 0 | 0 |") && md.contains("| stale | 0 | 3 | 0 |"), "{md}");
    assert!(md.contains("### Top files") && md.contains("| `fixtures/demo/orm.yaml` |"), "{md}");
    // The lowest severity has one name in every report meant for people.
    assert!(md.contains("| Family | Errors | Warnings | Infos |") && md.contains(" infos in "), "{md}");
    assert!(!md.to_lowercase().contains("notice") && !md.to_lowercase().contains("advice"), "{md}");
    assert_eq!(md.matches("\n| error | `").count() + md.matches("\n| warning | `").count(), kinds.len());
}

#[test]
fn junit_has_a_case_per_finding_and_per_clean_file() {
    let run = djlint(&root(), &["check", "fixtures/demo", "fixtures/clean", "--format", "junit"]);
    let (json, _) = check_json(&root(), &["fixtures/demo", "fixtures/clean"]);
    let findings = json["diagnostics"].as_array().unwrap().len();
    let xml = &run.stdout;
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"djlint\""));
    assert_eq!(xml.matches("<failure ").count(), findings);
    assert_eq!(xml.matches("<testsuite ").count(), json["summary"]["files"].as_u64().unwrap() as usize);
    assert!(xml.contains("<testcase name=\"no findings\" classname=\"fixtures/clean/"));
    assert_eq!(xml.matches("<testsuite ").count(), xml.matches("</testsuite>").count());
    assert!(!xml.contains("`anwser`\n"), "newlines in attributes are escaped");
}

#[test]
fn statistics_count_findings_per_rule() {
    let run = djlint(&root(), &["check", "fixtures/demo", "--statistics"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].contains("count") && lines[0].contains("rule"));
    assert!(
        lines.iter().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["1", "noise/citation-chip", "warning", "1"]),
        "{}",
        run.stdout
    );
    assert_eq!(lines.last().unwrap().split_whitespace().collect::<Vec<_>>(), ["14", "total"]);
}

const SUPPRESSED: &str = "# djlint: ignore[noise] scraped file, cleaned in a later pass\nquestions:\n  # djlint: ignore[unclear/placeholder] filled in next sprint\n  - id: a\n    question: \"TODO: what?\"\n    answer: TBD and Django Project+2Stack Overflow+1\n  - id: b\n    question: What is b?\n    answer: TBD\n";

#[test]
fn suppressions_silence_a_question_or_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "q.yaml", SUPPRESSED);
    let (json, _) = check_json(tmp.path(), &["q.yaml", "--select", "unclear/placeholder,noise,schema"]);
    let found: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap().to_owned(), d["question_id"].as_str().unwrap_or("").to_owned()))
        .collect();
    // a's placeholders and the file's noise are silenced; b's placeholder is not.
    assert_eq!(found, [("unclear/placeholder".to_owned(), "b".to_owned())]);
}

#[test]
fn suppressions_that_silence_nothing_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "questions:\n  # djlint: ignore[unclear/placeholder, stale/not-lts, house/none] no longer needed\n  - id: a\n    question: What is the ORM?\n    answer: It maps model classes to tables and turns QuerySet calls into SQL.\n  - id: b\n    question: What is b?\n    answer: It is the second question of this small test file.\n# djlint: ignore[noise] in the wrong place\n";
    write(tmp.path(), "q.yaml", text);
    let (json, run) = check_json(tmp.path(), &["q.yaml"]);
    assert_eq!(run.code, 1);
    let messages: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let (s, e) = (d["span"]["start"].as_u64().unwrap() as usize, d["span"]["end"].as_u64().unwrap() as usize);
            (text[s..e].to_owned(), d["message"].as_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(rules_of(&json), ["schema/unused-suppression"; 4]);
    assert_eq!(
        messages[0],
        ("unclear/placeholder".into(), "the suppression of `unclear/placeholder` matches no finding".into())
    );
    assert_eq!(messages[1].0, "stale/not-lts");
    assert_eq!(messages[2], ("house/none".into(), "`house/none` in this suppression is not a rule or family".into()));
    assert!(messages[3].0.starts_with("# djlint: ignore[noise]") && messages[3].1.contains("not on a question"));
    // A rule that is not run cannot be used: not reported.
    let (json, _) = check_json(tmp.path(), &["q.yaml", "--ignore", "unclear,stale"]);
    assert_eq!(rules_of(&json), ["schema/unused-suppression"; 2]);
}

#[test]
fn a_baseline_hides_known_findings_and_survives_reordering() {
    let tmp = tempfile::tempdir().unwrap();
    let a = "questions:\n  - id: a\n    question: What is a?\n    answer: TODO write this answer about the first thing.\n  - id: b\n    question: What is b?\n    answer: TBD\n";
    write(tmp.path(), "q.yaml", a);
    let run = djlint(
        tmp.path(),
        &["check", "q.yaml", "--write-baseline", "baseline.json", "--select", "unclear/placeholder"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("wrote 2 findings to baseline.json"));
    let baseline: Value =
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join("baseline.json")).unwrap()).unwrap();
    assert_eq!(baseline["findings"].as_array().unwrap().len(), 2);
    assert!(!baseline.to_string().contains("\"line\""), "no line numbers");
    let check = |args: &[&str]| {
        let mut all = vec!["q.yaml", "--baseline", "baseline.json", "--select", "unclear/placeholder"];
        all.extend_from_slice(args);
        check_json(tmp.path(), &all)
    };
    let (json, run) = check(&[]);
    assert_eq!((rules_of(&json).len(), run.code), (0, 0));
    assert!(run.stderr.contains("2 findings hidden by the baseline"));
    // Reordered, with a new question first that shifts every line.
    let b = "questions:\n  - id: c\n    question: What is c?\n    answer: FIXME\n  - id: b\n    question: What is b?\n    answer: TBD\n  - id: a\n    question: What is a?\n    answer: TODO write this answer about the first thing.\n";
    write(tmp.path(), "q.yaml", b);
    let (json, run) = check(&[]);
    let ids: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["question_id"].as_str().unwrap()).collect();
    assert_eq!((ids, run.code), (vec!["c"], 1));
    // Changing the flagged text makes it a new finding.
    write(tmp.path(), "q.yaml", &a.replace("answer: TBD", "answer: FIXME"));
    let (json, _) = check(&[]);
    let ids: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["question_id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["b"]);
    // A file that is not a baseline is an error, not an empty baseline.
    write(tmp.path(), "bad.json", "{\"version\": 9, \"findings\": []}");
    let run = djlint(tmp.path(), &["check", "q.yaml", "--baseline", "bad.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("version 9 is not supported"), "{}", run.stderr);
}

/// The suppression example in the README silences what it says, and
/// nothing is left over.
#[test]
fn readme_suppression_example_is_clean() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme.find("```yaml\n# djlint: ignore[noise]").expect("the example") + "```yaml\n".len();
    let example = &readme[start..start + readme[start..].find("```").unwrap()];
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "q.yaml", example);
    let (json, _) = check_json(tmp.path(), &["q.yaml"]);
    assert!(rules_of(&json).is_empty(), "{json:#}");
    let (json, _) = check_json(tmp.path(), &["q.yaml", "--select", "unclear,schema"]);
    assert!(rules_of(&json).is_empty(), "{json:#}");
    write(
        tmp.path(),
        "q.yaml",
        &example.replace("  # djlint: ignore[unclear/too-short] a one-line answer is the point here\n", ""),
    );
    let (json, _) = check_json(tmp.path(), &["q.yaml"]);
    assert_eq!(rules_of(&json), ["unclear/too-short"]);
}

/// `djlint hook` takes options first and file names last, as pre-commit
/// passes them, and checks the files against the whole bank.
#[test]
fn hook_checks_the_named_files_against_the_bank() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("content")).unwrap();
    let old = "questions:\n  - id: orm\n    question: What does the Django ORM do for a project?\n    answer: It maps model classes to database tables and turns QuerySet calls into SQL queries.\n  - id: old\n    question: \"TBD: why?\"\n    answer: TBD\n";
    let new = "questions:\n  - id: orm-copy\n    question: What does the Django ORM do for a project?\n    answer: It maps model classes to database tables and turns QuerySet calls into SQL queries.\n";
    write(&tmp.path().join("content"), "old.yaml", old);
    write(&tmp.path().join("content"), "new.yaml", new);
    write(tmp.path(), ".pre-commit-config.yaml", "repos: []\n");
    let run = djlint(
        tmp.path(),
        &[
            "hook",
            "--format",
            "concise",
            "--fail-on",
            "error",
            "content/new.yaml",
            ".pre-commit-config.yaml",
            "gone.yaml",
        ],
    );
    assert_eq!(run.code, 0, "a warning does not fail with --fail-on error: {}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert!(lines[0].starts_with("content/new.yaml:3:15: warning[duplicate/exact]"), "{}", run.stdout);
    let run = djlint(tmp.path(), &["hook", "content/new.yaml"]);
    assert_eq!(run.code, 1);
    // Nothing to check: nothing to report.
    let run = djlint(tmp.path(), &["hook"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
}

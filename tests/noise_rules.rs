//! Noise rules and rule packs: every pack example holds through the whole
//! check, each rule labels exactly the junk in its fixture, the clean
//! fixture is silent, and user packs load, fire and fail loudly.

mod common;

use common::{check_json, djlint, root, rules_of};
use djlint::config::Config;
use djlint::packs::{self, Packs};

fn rules_fired(text: &str, config: &Config) -> Vec<String> {
    let outcome = djlint::check_texts(&[("example.yaml".into(), text.into())], config);
    outcome.findings.iter().map(|f| f.rule.to_string()).collect()
}

/// The examples of every built-in pack entry, run through the whole check
/// (refinements, code detection and all), not just the patterns.
#[test]
fn every_pack_example_behaves_as_documented() {
    let config = common::config();
    let packs = Packs::builtin();
    assert!(!packs.entries.is_empty());
    let mut wrong = Vec::new();
    for e in &packs.entries {
        let id = e.rule.id;
        for bad in &e.examples.bad {
            let fired = rules_fired(&packs::example_file(e.fields[0], bad), &config);
            if !fired.iter().any(|r| r == id) {
                wrong.push(format!("{id}: bad example {bad:?} does not fire ({fired:?})"));
            }
        }
        for good in &e.examples.good {
            let fired = rules_fired(&packs::example_file(e.fields[0], good), &config);
            if fired.iter().any(|r| r == id) {
                wrong.push(format!("{id}: good example {good:?} fires"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The exact text each rule labels in its fixture, in order.
const EXPECTED: &[(&str, &[&str])] = &[
    (
        "citation-chip",
        &[
            "Django Project+15Simplilearn.com+15YouTube+15GeeksforGeeks+1",
            "Medium+1Django Project+1",
            "Real Python+3 Stack Overflow+1",
            // After two spaces, the whole name goes, not its last word.
            "Django Project+2",
        ],
    ),
    (
        "ai-citation-marker",
        &[
            "【4†source】",
            ":contentReference[oaicite:3]{index=3}",
            "citeturn0search1turn0news2",
            "\\uE200cite\\uE202turn0search0\\uE201",
        ],
    ),
    ("inline-citation", &["Cite: see the Django docs and a tutorial site", "Sources: Django docs, a blog post"]),
    ("tracking-param", &["utm_source=chatgpt.com", "utm_source=chatgpt.com", "utm_medium=chat", "fbclid=IwAR0xyz"]),
    ("promo", &["Open PrepPal AI and rehearse these questions", "ace your next interview", "Download the app"]),
    ("extraction-artifact", &["ht tp", "Djan go", "unique=TrueUniqueConstraint"]),
    ("footnote-marker", &["[1]", "[2][3]", "[4]"]),
    ("nav-residue", &["⬆ Back to Top", "Table of contents", "Read more »", "Explore all 70 answers here 👉"]),
    (
        "chat-preamble",
        &[
            "Sure, here are two more questions about AWS services with explanations.",
            "I'll analyze the rest of the quiz and provide two more questions in the same format.",
            "I hope this helps!",
        ],
    ),
    (
        "doubled-text",
        &[
            "Notes",
            "Which command lists the management commands of a project?",
            "It caches the whole response of a view.",
        ],
    ),
];

#[test]
fn each_noise_rule_labels_exactly_the_junk_in_its_fixture() {
    let dir = root().join("fixtures/noise");
    for (name, expected) in EXPECTED {
        let rule = format!("noise/{name}");
        let (json, run) = check_json(&dir.join(name), &["."]);
        assert_eq!(run.code, 1, "{rule}: {}", run.stderr);
        let text = std::fs::read_to_string(dir.join(name).join("bank.yaml")).unwrap();
        let mut labelled = Vec::new();
        for d in json["diagnostics"].as_array().unwrap() {
            assert_eq!(d["rule"], rule.as_str(), "{rule} fixture also produced {d}");
            let (start, end) =
                (d["span"]["start"].as_u64().unwrap() as usize, d["span"]["end"].as_u64().unwrap() as usize);
            labelled.push(&text[start..end]);
        }
        assert_eq!(labelled, *expected, "{rule}");
    }
    // Every noise rule has a fixture here.
    for e in Packs::builtin().entries.iter().filter(|e| e.rule.family() == "noise") {
        assert!(EXPECTED.iter().any(|(n, _)| format!("noise/{n}") == e.rule.id), "{} has no fixture", e.rule.id);
    }
}

#[test]
fn clean_fixture_with_code_arithmetic_and_quotes_has_no_findings() {
    let (json, run) = check_json(&root().join("fixtures/noise/clean"), &["."]);
    assert!(json["summary"]["questions"].as_u64().unwrap() >= 40);
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0, "{}", run.stdout);
    assert_eq!(run.code, 0);
}

/// A copy of fixtures/noise-fix in a temporary folder, optionally with CRLF line ends.
fn fix_copy(crlf: bool) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let crlf_of = |s: String| if crlf { s.replace('\n', "\r\n") } else { s };
    let original = crlf_of(std::fs::read_to_string(root().join("fixtures/noise-fix/bank.yaml")).unwrap());
    let expected = crlf_of(std::fs::read_to_string(root().join("fixtures/noise-fix/expected.yaml")).unwrap());
    let path = dir.path().join("bank.yaml");
    std::fs::write(&path, &original).unwrap();
    (dir, path, expected)
}

#[test]
fn fix_removes_only_the_junk_and_keeps_every_other_byte() {
    for crlf in [false, true] {
        let (dir, path, expected) = fix_copy(crlf);
        let before = std::fs::read_to_string(&path).unwrap();
        let run = djlint(dir.path(), &["check", "--fix", "--format", "concise", "."]);
        let after = std::fs::read_to_string(&path).unwrap();
        assert_eq!(after, expected, "crlf={crlf}: {}", run.stderr);
        assert!(run.stderr.contains("fixed 9 findings in 1 file"), "{}", run.stderr);
        // What cannot be fixed safely is still reported, and fails the run.
        assert!(run.stdout.contains("noise/inline-citation") && run.code == 1, "{}", run.stdout);
        assert!(!run.stdout.contains("noise/tracking-param"), "{}", run.stdout);

        // The data is the same apart from the removed text.
        let config = common::config();
        let old = djlint::check_texts(&[("a.yaml".into(), before)], &config).bank;
        let new = djlint::check_texts(&[("a.yaml".into(), after.clone())], &config).bank;
        assert_eq!(old.questions.len(), new.questions.len());
        for (a, b) in old.questions.iter().zip(&new.questions) {
            let level = |q: &djlint::bank::Question| q.level.as_ref().map(|l| l.value.clone());
            let tags = |q: &djlint::bank::Question| q.tags.iter().map(|t| t.value.clone()).collect::<Vec<_>>();
            assert_eq!((a.id(), level(a), tags(a)), (b.id(), level(b), tags(b)));
            assert_eq!(a.question.as_ref().map(|t| &t.value), b.question.as_ref().map(|t| &t.value));
            let (x, y) = (&a.answer.as_ref().unwrap().value, &b.answer.as_ref().unwrap().value);
            assert!(words_in_order(y, x), "{y:?} is not {x:?} with pieces removed");
        }

        // A second --fix has nothing to do.
        let again = djlint(dir.path(), &["check", "--fix", "--format", "concise", "."]);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
        assert!(!again.stderr.contains("fixed"), "{}", again.stderr);
    }
}

/// Whether `short` is `long` with some pieces taken out (every character
/// of `short` appears in `long`, in order).
fn words_in_order(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|d| d == c))
}

#[cfg(unix)]
#[test]
fn fix_replaces_the_file_by_rename_and_leaves_no_temporary_file() {
    use std::os::unix::fs::MetadataExt;
    let (dir, path, _) = fix_copy(false);
    let inode = std::fs::metadata(&path).unwrap().ino();
    djlint(dir.path(), &["check", "--fix", "."]);
    // A new inode: the new text went into another file that was renamed
    // over the old one, so the old file was never half overwritten.
    assert_ne!(std::fs::metadata(&path).unwrap().ino(), inode);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["bank.yaml"]);
}

#[test]
fn diff_shows_the_fix_and_writes_nothing() {
    let (dir, path, expected) = fix_copy(false);
    let before = std::fs::read_to_string(&path).unwrap();
    let run = djlint(dir.path(), &["check", "--diff", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before, "--diff must not write");
    assert!(run.stdout.starts_with("--- a/bank.yaml\n+++ b/bank.yaml\n"), "{}", run.stdout);
    // Applying the diff's lines gives the fixed file: every removed line is
    // in the original, every added line in the expected result.
    for line in run.stdout.lines().skip(2) {
        if let Some(removed) = line.strip_prefix('-') {
            assert!(before.lines().any(|l| l == removed) && !expected.lines().any(|l| l == removed), "{line}");
        } else if let Some(added) = line.strip_prefix('+') {
            assert!(expected.lines().any(|l| l == added), "{line}");
        }
    }
    let clean = djlint(&root().join("fixtures/noise/clean"), &["check", "--diff", "."]);
    assert_eq!((clean.code, clean.stdout.as_str()), (0, ""));
}

#[test]
fn fix_leaves_rules_that_are_not_selected_alone() {
    let (dir, path, _) = fix_copy(false);
    djlint(dir.path(), &["check", "--fix", "--ignore", "noise/footnote-marker,noise/tracking-param", "."]);
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.contains("apps.[1] See") && after.contains("utm_source=chatgpt.com"));
    assert!(!after.contains("GeeksforGeeks+1"));
}

#[test]
fn a_user_pack_adds_rules_that_list_explain_fire_and_fix() {
    let dir = root().join("fixtures/packs/house");
    let listed = djlint(&dir, &["rules"]);
    assert!(listed.stdout.contains("house/first-person") && listed.stdout.contains("house/http-link"));
    let explained = djlint(&dir, &["explain", "house/first-person"]);
    assert!(explained.stdout.contains("I think signals are overused."), "{}", explained.stdout);
    let (json, run) = check_json(&dir, &["."]);
    // The pack file itself is not read as a question file.
    assert_eq!(rules_of(&json), ["house/first-person", "house/http-link"], "{}", run.stdout);
    assert_eq!(json["diagnostics"][0]["severity"], "info");

    let copy = tempfile::tempdir().unwrap();
    for f in ["djlint.toml", "house-style.yaml", "bank.yaml"] {
        std::fs::copy(dir.join(f), copy.path().join(f)).unwrap();
    }
    djlint(copy.path(), &["check", "--fix", "."]);
    let fixed = std::fs::read_to_string(copy.path().join("bank.yaml")).unwrap();
    assert!(fixed.contains("- https://docs.djangoproject.com/en/5.2/ref/csrf/"), "{fixed}");
    // Selecting by the new family works too.
    let (json, _) = check_json(&dir, &["--select", "house/http-link", "."]);
    assert_eq!(rules_of(&json), ["house/http-link"]);
}

#[test]
fn a_broken_user_pack_is_an_error_that_points_into_it() {
    let run = djlint(&root().join("fixtures/packs/broken"), &["check", "."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("invalid rule pack: invalid regular expression"), "{}", run.stderr);
    assert!(run.stderr.contains("broken-pack.yaml:5:16"), "{}", run.stderr);
    assert!(run.stderr.contains("unclosed group"), "{}", run.stderr);

    // An unknown key, and a pack whose bad example does not fire.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("djlint.toml"), "packs = [\"p.yaml\"]\n").unwrap();
    let pack = "rules:\n  - id: house/x\n    summary: s\n    message: m\n    phrases: [foo]\n    examples: {bad: [bar], good: [baz]}\n";
    for (text, says) in [
        (pack.replace("phrases", "phrazes"), "unknown key `phrazes`"),
        (pack.to_owned(), "house/x: the bad example does not fire"),
    ] {
        std::fs::write(dir.path().join("p.yaml"), text).unwrap();
        let run = djlint(dir.path(), &["check", "."]);
        assert_eq!(run.code, 2);
        assert!(run.stderr.contains(says), "{}", run.stderr);
    }
    std::fs::remove_file(dir.path().join("p.yaml")).unwrap();
    let run = djlint(dir.path(), &["check", "."]);
    assert!(run.code == 2 && run.stderr.contains("cannot read rule pack"), "{}", run.stderr);
}

/// The pack example in the README loads and fires.
#[test]
fn readme_pack_example_works() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme.find("## Rule packs").unwrap()..];
    let start = section.find("```yaml\n").unwrap() + 8;
    let pack = &section[start..start + section[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("djlint.toml"), "packs = [\"house.yaml\"]\n").unwrap();
    std::fs::write(dir.path().join("house.yaml"), pack).unwrap();
    std::fs::write(
        dir.path().join("bank.yaml"),
        "questions:\n  - id: a\n    question: Are signals good?\n    answer: IMHO they hide control flow.\n",
    )
    .unwrap();
    let (json, run) = check_json(dir.path(), &["."]);
    assert_eq!(rules_of(&json), ["house/first-person"], "{}", run.stderr);
}

/// `--fix` never empties a field or takes most of it: a value that is all
/// "noise" is a finding for a person. Phrases that are page furniture
/// elsewhere are answers when they are the whole answer. Doubled text loses
/// its second copy. A second run changes nothing.
#[test]
fn fix_never_empties_a_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bank.yaml");
    let original = "questions:\n  - id: toc\n    question: What does a documentation generator build from the headings of every page?\n    answer: Table of Contents\n  - id: more\n    question: Which link text expands a collapsed comment thread on most forums?\n    answer: See more\n  - id: chips\n    question: Where did this answer come from?\n    answer: Django Project+15Simplilearn.com+15YouTube+15\n  - id: teaser\n    question: Where are the other answers?\n    answer: Explore all 70 answers here 👉\n  - id: panes\n    question: In a slide editor, which pane holds the speaker's notes?\n    answer: NotesNotes\n";
    std::fs::write(&path, original).unwrap();
    let run = djlint(dir.path(), &["check", "--fix", "--format", "json", "."]);
    let after = std::fs::read_to_string(&path).unwrap();
    let outcome = djlint::check_texts(&[("bank.yaml".into(), after.clone())], &common::config());
    assert!(outcome.findings.iter().all(|f| !f.rule.starts_with("schema/")), "{after}");
    let answers: Vec<&str> = outcome.bank.questions.iter().map(|q| q.answer.as_ref().unwrap().value.as_str()).collect();
    assert_eq!(
        answers,
        [
            "Table of Contents",
            "See more",
            "Django Project+15Simplilearn.com+15YouTube+15",
            "Explore all 70 answers here 👉",
            "Notes"
        ],
        "{}",
        run.stderr
    );
    // The whole-field junk is still reported, for a person to decide.
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let rules: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"noise/citation-chip") && rules.contains(&"noise/nav-residue"), "{rules:?}");
    assert!(!rules.contains(&"noise/doubled-text"), "{rules:?}");
    let again = djlint(dir.path(), &["check", "--fix", "--format", "concise", "."]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after, "{}", again.stderr);
}

/// The noise-fix fixture in a fresh folder, under `name`.
fn junk_file(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::copy(root().join("fixtures/noise-fix/bank.yaml"), &path).unwrap();
    path
}

/// An edit made after the fixes were worked out and before they are written
/// is never overwritten: that file is skipped with a warning.
#[test]
fn fix_never_overwrites_an_edit_made_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (junk_file(dir.path(), "a.yaml"), junk_file(dir.path(), "b.yaml"));
    let config = common::config();
    let outcome = djlint::check(&[dir.path().to_owned()], &config, dir.path()).unwrap();
    let plan = djlint::fix::plan(&outcome, &config);
    assert_eq!(plan.files.len(), 2);
    // Someone saves a.yaml between the check and the write.
    let edited = format!("{}# edited meanwhile\n", std::fs::read_to_string(&a).unwrap());
    std::fs::write(&a, &edited).unwrap();
    let written = djlint::fix::write(&plan);
    assert_eq!(std::fs::read_to_string(&a).unwrap(), edited, "the edit is kept");
    assert!(written.warnings.iter().any(|w| w.contains("a.yaml") && w.contains("changed")), "{written:?}");
    assert_eq!(written.files, 1, "b.yaml is still fixed");
    assert_ne!(
        std::fs::read_to_string(&b).unwrap(),
        std::fs::read_to_string(root().join("fixtures/noise-fix/bank.yaml")).unwrap()
    );
}

/// A symbolic link to a question file stays a link; the file it points to
/// is fixed, keeping its mode (and owner, where the system allows).
#[cfg(unix)]
#[test]
fn fix_follows_symlinks_and_keeps_mode_and_owner() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    std::fs::create_dir(&real_dir).unwrap();
    let real = junk_file(&real_dir, "bank.yaml");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let owned = std::os::unix::fs::chown(&real, Some(4321), Some(4321)).is_ok();
    let bank = dir.path().join("bank");
    std::fs::create_dir(&bank).unwrap();
    std::os::unix::fs::symlink(&real, bank.join("linked.yaml")).unwrap();
    let run = djlint(&bank, &["check", "--fix", "--format", "concise", "."]);
    assert!(run.stderr.contains("fixed 9 findings in 1 file"), "{}", run.stderr);
    let link = std::fs::symlink_metadata(bank.join("linked.yaml")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is still a link");
    let expected = std::fs::read_to_string(root().join("fixtures/noise-fix/expected.yaml")).unwrap();
    assert_eq!(std::fs::read_to_string(&real).unwrap(), expected, "the target is fixed");
    let meta = std::fs::metadata(&real).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o640);
    if owned {
        assert_eq!((meta.uid(), meta.gid()), (4321, 4321), "the owner is kept");
    }
}

/// A read-only file is refused with a clear message, the rest of the bank
/// is still fixed, and the run exits 2 listing the failure.
#[cfg(unix)]
#[test]
fn fix_refuses_read_only_files_and_fixes_the_rest() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = junk_file(dir.path(), "locked.yaml");
    let open = junk_file(dir.path(), "open.yaml");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read_to_string(&locked).unwrap();
    let run = djlint(dir.path(), &["check", "--fix", "--format", "concise", "."]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("locked.yaml is read-only; not fixed"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), before);
    let expected = std::fs::read_to_string(root().join("fixtures/noise-fix/expected.yaml")).unwrap();
    assert_eq!(std::fs::read_to_string(&open).unwrap(), expected);
}

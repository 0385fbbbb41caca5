//! A folder walk takes question files, not every YAML file of the
//! repository: `mkdocs.yml`, `docker-compose.yml`, CI workflows and hook
//! settings sit beside the bank and are not questions. Named files, and
//! files matched by a configured `include`, are always checked.

mod common;

use common::{check_json, djlint, rules_of};

const GOOD: &str = "questions:\n  - id: good-1\n    question: What is a slug?\n    answer: A short label for a page, made of letters, digits and hyphens, used in its URL.\n";

/// A repository holding a bank under `content/` and the YAML files most
/// repositories have.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("mkdocs.yml", "site_name: Interview notes\nnav:\n  - Home: index.md\ntheme:\n  name: material\n");
    write("docker-compose.yml", "services:\n  web:\n    image: nginx:1.27\n    ports: [\"8080:80\"]\n");
    write(".github/workflows/ci.yml", "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n");
    write(".pre-commit-config.yaml", "repos:\n  - repo: local\n    hooks: []\n");
    write("deploy/helm/values.yaml", "replicaCount: 2\nimage: {{ .Values.image }}\n");
    write("deploy/empty.yaml", "");
    write("content/basics.yaml", GOOD);
    // A question file with a syntax error is still a question file.
    write("content/broken.yaml", "title: Broken\nquestions:\n  - id: b\n    question: \"Where does it en\n");
    dir
}

#[test]
fn a_walk_checks_only_question_files() {
    let dir = repository();
    let (json, run) = check_json(dir.path(), &["."]);
    assert_eq!(rules_of(&json), ["schema/parse-error"], "{}", run.stdout);
    assert_eq!(json["diagnostics"][0]["file"], "content/broken.yaml");
    assert_eq!(json["summary"]["files"], 2, "{}", run.stdout);
    assert_eq!(json["summary"]["questions"], 1);
}

#[test]
fn a_named_file_is_checked_whatever_it_holds() {
    let dir = repository();
    let (json, _) = check_json(dir.path(), &[".", "mkdocs.yml"]);
    let rules = rules_of(&json);
    assert!(rules.contains(&"schema/no-questions".to_owned()), "{rules:?}");
    assert!(json["diagnostics"].as_array().unwrap().iter().any(|d| d["file"] == "mkdocs.yml"));
    let (json, _) = check_json(dir.path(), &["deploy/empty.yaml"]);
    assert_eq!(rules_of(&json), ["schema/no-questions"]);
}

#[test]
fn files_the_configured_include_matches_are_checked() {
    let dir = repository();
    std::fs::write(dir.path().join("djlint.toml"), "include = [\"deploy/**/*.yaml\", \"content/**/*.yaml\"]\n")
        .unwrap();
    let (json, run) = check_json(dir.path(), &["."]);
    let files: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert!(files.contains(&"deploy/empty.yaml"), "{}", run.stdout);
    assert!(files.contains(&"deploy/helm/values.yaml"), "{}", run.stdout);
    assert!(!files.contains(&"mkdocs.yml"), "{}", run.stdout);
}

#[test]
fn a_repository_without_question_files_says_so() {
    let dir = repository();
    std::fs::remove_dir_all(dir.path().join("content")).unwrap();
    let run = djlint(dir.path(), &["check", "."]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("no question files"), "{}", run.stderr);
}

#[test]
fn the_hook_passes_a_commit_of_other_yaml_files() {
    let dir = repository();
    std::fs::remove_file(dir.path().join("content/broken.yaml")).unwrap();
    let run = djlint(dir.path(), &["hook", "mkdocs.yml", "docker-compose.yml", "content/basics.yaml"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(!run.stdout.contains("mkdocs.yml"), "{}", run.stdout);
}

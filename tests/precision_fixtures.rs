//! Precision fixtures: clean content in the shapes real banks use (answer
//! keys, Markdown references, questions that share wording but differ
//! where it matters) gives no finding from any rule, in each folder alone
//! and all together.

mod common;

use common::{check_json, root};

fn findings(dir: &str) -> (usize, String) {
    let (json, run) = check_json(&root().join(dir), &["."]);
    assert!(json["summary"]["questions"].as_u64().unwrap() > 0, "{dir}");
    (json["diagnostics"].as_array().unwrap().len(), run.stdout)
}

#[test]
fn every_precision_fixture_is_clean() {
    let dirs: Vec<String> = std::fs::read_dir(root().join("fixtures/precision"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| format!("fixtures/precision/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    assert!(dirs.len() >= 2);
    for dir in dirs.iter().map(String::as_str).chain(["fixtures/precision"]) {
        let (n, out) = findings(dir);
        assert_eq!(n, 0, "{dir}: {out}");
    }
}

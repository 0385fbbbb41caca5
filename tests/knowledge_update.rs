//! `djlint knowledge update` against a local HTTP server that serves
//! recorded endoflife.date answers (fixtures/knowledge-update/): the data is
//! written and read by the next check, changes are printed, and a failure,
//! a timeout or malformed JSON writes nothing and leaves the old file
//! intact. Also the age note of a check.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::time::Duration;

use common::{djlint, root};

/// Serve recorded answers on a free local port, forever (the thread ends
/// with the test process). Paths: `/ok/products/{id}` the recorded
/// product, `/fail/...` HTTP 500, `/slow/...` an answer after 5 s,
/// `/bad/...` malformed JSON, anything else 404.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                // Read the headers up to the blank line.
                let mut header = String::new();
                while reader.read_line(&mut header).is_ok_and(|n| n > 0) && header != "\r\n" {
                    header.clear();
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let dir = root().join("fixtures/knowledge-update");
                let id = path.rsplit('/').next().unwrap_or_default().to_owned();
                let (status, body) = if path.starts_with("/ok/products/") {
                    match std::fs::read_to_string(dir.join(format!("{id}.json"))) {
                        Ok(text) => ("200 OK", text),
                        Err(_) => ("404 Not Found", "{\"message\": \"not found\"}".to_owned()),
                    }
                } else if path.starts_with("/fail/") {
                    ("500 Internal Server Error", "oops".to_owned())
                } else if path.starts_with("/slow/") {
                    std::thread::sleep(Duration::from_secs(5));
                    ("200 OK", std::fs::read_to_string(dir.join("react.json")).unwrap())
                } else if path.starts_with("/bad/") {
                    ("200 OK", std::fs::read_to_string(dir.join("malformed.json")).unwrap())
                } else {
                    ("404 Not Found", String::new())
                };
                let mut out = &stream;
                let _ = write!(
                    out,
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    format!("http://{addr}")
}

/// A bank folder with a djlint.toml whose `release-data` is releases.json.
fn bank(dir: &Path) {
    std::fs::write(dir.join("djlint.toml"), "release-data = \"releases.json\"\n").unwrap();
    std::fs::write(
        dir.join("q.yaml"),
        "questions:\n  - id: q1\n    question: Which React release should a new project start on?\n    answer: React 20 is the latest release, so start there.\n",
    )
    .unwrap();
}

fn update(dir: &Path, url: &str, extra: &[&str]) -> common::Run {
    let mut args = vec!["knowledge", "update", "--url", url, "--product", "react", "--product", "nodejs"];
    args.extend_from_slice(extra);
    djlint(dir, &args)
}

#[test]
fn update_writes_the_fetched_data_and_the_next_check_uses_it() {
    let server = serve();
    let dir = tempfile::tempdir().unwrap();
    bank(dir.path());
    // Before: React 20 is unknown to the bundled data, and the release-data
    // file does not exist yet, which a note says.
    let before = djlint(dir.path(), &["check", ".", "--select", "stale", "--format", "concise"]);
    assert!(before.stdout.contains("React 20 is not released"), "{}", before.stdout);
    assert!(before.stderr.contains("does not exist yet"), "{}", before.stderr);

    let run = update(dir.path(), &format!("{server}/ok"), &[]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("for 2 products to"), "{}", run.stdout);
    assert!(run.stdout.contains("new release: React 20 (2026-11-18)"), "{}", run.stdout);
    assert!(run.stdout.contains("latest: React 19: 19.2.9 (was 19.2.8)"), "{}", run.stdout);
    assert!(run.stdout.contains("latest: Node.js 26: 26.9.0"), "{}", run.stdout);
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("releases.json")).unwrap()).unwrap();
    assert_eq!(written["products"].as_array().unwrap().len(), 2);
    assert_eq!(written["products"][0]["releases"][0]["name"], "20");

    // After: the check reads the file, React 20 is known, and no note.
    let after = djlint(dir.path(), &["check", ".", "--select", "stale", "--format", "concise"]);
    assert!(!after.stdout.contains("React 20"), "{}", after.stdout);
    assert!(!after.stderr.contains("note"), "{}", after.stderr);

    // Run again: nothing changed.
    let again = update(dir.path(), &format!("{server}/ok"), &[]);
    assert!(again.stdout.contains("no changes"), "{}", again.stdout);
}

#[test]
fn a_failure_a_timeout_or_malformed_json_writes_nothing() {
    let server = serve();
    let dir = tempfile::tempdir().unwrap();
    bank(dir.path());
    let file = dir.path().join("releases.json");
    std::fs::write(&file, "old contents").unwrap();
    for (path, extra, says) in [
        ("fail", &[][..], "HTTP 500"),
        ("slow", &["--timeout", "1"][..], "no answer within 1 s"),
        ("bad", &[][..], "not endoflife.date product data"),
        ("missing", &[][..], "endoflife.date has no product `react`"),
    ] {
        let run = update(dir.path(), &format!("{server}/{path}"), extra);
        assert_eq!(run.code, 2, "{path}: {}\n{}", run.stdout, run.stderr);
        assert!(run.stderr.contains(says), "{path}: {}", run.stderr);
        assert!(run.stderr.contains("nothing was written"), "{path}: {}", run.stderr);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "old contents", "{path}");
    }
    // Nothing but the bank, the config and the old file is in the folder.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
    // The damaged file is reported by a check, with the way out.
    let check = djlint(dir.path(), &["check", "."]);
    assert_eq!(check.code, 2);
    assert!(check.stderr.contains("djlint knowledge update"), "{}", check.stderr);
}

#[test]
fn update_without_a_place_to_write_says_how_to_name_one() {
    let dir = tempfile::tempdir().unwrap();
    let run = djlint(dir.path(), &["knowledge", "update", "--url", "http://127.0.0.1:9"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("release-data = "), "{}", run.stderr);
}

#[test]
fn the_age_note_appears_exactly_when_the_knowledge_is_too_old() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("q.yaml"), "questions:\n  - id: q1\n    question: Q?\n    answer: A.\n").unwrap();
    let data = std::fs::read_to_string(root().join("rules/knowledge/endoflife.json")).unwrap();
    let date = serde_json::from_str::<serde_json::Value>(&data).unwrap()["date"].as_str().unwrap().to_owned();
    let day = djlint::knowledge::Date::parse_day(&date).unwrap();
    let plus = |n: i64| djlint::knowledge::Date::from_days(day.days() + n).to_string();
    let note = |as_of: &str, extra: &[&str]| {
        let mut args = vec!["check", ".", "--as-of", as_of];
        args.extend_from_slice(extra);
        djlint(dir.path(), &args).stderr.contains("run `djlint knowledge update`")
    };
    assert!(!note(&plus(120), &[]), "120 days is not too old");
    assert!(note(&plus(121), &[]), "121 days is");
    assert!(!note(&plus(121), &["--select", "schema"]), "only when a rule judges claims about now");
    assert!(!note(&plus(121), &["--quiet"]));
    std::fs::write(dir.path().join("djlint.toml"), "knowledge-max-age = 200\n").unwrap();
    assert!(!note(&plus(200), &[]) && note(&plus(201), &[]), "knowledge-max-age sets the limit");
    // JSON on standard output stays parseable: the note is on stderr.
    let run = djlint(dir.path(), &["check", ".", "--as-of", &plus(300), "--format", "json"]);
    serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap();
}

//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// The day every test judges version claims on, so that results do not
/// change with the calendar.
pub const AS_OF: &str = "2026-11-21";

/// Default settings, with the day pinned.
pub fn config() -> djlint::config::Config {
    let mut config = djlint::config::Config::new(".".into());
    config.as_of = djlint::knowledge::Date::parse_day(AS_OF).expect("a day");
    config
}

/// Run the djlint binary in `cwd`, without colours and without a terminal.
/// `check` runs with the day pinned (`--as-of`), unless the test sets it.
pub fn djlint(cwd: &Path, args: &[&str]) -> Run {
    let mut args: Vec<&str> = args.to_vec();
    if args.first() == Some(&"check") && !args.iter().any(|a| a.starts_with("--as-of")) {
        args.insert(1, "--as-of");
        args.insert(2, AS_OF);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_djlint"))
        .args(&args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("COLUMNS")
        .output()
        .expect("run djlint");
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

/// Run `djlint check ARGS --format json` and parse the output.
pub fn check_json(cwd: &Path, args: &[&str]) -> (serde_json::Value, Run) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = djlint(cwd, &all);
    let json = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr));
    (json, run)
}

/// The rule ids of a JSON report, in order.
pub fn rules_of(json: &serde_json::Value) -> Vec<String> {
    json["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap().to_owned()).collect()
}

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

/// Run the djlint binary in `cwd`, without colours and without a terminal.
pub fn djlint(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_djlint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
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

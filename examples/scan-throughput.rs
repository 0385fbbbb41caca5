//! In-process benchmark of the pack scan: how fast one core finds every
//! pack pattern (all built-in rules) in the question, answer and source
//! text of a bank.
//!
//! cargo run --release --example scan-throughput -- BANK [RUNS]
//!
//! BANK is a folder of question files (read recursively), or `gen:N` for
//! a gen-bank of N questions. The bank is loaded once; then every text
//! field is scanned on this thread, RUNS times (default 5), and the median
//! is printed in MB of scanned text per second. The first run, which
//! builds the scanner, is reported apart.

use std::path::{Path, PathBuf};
use std::time::Instant;

use djlint::config::Config;
use djlint::packs::Field;

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).expect("BANK").map(|e| e.expect("BANK").path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(p);
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let bank = args.next().expect("usage: scan-throughput BANK [RUNS]");
    let runs: usize = args.next().map_or(5, |a| a.parse().expect("RUNS"));
    let files: Vec<(String, String)> = match bank.strip_prefix("gen:") {
        Some(n) => djlint::corpus::generate(n.parse().expect("gen:N"), 500, 1, 2).files,
        None => {
            let mut paths = Vec::new();
            yaml_files(Path::new(&bank), &mut paths);
            paths
                .iter()
                .map(|p| (p.display().to_string(), String::from_utf8_lossy(&std::fs::read(p).expect("BANK")).into()))
                .collect()
        }
    };
    let config = Config::new(".".into());
    let (bank, _) = djlint::bank::load::load_texts(&files, &config.schema);
    let mut texts: Vec<(&str, Field)> = Vec::new();
    for q in &bank.questions {
        texts.extend(q.question.iter().map(|t| (t.value.as_str(), Field::Question)));
        texts.extend(q.answer.iter().map(|t| (t.value.as_str(), Field::Answer)));
        texts.extend(q.sources.iter().map(|t| (t.value.as_str(), Field::Sources)));
    }
    let scanned: usize = texts.iter().map(|(t, _)| t.len()).sum();
    let packs = &config.packs;
    let all = |_: usize| true;
    let mut times = Vec::new();
    let mut hits = Vec::new();
    let mut found = 0;
    for _ in 0..runs + 1 {
        let start = Instant::now();
        found = 0;
        let scanner = packs.scanner(&all, scanned);
        for &(text, field) in &texts {
            hits.clear();
            scanner.scan(packs, text, field, &mut hits);
            found += hits.len();
        }
        times.push(start.elapsed().as_secs_f64());
    }
    let first = times.remove(0);
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let (literal, rest) = packs.scanner(&all, scanned).split();
    println!(
        "questions={} scanned={scanned} bytes hits={found} patterns={literal} by literal + {rest} always run; \
         first run {:.0} ms; median {:.0} ms = {:.0} MB/s on one core (min {:.0}, max {:.0} ms, {runs} runs)",
        bank.questions.len(),
        first * 1e3,
        median * 1e3,
        scanned as f64 / median / 1e6,
        times[0] * 1e3,
        times[times.len() - 1] * 1e3,
    );
}

//! In-process benchmark of the pack rules (all noise rules, on one
//! automaton): how fast they scan question and answer text.
//!
//! cargo run --release --example noise-throughput -- [QUESTIONS] [RUNS]
//!
//! Generates a bank (the same generator as benches/check.sh), loads it
//! once, then times `rules::pattern::check` over it RUNS times and prints
//! the median, in MB of scanned text (question + answer + sources) per
//! second. Set RAYON_NUM_THREADS=1 for one core.

use std::time::Instant;

use djlint::config::Config;

fn main() {
    let mut args = std::env::args().skip(1);
    let questions: usize = args.next().map_or(100_000, |a| a.parse().expect("QUESTIONS"));
    let runs: usize = args.next().map_or(15, |a| a.parse().expect("RUNS"));
    let files = djlint::corpus::generate(questions, 500, 1, 2).files;
    let config = Config::new(".".into());
    let (bank, _) = djlint::bank::load::load_texts(&files, &config.schema);
    let scanned: usize = bank
        .questions
        .iter()
        .map(|q| {
            q.question.as_ref().map_or(0, |t| t.value.len())
                + q.answer.as_ref().map_or(0, |t| t.value.len())
                + q.sources.iter().map(|t| t.value.len()).sum::<usize>()
        })
        .sum();
    let skip = std::env::var("SKIP").unwrap_or_default();
    let enabled = |id: &str| id.starts_with("noise/") && (skip.is_empty() || !id.contains(skip.as_str()));
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..runs + 1 {
        let start = Instant::now();
        found = djlint::rules::pattern::check(&bank, &config.packs, &enabled).len();
        times.push(start.elapsed().as_secs_f64());
    }
    let first = times.remove(0); // warm-up: builds the automaton and its lazy DFA states
    eprintln!("first run (compiling included): {:.1} ms", first * 1e3);
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "questions={questions} scanned={scanned} bytes findings={found} median={:.1} ms throughput={:.0} MB/s (min {:.1} ms, max {:.1} ms, {runs} runs)",
        median * 1e3,
        scanned as f64 / median / 1e6,
        times[0] * 1e3,
        times[times.len() - 1] * 1e3,
    );
}

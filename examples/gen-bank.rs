//! Write a deterministic synthetic question bank for benchmarks.
//!
//! cargo run --release --example gen-bank -- --questions 100000 --seed 1 --out /tmp/bank

use std::path::PathBuf;

fn main() {
    let mut questions = 1000usize;
    let mut seed = 1u64;
    let mut per_file = 500usize;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_else(|| usage(&format!("{flag} needs a value")));
        match flag.as_str() {
            "--questions" => questions = value.parse().unwrap_or_else(|_| usage("bad --questions")),
            "--seed" => seed = value.parse().unwrap_or_else(|_| usage("bad --seed")),
            "--per-file" => per_file = value.parse().unwrap_or_else(|_| usage("bad --per-file")),
            "--out" => out = Some(PathBuf::from(value)),
            _ => usage(&format!("unknown flag {flag}")),
        }
    }
    let out = out.unwrap_or_else(|| usage("--out DIR is required"));
    std::fs::create_dir_all(&out).unwrap_or_else(|e| usage(&format!("{}: {e}", out.display())));
    let mut bytes = 0;
    for (name, text) in djlint::corpus::bank(questions, per_file, seed) {
        bytes += text.len();
        std::fs::write(out.join(&name), text).unwrap_or_else(|e| usage(&format!("{name}: {e}")));
    }
    eprintln!("wrote {questions} questions, {bytes} bytes, to {}", out.display());
}

fn usage(msg: &str) -> ! {
    eprintln!("gen-bank: {msg}\nusage: gen-bank --questions N [--seed S] [--per-file N] --out DIR");
    std::process::exit(2);
}

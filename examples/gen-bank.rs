//! Write a deterministic synthetic question bank for benchmarks.
//!
//! cargo run --release --example gen-bank -- --questions 100000 --seed 1 --out /tmp/bank
//!
//! `--dup-percent P` plants duplicates (exact copies, rewordings, copied
//! answers, template groups, repeated runs) at about P % of the steps; the
//! default is 2, a bank that has been maintained but not cleaned.

use std::path::PathBuf;

fn main() {
    let mut questions = 1000usize;
    let mut seed = 1u64;
    let mut per_file = 500usize;
    let mut dup_percent = 2u64;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_else(|| usage(&format!("{flag} needs a value")));
        match flag.as_str() {
            "--questions" => questions = value.parse().unwrap_or_else(|_| usage("bad --questions")),
            "--seed" => seed = value.parse().unwrap_or_else(|_| usage("bad --seed")),
            "--per-file" => per_file = value.parse().unwrap_or_else(|_| usage("bad --per-file")),
            "--dup-percent" => dup_percent = value.parse().unwrap_or_else(|_| usage("bad --dup-percent")),
            "--out" => out = Some(PathBuf::from(value)),
            _ => usage(&format!("unknown flag {flag}")),
        }
    }
    let out = out.unwrap_or_else(|| usage("--out DIR is required"));
    std::fs::create_dir_all(&out).unwrap_or_else(|e| usage(&format!("{}: {e}", out.display())));
    let mut bytes = 0;
    let generated = djlint::corpus::generate(questions, per_file, seed, dup_percent);
    for (name, text) in generated.files {
        bytes += text.len();
        std::fs::write(out.join(&name), text).unwrap_or_else(|e| usage(&format!("{name}: {e}")));
    }
    eprintln!(
        "wrote {questions} questions ({} planted duplicates), {bytes} bytes, to {}",
        generated.planted.len(),
        out.display()
    );
}

fn usage(msg: &str) -> ! {
    eprintln!("gen-bank: {msg}\nusage: gen-bank --questions N [--seed S] [--per-file N] [--dup-percent P] --out DIR");
    std::process::exit(2);
}

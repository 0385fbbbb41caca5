//! Write a deterministic question bank for benchmarks.
//!
//! cargo run --release --example gen-bank -- --questions 100000 --seed 1 --out /tmp/bank
//! cargo run --release --example gen-bank -- --prose --questions 100000 --seed 1 --out /tmp/prose
//!
//! By default the text comes from a small built-in vocabulary. With
//! `--prose` it is real English: sentences, item names and code examples
//! from the documentation (doc comments and READMEs) of the crates in
//! `Cargo.lock`, read from the local cargo registry, with about one
//! question in 40 carrying a planted noise, unclear, stale or schema
//! defect. No network is needed once `cargo fetch` has run, and the same
//! lock file and seed give the same bank. `--registry DIR` names the
//! unpacked crate sources (default: the `$CARGO_HOME/registry/src/*` folder
//! that holds most of them); `--lock FILE` another lock file.
//!
//! `--dup-percent P` plants duplicates (exact copies, rewordings, copied
//! answers, template groups, repeated runs) at about P % of the steps; the
//! default is 2, a bank that has been maintained but not cleaned.

use std::path::{Path, PathBuf};

use djlint::corpus::{Prose, generate_from};

fn main() {
    let mut questions = 1000usize;
    let mut seed = 1u64;
    let mut per_file = 500usize;
    let mut dup_percent = 2u64;
    let mut out: Option<PathBuf> = None;
    let mut prose = false;
    let mut registry: Option<PathBuf> = None;
    let mut lock = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock"));
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--prose" {
            prose = true;
            continue;
        }
        let value = args.next().unwrap_or_else(|| usage(&format!("{flag} needs a value")));
        match flag.as_str() {
            "--questions" => questions = value.parse().unwrap_or_else(|_| usage("bad --questions")),
            "--seed" => seed = value.parse().unwrap_or_else(|_| usage("bad --seed")),
            "--per-file" => per_file = value.parse().unwrap_or_else(|_| usage("bad --per-file")),
            "--dup-percent" => dup_percent = value.parse().unwrap_or_else(|_| usage("bad --dup-percent")),
            "--out" => out = Some(PathBuf::from(value)),
            "--registry" => registry = Some(PathBuf::from(value)),
            "--lock" => lock = PathBuf::from(value),
            _ => usage(&format!("unknown flag {flag}")),
        }
    }
    let out = out.unwrap_or_else(|| usage("--out DIR is required"));
    let text = prose.then(|| read_prose(registry, &lock));
    std::fs::create_dir_all(&out).unwrap_or_else(|e| usage(&format!("{}: {e}", out.display())));
    let generated = generate_from(text.as_ref(), questions, per_file, seed, dup_percent);
    let mut bytes = 0;
    for (name, text) in generated.files {
        bytes += text.len();
        std::fs::write(out.join(&name), text).unwrap_or_else(|e| usage(&format!("{name}: {e}")));
    }
    eprint!(
        "wrote {questions} questions ({} planted duplicates), {bytes} bytes, to {}",
        generated.planted.len(),
        out.display()
    );
    match text {
        Some(p) => {
            let (topics, sentences, code) = p.size();
            eprintln!("; text: {topics} topics, {sentences} sentences, {code} code examples");
        }
        None => eprintln!(),
    }
}

/// The documentation of the crates of `lock` found in the registry.
fn read_prose(registry: Option<PathBuf>, lock: &Path) -> Prose {
    let lock_text = std::fs::read_to_string(lock).unwrap_or_else(|e| usage(&format!("{}: {e}", lock.display())));
    let crates = locked_crates(&lock_text);
    let registry = registry
        .or_else(|| find_registry(&crates))
        .unwrap_or_else(|| usage("no unpacked crate sources found; run `cargo fetch` first or pass --registry DIR"));
    let mut prose = Prose::default();
    let mut found = 0;
    for (name, version) in &crates {
        let dir = registry.join(format!("{name}-{version}"));
        if !dir.is_dir() {
            continue;
        }
        found += 1;
        let mut files = Vec::new();
        walk(&dir, &mut files);
        files.sort();
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else { continue };
            match f.extension().and_then(|e| e.to_str()) {
                Some("rs") => prose.add_rust(name, &text),
                Some("md") => prose.add_markdown(&text),
                _ => {}
            }
        }
    }
    if !prose.is_usable() {
        usage(&format!("too little documentation in {} ({found} crates found)", registry.display()));
    }
    prose
}

/// (name, version) of every registry package in a lock file, in its order.
fn locked_crates(lock: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for block in lock.split("[[package]]").skip(1) {
        let field = |key: &str| {
            block.lines().find_map(|l| l.strip_prefix(key)?.strip_prefix(" = \"")?.strip_suffix('"').map(str::to_owned))
        };
        let registry = block.lines().any(|l| l.starts_with("source = \"registry+"));
        if let (true, Some(name), Some(version)) = (registry, field("name"), field("version")) {
            out.push((name, version));
        }
    }
    out
}

/// The unpacked sources folder of the cargo registry that holds the most
/// of `crates`.
fn find_registry(crates: &[(String, String)]) -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))?;
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(home.join("registry/src")).ok()?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    dirs.sort();
    dirs.into_iter()
        .map(|d| (crates.iter().filter(|(n, v)| d.join(format!("{n}-{v}")).is_dir()).count(), d))
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n)
        .map(|(_, d)| d)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_dir() {
            walk(&e.path(), out);
        } else if kind.is_file() {
            out.push(e.path());
        }
    }
}

fn usage(msg: &str) -> ! {
    eprintln!(
        "gen-bank: {msg}\nusage: gen-bank [--prose [--registry DIR] [--lock FILE]] --questions N [--seed S] \
         [--per-file N] [--dup-percent P] --out DIR"
    );
    std::process::exit(2);
}

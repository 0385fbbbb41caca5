//! The required literals of the built-in patterns are worked out when the
//! patterns change, not at every start (src/prefilter/cache.rs): the
//! cache must be exactly what reading the patterns gives.

use std::path::Path;

use djlint::knowledge::Knowledge;
use djlint::packs::Packs;
use djlint::prefilter::literals;

fn builtin_patterns() -> Vec<String> {
    let packs = Packs::builtin();
    let knowledge = Knowledge::builtin();
    let mut patterns: Vec<String> = packs.literal_sources().into_iter().map(str::to_owned).collect();
    patterns.extend(knowledge.literal_sources().into_iter().map(str::to_owned));
    patterns
}

#[test]
fn the_literal_cache_is_what_the_builtin_patterns_give() {
    let patterns = builtin_patterns();
    let refs: Vec<&str> = patterns.iter().map(String::as_str).collect();
    let want = literals::cache_source(&refs);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/prefilter/cache.rs");
    let have = std::fs::read_to_string(&path).expect("the cache is in the repository");
    if have != want {
        if std::env::var_os("DJLINT_UPDATE_CACHE").is_some() {
            std::fs::write(&path, want).expect("the cache is writable");
            return;
        }
        panic!(
            "src/prefilter/cache.rs does not match the built-in patterns: \
             run `DJLINT_UPDATE_CACHE=1 cargo test --test literal_cache` and commit the result"
        );
    }
}

#[test]
fn a_cached_set_is_the_set_read_from_the_pattern() {
    let patterns = builtin_patterns();
    assert!(patterns.len() > 100, "the packs and the knowledge have hundreds of patterns");
    for p in &patterns {
        assert_eq!(literals::required(p), literals::read_required(p), "{p}");
    }
    // A pattern not built in is read, not looked up.
    let other = r"(?i)\bzyxwv(?:ut|qr)\b";
    assert_eq!(literals::required(other), Some(vec![b"zyxwvqr".to_vec(), b"zyxwvut".to_vec()]));
}

//! The literal text a pattern cannot match without.
//!
//! [`required`] reads a regular expression's syntax tree and finds a set
//! of strings such that every match of the pattern contains at least one
//! of them, compared without regard to ASCII case. The scanner looks for
//! all such strings of a run at once (one Aho-Corasick automaton) and runs
//! a pattern only on text that contains one of its strings; patterns with
//! no selective set are run on every text.
//!
//! The analysis is conservative: where it cannot tell, it says "no
//! requirement", which costs speed, never a match.

use regex_syntax::hir::{Class, Hir, HirKind};

/// The most strings a finite part of a pattern may stand for before the
/// analysis stops listing them (products of concatenated parts).
const MAX_PRODUCT: usize = 64;
/// The most strings an alternation may list (a derived word list can have
/// a thousand alternatives; they all go into one automaton).
const MAX_UNION: usize = 4_096;
/// Character classes of at most this many characters are listed.
const MAX_CLASS: usize = 10;

/// What the analysis knows about a part of a pattern.
#[derive(Debug, Clone, Default)]
struct Info {
    /// Every string the part can match (ASCII lower-cased), when that set
    /// is finite and small.
    exact: Option<Vec<Vec<u8>>>,
    /// Strings one of which every match of the part contains.
    required: Option<Vec<Vec<u8>>>,
}

/// Strings (ASCII lower-case) one of which occurs in every match of
/// `pattern`, or `None` when the pattern has no selective set: it can
/// match without any literal, or its literals are too short and common to
/// narrow anything down.
pub fn required(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let set = better(analyse(&hir).required, None)?;
    selective(&set).then(|| minimal(set))
}

/// Every string `pattern` can match (ASCII lower case), when that set is
/// finite and small enough to list.
#[cfg(test)]
pub fn language(pattern: &str) -> Option<Vec<Vec<u8>>> {
    analyse(&regex_syntax::Parser::new().parse(pattern).ok()?).exact
}

/// The set without strings that contain another string of the set: where
/// the longer one occurs, so does the shorter.
fn minimal(set: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let mut by_len = set;
    by_len.sort_by_key(Vec::len);
    let mut kept: Vec<Vec<u8>> = Vec::new();
    for s in by_len {
        if !kept.iter().any(|k| s.windows(k.len()).any(|w| w == k.as_slice())) {
            kept.push(s);
        }
    }
    dedup(kept)
}

/// Whether looking for `set` narrows the text down: every string is three
/// bytes or longer, or holds a byte that is rare in prose (punctuation
/// other than the most common, or a non-ASCII lead byte). Parentheses
/// count as rare: most answers have none, and a pattern that needs one is
/// better run on the few that do than on every text.
fn selective(set: &[Vec<u8>]) -> bool {
    !set.is_empty()
        && set.iter().all(|s| {
            s.len() >= 3 || s.iter().any(|&b| b >= 0xC0 || (b.is_ascii_punctuation() && !b".,;:'\"-/".contains(&b)))
        })
}

/// The better of two required sets: longer shortest string first, then
/// fewer strings.
fn better(a: Option<Vec<Vec<u8>>>, b: Option<Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
    // A set with the empty string requires nothing.
    let (a, b) = (a.filter(|s| s.iter().all(|x| !x.is_empty())), b.filter(|s| s.iter().all(|x| !x.is_empty())));
    let score = |s: &Vec<Vec<u8>>| {
        let shortest = s.iter().map(Vec::len).min().unwrap_or(0);
        (selective(s), shortest.min(8), std::cmp::Reverse(s.len()))
    };
    match (a, b) {
        (Some(a), Some(b)) => Some(if score(&b) > score(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn lower(bytes: &[u8]) -> Vec<u8> {
    bytes.to_ascii_lowercase()
}

fn dedup(mut set: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    set.sort();
    set.dedup();
    set
}

/// Every concatenation of a string of `a` with one of `b`, if few enough.
fn product(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    // A fixed string before or after a list does not multiply it.
    let size = a.len() * b.len();
    if size > MAX_PRODUCT && (a.len().min(b.len()) > 1 || size > MAX_UNION) {
        return None;
    }
    Some(dedup(a.iter().flat_map(|x| b.iter().map(move |y| [x.as_slice(), y].concat())).collect()))
}

fn exact(set: Vec<Vec<u8>>) -> Info {
    Info { required: Some(set.clone()), exact: Some(set) }
}

fn analyse(hir: &Hir) -> Info {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Info { exact: Some(vec![Vec::new()]), required: None },
        HirKind::Literal(lit) => exact(vec![lower(&lit.0)]),
        HirKind::Class(class) => class_info(class),
        HirKind::Capture(c) => analyse(&c.sub),
        HirKind::Repetition(rep) => {
            let sub = analyse(&rep.sub);
            if rep.min == 0 {
                // Optional: it may match nothing, so it requires nothing,
                // but `x?` is still a small finite set.
                let exact = if rep.max == Some(1) {
                    sub.exact.map(|mut e| {
                        e.push(Vec::new());
                        dedup(e)
                    })
                } else {
                    None
                };
                return Info { exact, required: None };
            }
            // At least `min` copies: the first `min` in a row are required.
            let mut required = sub.exact.clone();
            for _ in 1..rep.min.min(4) {
                required = match (&required, &sub.exact) {
                    (Some(r), Some(e)) => product(r, e),
                    _ => None,
                };
            }
            let exact = if rep.max == Some(rep.min) && rep.min <= 4 { required.clone() } else { None };
            Info { exact, required: better(required, sub.required) }
        }
        HirKind::Concat(parts) => {
            let infos: Vec<Info> = parts.iter().map(analyse).collect();
            let mut best: Option<Vec<Vec<u8>>> = None;
            // Runs of parts with exact sets multiply into longer strings.
            let mut run: Option<Vec<Vec<u8>>> = None;
            let mut whole: Option<Vec<Vec<u8>>> = Some(vec![Vec::new()]);
            for info in &infos {
                best = better(best, info.required.clone());
                whole = match (&whole, &info.exact) {
                    (Some(w), Some(e)) => product(w, e),
                    _ => None,
                };
                match &info.exact {
                    Some(e) => {
                        let grown = match &run {
                            Some(r) => product(r, e),
                            None => Some(e.clone()),
                        };
                        match grown {
                            Some(g) => run = Some(g),
                            None => {
                                // Too many strings: close the run, start anew.
                                best = better(best, run.take().filter(|r| r.iter().all(|s| !s.is_empty())));
                                run = Some(e.clone());
                            }
                        }
                    }
                    None => {
                        best = better(best, run.take().filter(|r| r.iter().all(|s| !s.is_empty())));
                    }
                }
            }
            best = better(best, run.filter(|r| r.iter().all(|s| !s.is_empty())));
            Info { exact: whole, required: best.filter(|r| r.iter().all(|s| !s.is_empty())) }
        }
        HirKind::Alternation(branches) => {
            let infos: Vec<Info> = branches.iter().map(analyse).collect();
            let union = |pick: &dyn Fn(&Info) -> Option<&Vec<Vec<u8>>>| -> Option<Vec<Vec<u8>>> {
                let mut all = Vec::new();
                for info in &infos {
                    all.extend(pick(info)?.iter().cloned());
                    if all.len() > MAX_UNION {
                        return None;
                    }
                }
                Some(dedup(all))
            };
            let exact = union(&|i| i.exact.as_ref());
            // A branch's exact set is also a required set for it.
            let required = union(&|i| i.required.as_ref().or(i.exact.as_ref()));
            Info { exact, required: required.filter(|r| r.iter().all(|s| !s.is_empty())) }
        }
    }
}

/// A class of a few characters is the set of those characters (ASCII
/// lower-cased); a class of many non-ASCII characters that share few UTF-8
/// lead bytes requires one of those bytes.
fn class_info(class: &Class) -> Info {
    let mut chars: Vec<Vec<u8>> = Vec::new();
    let mut count = 0usize;
    match class {
        Class::Unicode(c) => {
            for r in c.iter() {
                count += (r.end() as usize).saturating_sub(r.start() as usize) + 1;
                if count > MAX_CLASS {
                    break;
                }
                for ch in r.start()..=r.end() {
                    let mut buf = [0; 4];
                    chars.push(lower(ch.encode_utf8(&mut buf).as_bytes()));
                }
            }
            if count > MAX_CLASS {
                // Lead bytes of many non-ASCII characters.
                if c.iter().all(|r| r.start() as u32 >= 0x80) {
                    let mut leads: Vec<Vec<u8>> = Vec::new();
                    for r in c.iter() {
                        let mut a = [0; 4];
                        let mut b = [0; 4];
                        let (x, y) =
                            (r.start().encode_utf8(&mut a).as_bytes()[0], r.end().encode_utf8(&mut b).as_bytes()[0]);
                        leads.extend((x..=y).map(|l| vec![l]));
                        if leads.len() > 4 {
                            return Info::default();
                        }
                    }
                    return Info { exact: None, required: Some(dedup(leads)) };
                }
                return Info::default();
            }
        }
        Class::Bytes(c) => {
            for r in c.iter() {
                count += (r.end() as usize) - (r.start() as usize) + 1;
                if count > MAX_CLASS {
                    return Info::default();
                }
                chars.extend((r.start()..=r.end()).map(|b| vec![b.to_ascii_lowercase()]));
            }
        }
    }
    if chars.is_empty() {
        return Info::default();
    }
    exact(dedup(chars))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(p: &str) -> Option<Vec<String>> {
        required(p).map(|s| s.into_iter().map(|b| String::from_utf8_lossy(&b).into_owned()).collect())
    }

    #[test]
    fn literals_and_case_folded_words() {
        assert_eq!(req("TODO"), Some(vec!["todo".into()]));
        assert_eq!(req(r"(?i)\bread\s+more\b"), Some(vec!["read".into()]));
        // Unicode case folding: `s` also matches the long s, `k` the Kelvin sign.
        assert_eq!(
            req("(?i)(?-u:\\b)lorem ipsum(?-u:\\b)"),
            Some(vec!["lorem ipsum".into(), "lorem ip\u{17F}um".into()])
        );
        assert_eq!(req("(?i-u:lorem ipsum)"), Some(vec!["lorem ipsum".into()]));
    }

    #[test]
    fn alternations_list_every_branch() {
        assert_eq!(req("(?:fbclid|gclid)="), Some(vec!["fbclid=".into(), "gclid=".into()]));
        assert_eq!(req("x|[a-z]+"), None, "a branch without a literal matches without one");
    }

    #[test]
    fn the_most_selective_part_of_a_sequence_wins() {
        assert_eq!(req(r"(?:use|try)\b[^.]{0,80}?mock interviews?"), Some(vec!["mock interview".into()]));
        assert_eq!(req(r"[a-z_]+=(?:True|False)[A-Z]"), Some(vec!["=false".into(), "=true".into()]));
    }

    #[test]
    fn patterns_without_a_selective_literal_have_none() {
        assert_eq!(req(r"\w+"), None);
        assert_eq!(req(r"x?y?"), None);
        assert_eq!(req("a"), None, "one common letter narrows nothing");
        assert_eq!(req(r"\[[1-9]"), Some((1..=9).map(|d| format!("[{d}")).collect()));
    }

    #[test]
    fn repetitions_require_their_minimum() {
        assert_eq!(req(r"[^?\s](\?{2,})$"), Some(vec!["??".into()]));
    }

    #[test]
    fn wide_non_ascii_classes_require_their_lead_bytes() {
        assert_eq!(required(r"[\x{E000}-\x{F8FF}]+"), Some(vec![vec![0xEE], vec![0xEF]]));
    }
}

#[cfg(test)]
mod property {
    use super::required;
    use crate::corpus::Rng;

    /// Patterns of the shapes user packs write, with the constructs the
    /// analysis must get right: case folding (ASCII and Unicode), classes,
    /// bounded and optional repetition, alternation with an empty branch,
    /// anchors, word edges and non-ASCII text.
    const PATTERNS: &[&str] = &[
        r"(?i)\bsk(?:ip|y)\b",
        r"(?i)stra(?:ss|ß)e",
        r"(?i)ΣΟΦΙΑ|σοφία",
        r"(?i)k[ae]y ?word",
        r"(?m)^#{1,3} ?notes?$",
        r"[(\[]\s*(?:sic|citation needed)\s*[)\]]",
        r"(?i)(?:click|tap) here(?: now)?",
        r"(?i)ab{2,3}c",
        r"x(?:yz)?q",
        r"(?i)é(?:t|d)é",
        r"(?-u:\b)[A-Z][a-z]+\([^()\n]{0,8}\)[A-Z]",
        r"(?i)(?:u|ü)ber",
        r"\?\?+$",
        r"(?i)İstanbul",
    ];

    const PIECES: &[&str] = &[
        "sk",
        "SK",
        "ſk",
        "\u{212A}",
        "ip",
        "y",
        "ey",
        "key",
        "KAY",
        " ",
        "word",
        "WORD",
        "stra",
        "STRA",
        "ss",
        "ß",
        "ẞ",
        "e",
        "ΣΟΦΙΑ",
        "σοφία",
        "σοφιά",
        "ς",
        "#",
        "##",
        "notes",
        "note",
        "\n",
        "(",
        ")",
        "[",
        "]",
        "sic",
        "citation needed",
        "click",
        "TAP",
        "here",
        " now",
        "a",
        "b",
        "bb",
        "bbb",
        "c",
        "B",
        "x",
        "yz",
        "q",
        "é",
        "É",
        "t",
        "d",
        "Foo",
        "(1)",
        "Bar",
        "u",
        "ü",
        "Ü",
        "ber",
        "?",
        "??",
        "İstanbul",
        "istanbul",
        "ISTANBUL",
        "\t",
    ];

    /// Every match of a pattern contains one of its required literals, in
    /// the ASCII-case-insensitive sense the scanner's automaton looks for
    /// them: the analysis never costs a match.
    #[test]
    fn every_match_contains_a_required_literal() {
        let mut rng = Rng::new(11);
        let mut matched = 0;
        for pattern in PATTERNS {
            let re = regex::Regex::new(pattern).unwrap();
            let set = required(pattern);
            for _ in 0..20_000 {
                let text: String = (0..rng.below(8) + 1).map(|_| *rng.pick(PIECES)).collect();
                let Some(m) = re.find(&text) else { continue };
                matched += 1;
                if let Some(set) = &set {
                    let hay = m.as_str().to_ascii_lowercase().into_bytes();
                    assert!(
                        set.iter().any(|l| hay.windows(l.len()).any(|w| w == l.as_slice())),
                        "{pattern} matched {:?} with none of {:?}",
                        m.as_str(),
                        set.iter().map(|l| String::from_utf8_lossy(l)).collect::<Vec<_>>()
                    );
                }
            }
        }
        assert!(matched > 2_000, "only {matched} matches tried");
    }
}

//! `choice/overlapping-options`: two options that can both be right,
//! because their ranges overlap ("1-5", "5-10"; "less than 10", "less
//! than 20") or because one option lists another ("Lists" and "Lists or
//! tuples").

use std::sync::OnceLock;

use regex::Regex;

use super::{number_token, on_option, plain, quote};
use crate::bank::Question;
use crate::finding::{Finding, Related, Severity};
use crate::rules::Rule;

pub const RULE: Rule = Rule {
    id: "choice/overlapping-options",
    severity: Severity::Info,
    summary: "Two options overlap: ranges that share values, or an option that offers another as one of its alternatives.",
    explanation: "Haladyna, Downing and Rodriguez 2002, guideline 22: no option may share values with \
another or depend on it; the NBME item-writing guide counts numeric options that are not stated consistently (ranges that \
share values) as a flaw, and an item with two defensible keys is one in Moore et al. 2023. When \"1-5\" and \"5-10\" \
are both options, a value of 5 makes both right; when \"less than 10\" and \"less than 20\" are, every value \
under 10 does; when one option is \"Lists or tuples\" and another \"Lists\", the first is right whenever the \
second is. Either way there are two defensible answers, or a test-wise candidate can rule options out by their \
logic alone. The rule reads options that are a number, a range (\"1-5\", \"between 2 and 4\", \"from 1 to 5\") \
or a bound (\"less than 10\", \"at least 3\", \"20 or more\") with the same unit, and options that offer other \
options' texts as alternatives, joined by \"or\" (not \"neither … nor\"; an option joined by \"and\" claims all \
its parts, a different claim). Code options are not read. Make ranges disjoint (\"1-4\", \"5-9\") and drop or \
rewrite an option that contains another. Its default severity is info: on a real quiz bank a judged sample \
showed that a range can itself be the answer asked for and that an alternative can be a single term \
(\"zero or one\"), so a person should look before changing the options.",
    bad: "questions:\n  - id: http-status-class\n    question: Which status codes are client errors?\n    choices: [100-199, 300-399, 400-499, 450-599]\n    answer: 400-499\n",
    good: "questions:\n  - id: http-status-class\n    question: Which status codes are client errors?\n    choices: [100-199, 300-399, 400-499, 500-599]\n    answer: 400-499\n",
    fixable: false,
};

/// The values an option allows, from `lo` to `hi`.
#[derive(Debug, Clone, PartialEq)]
struct Interval {
    lo: f64,
    lo_in: bool,
    hi: f64,
    hi_in: bool,
    unit: String,
}

impl Interval {
    fn point(&self) -> bool {
        self.lo == self.hi
    }

    fn overlaps(&self, other: &Interval) -> bool {
        if !self.unit.is_empty() && !other.unit.is_empty() && self.unit != other.unit {
            return false;
        }
        let (lo, lo_in) = if self.lo > other.lo {
            (self.lo, self.lo_in)
        } else if other.lo > self.lo {
            (other.lo, other.lo_in)
        } else {
            (self.lo, self.lo_in && other.lo_in)
        };
        let (hi, hi_in) = if self.hi < other.hi {
            (self.hi, self.hi_in)
        } else if other.hi < self.hi {
            (other.hi, other.hi_in)
        } else {
            (self.hi, self.hi_in && other.hi_in)
        };
        lo < hi || (lo == hi && lo_in && hi_in)
    }
}

fn number() -> &'static str {
    r"([$€£]?-?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|[$€£]?-?\d+(?:\.\d+)?%?)"
}

/// "1-5", "from 1 to 5 years", "between 1 and 5".
fn range() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let n = number();
        Regex::new(&format!(r"^(between |from )?{n}(?: ([a-z]+))? ?(-|–|—|to|and) ?{n}(?: ([a-z]+))?$")).expect("valid")
    })
}

/// "less than 10", "at least 3 seconds", "20 or more", "> 5", "10+".
fn bound() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let n = number();
        Regex::new(&format!(
            r"(?x)^(?:
                (?P<below>less\ than|fewer\ than|under|below|<)\ ?{n}(?:\ (?P<u1>[a-z]+))?
              | (?P<upto>up\ to|at\ most|no\ more\ than|<=|≤)\ ?{n}(?:\ (?P<u2>[a-z]+))?
              | (?P<above>more\ than|greater\ than|over|above|>)\ ?{n}(?:\ (?P<u3>[a-z]+))?
              | (?P<least>at\ least|no\ less\ than|no\ fewer\ than|>=|≥)\ ?{n}(?:\ (?P<u4>[a-z]+))?
              | {n}(?:\ (?P<u5>[a-z]+))?\ or\ (?P<orless>less|fewer|below|under)
              | {n}(?:\ (?P<u6>[a-z]+))?\ ?(?:or\ (?P<ormore>more|greater|above|over|longer)|(?P<plus>\+))
            )$"
        ))
        .expect("valid")
    })
}

fn unit_of(word: Option<&str>, sign: &str) -> String {
    match word {
        Some(w) if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") => w[..w.len() - 1].to_owned(),
        Some(w) => w.to_owned(),
        None => sign.to_owned(),
    }
}

fn value(token: &str) -> Option<(f64, &'static str)> {
    number_token(token)
}

/// The values an option allows, when it is a number, a range or a bound;
/// `t` is its [`plain`] form.
fn interval(text: &str, t: &str) -> Option<Interval> {
    if text.contains('`') || text.contains('\n') || !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(c) = range().captures(t) {
        // "1 and 3" names two values (or two statements); "between 1 and
        // 3" is a range.
        if &c[4] == "and" && c.get(1).is_none_or(|m| m.as_str() != "between ") {
            return None;
        }
        let (a, sa) = value(&c[2])?;
        let (b, sb) = value(&c[5])?;
        if a >= b {
            return None;
        }
        let unit = c.get(6).or(c.get(3)).map(|m| m.as_str());
        return Some(Interval {
            lo: a,
            lo_in: true,
            hi: b,
            hi_in: true,
            unit: unit_of(unit, if sb.is_empty() { sa } else { sb }),
        });
    }
    if let Some(c) = bound().captures(t) {
        let n = (1..c.len()).filter_map(|i| c.get(i)).find_map(|m| value(m.as_str()))?;
        let unit_word = ["u1", "u2", "u3", "u4", "u5", "u6"].iter().find_map(|u| c.name(u)).map(|m| m.as_str());
        let unit = unit_of(unit_word, n.1);
        let (inf, ninf) = (f64::INFINITY, f64::NEG_INFINITY);
        let iv = |lo, lo_in, hi, hi_in| Interval { lo, lo_in, hi, hi_in, unit: unit.clone() };
        return Some(if c.name("below").is_some() {
            iv(ninf, false, n.0, false)
        } else if c.name("upto").is_some() || c.name("orless").is_some() {
            iv(ninf, false, n.0, true)
        } else if c.name("above").is_some() {
            iv(n.0, false, inf, false)
        } else {
            iv(n.0, true, inf, false)
        });
    }
    let words: Vec<&str> = t.split(' ').collect();
    if words.len() > 2 {
        return None;
    }
    let (n, sign) = value(words[0])?;
    let unit = words.get(1).copied();
    if unit.is_some_and(|u| !u.chars().all(|c| c.is_ascii_lowercase())) {
        return None;
    }
    Some(Interval { lo: n, lo_in: true, hi: n, hi_in: true, unit: unit_of(unit, sign) })
}

/// "lists, tuples and sets", "either a or b": the items a coordinated
/// option lists, lower case, articles left out.
fn items(t: &str) -> Option<Vec<String>> {
    // Only a choice between items ("lists or tuples") is right whenever
    // one of them is; "a sketch and an axis" claims both, a different
    // claim that is wrong when the second part is.
    if !t.contains(" or ") || t.contains(" and ") || t.contains(" & ") {
        return None;
    }
    let t = t.strip_prefix("both ").or_else(|| t.strip_prefix("either ")).unwrap_or(t);
    let words: Vec<&str> = t.split(' ').collect();
    // "by value or by reference, depending on the type" says the answer
    // varies; it offers no alternatives.
    if words
        .iter()
        .any(|w| matches!(*w, "not" | "no" | "neither" | "nor" | "without" | "except" | "only" | "depending"))
    {
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for w in words {
        let (w, comma) = match w.strip_suffix(',') {
            Some(w) => (w, true),
            None => (w, false),
        };
        if matches!(w, "and" | "or" | "&" | "and/or") {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
            continue;
        }
        if !w.is_empty() {
            current.push(w);
        }
        if comma && !current.is_empty() {
            out.push(current.join(" "));
            current.clear();
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    // "zero or one occurrence": alternatives that are numbers state a
    // quantity, one term, not a choice between options.
    const NUMBERS: &[&str] = &["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    if out.iter().any(|i| NUMBERS.contains(&i.as_str()) || i.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    (out.len() >= 2).then(|| out.iter().map(|i| without_article(i).to_owned()).collect())
}

fn without_article(t: &str) -> &str {
    ["a ", "an ", "the "].iter().find_map(|a| t.strip_prefix(a)).unwrap_or(t)
}

/// "Tints and Shades", "Save & Close": two capitalised words joined into
/// one name, as interface commands are; one of them alone is another
/// command, not a part of this one.
fn name_pair(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !matches!(c, '*' | '`' | '"')).collect();
    let words: Vec<&str> = t.trim().trim_end_matches('.').split_whitespace().collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic);
    matches!(words.as_slice(), [a, "and" | "&", b] if capital(a) && capital(b))
}

/// An option worth matching as an item: words, not a letter or a number
/// (`t` is its [`plain`] form).
fn item_like(text: &str, t: &str) -> bool {
    t.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !text.contains('\n') && !super::is_code(text)
}

pub fn check(q: &Question, source: &str, out: &mut Vec<Finding>) {
    let related = |i: usize, what: &str| {
        let c = &q.choices[i];
        let span = c.text.span_of(source, 0..c.text.value.len());
        Related::new(q.file, q.id(), span, what.to_owned())
    };
    // Ranges and bounds.
    let plains: Vec<String> = q.choices.iter().map(|c| plain(&c.text.value)).collect();
    let intervals: Vec<Option<Interval>> =
        q.choices.iter().zip(&plains).map(|(c, t)| interval(&c.text.value, t)).collect();
    let mut reported = vec![false; q.choices.len()];
    for (j, b) in intervals.iter().enumerate() {
        let Some(b) = b else { continue };
        // The first earlier option it overlaps, if any.
        let earlier =
            intervals[..j].iter().position(|a| a.as_ref().is_some_and(|a| !(a.point() && b.point()) && a.overlaps(b)));
        let Some(i) = earlier else { continue };
        reported[j] = true;
        let message = format!(
            "`{}` overlaps `{}`: a value can make both right",
            quote(&q.choices[j].text.value),
            quote(&q.choices[i].text.value)
        );
        let f = on_option(&RULE, q, source, &q.choices[j], message)
            .help("make the ranges disjoint, so that every value fits exactly one option")
            .related(related(i, "the option it overlaps"));
        out.push(f);
    }
    // An option that lists other options.
    let names: Vec<&str> = q
        .choices
        .iter()
        .zip(&plains)
        .map(|(c, t)| if item_like(&c.text.value, t) { without_article(t) } else { "" })
        .collect();
    for (j, c) in q.choices.iter().enumerate() {
        if reported[j] || super::is_code(&c.text.value) {
            continue;
        }
        let Some(listed) = items(&plains[j]) else { continue };
        let contained: Vec<usize> = (0..q.choices.len())
            .filter(|&i| i != j && !names[i].is_empty() && listed.iter().any(|l| l == names[i]))
            .collect();
        let Some(&first) = contained.first() else { continue };
        if contained.len() == 1 && name_pair(&c.text.value) {
            continue;
        }
        let quoted: Vec<String> = contained.iter().map(|&i| format!("`{}`", quote(&q.choices[i].text.value))).collect();
        let message = format!("`{}` includes the option {}", quote(&c.text.value), quoted.join(" and "));
        let mut f = on_option(&RULE, q, source, c, message)
            .help("an option that lists another is right whenever that one is; make each option stand alone");
        f = f.related(related(first, "the option it includes"));
        for &i in &contained[1..] {
            f = f.related(related(i, "the option it includes"));
        }
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn interval_of(s: &str) -> Option<Interval> {
        interval(s, &plain(s))
    }

    fn items_of(s: &str) -> Option<Vec<String>> {
        items(&plain(s))
    }

    fn overlap(a: &str, b: &str) -> bool {
        let (a, b) = (interval_of(a).unwrap(), interval_of(b).unwrap());
        a.overlaps(&b)
    }

    #[test]
    fn ranges_and_bounds() {
        assert!(overlap("1-5", "5-10"));
        assert!(!overlap("1-4", "5-10"));
        assert!(overlap("less than 10", "less than 20"));
        assert!(!overlap("less than 10", "10 or more"));
        assert!(overlap("at most 10", "10 or more"));
        assert!(overlap("between 2 and 6 seconds", "5 seconds"));
        assert!(!overlap("1-5 seconds", "3 minutes"));
        assert!(overlap("$500-$1,000", "$1,000"));
        assert!(overlap("More than 3", "5+"));
        assert_eq!(interval_of("`1-5`"), None);
        assert_eq!(
            interval_of("2024-03-01"),
            Some(Interval { lo: 20240301.0, lo_in: true, hi: 20240301.0, hi_in: true, unit: String::new() })
        );
        assert_eq!(interval_of("5-1"), None);
        assert_eq!(interval_of("1 and 3"), None);
        assert!(interval_of("between 1 and 3").is_some() && interval_of("from 1 to 3").is_some());
    }

    #[test]
    fn coordinated_items() {
        assert_eq!(items_of("Lists or tuples"), Some(vec!["lists".into(), "tuples".into()]));
        assert_eq!(
            items_of("Python, HTML or template syntax"),
            Some(vec!["python".into(), "html".into(), "template syntax".into()])
        );
        assert_eq!(items_of("Lists and tuples"), None, "a conjunction claims both");
        assert_eq!(items_of("Either a list or a tuple"), Some(vec!["list".into(), "tuple".into()]));
        assert_eq!(items_of("Neither lists nor tuples"), None);
        assert_eq!(items_of("Save"), None);
        assert!(name_pair("Tints and Shades") && name_pair("Save & Close"));
        assert!(!name_pair("fields and methods") && !name_pair("Firebase Emulator and GCP Rules Simulator"));
    }
}

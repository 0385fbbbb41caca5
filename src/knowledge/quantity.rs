//! Amounts of time and of memory in text: "300 seconds", "15 min",
//! "3,008 MB", "10 GB". Limits (see [`super::Limit`]) are compared in a
//! base unit: seconds for time, megabytes (1,024 KB) for sizes.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// What an amount measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Time,
    Size,
}

/// An amount in the base unit of its dimension.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    pub dimension: Dimension,
    pub amount: f64,
}

impl Quantity {
    /// Whether two amounts are the same (to a thousandth, so that 0.5 min
    /// is 30 s).
    pub fn same(&self, other: &Quantity) -> bool {
        self.dimension == other.dimension && (self.amount - other.amount).abs() < 1e-3
    }
}

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)(?:^|[^0-9A-Za-z_.,])(?P<n>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?|one|two|three|five|ten|fifteen|thirty|sixty)(?:[ \t\u{a0}]*|-)(?P<u>seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|kilobytes?|kb|kib|megabytes?|mb|mib|gigabytes?|gb|gib)(?-u:\b)",
        )
        .expect("valid")
    })
}

fn number(word: &str) -> Option<f64> {
    let n = match word.to_ascii_lowercase().as_str() {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "five" => 5.0,
        "ten" => 10.0,
        "fifteen" => 15.0,
        "thirty" => 30.0,
        "sixty" => 60.0,
        digits => digits.replace(',', "").parse().ok()?,
    };
    Some(n)
}

fn unit(word: &str) -> Option<(Dimension, f64)> {
    let w = word.to_ascii_lowercase();
    Some(match w.as_str() {
        "s" | "sec" | "secs" | "second" | "seconds" => (Dimension::Time, 1.0),
        "m" | "min" | "mins" | "minute" | "minutes" => (Dimension::Time, 60.0),
        "h" | "hr" | "hrs" | "hour" | "hours" => (Dimension::Time, 3600.0),
        "kb" | "kib" | "kilobyte" | "kilobytes" => (Dimension::Size, 1.0 / 1024.0),
        "mb" | "mib" | "megabyte" | "megabytes" => (Dimension::Size, 1.0),
        "gb" | "gib" | "gigabyte" | "gigabytes" => (Dimension::Size, 1024.0),
        _ => return None,
    })
}

/// Every amount in `text`, with where it is written (the number and its
/// unit).
pub fn quantities(text: &str) -> Vec<(Range<usize>, Quantity)> {
    pattern()
        .captures_iter(text)
        .filter_map(|caps| {
            let n = caps.name("n")?;
            let u = caps.name("u")?;
            // "5 m" and "2 h" only as written in tables and code: a lone
            // letter after a number is read only in lower case.
            if u.as_str().len() == 1 && u.as_str() != u.as_str().to_ascii_lowercase() {
                return None;
            }
            let (dimension, scale) = unit(u.as_str())?;
            Some((n.start()..u.end(), Quantity { dimension, amount: number(n.as_str())? * scale }))
        })
        .collect()
}

/// One amount written alone, as a knowledge file gives it ("300
/// seconds", "10 GB"): read without the regular expression, which a run
/// builds only if it reads amounts in text.
pub fn parse(text: &str) -> Option<Quantity> {
    let (n, u) = text.trim().split_once(' ')?;
    let (dimension, scale) = unit(u.trim())?;
    Some(Quantity { dimension, amount: number(n)? * scale })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(text: &str) -> Vec<(String, f64)> {
        quantities(text).into_iter().map(|(r, q)| (text[r].to_owned(), q.amount)).collect()
    }

    #[test]
    fn times_and_sizes_in_their_base_unit() {
        assert_eq!(amounts("b) 300 seconds"), [("300 seconds".into(), 300.0)]);
        assert_eq!(amounts("up to 15 minutes (900s)"), [("15 minutes".into(), 900.0), ("900s".into(), 900.0)]);
        assert_eq!(amounts("five minutes"), [("five minutes".into(), 300.0)]);
        assert_eq!(amounts("3,008 MB or 10 GB"), [("3,008 MB".into(), 3008.0), ("10 GB".into(), 10240.0)]);
        assert_eq!(amounts("a 15-minute timeout"), [("15-minute".into(), 900.0)]);
    }

    #[test]
    fn numbers_that_are_not_amounts() {
        assert!(amounts("HTTP/2, IPv6, step 1.2, port 8080, v300s, 1.5.3 seconds").is_empty());
        assert!(amounts("300 sessions, 5 mice, 10 gbps").is_empty());
        assert_eq!(parse("300 seconds").map(|q| q.amount), Some(300.0));
        assert_eq!(parse("10 GB").map(|q| q.amount), Some(10240.0));
        assert_eq!(parse("300 seconds or more"), None);
        assert_eq!(parse("300seconds"), None);
        // What a knowledge file gives is read as text would be.
        for written in ["300 seconds", "15 minutes", "3,008 MB", "10 GB"] {
            assert_eq!(parse(written), quantities(written).first().map(|(_, q)| *q), "{written}");
        }
    }
}

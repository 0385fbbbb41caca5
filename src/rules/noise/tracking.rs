//! `noise/tracking-param`: which separator goes when a tracking parameter
//! is removed from a URL's query.

use std::ops::Range;

pub const ID: &str = "noise/tracking-param";

/// The range to remove for the parameter `param` (`utm_source=x`, without
/// its separator) so that the query stays well formed: `?p&rest` keeps the
/// `?` and loses `p&`; `?p` at the end loses `?p`; `&p` loses `&p`.
pub fn removal(text: &str, param: Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    let before = param.start.checked_sub(1).map(|i| bytes[i]);
    match (before, bytes.get(param.end)) {
        (Some(b'?'), Some(b'&')) => param.start..param.end + 1,
        (Some(b'?' | b'&'), _) => param.start - 1..param.end,
        _ => param,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn remove(url: &str, param: &str) -> String {
        let start = url.find(param).unwrap();
        let mut out = url.to_owned();
        out.replace_range(removal(url, start..start + param.len()), "");
        out
    }

    #[test]
    fn queries_stay_well_formed() {
        assert_eq!(remove("https://a.io/x?utm_source=c", "utm_source=c"), "https://a.io/x");
        assert_eq!(remove("https://a.io/x?utm_source=c&page=2", "utm_source=c"), "https://a.io/x?page=2");
        assert_eq!(remove("https://a.io/x?page=2&utm_source=c", "utm_source=c"), "https://a.io/x?page=2");
        assert_eq!(remove("https://a.io/x?page=2&fbclid=1&q=3", "fbclid=1"), "https://a.io/x?page=2&q=3");
        assert_eq!(remove("https://a.io/x?utm_source=c#part", "utm_source=c"), "https://a.io/x#part");
    }
}

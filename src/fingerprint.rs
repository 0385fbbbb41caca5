//! Stable identities for findings that do not depend on line numbers:
//! the rule, the question id (or the file, for file-level findings) and the
//! flagged text with its whitespace collapsed. Used by baselines and by
//! SARIF `partialFingerprints`, so moving or editing other questions keeps
//! a finding's identity. The hash is FNV-1a (64-bit): stable across runs,
//! builds and platforms.

use crate::bank::Bank;
use crate::finding::Finding;

/// One finding's identity parts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub rule: String,
    /// The question id, or `file:` and the file name for file-level findings.
    pub question: String,
    /// Hash of the flagged text, with the occurrence number among findings
    /// that share rule, question and text (`…#2` for the second).
    pub text: String,
}

pub fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hash ^= 0xff;
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        for &b in *part {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The keys of `findings`, in order.
pub fn keys(bank: &Bank, findings: &[Finding]) -> Vec<Key> {
    let mut seen: std::collections::HashMap<(String, String, u64), usize> = std::collections::HashMap::new();
    findings
        .iter()
        .map(|f| {
            let file = bank.file(f.file);
            let flagged = file.text.get(f.span.start..f.span.end).unwrap_or("");
            let collapsed: Vec<&str> = flagged.split_whitespace().collect();
            let text_hash = fnv1a(&[collapsed.join(" ").as_bytes()]);
            let question = f.question_id.clone().unwrap_or_else(|| format!("file:{}", file.name));
            let n = seen.entry((f.rule.to_string(), question.clone(), text_hash)).or_insert(0);
            *n += 1;
            let text = if *n == 1 { format!("{text_hash:016x}") } else { format!("{text_hash:016x}#{n}") };
            Key { rule: f.rule.to_string(), question, text }
        })
        .collect()
}

impl Key {
    /// One hex string for the whole key.
    pub fn digest(&self) -> String {
        format!("{:016x}", fnv1a(&[self.rule.as_bytes(), self.question.as_bytes(), self.text.as_bytes()]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_the_published_function() {
        // Test vectors of FNV-1a 64.
        assert_eq!(fnv1a(&[b""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(&[b"a"]), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(&[b"foobar"]), 0x8594_4171_f739_67e8);
    }
}

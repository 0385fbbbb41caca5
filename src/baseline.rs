//! Baselines: record today's findings (`--write-baseline FILE`) and report
//! only new ones later (`--baseline FILE`). Findings are matched by rule,
//! question id and a fingerprint of the flagged text (see
//! [`crate::fingerprint`]), never by line numbers, so moving, reordering or
//! editing other questions does not bring them back.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::bank::Bank;
use crate::finding::Finding;
use crate::fingerprint::{self, Key};

pub const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct Document {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    rule: String,
    question: String,
    fingerprint: String,
    /// Where it was when recorded; for people reading the file, not used
    /// for matching.
    #[serde(default)]
    file: String,
    #[serde(default)]
    message: String,
}

/// A loaded baseline: how many findings of each key it accepts.
#[derive(Debug, Default)]
pub struct Baseline {
    counts: HashMap<Key, usize>,
}

/// Write the findings as a baseline file, atomically. Returns how many.
pub fn write(path: &Path, bank: &Bank, findings: &[Finding]) -> std::io::Result<usize> {
    let keys = fingerprint::keys(bank, findings);
    let mut entries: Vec<Entry> = findings
        .iter()
        .zip(keys)
        .map(|(f, k)| Entry {
            rule: k.rule,
            question: k.question,
            fingerprint: k.text,
            file: bank.file(f.file).name.clone(),
            message: f.message.clone(),
        })
        .collect();
    entries.sort_by(|a, b| (&a.rule, &a.question, &a.fingerprint).cmp(&(&b.rule, &b.question, &b.fingerprint)));
    let mut text = serde_json::to_string_pretty(&Document { version: VERSION, findings: entries })?;
    text.push('\n');
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".djlint-baseline-").tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(findings.len())
}

/// Read a baseline file.
pub fn load(path: &Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
    let doc: Document =
        serde_json::from_str(&text).map_err(|e| format!("{} is not a djlint baseline: {e}", path.display()))?;
    if doc.version != VERSION {
        return Err(format!(
            "{}: baseline version {} is not supported (expected {VERSION})",
            path.display(),
            doc.version
        ));
    }
    let mut counts = HashMap::new();
    for e in doc.findings {
        *counts.entry(Key { rule: e.rule, question: e.question, text: e.fingerprint }).or_insert(0) += 1;
    }
    Ok(Baseline { counts })
}

impl Baseline {
    /// Remove the findings the baseline accepts. Returns (hidden, entries
    /// left unmatched: problems fixed since the baseline was written).
    pub fn filter(&self, bank: &Bank, findings: &mut Vec<Finding>) -> (usize, usize) {
        let keys = fingerprint::keys(bank, findings);
        let mut left = self.counts.clone();
        let mut keep = keys.iter().map(|k| match left.get_mut(k) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        let before = findings.len();
        findings.retain(|_| keep.next().unwrap_or(true));
        (before - findings.len(), left.values().sum())
    }
}

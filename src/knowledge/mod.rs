//! The knowledge base: dated facts about product releases, read by the
//! `stale/*` rules.
//!
//! One YAML file per product (`rules/knowledge/*.yaml`, embedded at build
//! time; users add theirs with `knowledge = [...]` in djlint.toml). A file
//! names the product and how texts write its name, and lists its release
//! cycles in the shape of endoflife.date's data: release date, LTS, end of
//! mainstream and of security support, latest patch, plus which other
//! products' versions each release supports and which features it
//! introduced and removed. Every fact carries a source, which findings
//! cite. Adding a release is adding an item to a file; no code changes.

mod date;
mod parse;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use regex::Regex;

pub use date::{Date, Day};

use crate::config::ConfigError;

/// The built-in knowledge files: (name shown in errors, text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("rules/knowledge/django.yaml", include_str!("../../rules/knowledge/django.yaml")),
    ("rules/knowledge/python.yaml", include_str!("../../rules/knowledge/python.yaml")),
    ("rules/knowledge/drf.yaml", include_str!("../../rules/knowledge/drf.yaml")),
];

/// A version number: one to three numeric parts (`4.2`, `4.2.30`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub patch: Option<u32>,
}

impl Version {
    /// Parse `A.B` or `A.B.C`.
    pub fn parse(s: &str) -> Option<Version> {
        let mut parts = s.split('.');
        let num = |p: Option<&str>| -> Option<u32> {
            p.filter(|p| !p.is_empty() && p.len() <= 6 && p.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()
        };
        let major = num(parts.next())?;
        let minor = num(parts.next())?;
        let patch = match parts.next() {
            Some(p) => Some(num(Some(p))?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Version { major, minor, patch })
    }

    /// The release cycle (`4.2` of `4.2.30`).
    pub fn cycle(self) -> Version {
        Version { patch: None, ..self }
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)?;
        if let Some(p) = self.patch {
            write!(f, ".{p}")?;
        }
        Ok(())
    }
}

/// A product and its release cycles.
#[derive(Debug, Clone)]
pub struct Product {
    pub name: String,
    /// How texts name it (`Django REST framework`, `DRF`); matched without
    /// regard to case.
    pub names: Vec<String>,
    /// When the facts were last checked: patch releases after this day are
    /// not known.
    pub updated: Option<Date>,
    /// Where the LTS policy is stated.
    pub lts_source: Option<String>,
    /// Sorted by cycle.
    pub releases: Vec<Release>,
    /// The file the product came from (the last one, when users extend it).
    pub origin: String,
}

/// One release cycle.
#[derive(Debug, Clone)]
pub struct Release {
    pub cycle: Version,
    pub released: Date,
    pub lts: bool,
    pub mainstream_support: Option<Date>,
    pub security_support: Option<Date>,
    /// The latest patch release known (the final one once support ended).
    pub latest: Option<Version>,
    /// Source of the dates, LTS and latest patch.
    pub source: String,
    /// Versions of other products this release supports.
    pub supports: Vec<Support>,
    pub supports_source: String,
    pub introduced: Vec<Feature>,
    pub removed: Vec<Feature>,
}

/// The versions of `product` a release supports.
#[derive(Debug, Clone)]
pub struct Support {
    pub product: String,
    /// Each supported cycle, with the patch release that added it when that
    /// came after the first release of the cycle.
    pub versions: Vec<(Version, Option<Version>)>,
}

/// A feature a release introduced or removed.
#[derive(Debug, Clone)]
pub struct Feature {
    /// How messages name it.
    pub name: String,
    /// Literal text that names it in an answer (any case, word-bounded).
    pub phrases: Vec<String>,
    /// Regular expressions that find it (code, for removed features); a
    /// group named `hit` is what findings label.
    pub patterns: Vec<String>,
    pub source: String,
    /// What to use instead (removed features).
    pub instead: Option<String>,
}

/// Introduced or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Introduced,
    Removed,
}

/// Where a feature is in the knowledge base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureRef {
    pub product: usize,
    pub release: usize,
    pub change: Change,
    pub feature: usize,
}

/// A feature found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureHit {
    pub feature: FeatureRef,
    pub range: Range<usize>,
}

impl Release {
    pub fn is_released(&self, as_of: Day) -> bool {
        self.released.first() <= as_of
    }

    /// The last day of any support, when known.
    pub fn support_end(&self) -> Option<Date> {
        self.security_support.or(self.mainstream_support)
    }

    /// Released and not past its end of support. A release without
    /// support dates counts as supported: nothing says otherwise.
    pub fn is_supported(&self, as_of: Day) -> bool {
        self.is_released(as_of) && self.support_end().is_none_or(|end| as_of <= end.last())
    }

    pub fn support_for(&self, product: &str) -> Option<&Support> {
        self.supports.iter().find(|s| s.product.eq_ignore_ascii_case(product))
    }

    pub fn feature(&self, change: Change, i: usize) -> &Feature {
        match change {
            Change::Introduced => &self.introduced[i],
            Change::Removed => &self.removed[i],
        }
    }
}

impl Product {
    pub fn release(&self, cycle: Version) -> Option<&Release> {
        self.releases.iter().find(|r| r.cycle == cycle.cycle())
    }

    pub fn has_lts(&self) -> bool {
        self.releases.iter().any(|r| r.lts)
    }

    /// The releases supported on `as_of`, newest first, as "6.1, 6.0, 5.2 LTS".
    pub fn supported_list(&self, as_of: Day) -> String {
        let list: Vec<String> = self
            .releases
            .iter()
            .rev()
            .filter(|r| r.is_supported(as_of))
            .map(|r| if r.lts { format!("{} LTS", r.cycle) } else { r.cycle.to_string() })
            .collect();
        if list.is_empty() { "none".into() } else { list.join(", ") }
    }

    /// The newest release out on `as_of`.
    pub fn newest(&self, as_of: Day) -> Option<&Release> {
        self.releases.iter().rev().find(|r| r.is_released(as_of))
    }
}

/// Every product of a run, with the matchers built from them.
#[derive(Debug)]
pub struct Knowledge {
    pub products: Vec<Product>,
    matchers: OnceLock<Matchers>,
}

#[derive(Debug)]
struct Matchers {
    /// Any product name, as a word.
    names: Regex,
    /// For each name pattern alternative, the product (lower-cased name → index).
    by_name: Vec<(String, usize)>,
    /// Which feature phrases and patterns may match a text.
    features: Option<crate::prefilter::Prefilter>,
    /// Per pattern of `features`: its source, the feature, and the pattern
    /// alone (compiled when first reported) to find where it matches.
    sources: Vec<String>,
    feature_of: Vec<FeatureRef>,
    parts: Vec<OnceLock<Regex>>,
}

impl Knowledge {
    /// The built-in knowledge files, parsed once per process.
    pub fn builtin() -> Arc<Knowledge> {
        static KNOWLEDGE: OnceLock<Arc<Knowledge>> = OnceLock::new();
        KNOWLEDGE
            .get_or_init(|| {
                let mut products = Vec::new();
                for (name, text) in BUILTIN {
                    match parse::parse(name, text, false) {
                        Ok(p) => merge(&mut products, p),
                        Err(e) => panic!("built-in knowledge file {name} is invalid: {} at {:?}", e.message, e.span),
                    }
                }
                Arc::new(Knowledge::new(products))
            })
            .clone()
    }

    /// The built-in files plus the user files at `paths` (named in the
    /// config file `config`, whose text is `config_text`).
    pub fn load(paths: &[(PathBuf, Range<usize>)], config: &Path, config_text: &str) -> Result<Knowledge, ConfigError> {
        let mut products = Knowledge::builtin().products.clone();
        for (path, span) in paths {
            let text = crate::datafile::read_listed(path, span, config, config_text, "knowledge file")?;
            merge(&mut products, parse::parse(&path.display().to_string(), &text, true)?);
        }
        Ok(Knowledge::new(products))
    }

    fn new(products: Vec<Product>) -> Knowledge {
        Knowledge { products, matchers: OnceLock::new() }
    }

    /// Build the matchers now, for about `bytes` of text to scan: from
    /// [`crate::prefilter::FAST_SCAN_BYTES`] on, the feature prefilter is a
    /// DFA, slower to build and faster to scan. Without this call the first
    /// lookup builds them for a small text.
    pub fn prepare(&self, bytes: usize) {
        self.matchers_for(bytes >= crate::prefilter::FAST_SCAN_BYTES);
    }

    fn matchers(&self) -> &Matchers {
        self.matchers_for(false)
    }

    fn matchers_for(&self, fast: bool) -> &Matchers {
        self.matchers.get_or_init(|| {
            let mut by_name: Vec<(String, usize)> = self
                .products
                .iter()
                .enumerate()
                .flat_map(|(i, p)| p.names.iter().map(move |n| (n.to_lowercase(), i)))
                .collect();
            // Longest first, so that "Django REST framework" wins over "Django".
            by_name.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
            let alternatives: Vec<String> = by_name
                .iter()
                .map(|(n, _)| n.split_whitespace().map(regex::escape).collect::<Vec<_>>().join(r"\s+"))
                .collect();
            // ASCII case and spaces: cheap to build at every start.
            let names = regex::RegexBuilder::new(&format!(r"(?i-u)\b(?:{})\b", alternatives.join("|")))
                .build()
                .expect("product names are escaped");
            let mut sources = Vec::new();
            let mut known = Vec::new();
            let mut feature_of = Vec::new();
            for (p, product) in self.products.iter().enumerate() {
                for (r, release) in product.releases.iter().enumerate() {
                    for (change, list) in
                        [(Change::Introduced, &release.introduced), (Change::Removed, &release.removed)]
                    {
                        for (f, feature) in list.iter().enumerate() {
                            let at = FeatureRef { product: p, release: r, change, feature: f };
                            // A phrase cannot match without its longest
                            // word, in any ASCII case: the prefilter needs
                            // not read that out of the regex.
                            for ph in &feature.phrases {
                                sources.push(phrase(ph));
                                known.push(phrase_literal(ph));
                                feature_of.push(at);
                            }
                            for pattern in &feature.patterns {
                                sources.push(ascii_classes(pattern));
                                known.push(None);
                                feature_of.push(at);
                            }
                        }
                    }
                }
            }
            let features = (!sources.is_empty()).then(|| {
                let refs: Vec<&str> = sources.iter().map(String::as_str).collect();
                crate::prefilter::Prefilter::new(&refs, &known, fast, crate::packs::SIZE_LIMIT)
            });
            let parts = sources.iter().map(|_| OnceLock::new()).collect();
            Matchers { names, by_name, features, sources, feature_of, parts }
        })
    }

    /// Every product name in `text`: (product, byte range).
    pub fn names_in(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        let m = self.matchers();
        m.names
            .find_iter(text)
            .filter_map(|hit| {
                let found = hit.as_str().split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
                m.by_name.iter().find(|(n, _)| *n == found).map(|&(_, p)| (p, hit.range()))
            })
            .collect()
    }

    /// Every feature named in `text`, leftmost-longest, not overlapping.
    pub fn features_in(&self, text: &str) -> Vec<FeatureHit> {
        let m = self.matchers();
        let Some(prefilter) = &m.features else { return Vec::new() };
        let mut candidates = Vec::new();
        prefilter.candidates(text, &mut candidates);
        Self::features_of(m, candidates.into_iter().map(|i| i as usize), text)
    }

    /// The features of `patterns` (indices into the matchers' sources)
    /// found in `text`, leftmost-longest, not overlapping.
    fn features_of(m: &Matchers, patterns: impl Iterator<Item = usize>, text: &str) -> Vec<FeatureHit> {
        let mut hits: Vec<FeatureHit> = Vec::new();
        for i in patterns {
            let re = m.parts[i].get_or_init(|| Regex::new(&m.sources[i]).expect("validated when read"));
            // A group named `hit` narrows the label to the removed name.
            for caps in re.captures_iter(text) {
                let hit = caps.name("hit").unwrap_or_else(|| caps.get(0).expect("group 0 always matches"));
                if !hit.is_empty() {
                    hits.push(FeatureHit { feature: m.feature_of[i], range: hit.range() });
                }
            }
        }
        hits.sort_by(|a, b| a.range.start.cmp(&b.range.start).then(b.range.end.cmp(&a.range.end)));
        let mut out: Vec<FeatureHit> = Vec::new();
        for h in hits {
            if out.last().is_none_or(|last| h.range.start >= last.range.end) {
                out.push(h);
            }
        }
        out
    }

    pub fn feature(&self, at: FeatureRef) -> (&Product, &Release, &Feature) {
        let product = &self.products[at.product];
        let release = &product.releases[at.release];
        (product, release, release.feature(at.change, at.feature))
    }

    pub fn product(&self, name: &str) -> Option<usize> {
        self.products.iter().position(|p| p.name.eq_ignore_ascii_case(name))
    }
}

/// A feature phrase as a regex: like a pack phrase (any case, word-bounded),
/// with ASCII case folding, which is much cheaper to build.
fn phrase(text: &str) -> String {
    let unicode = crate::packs::phrase_regex(text);
    format!("(?i-u){}", unicode.strip_prefix("(?i)").unwrap_or(&unicode))
}

/// The longest word of a phrase, lower-cased: every match of [`phrase`]
/// contains it in some ASCII case.
fn phrase_literal(text: &str) -> Option<Vec<Vec<u8>>> {
    let word = text.split_whitespace().max_by_key(|w| w.len())?;
    Some(vec![word.to_ascii_lowercase().into_bytes()])
}

/// `pattern` with `\b` and `\w` made ASCII: Unicode word classes cost far
/// more to compile, at every start of the program, and identifiers are ASCII.
pub fn ascii_classes(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)").replace(r"\w", r"(?-u:\w)")
}

/// Add `new` to `products`: a product already known gains its releases (a
/// cycle already known is replaced), and its names and sources.
fn merge(products: &mut Vec<Product>, new: Product) {
    let Some(old) = products.iter_mut().find(|p| p.name.eq_ignore_ascii_case(&new.name)) else {
        products.push(new);
        return;
    };
    for name in new.names {
        if !old.names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            old.names.push(name);
        }
    }
    old.updated = match (old.updated, new.updated) {
        (Some(a), Some(b)) => Some(if b.last() > a.last() { b } else { a }),
        (a, b) => a.or(b),
    };
    old.lts_source = new.lts_source.or(old.lts_source.take());
    old.origin = new.origin;
    for release in new.releases {
        old.releases.retain(|r| r.cycle != release.cycle);
        old.releases.push(release);
    }
    old.releases.sort_by_key(|r| r.cycle);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_and_order_by_number() {
        let v = |s: &str| Version::parse(s).unwrap();
        assert!(v("3.9") < v("3.10") && v("1.11") > v("1.2") && v("4.2") < v("4.2.1"));
        assert_eq!(v("4.2.30").cycle(), v("4.2"));
        assert_eq!(v("4.2.30").to_string(), "4.2.30");
        for bad in ["4", "4.", ".2", "4.2.1.0", "4.x", "v4.2", ""] {
            assert_eq!(Version::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn built_in_files_load_with_every_pattern_valid() {
        let k = Knowledge::builtin();
        let names: Vec<&str> = k.products.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Django", "Python", "Django REST framework"]);
        let django = &k.products[k.product("django").unwrap()];
        let r42 = django.release(Version::parse("4.2.8").unwrap()).unwrap();
        assert!(r42.lts && r42.latest == Version::parse("4.2.30"));
        assert_eq!(r42.security_support.unwrap().to_string(), "2026-04-07");
        assert_eq!(django.supported_list((2026, 11, 21)), "6.1, 6.0, 5.2 LTS");
        // Each feature pattern compiles alone and finds its own example.
        assert_eq!(k.matchers().sources.len(), k.matchers().feature_of.len());
        for source in &k.matchers().sources {
            Regex::new(source).unwrap_or_else(|e| panic!("{source}: {e}"));
        }
        let hits = k.features_in("Use STORAGES, not DEFAULT_FILE_STORAGE, and async views.");
        let names: Vec<&str> = hits.iter().map(|h| k.feature(h.feature).2.name.as_str()).collect();
        assert_eq!(names, ["the STORAGES setting", "the `DEFAULT_FILE_STORAGE` setting", "async views and middleware"]);
    }

    #[test]
    fn feature_lookups_find_what_every_feature_pattern_alone_finds() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = Vec::new();
        for dir in ["fixtures/stale", "fixtures/demo", "fuzz/seeds"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
                texts.extend(std::fs::read_to_string(e.path()).ok());
            }
        }
        // Every phrase and its name as text, in other cases and spacing.
        for p in &Knowledge::builtin().products {
            for r in &p.releases {
                for f in r.introduced.iter().chain(&r.removed) {
                    for t in f.phrases.iter().chain([&f.name]) {
                        texts.extend([t.clone(), t.to_uppercase(), t.replace(' ', "\t"), format!("x{t}y")]);
                    }
                }
            }
        }
        for bytes in [0, usize::MAX] {
            let k = Knowledge::new(Knowledge::builtin().products.clone());
            k.prepare(bytes);
            let m = k.matchers();
            assert_eq!(m.features.as_ref().unwrap().fast(), bytes > 0);
            let mut found = 0;
            for text in &texts {
                let all = Knowledge::features_of(m, 0..m.sources.len(), text);
                assert_eq!(k.features_in(text), all, "{text}");
                found += all.len();
            }
            assert!(found > 100, "only {found} features found");
        }
    }

    #[test]
    fn user_files_add_products_and_replace_releases() {
        let mut products = Knowledge::builtin().products.clone();
        let extra = parse::parse(
            "extra.yaml",
            "product: django\nnames: [Dj]\nreleases:\n  - cycle: \"4.2\"\n    released: 2023-04-03\n    source: mine\n  - cycle: \"9.0\"\n    released: 2030-01\n    source: mine\n",
            true,
        )
        .unwrap();
        merge(&mut products, extra);
        let k = Knowledge::new(products);
        let django = &k.products[k.product("Django").unwrap()];
        let r42 = django.release(Version::parse("4.2").unwrap()).unwrap();
        assert_eq!(r42.source, "mine");
        assert!(!r42.lts, "a replaced release takes the new facts");
        assert_eq!(django.releases.last().unwrap().cycle, Version::parse("9.0").unwrap());
        assert_eq!(k.names_in("Dj 9.0 and DJANGO 4.2").iter().map(|(p, _)| *p).collect::<Vec<_>>(), [0, 0]);
        assert_eq!(k.names_in("Django REST framework 3.15")[0].0, k.product("Django REST framework").unwrap());
    }
}

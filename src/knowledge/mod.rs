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
pub mod endoflife;
mod parse;
pub mod quantity;
pub mod update;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use regex::Regex;

pub use date::{Date, Day};

use crate::config::ConfigError;

/// The bundled release data: endoflife.date's, for the products the
/// knowledge files link to with `endoflife:`.
pub const BUILTIN_RELEASE_DATA: (&str, &str) =
    ("rules/knowledge/endoflife.json", include_str!("../../rules/knowledge/endoflife.json"));

/// The built-in knowledge files: (name shown in errors, text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("rules/knowledge/django.yaml", include_str!("../../rules/knowledge/django.yaml")),
    ("rules/knowledge/python.yaml", include_str!("../../rules/knowledge/python.yaml")),
    ("rules/knowledge/drf.yaml", include_str!("../../rules/knowledge/drf.yaml")),
    ("rules/knowledge/products.yaml", include_str!("../../rules/knowledge/products.yaml")),
    ("rules/knowledge/ecmascript.yaml", include_str!("../../rules/knowledge/ecmascript.yaml")),
    ("rules/knowledge/go.yaml", include_str!("../../rules/knowledge/go.yaml")),
    ("rules/knowledge/java.yaml", include_str!("../../rules/knowledge/java.yaml")),
    ("rules/knowledge/kotlin.yaml", include_str!("../../rules/knowledge/kotlin.yaml")),
    ("rules/knowledge/nodejs.yaml", include_str!("../../rules/knowledge/nodejs.yaml")),
    ("rules/knowledge/react.yaml", include_str!("../../rules/knowledge/react.yaml")),
    ("rules/knowledge/rust.yaml", include_str!("../../rules/knowledge/rust.yaml")),
    ("rules/knowledge/dotnet.yaml", include_str!("../../rules/knowledge/dotnet.yaml")),
    ("rules/knowledge/php.yaml", include_str!("../../rules/knowledge/php.yaml")),
    ("rules/knowledge/python-facts.yaml", include_str!("../../rules/knowledge/python-facts.yaml")),
    ("rules/knowledge/symfony.yaml", include_str!("../../rules/knowledge/symfony.yaml")),
    ("rules/knowledge/typescript.yaml", include_str!("../../rules/knowledge/typescript.yaml")),
    ("rules/knowledge/aws-lambda.yaml", include_str!("../../rules/knowledge/aws-lambda.yaml")),
];

/// A version number: one to three numeric parts (`18`, `4.2`, `4.2.30`).
///
/// `short` marks a version written as one number: React's release cycles
/// are majors ("React 18"), Django's are `major.minor` ("Django 4.2").
/// It is the last field, so versions order by their numbers first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub patch: Option<u32>,
    pub short: bool,
}

impl Version {
    /// Parse `A.B` or `A.B.C`.
    pub fn parse(s: &str) -> Option<Version> {
        Version::parse_any(s).filter(|v| !v.short)
    }

    /// Parse `A`, `A.B` or `A.B.C`.
    pub fn parse_any(s: &str) -> Option<Version> {
        let mut parts = s.split('.');
        let num = |p: Option<&str>| -> Option<u32> {
            p.filter(|p| !p.is_empty() && p.len() <= 6 && p.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()
        };
        let major = num(parts.next())?;
        let Some(minor) = parts.next() else { return Some(Version::major_only(major)) };
        let minor = num(Some(minor))?;
        let patch = match parts.next() {
            Some(p) => Some(num(Some(p))?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Version { major, minor, patch, short: false })
    }

    /// A release written as one number ("React 18").
    pub fn major_only(major: u32) -> Version {
        Version { major, minor: 0, patch: None, short: true }
    }

    /// The `major.minor` cycle (`4.2` of `4.2.30`).
    pub fn cycle(self) -> Version {
        Version { patch: None, ..self }
    }

    /// Whether this version is `cycle` or a release of it: `4.2.30` is in
    /// `4.2`; `18.3.1` and `18` are in the major cycle `18`.
    pub fn is_in(self, cycle: Version) -> bool {
        if cycle.short {
            self.major == cycle.major
        } else {
            !self.short && self.major == cycle.major && self.minor == cycle.minor
        }
    }

    /// The numbers, for comparing a release with a patch release:
    /// (major, minor, patch), missing parts as 0.
    pub fn numbers(self) -> (u32, u32, u32) {
        (self.major, self.minor, self.patch.unwrap_or(0))
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.short {
            return write!(f, "{}", self.major);
        }
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
    /// regard to ASCII case.
    pub names: Vec<String>,
    /// Names matched only as written: names that are also common words
    /// ("Go", "Express").
    pub exact_names: Vec<String>,
    /// Names written right before the version, as written: `ES` of
    /// "ES6" and "ES2015".
    pub glued_names: Vec<String>,
    /// The product's id at endoflife.date, whose release data fills its
    /// dates, LTS flags, latest patches and ends of support.
    pub endoflife: Option<String>,
    /// Other ways texts write a release: Java's `1.8` is `8`.
    pub spellings: Vec<(Version, Version)>,
    /// When the facts were last checked: patch releases after this day are
    /// not known.
    pub updated: Option<Date>,
    /// Where the LTS policy is stated.
    pub lts_source: Option<String>,
    /// Sorted by cycle.
    pub releases: Vec<Release>,
    /// The file the product came from (the last one, when users extend it).
    pub origin: String,
    /// Documented limits that have changed over time (not tied to a
    /// release): AWS Lambda's longest run.
    pub limits: Vec<Limit>,
}

/// A documented limit of a product and its values over time.
#[derive(Debug, Clone)]
pub struct Limit {
    /// How messages name it ("the longest a function can run").
    pub name: String,
    /// Regular expressions that find a question or sentence about the
    /// limit ("how long … run", "maximum … timeout").
    pub asks: Vec<String>,
    /// Each value with the day it took effect (none for the first), in
    /// order.
    pub values: Vec<LimitValue>,
    /// Where the change is documented.
    pub source: String,
    /// `asks` as one regular expression, compiled on first use.
    pub asked: OnceLock<Regex>,
}

/// One value a limit has had.
#[derive(Debug, Clone)]
pub struct LimitValue {
    pub written: String,
    pub amount: quantity::Quantity,
    pub since: Option<Date>,
}

impl Limit {
    /// Whether `text` asks about, or states, this limit.
    pub fn is_asked(&self, text: &str) -> bool {
        self.asked
            .get_or_init(|| {
                any_of(&self.asks).expect("`asks` patterns are validated when read, and the built-in ones by the tests")
            })
            .is_match(text)
    }

    /// The value in effect on `day`, and the values it replaced.
    pub fn on(&self, day: Day) -> Option<(&LimitValue, &[LimitValue])> {
        let at = self.values.iter().rposition(|v| v.since.is_none_or(|d| d.first() <= day))?;
        Some((&self.values[at], &self.values[..at]))
    }
}

/// One release cycle.
#[derive(Debug, Clone)]
pub struct Release {
    pub cycle: Version,
    pub released: Date,
    /// Whether `released` is known: a facts file may list a release's
    /// features and leave its dates to the release data.
    pub dated: bool,
    pub lts: bool,
    /// The day an LTS release starts its long-term support, when later
    /// than its release (Node.js's even releases, in October).
    pub lts_from: Option<Date>,
    /// Support has ended on a day the release data does not give.
    pub ended: bool,
    /// No end of life is announced (endoflife.date's `eol: false`): its
    /// support ends with its active support, when the new major comes.
    pub open: bool,
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
    /// Still there, but no longer the default or the recommended way: what
    /// every release from this one on does instead is in `instead`.
    pub replaced: Vec<Feature>,
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
    /// The release that made the change, when finer than its cycle
    /// (React's hooks: 16.8, in the cycle 16).
    pub version: Option<Version>,
    /// Found only where the product is named (in the text, its question
    /// or its tags): for names other products use too (`split()`).
    pub needs_product: bool,
    /// Regular expressions (any case) whose match anywhere in a text shows
    /// that it knows of the change (replaced features: "module-aware
    /// mode" for GOPATH).
    pub aware: Vec<String>,
    /// `aware` as one regular expression, compiled on first use.
    pub aware_re: OnceLock<Option<Regex>>,
}

impl Feature {
    /// Whether `text` shows it knows of the change (see `aware`).
    pub fn is_known_in(&self, text: &str) -> bool {
        let re = self.aware_re.get_or_init(|| {
            (!self.aware.is_empty()).then(|| {
                any_of(&self.aware)
                    .expect("`aware` patterns are validated when read, and the built-in ones by the tests")
            })
        });
        re.as_ref().is_some_and(|re| re.is_match(text))
    }
}

/// Introduced, removed, or replaced as the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Introduced,
    Removed,
    Replaced,
}

impl Change {
    /// Removed or replaced: what the release took away.
    pub fn is_gone(self) -> bool {
        self != Change::Introduced
    }
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
        self.is_released(as_of) && !self.ended && self.support_end().is_none_or(|end| as_of <= end.last())
    }

    /// Whether the release is past its end of support on `as_of`, and
    /// since when ("on 2026-04-07", or "" when the day is not known).
    pub fn ended_on(&self, as_of: Day) -> Option<String> {
        if !self.is_released(as_of) {
            return None;
        }
        match self.support_end() {
            Some(end) if as_of > end.last() => Some(format!("on {end}")),
            Some(_) => None,
            None => self.ended.then(String::new),
        }
    }

    /// Whether the release is an LTS release on `as_of`.
    pub fn is_lts(&self, as_of: Day) -> bool {
        self.lts && self.lts_from.is_none_or(|from| as_of >= from.first())
    }

    /// The version a feature of this release came in.
    pub fn version_of(&self, feature: &Feature) -> Version {
        feature.version.unwrap_or(self.cycle)
    }

    pub fn support_for(&self, product: &str) -> Option<&Support> {
        self.supports.iter().find(|s| s.product.eq_ignore_ascii_case(product))
    }

    pub fn feature(&self, change: Change, i: usize) -> &Feature {
        match change {
            Change::Introduced => &self.introduced[i],
            Change::Removed => &self.removed[i],
            Change::Replaced => &self.replaced[i],
        }
    }
}

impl Product {
    /// The release cycle `version` belongs to.
    pub fn release(&self, version: Version) -> Option<&Release> {
        let version = self.spelled(version);
        self.releases.iter().find(|r| version.is_in(r.cycle))
    }

    /// `version` as the product numbers it: Java's `1.8` is `8`.
    pub fn spelled(&self, version: Version) -> Version {
        let cycle = version.cycle();
        self.spellings.iter().find(|(alias, _)| *alias == cycle).map_or(version, |&(_, to)| to)
    }

    /// The cycle of `version`, as the releases write it.
    pub fn cycle_of(&self, version: Version) -> Version {
        self.release(version).map_or_else(|| self.spelled(version).cycle(), |r| r.cycle)
    }

    /// Whether some releases are numbered by one number ("React 18").
    pub fn has_major_cycles(&self) -> bool {
        self.releases.iter().any(|r| r.cycle.short)
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
    names: NameMatcher,
    /// Names glued to a version ("ES6"), with the product of each
    /// alternative; the group `v` is the version.
    glued: Option<(Regex, Vec<(String, usize)>)>,

    /// Which feature phrases and patterns may match a text, in groups
    /// built on first use: the removed and replaced features gone from
    /// every release supported on the day (group 0), then the other
    /// features of each product (group 1 + its index), which only matter
    /// next to a release of the product. A run over a bank about one
    /// product does not pay for the others'.
    groups: Vec<Group>,
    /// Build the groups' literal automata as DFAs (a large bank).
    fast: bool,
    /// The day the groups were made for (see [`Knowledge::prepare_for`]).
    day: Option<Day>,
    /// Per pattern: its source, a literal every match holds (phrases),
    /// the feature, and the pattern alone (compiled when first reported)
    /// to find where it matches.
    sources: Vec<String>,
    known: Vec<Option<Vec<Vec<u8>>>>,
    /// A phrase's words, lower-cased: a text without one of them cannot
    /// match, and finding that out is cheaper than running the regex
    /// (the literal the prefilter looks for is only its longest word).
    words: Vec<Option<Vec<Vec<u8>>>>,
    feature_of: Vec<FeatureRef>,
    parts: Vec<OnceLock<Regex>>,
}

/// Product names in a text: whole words (no word character right before
/// or after), any ASCII case or exactly as written, words separated by any
/// run of white space; at each place the longest name. One automaton finds
/// the names' first words in any case, in one pass over the text; the rest,
/// and the case of names matched only as written ("Go", "IE"), is compared
/// in place.
#[derive(Debug)]
struct NameMatcher {
    /// First words of every name, in any case.
    first_words: aho_corasick::AhoCorasick,
    /// For each first word, the names that start with it (indices into
    /// `names`, longest name first).
    starting: Vec<Vec<usize>>,
    /// (words, exact case, product), longest first.
    names: Vec<(Vec<String>, bool, usize)>,
}

impl NameMatcher {
    /// `listed`: (lower-cased name, product, the name as written when it is
    /// matched only so), longest first.
    fn new(listed: &[(String, usize, Option<&str>)]) -> NameMatcher {
        let names: Vec<(Vec<String>, bool, usize)> = listed
            .iter()
            .map(|(lower, p, exact)| {
                let words = exact.unwrap_or(lower).split_whitespace().map(str::to_owned).collect();
                (words, exact.is_some(), *p)
            })
            .collect();
        // First words keyed lower-cased, each with the names it starts.
        let (mut keys, mut starting): (Vec<String>, Vec<Vec<usize>>) = (Vec::new(), Vec::new());
        for (i, (words, _, _)) in names.iter().enumerate() {
            let key = words.first().map(|w| w.to_ascii_lowercase()).unwrap_or_default();
            match keys.iter().position(|f| *f == key) {
                Some(at) => starting[at].push(i),
                None => {
                    keys.push(key);
                    starting.push(vec![i]);
                }
            }
        }
        let first_words = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&keys)
            .expect("a list of names always builds");
        NameMatcher { first_words, starting, names }
    }

    fn find(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        let bytes = text.as_bytes();
        let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let mut starts: Vec<(usize, usize)> = self
            .first_words
            .find_overlapping_iter(text)
            .map(|m| (m.start(), m.pattern().as_usize()))
            .filter(|&(at, _)| at == 0 || !word(bytes[at - 1]))
            .collect();
        if starts.is_empty() {
            return Vec::new();
        }
        starts.sort_unstable();
        let mut out = Vec::new();
        let mut done = 0;
        let mut i = 0;
        while i < starts.len() {
            let at = starts[i].0;
            let mut candidates: Vec<usize> = Vec::new();
            while i < starts.len() && starts[i].0 == at {
                candidates.extend(&self.starting[starts[i].1]);
                i += 1;
            }
            if at < done {
                continue;
            }
            candidates.sort_unstable();
            candidates.dedup();
            for c in candidates {
                let (words, exact, product) = &self.names[c];
                if let Some(end) = matches_at(bytes, at, words, *exact)
                    && bytes.get(end).is_none_or(|&b| !word(b))
                {
                    out.push((*product, at..end));
                    done = end;
                    break;
                }
            }
        }
        out
    }
}

/// Where `words`, separated by white space, end when they start at `at`.
fn matches_at(bytes: &[u8], at: usize, words: &[String], exact: bool) -> Option<usize> {
    let mut pos = at;
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            let gap = bytes[pos..].iter().take_while(|b| b" \t\n\x0b\x0c\r".contains(b)).count();
            if gap == 0 {
                return None;
            }
            pos += gap;
        }
        let piece = bytes.get(pos..pos + w.len())?;
        let same = if exact { piece == w.as_bytes() } else { piece.eq_ignore_ascii_case(w.as_bytes()) };
        if !same {
            return None;
        }
        pos += w.len();
    }
    Some(pos)
}

/// Patterns looked for together.
#[derive(Debug, Default)]
struct Group {
    /// Indices into [`Matchers::sources`].
    members: Vec<usize>,
    prefilter: OnceLock<Option<crate::prefilter::Prefilter>>,
}

impl Matchers {
    /// The group's prefilter, built on first use.
    fn prefilter<'g>(&self, group: &'g Group) -> Option<&'g crate::prefilter::Prefilter> {
        group
            .prefilter
            .get_or_init(|| {
                (!group.members.is_empty()).then(|| {
                    let refs: Vec<&str> = group.members.iter().map(|&i| self.sources[i].as_str()).collect();
                    let known: Vec<Option<Vec<Vec<u8>>>> =
                        group.members.iter().map(|&i| self.known[i].clone()).collect();
                    crate::prefilter::Prefilter::new(&refs, &known, self.fast, crate::packs::SIZE_LIMIT)
                })
            })
            .as_ref()
    }
}

impl Knowledge {
    /// The built-in knowledge files and release data, parsed once per
    /// process.
    pub fn builtin() -> Arc<Knowledge> {
        Knowledge::builtin_ref().clone()
    }

    /// The built-in knowledge, parsed on first use.
    pub fn builtin_ref() -> &'static Arc<Knowledge> {
        static KNOWLEDGE: OnceLock<Arc<Knowledge>> = OnceLock::new();
        KNOWLEDGE.get_or_init(|| {
            let mut products = Vec::new();
            for (name, text) in BUILTIN {
                match parse::parse(name, text, false) {
                    Ok(list) => list.into_iter().for_each(|p| merge(&mut products, p)),
                    Err(e) => panic!("built-in knowledge file {name} is invalid: {} at {:?}", e.message, e.span),
                }
            }
            let (name, text) = BUILTIN_RELEASE_DATA;
            match endoflife::ReleaseData::parse(text) {
                Ok(data) => data.apply(&mut products, name, false, false),
                Err(e) => panic!("{name} is invalid: {} at {}", e.message, e.at),
            }
            drop_undated(&mut products);
            Arc::new(Knowledge::new(products))
        })
    }

    /// The built-in files plus the user's: `release_data` (the file
    /// `djlint knowledge update` writes), then the knowledge files at
    /// `paths`; each is named in the config file `config`, whose text is
    /// `config_text`, at its span.
    pub fn load(
        paths: &[(PathBuf, Range<usize>)],
        release_data: Option<&(PathBuf, Range<usize>)>,
        config: &Path,
        config_text: &str,
    ) -> Result<Knowledge, ConfigError> {
        let mut products = Knowledge::builtin().products.clone();
        if let Some((path, span)) = release_data {
            let data = read_release_data(path, span, config, config_text)?;
            data.apply(&mut products, &path.display().to_string(), true, true);
        }
        for (path, span) in paths {
            let text = crate::datafile::read_listed(path, span, config, config_text, "knowledge file")?;
            for product in parse::parse(&path.display().to_string(), &text, true)? {
                let known = products.iter().find(|p| same_product(p, &product));
                let dated =
                    |cycle: Version| known.is_some_and(|k| k.releases.iter().any(|r| r.cycle == cycle && r.dated));
                if let Some(release) = product.releases.iter().find(|r| !r.dated && !dated(r.cycle)) {
                    let at = text.find(&format!("\"{}\"", release.cycle)).unwrap_or(0);
                    return Err(ConfigError {
                        kind: crate::config::ErrorKind::Knowledge,
                        path: path.clone(),
                        text: text.as_str().into(),
                        span: Some(at..at),
                        message: format!(
                            "release {} of {} has no `released` date, and no release data gives one",
                            release.cycle, product.name
                        ),
                        help: Some("give the release a `released` date and `source`".into()),
                    });
                }
                merge(&mut products, product);
            }
        }
        Ok(Knowledge::new(products))
    }

    /// The day of the oldest release data in use: data older than this
    /// may call a release current that is not. Products whose data
    /// `djlint knowledge update` refreshes (those with an endoflife.date
    /// id) count; when there are none, every product does.
    pub fn date(&self) -> Option<Date> {
        let oldest = |linked_only: bool| {
            self.products
                .iter()
                .filter(|p| !p.releases.is_empty() && (!linked_only || p.endoflife.is_some()))
                .filter_map(|p| p.updated)
                .min_by_key(|d| d.first())
        };
        oldest(true).or_else(|| oldest(false))
    }

    fn new(products: Vec<Product>) -> Knowledge {
        Knowledge { products, matchers: OnceLock::new() }
    }

    /// Build the matchers now, for about `bytes` of text to scan: from
    /// [`crate::prefilter::FAST_SCAN_BYTES`] on, the feature prefilter is a
    /// DFA, slower to build and faster to scan. Without this call the first
    /// lookup builds them for a small text.
    pub fn prepare(&self, bytes: usize) {
        self.matchers_for(bytes >= crate::prefilter::FAST_SCAN_BYTES, None);
    }

    /// As [`Knowledge::prepare`], for claims judged on `day`: removed
    /// features that some release supported on that day still has cannot
    /// be reported as removed, so they are looked for only where their
    /// product's releases are named (for `stale/wrong-release`), not in
    /// every answer.
    pub fn prepare_for(&self, bytes: usize, day: Day) {
        self.matchers_for(bytes >= crate::prefilter::FAST_SCAN_BYTES, Some(day));
    }

    fn matchers(&self) -> &Matchers {
        self.matchers_for(false, None)
    }

    fn matchers_for(&self, fast: bool, day: Option<Day>) -> &Matchers {
        self.matchers.get_or_init(|| {
            // (lower-cased name, product, matched only as written)
            let mut listed: Vec<(String, usize, Option<&str>)> = self
                .products
                .iter()
                .enumerate()
                .flat_map(|(i, p)| {
                    let any_case = p.names.iter().map(move |n| (n.to_lowercase(), i, None));
                    any_case.chain(p.exact_names.iter().map(move |n| (n.to_lowercase(), i, Some(n.as_str()))))
                })
                .collect();
            // Longest first, so that "Django REST framework" wins over "Django".
            listed.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
            let names = NameMatcher::new(&listed);
            let glued_list: Vec<(String, usize)> = self
                .products
                .iter()
                .enumerate()
                .flat_map(|(i, p)| p.glued_names.iter().map(move |n| (n.clone(), i)))
                .collect();
            let glued = (!glued_list.is_empty()).then(|| {
                let alternatives: Vec<String> = glued_list.iter().map(|(n, _)| regex::escape(n)).collect();
                let re = Regex::new(&format!(r"(?-u)\b(?P<name>{})(?P<v>\d{{1,4}})\b", alternatives.join("|")))
                    .expect("glued names are letters");
                (re, glued_list)
            });
            let mut sources = Vec::new();
            let mut known = Vec::new();
            let mut words = Vec::new();
            let mut feature_of = Vec::new();
            for (p, product) in self.products.iter().enumerate() {
                for (r, release) in product.releases.iter().enumerate() {
                    for (change, list) in [
                        (Change::Introduced, &release.introduced),
                        (Change::Removed, &release.removed),
                        (Change::Replaced, &release.replaced),
                    ] {
                        for (f, feature) in list.iter().enumerate() {
                            let at = FeatureRef { product: p, release: r, change, feature: f };
                            // A phrase cannot match without its longest
                            // word, in any ASCII case: the prefilter needs
                            // not read that out of the regex.
                            for ph in &feature.phrases {
                                sources.push(phrase(ph));
                                known.push(phrase_literal(ph));
                                words.push(Some(
                                    ph.split_whitespace().map(|w| w.to_ascii_lowercase().into_bytes()).collect(),
                                ));
                                feature_of.push(at);
                            }
                            for pattern in &feature.patterns {
                                sources.push(ascii_classes(pattern));
                                known.push(None);
                                words.push(None);
                                feature_of.push(at);
                            }
                        }
                    }
                }
            }
            // Whether a removed or replaced feature is gone from every
            // release supported on the day (all of them count when no day
            // is given).
            let gone = |at: &FeatureRef| {
                let Some(day) = day else { return true };
                let product = &self.products[at.product];
                let release = &product.releases[at.release];
                release.is_released(day)
                    && product
                        .releases
                        .iter()
                        .find(|r| r.is_supported(day))
                        .is_some_and(|oldest| oldest.cycle >= release.cycle)
            };
            let mut groups: Vec<Group> = (0..=self.products.len()).map(|_| Group::default()).collect();
            for (i, at) in feature_of.iter().enumerate() {
                let group = if at.change.is_gone() && gone(at) { 0 } else { 1 + at.product };
                groups[group].members.push(i);
            }
            let parts = sources.iter().map(|_| OnceLock::new()).collect();
            Matchers { names, glued, groups, fast, day, sources, known, words, feature_of, parts }
        })
    }

    /// The feature patterns whose required literals the prefilter reads
    /// out of them (phrases give theirs).
    pub fn literal_sources(&self) -> Vec<&str> {
        let m = self.matchers();
        m.sources.iter().zip(&m.known).filter(|(_, k)| k.is_none()).map(|(s, _)| s.as_str()).collect()
    }

    /// Every product name in `text`: (product, byte range).
    pub fn names_in(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        self.matchers().names.find(text)
    }

    /// Every name glued to its version in `text` ("ES6"): (product, the
    /// whole token, the version).
    pub fn glued_in(&self, text: &str) -> Vec<(usize, Range<usize>, Version)> {
        let Some((re, list)) = &self.matchers().glued else { return Vec::new() };
        re.captures_iter(text)
            .filter_map(|caps| {
                let name = caps.name("name")?.as_str();
                let product = list.iter().find(|(n, _)| n == name)?.1;
                let version = Version::parse_any(caps.name("v")?.as_str())?;
                Some((product, caps.get(0)?.range(), version))
            })
            .collect()
    }

    /// Every feature named in `text`, leftmost-longest, not overlapping
    /// within a product: the removed features that can be reported on
    /// `day`, and every feature of `products` (those whose releases the
    /// text names).
    pub fn features_in(&self, text: &str, products: &[usize], day: Day) -> Vec<FeatureHit> {
        self.features_in_where(text, products, day, &|_| true)
    }

    /// [`Knowledge::features_in`], without the features that are found
    /// only where their product is named (`needs-product`) of products
    /// that `named` rejects: their patterns are not run.
    pub fn features_in_where(
        &self,
        text: &str,
        products: &[usize],
        day: Day,
        named: &dyn Fn(usize) -> bool,
    ) -> Vec<FeatureHit> {
        let m = self.matchers();
        let mut found: Vec<usize> = Vec::new();
        let mut candidates = Vec::new();
        let mut groups = vec![0];
        if m.day.is_some_and(|d| d != day) {
            groups.extend(1..m.groups.len()); // made for another day: look for all
        }
        groups.extend(products.iter().map(|p| p + 1).filter(|&g| g < m.groups.len()));
        groups.sort_unstable();
        groups.dedup();
        for g in groups {
            let group = &m.groups[g];
            let Some(prefilter) = m.prefilter(group) else { continue };
            candidates.clear();
            prefilter.candidates(text, &mut candidates);
            found.extend(candidates.iter().map(|&c| group.members[c as usize]));
        }
        // A phrase whose words are not all in the text is not run.
        let mut lower: Option<Vec<u8>> = None;
        found.retain(|&i| {
            let at = m.feature_of[i];
            if self.feature(at).2.needs_product && !named(at.product) {
                return false;
            }
            let Some(words) = &m.words[i] else { return true };
            let lower = lower.get_or_insert_with(|| text.as_bytes().to_ascii_lowercase());
            words.iter().all(|w| memchr::memmem::find(lower, w).is_some())
        });
        Self::features_of(m, found.into_iter(), text)
    }

    /// The features of `patterns` (indices into the matchers' sources)
    /// found in `text`, leftmost-longest, not overlapping.
    fn features_of(m: &Matchers, patterns: impl Iterator<Item = usize>, text: &str) -> Vec<FeatureHit> {
        let mut hits: Vec<FeatureHit> = Vec::new();
        for i in patterns {
            let re = m.parts[i].get_or_init(|| Regex::new(&m.sources[i]).expect("validated when read"));
            // Most candidates do not match: finding that out needs no
            // groups, which is cheaper.
            if !re.is_match(text) {
                continue;
            }
            // A group named `hit` narrows the label to the removed name.
            for caps in re.captures_iter(text) {
                let hit = caps.name("hit").unwrap_or_else(|| caps.get(0).expect("group 0 always matches"));
                if !hit.is_empty() {
                    hits.push(FeatureHit { feature: m.feature_of[i], range: hit.range() });
                }
            }
        }
        hits.sort_by(|a, b| a.range.start.cmp(&b.range.start).then(b.range.end.cmp(&a.range.end)));
        // Not overlapping within a product; two products may name the same
        // words ("generics" in Go and in Java).
        let mut out: Vec<FeatureHit> = Vec::new();
        let mut ends: Vec<(usize, usize)> = Vec::new(); // (product, end of its last hit)
        for h in hits {
            let product = h.feature.product;
            match ends.iter_mut().find(|(p, _)| *p == product) {
                Some((_, end)) if h.range.start < *end => {}
                Some((_, end)) => {
                    *end = h.range.end;
                    out.push(h);
                }
                None => {
                    ends.push((product, h.range.end));
                    out.push(h);
                }
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

/// `patterns` as one regular expression, in any case, with ASCII word
/// classes: how a fact's `asks` and `aware` lists are matched.
pub fn any_of(patterns: &[String]) -> Result<Regex, regex::Error> {
    let joined: Vec<String> = patterns.iter().map(|p| format!("(?:{})", ascii_classes(p))).collect();
    regex::RegexBuilder::new(&joined.join("|")).case_insensitive(true).build()
}

/// `pattern` with `\b` and `\w` made ASCII: Unicode word classes cost far
/// more to compile, at every start of the program, and identifiers are ASCII.
pub fn ascii_classes(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)").replace(r"\w", r"(?-u:\w)")
}

/// Add `new` to `products`: a product already known gains its releases (a
/// cycle already known is replaced), and its names and sources.
fn merge(products: &mut Vec<Product>, new: Product) {
    let Some(old) = products.iter_mut().find(|p| same_product(p, &new)) else {
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
    for name in new.exact_names {
        if !old.exact_names.contains(&name) {
            old.exact_names.push(name);
        }
    }
    for name in new.glued_names {
        if !old.glued_names.contains(&name) {
            old.glued_names.push(name);
        }
    }
    old.spellings.extend(new.spellings);
    old.endoflife = new.endoflife.or(old.endoflife.take());
    old.lts_source = new.lts_source.or(old.lts_source.take());
    old.origin = new.origin;
    // A limit of the same name is replaced, as a release of the same cycle is.
    old.limits.retain(|l| !new.limits.iter().any(|n| n.name.eq_ignore_ascii_case(&l.name)));
    old.limits.extend(new.limits);
    for mut release in new.releases {
        // A release without dates adds features to the one known.
        if let Some(known) = old.releases.iter_mut().find(|r| r.cycle == release.cycle)
            && !release.dated
        {
            known.introduced.append(&mut release.introduced);
            known.removed.append(&mut release.removed);
            known.replaced.append(&mut release.replaced);
            continue;
        }
        old.releases.retain(|r| r.cycle != release.cycle);
        old.releases.push(release);
    }
    old.releases.sort_by_key(|r| r.cycle);
}

/// The same product: the same name, or the same endoflife.date id.
fn same_product(a: &Product, b: &Product) -> bool {
    a.name.eq_ignore_ascii_case(&b.name) || (a.endoflife.is_some() && a.endoflife == b.endoflife)
}

/// Releases that no file gives a date are not judged. Every built-in one
/// has a date (a test holds it).
fn drop_undated(products: &mut [Product]) {
    for p in products {
        p.releases.retain(|r| r.dated);
    }
}

/// Read the release data file named in the config.
fn read_release_data(
    path: &Path,
    span: &Range<usize>,
    config: &Path,
    config_text: &str,
) -> Result<endoflife::ReleaseData, ConfigError> {
    let text = crate::datafile::read_listed(path, span, config, config_text, "release data file")?;
    endoflife::ReleaseData::parse(&text).map_err(|e| ConfigError {
        kind: crate::config::ErrorKind::Knowledge,
        path: path.to_owned(),
        text: text.as_str().into(),
        span: Some(e.at..e.at),
        message: e.message,
        help: Some("run `djlint knowledge update` to write it again".into()),
    })
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
        assert_eq!(names[..3], ["Django", "Python", "Django REST framework"]);
        assert!(names.len() >= 30, "{names:?}");
        // Every product has dated releases, and every endoflife.date id
        // the files link to is in the bundled data.
        let data = endoflife::ReleaseData::parse(BUILTIN_RELEASE_DATA.1).unwrap();
        for p in &k.products {
            assert!(p.releases.iter().all(|r| r.dated), "{}", p.name);
            if let Some(id) = &p.endoflife {
                assert!(data.product(id).is_some(), "{}: no release data for {id}", p.name);
                assert!(!p.releases.is_empty(), "{}", p.name);
            }
        }
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
        // And the lists read as one (`aware`), each pattern alone too.
        for f in k
            .products
            .iter()
            .flat_map(|p| &p.releases)
            .flat_map(|r| r.introduced.iter().chain(&r.removed).chain(&r.replaced))
        {
            for p in &f.aware {
                any_of(std::slice::from_ref(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
            }
            f.is_known_in("");
        }
        let hits = k.features_in("Use STORAGES, not DEFAULT_FILE_STORAGE, and async views.", &[0], (2026, 11, 21));
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
                for f in r.introduced.iter().chain(&r.removed).chain(&r.replaced) {
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
            let every: Vec<usize> = (0..k.products.len()).collect();
            let mut found = 0;
            for text in &texts {
                let all = Knowledge::features_of(m, 0..m.sources.len(), text);
                assert_eq!(k.features_in(text, &every, (2026, 11, 21)), all, "{text}");
                // For some products: their introduced features, and every
                // removed one.
                let some = [0, 5, k.products.len() - 1];
                let wanted: Vec<FeatureHit> = all
                    .iter()
                    .filter(|h| h.feature.change.is_gone() || some.contains(&h.feature.product))
                    .cloned()
                    .collect();
                let got = k.features_in(text, &some, (2026, 11, 21));
                // Hits of one product never hide another's, so the subset
                // is exactly the filtered whole.
                assert_eq!(got, wanted, "{text}");
                found += all.len();
            }
            assert!(m.groups.iter().filter_map(|g| g.prefilter.get()).flatten().all(|p| p.fast() == (bytes > 0)));
            assert!(found > 100, "only {found} features found");
        }
    }

    #[test]
    fn limits_read_their_values_in_order_and_refuse_the_rest() {
        // The built-in limits: every `asks` list compiles, and the value in
        // effect depends on the day.
        let k = Knowledge::builtin();
        let limits: Vec<&Limit> = k.products.iter().flat_map(|p| &p.limits).collect();
        assert!(limits.len() >= 3);
        for l in &limits {
            l.is_asked("");
        }
        let lambda = &k.products[k.product("AWS Lambda").unwrap()];
        let timeout = &lambda.limits[0];
        assert_eq!(timeout.on((2018, 10, 9)).map(|(now, before)| (now.amount.amount, before.len())), Some((300.0, 0)));
        assert_eq!(timeout.on((2018, 10, 10)).map(|(now, before)| (now.amount.amount, before.len())), Some((900.0, 1)));
        assert!(timeout.is_asked("How long can a function execute?"));
        let file = |values: &str| {
            format!(
                "product: Thing\nlimits:\n  - limit: size\n    asks: ['size']\n    source: notes\n    values:\n{values}"
            )
        };
        let good = file("      - value: 5 MB\n      - value: 10 MB\n        since: 2020-01-02\n");
        assert_eq!(parse::parse("t.yaml", &good, true).unwrap()[0].limits[0].values.len(), 2);
        for (values, says) in [
            ("      - value: 5 MB\n", "at least two `values`"),
            ("      - value: 5 MB\n      - value: 10 MB\n", "at least two `values`"),
            ("      - value: 5 MB\n        since: 2020-01-02\n      - value: 10 MB\n", "at least two"),
            ("      - value: five-ish\n      - value: 10 MB\n        since: 2020-01-02\n", "is not an amount"),
            ("      - value: 5 MB\n      - value: 10 seconds\n        since: 2020-01-02\n", "all times or all sizes"),
            (
                "      - value: 5 MB\n      - value: 10 MB\n        since: 2020-01-02\n        until: 2021-01-01\n",
                "unknown key",
            ),
        ] {
            let e = parse::parse("t.yaml", &file(values), true).unwrap_err();
            assert!(e.message.contains(says), "{values}: {}", e.message);
        }
        // A user's limit of the same name replaces the built-in one.
        let mut products = k.products.clone();
        let name = &timeout.name;
        let newer = format!(
            "product: AWS Lambda\nlimits:\n  - limit: {name}\n    asks: ['run']\n    source: mine\n    values:\n      - value: 900 seconds\n      - value: 30 minutes\n        since: 2030-01-01\n"
        );
        parse::parse("t.yaml", &newer, true).unwrap().into_iter().for_each(|p| merge(&mut products, p));
        let merged = &products[k.product("AWS Lambda").unwrap()].limits;
        assert_eq!(merged.len(), lambda.limits.len());
        assert_eq!(merged.iter().filter(|l| l.name == *name).map(|l| l.source.as_str()).collect::<Vec<_>>(), ["mine"]);
        let bad_asks = good.replace("asks: ['size']", "asks: ['(size']");
        assert!(parse::parse("t.yaml", &bad_asks, true).unwrap_err().message.contains("`asks`"));
    }

    #[test]
    fn features_that_need_their_product_are_not_looked_for_without_it() {
        let k = Knowledge::builtin();
        let php = k.product("PHP").unwrap();
        let text = "Read each character with $name{$i}.";
        let day = (2026, 12, 1);
        let names = |hits: Vec<FeatureHit>| -> Vec<String> {
            hits.iter().map(|h| k.feature(h.feature).2.name.clone()).collect()
        };
        let all = names(k.features_in(text, &[], day));
        assert!(all.iter().any(|n| n.contains("curly-brace")), "{all:?}");
        assert_eq!(names(k.features_in_where(text, &[], day, &|p| p == php)), all);
        let without = names(k.features_in_where(text, &[], day, &|_| false));
        assert!(!without.iter().any(|n| n.contains("curly-brace")), "{without:?}");
        assert_eq!(without.len() + 1, all.len());
    }

    #[test]
    fn replaced_features_read_their_aware_patterns() {
        let file = |aware: &str| {
            format!(
                "product: Thing\nreleases:\n  - cycle: \"2.0\"\n    released: 2020-01-02\n    source: notes\n    replaced:\n      - feature: old layout\n        patterns: ['old/src']\n        aware: ['{aware}']\n"
            )
        };
        let products = parse::parse("t.yaml", &file(r"\bnew mode\b"), true).unwrap();
        let f = &products[0].releases[0].replaced[0];
        assert!(f.is_known_in("It runs in NEW MODE now.") && !f.is_known_in("It keeps old/src."));
        let e = parse::parse("t.yaml", &file("(new"), true).unwrap_err();
        assert!(e.message.contains("invalid regular expression"), "{}", e.message);
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
        extra.into_iter().for_each(|p| merge(&mut products, p));
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

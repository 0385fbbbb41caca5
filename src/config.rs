//! `djlint.toml`: found from the working directory upward, or named with
//! `--config`. Every mistake in it is an error that points into the file.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use std::sync::Arc;

use crate::bank::discover::DEFAULT_INCLUDE;
use crate::finding::Severity;
use crate::knowledge::{Date, Knowledge};
use crate::packs::Packs;
use crate::rules::{self, Rule, duplicate, schema, unclear};

pub const FILE_NAME: &str = "djlint.toml";

/// The settings of a run, after the config file and the command line.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file the settings came from, if any.
    pub path: Option<PathBuf>,
    /// Include and exclude globs are relative to this folder.
    pub root: PathBuf,
    /// Rules or families to run; empty means all.
    pub select: Vec<String>,
    /// Rules or families not to run.
    pub ignore: Vec<String>,
    /// Severity per rule or family, overriding the default.
    pub severity: BTreeMap<String, Severity>,
    /// Lowest severity that fails the run; `None` never fails.
    pub fail_on: Option<Severity>,
    pub include: Vec<String>,
    /// `include` was set in djlint.toml: every file it matches is a
    /// question file. With the default globs, a walk takes only YAML files
    /// whose top level has a `questions` key.
    pub include_given: bool,
    pub exclude: Vec<String>,
    pub schema: schema::Options,
    pub duplicate: duplicate::Options,
    pub unclear: unclear::Options,
    /// The rule packs of the run: built-in, plus `packs` from djlint.toml.
    pub packs: Arc<Packs>,
    /// The knowledge base of the run when djlint.toml adds to the
    /// built-in one (`knowledge`, `release-data`); see [`Config::knowledge`].
    pub user_knowledge: Option<Arc<Knowledge>>,
    /// The day the `stale/*` rules judge claims on: `--as-of`, `as-of` in
    /// djlint.toml, or today.
    pub as_of: Date,
    /// The release data file `djlint knowledge update` writes and the run
    /// reads (`release-data` in djlint.toml).
    pub release_data: Option<PathBuf>,
    /// More endoflife.date products for `djlint knowledge update` to fetch
    /// (`release-products`).
    pub release_products: Vec<String>,
    /// Knowledge older than this many days before the day checked is
    /// reported as out of date (`knowledge-max-age`).
    pub knowledge_max_age: u32,
    /// The user pack and knowledge files, which are never checked as
    /// question files.
    pub data_files: Vec<PathBuf>,
    /// Changed-files mode (`--changed`): report only findings that touch
    /// one of these files; the rest of the bank is still read.
    pub changed: Option<Vec<PathBuf>>,
}

impl Config {
    /// Defaults, with globs relative to `root`.
    pub fn new(root: PathBuf) -> Config {
        Config {
            path: None,
            root,
            select: Vec::new(),
            ignore: Vec::new(),
            severity: BTreeMap::new(),
            fail_on: Some(Severity::Warning),
            include: DEFAULT_INCLUDE.iter().map(|s| s.to_string()).collect(),
            include_given: false,
            exclude: Vec::new(),
            schema: schema::Options::default(),
            duplicate: duplicate::Options::default(),
            unclear: unclear::Options::default(),
            packs: Packs::builtin(),
            user_knowledge: None,
            as_of: Date::today(),
            release_data: None,
            release_products: Vec::new(),
            knowledge_max_age: DEFAULT_KNOWLEDGE_MAX_AGE,
            data_files: Vec::new(),
            changed: None,
        }
    }

    /// Every rule of the run: code rules and the rules of every pack.
    pub fn rules(&self) -> impl Iterator<Item = &'static Rule> + '_ {
        rules::code_rules().chain(self.packs.rules())
    }

    pub fn find_rule(&self, id: &str) -> Option<&'static Rule> {
        self.rules().find(|r| r.id == id)
    }

    /// Whether `selector` names a rule or a family of rules of this run.
    pub fn is_selector(&self, selector: &str) -> bool {
        self.rules().any(|r| r.id == selector || r.family() == selector)
    }

    /// The knowledge base of the run: the built-in one (parsed the first
    /// time a rule needs it), plus `knowledge` and `release-data` from
    /// djlint.toml.
    pub fn knowledge(&self) -> &Knowledge {
        self.user_knowledge.as_deref().unwrap_or_else(|| Knowledge::builtin_ref())
    }

    /// A note when the release knowledge is older than `knowledge-max-age`
    /// days before the day checked and a rule that judges claims about
    /// now runs: it may call a release current that is not.
    pub fn knowledge_note(&self) -> Option<String> {
        const JUDGES_NOW: &[&str] =
            &["stale/unsupported-as-current", "stale/not-lts", "stale/unknown-version", "stale/removed-feature"];
        if !JUDGES_NOW.iter().any(|r| self.effective_severity(r, Severity::Info).is_some()) {
            return None;
        }
        if let Some(path) = self.release_data.as_ref().filter(|p| !p.exists()) {
            return Some(format!(
                "release-data file {} does not exist yet, so the bundled release data is used; \
                 run `djlint knowledge update` to write it",
                path.display()
            ));
        }
        let date = self.knowledge().date()?;
        let age = self.as_of.days() - date.days();
        (age > i64::from(self.knowledge_max_age)).then(|| {
            format!(
                "the release knowledge is dated {date}, {age} days before {} (more than knowledge-max-age, {} days): \
                 releases since then are unknown to it; run `djlint knowledge update` to fetch current release data",
                self.as_of, self.knowledge_max_age
            )
        })
    }

    /// The severity a rule reports at, or `None` when it does not run.
    pub fn effective_severity(&self, rule: &str, default: Severity) -> Option<Severity> {
        let family = crate::finding::family_of(rule);
        let matches = |s: &String| s == rule || s == family;
        let selected = self.select.is_empty() || self.select.iter().any(matches);
        if !selected || self.ignore.iter().any(matches) {
            return None;
        }
        Some(self.severity.get(rule).or_else(|| self.severity.get(family)).copied().unwrap_or(default))
    }
}

/// Which kind of file a [`ConfigError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Config,
    Pack,
    Knowledge,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Config => "config",
            ErrorKind::Pack => "rule pack",
            ErrorKind::Knowledge => "knowledge file",
        }
    }
}

/// Release data older than this many days is reported as out of date.
pub const DEFAULT_KNOWLEDGE_MAX_AGE: u32 = 120;

/// A mistake in a config file or a rule pack, with where it is.
#[derive(Debug, Clone)]
pub struct ConfigError {
    pub kind: ErrorKind,
    pub path: PathBuf,
    pub text: Box<str>,
    pub span: Option<Range<usize>>,
    pub message: String,
    pub help: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    fail_on: Option<Spanned<String>>,
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    packs: Option<Vec<Spanned<String>>>,
    knowledge: Option<Vec<Spanned<String>>>,
    release_data: Option<Spanned<String>>,
    release_products: Option<Vec<Spanned<String>>>,
    knowledge_max_age: Option<Spanned<i64>>,
    as_of: Option<Spanned<toml::Value>>,
    schema: Option<RawSchema>,
    duplicate: Option<RawDuplicate>,
    unclear: Option<RawUnclear>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawUnclear {
    /// Minimum words per level; the key `default` is for questions without one.
    min_words: Option<BTreeMap<String, Spanned<i64>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawDuplicate {
    question_threshold: Option<Spanned<f64>>,
    answer_threshold: Option<Spanned<f64>>,
    template_threshold: Option<Spanned<f64>>,
    min_template_size: Option<Spanned<i64>>,
    min_run: Option<Spanned<i64>>,
    min_answer_words: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSchema {
    levels: Option<Spanned<Vec<String>>>,
    tags: Option<Vec<String>>,
    max_file_bytes: Option<Spanned<i64>>,
}

/// The Python project file whose `[tool.djlint]` table is read when a
/// folder has no djlint.toml.
pub const PYPROJECT: &str = "pyproject.toml";

/// The settings file of `dir` or the nearest folder above it: its
/// djlint.toml, or its pyproject.toml when that has a `[tool.djlint]`
/// table (djlint.toml wins in the same folder, as ruff.toml does).
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().find_map(|d| {
        let own = d.join(FILE_NAME);
        if own.is_file() {
            return Some(own);
        }
        let py = d.join(PYPROJECT);
        std::fs::read_to_string(&py).ok().filter(|text| has_tool_table(text)).map(|_| py)
    })
}

/// Whether a pyproject.toml has a `[tool.djlint]` table.
fn has_tool_table(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Py {
        tool: Option<BTreeMap<String, toml::Value>>,
    }
    toml::from_str::<Py>(text).ok().and_then(|p| p.tool).is_some_and(|t| t.contains_key("djlint"))
}

/// The settings file for a run over `paths`: found from the first path
/// upward (so `djlint check repo/content` from anywhere uses the
/// repository's settings), else from `cwd` upward.
pub fn find_for(paths: &[PathBuf], cwd: &Path) -> Option<PathBuf> {
    let first = paths.first().map(|p| if p.is_absolute() { p.clone() } else { cwd.join(p) });
    let start =
        first.map(|p| if p.is_dir() { p } else { p.parent().map_or_else(|| cwd.to_owned(), Path::to_path_buf) });
    start.and_then(|d| find(&std::path::absolute(&d).unwrap_or(d))).or_else(|| find(cwd))
}

/// Parse `fail-on` / `--fail-on` values.
pub fn parse_fail_on(s: &str) -> Result<Option<Severity>, String> {
    match s {
        "never" => Ok(None),
        _ => Severity::parse(s).map(Some).ok_or_else(|| {
            let values = ["error", "warning", "info", "never"];
            let hint = rules::schema::fields::did_you_mean(s, values.into_iter())
                .map(|v| format!("; did you mean `{v}`?"))
                .unwrap_or_default();
            format!("`{s}` is not one of error, warning, info, never{hint}")
        }),
    }
}

/// Load a config file. Relative globs in it are relative to its folder.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    load_with(path, true)
}

/// Load a config file without reading its `release-data` file: for
/// `djlint knowledge update`, which writes that file (and repairs it).
pub fn load_for_update(path: &Path) -> Result<Config, ConfigError> {
    load_with(path, false)
}

fn load_with(path: &Path, read_release_data: bool) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        kind: ErrorKind::Config,
        path: path.to_owned(),
        text: "".into(),
        span: None,
        message: format!("cannot read {}: {e}", path.display()),
        help: None,
    })?;
    let root = path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let root = if root.as_os_str().is_empty() { PathBuf::from(".") } else { root };
    parse_with(&text, path, root, read_release_data)
}

/// Parse config text; `path` is only for messages, and says whether the
/// settings are the `[tool.djlint]` table of a pyproject.toml.
pub fn parse(text: &str, path: &Path, root: PathBuf) -> Result<Config, ConfigError> {
    parse_with(text, path, root, true)
}

fn parse_with(text: &str, path: &Path, root: PathBuf, read_release_data: bool) -> Result<Config, ConfigError> {
    let err = |span: Option<Range<usize>>, message: String, help: Option<String>| ConfigError {
        kind: ErrorKind::Config,
        path: path.to_owned(),
        text: text.into(),
        span,
        message,
        help,
    };
    let toml_error = |e: toml::de::Error| {
        let message = e.message().trim().to_owned();
        let help = unknown_key_help(&message);
        err(e.span(), message, help)
    };
    let raw: RawConfig = if path.file_name().is_some_and(|n| n == PYPROJECT) {
        #[derive(Deserialize)]
        struct Py {
            tool: Option<Tool>,
        }
        #[derive(Deserialize)]
        struct Tool {
            djlint: Option<RawConfig>,
        }
        let py: Py = toml::from_str(text).map_err(toml_error)?;
        py.tool.and_then(|t| t.djlint).ok_or_else(|| err(None, "no `[tool.djlint]` table".into(), None))?
    } else {
        toml::from_str(text).map_err(toml_error)?
    };
    let mut config = Config::new(root);
    config.path = Some(path.to_owned());
    if let Some(packs) = raw.packs {
        let paths: Vec<(PathBuf, Range<usize>)> =
            packs.iter().map(|p| (config.root.join(p.get_ref()), p.span())).collect();
        config.packs = Arc::new(Packs::load(&paths, path, text)?);
        config.data_files.extend(paths.into_iter().map(|(p, _)| p));
    }
    let release_data = raw.release_data.map(|p| (config.root.join(p.get_ref()), p.span()));
    // Until `djlint knowledge update` first writes it, the bundled data is used.
    let fetched = release_data.as_ref().filter(|(p, _)| read_release_data && p.exists());
    if raw.knowledge.is_some() || fetched.is_some() {
        let paths: Vec<(PathBuf, Range<usize>)> =
            raw.knowledge.iter().flatten().map(|p| (config.root.join(p.get_ref()), p.span())).collect();
        config.user_knowledge = Some(Arc::new(Knowledge::load(&paths, fetched, path, text)?));
        config.data_files.extend(paths.into_iter().map(|(p, _)| p));
    }
    if let Some((data, _)) = release_data {
        config.data_files.push(data.clone());
        config.release_data = Some(data);
    }
    config.release_products = raw.release_products.into_iter().flatten().map(Spanned::into_inner).collect();
    if let Some(age) = raw.knowledge_max_age {
        config.knowledge_max_age = u32::try_from(*age.get_ref()).ok().filter(|&d| d > 0).ok_or_else(|| {
            err(Some(age.span()), format!("`knowledge-max-age` is a number of days, not {}", age.get_ref()), None)
        })?;
    }
    if let Some(as_of) = raw.as_of {
        // A bare TOML date (as-of = 2026-11-21) or a string.
        let value = match as_of.get_ref() {
            toml::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        config.as_of = Date::parse_day(&value).ok_or_else(|| {
            err(Some(as_of.span()), format!("`as-of` must be a day, YYYY-MM-DD, not `{value}`"), None)
        })?;
    }

    let selectors = |list: Option<Vec<Spanned<String>>>| -> Result<Vec<String>, ConfigError> {
        list.unwrap_or_default()
            .into_iter()
            .map(|s| {
                if config.is_selector(s.get_ref()) {
                    Ok(s.into_inner())
                } else {
                    Err(err(
                        Some(s.span()),
                        format!("unknown rule or family `{}`", s.get_ref()),
                        selector_help(&config, s.get_ref()),
                    ))
                }
            })
            .collect()
    };
    let (select, ignore) = (selectors(raw.select)?, selectors(raw.ignore)?);
    config.select = select;
    config.ignore = ignore;
    if let Some(f) = raw.fail_on {
        config.fail_on = parse_fail_on(f.get_ref()).map_err(|m| err(Some(f.span()), m, None))?;
    }
    for (key, value) in raw.severity.unwrap_or_default() {
        if !config.is_selector(key.get_ref()) {
            return Err(err(
                Some(key.span()),
                format!("unknown rule or family `{}`", key.get_ref()),
                selector_help(&config, key.get_ref()),
            ));
        }
        let sev = Severity::parse(value.get_ref()).ok_or_else(|| {
            err(Some(value.span()), format!("`{}` is not one of error, warning, info", value.get_ref()), None)
        })?;
        config.severity.insert(key.into_inner(), sev);
    }
    let globs = |list: Option<Vec<Spanned<String>>>, default: Vec<String>| match list {
        None => Ok(default),
        Some(list) => {
            for g in &list {
                if let Err(e) = globset::Glob::new(g.get_ref()) {
                    return Err(err(Some(g.span()), format!("invalid glob: {}", e.kind()), None));
                }
            }
            Ok(list.into_iter().map(Spanned::into_inner).collect())
        }
    };
    config.include_given = raw.include.is_some();
    config.include = globs(raw.include, config.include)?;
    config.exclude = globs(raw.exclude, Vec::new())?;
    if let Some(s) = raw.schema {
        if let Some(levels) = s.levels {
            if levels.get_ref().is_empty() {
                return Err(err(Some(levels.span()), "`levels` needs at least one level".into(), None));
            }
            config.schema.levels = levels.into_inner();
        }
        config.schema.tags = s.tags;
        if let Some(max) = s.max_file_bytes {
            let value = u64::try_from(*max.get_ref())
                .ok()
                .filter(|&v| v > 0)
                .ok_or_else(|| err(Some(max.span()), "`max-file-bytes` must be a positive number".into(), None))?;
            config.schema.max_file_bytes = value;
        }
    }
    if let Some(d) = raw.duplicate {
        let o = &mut config.duplicate;
        for (value, target, name) in [
            (d.question_threshold, &mut o.question_threshold, "question-threshold"),
            (d.answer_threshold, &mut o.answer_threshold, "answer-threshold"),
            (d.template_threshold, &mut o.template_threshold, "template-threshold"),
        ] {
            if let Some(v) = value {
                if !(*v.get_ref() > 0.0 && *v.get_ref() <= 1.0) {
                    return Err(err(Some(v.span()), format!("`{name}` must be above 0 and at most 1"), None));
                }
                *target = *v.get_ref();
            }
        }
        for (value, target, name, min) in [
            (d.min_template_size, &mut o.min_template_size, "min-template-size", 2),
            (d.min_run, &mut o.min_run, "min-run", 2),
            (d.min_answer_words, &mut o.min_answer_words, "min-answer-words", 1),
        ] {
            if let Some(v) = value {
                *target = usize::try_from(*v.get_ref()).ok().filter(|&n| n >= min).ok_or_else(|| {
                    err(Some(v.span()), format!("`{name}` must be a whole number of at least {min}"), None)
                })?;
            }
        }
    }
    if let Some(u) = raw.unclear
        && let Some(min) = u.min_words
    {
        for (level, value) in min {
            let n = usize::try_from(*value.get_ref()).ok().filter(|&n| n >= 1).ok_or_else(|| {
                err(Some(value.span()), "`min-words` values must be whole numbers of at least 1".into(), None)
            })?;
            if level != "default" && !config.schema.levels.contains(&level) {
                return Err(err(
                    Some(value.span()),
                    format!("`min-words` names level `{level}`, which is not one of the levels"),
                    Some(format!(
                        "levels are {}, or `default` for questions without one",
                        config.schema.levels.join(", ")
                    )),
                ));
            }
            if level == "default" {
                config.unclear.min_words_default = n;
            } else if let Some(slot) = config.unclear.min_words.iter_mut().find(|(l, _)| *l == level) {
                slot.1 = n;
            } else {
                config.unclear.min_words.push((level, n));
            }
        }
    }
    Ok(config)
}

/// For toml's "unknown field `x`, expected one of `a`, `b`": the known key
/// closest to `x`, or the list of known keys.
fn unknown_key_help(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (key, rest) = rest.split_once('`')?;
    let known: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    match rules::schema::fields::did_you_mean(key, known.iter().copied()) {
        Some(s) => Some(format!("did you mean `{s}`?")),
        None if !known.is_empty() => Some(format!("known keys: {}", known.join(", "))),
        None => None,
    }
}

/// The rule id or family closest to `selector`, which names neither: a
/// rule whose name without its family is `selector` (`citation-chip` for
/// `noise/citation-chip`), else the nearest id or family by spelling, else
/// the rule whose name is nearest.
pub fn suggest_selector<'c>(config: &'c Config, selector: &str) -> Option<&'c str> {
    let selector = selector.trim().to_lowercase();
    let name = |id: &'c str| id.split_once('/').map_or(id, |(_, n)| n);
    if let Some(r) = config.rules().find(|r| name(r.id) == selector) {
        return Some(r.id);
    }
    let candidates = config.rules().map(|r| r.id).chain(rules::FAMILIES.iter().copied());
    rules::schema::fields::did_you_mean(&selector, candidates).or_else(|| {
        let wanted = selector.split_once('/').map_or(selector.as_str(), |(_, n)| n);
        let by_name = rules::schema::fields::did_you_mean(wanted, config.rules().map(|r| name(r.id)))?;
        config.rules().find(|r| name(r.id) == by_name).map(|r| r.id)
    })
}

/// Help for a selector that names no rule or family: the closest one.
pub fn selector_help(config: &Config, selector: &str) -> Option<String> {
    Some(match suggest_selector(config, selector) {
        Some(s) => format!("did you mean `{s}`? `djlint rules` lists every rule"),
        None => "`djlint rules` lists every rule; a family name (such as `schema`) selects all its rules".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Config, ConfigError> {
        parse(text, Path::new("djlint.toml"), PathBuf::from("."))
    }

    #[test]
    fn full_config() {
        let c = parse_str(
            "select = [\"schema\"]\nignore = [\"schema/no-questions\"]\nfail-on = \"error\"\ninclude = [\"content/**\"]\n\
             exclude = [\"content/drafts/**\"]\n[severity]\n\"schema/invalid-url\" = \"warning\"\n\
             [schema]\nlevels = [\"junior\", \"senior\"]\ntags = [\"orm\"]\nmax-file-bytes = 1000\n",
        )
        .unwrap();
        assert_eq!(c.fail_on, Some(Severity::Error));
        assert_eq!(c.effective_severity("schema/invalid-url", Severity::Error), Some(Severity::Warning));
        assert_eq!(c.effective_severity("schema/no-questions", Severity::Warning), None);
        assert_eq!(c.effective_severity("schema/invalid-id", Severity::Error), Some(Severity::Error));
        assert_eq!(c.effective_severity("noise/promo", Severity::Error), None);
        assert_eq!(c.schema.levels, ["junior", "senior"]);
        assert_eq!(c.schema.tags.as_deref(), Some(&["orm".to_owned()][..]));
        assert_eq!(c.schema.max_file_bytes, 1000);
    }

    #[test]
    fn errors_point_into_the_file() {
        let text = "select = [\"schema/unkown-field\"]\n";
        let e = parse_str(text).unwrap_err();
        assert_eq!(&text[e.span.clone().unwrap()], "\"schema/unkown-field\"");
        assert!(e.help.unwrap().contains("schema/unknown-field"));

        let text = "fail-on = \"sometimes\"\n";
        let e = parse_str(text).unwrap_err();
        assert_eq!(&text[e.span.unwrap()], "\"sometimes\"");

        let text = "[schema]\nlevel = [\"x\"]\n";
        let e = parse_str(text).unwrap_err();
        assert!(e.message.contains("unknown field"), "{}", e.message);
        assert_eq!(&text[e.span.unwrap()], "level");

        let text = "[severity]\n\"schema\" = \"loud\"\n";
        let e = parse_str(text).unwrap_err();
        assert_eq!(&text[e.span.unwrap()], "\"loud\"");

        let text = "include = [\"a/[\"]\n";
        assert!(parse_str(text).is_err());

        let text = "select = [\n";
        assert!(parse_str(text).unwrap_err().span.is_some());
    }

    #[test]
    fn family_severity_applies_to_its_rules_and_exact_id_wins() {
        let c = parse_str("[severity]\nschema = \"info\"\n\"schema/invalid-id\" = \"warning\"\n").unwrap();
        assert_eq!(c.effective_severity("schema/invalid-url", Severity::Error), Some(Severity::Info));
        assert_eq!(c.effective_severity("schema/invalid-id", Severity::Error), Some(Severity::Warning));
    }
}

//! Reading a knowledge file. Every mistake points into the file.

use std::collections::HashSet;

use crate::bank::yaml::NodeId;
use crate::config::ErrorKind;
use crate::datafile::{Reader, Result};

use super::{Date, Feature, Limit, LimitValue, Product, Release, Support, Version};

const PRODUCT_KEYS: &[&str] = &[
    "product",
    "names",
    "exact-names",
    "glued-names",
    "endoflife",
    "spellings",
    "updated",
    "source",
    "supports-source",
    "feature-source",
    "lts-source",
    "releases",
    "limits",
];
const LIMIT_KEYS: &[&str] = &["limit", "asks", "values", "source"];
const VALUE_KEYS: &[&str] = &["value", "since"];
const RELEASE_KEYS: &[&str] = &[
    "cycle",
    "released",
    "lts",
    "mainstream-support",
    "security-support",
    "latest",
    "source",
    "supports",
    "supports-source",
    "introduced",
    "removed",
    "replaced",
];
const FEATURE_KEYS: &[&str] =
    &["feature", "version", "phrases", "patterns", "needs-product", "source", "instead", "aware"];

/// Source texts that apply to every release unless it says otherwise.
#[derive(Default)]
struct Defaults {
    source: Option<String>,
    supports_source: Option<String>,
    feature_source: Option<String>,
}

/// Parse a knowledge file: one product (a map), or a list of products.
/// Patterns are compiled to check them only for user files (`validate`);
/// the built-in ones are checked by the tests.
pub fn parse(name: &str, text: &str, validate: bool) -> Result<Vec<Product>> {
    let r = Reader::new(name, text, ErrorKind::Knowledge)?;
    let Some(root) = r.tree.root else {
        return Err(r.error(None, "knowledge file is empty; it needs `product:` and `releases:`", None));
    };
    if matches!(r.tree.resolve(root).kind, crate::bank::yaml::Kind::Seq(_)) {
        return r.seq(root, "a list of products")?.into_iter().map(|item| parse_product(&r, item, validate)).collect();
    }
    Ok(vec![parse_product(&r, root, validate)?])
}

fn parse_product(r: &Reader, root: NodeId, validate: bool) -> Result<Product> {
    let name = r.name;
    let mut product = None;
    let mut names = Vec::new();
    let mut exact_names = Vec::new();
    let mut glued_names = Vec::new();
    let mut endoflife = None;
    let mut spellings = Vec::new();
    let mut updated = None;
    let mut lts_source = None;
    let mut defaults = Defaults::default();
    let mut releases_node = None;
    let mut limits = Vec::new();
    for (key, k, v) in r.map(root, "a knowledge file")? {
        match key.as_str() {
            "product" => product = Some(r.string(v, "product")?),
            "names" => names = r.strings(v, "names")?.into_iter().map(|(n, _)| n).collect(),
            "exact-names" => exact_names = r.strings(v, "exact-names")?.into_iter().map(|(n, _)| n).collect(),
            "glued-names" => {
                for (n, at) in r.strings(v, "glued-names")? {
                    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_alphabetic()) {
                        return Err(r.error(Some(at), format!("`{n}`: a glued name is letters only (ES)"), None));
                    }
                    glued_names.push(n);
                }
            }
            "endoflife" => endoflife = Some(r.string(v, "endoflife")?),
            "spellings" => {
                for (written, at, to) in r.map(v, "`spellings`")? {
                    let from = version_any(r, at, &written, "spellings")?;
                    let to = version_any(r, to, &r.scalar(to, "spellings")?, "spellings")?;
                    spellings.push((from, to));
                }
            }
            "updated" => updated = Some(date(r, v, "updated", true)?),
            "source" => defaults.source = Some(r.string(v, "source")?),
            "supports-source" => defaults.supports_source = Some(r.string(v, "supports-source")?),
            "feature-source" => defaults.feature_source = Some(r.string(v, "feature-source")?),
            "lts-source" => lts_source = Some(r.string(v, "lts-source")?),
            "releases" => releases_node = Some(v),
            "limits" => {
                for item in r.seq(v, "limits")? {
                    limits.push(parse_limit(r, item, validate)?);
                }
            }
            _ => return Err(r.unknown_key(&key, k, PRODUCT_KEYS)),
        }
    }
    let Some(product) = product.filter(|p| !p.trim().is_empty()) else {
        return Err(r.error(Some(root), "knowledge file has no `product:` name", None));
    };
    if names.is_empty() && exact_names.is_empty() {
        names.push(product.clone());
    }
    if let Some(bad) =
        names.iter().chain(&exact_names).find(|n| n.trim().is_empty() || n.ends_with(|c: char| c.is_ascii_digit()))
    {
        return Err(r.error(
            Some(root),
            format!("`{bad}` cannot name a product: a name does not end in a digit, which would read as its version"),
            None,
        ));
    }
    let mut seen = HashSet::new();
    let mut releases = Vec::new();
    if let Some(list) = releases_node {
        for item in r.seq(list, "releases")? {
            let release = parse_release(r, item, &defaults, endoflife.is_some(), validate)?;
            if !seen.insert(release.cycle) {
                return Err(r.error(Some(item), format!("release {} is listed twice", release.cycle), None));
            }
            releases.push(release);
        }
    } else if endoflife.is_none() && limits.is_empty() {
        return Err(r.error(
            Some(root),
            "knowledge file has no `releases:` list (or `endoflife:` id, or `limits:`)",
            None,
        ));
    }
    releases.sort_by_key(|r| r.cycle);
    let lts_source = lts_source.or(defaults.source);
    Ok(Product {
        name: product,
        names,
        exact_names,
        glued_names,
        endoflife,
        spellings,
        updated,
        lts_source,
        releases,
        origin: name.to_owned(),
        limits,
    })
}

/// A limit: what it is, the questions that ask about it, and its values
/// in the order they took effect.
fn parse_limit(r: &Reader, node: NodeId, validate: bool) -> Result<Limit> {
    let (mut name, mut asks, mut values, mut source) = (None, Vec::new(), Vec::new(), None);
    for (key, k, v) in r.map(node, "a limit")? {
        match key.as_str() {
            "limit" => name = Some(r.string(v, "limit")?),
            "asks" => {
                for (pattern, at) in r.strings(v, "asks")? {
                    if validate && let Err(e) = super::any_of(std::slice::from_ref(&pattern)) {
                        return Err(r.error(Some(at), format!("`asks`: {e}"), None));
                    }
                    asks.push(pattern);
                }
                // They are matched as one: names of groups must not clash.
                if validate && let Err(e) = super::any_of(&asks) {
                    return Err(r.error(Some(v), format!("`asks`: {e}"), None));
                }
            }
            "values" => {
                for item in r.seq(v, "values")? {
                    let (mut written, mut since) = (None, None);
                    for (key, k, v) in r.map(item, "a limit's value")? {
                        match key.as_str() {
                            "value" => written = Some((r.string(v, "value")?, v)),
                            "since" => since = Some(date(r, v, "since", true)?),
                            _ => return Err(r.unknown_key(&key, k, VALUE_KEYS)),
                        }
                    }
                    let Some((written, at)) = written else {
                        return Err(r.error(Some(item), "a limit's value needs `value:` (300 seconds, 10 GB)", None));
                    };
                    let Some(amount) = super::quantity::parse(&written) else {
                        return Err(r.error(
                            Some(at),
                            format!("`{written}` is not an amount such as 300 seconds, 15 minutes or 10 GB"),
                            None,
                        ));
                    };
                    values.push(LimitValue { written, amount, since });
                }
            }
            "source" => source = Some(r.string(v, "source")?),
            _ => return Err(r.unknown_key(&key, k, LIMIT_KEYS)),
        }
    }
    let (Some(name), Some(source)) = (name, source) else {
        return Err(r.error(Some(node), "a limit needs `limit:` (what it is) and `source:`", None));
    };
    if asks.is_empty() {
        return Err(r.error(Some(node), "a limit needs `asks:`, the patterns of a question about it", None));
    }
    let in_order = values.windows(2).all(|w| match (w[0].since, w[1].since) {
        (None, Some(_)) => true,
        (Some(a), Some(b)) => a.first() < b.first(),
        _ => false,
    });
    if values.len() < 2 || values[0].since.is_some() || !in_order {
        return Err(r.error(
            Some(node),
            "a limit lists at least two `values`: the first without `since:`, then each later one with the day it took effect, in order",
            None,
        ));
    }
    if values.iter().any(|v| v.amount.dimension != values[0].amount.dimension) {
        return Err(r.error(Some(node), "a limit's values are all times or all sizes", None));
    }
    Ok(Limit { name, asks, values, source, asked: std::sync::OnceLock::new() })
}

fn date(r: &Reader, node: NodeId, key: &str, day: bool) -> Result<Date> {
    let value = r.scalar(node, key)?;
    let parsed = if day { Date::parse_day(&value) } else { Date::parse(&value) };
    parsed.ok_or_else(|| {
        let form = if day { "YYYY-MM-DD" } else { "YYYY-MM-DD, or YYYY-MM for a planned month" };
        r.error(Some(node), format!("`{key}` must be a date ({form}), not `{value}`"), None)
    })
}

fn version(r: &Reader, node: NodeId, value: &str, key: &str) -> Result<Version> {
    Version::parse(value.trim())
        .ok_or_else(|| r.error(Some(node), format!("`{key}`: `{value}` is not a version such as 4.2 or 4.2.30"), None))
}

fn version_any(r: &Reader, node: NodeId, value: &str, key: &str) -> Result<Version> {
    Version::parse_any(value.trim()).ok_or_else(|| {
        r.error(Some(node), format!("`{key}`: `{value}` is not a version such as 18, 4.2 or 4.2.30"), None)
    })
}

fn parse_release(r: &Reader, node: NodeId, defaults: &Defaults, release_data: bool, validate: bool) -> Result<Release> {
    let pairs = r.map(node, "a release")?;
    let cycle_node = pairs.iter().find(|(k, _, _)| k == "cycle").map(|&(_, _, v)| v);
    let Some(cycle_node) = cycle_node else {
        return Err(r.error(Some(node), "release has no `cycle` (such as \"4.2\")", None));
    };
    let cycle = version_any(r, cycle_node, &r.scalar(cycle_node, "cycle")?, "cycle")?;
    if cycle.patch.is_some() {
        return Err(r.error(
            Some(cycle_node),
            "`cycle` is a feature release such as 4.2 (or 18), without a patch number",
            None,
        ));
    }
    let expand = |s: &str| s.replace("{cycle}", &cycle.to_string());
    let mut release = Release {
        cycle,
        released: Date { year: 0, month: 1, day: None },
        dated: false,
        lts: false,
        lts_from: None,
        ended: false,
        open: false,
        mainstream_support: None,
        security_support: None,
        latest: None,
        source: defaults.source.as_deref().map(expand).unwrap_or_default(),
        supports: Vec::new(),
        supports_source: String::new(),
        introduced: Vec::new(),
        removed: Vec::new(),
        replaced: Vec::new(),
    };
    let mut supports_source = defaults.supports_source.clone();
    let mut released = false;
    let mut features = Vec::new();
    for (key, k, v) in &pairs {
        let v = *v;
        match key.as_str() {
            "cycle" => {}
            "released" => {
                release.released = date(r, v, "released", false)?;
                released = true;
            }
            "lts" => release.lts = r.bool(v, "lts")?,
            "mainstream-support" => release.mainstream_support = Some(date(r, v, "mainstream-support", false)?),
            "security-support" => release.security_support = Some(date(r, v, "security-support", false)?),
            "latest" => {
                let value = r.scalar(v, "latest")?;
                let latest = version(r, v, &value, "latest")?;
                if latest.patch.is_none() || !latest.is_in(cycle) {
                    return Err(r.error(
                        Some(v),
                        format!("`latest` must be a patch release of {cycle}, such as {cycle}.1"),
                        None,
                    ));
                }
                release.latest = Some(latest);
            }
            "source" => release.source = expand(&r.string(v, "source")?),
            "supports-source" => supports_source = Some(r.string(v, "supports-source")?),
            "supports" => {
                for (product, _, list) in r.map(v, "`supports`")? {
                    let mut versions = Vec::new();
                    for (item, at) in r.seq(list, "supports").and_then(|items| {
                        items.into_iter().map(|i| Ok((r.scalar(i, "supports")?, i))).collect::<Result<Vec<_>>>()
                    })? {
                        let (v, since) = match item.split_once(" from ") {
                            Some((v, since)) => (v, Some(version(r, at, since, "supports")?)),
                            None => (item.as_str(), None),
                        };
                        let v = version(r, at, v, "supports")?;
                        if since.is_some_and(|s| s.cycle() != cycle || s.patch.is_none()) {
                            return Err(r.error(Some(at), format!("`from` names a patch release of {cycle}"), None));
                        }
                        versions.push((v, since));
                    }
                    release.supports.push(Support { product, versions });
                }
            }
            "introduced" | "removed" | "replaced" => features.push((key.clone(), v)),
            _ => return Err(r.unknown_key(key, *k, RELEASE_KEYS)),
        }
    }
    release.dated = released;
    if !released && !release_data {
        return Err(r.error(Some(node), format!("release {cycle} has no `released` date"), None));
    }
    if released && release.source.is_empty() {
        return Err(r.error(Some(node), format!("release {cycle} has no `source` for its dates"), None));
    }
    release.supports_source = supports_source.as_deref().map_or_else(|| release.source.clone(), expand);
    let feature_source = defaults.feature_source.as_deref().map_or_else(|| release.source.clone(), expand);
    for (key, v) in features {
        let mut list = Vec::new();
        for item in r.seq(v, &key)? {
            let feature = parse_feature(r, item, &feature_source, &expand, validate)?;
            if let Some(v) = feature.version.filter(|v| !v.is_in(cycle)) {
                return Err(r.error(Some(item), format!("`version` {v} is not a release of {cycle}"), None));
            }
            list.push(feature);
        }
        match key.as_str() {
            "introduced" => release.introduced = list,
            "removed" => release.removed = list,
            _ => release.replaced = list,
        }
    }
    Ok(release)
}

fn parse_feature(
    r: &Reader,
    node: NodeId,
    source: &str,
    expand: &dyn Fn(&str) -> String,
    validate: bool,
) -> Result<Feature> {
    let mut feature = Feature {
        name: String::new(),
        phrases: Vec::new(),
        patterns: Vec::new(),
        source: source.to_owned(),
        instead: None,
        version: None,
        needs_product: false,
        aware: Vec::new(),
        aware_re: std::sync::OnceLock::new(),
    };
    for (key, k, v) in r.map(node, "a feature")? {
        match key.as_str() {
            "feature" => feature.name = r.string(v, "feature")?,
            "phrases" => {
                for (phrase, at) in r.strings(v, "phrases")? {
                    if phrase.trim().len() < 3 {
                        return Err(r.error(Some(at), "a phrase needs at least three characters", None));
                    }
                    feature.phrases.push(phrase);
                }
            }
            "patterns" => {
                for (pattern, at) in r.strings(v, "patterns")? {
                    if let Some(e) =
                        validate.then(|| regex::RegexBuilder::new(&pattern).size_limit(1 << 20).build().err()).flatten()
                    {
                        return Err(r.error(Some(at), format!("invalid regular expression: {e}"), None));
                    }
                    feature.patterns.push(pattern);
                }
            }
            "source" => feature.source = expand(&r.string(v, "source")?),
            "instead" => feature.instead = Some(r.string(v, "instead")?),
            "version" => feature.version = Some(version_any(r, v, &r.scalar(v, "version")?, "version")?),
            "needs-product" => feature.needs_product = r.bool(v, "needs-product")?,
            "aware" => {
                for (pattern, at) in r.strings(v, "aware")? {
                    if validate && let Err(e) = super::any_of(std::slice::from_ref(&pattern)) {
                        return Err(r.error(Some(at), format!("invalid regular expression: {e}"), None));
                    }
                    feature.aware.push(pattern);
                }
                if validate && let Err(e) = super::any_of(&feature.aware) {
                    return Err(r.error(Some(v), format!("`aware`: {e}"), None));
                }
            }
            _ => return Err(r.unknown_key(&key, k, FEATURE_KEYS)),
        }
    }
    if feature.name.is_empty() {
        return Err(r.error(Some(node), "a feature needs a `feature:` name", None));
    }
    if feature.phrases.is_empty() && feature.patterns.is_empty() {
        return Err(r.error(Some(node), format!("`{}` needs `phrases` or `patterns` to be found", feature.name), None));
    }
    Ok(feature)
}

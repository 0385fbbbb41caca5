//! Release data in the shape of endoflife.date's API (v1): the bundled
//! snapshot (`rules/knowledge/endoflife.json`) and the file
//! `djlint knowledge update` writes. Each product is the `result` of
//! `GET /api/v1/products/{product}`, trimmed to the fields djlint reads.
//!
//! The data is endoflife.date's, MIT licence, "Copyright 2020 endoflife.date
//! contributors" (rules/knowledge/ENDOFLIFE-LICENSE).

use serde::{Deserialize, Serialize};

use super::{Date, Product, Release, Version};

/// A file of release data.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReleaseData {
    /// Where the data comes from ("endoflife.date").
    pub source: String,
    /// The licence notice of the data.
    pub licence: String,
    /// The day the data was taken (YYYY-MM-DD).
    pub date: String,
    /// What it was taken from: a commit of the endoflife.date repository,
    /// or the API's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    pub products: Vec<EolProduct>,
}

/// One product (the API's `ProductDetails`, trimmed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EolProduct {
    /// The product's id ("nodejs").
    pub name: String,
    /// Its display name ("Node.js").
    pub label: String,
    pub releases: Vec<EolRelease>,
}

/// One release cycle (the API's `ProductRelease`, trimmed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EolRelease {
    /// The cycle ("22", "3.12").
    pub name: String,
    pub release_date: Option<String>,
    #[serde(default)]
    pub is_lts: bool,
    #[serde(default)]
    pub lts_from: Option<String>,
    #[serde(default)]
    pub eoas_from: Option<String>,
    #[serde(default)]
    pub is_eol: bool,
    #[serde(default)]
    pub eol_from: Option<String>,
    #[serde(default)]
    pub latest: Option<EolVersion>,
}

/// A version of a cycle (the API's `ProductVersion`, trimmed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EolVersion {
    pub name: String,
    #[serde(default)]
    pub date: Option<String>,
}

/// A mistake in a release data file: message and byte offset.
#[derive(Debug)]
pub struct DataError {
    pub message: String,
    pub at: usize,
}

impl ReleaseData {
    /// Read a release data file.
    pub fn parse(text: &str) -> Result<ReleaseData, DataError> {
        let data: ReleaseData = serde_json::from_str(text).map_err(|e| DataError {
            message: format!("not release data: {e}"),
            at: offset(text, e.line(), e.column()),
        })?;
        if data.day().is_none() {
            let at = text.find(&data.date).unwrap_or(0);
            return Err(DataError { message: format!("`date` must be a day, YYYY-MM-DD, not `{}`", data.date), at });
        }
        Ok(data)
    }

    pub fn day(&self) -> Option<Date> {
        Date::parse_day(&self.date)
    }

    pub fn product(&self, id: &str) -> Option<&EolProduct> {
        self.products.iter().find(|p| p.name == id)
    }

    /// Add the data to `products`: each product whose `endoflife` id the
    /// data has gains its release cycles. With `replace`, the data's dates
    /// replace those a knowledge file gives (newer data, fetched by the
    /// user); without, they only fill cycles that have none. Products of
    /// the data that no knowledge file describes are added by their label
    /// when `add_unknown`.
    pub fn apply(&self, products: &mut Vec<Product>, origin: &str, replace: bool, add_unknown: bool) {
        let Some(day) = self.day() else { return };
        for data in &self.products {
            let at = match products.iter().position(|p| p.endoflife.as_deref() == Some(data.name.as_str())) {
                Some(at) => at,
                None if add_unknown => {
                    products.push(Product {
                        name: data.label.clone(),
                        names: vec![data.label.clone()],
                        exact_names: Vec::new(),
                        glued_names: Vec::new(),
                        endoflife: Some(data.name.clone()),
                        spellings: Vec::new(),
                        updated: None,
                        lts_source: None,
                        releases: Vec::new(),
                        origin: origin.to_owned(),
                        limits: Vec::new(),
                    });
                    products.len() - 1
                }
                None => continue,
            };
            let product = &mut products[at];
            let source = format!("endoflife.date/{}, data of {}", data.name, self.date);
            let mut changed = false;
            for r in &data.releases {
                let Some(release) = release(r, &source) else { continue };
                match product.releases.iter_mut().find(|old| old.cycle == release.cycle) {
                    Some(old) if old.dated && !replace => {}
                    Some(old) => {
                        old.released = release.released;
                        old.dated = true;
                        old.lts = release.lts;
                        old.lts_from = release.lts_from;
                        old.ended = release.ended;
                        old.open = release.open;
                        old.mainstream_support = release.mainstream_support;
                        old.security_support = release.security_support;
                        old.latest = release.latest;
                        old.source = release.source;
                        if old.supports_source.is_empty() {
                            old.supports_source = source.clone();
                        }
                        changed = true;
                    }
                    None => {
                        product.releases.push(release);
                        changed = true;
                    }
                }
            }
            if changed {
                product.releases.sort_by_key(|r| r.cycle);
                product.updated = Some(match product.updated {
                    Some(u) if u.last() >= day.last() => u,
                    _ => day,
                });
                if product.lts_source.is_none() {
                    product.lts_source = Some(source);
                }
            }
        }
    }
}

/// A release cycle of the data, or `None` when its name is not a version
/// (`java17.al2023`, `13.0-sp3`) or it has no release date.
fn release(r: &EolRelease, source: &str) -> Option<Release> {
    let cycle = Version::parse_any(&r.name)?;
    if cycle.patch.is_some() {
        return None;
    }
    let day = |s: &Option<String>| s.as_deref().and_then(Date::parse_day);
    let released = day(&r.release_date)?;
    let security_support = day(&r.eol_from);
    let latest = r.latest.as_ref().and_then(|l| Version::parse(&l.name)).filter(|l| l.is_in(cycle) && *l != cycle);
    Some(Release {
        cycle,
        released,
        dated: true,
        lts: r.is_lts,
        lts_from: day(&r.lts_from),
        ended: r.is_eol && security_support.is_none(),
        open: !r.is_eol && security_support.is_none(),
        mainstream_support: day(&r.eoas_from),
        security_support,
        latest,
        source: source.to_owned(),
        supports: Vec::new(),
        supports_source: String::new(),
        introduced: Vec::new(),
        removed: Vec::new(),
        replaced: Vec::new(),
    })
}

/// The byte offset of a 1-based line and column.
fn offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (start + column.saturating_sub(1)).min(text.len())
}

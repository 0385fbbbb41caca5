//! `djlint knowledge update`: fetch current release data from
//! endoflife.date's API for the products djlint knows (and those the
//! config names), and write it where the config's `release-data` points.
//! Nothing is written unless every product was fetched and read; the file
//! is replaced atomically. The check itself never touches the network.

use std::path::Path;
use std::time::Duration;

use serde::Deserialize;

use super::endoflife::{EolProduct, EolRelease, ReleaseData};
use super::{BUILTIN_RELEASE_DATA, Date, Knowledge};

/// endoflife.date's API, version 1.
pub const DEFAULT_URL: &str = "https://endoflife.date/api/v1";

/// What to fetch, and from where.
pub struct Request<'a> {
    /// The API's base address (`--url`), without a trailing slash.
    pub url: &'a str,
    /// endoflife.date product ids.
    pub products: Vec<String>,
    /// Per request.
    pub timeout: Duration,
    /// The day recorded as the data's date.
    pub today: Date,
}

/// The answer of `GET /products/{product}`.
#[derive(Deserialize)]
struct ProductResponse {
    result: EolProduct,
}

/// The products to fetch by default: every product the built-in knowledge
/// links to endoflife.date, then `extra` (the config's
/// `release-products`), without repeats.
pub fn default_products(extra: &[String]) -> Vec<String> {
    let mut ids: Vec<String> = Knowledge::builtin().products.iter().filter_map(|p| p.endoflife.clone()).collect();
    for id in extra {
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    ids
}

/// Fetch every product of `request`. The first failure stops it, naming
/// the product and what went wrong.
pub fn fetch(request: &Request) -> Result<Vec<EolProduct>, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(request.timeout))
        .user_agent(concat!("djlint/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut out = Vec::new();
    for id in &request.products {
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')) {
            return Err(format!("`{id}` is not an endoflife.date product id (such as `nodejs`)"));
        }
        let url = format!("{}/products/{id}", request.url.trim_end_matches('/'));
        let mut response = agent.get(&url).call().map_err(|e| match e {
            ureq::Error::StatusCode(404) => format!("{url}: endoflife.date has no product `{id}`"),
            ureq::Error::StatusCode(code) => format!("{url}: the server answered HTTP {code}"),
            ureq::Error::Timeout(_) => format!("{url}: no answer within {} s", request.timeout.as_secs_f32()),
            other => format!("{url}: {other}"),
        })?;
        let text = response.body_mut().read_to_string().map_err(|e| format!("{url}: cannot read the answer: {e}"))?;
        let product: ProductResponse =
            serde_json::from_str(&text).map_err(|e| format!("{url}: not endoflife.date product data: {e}"))?;
        if product.result.name != *id {
            return Err(format!("{url}: the answer is about `{}`, not `{id}`", product.result.name));
        }
        out.push(product.result);
    }
    Ok(out)
}

/// The release data to write: `fetched`, and the products of `old` (the
/// file written before) that were not fetched this time.
pub fn merge(old: Option<&ReleaseData>, fetched: Vec<EolProduct>, request: &Request) -> ReleaseData {
    let mut products = fetched;
    for p in old.map(|o| o.products.as_slice()).unwrap_or_default() {
        if !products.iter().any(|n| n.name == p.name) {
            products.push(p.clone());
        }
    }
    ReleaseData {
        source: "endoflife.date".into(),
        licence: "MIT licence, Copyright 2020 endoflife.date contributors".into(),
        date: request.today.to_string(),
        from: Some(request.url.to_owned()),
        products,
    }
}

/// What changed from `before` (the data in use until now) to `after`, one
/// line each: new releases, new or changed ends of life, new latest
/// versions.
pub fn changes(before: &[&EolProduct], after: &ReleaseData) -> Vec<String> {
    let mut out = Vec::new();
    for new in &after.products {
        let old = before.iter().find(|p| p.name == new.name);
        for r in &new.releases {
            let label = format!("{} {}", new.label, r.name);
            let Some(was) = old.and_then(|o| o.releases.iter().find(|o| o.name == r.name)) else {
                let date = r.release_date.as_deref().unwrap_or("date unknown");
                out.push(format!("new release: {label} ({date})"));
                continue;
            };
            if was.eol_from != r.eol_from || was.is_eol != r.is_eol {
                out.push(format!("end of life: {label}: {} (was {})", eol(r), eol(was)));
            }
            let latest = |r: &EolRelease| r.latest.as_ref().map(|l| l.name.clone());
            if let (Some(now), Some(then)) = (latest(r), latest(was))
                && now != then
            {
                out.push(format!("latest: {label}: {now} (was {then})"));
            }
        }
    }
    out
}

fn eol(r: &EolRelease) -> String {
    match (&r.eol_from, r.is_eol) {
        (Some(d), _) => d.clone(),
        (None, true) => "ended".into(),
        (None, false) => "not announced".into(),
    }
}

/// The release data in use before the update: the file at `path` when it
/// exists, else the bundled data.
pub fn current(path: &Path) -> Result<(Option<ReleaseData>, ReleaseData), String> {
    let bundled = ReleaseData::parse(BUILTIN_RELEASE_DATA.1).map_err(|e| e.message)?;
    match std::fs::read_to_string(path) {
        Ok(text) => match ReleaseData::parse(&text) {
            Ok(old) => Ok((Some(old), bundled)),
            // A damaged file is replaced by a complete one.
            Err(_) => Ok((None, bundled)),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((None, bundled)),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// Write `data` to `path` atomically: a temporary file beside it, renamed.
pub fn write(path: &Path, data: &ReleaseData) -> Result<(), String> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut text = serde_json::to_string_pretty(data).map_err(|e| e.to_string())?;
    text.push('\n');
    let mut tmp =
        tempfile::NamedTempFile::new_in(dir).map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
    std::io::Write::write_all(&mut tmp, text.as_bytes()).map_err(|e| format!("cannot write: {e}"))?;
    tmp.persist(path).map_err(|e| format!("cannot write {}: {}", path.display(), e.error))?;
    Ok(())
}

//! Reading the project's YAML data files (rule packs, knowledge files):
//! every mistake is a [`ConfigError`] that points at the node it is about.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::bank::yaml::{self, Kind, NodeId, Tree};
use crate::config::{ConfigError, ErrorKind};

pub type Result<T, E = ConfigError> = std::result::Result<T, E>;

/// One parsed data file, reporting the first mistake with its place.
pub struct Reader<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub kind: ErrorKind,
    pub tree: Tree,
}

impl<'a> Reader<'a> {
    /// Parse `text`; invalid YAML is an error pointing at the parser's place.
    pub fn new(name: &'a str, text: &'a str, kind: ErrorKind) -> Result<Reader<'a>> {
        let tree = yaml::parse(text).map_err(|e| ConfigError {
            kind,
            path: PathBuf::from(name),
            text: text.into(),
            span: Some(e.span.start..e.span.end),
            message: format!("{} is not valid YAML: {}", kind.as_str(), e.message),
            help: None,
        })?;
        Ok(Reader { name, text, kind, tree })
    }

    pub fn error(&self, node: Option<NodeId>, message: impl Into<String>, help: Option<String>) -> ConfigError {
        ConfigError {
            kind: self.kind,
            path: PathBuf::from(self.name),
            text: self.text.into(),
            span: node.map(|n| {
                let s = self.tree.node(n).span;
                s.start..s.end.max(s.start)
            }),
            message: message.into(),
            help,
        }
    }

    pub fn map(&self, node: NodeId, what: &str) -> Result<Vec<(String, NodeId, NodeId)>> {
        match &self.tree.resolve(node).kind {
            Kind::Map(pairs) => pairs
                .iter()
                .map(|&(k, v)| match &self.tree.resolve(k).kind {
                    Kind::Scalar(s) => Ok((s.value.clone(), k, v)),
                    _ => Err(self.error(Some(k), "keys must be plain text", None)),
                })
                .collect(),
            _ => Err(self.error(
                Some(node),
                format!("{what} must be a mapping, not {}", self.tree.kind_name(node)),
                None,
            )),
        }
    }

    /// The items of a list.
    pub fn seq(&self, node: NodeId, key: &str) -> Result<Vec<NodeId>> {
        match &self.tree.resolve(node).kind {
            Kind::Seq(items) => Ok(items.clone()),
            _ => {
                Err(self.error(Some(node), format!("`{key}` must be a list, not {}", self.tree.kind_name(node)), None))
            }
        }
    }

    pub fn string(&self, node: NodeId, key: &str) -> Result<String> {
        match &self.tree.resolve(node).kind {
            Kind::Scalar(s) if s.ty == yaml::ScalarType::Str => Ok(s.value.clone()),
            _ => Err(self.error(Some(node), format!("`{key}` must be text, not {}", self.tree.kind_name(node)), None)),
        }
    }

    /// Any scalar, as written: `4.2`, `2026-04-07` and `"4.2"` all read as text.
    pub fn scalar(&self, node: NodeId, key: &str) -> Result<String> {
        match &self.tree.resolve(node).kind {
            Kind::Scalar(s) if s.ty != yaml::ScalarType::Null => Ok(s.value.clone()),
            _ => {
                Err(self.error(Some(node), format!("`{key}` must be a value, not {}", self.tree.kind_name(node)), None))
            }
        }
    }

    pub fn bool(&self, node: NodeId, key: &str) -> Result<bool> {
        match &self.tree.resolve(node).kind {
            Kind::Scalar(s) if s.ty == yaml::ScalarType::Bool => Ok(s.value.eq_ignore_ascii_case("true")),
            _ => Err(self.error(Some(node), format!("`{key}` must be true or false"), None)),
        }
    }

    /// A list of strings, each with its node; a single string counts as a list of one.
    pub fn strings(&self, node: NodeId, key: &str) -> Result<Vec<(String, NodeId)>> {
        match &self.tree.resolve(node).kind {
            Kind::Seq(items) => items.iter().map(|&i| Ok((self.string(i, key)?, i))).collect(),
            Kind::Scalar(_) => Ok(vec![(self.string(node, key)?, node)]),
            _ => Err(self.error(Some(node), format!("`{key}` must be a list of text"), None)),
        }
    }

    /// Reject keys not in `known`, suggesting the nearest one.
    pub fn unknown_key(&self, key: &str, node: NodeId, known: &[&str]) -> ConfigError {
        let help = crate::rules::schema::fields::did_you_mean(key, known.iter().copied())
            .map_or_else(|| format!("known keys: {}", known.join(", ")), |s| format!("did you mean `{s}`?"));
        self.error(Some(node), format!("unknown key `{key}`"), Some(help))
    }
}

/// Read a data file named in the config file `config` (at `span` of its
/// text `config_text`); failing to read it is a config error there.
pub fn read_listed(path: &Path, span: &Range<usize>, config: &Path, config_text: &str, what: &str) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| ConfigError {
        kind: ErrorKind::Config,
        path: config.to_owned(),
        text: config_text.into(),
        span: Some(span.clone()),
        message: format!("cannot read {what} {}: {e}", path.display()),
        help: None,
    })
}

//! Find the question files under the paths given on the command line.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

/// Which files a directory walk takes. Globs match paths relative to `root`
/// (the folder holding djlint.toml, or the working directory).
#[derive(Debug, Clone)]
pub struct Selection {
    /// Absolute folder the globs are relative to.
    pub root: PathBuf,
    /// Absolute working directory, for relative paths.
    cwd: PathBuf,
    include: GlobSet,
    exclude: GlobSet,
}

pub const DEFAULT_INCLUDE: &[&str] = &["**/*.yaml", "**/*.yml"];

impl Selection {
    /// Build from glob patterns; the error names the bad pattern.
    pub fn new(
        root: PathBuf,
        cwd: &Path,
        include: &[String],
        exclude: &[String],
    ) -> Result<Selection, (usize, bool, String)> {
        let build = |patterns: &[String], is_include: bool| {
            let mut b = GlobSetBuilder::new();
            for (i, p) in patterns.iter().enumerate() {
                let glob = GlobBuilder::new(p)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| (i, is_include, e.kind().to_string()))?;
                b.add(glob);
            }
            b.build().map_err(|e| (0, is_include, e.to_string()))
        };
        let cwd = std::path::absolute(cwd).unwrap_or_else(|_| cwd.to_owned());
        Ok(Selection { root, cwd, include: build(include, true)?, exclude: build(exclude, false)? })
    }

    fn relative(&self, path: &Path) -> PathBuf {
        let abs = if path.is_absolute() { path.to_owned() } else { self.cwd.join(path) };
        abs.strip_prefix(&self.root).map(Path::to_path_buf).unwrap_or(abs)
    }

    fn excluded(&self, path: &Path) -> bool {
        self.exclude.is_match(self.relative(path))
    }

    fn included(&self, path: &Path) -> bool {
        self.include.is_match(self.relative(path)) && !self.excluded(path)
    }
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Found {
    /// Files to load, sorted, without duplicates.
    pub files: Vec<PathBuf>,
    /// Paths that could not be walked, with the reason.
    pub errors: Vec<(PathBuf, String)>,
    /// The files among `files` that were named as files, not found by a walk.
    pub named: Vec<PathBuf>,
}

/// Walk `paths`. A named file is always taken; directories are walked
/// respecting .gitignore, hidden files and the selection. A path that does
/// not exist is an error of the run (`Err` names it).
pub fn discover(paths: &[PathBuf], sel: &Selection) -> Result<Found, PathBuf> {
    let mut found = Found::default();
    for path in paths {
        let meta = std::fs::symlink_metadata(path).map_err(|_| path.clone())?;
        if !(meta.is_dir() || meta.file_type().is_symlink() && path.is_dir()) {
            found.files.push(path.clone());
            found.named.push(path.clone());
            continue;
        }
        // A link to a folder above (`up -> ..`) would walk the bank again
        // from above, or the whole disk: such links are not followed.
        let top = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        let walker = ignore::WalkBuilder::new(path)
            .follow_links(true)
            .require_git(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .filter_entry({
                let sel = sel.clone();
                move |e| {
                    let dir = e.depth() > 0 && e.file_type().is_some_and(|t| t.is_dir());
                    let upward = dir
                        && e.path_is_symlink()
                        && std::fs::canonicalize(e.path()).is_ok_and(|target| top.starts_with(target));
                    !(dir && (sel.excluded(e.path()) || upward))
                }
            })
            .build();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                    if sel.included(e.path()) {
                        found.files.push(e.into_path());
                    }
                }
                Ok(e) if e.path_is_symlink() && e.file_type().is_some_and(|t| t.is_symlink()) => {
                    // A dangling link: reading it will report why.
                    if sel.included(e.path()) {
                        found.files.push(e.into_path());
                    }
                }
                Ok(_) => {}
                Err(err) => {
                    // Only a question file that cannot be read is a finding;
                    // a broken link named README or a looping folder link is
                    // not part of the bank.
                    let at = error_path(&err).unwrap_or_else(|| path.clone());
                    if sel.included(&at) {
                        let text = error_text(&err, &at);
                        found.errors.push((at, text));
                    }
                }
            }
        }
    }
    found.files.sort();
    found.files.dedup();
    // One file reached by two paths (through a link) is checked once.
    let mut seen = std::collections::HashSet::new();
    found.files.retain(|f| seen.insert(canonical(f)));
    // A file named and also met by a walk that could not read it is
    // reported once, as the named file.
    found.errors.retain(|(p, _)| !seen.contains(&canonical(p)));
    Ok(found)
}

/// The canonical form of a path; for a path that cannot be resolved (a
/// dangling link), its resolved folder and its name, so that `./gone.yaml`
/// and `gone.yaml` are still one file.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|e| match (path.parent(), path.file_name()) {
            (Some(dir), Some(name)) => {
                std::fs::canonicalize(if dir.as_os_str().is_empty() { Path::new(".") } else { dir })
                    .map(|d| d.join(name))
            }
            _ => Err(e),
        })
        .unwrap_or_else(|_| path.to_owned())
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        _ => None,
    }
}

fn error_text(err: &ignore::Error, path: &Path) -> String {
    match err {
        ignore::Error::Loop { ancestor, .. } => {
            format!("cannot read: symbolic link loop back to {}", ancestor.display())
        }
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => error_text(err, path),
        ignore::Error::Io(e) if e.kind() == std::io::ErrorKind::NotFound && path.is_symlink() => {
            "cannot read: broken symbolic link (its target does not exist)".to_owned()
        }
        ignore::Error::Io(e) => format!("cannot read: {e}"),
        other => format!("cannot read: {other}"),
    }
}

/// How a path is shown: relative to the working directory, with `/`.
pub fn display_name(path: &Path, cwd: &Path) -> String {
    let rel = path.strip_prefix(cwd).unwrap_or(path);
    let rel = rel.strip_prefix(".").unwrap_or(rel);
    let s = rel.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' { s.into_owned() } else { s.replace(std::path::MAIN_SEPARATOR, "/") }
}

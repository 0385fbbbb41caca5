//! Command-line arguments and the commands they run. Returns the exit code:
//! 0 no finding at or above `--fail-on`, 1 some, 2 the run itself failed.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{self, Config, ConfigError};
use crate::finding::Severity;
use crate::fix;
use crate::knowledge::Date;
use crate::report::{self, Format, Summary};
use crate::rules::{self, Rule};

#[derive(Debug, Parser)]
#[command(
    name = "djlint",
    version = concat!(env!("CARGO_PKG_VERSION"), " (the interview and quiz question-bank linter)"),
    about = "Lint interview and quiz question banks kept as YAML (not djLint, the HTML template linter)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check question files and report findings.
    Check(CheckArgs),
    /// For hooks (pre-commit): check the whole bank under `--bank` but
    /// report only findings that touch FILES, such as a new question that
    /// duplicates an old one. Options go before the files.
    Hook(HookArgs),
    /// List every rule with its id, default severity and summary.
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
        /// Include the rule packs of this config file instead of the nearest djlint.toml.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Explain one rule, with a bad and a good example.
    Explain {
        /// A rule id, such as `schema/unknown-field`.
        rule: String,
        /// Include the rule packs of this config file instead of the nearest djlint.toml.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Print the question-file schema as JSON Schema (for editors).
    Schema {
        /// Read levels and tags from this config file instead of the nearest djlint.toml.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// The release knowledge the stale rules judge by.
    Knowledge {
        #[command(subcommand)]
        action: KnowledgeAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum KnowledgeAction {
    /// Fetch current release data from endoflife.date for the products
    /// djlint knows (and `release-products` in djlint.toml), and write it to
    /// the `release-data` file of djlint.toml, printing what changed.
    /// Nothing is written unless every product is fetched.
    Update {
        /// Write here instead of the config's `release-data`.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Fetch only this endoflife.date product (repeatable), such as `nodejs`.
        #[arg(long = "product", value_name = "ID")]
        products: Vec<String>,
        /// The API's address.
        #[arg(long, default_value = crate::knowledge::update::DEFAULT_URL)]
        url: String,
        /// Seconds to wait for each answer.
        #[arg(long, default_value_t = 20)]
        timeout: u64,
        /// Use this config file instead of the nearest djlint.toml.
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// One line per rule.
    Text,
    /// The reference in docs/rules.md.
    Markdown,
    /// Every rule with its documentation, for programs.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// The options `check` and `hook` share.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Output format.
    #[arg(long, visible_alias = "output-format", value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Lowest severity that makes the run fail [default: `fail-on` in
    /// djlint.toml, else warning].
    #[arg(long, value_name = "SEVERITY", value_parser = fail_on_values())]
    pub fail_on: Option<FailOn>,
    /// Exit 0 even when there are findings (a run that fails still exits 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print the findings only: no summary, no notes on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Run only these rules or families (comma-separated); replaces `select` in djlint.toml.
    #[arg(long, value_delimiter = ',')]
    pub select: Option<Vec<String>>,
    /// Skip these rules or families (comma-separated); replaces `ignore` in djlint.toml.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Option<Vec<String>>,
    /// Hide the findings recorded in this baseline file; report only new ones.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Judge version claims as of this day (YYYY-MM-DD) instead of today;
    /// replaces `as-of` in djlint.toml.
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<Date>,
    /// Use this config file instead of searching for djlint.toml.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Ignore any djlint.toml.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// When to use colours.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check; folders are searched for question files.
    /// `-` reads one file from standard input (name it with
    /// `--stdin-filename`).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub run: RunArgs,
    /// Changed-files mode: check the whole bank (PATHS) but report only
    /// findings that touch this file, such as a new question that
    /// duplicates an old one. One file per flag; repeat it for more.
    /// Deleted, non-YAML and files outside the bank are skipped.
    #[arg(long, value_name = "FILE", action = clap::ArgAction::Append)]
    pub changed: Option<Vec<PathBuf>>,
    /// The name of the file read from standard input (`-`): shown in the
    /// report, and where djlint.toml is looked for.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Repair what is safe to repair (citation residue, chat markers,
    /// tracking parameters, footnote markers, navigation lines), writing
    /// each file atomically; then report what is left.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the changes `--fix` would make as a unified diff, and write
    /// nothing. Exits 1 when there is something to fix. The diff is its
    /// own format: it does not combine with `--format`, `--statistics` or
    /// baselines.
    #[arg(long, conflicts_with_all = ["format", "statistics", "write_baseline", "baseline"])]
    pub diff: bool,
    /// Print how many findings each rule has instead of the findings: a
    /// table, or JSON with `--format json`.
    #[arg(long)]
    pub statistics: bool,
    /// Record every current finding in this baseline file, and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// Print the settings the run would use (which file they come from,
    /// and every value after the command line's options), and check nothing.
    #[arg(long)]
    pub show_settings: bool,
}

#[derive(Debug, Args)]
pub struct HookArgs {
    /// The changed files, as the hook passes them. Deleted files, files
    /// that are not YAML and files outside the bank are skipped.
    pub files: Vec<PathBuf>,
    /// The bank the files belong to.
    #[arg(long, default_value = ".")]
    pub bank: Vec<PathBuf>,
    #[command(flatten)]
    pub run: RunArgs,
}

impl HookArgs {
    fn into_check(self) -> CheckArgs {
        CheckArgs {
            paths: self.bank,
            run: self.run,
            changed: Some(self.files),
            fix: false,
            diff: false,
            statistics: false,
            write_baseline: None,
            show_settings: false,
            stdin_filename: None,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct FailOn(pub Option<Severity>);

fn parse_as_of(s: &str) -> Result<Date, String> {
    Date::parse_day(s).ok_or_else(|| format!("`{s}` is not a day such as 2026-11-21"))
}

/// `--fail-on`'s values, listed in `--help` and in errors.
fn fail_on_values() -> impl clap::builder::TypedValueParser<Value = FailOn> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["error", "warning", "info", "never"])
        .map(|s| FailOn(config::parse_fail_on(&s).expect("one of the possible values")))
}

/// Run the command line; returns the process exit code. Meant to be the
/// whole process: `check` leaves the checked bank for the system to free
/// at exit.
pub fn run(cli: Cli) -> ExitCode {
    let cwd = match std::env::current_dir() {
        Ok(d) => d,
        Err(e) => return fail(&format!("cannot read the working directory: {e}")),
    };
    match cli.command {
        Command::Check(args) => check(args, &cwd),
        Command::Hook(args) if args.files.is_empty() => ExitCode::SUCCESS,
        Command::Hook(args) => check(args.into_check(), &cwd),
        Command::Rules { format, config } => match load_config(config.as_deref(), false, &cwd) {
            Ok(c) => print(&rules_listing(format, &c)),
            Err(e) => config_failure(&e, &cwd),
        },
        Command::Explain { rule, config } => match load_config(config.as_deref(), false, &cwd) {
            Err(e) => config_failure(&e, &cwd),
            Ok(c) => match c.find_rule(&rule).or_else(|| by_short_name(&c, &rule)) {
                Some(r) => print(&explain(r)),
                // A family: its rules, one line each.
                None if c.rules().any(|r| r.family() == rule) => {
                    let members: Vec<&Rule> = c.rules().filter(|r| r.family() == rule).collect();
                    let mut text = format!("{rule}: {} rules; `djlint explain RULE` explains one\n\n", members.len());
                    text.push_str(&rule_lines(members.into_iter()));
                    print(&text)
                }
                None => {
                    let hint = match config::suggest_selector(&c, &rule) {
                        Some(s) => format!("; did you mean `{s}`?"),
                        None => "; `djlint rules` lists every rule".into(),
                    };
                    fail(&format!("unknown rule `{rule}`{hint}"))
                }
            },
        },
        Command::Schema { config } => match load_config(config.as_deref(), false, &cwd) {
            Ok(c) => print(&format!("{:#}\n", rules::schema::json_schema::generate(&c.schema))),
            Err(e) => config_failure(&e, &cwd),
        },
        Command::Knowledge { action: KnowledgeAction::Update { output, products, url, timeout, config } } => {
            let found = config.or_else(|| config::find_for(&[], &cwd));
            match found.map_or_else(|| Ok(Config::new(cwd.clone())), |p| config::load_for_update(&p)) {
                Ok(c) => knowledge_update(&c, output, products, &url, timeout, &cwd),
                Err(e) => config_failure(&e, &cwd),
            }
        }
    }
}

/// `djlint knowledge update`.
fn knowledge_update(
    config: &Config,
    output: Option<PathBuf>,
    products: Vec<String>,
    url: &str,
    timeout: u64,
    cwd: &Path,
) -> ExitCode {
    use crate::knowledge::update;
    let Some(path) = output.map(|p| cwd.join(p)).or_else(|| config.release_data.clone()) else {
        return fail(
            "no file to write: add `release-data = \"djlint-releases.json\"` to djlint.toml (the check reads it \
             from then on), or pass --output",
        );
    };
    let products = if products.is_empty() { update::default_products(&config.release_products) } else { products };
    let request = update::Request {
        url,
        products,
        timeout: std::time::Duration::from_secs(timeout.max(1)),
        today: crate::knowledge::Date::today(),
    };
    let (old, bundled) = match update::current(&path) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    eprintln!("djlint: fetching {} from {url}", report::plural(request.products.len(), "product"));
    let fetched = match update::fetch(&request) {
        Ok(f) => f,
        Err(e) => return fail(&format!("{e}; nothing was written ({} is unchanged)", path.display())),
    };
    let n = fetched.len();
    let data = update::merge(old.as_ref(), fetched, &request);
    // Compare each product with the data in use until now.
    let before: Vec<&crate::knowledge::endoflife::EolProduct> = data
        .products
        .iter()
        .filter_map(|p| old.as_ref().and_then(|o| o.product(&p.name)).or_else(|| bundled.product(&p.name)))
        .collect();
    let changes = update::changes(&before, &data);
    if let Err(e) = update::write(&path, &data) {
        return fail(&format!("{e}; nothing was written"));
    }
    let mut text =
        format!("wrote release data of {} for {} to {}\n", data.date, report::plural(n, "product"), path.display());
    if changes.is_empty() {
        text.push_str("no changes\n");
    }
    for line in changes {
        text.push_str(&format!("  {line}\n"));
    }
    print(&text)
}

fn check(args: CheckArgs, cwd: &Path) -> ExitCode {
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if stdin && (args.paths.len() > 1 || args.changed.is_some() || args.write_baseline.is_some()) {
        return fail("`-` (standard input) is checked alone, without other paths, --changed or --write-baseline");
    }
    if !stdin && args.stdin_filename.is_some() {
        return fail("--stdin-filename names the file read from `-`; pass `-` as the path");
    }
    if let Some(dir) = args.changed.iter().flatten().find(|p| cwd.join(p).is_dir()) {
        return fail(&format!(
            "--changed takes files, one per flag, and `{}` is a folder; folders to check are plain arguments \
             (`djlint check content --changed content/new.yaml`)",
            dir.display()
        ));
    }
    // Settings are found from the file standard input stands for.
    let config_paths = match (&args.stdin_filename, stdin) {
        (Some(name), true) => vec![name.clone()],
        _ => args.paths.clone(),
    };
    let mut config = match load_config_for(args.run.config.as_deref(), args.run.no_config, &config_paths, cwd) {
        Ok(c) => c,
        Err(e) => return config_failure(&e, cwd),
    };
    for (flag, list) in [("--select", &args.run.select), ("--ignore", &args.run.ignore)] {
        if let Some(bad) = list.iter().flatten().find(|s| !config.is_selector(s)) {
            let help = config::selector_help(&config, bad).unwrap_or_default();
            return fail(&format!("{flag}: unknown rule or family `{bad}`; {help}"));
        }
    }
    if let Some(select) = &args.run.select {
        config.select = select.clone();
    }
    if let Some(ignore) = &args.run.ignore {
        config.ignore = ignore.clone();
    }
    if let Some(FailOn(f)) = args.run.fail_on {
        config.fail_on = f;
    }
    if let Some(day) = args.run.as_of {
        config.as_of = day;
    }
    if args.statistics && !matches!(args.run.format, Format::Human | Format::Concise | Format::Json) {
        let format = args.run.format.to_possible_value().map(|v| v.get_name().to_owned()).unwrap_or_default();
        return fail(&format!(
            "--statistics prints a table, or JSON with --format json; it has no `{format}` form (drop --statistics for a full {format} report)"
        ));
    }
    config.changed = args.changed.clone();
    if args.show_settings {
        return print(&show_settings(&config, cwd));
    }
    let run = |config: &Config| -> Result<crate::Outcome, String> {
        if !stdin {
            return crate::check(&args.paths, config, cwd).map_err(|e| e.to_string());
        }
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        let name = args.stdin_filename.as_ref().map_or_else(|| "-".to_owned(), |p| p.display().to_string());
        Ok(crate::check_texts(&[(name, text)], config))
    };
    if stdin && args.fix {
        return fix_stdin(args.stdin_filename.as_deref(), &args.run, &config);
    }
    let mut outcome = match run(&config) {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    // After the run, which parsed the knowledge if a rule needed it.
    if let Some(note) = config.knowledge_note().filter(|_| !args.run.quiet) {
        eprintln!("djlint: note: {note}");
    }
    if let Some(changed) = &config.changed
        && !args.run.quiet
    {
        // A hook never passes a missing file; a person may mistype one.
        let missing: Vec<String> =
            changed.iter().filter(|p| !cwd.join(p).exists()).map(|p| p.display().to_string()).collect();
        if !missing.is_empty() {
            eprintln!("djlint: skipped --changed files that do not exist: {}", missing.join(", "));
        }
    }
    let stdout = std::io::stdout();
    let color = match args.run.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    if args.diff {
        return diff(&outcome, &config, color, args.run.quiet);
    }
    // A file that could not be fixed makes the run fail (exit 2) once the
    // rest of the bank is fixed and reported.
    let mut unwritten = false;
    if args.fix {
        let (fixed, failed) = fix(&outcome, &config);
        unwritten = failed;
        if fixed > 0 {
            match run(&config) {
                Ok(o) => outcome = o,
                Err(e) => return fail(&e),
            }
        }
    }
    if let Some(path) = &args.write_baseline {
        return match crate::baseline::write(path, &outcome.bank, &outcome.findings) {
            Ok(n) => {
                eprintln!("djlint: wrote {} to {}", report::plural(n, "finding"), path.display());
                ExitCode::SUCCESS
            }
            Err(e) => fail(&format!("cannot write baseline {}: {e}", path.display())),
        };
    }
    if let Some(path) = &args.run.baseline {
        let baseline = match crate::baseline::load(path) {
            Ok(b) => b,
            Err(e) => return fail(&e),
        };
        let (hidden, fixed) = baseline.filter(&outcome.bank, &mut outcome.findings);
        if hidden + fixed > 0 && !args.run.quiet {
            eprintln!(
                "djlint: {} hidden by the baseline; {fixed} of its entries no longer found",
                report::plural(hidden, "finding"),
            );
        }
    }
    if outcome.bank.files.is_empty() && !args.run.quiet {
        let shown: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!("djlint: no question files (*.yaml, *.yml) found in {}", shown.join(", "));
    }
    if !args.statistics {
        crate::cap_per_question(&mut outcome.findings);
    }
    let cx = report::Context {
        bank: &outcome.bank,
        findings: &outcome.findings,
        summary: Summary::new(&outcome.bank, &outcome.findings),
        quiet: args.run.quiet,
        color,
        width: report_width(stdout.is_terminal()),
        rules: config.rules().collect(),
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    let rendered = if args.statistics {
        match args.run.format {
            Format::Json => report::statistics::render_json(&cx, &mut out),
            _ => report::statistics::render(&cx, &mut out),
        }
    } else {
        report::render(args.run.format, &cx, &mut out)
    };
    if let Err(e) = rendered.and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return fail(&format!("cannot write the report: {e}"));
    }
    if unwritten {
        return ExitCode::from(2);
    }
    let failed = config.fail_on.is_some_and(|min| outcome.findings.iter().any(|f| f.severity >= min));
    // The process ends here: freeing a bank of 100,000 questions string by
    // string takes longer (25 ms) than letting the system take the memory
    // back at exit.
    std::mem::forget(outcome);
    ExitCode::from(u8::from(failed && !args.run.exit_zero))
}

/// The width the human report fits in: `COLUMNS` when set (as terminals
/// and CI set it), else the terminal's; when the output is not a terminal,
/// none, and nothing is wrapped.
fn report_width(terminal: bool) -> Option<usize> {
    if let Some(n) = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok()).filter(|&n| n > 0) {
        return Some(n.max(40));
    }
    if !terminal {
        return None;
    }
    terminal_size::terminal_size().map(|(w, _)| usize::from(w.0).max(40))
}

/// `check - --fix`: the fixed text of standard input goes to standard
/// output (as ruff does), the findings left in it to standard error; the
/// exit code is that of the fixed text.
fn fix_stdin(stdin_filename: Option<&Path>, run: &RunArgs, config: &Config) -> ExitCode {
    let mut text = String::new();
    if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut text) {
        return fail(&format!("cannot read standard input: {e}"));
    }
    let name = stdin_filename.map_or_else(|| "-".to_owned(), |p| p.display().to_string());
    let fixed = fix::fix_text(&name, &text, config);
    if print(&fixed.text) != ExitCode::SUCCESS {
        return ExitCode::from(2);
    }
    let outcome = crate::check_texts(&[(name, fixed.text)], config);
    if !run.quiet {
        let mut lines = report::Lines::new(&outcome.bank);
        for f in &outcome.findings {
            let (line, col) = lines.at(f.file, f.span.start);
            eprintln!("{}:{line}:{col}: {}[{}] {}", outcome.bank.file(f.file).name, f.severity, f.rule, f.message);
        }
    }
    let failed = config.fail_on.is_some_and(|min| outcome.findings.iter().any(|f| f.severity >= min));
    ExitCode::from(u8::from(failed && !run.exit_zero))
}

/// `--diff`: print what `--fix` would change.
fn diff(outcome: &crate::Outcome, config: &Config, color: bool, quiet: bool) -> ExitCode {
    let plan = fix::plan(outcome, config);
    for w in &plan.warnings {
        eprintln!("djlint: warning: {w}");
    }
    let mut text = String::new();
    for (file, fixed) in &plan.files {
        text.push_str(&fix::diff(&file.name, &file.text, &fixed.text));
    }
    if color {
        text = fix::colorize(&text);
    }
    if print(&text) != ExitCode::SUCCESS {
        return ExitCode::from(2);
    }
    if quiet {
        return ExitCode::from(u8::from(!plan.files.is_empty()));
    }
    if plan.files.is_empty() {
        eprintln!("djlint: nothing to fix");
    } else {
        eprintln!(
            "djlint: --fix would fix {} in {}",
            report::plural(plan.fixed(), "finding"),
            report::plural(plan.files.len(), "file")
        );
    }
    ExitCode::from(u8::from(!plan.files.is_empty()))
}

/// `--fix`: write the fixed files; returns how many findings were fixed and
/// whether some file could not be written (each failure is printed).
fn fix(outcome: &crate::Outcome, config: &Config) -> (usize, bool) {
    let plan = fix::plan(outcome, config);
    let written = fix::write(&plan);
    for w in plan.warnings.iter().chain(&written.warnings) {
        eprintln!("djlint: warning: {w}");
    }
    for f in &written.failures {
        eprintln!("djlint: error: {f}");
    }
    if written.fixed > 0 {
        eprintln!(
            "djlint: fixed {} in {}",
            report::plural(written.fixed, "finding"),
            report::plural(written.files, "file")
        );
    }
    (written.fixed, !written.failures.is_empty())
}

fn load_config(explicit: Option<&Path>, none: bool, cwd: &Path) -> Result<Config, ConfigError> {
    load_config_for(explicit, none, &[], cwd)
}

/// The settings of a run over `paths`: `--config`, else the djlint.toml (or
/// pyproject.toml `[tool.djlint]`) found from the first path upward, else
/// from the working directory upward, else the defaults.
fn load_config_for(explicit: Option<&Path>, none: bool, paths: &[PathBuf], cwd: &Path) -> Result<Config, ConfigError> {
    if none {
        return Ok(Config::new(cwd.to_owned()));
    }
    match explicit.map(Path::to_path_buf).or_else(|| config::find_for(paths, cwd)) {
        Some(path) => config::load(&path),
        None => Ok(Config::new(cwd.to_owned())),
    }
}

fn print(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => fail(&format!("cannot write: {e}")),
        _ => ExitCode::SUCCESS,
    }
}

/// A command line clap cannot read: `--help` and `--version` print as
/// clap prints them (exit 0); a mistake is a miette diagnostic like every
/// other error (exit 2), with clap's usage line as its help.
pub fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let text = e.render().to_string();
    // "error: MESSAGE\n\n[tip]\n\nUsage: ...\n\nFor more information, try '--help'."
    let mut parts = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    let message = parts.next().unwrap_or("").trim_start_matches("error:").trim().to_owned();
    let help: Vec<&str> = parts.collect();
    let mut report = miette::MietteDiagnostic::new(message);
    if !help.is_empty() {
        report = report.with_help(help.join("\n"));
    }
    eprint!("{}", render_error(&miette::Report::new(report)));
    ExitCode::from(2)
}

/// A failure of the run itself (exit 2), in the same style as every other
/// error djlint prints: a miette diagnostic.
fn fail(message: &str) -> ExitCode {
    let report = miette::MietteDiagnostic::new(message.to_owned());
    eprint!("{}", render_error(&miette::Report::new(report)));
    ExitCode::from(2)
}

/// A miette report as text for stderr: coloured and fitted to the width
/// when stderr is a terminal (or `COLUMNS` is set), else not wrapped.
fn render_error(report: &miette::Report) -> String {
    let terminal = std::io::stderr().is_terminal();
    let color = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let handler = report::human::handler(color, report_width(terminal));
    let mut buf = String::new();
    match handler.render_report(&mut buf, report.as_ref()) {
        Ok(()) => buf,
        Err(_) => format!("djlint: error: {report}\n"),
    }
}

fn config_failure(e: &ConfigError, cwd: &Path) -> ExitCode {
    let name = e.path.strip_prefix(cwd).unwrap_or(&e.path).display().to_string();
    let mut report = miette::MietteDiagnostic::new(format!("invalid {}: {}", e.kind.as_str(), e.message));
    if let Some(help) = &e.help {
        report = report.with_help(help.clone());
    }
    if let Some(span) = &e.span {
        report = report.with_label(miette::LabeledSpan::at(span.clone(), "here"));
    }
    let report = miette::Report::new(report).with_source_code(miette::NamedSource::new(name, e.text.to_string()));
    eprintln!("{}", render_error(&report));
    ExitCode::from(2)
}

/// `djlint rules`: one line per rule, or a Markdown reference.
pub fn rules_listing(format: RulesFormat, config: &Config) -> String {
    let mut out = String::new();
    match format {
        RulesFormat::Text => out.push_str(&rule_lines(config.rules())),
        RulesFormat::Json => {
            // Fields in the order people read them, as in `check`'s JSON.
            #[derive(serde::Serialize)]
            struct Listed<'a> {
                id: &'a str,
                family: &'a str,
                severity: &'a str,
                fixable: bool,
                summary: &'a str,
                explanation: &'a str,
                bad: &'a str,
                good: &'a str,
            }
            #[derive(serde::Serialize)]
            struct Listing<'a> {
                version: u32,
                rules: Vec<Listed<'a>>,
            }
            let rules = config
                .rules()
                .map(|r| Listed {
                    id: r.id,
                    family: r.family(),
                    severity: r.severity.as_str(),
                    fixable: r.fixable,
                    summary: r.summary,
                    explanation: r.explanation,
                    bad: r.bad,
                    good: r.good,
                })
                .collect();
            let doc = Listing { version: report::json::VERSION, rules };
            out.push_str(&serde_json::to_string_pretty(&doc).unwrap_or_default());
            out.push('\n');
        }
        RulesFormat::Markdown => {
            out.push_str("# Rules\n\nGenerated by `djlint rules --format markdown`; do not edit by hand.\n");
            let mut families: Vec<&str> = rules::FAMILIES.to_vec();
            for rule in config.rules() {
                if !families.contains(&rule.family()) {
                    families.push(rule.family());
                }
            }
            for family in families {
                let members: Vec<&Rule> = config.rules().filter(|r| r.family() == family).collect();
                if members.is_empty() {
                    continue;
                }
                out.push_str(&format!("\n## {family}\n"));
                for r in members {
                    out.push_str(&format!("\n### `{}`\n\n", r.id));
                    out.push_str(&explain_body(r, "```yaml\n", "```\n"));
                }
            }
        }
    }
    out
}

/// `check --show-settings`: where the settings come from and what they are,
/// in djlint.toml's own words.
fn show_settings(config: &Config, cwd: &Path) -> String {
    let shown = |p: &Path| p.strip_prefix(cwd).unwrap_or(p).display().to_string();
    let list = |items: &[String]| {
        let quoted: Vec<String> = items.iter().map(|i| format!("{i:?}")).collect();
        format!("[{}]", quoted.join(", "))
    };
    let paths = |items: &[PathBuf]| list(&items.iter().map(|p| shown(p)).collect::<Vec<_>>());
    let mut out = match &config.path {
        Some(p) => format!("# settings from {}\n", shown(&std::path::absolute(p).unwrap_or_else(|_| p.clone()))),
        None => "# no djlint.toml or [tool.djlint] found: the defaults\n".to_owned(),
    };
    let root = std::path::absolute(cwd.join(&config.root)).unwrap_or_else(|_| config.root.clone());
    let root = match shown(&root) {
        s if s.is_empty() => ".".to_owned(),
        s => s,
    };
    out.push_str(&format!("# globs are relative to {root}\n"));
    let every = if config.select.is_empty() { "  # empty: every rule" } else { "" };
    out.push_str(&format!("select = {}{every}\n", list(&config.select)));
    out.push_str(&format!("ignore = {}\n", list(&config.ignore)));
    let fail_on = config.fail_on.map_or("never", |s| s.as_str());
    out.push_str(&format!("fail-on = \"{fail_on}\"\n"));
    let given = if config.include_given { "" } else { "  # default: a walk takes question files only" };
    out.push_str(&format!("include = {}{given}\n", list(&config.include)));
    out.push_str(&format!("exclude = {}\n", list(&config.exclude)));
    out.push_str(&format!("as-of = {}\n", config.as_of));
    if let Some(data) = &config.release_data {
        out.push_str(&format!("release-data = {:?}\n", shown(data)));
    }
    out.push_str(&format!("release-products = {}\n", list(&config.release_products)));
    out.push_str(&format!("knowledge-max-age = {}\n", config.knowledge_max_age));
    out.push_str(&format!("# packs and knowledge files: {}\n", paths(&config.data_files)));
    out.push_str("\n[severity]\n");
    for (rule, severity) in &config.severity {
        out.push_str(&format!("{rule:?} = \"{}\"\n", severity.as_str()));
    }
    let s = &config.schema;
    out.push_str(&format!("\n[schema]\nlevels = {}\n", list(&s.levels)));
    if let Some(tags) = &s.tags {
        out.push_str(&format!("tags = {}\n", list(tags)));
    }
    out.push_str(&format!("max-file-bytes = {}\n", s.max_file_bytes));
    let d = &config.duplicate;
    out.push_str(&format!(
        "\n[duplicate]\nquestion-threshold = {}\nanswer-threshold = {}\ntemplate-threshold = {}\nmin-template-size = {}\nmin-run = {}\nmin-answer-words = {}\n",
        d.question_threshold, d.answer_threshold, d.template_threshold, d.min_template_size, d.min_run, d.min_answer_words
    ));
    out.push_str("\n[unclear.min-words]\n");
    for (level, n) in &config.unclear.min_words {
        out.push_str(&format!("{level} = {n}\n"));
    }
    out.push_str(&format!("default = {}\n", config.unclear.min_words_default));
    let on = config.rules().filter(|r| config.effective_severity(r.id, r.severity).is_some()).count();
    out.push_str(&format!("\n# {on} of {} rules run\n", config.rules().count()));
    out
}

/// A heading, then one line per rule: id, default severity, `[*]` when
/// `--fix` repairs it (as `check` marks such findings), summary.
fn rule_lines<'r>(rules: impl Iterator<Item = &'r Rule>) -> String {
    let mut out = format!("{:<28} {:<8} {:<3}  {}\n", "rule", "severity", "fix", "summary");
    for r in rules {
        let fix = if r.fixable { "[*]" } else { "" };
        out.push_str(&format!("{:<28} {:<8} {fix:<3}  {}\n", r.id, r.severity.as_str(), r.summary));
    }
    out
}

/// The one rule whose name without its family is `name` (`citation-chip`).
fn by_short_name(config: &Config, name: &str) -> Option<&'static Rule> {
    let mut found = config.rules().filter(|r| r.id.split_once('/').is_some_and(|(_, n)| n == name));
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// `djlint explain ID`.
pub fn explain(r: &Rule) -> String {
    format!("{}\n\n{}", r.id, explain_body(r, "", ""))
}

fn explain_body(r: &Rule, open: &str, close: &str) -> String {
    let indent =
        |s: &str| if open.is_empty() { s.lines().map(|l| format!("    {l}\n")).collect() } else { s.to_owned() };
    let fix = if r.fixable { ", fixable with --fix" } else { "" };
    format!(
        "Default severity: {}{fix}.\n\n{}\n\n{}\n\nBad:\n\n{open}{}{}{close}\nGood:\n\n{open}{}{}{close}",
        r.severity,
        r.summary,
        r.explanation,
        indent(r.bad),
        if r.bad.ends_with('\n') { "" } else { "\n" },
        indent(r.good),
        if r.good.ends_with('\n') { "" } else { "\n" },
    )
}

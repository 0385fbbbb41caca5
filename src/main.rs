use clap::Parser;

fn main() -> std::process::ExitCode {
    match djlint::cli::Cli::try_parse() {
        Ok(cli) => djlint::cli::run(cli),
        Err(e) => djlint::cli::usage_error(&e),
    }
}

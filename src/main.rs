use clap::Parser;

fn main() -> std::process::ExitCode {
    djlint::cli::run(djlint::cli::Cli::parse())
}

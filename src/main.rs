use clap::Parser;

// See Cargo.toml for why jemalloc.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    match djlint::cli::Cli::try_parse() {
        Ok(cli) => djlint::cli::run(cli),
        Err(e) => djlint::cli::usage_error(&e),
    }
}

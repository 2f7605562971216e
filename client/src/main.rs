//! `poc`: the PoC Relay command line (see `poc --help`).

#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    poc_client::cli::main()
}

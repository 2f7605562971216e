//! `poc-demo`: runs the whole PoC Relay flow on this machine and prints each checked step, or
//! with `--json` one JSON document with the outcome (see the `poc_demo` crate docs).

#![forbid(unsafe_code)]

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use poc_demo::{Progress, Step};

/// Runs the whole PoC Relay flow on this machine, in a temporary directory deleted at the end:
/// an embedded relay on sled, a custodian and three PoCs of two States. Every step is checked.
///
/// Exit codes: 0 every check passed; 1 a check failed or a step could not run; 2 usage error.
#[derive(Debug, Parser)]
#[command(name = "poc-demo", version, max_term_width = 100)]
struct Args {
    /// Print only one JSON document with the outcome (or the error) on stdout.
    #[arg(long)]
    json: bool,
    /// How many relays to run (1 to 5). With several, the directory lists them all, a message
    /// counts as stored once `k` of them have it (2 with three relays or more), and one relay
    /// is stopped midway to show that sending and receiving go on.
    ///
    /// Example: poc-demo --relays 3
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=5))]
    relays: u8,
}

/// Writes to stdout; a closed pipe is not an error.
fn emit(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush());
}

/// Prints each step for people as it completes.
struct Lines;

impl Progress for Lines {
    fn started(&mut self, dir: &Path) {
        emit(&format!(
            "PoC Relay demo in {} (deleted at the end)\n",
            dir.display()
        ));
    }

    fn step(&mut self, step: &Step) {
        emit(&format!(
            "[{:>2}/{}] {}\n",
            step.number, step.total, step.text
        ));
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    let mut lines = Lines;
    let mut silent = poc_demo::progress::Silent;
    let progress: &mut dyn Progress = if args.json { &mut silent } else { &mut lines };
    let result = tokio::runtime::Runtime::new()
        .map_err(anyhow::Error::from)
        .and_then(|rt| rt.block_on(poc_demo::run(progress, usize::from(args.relays))));
    let outcome = result.and_then(|outcome| {
        let json = serde_json::to_string(&outcome)?;
        Ok((outcome, json))
    });
    match outcome {
        Ok((outcome, json)) => {
            if args.json {
                emit(&format!("{json}\n"));
            } else {
                emit(&format!("\nall {} checks passed\n", outcome.checks_passed));
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            const FAILED: u8 = 1;
            if args.json {
                emit(&format!(
                    "{}\n",
                    serde_json::json!({ "error": format!("{error:#}"), "exit_code": FAILED })
                ));
            }
            eprintln!("error: {error:#}");
            ExitCode::from(FAILED)
        }
    }
}

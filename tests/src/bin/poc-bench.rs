//! `poc-bench`: measurements of PoC Relay through the real binaries (`poc-relay`, `poc`),
//! which must be built next to it (`cargo build --release --locked --bins`).
//!
//! `poc-bench crash` kills the relay with SIGKILL under concurrent load, hundreds of times,
//! and checks that nothing it acknowledged was lost or duplicated (see
//! `poc_tests::crash`). Exit codes: 0 all checks passed; 1 something acknowledged was lost
//! or duplicated, or an envelope was altered or refused; 2 the run itself failed.

#![forbid(unsafe_code)]

use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use poc_tests::crash::{self, CrashOptions};

/// Benchmarks and stress runs of PoC Relay through the real binaries.
#[derive(Debug, Parser)]
#[command(name = "poc-bench", version, max_term_width = 100)]
struct Cli {
    /// Print the figures as one JSON object on stdout.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Kill the relay with SIGKILL at random moments under concurrent load, restart it each
    /// time, and check that every acknowledged envelope is stored exactly once.
    ///
    /// SIGKILL keeps what the relay wrote to the operating system's buffers: this checks
    /// the crash consistency of the store and the group commit, not fsync.
    Crash {
        /// Number of SIGKILLs (each followed by a restart).
        #[arg(long, default_value_t = 300)]
        kills: u32,
        /// Seed of the random choices [default: from the clock; printed].
        #[arg(long)]
        seed: Option<u64>,
        /// Concurrent clients (half of them resubmit after a lost answer).
        #[arg(long, default_value_t = 4)]
        clients: usize,
        /// Mailboxes (enrolled PoCs) the envelopes go to, 1 to 8.
        #[arg(long, default_value_t = 3)]
        mailboxes: usize,
        /// Longest random pause, in milliseconds, between the first acknowledged submit
        /// after a restart and the next kill.
        #[arg(long, default_value_t = 400, value_name = "MS")]
        max_pause: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Crash {
            kills,
            seed,
            clients,
            mailboxes,
            max_pause,
        } => {
            let options = CrashOptions {
                kills,
                seed: seed.unwrap_or_else(crash::clock_seed),
                clients,
                mailboxes,
                max_pause: Duration::from_millis(max_pause),
                time_limit: None,
                progress_every: if cli.json { 0 } else { 25 },
            };
            if !cli.json {
                eprintln!(
                    "poc-bench crash: {kills} kills, seed {}, {clients} clients, {mailboxes} mailboxes",
                    options.seed
                );
            }
            match crash::run(&options) {
                Ok(report) => {
                    if cli.json {
                        println!("{}", report.to_json());
                    } else {
                        println!("{report}");
                    }
                    if report.ok() {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(1)
                    }
                }
                Err(e) => {
                    if cli.json {
                        println!("{}", serde_json::json!({ "error": format!("{e:#}") }));
                    }
                    eprintln!("error: {e:#}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

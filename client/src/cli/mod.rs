//! The `poc` command line: parse, run, report, map errors to exit codes.

pub mod args;
mod commands;
mod demo_moved;
pub mod report;
pub mod show;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

pub use args::Cli;

use crate::home::Home;

/// What a command produced: text for people and the same facts as JSON.
#[derive(Debug, Default)]
pub struct Report {
    /// Human-readable output.
    pub text: String,
    /// Machine-readable output (`--json`).
    pub json: serde_json::Value,
}

/// Exit code for an error: 1 when something failed verification or was not found, else 2.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    let verification = error.chain().any(|cause| {
        cause.is::<crate::mailbox::ReadError>()
            || cause.is::<crate::trust::TrustError>()
            || cause.is::<poc_keys::directory::DirectoryError>()
            || cause.is::<crate::mailbox::LookupError>()
            || cause.is::<commands::BundleAltered>()
            || cause.is::<crate::ops::ping::BundleError>()
    });
    if verification {
        1
    } else {
        2
    }
}

/// Writes to stdout; a closed pipe is not an error.
fn emit(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush());
}

/// Entry point of the `poc` binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    let json = cli.json;
    let retry = crate::transport::RetryPolicy {
        budget: cli.retry_for,
        ..crate::transport::RetryPolicy::default()
    };
    crate::transport::ClientOptions::set_process_defaults(crate::transport::ClientOptions {
        retry,
        ..crate::transport::ClientOptions::default()
    });
    let result = tokio::runtime::Runtime::new()
        .map_err(anyhow::Error::from)
        .and_then(|rt| {
            let home = Home::locate(cli.home.clone())?;
            rt.block_on(commands::run(&home, cli.command, json))
        });
    match result {
        Ok(report) => {
            if json {
                emit(&format!("{}\n", report.json));
            } else {
                emit(&report.text);
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            let code = exit_code(&error);
            if json {
                emit(&format!(
                    "{}\n",
                    serde_json::json!({ "error": format!("{error:#}"), "exit_code": code })
                ));
            }
            eprintln!("error: {error:#}");
            ExitCode::from(code)
        }
    }
}

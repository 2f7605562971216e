//! The `poc` command line: parse, run, print one result, map the error's kind to the exit
//! code.

// What the command line prints reaches the terminal through one boundary, which shows what
// others wrote safely (`crate::terminal`): [`emit`] and [`emit_json`] for stdout,
// [`to_stderr`] and [`stderr_line`] for stderr. The standard print macros are denied in the
// whole crate (`clippy::print_stdout`, `clippy::print_stderr` in `lib.rs`), so nothing can
// print around it.

pub mod args;
mod attachments;
pub mod cmd;
pub mod colour;
mod demo_moved;
mod interrupt;

mod guided;
pub mod output;
mod passphrase_prompt;
pub mod prompt;
pub mod report;
pub mod session;
pub mod show;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

pub use args::Cli;
pub use output::Report;

use crate::error::ErrorKind;
use crate::home::Home;
use output::{ErrorDocument, SCHEMA_VERSION};

/// Writes to stdout; a closed pipe is not an error.
fn write_stdout(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush());
}

/// Prints text for people on stdout, made safe for a terminal
/// ([`crate::terminal::for_terminal`]): what others wrote cannot drive the terminal.
pub(crate) fn emit(text: &str) {
    write_stdout(&crate::terminal::for_terminal(text));
}

/// Prints a JSON document (or line of one) on stdout, with the characters that could act on
/// a terminal written as JSON escapes ([`crate::terminal::json_for_terminal`]): the
/// document means exactly the same.
pub(crate) fn emit_json(json: &str) {
    write_stdout(&crate::terminal::json_for_terminal(json));
}

/// Prints text on stderr, made safe for a terminal like [`emit`]. Every line the CLI writes
/// to stderr goes through here (warnings, errors, notices, prompts); progress bars are
/// drawn by `indicatif` and hold only the CLI's own text.
pub(crate) fn to_stderr(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr
        .write_all(crate::terminal::for_terminal(text).as_bytes())
        .and_then(|_| stderr.flush());
}

/// A writer for `tracing` that prints through [`to_stderr`].
#[derive(Debug)]
struct StderrWriter;

impl Write for StderrWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        to_stderr(&String::from_utf8_lossy(buf));
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// [`to_stderr`] of `line` and a line feed.
pub(crate) fn stderr_line(line: &str) {
    to_stderr(&format!("{line}\n"));
}

/// Prints the one JSON document of a failed run.
fn emit_error(command: Option<String>, error: String, kind: ErrorKind) {
    let document = ErrorDocument {
        schema: SCHEMA_VERSION,
        command,
        error,
        kind,
        exit_code: kind.exit_code(),
    };
    match serde_json::to_string(&document) {
        Ok(line) => emit_json(&format!("{line}\n")),
        Err(e) => stderr_line(&format!("error: cannot write the JSON error document: {e}")),
    }
}

/// Whether `--json` is among the raw arguments (for errors clap reports before parsing).
fn json_requested() -> bool {
    std::env::args_os()
        .skip(1)
        .take_while(|a| a != "--")
        .any(|a| a == "--json")
}

/// The subcommand path of parsed arguments, e.g. `ping status`.
fn command_path(matches: &clap::ArgMatches) -> String {
    let mut path = Vec::new();
    let mut current = matches;
    while let Some((name, sub)) = current.subcommand() {
        path.push(name.to_owned());
        current = sub;
    }
    path.join(" ")
}

/// Entry point of the `poc` binary.
pub fn main() -> ExitCode {
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|matches| Ok((command_path(&matches), Cli::from_arg_matches(&matches)?)));
    let (command, cli) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            use clap::error::ErrorKind as Clap;
            // --help and --version are answers, not failures: they print as clap prints them.
            if json_requested() && !matches!(e.kind(), Clap::DisplayHelp | Clap::DisplayVersion) {
                // clap's own sentence (its first line, without the `error: ` prefix).
                let rendered = e.render().to_string();
                let message = rendered
                    .lines()
                    .next()
                    .map(|line| line.trim_start_matches("error:").trim().to_owned())
                    .filter(|line| !line.is_empty())
                    .unwrap_or_else(|| "invalid arguments".to_owned());
                emit_error(
                    None,
                    format!("{message} (see `poc --help`)"),
                    ErrorKind::Failed,
                );
                let _ = e.print();
                return ExitCode::from(ErrorKind::Failed.exit_code());
            }
            e.exit()
        }
    };
    tracing_subscriber::fmt()
        // Log lines can quote relay errors: they pass the same boundary, without colours.
        .with_writer(|| StderrWriter)
        .with_ansi(false)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    let json = cli.json;
    // What the sending commands record, told if the run is interrupted or fails.
    let journal = crate::ops::outbox::Journal::default();
    let unreached = crate::ops::owed::Unreached::default();
    let sends = interrupt::sends(&cli.command);
    let mut lang = crate::i18n::Lang::En;
    let result = tokio::runtime::Runtime::new()
        .map_err(anyhow::Error::from)
        .and_then(|rt| {
            let home = Home::locate(cli.home.clone())?;
            let reader = session::home_lang(&home);
            // A connection the relay does not answer at once is announced within a second
            // (a relay that answers at once keeps the command quiet), then every retry is
            // reported as it happens; all on stderr, so `--json` stdout is unchanged.
            let retry = crate::transport::RetryPolicy::within(cli.retry_for)
                .reporting(std::sync::Arc::new(|notice| {
                    stderr_line(&notice.to_string())
                }))
                .announcing(std::sync::Arc::new(move |address| {
                    stderr_line(&crate::i18n::screens::connecting_relay(reader, address))
                }));
            let options = crate::transport::ClientOptions {
                retry,
                ..crate::transport::ClientOptions::default()
            };
            let session = session::Session {
                lang: reader,
                home,
                clock: crate::clock::Clock::system(),
                options,
                journal: journal.clone(),
                unreached: unreached.clone(),
            };
            lang = session.lang;
            rt.block_on(async {
                if sends {
                    interrupt::watch(journal.clone(), session.lang)?;
                }
                cmd::run(&session, cli.command, json).await
            })
        });
    if result.is_err() && sends {
        interrupt::report_unfinished(&journal, lang);
    }
    let not_reached = unreached.list();
    if !not_reached.is_empty() {
        stderr_line(&crate::i18n::screens::relays_not_reached(
            lang,
            &not_reached.join(", "),
        ));
    }
    match result {
        Ok(report) => {
            if json && report.json().is_null() {
                // A streamed report: its documents were printed as they came.
            } else if json {
                emit_json(&format!("{}\n", report.json()));
            } else if report.painted() {
                // Rendered by `terminal::Styled`: safe already, its only codes are colours.
                write_stdout(report.text());
            } else {
                emit(report.text());
            }
            match report.failure() {
                Some(error) => {
                    stderr_line(&format!("error: {error:#}"));
                    ExitCode::from(ErrorKind::of(error).exit_code())
                }
                None => ExitCode::SUCCESS,
            }
        }
        Err(error) => {
            let kind = ErrorKind::of(&error);
            if json {
                emit_error(Some(command), format!("{error:#}"), kind);
            }
            stderr_line(&format!("error: {error:#}"));
            if disk_full(&error) {
                stderr_line(&crate::i18n::screens::disk_full(lang));
            }
            ExitCode::from(kind.exit_code())
        }
    }
}

/// Whether `error` comes from a full disk (or a full disk quota).
fn disk_full(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|e| {
            matches!(
                e.kind(),
                std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
            )
        })
    })
}

//! `poc-bench`: measurements of PoC Relay through the real binaries (`poc-relay`, `poc`),
//! which must be built next to it (`cargo build --release --locked --bins`).
//!
//! `poc-bench` (no subcommand) measures submit throughput, end-to-end latency, ping campaigns
//! at scale, the footprint of stored envelopes and cryptography rates, each relay figure next
//! to a ceiling measured in the same run (see `poc_tests::bench`). It prints one Markdown
//! table on stdout (`--json`: the same figures as JSON instead) and writes the JSON to
//! `--out FILE` if given. `--quick` is the smoke run CI uses. Exit codes: 0 done; 2 the run
//! failed.
//!
//! `poc-bench attack` measures a member's send + fetch latency through a relay with its
//! default defences, unloaded, under a keyless flood of QUIC Initials and under a hostile
//! State's stalled request frames, each loaded figure divided by the unloaded one (see
//! `poc_tests::bench::attack`). Same output as the benchmark. Exit codes: 0 done; 2 the run
//! failed.
//!
//! `poc-bench crash` kills the relay with SIGKILL under concurrent load, hundreds of times,
//! and checks that nothing it acknowledged was lost or duplicated (see
//! `poc_tests::crash`). Exit codes: 0 all checks passed; 1 something acknowledged was lost
//! or duplicated, or an envelope was altered or refused; 2 the run itself failed.
//!
//! `poc-bench powercut` does the same with the relay's store on a FUSE file system that
//! forgets every unsynced write, and cuts the power after each kill (see
//! `poc_tests::powercut` and `poc_tests::forgetful`; needs `/dev/fuse` and `fusermount3`).
//! Same exit codes; 1 also when a backup `poc-relay backup` reported written was lost.

#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use poc_tests::bench::attack::{self, AttackOptions};
use poc_tests::bench::{self, BenchOptions, Section};
use poc_tests::crash::{self, CrashOptions};
use poc_tests::forgetful::Model;
use poc_tests::powercut::{self, PowercutOptions};

/// Benchmarks and stress runs of PoC Relay through the real binaries.
///
/// Without a subcommand: the benchmark. It starts `poc-relay` (next to this binary) as a child
/// process on 127.0.0.1 with a sled store and raised per-key limits (printed), generates
/// identities and a custodian-signed directory, and measures: durable submit throughput
/// (1 KiB and 16 KiB payloads; 1, 8 and 64 clients), end-to-end latency via push at 1,000 and
/// 5,000 messages/s, ping campaigns of 1,000 and 10,000 PoCs, the relay's memory and disk
/// with 1,000,000 stored 1 KiB envelopes, and age/ed25519 rates on one core. Throughput and
/// latency are also measured against a bare quinn server (no storage, no auth) in the same
/// run: the ceiling each relay figure is divided by. The full run takes several minutes.
#[derive(Debug, Parser)]
#[command(
    name = "poc-bench",
    version,
    max_term_width = 100,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// Print the figures as one JSON object on stdout (instead of the table).
    #[arg(long, global = true)]
    json: bool,
    #[command(flatten)]
    run: RunArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

/// Options of the benchmark run.
#[derive(Debug, Args)]
struct RunArgs {
    /// Smoke run: every section scaled down to a few seconds (CI runs this; its figures are
    /// not measurements and are labelled so).
    #[arg(long)]
    quick: bool,
    /// Also write the figures as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Run only these sections (comma-separated): crypto, submit, latency, campaign,
    /// footprint.
    #[arg(long, value_delimiter = ',', value_name = "SECTIONS")]
    only: Vec<Section>,
    /// Seconds per throughput point and per latency point [default: 3; 0.2 with --quick].
    #[arg(long)]
    seconds: Option<f64>,
    /// Envelopes per Submit request in the throughput points.
    #[arg(long, default_value_t = 1)]
    batch: usize,
    /// Concurrent clients of the throughput points (comma-separated) [default: 1,8,64; 1,8
    /// with --quick].
    #[arg(long, value_delimiter = ',', value_name = "N")]
    clients: Vec<usize>,
    /// Payload bytes of the throughput points (comma-separated) [default: 1024,16384].
    #[arg(long, value_delimiter = ',', value_name = "BYTES")]
    payloads: Vec<usize>,
    /// Offered loads of the latency points, messages per second (comma-separated)
    /// [default: 1000,5000; 200 with --quick].
    #[arg(long, value_delimiter = ',', value_name = "RATE")]
    rates: Vec<f64>,
    /// PoCs of the ping campaigns (comma-separated) [default: 1000,10000; 20 with --quick].
    #[arg(long, value_delimiter = ',', value_name = "N")]
    campaigns: Vec<usize>,
    /// Envelopes stored for the footprint [default: 1000000; 2000 with --quick].
    #[arg(long, value_name = "N")]
    footprint_envelopes: Option<u64>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Measure a member's send + fetch latency unloaded, under a keyless flood of QUIC
    /// Initials and under stalled request frames of a hostile State; each loaded figure is
    /// divided by the unloaded one (target: at most 2).
    ///
    /// The relay keeps its default limits except the per-key request rate and the stall and
    /// idle timeouts (raised: printed). A round trip: one member seals and submits a ~600-byte
    /// text, another fetches and verifies it; one at a time. The members connect from 127.0.0.1,
    /// the flood comes from 127.0.0.2. The default run takes a few seconds.
    Attack {
        /// Measured round trips in each situation.
        #[arg(long, default_value_t = 200, value_name = "N")]
        round_trips: usize,
        /// QUIC Initials per second of the flood.
        #[arg(long, default_value_t = 2000, value_name = "RATE")]
        flood_rate: u32,
        /// Source ports of the flood.
        #[arg(long, default_value_t = 50, value_name = "N")]
        flood_ports: usize,
        /// Stalled connections, half of them of each of the State's two keys (at most 8 per
        /// key are accepted).
        #[arg(long, default_value_t = 16, value_name = "N")]
        stall_connections: usize,
        /// Seconds without round trips at the start of each situation, over which the
        /// relay's CPU is read (the attack alone); 0 skips them.
        #[arg(long, default_value_t = 1.0, value_name = "SECONDS")]
        quiet: f64,
        /// Also write the figures as JSON to FILE.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
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
    /// Cut the power under the relay: its store on a file system that forgets every write
    /// not synced; kill the relay at random moments under concurrent load (with expiry
    /// sweeps every second and backups running), cut the power, restart it on the same mount,
    /// and check that every acknowledged envelope is stored exactly once and every reported
    /// backup is whole.
    ///
    /// Needs /dev/fuse and fusermount3 (Debian package fuse3).
    Powercut {
        /// Number of power cuts (each after a SIGKILL, followed by a restart).
        #[arg(long, default_value_t = 200)]
        cuts: u32,
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
        /// after a restart and the next cut.
        #[arg(long, default_value_t = 400, value_name = "MS")]
        max_pause: u64,
        /// When a create, rename or unlink survives a cut: `posix` (once its directory is
        /// synced) or `ext4` (with any sync, as ext4's journal commits them all).
        #[arg(long, default_value = "posix", value_parser = ["posix", "ext4"])]
        model: String,
        /// No backups beside the load.
        #[arg(long)]
        no_backups: bool,
        /// Kill the relay but do not cut the power (a control run on the same file system).
        #[arg(long)]
        no_cut: bool,
    },
}

fn run_bench(args: RunArgs, json: bool) -> ExitCode {
    let mut options = if args.quick {
        BenchOptions::quick()
    } else {
        BenchOptions::full()
    };
    if !args.only.is_empty() {
        options.sections = args.only;
    }
    if let Some(seconds) = args.seconds {
        options.seconds = seconds;
    }
    options.batch = args.batch;
    if !args.clients.is_empty() {
        options.clients = args.clients;
    }
    if !args.payloads.is_empty() {
        options.payloads = args.payloads;
    }
    if !args.rates.is_empty() {
        options.rates = args.rates;
    }
    if !args.campaigns.is_empty() {
        options.campaigns = args.campaigns;
    }
    if let Some(n) = args.footprint_envelopes {
        options.footprint_envelopes = n;
    }
    let report = match bench::run(&options, &|line| eprintln!("poc-bench: {line}")) {
        Ok(report) => report,
        Err(e) => {
            if json {
                println!("{}", serde_json::json!({ "error": format!("{e:#}") }));
            }
            eprintln!("error: {e:#}");
            return ExitCode::from(2);
        }
    };
    print_figures(report.to_json(), &report.table(), args.out.as_deref(), json)
}

/// Writes the figures to `out` (JSON) if given, and prints them (table, or JSON with `json`).
fn print_figures(
    value: serde_json::Value,
    table: &str,
    out: Option<&std::path::Path>,
    json: bool,
) -> ExitCode {
    if let Some(path) = out {
        let text = match serde_json::to_string_pretty(&value) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: encoding the figures: {e}");
                return ExitCode::from(2);
            }
        };
        if let Err(e) = std::fs::write(path, text + "\n") {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    if json {
        println!("{value}");
    } else {
        print!("{table}");
    }
    ExitCode::SUCCESS
}

fn run_attack(options: &AttackOptions, out: Option<&std::path::Path>, json: bool) -> ExitCode {
    match attack::run(options, &|line| eprintln!("poc-bench: {line}")) {
        Ok(report) => print_figures(report.to_json(), &report.table(), out, json),
        Err(e) => {
            if json {
                println!("{}", serde_json::json!({ "error": format!("{e:#}") }));
            }
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run_powercut(options: &PowercutOptions, json: bool) -> ExitCode {
    match powercut::run(options) {
        Ok(report) => {
            if json {
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
            if json {
                println!("{}", serde_json::json!({ "error": format!("{e:#}") }));
            }
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(command) = cli.command else {
        return run_bench(cli.run, cli.json);
    };
    match command {
        Command::Attack {
            round_trips,
            flood_rate,
            flood_ports,
            stall_connections,
            quiet,
            out,
        } => {
            if !(quiet.is_finite() && quiet >= 0.0) {
                eprintln!("error: --quiet must be 0 or more seconds");
                return ExitCode::from(2);
            }
            let options = AttackOptions {
                round_trips,
                flood_per_sec: flood_rate,
                flood_ports,
                stall_connections,
                quiet: Duration::from_secs_f64(quiet),
            };
            run_attack(&options, out.as_deref(), cli.json)
        }
        Command::Powercut {
            cuts,
            seed,
            clients,
            mailboxes,
            max_pause,
            model,
            no_backups,
            no_cut,
        } => {
            let options = PowercutOptions {
                crash: CrashOptions {
                    kills: cuts,
                    seed: seed.unwrap_or_else(crash::clock_seed),
                    clients,
                    mailboxes,
                    max_pause: Duration::from_millis(max_pause),
                    time_limit: None,
                    progress_every: if cli.json { 0 } else { 25 },
                },
                model: if model == "ext4" {
                    Model::Ext4Ordered
                } else {
                    Model::Posix
                },
                backups: !no_backups,
                cut: !no_cut,
            };
            if !cli.json {
                eprintln!(
                    "poc-bench powercut: {cuts} cuts, seed {}, {clients} clients, {mailboxes} mailboxes, {model} model",
                    options.crash.seed
                );
            }
            run_powercut(&options, cli.json)
        }
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

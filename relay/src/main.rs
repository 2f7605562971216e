//! `poc-relay`: initialise and run a PoC Relay server.

#![forbid(unsafe_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use poc_relay::RelayConfig;

/// PoC Relay server: stores end-to-end encrypted envelopes for the members of a
/// custodian-signed Points of Contact directory.
///
/// Exit codes: 0 success, 2 usage or runtime error.
#[derive(Debug, Parser)]
#[command(name = "poc-relay", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create the TLS key and certificate, the data directory and a config file.
    ///
    /// Prints the TLS pin (SHA-256 of the relay's public key). Give it to the custodian
    /// (`poc custodian relay ADDR --pin PIN`): clients trust the relay by this pin.
    Init {
        /// Directory for the store, the TLS key and relay.toml (created, mode 0700).
        #[arg(long)]
        data_dir: PathBuf,
        /// UDP address to listen on.
        #[arg(long, default_value = "0.0.0.0:4433")]
        listen: SocketAddr,
        /// Custodian public key: the custodian.pub file `poc custodian init` writes, or the
        /// 64 hex characters it holds.
        #[arg(long, value_name = "FILE|HEX")]
        custodian_key: String,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Serve until Ctrl-C or SIGTERM.
    ///
    /// If one of the relay's tasks dies (accept loop, commit task, expiry sweep, metrics
    /// endpoint, admin socket), the relay stops: it lets open requests finish, flushes the
    /// store, logs the task and exits with code 2.
    Run {
        /// The relay.toml written by `init`.
        #[arg(long)]
        config: PathBuf,
    },
    /// Validate a config file (syntax, custodian key, TLS files) without starting.
    CheckConfig {
        /// The config file.
        config: PathBuf,
    },
    /// Write a consistent snapshot of the store to a new file, while the relay runs or not.
    ///
    /// A running relay is asked through its admin socket (`<data_dir>/admin.sock`, owner
    /// only), so run this as the relay's user. The backup holds what the relay holds:
    /// ciphertexts, mailbox ids and the signed directory. Store it as carefully as the relay.
    Backup {
        /// The relay's config file.
        #[arg(long)]
        config: PathBuf,
        /// The backup file to create (must not exist).
        #[arg(long)]
        out: PathBuf,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Restore a backup into a stopped relay whose data directory is empty or absent.
    ///
    /// The whole file is verified (format, checksum) before anything is written, and the
    /// restored directory must verify under the config's custodian key.
    Restore {
        /// The relay's config file.
        #[arg(long)]
        config: PathBuf,
        /// The backup file written by `poc-relay backup`.
        backup: PathBuf,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn print_summary(
    verb: &str,
    file: &std::path::Path,
    summary: &poc_relay::store::BackupSummary,
    json: bool,
) {
    if json {
        let value = serde_json::json!({
            "file": file.display().to_string(),
            "envelopes": summary.envelopes,
            "records": summary.records,
            "bytes": summary.bytes,
        });
        println!("{value}");
    } else {
        println!(
            "{verb} {}: {} envelopes, {} records, {} bytes",
            file.display(),
            summary.envelopes,
            summary.records,
            summary.bytes
        );
    }
}

async fn run(config: PathBuf) -> anyhow::Result<()> {
    let config = RelayConfig::load(&config)?;
    let mut relay = poc_relay::start(&config).await?;
    println!(
        "poc-relay listening on {} (TLS pin {})",
        relay.local_addr,
        poc_keys::tls_pin::pin_to_text(&relay.tls_pin)
    );
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .context("installing the SIGTERM handler")?;
    // The relay also stops by itself when one of its tasks dies: the store is flushed, the
    // supervisor logged the task, and the command exits with an error.
    let died = tokio::select! {
        _ = tokio::signal::ctrl_c() => None,
        _ = term.recv() => None,
        died = relay.stopped() => Some(died),
    };
    if let Some(died) = died {
        anyhow::bail!(
            "{died:#}; the relay flushed its store and stopped: fix the cause and run it again"
        );
    }
    relay.stop().await?;
    eprintln!("poc-relay stopped cleanly");
    Ok(())
}

fn check_config(path: PathBuf) -> anyhow::Result<()> {
    let config = RelayConfig::load(&path)?;
    let cert = std::fs::read(&config.tls_cert)
        .with_context(|| format!("reading the TLS certificate {}", config.tls_cert.display()))?;
    std::fs::read(&config.tls_key)
        .with_context(|| format!("reading the TLS key {}", config.tls_key.display()))?;
    let pin = poc_keys::tls_pin::spki_pin(&cert).context("reading the TLS certificate")?;
    println!(
        "{}: valid (listen {}, TLS pin {})",
        path.display(),
        config.listen,
        poc_keys::tls_pin::pin_to_text(&pin)
    );
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let result = match cli.command {
        Command::Init {
            data_dir,
            listen,
            custodian_key,
            json,
        } => poc_keys::key_arg::custodian_key(&custodian_key)
            .map_err(anyhow::Error::from)
            .and_then(|key| poc_relay::init::init(&data_dir, listen, &key))
            .map(|done| {
                let pin = poc_keys::tls_pin::pin_to_text(&done.tls_pin);
                if json {
                    let value = serde_json::json!({
                        "config": done.config_path.display().to_string(),
                        "tls_pin": pin,
                        "listen": listen.to_string(),
                    });
                    println!("{value}");
                } else {
                    println!("relay initialised");
                    println!("  config:  {}", done.config_path.display());
                    println!("  TLS pin: {pin}");
                    println!(
                        "next: poc-relay run --config {}",
                        done.config_path.display()
                    );
                }
            }),
        Command::Run { config } => tokio::runtime::Runtime::new()
            .context("starting the async runtime")
            .and_then(|rt| rt.block_on(run(config))),
        Command::CheckConfig { config } => check_config(config),
        Command::Backup { config, out, json } => RelayConfig::load(&config)
            .map_err(anyhow::Error::from)
            .and_then(|config| poc_relay::admin::backup(&config, &out))
            .map(|summary| print_summary("backup written to", &out, &summary, json)),
        Command::Restore {
            config,
            backup,
            json,
        } => RelayConfig::load(&config)
            .map_err(anyhow::Error::from)
            .and_then(|config| poc_relay::admin::restore(&config, &backup))
            .map(|summary| print_summary("restored", &backup, &summary, json)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

//! `poc-relay init`: TLS key and certificate, data directory, config file.

use std::net::SocketAddr;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use anyhow::Context;
use poc_proto::PublicKeyBytes;

use crate::config::{Limits, RelayConfig};
use crate::tls;

/// What `init` created.
#[derive(Debug, Clone)]
pub struct Initialised {
    /// The config file to pass to `poc-relay run --config`.
    pub config_path: PathBuf,
    /// SHA-256 pin of the TLS public key, for invites and the directory.
    pub tls_pin: [u8; 32],
    /// The configuration written.
    pub config: RelayConfig,
}

/// Creates `data_dir` (mode 0700) with `tls/cert.der`, `tls/key.der` (0600) and `relay.toml`.
/// Refuses to touch an existing TLS key or config.
pub fn init(
    data_dir: &Path,
    listen: SocketAddr,
    custodian_key: &PublicKeyBytes,
) -> anyhow::Result<Initialised> {
    poc_keys::verifying_key(custodian_key)
        .context("the custodian key is not a usable ed25519 key")?;
    let tls_dir = data_dir.join("tls");
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&tls_dir)
        .with_context(|| format!("creating {}", tls_dir.display()))?;
    let data_dir = data_dir
        .canonicalize()
        .with_context(|| format!("resolving {}", data_dir.display()))?;
    let config_path = data_dir.join("relay.toml");
    if config_path.exists() {
        anyhow::bail!(
            "{} already exists; this relay is already initialised",
            config_path.display()
        );
    }
    let (cert, key) = tls::generate()?;
    let cert_path = data_dir.join("tls/cert.der");
    let key_path = data_dir.join("tls/key.der");
    tls::write_new(&key_path, &key, 0o600)?;
    tls::write_new(&cert_path, &cert, 0o644)?;
    let tls_pin = poc_keys::tls_pin::spki_pin(&cert).context("reading back the certificate")?;
    let config = RelayConfig {
        listen,
        data_dir: data_dir.join("store"),
        tls_cert: cert_path,
        tls_key: key_path,
        custodian_key: custodian_key.to_string(),
        metrics_listen: None,
        limits: Limits::default(),
    };
    let text = format!(
        "# poc-relay configuration (see deploy/relay.example.toml for every option)\n# TLS pin: {}\n{}",
        poc_keys::tls_pin::pin_to_text(&tls_pin),
        toml::to_string(&config).context("writing the config")?
    );
    tls::write_new(&config_path, text.as_bytes(), 0o640)?;
    Ok(Initialised {
        config_path,
        tls_pin,
        config,
    })
}

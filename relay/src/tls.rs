//! TLS material: generation at init, and the rustls/quinn server configuration.

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use poc_proto::request::ALPN;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::config::Limits;

/// The name in the relay certificate. Clients pin the key, so the name carries no trust.
pub const CERT_NAME: &str = poc_proto::request::SERVER_NAME;

/// Generates a self-signed certificate and key; returns (cert DER, key DER).
pub fn generate() -> anyhow::Result<(Vec<u8>, Vec<u8>)> {
    let rcgen::CertifiedKey { cert, signing_key } =
        rcgen::generate_simple_self_signed(vec![CERT_NAME.to_owned()])
            .context("generating the TLS key")?;
    Ok((cert.der().to_vec(), signing_key.serialize_der()))
}

/// Writes a new file with the given mode; never overwrites.
pub fn write_new(path: &Path, bytes: &[u8], mode: u32) -> anyhow::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(bytes)
        .and_then(|_| file.sync_all())
        .with_context(|| format!("writing {}", path.display()))
}

/// QUIC server configuration: TLS 1.3 only, ALPN `poc/1`, no 0-RTT, bounded streams.
pub fn server_config(
    cert_der: Vec<u8>,
    key_der: Vec<u8>,
    limits: &Limits,
) -> anyhow::Result<quinn::ServerConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut tls = rustls::ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13])
        .context("TLS 1.3 configuration")?
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(cert_der)],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key_der)),
        )
        .context("loading the relay certificate and key")?;
    tls.alpn_protocols = vec![ALPN.to_vec()];
    // No 0-RTT: early data can be replayed.
    tls.max_early_data_size = 0;
    let crypto =
        quinn::crypto::rustls::QuicServerConfig::try_from(tls).context("QUIC TLS configuration")?;
    let mut config = quinn::ServerConfig::with_crypto(Arc::new(crypto));
    let mut transport = quinn::TransportConfig::default();
    transport
        .max_concurrent_bidi_streams(limits.max_streams_per_connection.into())
        .max_concurrent_uni_streams(0u32.into())
        .max_idle_timeout(Some(
            quinn::IdleTimeout::try_from(Duration::from_secs(limits.idle_timeout_secs))
                .context("idle_timeout_secs is too large")?,
        ));
    config.transport_config(Arc::new(transport));
    Ok(config)
}

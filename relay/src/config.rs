//! The relay's TOML configuration, with documented defaults for every limit.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use poc_proto::limits::MAX_TTL_SECS;

/// Everything `poc-relay run` needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelayConfig {
    /// UDP address to listen on, e.g. `0.0.0.0:4433`.
    pub listen: SocketAddr,
    /// Directory holding the sled store.
    pub data_dir: PathBuf,
    /// DER certificate presented to clients (self-signed; clients pin its public key).
    pub tls_cert: PathBuf,
    /// DER PKCS#8 private key of the certificate (mode 0600).
    pub tls_key: PathBuf,
    /// Hex ed25519 public key of the custodian: signs access lists, may publish.
    pub custodian_key: String,
    /// Resource limits.
    #[serde(default)]
    pub limits: Limits,
}

/// Resource limits. Every field has a default; a config may set any subset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Concurrent connections; further ones are refused.
    pub max_connections: usize,
    /// Concurrent request streams per connection.
    pub max_streams_per_connection: u32,
    /// Seconds of silence after which a connection is closed.
    pub idle_timeout_secs: u64,
    /// Seconds a client has to finish the QUIC/TLS handshake, and again to log in after it.
    pub handshake_timeout_secs: u64,
    /// Envelopes waiting in one mailbox.
    pub mailbox_max_envelopes: u64,
    /// Payload bytes waiting in one mailbox.
    pub mailbox_max_bytes: u64,
    /// Longest envelope lifetime accepted, in seconds.
    pub max_ttl_secs: u64,
    /// sled page cache, in bytes.
    pub cache_bytes: u64,
    /// Seconds between sweeps of expired envelopes.
    pub purge_interval_secs: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 1000,
            max_streams_per_connection: 32,
            idle_timeout_secs: 30,
            handshake_timeout_secs: 10,
            mailbox_max_envelopes: 10_000,
            mailbox_max_bytes: 1 << 30,
            max_ttl_secs: MAX_TTL_SECS,
            cache_bytes: 64 << 20,
            purge_interval_secs: 600,
        }
    }
}

/// Why a configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read the config file {path}")]
    Read {
        /// The file.
        path: String,
        /// Cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML for this schema.
    #[error("invalid config file {path}: {message}")]
    Parse {
        /// The file.
        path: String,
        /// Parser message (names the key and line).
        message: String,
    },
    /// The custodian key is not 64 hex characters or is not a usable ed25519 key.
    #[error("invalid custodian_key in {path}: {message}")]
    CustodianKey {
        /// The file.
        path: String,
        /// Why.
        message: String,
    },
}

impl RelayConfig {
    /// Reads and validates a config file.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let config: RelayConfig = toml::from_str(&text).map_err(|e| ConfigError::Parse {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        config
            .custodian()
            .map_err(|message| ConfigError::CustodianKey {
                path: path.display().to_string(),
                message,
            })?;
        Ok(config)
    }

    /// The custodian key, checked.
    pub fn custodian(&self) -> Result<poc_proto::PublicKeyBytes, String> {
        let key: poc_proto::PublicKeyBytes = self.custodian_key.parse()?;
        poc_keys::verifying_key(&key).map_err(|e| e.to_string())?;
        Ok(key)
    }
}

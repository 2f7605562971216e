//! The relay's TOML configuration, with documented defaults for every limit.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use poc_proto::framing::PREFIX_BYTES;
use poc_proto::limits::{MAX_FRAME_BYTES, MAX_TTL_SECS};

use crate::budget::SMALL_REQUEST_BYTES;

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
    /// Address of the Prometheus metrics endpoint (`GET /metrics`), e.g. `127.0.0.1:9464`.
    /// Must be a loopback address; absent means no endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics_listen: Option<SocketAddr>,
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
    /// Concurrent connections that have not logged in yet; further ones are refused.
    pub max_unauthenticated: usize,
    /// Concurrent connections not logged in yet from one source address (an IPv4 address,
    /// or the /64 prefix of an IPv6 address); further ones from it are refused.
    pub max_unauthenticated_per_address: usize,
    /// New connections and requests before login per second one source address may sustain
    /// (token bucket refill rate, per address as above).
    pub requests_per_sec_before_login: u32,
    /// New connections and requests before login one source address may make in a burst
    /// (bucket size).
    pub request_burst_before_login: u32,
    /// Concurrent logged-in connections of one key; a further login is refused.
    pub max_connections_per_key: usize,
    /// Requests per second one key may sustain (token bucket refill rate).
    pub requests_per_sec: u32,
    /// Requests one key may send in a burst above the sustained rate (bucket size).
    pub request_burst: u32,
    /// Bytes of large request frames (above 64 KiB) being read or handled at once across all
    /// connections; a request waits until its frame fits. At least the largest frame (20 MiB).
    pub max_inflight_request_bytes: usize,
    /// The share of `max_inflight_request_bytes` one key may hold, over all its connections.
    /// At least the largest frame, at most `max_inflight_request_bytes`.
    pub max_inflight_request_bytes_per_key: usize,
    /// Bytes of small request frames (64 KiB or less: login, fetch, delete, subscribe) being
    /// read or handled at once; kept apart so that they never wait behind large bodies.
    pub max_inflight_small_request_bytes: usize,
    /// The share of `max_inflight_small_request_bytes` one key may hold.
    pub max_inflight_small_request_bytes_per_key: usize,
    /// Bytes per second a request body must keep arriving at, once `request_stall_secs` have
    /// passed; a slower body has its stream reset and its budget freed.
    pub min_request_bytes_per_sec: u64,
    /// Seconds a request body may lag behind `min_request_bytes_per_sec`.
    pub request_stall_secs: u64,
    /// Bytes of Fetch and GetDirectory answers being built or written at once across all
    /// connections; an answer is built only once twice a largest frame fits (the answer and
    /// its encoding), then holds its encoded size until written.
    pub max_inflight_answer_bytes: usize,
    /// The share of `max_inflight_answer_bytes` one key may hold, over all its connections.
    pub max_inflight_answer_bytes_per_key: usize,
    /// Notifications waiting to be pushed on one subscribed connection; beyond it they are
    /// merged into the last one waiting (a Notify is a hint to fetch).
    pub push_queue_per_connection: usize,
    /// Seconds the relay waits for a subscribed client to accept a push stream before it
    /// drops that push.
    pub push_open_timeout_secs: u64,
    /// Free disk space below which new envelopes are refused (reads keep working).
    pub min_free_disk_bytes: u64,
    /// Concurrent request streams per connection.
    pub max_streams_per_connection: u32,
    /// Seconds of silence after which a connection is closed.
    pub idle_timeout_secs: u64,
    /// Seconds a client whose address was validated (QUIC Retry) has to finish the QUIC/TLS
    /// handshake, and again to log in after it. Its slot of `max_unauthenticated` is held
    /// that long at most.
    pub handshake_timeout_secs: u64,
    /// Envelopes waiting in one mailbox.
    pub mailbox_max_envelopes: u64,
    /// Payload bytes waiting in one mailbox.
    pub mailbox_max_bytes: u64,
    /// Most of a mailbox's quota (envelopes and bytes), in percent, that the envelopes of
    /// one submitting key may hold: fewer than ⌈100 / share⌉ keys cannot fill a mailbox. 1 to 100.
    pub mailbox_sender_share_percent: u8,
    /// Envelopes waiting in the mailbox of a custodian key (update requests, key rotations
    /// and ping answers of every member go there); never below `mailbox_max_envelopes`.
    pub custodian_mailbox_max_envelopes: u64,
    /// Payload bytes waiting in the mailbox of a custodian key; never below
    /// `mailbox_max_bytes`.
    pub custodian_mailbox_max_bytes: u64,
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
            max_unauthenticated: 64,
            max_unauthenticated_per_address: 8,
            requests_per_sec_before_login: 20,
            request_burst_before_login: 60,
            max_connections_per_key: 8,
            requests_per_sec: 50,
            request_burst: 200,
            max_inflight_request_bytes: 256 << 20,
            max_inflight_request_bytes_per_key: 64 << 20,
            max_inflight_small_request_bytes: 16 << 20,
            max_inflight_small_request_bytes_per_key: 1 << 20,
            min_request_bytes_per_sec: 32 << 10,
            request_stall_secs: 10,
            max_inflight_answer_bytes: 256 << 20,
            max_inflight_answer_bytes_per_key: 64 << 20,
            push_queue_per_connection: 32,
            push_open_timeout_secs: 10,
            min_free_disk_bytes: 256 << 20,
            max_streams_per_connection: 32,
            idle_timeout_secs: 30,
            handshake_timeout_secs: 5,
            mailbox_max_envelopes: 10_000,
            mailbox_max_bytes: 1 << 30,
            mailbox_sender_share_percent: 25,
            custodian_mailbox_max_envelopes: 100_000,
            custodian_mailbox_max_bytes: 4 << 30,
            max_ttl_secs: MAX_TTL_SECS,
            cache_bytes: 16 << 20,
            purge_interval_secs: 600,
        }
    }
}

impl Limits {
    /// The mailbox quotas these limits set: custodian mailboxes get the larger of their own
    /// limits and a member's.
    pub fn quotas(&self, custodian_mailboxes: Vec<poc_proto::MailboxId>) -> crate::store::Quotas {
        let l = self;
        let share = l.mailbox_sender_share_percent;
        crate::store::Quotas {
            member: crate::store::Quota {
                max_envelopes: l.mailbox_max_envelopes,
                max_bytes: l.mailbox_max_bytes,
                sender_share_percent: share,
            },
            custodian: crate::store::Quota {
                max_envelopes: l
                    .custodian_mailbox_max_envelopes
                    .max(l.mailbox_max_envelopes),
                max_bytes: l.custodian_mailbox_max_bytes.max(l.mailbox_max_bytes),
                sender_share_percent: share,
            },
            custodian_mailboxes,
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
    /// A value is out of its allowed range.
    #[error("invalid value in {path}: {message}")]
    Value {
        /// The file.
        path: String,
        /// Which key and why.
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
        config
            .check_values()
            .map_err(|message| ConfigError::Value {
                path: path.display().to_string(),
                message,
            })?;
        Ok(config)
    }

    /// Checks the values serde cannot: ranges and the loopback-only metrics address.
    pub fn check_values(&self) -> Result<(), String> {
        let l = &self.limits;
        let positive = [
            ("max_connections", l.max_connections as u64),
            ("max_unauthenticated", l.max_unauthenticated as u64),
            (
                "max_unauthenticated_per_address",
                l.max_unauthenticated_per_address as u64,
            ),
            (
                "requests_per_sec_before_login",
                u64::from(l.requests_per_sec_before_login),
            ),
            (
                "request_burst_before_login",
                u64::from(l.request_burst_before_login),
            ),
            ("max_connections_per_key", l.max_connections_per_key as u64),
            (
                "max_streams_per_connection",
                u64::from(l.max_streams_per_connection),
            ),
            ("requests_per_sec", u64::from(l.requests_per_sec)),
            ("request_burst", u64::from(l.request_burst)),
            ("idle_timeout_secs", l.idle_timeout_secs),
            ("handshake_timeout_secs", l.handshake_timeout_secs),
            ("max_ttl_secs", l.max_ttl_secs),
            ("min_request_bytes_per_sec", l.min_request_bytes_per_sec),
            ("request_stall_secs", l.request_stall_secs),
            (
                "push_queue_per_connection",
                l.push_queue_per_connection as u64,
            ),
            ("push_open_timeout_secs", l.push_open_timeout_secs),
        ];
        if let Some((name, _)) = positive.iter().find(|(_, v)| *v == 0) {
            return Err(format!("limits.{name} must be at least 1"));
        }
        if l.max_inflight_request_bytes < MAX_FRAME_BYTES + PREFIX_BYTES {
            return Err(format!(
                "limits.max_inflight_request_bytes must be at least {} (the largest frame)",
                MAX_FRAME_BYTES + PREFIX_BYTES
            ));
        }
        check_shares(l)?;
        if !(1..=100).contains(&l.mailbox_sender_share_percent) {
            return Err("limits.mailbox_sender_share_percent must be between 1 and 100".into());
        }
        if l.max_ttl_secs > MAX_TTL_SECS {
            return Err(format!(
                "limits.max_ttl_secs must be at most {MAX_TTL_SECS} (the protocol maximum)"
            ));
        }
        if let Some(addr) = self.metrics_listen {
            if !addr.ip().is_loopback() {
                return Err(format!(
                    "metrics_listen {addr} is not a loopback address: metrics are served on 127.0.0.1 or ::1 only"
                ));
            }
        }
        Ok(())
    }

    /// The custodian key, checked.
    pub fn custodian(&self) -> Result<poc_proto::PublicKeyBytes, String> {
        let key: poc_proto::PublicKeyBytes = self.custodian_key.parse()?;
        poc_keys::verifying_key(&key).map_err(|e| e.to_string())?;
        Ok(key)
    }
}

/// Each per-key share must hold one frame of its kind and fit in its relay-wide budget.
fn check_shares(l: &Limits) -> Result<(), String> {
    let frame = MAX_FRAME_BYTES + PREFIX_BYTES;
    let small = SMALL_REQUEST_BYTES + PREFIX_BYTES;
    let shares = [
        (
            "max_inflight_request_bytes_per_key",
            l.max_inflight_request_bytes_per_key,
            frame,
            "max_inflight_request_bytes",
            l.max_inflight_request_bytes,
        ),
        (
            "max_inflight_small_request_bytes_per_key",
            l.max_inflight_small_request_bytes_per_key,
            small,
            "max_inflight_small_request_bytes",
            l.max_inflight_small_request_bytes,
        ),
        (
            "max_inflight_answer_bytes_per_key",
            l.max_inflight_answer_bytes_per_key,
            2 * frame,
            "max_inflight_answer_bytes",
            l.max_inflight_answer_bytes,
        ),
    ];
    for (name, share, least, total_name, total) in shares {
        if share < least {
            return Err(format!(
                "limits.{name} must be at least {least} (one frame of its kind)"
            ));
        }
        if share > total {
            return Err(format!(
                "limits.{name} must be at most limits.{total_name} ({total})"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> RelayConfig {
        RelayConfig {
            listen: ([127, 0, 0, 1], 4433).into(),
            data_dir: "store".into(),
            tls_cert: "cert.der".into(),
            tls_key: "key.der".into(),
            custodian_key: String::new(),
            metrics_listen: None,
            limits: Limits::default(),
        }
    }

    #[test]
    fn the_defaults_are_valid_and_bad_values_are_named() {
        assert_eq!(config().check_values(), Ok(()));
        type Change = fn(&mut RelayConfig);
        let cases: [(Change, &str); 9] = [
            (|c| c.limits.requests_per_sec = 0, "limits.requests_per_sec"),
            (
                |c| c.limits.max_connections_per_key = 0,
                "limits.max_connections_per_key",
            ),
            (
                |c| c.limits.max_inflight_request_bytes = 1 << 20,
                "limits.max_inflight_request_bytes",
            ),
            (
                |c| c.limits.max_inflight_request_bytes_per_key = 1 << 20,
                "limits.max_inflight_request_bytes_per_key must be at least",
            ),
            (
                |c| c.limits.max_inflight_answer_bytes_per_key = 512 << 20,
                "limits.max_inflight_answer_bytes_per_key must be at most",
            ),
            (
                |c| c.limits.max_inflight_small_request_bytes_per_key = 1024,
                "limits.max_inflight_small_request_bytes_per_key",
            ),
            (
                |c| c.limits.min_request_bytes_per_sec = 0,
                "limits.min_request_bytes_per_sec",
            ),
            (
                |c| c.limits.max_ttl_secs = MAX_TTL_SECS + 1,
                "limits.max_ttl_secs",
            ),
            (
                |c| c.metrics_listen = Some(([0, 0, 0, 0], 9464).into()),
                "not a loopback address",
            ),
        ];
        for (change, expected) in cases {
            let mut c = config();
            change(&mut c);
            let message = c.check_values().unwrap_err();
            assert!(message.contains(expected), "{message}");
        }
        let mut c = config();
        c.metrics_listen = Some("[::1]:9464".parse().unwrap());
        assert_eq!(c.check_values(), Ok(()));
    }
}

#[cfg(test)]
mod example {
    use super::*;

    /// The shipped example documents every option and loads as a valid config.
    #[test]
    fn the_deploy_example_config_is_valid_and_sets_every_limit() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/relay.example.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let config: RelayConfig = toml::from_str(&text).unwrap();
        config.check_values().unwrap();
        let table: toml::Table = toml::from_str(&text).unwrap();
        let limits = table["limits"].as_table().unwrap();
        let defaults = toml::Table::try_from(Limits::default()).unwrap();
        for key in defaults.keys() {
            assert!(
                limits.contains_key(key),
                "limits.{key} is not in the example"
            );
        }
        // Off by default: shown commented out, and valid once uncommented.
        let line = text
            .lines()
            .find_map(|l| l.strip_prefix("# metrics_listen = "))
            .expect("metrics_listen is documented");
        let on: RelayConfig = toml::from_str(&format!("metrics_listen = {line}\n{text}")).unwrap();
        on.check_values().unwrap();
        assert!(on.metrics_listen.is_some());
    }
}

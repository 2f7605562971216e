//! Prometheus metrics, and the loopback endpoint that serves them (`GET /metrics`).
//!
//! Counts only: no key, mailbox id, address or content ever becomes a label. Quota refusals
//! are also counted per submitting key, in memory, so that the metrics can say how many keys
//! were refused and how often the most refused one was, without naming any. The endpoint
//! listens on a loopback address (checked by the config) and answers one small request per
//! connection; a scraper that talks too long or too much is cut off.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use poc_proto::{ErrorCode, PublicKeyBytes};
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// Label set of `poc_relay_rejects_total`.
pub(crate) type Reason = [(&'static str, &'static str); 1];

/// The relay's metrics.
pub(crate) struct Metrics {
    registry: Registry,
    pub connections_open: Gauge,
    pub connections_total: Counter,
    pub retries_total: Counter,
    pub envelopes_stored: Counter,
    pub envelope_bytes_stored: Counter,
    pub rejects: Family<Reason, Counter>,
    pub flush_seconds: Histogram,
    /// 1 while the store refuses every write until a restart (a sync failed), else 0.
    pub writes_stopped: Gauge,
    /// Submits refused by a mailbox quota, by reason (`mailbox_full`, `sender_share`).
    pub quota_refusals: Family<Reason, Counter>,
    /// Submitting keys refused by a mailbox quota at least once.
    pub quota_refused_keys: Gauge,
    /// Quota refusals of the submitting key refused most often.
    pub quota_refusals_top_key: Gauge,
    /// Quota refusals per submitting key (never exported: only its size and maximum are).
    refused_by_key: Mutex<HashMap<PublicKeyBytes, u64>>,
}

/// Most submitting keys whose quota refusals are counted one by one (only admitted keys can
/// submit, so a directory never comes close).
const MAX_COUNTED_KEYS: usize = 100_000;

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("poc_relay");
        let connections_open = Gauge::default();
        let connections_total = Counter::default();
        let retries_total = Counter::default();
        let envelopes_stored = Counter::default();
        let envelope_bytes_stored = Counter::default();
        let rejects = Family::<Reason, Counter>::default();
        // 0.1 ms to about 1.6 s.
        let flush_seconds = Histogram::new(exponential_buckets(0.0001, 2.0, 15));
        let quota_refusals = Family::<Reason, Counter>::default();
        let writes_stopped = Gauge::default();
        registry.register(
            "writes_stopped",
            "1 while the store refuses every write until the relay is restarted (a sync of the store failed)",
            writes_stopped.clone(),
        );
        let quota_refused_keys = Gauge::default();
        let quota_refusals_top_key = Gauge::default();
        registry.register(
            "quota_refusals",
            "Submits refused by a mailbox quota, by reason",
            quota_refusals.clone(),
        );
        registry.register(
            "quota_refused_keys",
            "Submitting keys refused by a mailbox quota at least once",
            quota_refused_keys.clone(),
        );
        registry.register(
            "quota_refusals_top_key",
            "Quota refusals of the submitting key refused most often",
            quota_refusals_top_key.clone(),
        );
        registry.register(
            "connections_open",
            "QUIC connections open now",
            connections_open.clone(),
        );
        registry.register(
            "connections",
            "QUIC connections accepted",
            connections_total.clone(),
        );
        registry.register(
            "retries",
            "QUIC Retry packets sent to validate the address of a new connection",
            retries_total.clone(),
        );
        registry.register(
            "envelopes_stored",
            "Envelopes newly stored (duplicates excluded)",
            envelopes_stored.clone(),
        );
        registry.register(
            "envelope_bytes_stored",
            "Payload bytes of envelopes newly stored",
            envelope_bytes_stored.clone(),
        );
        registry.register(
            "rejects",
            "Requests and connections refused, by reason",
            rejects.clone(),
        );
        registry.register(
            "flush_seconds",
            "Duration of group-commit rounds: the writes of a round and the syncs that make them durable",
            flush_seconds.clone(),
        );
        Metrics {
            registry,
            connections_open,
            connections_total,
            retries_total,
            envelopes_stored,
            envelope_bytes_stored,
            rejects,
            flush_seconds,
            writes_stopped,
            quota_refusals,
            quota_refused_keys,
            quota_refusals_top_key,
            refused_by_key: Mutex::default(),
        }
    }
}

impl Metrics {
    /// Counts one refusal.
    pub(crate) fn reject(&self, reason: &'static str) {
        self.rejects.get_or_create(&[("reason", reason)]).inc();
    }

    /// Counts a refusal answered with `code`.
    pub(crate) fn reject_code(&self, code: ErrorCode) {
        self.reject(reason(code));
    }

    /// Counts a Submit of `key` refused by a mailbox quota.
    pub(crate) fn quota_refusal(&self, key: &PublicKeyBytes, reason: crate::store::QuotaReason) {
        let label = match reason {
            crate::store::QuotaReason::MailboxFull => "mailbox_full",
            crate::store::QuotaReason::SenderShare => "sender_share",
        };
        self.quota_refusals
            .get_or_create(&[("reason", label)])
            .inc();
        let mut counts = self
            .refused_by_key
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if counts.len() >= MAX_COUNTED_KEYS && !counts.contains_key(key) {
            return;
        }
        let n = counts.entry(*key).or_default();
        *n += 1;
        let n = i64::try_from(*n).unwrap_or(i64::MAX);
        self.quota_refused_keys
            .set(i64::try_from(counts.len()).unwrap_or(i64::MAX));
        if n > self.quota_refusals_top_key.get() {
            self.quota_refusals_top_key.set(n);
        }
    }

    /// The metrics in the OpenMetrics text format.
    pub(crate) fn render(&self) -> String {
        let mut text = String::new();
        if encode(&mut text, &self.registry).is_err() {
            text.clear();
        }
        text
    }
}

/// The `reason` label of a refusal code.
pub(crate) fn reason(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::Malformed => "malformed",
        ErrorCode::UnsupportedVersion => "unsupported_version",
        ErrorCode::NotAuthenticated => "not_authenticated",
        ErrorCode::AuthFailed => "auth_failed",
        ErrorCode::NotCustodian => "not_custodian",
        ErrorCode::UnknownRecipient => "unknown_recipient",
        ErrorCode::TooLarge => "too_large",
        ErrorCode::Expired => "expired",
        ErrorCode::QuotaExceeded => "quota_exceeded",
        ErrorCode::RateLimited => "rate_limited",
        ErrorCode::InvalidDirectory => "invalid_directory",
        ErrorCode::StorageFailure => "storage_failure",
        ErrorCode::Unavailable => "unavailable",
    }
}

/// Largest request the endpoint reads.
const MAX_REQUEST_BYTES: usize = 4096;
/// Scrapes served at once.
const MAX_SCRAPERS: usize = 4;

/// Binds the endpoint; the returned future serves it until it is dropped.
pub(crate) async fn serve(
    addr: SocketAddr,
    metrics: Arc<Metrics>,
) -> anyhow::Result<(
    SocketAddr,
    impl std::future::Future<Output = anyhow::Result<()>> + Send + 'static,
)> {
    let listener = TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    let slots = Arc::new(Semaphore::new(MAX_SCRAPERS));
    let task = async move {
        loop {
            let stream = match listener.accept().await {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors, say: wait instead of spinning.
                    tracing::warn!(error = %e, "metrics endpoint: accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            };
            let Ok(slot) = slots.clone().try_acquire_owned() else {
                continue;
            };
            let metrics = metrics.clone();
            tokio::spawn(async move {
                let _ =
                    tokio::time::timeout(Duration::from_secs(5), answer(stream, &metrics)).await;
                drop(slot);
            });
        }
    };
    Ok((local, task))
}

async fn answer(mut stream: tokio::net::TcpStream, metrics: &Metrics) -> std::io::Result<()> {
    let mut request = Vec::with_capacity(512);
    let mut buf = [0u8; 512];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await?;
        if n == 0 || request.len() + n > MAX_REQUEST_BYTES {
            return Ok(());
        }
        request.extend_from_slice(&buf[..n]);
    }
    let response = if request.starts_with(b"GET /metrics ") || request.starts_with(b"GET / ") {
        let body = metrics.render();
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/openmetrics-text; version=1.0.0; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    } else {
        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string()
    };
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendering_names_every_metric_with_the_relay_prefix() {
        let metrics = Metrics::default();
        metrics.connections_total.inc();
        metrics.reject_code(ErrorCode::RateLimited);
        metrics.flush_seconds.observe(0.002);
        let text = metrics.render();
        for name in [
            "poc_relay_connections_open 0",
            "poc_relay_connections_total 1",
            "poc_relay_envelopes_stored_total 0",
            "poc_relay_envelope_bytes_stored_total 0",
            "poc_relay_rejects_total{reason=\"rate_limited\"} 1",
            "poc_relay_flush_seconds_count 1",
        ] {
            assert!(text.contains(name), "{name} missing from\n{text}");
        }
    }

    #[test]
    fn quota_refusals_are_counted_per_key_without_naming_any() {
        use crate::store::QuotaReason::{MailboxFull, SenderShare};
        let metrics = Metrics::default();
        let (flooder, other) = (PublicKeyBytes([0xab; 32]), PublicKeyBytes([0xcd; 32]));
        for _ in 0..3 {
            metrics.quota_refusal(&flooder, SenderShare);
        }
        metrics.quota_refusal(&other, MailboxFull);
        let text = metrics.render();
        for line in [
            "poc_relay_quota_refusals_total{reason=\"sender_share\"} 3",
            "poc_relay_quota_refusals_total{reason=\"mailbox_full\"} 1",
            "poc_relay_quota_refused_keys 2",
            "poc_relay_quota_refusals_top_key 3",
        ] {
            assert!(text.contains(line), "{line} missing from\n{text}");
        }
        for key in [flooder, other] {
            let hex = key.to_string();
            assert!(!text.contains(&hex[..16]), "{text}");
        }
    }

    #[tokio::test]
    async fn the_endpoint_serves_metrics_and_nothing_else() {
        let metrics = Arc::new(Metrics::default());
        metrics.envelopes_stored.inc_by(3);
        let (addr, task) = serve(([127, 0, 0, 1], 0).into(), metrics).await.unwrap();
        let task = tokio::spawn(task);
        let get = |path: &'static str| async move {
            let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
            s.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes())
                .await
                .unwrap();
            let mut out = String::new();
            s.read_to_string(&mut out).await.unwrap();
            out
        };
        let ok = get("/metrics").await;
        assert!(ok.starts_with("HTTP/1.1 200"), "{ok}");
        assert!(ok.contains("poc_relay_envelopes_stored_total 3"), "{ok}");
        let missing = get("/admin").await;
        assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
        task.abort();
    }
}

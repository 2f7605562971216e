//! Closed-loop submit throughput and open-loop end-to-end latency.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use poc_client::mailbox::verify;
use poc_client::transport::RelayClient;
use poc_client::trust::TrustedDirectory;
use poc_keys::{PocKey, RoutingHeader};
use poc_proto::{
    encode, Envelope, EnvelopeId, MailboxId, Message, MessageKind, PocId, Priority, TextMessage,
    Tlp, ENVELOPE_VERSION,
};

use super::net::{client_options, Client, Poc, Target};

/// A throughput figure.
#[derive(Debug, Clone, Copy)]
pub struct Throughput {
    /// Envelopes acknowledged.
    pub envelopes: u64,
    /// From the moment all clients were connected and started to the last acknowledgement.
    pub elapsed: Duration,
}

impl Throughput {
    /// Envelopes per second.
    pub fn per_sec(&self) -> f64 {
        self.envelopes as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Envelope ids unique across a run: a random prefix, the client and a sequence number.
fn envelope_id(run: u32, client: usize, seq: u64) -> EnvelopeId {
    let mut id = [0u8; 16];
    id[..4].copy_from_slice(&run.to_be_bytes());
    id[4..6].copy_from_slice(&(client as u16).to_be_bytes());
    id[6..14].copy_from_slice(&seq.to_be_bytes());
    EnvelopeId(id)
}

/// `clients` connections (client `i` logged in as `senders[i % len]`) each submit batches
/// of `batch` envelopes with `payload` random-looking bytes to the `mailboxes` in turn, one
/// request in flight per client, until `duration` has passed (or, with `total`, until
/// `total` envelopes are acknowledged). Counts acknowledged envelopes.
#[allow(clippy::too_many_arguments)]
pub async fn submit_load(
    target: &Target,
    senders: &[Poc],
    mailboxes: &[MailboxId],
    clients: usize,
    payload: usize,
    batch: usize,
    duration: Duration,
    total: Option<u64>,
) -> anyhow::Result<Throughput> {
    if senders.is_empty() || mailboxes.is_empty() || clients == 0 || batch == 0 {
        bail!("a load needs senders, mailboxes, clients and a batch size");
    }
    let run: u32 = u32::from_be_bytes(poc_keys::random_bytes::<4>());
    let bytes: Arc<Vec<u8>> = Arc::new(
        (0..payload)
            .map(|i| (i as u8).wrapping_mul(31) ^ (run as u8))
            .collect(),
    );
    let mailboxes: Arc<Vec<MailboxId>> = Arc::new(mailboxes.to_vec());
    let barrier = Arc::new(tokio::sync::Barrier::new(clients + 1));
    let remaining = Arc::new(std::sync::atomic::AtomicI64::new(
        total.map_or(i64::MAX, |t| t as i64),
    ));
    let expires_at = poc_client::clock::Clock::system().now() + 86_400;
    let mut tasks = tokio::task::JoinSet::new();
    for index in 0..clients {
        let key: &'static PocKey = senders[index % senders.len()].key;
        let (target, barrier, bytes, mailboxes, remaining) = (
            target.clone(),
            barrier.clone(),
            bytes.clone(),
            mailboxes.clone(),
            remaining.clone(),
        );
        tasks.spawn(async move {
            let connected = Client::connect(&target, key).await;
            barrier.wait().await;
            let client = connected?;
            let started = Instant::now();
            let deadline = started.checked_add(duration);
            let mut seq = 0u64;
            let mut acked = 0u64;
            let mut last = started;
            loop {
                if total.is_none() && deadline.is_some_and(|d| Instant::now() >= d) {
                    break;
                }
                let take = remaining.fetch_sub(batch as i64, std::sync::atomic::Ordering::SeqCst);
                if take <= 0 {
                    break;
                }
                let n = (take as usize).min(batch);
                let envelopes: Vec<Envelope> = (0..n)
                    .map(|_| {
                        seq += 1;
                        Envelope {
                            version: ENVELOPE_VERSION,
                            id: envelope_id(run, index, seq),
                            to: mailboxes[(index + seq as usize) % mailboxes.len()],
                            priority: Priority::Medium,
                            expires_at,
                            payload: bytes.as_ref().clone(),
                        }
                    })
                    .collect();
                client
                    .submit(envelopes)
                    .await
                    .with_context(|| format!("client {index}: submit"))?;
                acked += n as u64;
                last = Instant::now();
            }
            client.close().await;
            anyhow::Ok((acked, started, last))
        });
    }
    barrier.wait().await;
    let mut envelopes = 0;
    let mut first: Option<Instant> = None;
    let mut end: Option<Instant> = None;
    while let Some(done) = tasks.join_next().await {
        let (acked, started, last) = done.context("load task panicked")??;
        envelopes += acked;
        first = Some(first.map_or(started, |f| f.min(started)));
        end = Some(end.map_or(last, |e| e.max(last)));
    }
    let elapsed = match (first, end) {
        (Some(first), Some(end)) => end - first,
        _ => Duration::ZERO,
    };
    Ok(Throughput { envelopes, elapsed })
}

/// Latency percentiles in milliseconds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Latency {
    /// Messages measured.
    pub count: usize,
    /// Offered load actually achieved (messages per second over the sending period).
    pub offered_per_sec: f64,
    /// Median.
    pub p50_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
    /// Largest.
    pub max_ms: f64,
}

pub(super) fn percentiles(mut samples: Vec<Duration>, offered_per_sec: f64) -> Latency {
    if samples.is_empty() {
        return Latency::default();
    }
    samples.sort();
    let at = |q: f64| {
        let i = ((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len()) - 1;
        samples[i].as_secs_f64() * 1e3
    };
    Latency {
        count: samples.len(),
        offered_per_sec,
        p50_ms: at(0.50),
        p99_ms: at(0.99),
        max_ms: at(1.0),
    }
}

/// The message of a latency probe: a text of about 600 bytes (sealed into the 1 KiB bucket).
pub(super) fn probe_message(from: &PocId, to: &PocId, n: u64) -> Message {
    Message {
        from: from.clone(),
        to: to.clone(),
        sent_at: poc_client::clock::Clock::system().now(),
        thread: None,
        language: "en".into(),
        tlp: Tlp::Amber,
        exercise: true,
        kind: MessageKind::Text(TextMessage {
            subject: Some(format!("latency probe {n}")),
            text: "x".repeat(560),
        }),
        attachments: Vec::new(),
    }
}

/// End-to-end latency at a fixed offered load: message `k` is due at `start + k / rate`.
/// When due, it is signed and sealed for its recipient (round robin over `recipients`) and
/// submitted by one of the `senders`' connections (one envelope per Submit). Each recipient
/// is subscribed; on a push it fetches, decrypts and verifies the new envelopes against the
/// directory, and deletes them at the relay. Latency is from the due time (so a late
/// sender counts against it) to the moment the recipient holds the verified message.
pub async fn end_to_end(
    address: &poc_client::home::RelayAddress,
    directory: Arc<TrustedDirectory>,
    senders: &[Poc],
    recipients: &[Poc],
    rate: f64,
    duration: Duration,
) -> anyhow::Result<Latency> {
    let due: Arc<Mutex<HashMap<EnvelopeId, Instant>>> = Arc::default();
    let samples: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let count = (rate * duration.as_secs_f64()).round().max(1.0) as u64;

    // Recipients: connected and subscribed before the first send.
    let mut watchers = tokio::task::JoinSet::new();
    let stop = Arc::new(tokio::sync::Notify::new());
    for recipient in recipients {
        let client = RelayClient::connect_with(address, recipient.key, client_options()).await?;
        client.subscribe().await?;
        let (recipient, directory, due, samples, stop) = (
            recipient.clone(),
            directory.clone(),
            due.clone(),
            samples.clone(),
            stop.clone(),
        );
        watchers.spawn(async move {
            let mut seen: HashSet<EnvelopeId> = HashSet::new();
            loop {
                let notify = tokio::select! {
                    n = client.next_notify() => n?,
                    _ = stop.notified() => break,
                };
                if seen.contains(&notify.id) {
                    continue;
                }
                let (envelopes, _) = client.fetch_all().await?;
                let mut ids = Vec::with_capacity(envelopes.len());
                for envelope in envelopes {
                    ids.push(envelope.id);
                    if !seen.insert(envelope.id) {
                        continue;
                    }
                    verify(recipient.key, &recipient.id, &directory, &envelope)
                        .context("a probe did not verify")?;
                    let arrived = Instant::now();
                    let sent = due
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .remove(&envelope.id);
                    if let Some(sent) = sent {
                        samples
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .push(arrived.saturating_duration_since(sent));
                    }
                }
                if !ids.is_empty() {
                    client.delete(ids).await?;
                }
            }
            client.close().await;
            anyhow::Ok(())
        });
    }

    let mut clients = Vec::new();
    for sender in senders {
        clients.push(Arc::new(
            RelayClient::connect_with(address, sender.key, client_options()).await?,
        ));
    }
    let publics: Vec<(PocId, poc_keys::PocPublic)> = recipients
        .iter()
        .map(|r| {
            directory
                .members(&r.id)
                .first()
                .map(|m| (r.id.clone(), m.public()))
                .context("recipient not in the directory")
        })
        .collect::<anyhow::Result<_>>()?;
    let publics = Arc::new(publics);
    let start = tokio::time::Instant::now() + Duration::from_millis(20);
    let mut sends = tokio::task::JoinSet::new();
    for k in 0..count {
        let at = start + Duration::from_secs_f64(k as f64 / rate);
        tokio::time::sleep_until(at).await;
        let slot = k as usize % clients.len();
        let (client, sender, publics, due) = (
            clients[slot].clone(),
            senders[slot].clone(),
            publics.clone(),
            due.clone(),
        );
        sends.spawn(async move {
            let (to, public) = &publics[k as usize % publics.len()];
            let body = encode(&probe_message(&sender.id, to, k))?;
            let header = RoutingHeader {
                id: EnvelopeId(poc_keys::random_bytes::<16>()),
                to: public.mailbox(),
                priority: Priority::High,
                expires_at: poc_client::clock::Clock::system().now() + 3600,
            };
            due.lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(header.id, at.into_std());
            let envelope = poc_keys::seal(sender.key, &public.encryption, header, &body)?;
            client.submit(vec![envelope]).await?;
            anyhow::Ok(())
        });
        // Reap finished sends as we go so errors surface early.
        while let Some(done) = sends.try_join_next() {
            done.context("send task panicked")??;
        }
    }
    let sending = start.elapsed();
    while let Some(done) = sends.join_next().await {
        done.context("send task panicked")??;
    }
    // Wait for the stragglers (at most 10 s).
    let waited = Instant::now();
    while !due.lock().unwrap_or_else(|p| p.into_inner()).is_empty()
        && waited.elapsed() < Duration::from_secs(10)
    {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    stop.notify_waiters();
    // Watchers blocked elsewhere than the select are ended by closing their connections.
    for client in clients {
        if let Ok(client) = Arc::try_unwrap(client) {
            client.close().await;
        }
    }
    let lost = due.lock().unwrap_or_else(|p| p.into_inner()).len();
    watchers.abort_all();
    while let Some(done) = watchers.join_next().await {
        match done {
            Ok(result) => result?,
            Err(e) if e.is_cancelled() => {}
            Err(e) => bail!("watcher panicked: {e}"),
        }
    }
    if lost > 0 {
        bail!("{lost} of {count} latency probes never arrived");
    }
    let samples = std::mem::take(&mut *samples.lock().unwrap_or_else(|p| p.into_inner()));
    Ok(percentiles(
        samples,
        count as f64 / sending.as_secs_f64().max(1e-9),
    ))
}

/// The bare-quinn counterpart of [`end_to_end`]: the same schedule of 1-envelope Submit
/// frames (payload of a sealed probe's size) to the bare server; latency is the request's
/// round trip, from the due time to the answer.
pub async fn bare_round_trip(
    target: &Target,
    senders: &[Poc],
    payload: usize,
    rate: f64,
    duration: Duration,
) -> anyhow::Result<Latency> {
    let count = (rate * duration.as_secs_f64()).round().max(1.0) as u64;
    let mut clients = Vec::new();
    for sender in senders {
        clients.push(Arc::new(Client::connect(target, sender.key).await?));
    }
    let bytes = Arc::new(vec![7u8; payload]);
    let start = tokio::time::Instant::now() + Duration::from_millis(20);
    let mut sends = tokio::task::JoinSet::new();
    for k in 0..count {
        let at = start + Duration::from_secs_f64(k as f64 / rate);
        tokio::time::sleep_until(at).await;
        let client = clients[k as usize % clients.len()].clone();
        let bytes = bytes.clone();
        sends.spawn(async move {
            let envelope = Envelope {
                version: ENVELOPE_VERSION,
                id: EnvelopeId(poc_keys::random_bytes::<16>()),
                to: MailboxId([0; 32]),
                priority: Priority::High,
                expires_at: poc_client::clock::Clock::system().now() + 3600,
                payload: bytes.as_ref().clone(),
            };
            client.submit(vec![envelope]).await?;
            anyhow::Ok(at.elapsed())
        });
    }
    let sending = start.elapsed();
    let mut samples = Vec::with_capacity(count as usize);
    while let Some(done) = sends.join_next().await {
        samples.push(done.context("send task panicked")??);
    }
    for client in clients {
        if let Ok(client) = Arc::try_unwrap(client) {
            client.close().await;
        }
    }
    Ok(percentiles(
        samples,
        count as f64 / sending.as_secs_f64().max(1e-9),
    ))
}

//! The QUIC server: accept loop, connection cap, handshake timeout, per-stream requests,
//! expiry sweeps and clean shutdown.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use poc_proto::framing::FrameError;
use poc_proto::framing::PREFIX_BYTES;
use poc_proto::limits::{MAX_FRAME_BYTES, MAX_PREAUTH_FRAME_BYTES};
use poc_proto::request::ALPN;
use poc_proto::{decode, encode, frame, ErrorCode, Request, Response};
use tokio::sync::{oneshot, Semaphore};
use tokio::task::{JoinHandle, JoinSet};

use crate::access::Access;
use crate::commit::Committer;
use crate::config::RelayConfig;
use crate::handlers::{self, After};
use crate::metrics::Metrics;
use crate::session::Session;
use crate::state::{now, refuse, Relay};
use crate::store::{SledStore, Store};

/// A relay serving on a socket, stopped with [`RunningRelay::stop`].
#[derive(Debug)]
pub struct RunningRelay {
    /// The bound address (useful when listening on port 0).
    pub local_addr: SocketAddr,
    /// SHA-256 pin of the TLS public key.
    pub tls_pin: [u8; 32],
    /// The store, for inspection in tests and tools.
    pub store: SledStore,
    /// The bound address of the metrics endpoint, if configured.
    pub metrics_addr: Option<SocketAddr>,
    metrics_task: Option<JoinHandle<()>>,
    admin_task: JoinHandle<()>,
    data_dir: std::path::PathBuf,
    relay: Arc<Relay>,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<anyhow::Result<()>>,
    committer: JoinHandle<()>,
}

impl RunningRelay {
    /// Stops accepting, closes connections, flushes the store, and returns once the store is
    /// released (so the same data directory can be opened again).
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        self.finish().await
    }

    /// Waits until the relay stops by itself (it only does on error).
    pub async fn wait(self) -> anyhow::Result<()> {
        self.finish().await
    }

    async fn finish(self) -> anyhow::Result<()> {
        let RunningRelay {
            store,
            relay,
            task,
            committer,
            metrics_task,
            admin_task,
            data_dir,
            ..
        } = self;
        let served = task.await.context("relay task panicked")?;
        if let Some(metrics_task) = metrics_task {
            metrics_task.abort();
        }
        admin_task.abort();
        let _ = admin_task.await;
        let _ = std::fs::remove_file(crate::admin::socket_path(&data_dir));
        // The serve task has joined every connection and stream task; dropping the last
        // reference to the shared state ends the committer, which holds the store.
        drop(relay);
        drop(store);
        committer.await.context("commit task panicked")?;
        served
    }

    /// Number of group-commit flushes so far.
    pub fn flush_count(&self) -> u64 {
        self.relay.committer.flush_count()
    }
}

/// Opens the store, binds the socket and starts serving.
pub async fn start(config: &RelayConfig) -> anyhow::Result<RunningRelay> {
    config
        .check_values()
        .map_err(|e| anyhow::anyhow!("invalid configuration: {e}"))?;
    let custodian = config
        .custodian()
        .map_err(|e| anyhow::anyhow!("invalid custodian_key: {e}"))?;
    let cert = std::fs::read(&config.tls_cert)
        .with_context(|| format!("reading the TLS certificate {}", config.tls_cert.display()))?;
    let key = std::fs::read(&config.tls_key)
        .with_context(|| format!("reading the TLS key {}", config.tls_key.display()))?;
    let tls_pin = poc_keys::tls_pin::spki_pin(&cert).context("reading the TLS certificate")?;
    let server_config = crate::tls::server_config(cert, key, &config.limits)?;

    let store = SledStore::open(&config.data_dir, config.limits.cache_bytes)
        .with_context(|| format!("opening the store in {}", config.data_dir.display()))?;
    let access = match store
        .directory()
        .context("reading the published directory")?
    {
        None => Access::bootstrap(custodian),
        Some(published) => Access::verified(custodian, &published.access_list, None)
            .map(|(access, _)| access)
            .context("the stored access list does not verify under the configured custodian key")?,
    };
    tracing::info!(
        serial = access.serial,
        members = access.len(),
        "access list loaded"
    );
    let shared: Arc<dyn Store> = Arc::new(store.clone());
    let metrics = Arc::new(Metrics::default());
    let (committer, committer_task) = Committer::spawn(shared.clone(), metrics.clone());
    let relay = Arc::new(Relay::new(
        shared,
        committer,
        custodian,
        access,
        config.limits.clone(),
        metrics.clone(),
        config.data_dir.clone(),
    ));
    let metrics_endpoint = match config.metrics_listen {
        Some(addr) => {
            let (bound, task) = crate::metrics::serve(addr, metrics)
                .await
                .with_context(|| format!("binding the metrics endpoint {addr}"))?;
            tracing::info!(%bound, "metrics endpoint listening");
            Some((bound, task))
        }
        None => None,
    };

    let endpoint = quinn::Endpoint::server(server_config, config.listen)
        .with_context(|| format!("binding UDP {}", config.listen))?;
    let local_addr = endpoint.local_addr().context("reading the bound address")?;
    tracing::info!(%local_addr, "relay listening");

    let (tx, rx) = oneshot::channel();
    let task = tokio::spawn(serve(endpoint, relay.clone(), rx));
    let (metrics_addr, metrics_task) = metrics_endpoint.unzip();
    let admin_task = crate::admin::serve(&config.data_dir, store.clone())?;
    Ok(RunningRelay {
        local_addr,
        tls_pin,
        metrics_addr,
        metrics_task,
        admin_task,
        data_dir: config.data_dir.clone(),
        store,
        relay,
        shutdown: Some(tx),
        task,
        committer: committer_task,
    })
}

async fn serve(
    endpoint: quinn::Endpoint,
    relay: Arc<Relay>,
    mut shutdown: oneshot::Receiver<()>,
) -> anyhow::Result<()> {
    let permits = Arc::new(Semaphore::new(relay.limits.max_connections));
    let mut connections = JoinSet::new();
    let sweeper = tokio::spawn(sweep(relay.clone()));
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            incoming = endpoint.accept() => {
                let Some(incoming) = incoming else { break };
                let Ok(permit) = permits.clone().try_acquire_owned() else {
                    tracing::warn!("connection refused: connection limit reached");
                    relay.metrics.reject("connection_limit");
                    incoming.refuse();
                    continue;
                };
                // Held until the connection logs in: clients without a key cannot take more
                // than `max_unauthenticated` of the connection slots.
                let Some(preauth) = relay.admission.unauthenticated_slot() else {
                    tracing::warn!("connection refused: too many connections not logged in");
                    relay.metrics.reject("unauthenticated_limit");
                    incoming.refuse();
                    continue;
                };
                let relay = relay.clone();
                connections.spawn(async move {
                    relay.metrics.connections_total.inc();
                    relay.metrics.connections_open.inc();
                    handle_connection(&relay, incoming, preauth).await;
                    relay.metrics.connections_open.dec();
                    drop(permit);
                });
            }
        }
    }
    tracing::info!("shutting down");
    sweeper.abort();
    endpoint.close(0u32.into(), b"relay shutting down");
    let _ = tokio::time::timeout(Duration::from_secs(3), endpoint.wait_idle()).await;
    connections.shutdown().await;
    let store = relay.store.clone();
    tokio::task::spawn_blocking(move || store.flush())
        .await
        .context("final flush task")?
        .context("final flush")?;
    Ok(())
}

/// Every `purge_interval_secs`, one sweep at a time beside the accept loop: removes expired
/// envelopes, then compacts sparse body segments ([`crate::store::Store::compact`]).
async fn sweep(relay: Arc<Relay>) {
    let mut tick =
        tokio::time::interval(Duration::from_secs(relay.limits.purge_interval_secs.max(1)));
    loop {
        tick.tick().await;
        let store = relay.store.clone();
        let swept =
            tokio::task::spawn_blocking(move || (store.purge_expired(now()), store.compact()))
                .await;
        let (purged, compacted) = match swept {
            Ok(results) => results,
            Err(e) => {
                tracing::error!(error = %e, "expiry sweep task failed");
                continue;
            }
        };
        match purged {
            Ok(0) => {}
            Ok(n) => tracing::info!(purged = n, "expired envelopes removed"),
            Err(e) => tracing::error!(error = %e, "expiry sweep failed"),
        }
        match compacted {
            Ok(0) => {}
            Ok(n) => tracing::info!(moved = n, "sparse envelope segments compacted"),
            Err(e) => tracing::error!(error = %e, "segment compaction failed"),
        }
    }
}

async fn handle_connection(
    relay: &Arc<Relay>,
    incoming: quinn::Incoming,
    preauth: tokio::sync::OwnedSemaphorePermit,
) {
    let timeout = Duration::from_secs(relay.limits.handshake_timeout_secs);
    let connecting = match incoming.accept() {
        Ok(connecting) => connecting,
        Err(e) => {
            tracing::debug!(error = %e, "handshake failed");
            return;
        }
    };
    // Awaiting the full handshake: nothing is ever accepted as 0-RTT data.
    let connection = match tokio::time::timeout(timeout, connecting).await {
        Ok(Ok(connection)) => connection,
        Ok(Err(e)) => {
            tracing::debug!(error = %e, "handshake failed");
            return;
        }
        Err(_) => {
            tracing::debug!("handshake timed out");
            return;
        }
    };
    let alpn_ok = connection
        .handshake_data()
        .and_then(|data| data.downcast::<quinn::crypto::rustls::HandshakeData>().ok())
        .and_then(|data| data.protocol)
        .is_some_and(|protocol| protocol == ALPN);
    if !alpn_ok {
        connection.close(1u32.into(), b"ALPN poc/1 required");
        return;
    }
    let mut exporter = [0u8; poc_keys::auth::EXPORTER_LEN];
    if connection
        .export_keying_material(&mut exporter, poc_keys::auth::EXPORTER_LABEL, b"")
        .is_err()
    {
        connection.close(1u32.into(), b"no TLS exporter");
        return;
    }
    let session = Arc::new(Session::new(exporter, connection.clone(), preauth));
    let mut streams = JoinSet::new();
    // A connection that has not logged in by then is closed: unauthenticated clients cannot
    // hold connection slots.
    let login_deadline = tokio::time::sleep(timeout);
    tokio::pin!(login_deadline);
    let mut login_checked = false;
    loop {
        let (send, recv) = tokio::select! {
            accepted = connection.accept_bi() => match accepted {
                Ok(pair) => pair,
                Err(_) => break,
            },
            Some(_) = streams.join_next(), if !streams.is_empty() => continue,
            _ = &mut login_deadline, if !login_checked => {
                login_checked = true;
                if session.peer().is_none() {
                    tracing::debug!("closing a connection that did not log in");
                    relay.metrics.reject("login_timeout");
                    connection.close(3u32.into(), b"login timeout");
                }
                continue;
            }
        };
        let relay = relay.clone();
        let session = session.clone();
        let connection = connection.clone();
        streams.spawn(async move {
            if handle_stream(&relay, &session, send, recv).await == After::Close {
                connection.close(2u32.into(), b"authentication failed");
            }
        });
    }
    // Streams still answering finish; the connection is gone, so this is quick.
    while streams.join_next().await.is_some() {}
    if let Some(peer) = session.peer() {
        relay.admission.unregister(&peer.key, &connection);
    }
}

/// Budget held for one request: the connection's share and the relay's.
type RequestPermits = (
    tokio::sync::OwnedSemaphorePermit,
    tokio::sync::OwnedSemaphorePermit,
);

/// Reads one request frame: the length prefix first, then, once the body fits in the
/// connection's and the relay's budgets of request bytes, the body. The permits are held
/// until the answer is sent.
async fn read_request(
    relay: &Relay,
    session: &Session,
    recv: &mut quinn::RecvStream,
    limit: usize,
) -> Result<(Vec<u8>, RequestPermits), Option<Response>> {
    let mut prefix = [0u8; PREFIX_BYTES];
    match recv.read_exact(&mut prefix).await {
        Ok(()) => {}
        Err(quinn::ReadExactError::FinishedEarly(n)) => {
            return Err(Some(refuse(
                ErrorCode::Malformed,
                FrameError::Truncated(n).to_string(),
            )))
        }
        Err(quinn::ReadExactError::ReadError(_)) => return Err(None),
    }
    let len = u32::from_be_bytes(prefix) as usize;
    if len > limit {
        return Err(Some(refuse(
            ErrorCode::TooLarge,
            FrameError::TooLarge { len, limit }.to_string(),
        )));
    }
    // The connection's own budget first (one largest frame): one key's connections cannot
    // take the whole relay budget between them.
    let Ok(own) = session
        .request_bytes
        .clone()
        .acquire_many_owned(u32::try_from(len.max(1)).unwrap_or(u32::MAX))
        .await
    else {
        return Err(Some(refuse(ErrorCode::Unavailable, "connection closing")));
    };
    let Some(shared) = relay.admission.request_bytes(len).await else {
        return Err(Some(refuse(ErrorCode::Unavailable, "relay shutting down")));
    };
    let permit = (own, shared);
    // One byte more than announced tells a longer stream apart from an exact one.
    match recv.read_to_end(len + 1).await {
        Ok(body) if body.len() == len => Ok((body, permit)),
        Ok(body) => Err(Some(refuse(
            ErrorCode::Malformed,
            FrameError::LengthMismatch {
                announced: len,
                actual: body.len(),
            }
            .to_string(),
        ))),
        Err(quinn::ReadToEndError::TooLong) => Err(Some(refuse(
            ErrorCode::Malformed,
            format!("frame length mismatch: more than the {len} bytes announced"),
        ))),
        Err(quinn::ReadToEndError::Read(_)) => Err(None),
    }
}

async fn handle_stream(
    relay: &Arc<Relay>,
    session: &Session,
    mut send: quinn::SendStream,
    mut recv: quinn::RecvStream,
) -> After {
    let limit = if session.peer().is_some() {
        MAX_FRAME_BYTES
    } else {
        MAX_PREAUTH_FRAME_BYTES
    };
    // A request must arrive within the idle timeout: a stream that announces a large frame
    // and then stalls gives its share of the request budget back.
    let deadline = Duration::from_secs(relay.limits.idle_timeout_secs.max(1));
    let read = match tokio::time::timeout(deadline, read_request(relay, session, &mut recv, limit))
        .await
    {
        Ok(read) => read,
        Err(_) => {
            relay.metrics.reject("request_timeout");
            let _ = recv.stop(0u32.into());
            send.reset(0u32.into()).ok();
            return After::Continue;
        }
    };
    let (response, after, _permits) = match read {
        Ok((body, permits)) => {
            let (response, after, turn) = match decode::<Request>(&body) {
                Ok(request) => {
                    // Answers that may be as large as a frame (Fetch, GetDirectory): one at a
                    // time per connection, so a client that never reads them cannot make the
                    // relay hold more than one per connection.
                    let turn = match request {
                        Request::Fetch { .. } | Request::GetDirectory { .. } => {
                            session.large_answer.clone().acquire_owned().await.ok()
                        }
                        _ => None,
                    };
                    let (response, after) = handlers::dispatch(relay, session, request).await;
                    (response, after, turn)
                }
                Err(e) => (
                    refuse(ErrorCode::Malformed, e.to_string()),
                    After::Continue,
                    None,
                ),
            };
            (response, after, Some((permits, turn)))
        }
        Err(Some(refusal)) => (refusal, After::Continue, None),
        Err(None) => return After::Continue,
    };
    if let Response::Error(e) = &response {
        relay.metrics.reject_code(e.code);
    }
    let bytes = match encode(&response) {
        Ok(body) => frame(&body),
        Err(_) => match encode(&refuse(ErrorCode::Unavailable, "response too large")) {
            Ok(body) => frame(&body),
            Err(_) => return after,
        },
    };
    // An answer the client does not read within the idle timeout is dropped.
    let written = tokio::time::timeout(deadline, send.write_all(&bytes)).await;
    if !matches!(written, Ok(Ok(()))) {
        send.reset(0u32.into()).ok();
        return after;
    }
    let _ = send.finish();
    // Let the response reach the peer before a Close tears the connection down.
    if after == After::Close {
        let _ = tokio::time::timeout(Duration::from_secs(1), send.stopped()).await;
    }
    after
}

//! The QUIC server: accept loop, connection cap, handshake timeout, per-stream requests,
//! expiry sweeps and clean shutdown.

use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use anyhow::Context;
use poc_proto::framing::PREFIX_BYTES;
use poc_proto::limits::{MAX_FRAME_BYTES, MAX_PREAUTH_FRAME_BYTES};
use poc_proto::request::ALPN;
use poc_proto::{decode, encode, frame, unframe, ErrorCode, Request};
use tokio::sync::{oneshot, Semaphore};
use tokio::task::{JoinHandle, JoinSet};

use crate::access::Access;
use crate::commit::Committer;
use crate::config::RelayConfig;
use crate::handlers::{self, After};
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
            ..
        } = self;
        let served = task.await.context("relay task panicked")?;
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
    let (committer, committer_task) = Committer::spawn(shared.clone());
    let relay = Arc::new(Relay {
        committer,
        store: shared,
        custodian,
        access: RwLock::new(access),
        limits: config.limits.clone(),
        publish_lock: tokio::sync::Mutex::new(()),
        subscribers: std::sync::Mutex::default(),
    });

    let endpoint = quinn::Endpoint::server(server_config, config.listen)
        .with_context(|| format!("binding UDP {}", config.listen))?;
    let local_addr = endpoint.local_addr().context("reading the bound address")?;
    tracing::info!(%local_addr, "relay listening");

    let (tx, rx) = oneshot::channel();
    let task = tokio::spawn(serve(endpoint, relay.clone(), rx));
    Ok(RunningRelay {
        local_addr,
        tls_pin,
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
    let mut sweep =
        tokio::time::interval(Duration::from_secs(relay.limits.purge_interval_secs.max(1)));
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            _ = sweep.tick() => {
                let store = relay.store.clone();
                match tokio::task::spawn_blocking(move || store.purge_expired(now())).await {
                    Ok(Ok(0)) => {}
                    Ok(Ok(n)) => tracing::info!(purged = n, "expired envelopes removed"),
                    Ok(Err(e)) => tracing::error!(error = %e, "expiry sweep failed"),
                    Err(e) => tracing::error!(error = %e, "expiry sweep task failed"),
                }
            }
            incoming = endpoint.accept() => {
                let Some(incoming) = incoming else { break };
                match permits.clone().try_acquire_owned() {
                    Ok(permit) => {
                        let relay = relay.clone();
                        connections.spawn(async move {
                            handle_connection(relay, incoming).await;
                            drop(permit);
                        });
                    }
                    Err(_) => {
                        tracing::warn!("connection refused: connection limit reached");
                        incoming.refuse();
                    }
                }
            }
        }
    }
    tracing::info!("shutting down");
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

async fn handle_connection(relay: Arc<Relay>, incoming: quinn::Incoming) {
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
    let session = Arc::new(Session::new(exporter, connection.clone()));
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
    let (response, after) = match recv.read_to_end(PREFIX_BYTES + limit).await {
        Ok(bytes) => match unframe(&bytes, limit) {
            Ok(body) => match decode::<Request>(body) {
                Ok(request) => handlers::dispatch(relay, session, request).await,
                Err(e) => (refuse(ErrorCode::Malformed, e.to_string()), After::Continue),
            },
            Err(e) => (refuse(ErrorCode::Malformed, e.to_string()), After::Continue),
        },
        Err(quinn::ReadToEndError::TooLong) => (
            refuse(ErrorCode::TooLarge, format!("frame above {limit} bytes")),
            After::Continue,
        ),
        Err(_) => return After::Continue,
    };
    let bytes = match encode(&response) {
        Ok(body) => frame(&body),
        Err(_) => match encode(&refuse(ErrorCode::Unavailable, "response too large")) {
            Ok(body) => frame(&body),
            Err(_) => return after,
        },
    };
    if send.write_all(&bytes).await.is_ok() {
        let _ = send.finish();
        // Let the response reach the peer before a Close tears the connection down.
        if after == After::Close {
            let _ = tokio::time::timeout(Duration::from_secs(1), send.stopped()).await;
        }
    }
    after
}

//! The QUIC server: accept loop (address validation by QUIC Retry, connection caps,
//! handshake timeout), the streams of each connection (each handled by [`crate::stream`]),
//! expiry sweeps, the supervision of these tasks, and clean shutdown.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use poc_proto::request::ALPN;
use tokio::sync::{mpsc, watch, Semaphore};
use tokio::task::{JoinHandle, JoinSet};

use crate::access::Access;
use crate::admission::{NoSlot, Source, UnauthenticatedSlot};
use crate::clock::Clock;
use crate::commit::Committer;
use crate::config::RelayConfig;
use crate::handlers::After;
use crate::metrics::Metrics;
use crate::refusals::{Refusal, Refusals, SUMMARY_INTERVAL};
use crate::session::Session;
use crate::state::Relay;
use crate::store::{SledStore, Store};
use crate::stream::handle_stream;
use crate::supervisor::{Supervisor, TaskEnded};

/// A relay serving on a socket, stopped with [`RunningRelay::stop`].
///
/// Its long-running tasks (accept loop, commit task, expiry sweep, metrics endpoint, admin
/// socket, and any given to [`RunningRelay::supervise`]) are supervised: when one of them
/// ends by itself, the relay stops accepting, lets open requests finish, stops the other
/// tasks, flushes the store, and reports the task that ended ([`RunningRelay::stopped`]).
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
    relay: Arc<Relay>,
    control: mpsc::UnboundedSender<Control>,
    supervisor: Option<JoinHandle<anyhow::Result<()>>>,
}

/// Requests to the supervising task.
enum Control {
    Stop,
    Run(String, BoxedTask),
}

type BoxedTask = std::pin::Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send>>;

/// Names of the relay's own tasks, as they appear in the log and in [`TaskEnded`].
const ACCEPT_TASK: &str = "accept loop";
const COMMIT_TASK: &str = "commit";
const SWEEP_TASK: &str = "expiry sweep";
const METRICS_TASK: &str = "metrics endpoint";
const ADMIN_TASK: &str = "admin socket";

impl RunningRelay {
    /// Stops accepting, closes connections, flushes the store, and returns once the store is
    /// released (so the same data directory can be opened again). An error if the flush
    /// failed, or if a task of the relay had ended by itself before the stop.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        let _ = self.control.send(Control::Stop);
        let result = match self.supervisor.take() {
            Some(supervisor) => supervisor
                .await
                .context("the relay's supervisor panicked")?,
            None => Ok(()),
        };
        let RunningRelay { store, relay, .. } = self;
        drop(relay);
        drop(store);
        result
    }

    /// Resolves once the relay stopped by itself, which it does only when one of its tasks
    /// ended (the error names it, usually a [`TaskEnded`]); by then the store is flushed.
    /// Resolves at once with an error if it was already reported.
    pub async fn stopped(&mut self) -> anyhow::Error {
        let Some(supervisor) = self.supervisor.as_mut() else {
            return anyhow::anyhow!("the relay already stopped");
        };
        let ended = supervisor.await;
        self.supervisor = None;
        match ended {
            Ok(Ok(())) => anyhow::anyhow!("the relay stopped"),
            Ok(Err(e)) => e,
            Err(e) => anyhow::anyhow!("the relay's supervisor panicked: {e}"),
        }
    }

    /// Runs `task` beside the relay's own tasks, under the same supervision: if it ends
    /// (returns or panics) while the relay serves, the relay shuts down as if one of its own
    /// tasks had died, and reports `name`.
    pub fn supervise(
        &self,
        name: impl Into<String>,
        task: impl Future<Output = anyhow::Result<()>> + Send + 'static,
    ) {
        let _ = self.control.send(Control::Run(name.into(), Box::pin(task)));
    }

    /// Number of group-commit flushes so far.
    pub fn flush_count(&self) -> u64 {
        self.relay.committer.flush_count()
    }
}

/// Opens the store, binds the socket and starts serving, by the system clock.
pub async fn start(config: &RelayConfig) -> anyhow::Result<RunningRelay> {
    start_with_clock(config, Clock::system()).await
}

/// [`start`], with every expiry, lifetime and deadline of the relay measured by `clock`.
pub async fn start_with_clock(config: &RelayConfig, clock: Clock) -> anyhow::Result<RunningRelay> {
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
    let (committer, commit_task) = Committer::new(shared.clone(), metrics.clone(), clock.clone());
    let relay = Arc::new(Relay::new(
        shared,
        committer,
        custodian,
        access,
        config.limits.clone(),
        metrics.clone(),
        config.data_dir.clone(),
        clock,
    ));
    let mut tasks = Supervisor::default();
    tasks.spawn(COMMIT_TASK, async move {
        commit_task.await;
        Ok(())
    });
    let metrics_addr = match config.metrics_listen {
        Some(addr) => {
            let (bound, task) = crate::metrics::serve(addr, metrics)
                .await
                .with_context(|| format!("binding the metrics endpoint {addr}"))?;
            tracing::info!(%bound, "metrics endpoint listening");
            tasks.spawn(METRICS_TASK, task);
            Some(bound)
        }
        None => None,
    };

    let endpoint = quinn::Endpoint::server(server_config, config.listen)
        .with_context(|| format!("binding UDP {}", config.listen))?;
    let local_addr = endpoint.local_addr().context("reading the bound address")?;
    tracing::info!(%local_addr, "relay listening");

    let (stopping, stop_rx) = watch::channel(false);
    tasks.spawn(ACCEPT_TASK, serve(endpoint, relay.clone(), stop_rx));
    tasks.spawn(SWEEP_TASK, sweep(relay.clone()));
    tasks.spawn(
        ADMIN_TASK,
        crate::admin::serve(&config.data_dir, store.clone())?,
    );
    let (control, control_rx) = mpsc::unbounded_channel();
    let supervisor = tokio::spawn(supervise(
        tasks,
        control_rx,
        stopping,
        relay.clone(),
        config.data_dir.clone(),
    ));
    Ok(RunningRelay {
        local_addr,
        tls_pin,
        metrics_addr,
        store,
        relay,
        control,
        supervisor: Some(supervisor),
    })
}

/// Runs until a stop is asked or a task ends, then shuts the relay down: the accept loop
/// stops and lets open requests finish, the other tasks are cancelled, the store is flushed.
async fn supervise(
    mut tasks: Supervisor,
    mut control: mpsc::UnboundedReceiver<Control>,
    stopping: watch::Sender<bool>,
    relay: Arc<Relay>,
    data_dir: PathBuf,
) -> anyhow::Result<()> {
    let mut ended = loop {
        tokio::select! {
            request = control.recv() => match request {
                Some(Control::Run(name, task)) => tasks.spawn(name, task),
                // A stop, or the handle was dropped.
                Some(Control::Stop) | None => break None,
            },
            Some((task, outcome)) = tasks.next_ended() => {
                break Some(outcome.err().unwrap_or(TaskEnded {
                    task,
                    how: "ended unexpectedly".to_owned(),
                }));
            }
        }
    };
    if let Some(died) = &ended {
        tracing::error!(task = %died.task, "{died}; stopping the relay");
    }
    // The accept loop drains the open connections while the commit task still answers them.
    let _ = stopping.send(true);
    let mut accepting = ended.as_ref().is_none_or(|died| died.task != ACCEPT_TASK);
    while accepting {
        let Some((task, outcome)) = tasks.next_ended().await else {
            break;
        };
        accepting = task != ACCEPT_TASK;
        if let (Err(died), None) = (outcome, &ended) {
            if task != ACCEPT_TASK {
                tracing::error!(task = %died.task, "{died}; stopping the relay");
            }
            ended = Some(died);
        }
    }
    tasks.shutdown().await;
    let store = relay.store.clone();
    let flushed = tokio::task::spawn_blocking(move || store.flush())
        .await
        .context("final flush task")
        .and_then(|flushed| flushed.context("final flush"));
    let _ = std::fs::remove_file(crate::admin::socket_path(&data_dir));
    drop(relay);
    match (ended, flushed) {
        (Some(died), Ok(())) => Err(died.into()),
        (Some(died), Err(e)) => Err(anyhow::Error::from(died).context(format!("{e:#}"))),
        (None, flushed) => flushed,
    }
}

/// Accepts connections until `stopping` turns true (or is dropped), then closes the endpoint
/// and waits for the connections to end.
///
/// A client's first Initial is answered with a QUIC Retry (RFC 9000 §8.1), which holds
/// nothing at the relay; only a client that echoes the Retry token from its own address is
/// considered, and only then does it take a connection slot and a slot of its source
/// address. Refusals are counted and summarised in one log line per interval.
async fn serve(
    endpoint: quinn::Endpoint,
    relay: Arc<Relay>,
    mut stopping: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let permits = Arc::new(Semaphore::new(relay.limits.max_connections));
    let mut connections = JoinSet::new();
    let mut ended_by_itself = false;
    let mut refusals = Refusals::default();
    let summary = relay.clock.sleep(SUMMARY_INTERVAL);
    tokio::pin!(summary);
    loop {
        tokio::select! {
            _ = stopping.wait_for(|stop| *stop) => break,
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            _ = &mut summary => {
                refusals.log_summary();
                relay.admission.forget_quiet_sources();
                summary.set(relay.clock.sleep(SUMMARY_INTERVAL));
            }
            incoming = endpoint.accept() => {
                let Some(incoming) = incoming else {
                    ended_by_itself = true;
                    break;
                };
                // An address not validated yet gets a Retry and nothing else: no state, no
                // slot, no log line. `retry` fails only for an already validated address.
                if !incoming.remote_address_validated() {
                    match incoming.retry() {
                        Ok(()) => {
                            relay.metrics.retries_total.inc();
                        }
                        Err(e) => e.into_incoming().ignore(),
                    }
                    continue;
                }
                let Ok(permit) = permits.clone().try_acquire_owned() else {
                    refusals.record(Refusal::Connections, &relay.metrics);
                    incoming.refuse();
                    continue;
                };
                // Held until the connection logs in: clients without a key cannot take more
                // than `max_unauthenticated` of the connection slots, nor one address more
                // than `max_unauthenticated_per_address`.
                let source = Source::of(incoming.remote_address());
                let preauth = match relay.admission.unauthenticated_slot(source) {
                    Ok(slot) => slot,
                    Err(no_slot) => {
                        refusals.record(
                            match no_slot {
                                NoSlot::Relay => Refusal::Unauthenticated,
                                NoSlot::Address => Refusal::Address,
                            },
                            &relay.metrics,
                        );
                        incoming.refuse();
                        continue;
                    }
                };
                // A new connection takes a token from its address's bucket for requests
                // before login: an address cannot make the relay run TLS handshakes faster
                // than it may send requests. Refused before any handshake work.
                if relay.admission.check_source_rate(&source).is_err() {
                    refusals.record(Refusal::AddressRate, &relay.metrics);
                    drop(preauth);
                    incoming.refuse();
                    continue;
                }
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
    refusals.log_summary();
    tracing::info!("shutting down");
    endpoint.close(0u32.into(), b"relay shutting down");
    let _ = tokio::time::timeout(Duration::from_secs(3), endpoint.wait_idle()).await;
    connections.shutdown().await;
    if ended_by_itself {
        anyhow::bail!("the QUIC endpoint stopped accepting connections");
    }
    Ok(())
}

/// Every `purge_interval_secs` of the relay's clock, one sweep at a time beside the accept
/// loop: removes expired envelopes, then compacts sparse body segments
/// ([`crate::store::Store::compact`]). Runs until cancelled.
async fn sweep(relay: Arc<Relay>) -> anyhow::Result<()> {
    let interval = Duration::from_secs(relay.limits.purge_interval_secs.max(1));
    loop {
        let started = relay.clock.monotonic();
        let store = relay.store.clone();
        let now = relay.clock.unix_secs();
        let swept =
            tokio::task::spawn_blocking(move || (store.purge_expired(now), store.compact())).await;
        match swept {
            Ok((purged, compacted)) => {
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
            Err(e) => tracing::error!(error = %e, "expiry sweep task failed"),
        }
        // Compaction syncs the body segments too: a failure stops writes without a submit.
        relay
            .metrics
            .writes_stopped
            .set(i64::from(relay.store.writes_stopped()));
        // Sweeps start an interval apart, however long each took.
        let spent = relay.clock.monotonic().saturating_sub(started);
        relay.clock.sleep(interval.saturating_sub(spent)).await;
    }
}

async fn handle_connection(
    relay: &Arc<Relay>,
    incoming: quinn::Incoming,
    preauth: UnauthenticatedSlot,
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
    let connection = match relay.clock.timeout(timeout, connecting).await {
        Some(Ok(connection)) => connection,
        Some(Err(e)) => {
            tracing::debug!(error = %e, "handshake failed");
            return;
        }
        None => {
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
    let login_deadline = relay.clock.sleep(timeout);
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

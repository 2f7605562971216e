//! Connection to a relay: QUIC with a pinned TLS key, login, one method per request, and
//! retries: a client that loses its connection (relay restarted, network gone) reconnects and
//! sends the request again after a pause, and so does one the relay asks to slow down. The
//! schedule, what is retried and the deadline every wait ends by are in [`retry`]; a
//! connection slow to come is announced once ([`retry::Announcer`]).

mod pin;
pub mod relays;
pub mod retry;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use poc_keys::PocKey;
use poc_proto::framing::PREFIX_BYTES;
use poc_proto::limits::{MAX_FETCH_LIMIT, MAX_FRAME_BYTES, MAX_SUBMIT_BATCH};
use poc_proto::request::{ALPN, PROTOCOL_VERSION};
use poc_proto::{
    decode, encode, frame, unframe, Envelope, EnvelopeId, FetchCursor, MailboxId, Notify,
    PublishedDirectory, RelayError, Request, Response,
};

pub use pin::PinnedKeyVerifier;
pub use retry::{Announcer, Replay, RetryNotice, RetryPolicy, Verdict, ANNOUNCE_AFTER};

use crate::home::RelayAddress;
use retry::{classify, until, Retrier};
use tokio::time::Instant;

/// How long to wait for the relay to answer a connection attempt.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long to wait for the answer to one request.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// Interval of QUIC keep-alives.
pub const KEEP_ALIVE: Duration = Duration::from_secs(10);

/// Why talking to the relay failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum TransportError {
    /// The relay address is not usable.
    #[error("cannot resolve the relay address {0}")]
    Resolve(String),
    /// No connection could be established; it may work later (the relay is down or
    /// restarting, the network is unreachable, the relay is at its connection limit).
    #[error("cannot connect to the relay at {address}: {reason}")]
    Connect {
        /// Relay address.
        address: String,
        /// Why.
        reason: String,
    },
    /// The connection was refused in a way no retry changes: the relay's TLS key does not
    /// match the pin, the relay does not speak this protocol.
    #[error("cannot connect to the relay at {address}: {reason}")]
    Handshake {
        /// Relay address.
        address: String,
        /// Why (includes a pin mismatch).
        reason: String,
    },
    /// The connection broke during a request.
    #[error("the connection to the relay was lost: {0}")]
    Lost(String),
    /// The relay did not answer in time.
    #[error("the relay did not answer within {0:?}")]
    Timeout(Duration),
    /// The relay answered with an error.
    #[error("the relay refused: {0}")]
    Refused(RelayError),
    /// The relay answered something this client does not understand.
    #[error("unexpected answer from the relay: {0}")]
    Protocol(String),
    /// Fewer relays than the directory's `k` stored a submitted batch: what was stored
    /// where, and why the others did not store it. The batch may be at the relays named in
    /// `stored`; submitting it again is safe (a relay keeps one copy per envelope id).
    #[error("{}", too_few_relays(*.k, stored, failed))]
    TooFewRelays {
        /// How many relays had to store it.
        k: usize,
        /// The relays that stored it.
        stored: Vec<String>,
        /// The relays that did not, each with its failure in a few words.
        failed: Vec<(String, String)>,
    },
    /// Retries did not help: the last failure, and how long the client kept trying.
    #[error("{last}; gave up after {attempts} attempts in {:.1} s", elapsed.as_secs_f64())]
    GaveUp {
        /// Attempts made, the first one included.
        attempts: u32,
        /// Time from the start of the operation to giving up.
        elapsed: Duration,
        /// The last failure.
        last: Box<TransportError>,
    },
}

/// The sentence of [`TransportError::TooFewRelays`].
fn too_few_relays(k: usize, stored: &[String], failed: &[(String, String)]) -> String {
    let stored_at = if stored.is_empty() {
        "no relay stored it".to_owned()
    } else {
        format!("stored only at {}", stored.join(", "))
    };
    let failures: Vec<String> = failed
        .iter()
        .map(|(a, why)| format!("{a}: {why}"))
        .collect();
    format!(
        "{stored_at}, and {k} relays must store it; not stored at {}. Run the command again when \
         more relays are reachable (`poc sent` lists what is unfinished)",
        if failures.is_empty() {
            "the others (no answer in time)".to_owned()
        } else {
            failures.join("; ")
        }
    )
}

impl TransportError {
    /// The failure itself, without the retry summary of [`TransportError::GaveUp`].
    pub fn last(&self) -> &TransportError {
        match self {
            TransportError::GaveUp { last, .. } => last.last(),
            other => other,
        }
    }
}

/// The key a client logs in with: the caller's, or a copy the client owns (a connection that
/// outlives the caller's borrow, one of a [`relays::Relays`] set).
#[derive(Debug)]
enum LoginKey<'k> {
    Borrowed(&'k PocKey),
    Owned(Box<PocKey>),
}

impl LoginKey<'_> {
    fn get(&self) -> &PocKey {
        match self {
            LoginKey::Borrowed(key) => key,
            LoginKey::Owned(key) => key,
        }
    }
}

/// Connection settings of a client.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// When to retry and for how long.
    pub retry: RetryPolicy,
    /// Longest wait for one connection attempt (QUIC handshake).
    pub connect_timeout: Duration,
    /// Longest wait for the answer to one request.
    pub request_timeout: Duration,
    /// Interval of QUIC keep-alives.
    pub keep_alive: Duration,
    /// Silence after which the connection counts as lost (a relay killed without closing
    /// its connections is noticed this way). `None`: quinn's default of 30 s. The relay's
    /// `idle_timeout_secs` applies too; the shorter one wins.
    pub idle_timeout: Option<Duration>,
}

impl Default for ClientOptions {
    /// The default retry policy (silent), 10 s to connect, 60 s per request, keep-alives
    /// every 10 s.
    fn default() -> Self {
        ClientOptions {
            retry: RetryPolicy::default(),
            connect_timeout: CONNECT_TIMEOUT,
            request_timeout: REQUEST_TIMEOUT,
            keep_alive: KEEP_ALIVE,
            idle_timeout: None,
        }
    }
}

/// The connection in use, numbered so that concurrent requests reconnect only once.
#[derive(Debug)]
struct Link {
    generation: u64,
    connection: Option<quinn::Connection>,
}

/// Where a failed attempt stopped.
enum Failed {
    /// Before the request was sent: connecting or logging in again.
    Connecting(TransportError),
    /// While sending the request or waiting for its answer.
    Requesting(TransportError),
}

/// An authenticated connection to a relay. Requests that fail because the connection broke
/// reconnect (logging in again with the same key) and are retried under the client's
/// [`RetryPolicy`].
#[derive(Debug)]
pub struct RelayClient<'k> {
    endpoint: quinn::Endpoint,
    address: SocketAddr,
    /// The relay address as configured, for messages.
    name: String,
    /// The key to log in with (none: a connection that does not log in, see [`Self::open`]).
    key: Option<LoginKey<'k>>,
    options: ClientOptions,
    link: Mutex<Link>,
    /// Held while reconnecting.
    reconnecting: tokio::sync::Mutex<()>,
    /// Whether to subscribe again after reconnecting.
    subscribed: AtomicBool,
    /// This client's mailbox.
    pub mailbox: MailboxId,
    /// Whether the relay recognised the custodian key.
    pub custodian: bool,
}

fn client_config(
    pin: [u8; 32],
    options: &ClientOptions,
) -> Result<quinn::ClientConfig, TransportError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let setup = |e: &dyn std::fmt::Display| TransportError::Protocol(format!("TLS setup: {e}"));
    let mut tls = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(&[&rustls::version::TLS13])
        .map_err(|e| setup(&e))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(PinnedKeyVerifier::new(pin, provider)))
        .with_no_client_auth();
    tls.alpn_protocols = vec![ALPN.to_vec()];
    tls.enable_early_data = false;
    let crypto = quinn::crypto::rustls::QuicClientConfig::try_from(tls).map_err(|e| setup(&e))?;
    let mut config = quinn::ClientConfig::new(Arc::new(crypto));
    let mut transport = quinn::TransportConfig::default();
    transport.keep_alive_interval(Some(options.keep_alive));
    if let Some(idle) = options.idle_timeout {
        let idle = quinn::IdleTimeout::try_from(idle).map_err(|e| setup(&e))?;
        transport.max_idle_timeout(Some(idle));
    }
    config.transport_config(Arc::new(transport));
    Ok(config)
}

/// Whether a failed QUIC handshake may succeed later.
fn handshake_is_transient(error: &quinn::ConnectionError) -> bool {
    use quinn::ConnectionError as E;
    match error {
        E::TimedOut | E::Reset | E::CidsExhausted => true,
        // Refused at the connection limit: later there may be room.
        E::ConnectionClosed(close) => {
            close.error_code == quinn::TransportErrorCode::CONNECTION_REFUSED
        }
        // 0: the relay is shutting down (a restart); 3: no login in time.
        E::ApplicationClosed(close) => {
            close.error_code == 0u32.into() || close.error_code == 3u32.into()
        }
        // A local TLS failure (the pin does not match), no common protocol version.
        E::VersionMismatch | E::TransportError(_) | E::LocallyClosed => false,
    }
}

/// Sends one request on its own stream of `connection` and reads the answer. Relay refusals
/// become [`TransportError::Refused`].
async fn call_on(
    connection: &quinn::Connection,
    request: &Request,
    timeout: Duration,
) -> Result<Response, TransportError> {
    let body = encode(request).map_err(|e| TransportError::Protocol(e.to_string()))?;
    let exchange = async {
        let (mut send, mut recv) = connection
            .open_bi()
            .await
            .map_err(|e| TransportError::Lost(e.to_string()))?;
        send.write_all(&frame(&body))
            .await
            .map_err(|e| TransportError::Lost(e.to_string()))?;
        let _ = send.finish();
        recv.read_to_end(PREFIX_BYTES + MAX_FRAME_BYTES)
            .await
            .map_err(|e| TransportError::Lost(e.to_string()))
    };
    let bytes = tokio::time::timeout(timeout, exchange)
        .await
        .map_err(|_| TransportError::Timeout(timeout))??;
    let body =
        unframe(&bytes, MAX_FRAME_BYTES).map_err(|e| TransportError::Protocol(e.to_string()))?;
    match decode::<Response>(body).map_err(|e| TransportError::Protocol(e.to_string()))? {
        Response::Error(e) => Err(refused(e)),
        response => Ok(response),
    }
}

/// A relay's refusal, its detail kept on one line with every control shown escaped: the
/// relay's words reach the user's screen and error documents, and a hostile relay must not
/// start lines of its own there ("error: your key was revoked, run ...").
fn refused(mut e: RelayError) -> TransportError {
    e.detail = crate::terminal::neutralise_line(&e.detail).into_owned();
    TransportError::Refused(e)
}

/// Logs in on `connection`; returns the mailbox and whether the key is the custodian's.
async fn login(
    connection: &quinn::Connection,
    key: &PocKey,
    timeout: Duration,
) -> Result<(MailboxId, bool), TransportError> {
    let hello = Request::Hello {
        version: PROTOCOL_VERSION,
    };
    let nonce = match call_on(connection, &hello, timeout).await? {
        Response::Challenge { nonce, .. } => nonce,
        other => return Err(unexpected(&other)),
    };
    let mut exporter = [0u8; poc_keys::auth::EXPORTER_LEN];
    connection
        .export_keying_material(&mut exporter, poc_keys::auth::EXPORTER_LABEL, b"")
        .map_err(|_| TransportError::Protocol("no TLS exporter".into()))?;
    let signature = poc_keys::auth::prove(key, &nonce, &exporter);
    let auth = Request::Auth {
        signing_key: key.signing_public(),
        signature,
    };
    match call_on(connection, &auth, timeout).await? {
        Response::Authenticated { mailbox, custodian } => Ok((mailbox, custodian)),
        other => Err(unexpected(&other)),
    }
}

impl<'k> RelayClient<'k> {
    /// Connects, checks the relay's pinned key, and logs in with `key`, with the default
    /// options ([`ClientOptions::default`]).
    pub async fn connect(relay: &RelayAddress, key: &'k PocKey) -> Result<Self, TransportError> {
        Self::connect_with(relay, key, ClientOptions::default()).await
    }

    /// Connects and logs in with `key`; connection attempts are retried under
    /// `options.retry`, and so are later requests. Every wait ends by the policy's deadline
    /// ([`retry`]); a connection not made within [`ANNOUNCE_AFTER`], or about to be retried,
    /// is announced once to the policy's [`Announcer`].
    pub async fn connect_with(
        relay: &RelayAddress,
        key: &'k PocKey,
        options: ClientOptions,
    ) -> Result<Self, TransportError> {
        Self::connect_key(relay, LoginKey::Borrowed(key), options).await
    }

    /// [`Self::connect_with`] for either kind of key.
    async fn connect_key(
        relay: &RelayAddress,
        key: LoginKey<'k>,
        options: ClientOptions,
    ) -> Result<Self, TransportError> {
        let announced = Arc::new(AtomicBool::new(false));
        let announce: Arc<dyn Fn() + Send + Sync> = {
            let announcer = options.retry.announcer.clone();
            let name = relay.address.clone();
            let announced = announced.clone();
            Arc::new(move || {
                if !announced.swap(true, Ordering::SeqCst) {
                    if let Some(announcer) = &announcer {
                        announcer(&name);
                    }
                }
            })
        };
        // The first retry notice comes after the announcement.
        let mut policy = options.retry.clone();
        let reporter = policy.reporter.take();
        let before_retry = announce.clone();
        policy.reporter = Some(Arc::new(move |notice| {
            before_retry();
            if let Some(report) = &reporter {
                report(notice);
            }
        }));
        let mut retrier = Retrier::new(&policy);
        let work = async {
            let deadline = retrier.deadline();
            let mailbox = key.get().mailbox();
            let mut client = Self::prepare(relay, Some(key), mailbox, options, deadline).await?;
            loop {
                match client.establish(retrier.deadline()).await {
                    Ok((connection, mailbox, custodian)) => {
                        client.mailbox = mailbox;
                        client.custodian = custodian;
                        client.lock_link().connection = Some(connection);
                        return Ok(client);
                    }
                    Err(e) => {
                        let verdict = classify(&e, Replay::Safe);
                        retrier.pause_or_give_up(e, verdict).await?;
                    }
                }
            }
        };
        tokio::pin!(work);
        tokio::select! {
            biased;
            result = &mut work => return result,
            () = tokio::time::sleep(ANNOUNCE_AFTER) => announce(),
        }
        work.await
    }

    /// Opens the QUIC connection (relay key checked against the pin) without logging in, and
    /// without retries. Every request but Hello and Auth is refused on such a connection;
    /// [`Self::connect`] is what clients use.
    pub async fn open(relay: &RelayAddress, mailbox: MailboxId) -> Result<Self, TransportError> {
        let options = ClientOptions {
            retry: RetryPolicy::none(),
            ..ClientOptions::default()
        };
        let client = Self::prepare(relay, None, mailbox, options, None).await?;
        let (connection, _, _) = client.establish(None).await?;
        client.lock_link().connection = Some(connection);
        Ok(client)
    }

    /// Resolves the address (by `deadline`) and creates the endpoint; connects nothing yet.
    async fn prepare(
        relay: &RelayAddress,
        key: Option<LoginKey<'k>>,
        mailbox: MailboxId,
        options: ClientOptions,
        deadline: Option<Instant>,
    ) -> Result<Self, TransportError> {
        let pin = relay
            .pin()
            .map_err(|e| TransportError::Resolve(format!("{}: {e:#}", relay.address)))?;
        let lookup = tokio::net::lookup_host(&relay.address);
        let address: SocketAddr =
            tokio::time::timeout(until(options.connect_timeout, deadline), lookup)
                .await
                .map_err(|_| TransportError::Resolve(relay.address.clone()))?
                .map_err(|_| TransportError::Resolve(relay.address.clone()))?
                .next()
                .ok_or_else(|| TransportError::Resolve(relay.address.clone()))?;
        let bind: SocketAddr = if address.is_ipv4() {
            ([0, 0, 0, 0], 0).into()
        } else {
            ([0u16; 8], 0).into()
        };
        let mut endpoint =
            quinn::Endpoint::client(bind).map_err(|e| TransportError::Handshake {
                address: relay.address.clone(),
                reason: format!("cannot open a UDP socket: {e}"),
            })?;
        endpoint.set_default_client_config(client_config(pin, &options)?);
        Ok(RelayClient {
            endpoint,
            address,
            name: relay.address.clone(),
            key,
            options,
            link: Mutex::new(Link {
                generation: 0,
                connection: None,
            }),
            reconnecting: tokio::sync::Mutex::new(()),
            subscribed: AtomicBool::new(false),
            mailbox,
            custodian: false,
        })
    }

    /// One connection attempt: QUIC handshake, login (if there is a key), and the
    /// subscription if this client had one, each wait ending by `deadline`.
    async fn establish(
        &self,
        deadline: Option<Instant>,
    ) -> Result<(quinn::Connection, MailboxId, bool), TransportError> {
        let transient = |reason: String| TransportError::Connect {
            address: self.name.clone(),
            reason,
        };
        let permanent = |reason: String| TransportError::Handshake {
            address: self.name.clone(),
            reason,
        };
        let connecting = self
            .endpoint
            .connect(self.address, poc_proto::request::SERVER_NAME)
            .map_err(|e| permanent(e.to_string()))?;
        let connect_timeout = until(self.options.connect_timeout, deadline);
        let connection = match tokio::time::timeout(connect_timeout, connecting).await {
            Ok(Ok(connection)) => connection,
            Ok(Err(quinn::ConnectionError::ConnectionClosed(close)))
                if close.error_code == quinn::TransportErrorCode::CONNECTION_REFUSED =>
            {
                return Err(transient(
                    "the relay refused a new connection (too many connections)".into(),
                ))
            }
            Ok(Err(e)) if handshake_is_transient(&e) => return Err(transient(e.to_string())),
            Ok(Err(e)) => return Err(permanent(e.to_string())),
            Err(_) => {
                return Err(transient(format!(
                    "no answer within {:.1} s; is the relay running?",
                    connect_timeout.as_secs_f64()
                )))
            }
        };
        let ready = async {
            let Some(key) = self.key.as_ref().map(LoginKey::get) else {
                return Ok((self.mailbox, false));
            };
            let logged_in = login(
                &connection,
                key,
                until(self.options.request_timeout, deadline),
            )
            .await?;
            if self.subscribed.load(Ordering::SeqCst) {
                match call_on(
                    &connection,
                    &Request::Subscribe,
                    until(self.options.request_timeout, deadline),
                )
                .await?
                {
                    Response::Subscribed => {}
                    other => return Err(unexpected(&other)),
                }
            }
            Ok(logged_in)
        };
        match ready.await {
            Ok((mailbox, custodian)) => Ok((connection, mailbox, custodian)),
            Err(e) => {
                connection.close(0u32.into(), b"login failed");
                Err(e)
            }
        }
    }

    fn lock_link(&self) -> MutexGuard<'_, Link> {
        self.link
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The connection in use (if it is still open) and its number.
    fn current(&self) -> (u64, Option<quinn::Connection>) {
        let link = self.lock_link();
        let open = link
            .connection
            .as_ref()
            .filter(|c| c.close_reason().is_none())
            .cloned();
        (link.generation, open)
    }

    /// The connection in use, even if it has closed (its requests then fail with the reason).
    fn connection(&self) -> Result<quinn::Connection, TransportError> {
        self.lock_link().connection.clone().ok_or_else(|| {
            TransportError::Lost("the connection was given up after a failure".into())
        })
    }

    /// Replaces connection number `seen` (broken) with a new one, unless another request
    /// already did; the attempt ends by `deadline`.
    async fn reconnect(
        &self,
        seen: u64,
        deadline: Option<Instant>,
    ) -> Result<(u64, quinn::Connection), TransportError> {
        let _one_at_a_time = self.reconnecting.lock().await;
        if let (generation, Some(connection)) = self.current() {
            if generation != seen {
                return Ok((generation, connection));
            }
        }
        let (connection, _, _) = self.establish(deadline).await?;
        let mut link = self.lock_link();
        if let Some(old) = link.connection.replace(connection.clone()) {
            old.close(0u32.into(), b"reconnected");
        }
        link.generation += 1;
        Ok((link.generation, connection))
    }

    /// Forgets connection number `generation` after it failed.
    fn discard(&self, generation: u64) {
        let mut link = self.lock_link();
        if link.generation == generation {
            if let Some(old) = link.connection.take() {
                old.close(0u32.into(), b"no answer");
            }
        }
    }

    /// One attempt at `request`, reconnecting first if the connection is gone; connecting
    /// ends by `deadline`, the request itself by the request timeout.
    async fn attempt(
        &self,
        request: &Request,
        deadline: Option<Instant>,
    ) -> Result<Response, Failed> {
        let (generation, connection) = match self.current() {
            (generation, Some(connection)) => (generation, connection),
            (generation, None) => self
                .reconnect(generation, deadline)
                .await
                .map_err(Failed::Connecting)?,
        };
        // A request under way on a connection the relay accepted gets its own timeout, not
        // what is left of the retry budget: a large answer (a page of attachment parts) on a
        // slow link must not be cut off, and a cut-off fetch would be asked again and again.
        let timeout = self.options.request_timeout;
        match call_on(&connection, request, timeout).await {
            Ok(response) => Ok(response),
            Err(e) => {
                if matches!(e, TransportError::Lost(_) | TransportError::Timeout(_)) {
                    self.discard(generation);
                }
                Err(Failed::Requesting(e))
            }
        }
    }

    /// Sends `request`, retrying under the client's policy: on a new connection after a
    /// lost one (if `replay` allows sending it again), on the same one after RateLimited or
    /// Unavailable. Every wait ends by the policy's deadline, counted from this call.
    pub async fn request(
        &self,
        request: &Request,
        replay: Replay,
    ) -> Result<Response, TransportError> {
        let mut retrier = Retrier::new(&self.options.retry);
        loop {
            let (error, verdict) = match self.attempt(request, retrier.deadline()).await {
                Ok(response) => return Ok(response),
                // Nothing was sent: connecting again is always safe.
                Err(Failed::Connecting(e)) => {
                    let verdict = classify(&e, Replay::Safe);
                    (e, verdict)
                }
                Err(Failed::Requesting(e)) => {
                    let verdict = classify(&e, replay);
                    (e, verdict)
                }
            };
            retrier.pause_or_give_up(error, verdict).await?;
        }
    }

    /// Sends one request on its own stream and reads the answer, once, on the current
    /// connection (no reconnection, no retry). Relay refusals become
    /// [`TransportError::Refused`].
    pub async fn call(&self, request: &Request) -> Result<Response, TransportError> {
        let connection = self.connection()?;
        call_on(&connection, request, self.options.request_timeout).await
    }

    /// Submits envelopes (in batches); returns (stored, duplicates). Returns only when the
    /// relay has them on disk.
    pub async fn submit(&self, envelopes: Vec<Envelope>) -> Result<(u32, u32), TransportError> {
        let mut totals = (0, 0);
        let mut rest = envelopes;
        while !rest.is_empty() {
            let tail = rest.split_off(rest.len().min(MAX_SUBMIT_BATCH));
            match self
                .request(&Request::Submit { envelopes: rest }, Replay::Safe)
                .await?
            {
                Response::Submitted { stored, duplicates } => {
                    totals.0 += stored;
                    totals.1 += duplicates;
                }
                other => return Err(unexpected(&other)),
            }
            rest = tail;
        }
        Ok(totals)
    }

    /// Fetches every waiting envelope, high priority first, and how many envelopes for this
    /// mailbox the relay refused because it was full since the previous fetch.
    pub async fn fetch_all(&self) -> Result<(Vec<Envelope>, u64), TransportError> {
        let (all, refused) = self.fetch_all_submitted().await?;
        Ok((all.into_iter().map(|(e, _)| e).collect(), refused))
    }

    /// [`RelayClient::fetch_all`], with the key that submitted each envelope as the relay
    /// verified it at login (`None` if the relay did not record it).
    pub async fn fetch_all_submitted(&self) -> Result<(Vec<Submitted>, u64), TransportError> {
        let mut all = Vec::new();
        let mut refused: u64 = 0;
        let mut after = None;
        loop {
            let page = self.fetch_page(after).await?;
            all.extend(page.envelopes);
            refused = refused.saturating_add(page.refused_while_full);
            match page.next {
                Some(cursor) => after = Some(cursor),
                None => return Ok((all, refused)),
            }
        }
    }

    /// Fetches one page of waiting envelopes, starting after `after` (`None`: a new pass,
    /// which also reads and resets the relay's count of envelopes refused while full).
    pub async fn fetch_page(&self, after: Option<FetchCursor>) -> Result<Page, TransportError> {
        let page = Request::Fetch {
            after,
            limit: MAX_FETCH_LIMIT,
        };
        match self.request(&page, Replay::Safe).await? {
            Response::Envelopes {
                envelopes,
                next,
                refused_while_full,
                submitters,
            } => {
                if submitters.len() != envelopes.len() {
                    return Err(TransportError::Protocol(format!(
                        "the relay named {} submitters for {} envelopes",
                        submitters.len(),
                        envelopes.len()
                    )));
                }
                Ok(Page {
                    envelopes: envelopes.into_iter().zip(submitters).collect(),
                    next,
                    refused_while_full,
                })
            }
            other => Err(unexpected(&other)),
        }
    }

    /// Deletes envelopes from this client's mailbox.
    pub async fn delete(&self, ids: Vec<EnvelopeId>) -> Result<u32, TransportError> {
        let mut total = 0;
        for chunk in ids.chunks(poc_proto::limits::MAX_DELETE_BATCH) {
            let delete = Request::Delete {
                ids: chunk.to_vec(),
            };
            match self.request(&delete, Replay::Safe).await? {
                Response::Deleted { count } => total += count,
                other => return Err(unexpected(&other)),
            }
        }
        Ok(total)
    }

    /// Downloads the published directory if newer than `have_serial`.
    pub async fn get_directory(
        &self,
        have_serial: u64,
    ) -> Result<Option<PublishedDirectory>, TransportError> {
        match self
            .request(&Request::GetDirectory { have_serial }, Replay::Safe)
            .await?
        {
            Response::Directory(published) => Ok(published),
            other => Err(unexpected(&other)),
        }
    }

    /// Publishes a directory (custodian only); returns the serial in force. Not sent again
    /// after a lost answer: the relay would refuse the same serial a second time.
    pub async fn publish(&self, published: PublishedDirectory) -> Result<u64, TransportError> {
        match self
            .request(&Request::PublishDirectory(published), Replay::Unsafe)
            .await?
        {
            Response::Published { serial } => Ok(serial),
            other => Err(unexpected(&other)),
        }
    }

    /// Asks the relay to push a notice for every new envelope in this mailbox (again after
    /// every reconnection).
    pub async fn subscribe(&self) -> Result<(), TransportError> {
        match self.request(&Request::Subscribe, Replay::Safe).await? {
            Response::Subscribed => {
                self.subscribed.store(true, Ordering::SeqCst);
                Ok(())
            }
            other => Err(unexpected(&other)),
        }
    }

    /// Waits for the next pushed notice (after [`RelayClient::subscribe`]) on the current
    /// connection; a lost connection is returned, not retried.
    pub async fn next_notify(&self) -> Result<Notify, TransportError> {
        let connection = self.connection()?;
        let mut recv = connection
            .accept_uni()
            .await
            .map_err(|e| TransportError::Lost(e.to_string()))?;
        let bytes = recv
            .read_to_end(PREFIX_BYTES + 1024)
            .await
            .map_err(|e| TransportError::Lost(e.to_string()))?;
        let body = unframe(&bytes, 1024).map_err(|e| TransportError::Protocol(e.to_string()))?;
        decode(body).map_err(|e| TransportError::Protocol(e.to_string()))
    }

    /// Relay statistics (custodian only).
    pub async fn stats(&self) -> Result<poc_proto::RelayStats, TransportError> {
        match self.request(&Request::Stats, Replay::Safe).await? {
            Response::Stats(stats) => Ok(stats),
            other => Err(unexpected(&other)),
        }
    }

    /// Closes the connection politely.
    pub async fn close(self) {
        self.shutdown().await;
    }

    /// [`Self::close`] for a client that others may still hold (a request on it after this
    /// fails as lost).
    pub async fn shutdown(&self) {
        if let Some(connection) = self.lock_link().connection.take() {
            connection.close(0u32.into(), b"bye");
        }
        let _ = tokio::time::timeout(Duration::from_secs(1), self.endpoint.wait_idle()).await;
    }
}

impl RelayClient<'static> {
    /// [`RelayClient::connect_with`] with a key the client owns (zeroized when the client is
    /// dropped), for a connection that a spawned task holds.
    pub async fn connect_owned(
        relay: &RelayAddress,
        key: PocKey,
        options: ClientOptions,
    ) -> Result<Self, TransportError> {
        Self::connect_key(relay, LoginKey::Owned(Box::new(key)), options).await
    }
}

/// A fetched envelope and the key that submitted it to the relay, if the relay recorded it.
pub type Submitted = (Envelope, Option<poc_proto::PublicKeyBytes>);

/// One page of a fetch ([`RelayClient::fetch_page`]).
#[derive(Debug, Default)]
pub struct Page {
    /// The envelopes, with the key that submitted each.
    pub envelopes: Vec<Submitted>,
    /// Where the next page starts; `None` at the end of the pass.
    pub next: Option<FetchCursor>,
    /// Envelopes refused because the mailbox was full, read by the first page of a pass.
    pub refused_while_full: u64,
}

fn unexpected(response: &Response) -> TransportError {
    let name = format!("{response:?}");
    TransportError::Protocol(name.chars().take(40).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A relay address on a loopback UDP port that receives and never answers (no ICMP
    /// either): every handshake waits until it is cut. Keep the socket while it is used.
    fn silent_relay() -> (std::net::UdpSocket, RelayAddress) {
        let socket = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        let relay = RelayAddress {
            address: socket.local_addr().unwrap().to_string(),
            tls_pin: "ab".repeat(32),
        };
        (socket, relay)
    }

    /// Paused time: tokio's clock jumps to the next timer whenever nothing else can run, so
    /// this measures the client's own waits (handshake timeouts, pauses), not the machine.
    #[tokio::test(start_paused = true)]
    async fn retry_for_bounds_the_whole_wait_for_a_relay_that_never_answers() {
        let (_socket, relay) = silent_relay();
        let key = PocKey::generate();
        for budget in [Duration::from_secs(5), Duration::from_secs(30)] {
            let options = ClientOptions {
                retry: RetryPolicy::within(budget),
                ..ClientOptions::default()
            };
            let start = tokio::time::Instant::now();
            let error = RelayClient::connect_with(&relay, &key, options)
                .await
                .unwrap_err();
            let waited = start.elapsed();
            // The stated margin is one second; in paused time no margin is even used.
            assert!(
                waited <= budget + Duration::from_secs(1),
                "--retry-for {budget:?} waited {waited:?}: {error}"
            );
            assert!(
                matches!(error.last(), TransportError::Connect { .. }),
                "{error:?}"
            );
        }
        // No budget: one attempt with the ordinary connection timeout.
        let options = ClientOptions {
            retry: RetryPolicy::none(),
            ..ClientOptions::default()
        };
        let start = tokio::time::Instant::now();
        let error = RelayClient::connect_with(&relay, &key, options)
            .await
            .unwrap_err();
        assert!(matches!(error, TransportError::Connect { .. }), "{error:?}");
        assert!(start.elapsed() <= CONNECT_TIMEOUT + Duration::from_secs(1));
    }

    #[tokio::test(start_paused = true)]
    async fn a_connection_not_answered_at_once_is_announced_once_before_any_retry_notice() {
        let (_socket, relay) = silent_relay();
        let key = PocKey::generate();
        let said = Arc::new(Mutex::new(Vec::<String>::new()));
        let (announced, reported) = (said.clone(), said.clone());
        let retry = RetryPolicy::within(Duration::from_secs(12))
            .reporting(Arc::new(move |n| {
                reported
                    .lock()
                    .unwrap()
                    .push(format!("retry {}", n.attempt));
            }))
            .announcing(Arc::new(move |address| {
                announced
                    .lock()
                    .unwrap()
                    .push(format!("connecting to {address}"));
            }));
        let options = ClientOptions {
            retry,
            ..ClientOptions::default()
        };
        RelayClient::connect_with(&relay, &key, options)
            .await
            .unwrap_err();
        let said = said.lock().unwrap();
        assert_eq!(said[0], format!("connecting to {}", relay.address));
        assert_eq!(said[1..], ["retry 2".to_owned()], "{said:?}");
    }

    #[test]
    fn a_relay_detail_cannot_start_a_line_or_drive_the_terminal() {
        let error = refused(RelayError {
            code: poc_proto::ErrorCode::QuotaExceeded,
            detail: "full\nerror: your key was revoked\x1b[2J\u{202e}".into(),
        });
        let shown = error.to_string();
        assert!(
            !shown.contains('\n') && !shown.contains('\x1b'),
            "{shown:?}"
        );
        assert!(!shown.contains('\u{202e}'), "{shown:?}");
        assert!(
            shown.contains("full\\nerror: your key was revoked"),
            "{shown:?}"
        );
    }
}

//! One client connection: the authentication state shared by its request streams (the
//! outstanding challenge, how many were issued, failed logins, the logged-in peer) and the
//! slot it holds until it logs in. The rules of the login itself are in `handlers/auth.rs`.

use std::sync::{Arc, Mutex, MutexGuard};

use poc_proto::{MailboxId, PublicKeyBytes};
use tokio::sync::Semaphore;

use crate::admission::{Source, UnauthenticatedSlot};

/// Failed login attempts after which the relay closes the connection.
pub(crate) const MAX_AUTH_FAILURES: u32 = 3;

/// Challenges the relay issues on one connection; a further `Hello` is refused.
pub(crate) const MAX_CHALLENGES: u32 = 3;

/// The authenticated peer of a connection.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Peer {
    pub key: PublicKeyBytes,
    pub mailbox: MailboxId,
}

#[derive(Debug)]
struct State {
    challenge: Option<[u8; 32]>,
    peer: Option<Peer>,
    failures: u32,
    challenges: u32,
    /// The relay's slot for a connection not logged in yet, released at login.
    preauth: Option<UnauthenticatedSlot>,
}

/// Per-connection state.
#[derive(Debug)]
pub(crate) struct Session {
    /// TLS exporter value of this connection (channel binding for the login proof).
    pub exporter: [u8; poc_keys::auth::EXPORTER_LEN],
    /// The connection, to push notifications on.
    pub connection: quinn::Connection,
    /// This connection's budget of request bytes being read or handled: one largest frame.
    pub request_bytes: Arc<Semaphore>,
    /// One possibly frame-sized answer (Fetch, GetDirectory) at a time.
    pub large_answer: Arc<Semaphore>,
    /// The validated source address, whose token bucket requests before login use.
    pub source: Source,
    /// Held for a whole login (challenge, proof, admission, switch to logged in), so that
    /// two `Auth` on concurrent streams cannot both log in.
    login: Mutex<()>,
    state: Mutex<State>,
}

impl Session {
    pub fn new(
        exporter: [u8; poc_keys::auth::EXPORTER_LEN],
        connection: quinn::Connection,
        preauth: UnauthenticatedSlot,
    ) -> Self {
        let source = Source::of(connection.remote_address());
        Session {
            exporter,
            connection,
            request_bytes: Arc::new(Semaphore::new(
                poc_proto::limits::MAX_FRAME_BYTES + poc_proto::framing::PREFIX_BYTES,
            )),
            large_answer: Arc::new(Semaphore::new(1)),
            source,
            login: Mutex::new(()),
            state: Mutex::new(State {
                challenge: None,
                peer: None,
                failures: 0,
                challenges: 0,
                preauth: Some(preauth),
            }),
        }
    }

    fn with<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        match self.state.lock() {
            Ok(mut guard) => f(&mut guard),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }

    /// Issues a fresh challenge (replacing any earlier one), or `None` once the connection
    /// has had [`MAX_CHALLENGES`].
    pub fn new_challenge(&self) -> Option<[u8; 32]> {
        self.with(|s| {
            if s.challenges >= MAX_CHALLENGES {
                return None;
            }
            s.challenges += 1;
            let nonce = poc_keys::random_bytes::<32>();
            s.challenge = Some(nonce);
            Some(nonce)
        })
    }

    /// Serialises logins on this connection: hold the guard from the check that no peer is
    /// logged in to [`Session::authenticate`].
    pub fn login_guard(&self) -> MutexGuard<'_, ()> {
        match self.login.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// Takes the outstanding challenge: each one can be answered once.
    pub fn take_challenge(&self) -> Option<[u8; 32]> {
        self.with(|s| s.challenge.take())
    }

    pub fn authenticate(&self, peer: Peer) {
        self.with(|s| {
            s.peer = Some(peer);
            s.preauth = None;
        });
    }

    /// Records a failed login; returns true when the connection should be closed.
    pub fn fail(&self) -> bool {
        self.with(|s| {
            s.failures += 1;
            s.failures >= MAX_AUTH_FAILURES
        })
    }

    pub fn peer(&self) -> Option<Peer> {
        self.with(|s| s.peer)
    }
}

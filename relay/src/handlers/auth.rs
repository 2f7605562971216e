//! Hello and Auth on a connection that has not logged in: challenge (at most
//! [`MAX_CHALLENGES`] per connection), channel-bound proof, access-list check, per-key
//! connection cap. A connection logs in once: `Hello` and `Auth` after login are refused as
//! `Malformed` and never change its key or mailbox. The token bucket per source address that
//! every request before login spends is checked by the caller (`handlers::dispatch`).

use std::sync::Arc;

use poc_proto::request::PROTOCOL_VERSION;
use poc_proto::{ErrorCode, PublicKeyBytes, Response, SignatureBytes};

use super::After;
use crate::admission::TooManyConnections;
use crate::session::{Peer, Session, MAX_CHALLENGES};
use crate::state::{refuse, Relay};

/// The answer to `Hello` after login.
pub(super) fn already_logged_in() -> Response {
    refuse(
        ErrorCode::Malformed,
        "this connection is already logged in: Hello and Auth are refused after login",
    )
}

pub(super) fn hello(session: &Session, version: u16) -> (Response, After) {
    if version != PROTOCOL_VERSION {
        return (
            refuse(
                ErrorCode::UnsupportedVersion,
                format!(
                    "the client speaks protocol version {version}, this relay speaks \
                     {PROTOCOL_VERSION}: upgrade the client or the relay so that both speak the same"
                ),
            ),
            After::Continue,
        );
    }
    match session.new_challenge() {
        Some(nonce) => (
            Response::Challenge {
                version: PROTOCOL_VERSION,
                nonce,
            },
            After::Continue,
        ),
        None => (
            refuse(
                ErrorCode::AuthFailed,
                format!(
                    "this connection already had {MAX_CHALLENGES} challenges: open a new connection to log in"
                ),
            ),
            After::Close,
        ),
    }
}

pub(super) fn login(
    relay: &Arc<Relay>,
    session: &Session,
    key: PublicKeyBytes,
    proof: SignatureBytes,
) -> (Response, After) {
    let fail = |detail: &str| {
        let after = if session.fail() {
            After::Close
        } else {
            After::Continue
        };
        (refuse(ErrorCode::AuthFailed, detail), after)
    };
    // Held until the connection is logged in or the attempt failed: of two `Auth` on
    // concurrent streams, the second sees the first's login.
    let _login = session.login_guard();
    if session.peer().is_some() {
        return (already_logged_in(), After::Continue);
    }
    let Some(challenge) = session.take_challenge() else {
        return fail("no outstanding challenge: send Hello first");
    };
    if poc_keys::auth::verify(&key, &challenge, &session.exporter, &proof).is_err() {
        tracing::info!("login refused: invalid proof");
        return fail("invalid proof");
    }
    let Some(custodian) = relay.member(&key) else {
        tracing::info!(fingerprint = %poc_keys::FingerprintText(poc_keys::fingerprint(&key)), "login refused: key not in the access list");
        return fail("key not in the directory");
    };
    if let Err(TooManyConnections(limit)) = relay.admission.register(key, &session.connection) {
        tracing::info!(fingerprint = %poc_keys::FingerprintText(poc_keys::fingerprint(&key)), limit, "login refused: too many connections for this key");
        return (
            refuse(
                ErrorCode::RateLimited,
                format!("this key already has {limit} connections open, the relay's limit"),
            ),
            After::Close,
        );
    }
    let mailbox = poc_keys::mailbox_id(&key);
    session.authenticate(Peer { key, mailbox });
    tracing::debug!(fingerprint = %poc_keys::FingerprintText(poc_keys::fingerprint(&key)), custodian, "authenticated");
    (
        Response::Authenticated { mailbox, custodian },
        After::Continue,
    )
}

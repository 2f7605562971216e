//! Hello and Auth: challenge, channel-bound proof, access-list check.

use std::sync::Arc;

use poc_proto::request::PROTOCOL_VERSION;
use poc_proto::{ErrorCode, PublicKeyBytes, Response, SignatureBytes};

use super::After;
use crate::admission::TooManyConnections;
use crate::session::{Peer, Session};
use crate::state::{refuse, Relay};

pub(super) fn hello(session: &Session, version: u16) -> Response {
    if version != PROTOCOL_VERSION {
        return refuse(
            ErrorCode::UnsupportedVersion,
            format!("client speaks {version}, relay speaks {PROTOCOL_VERSION}"),
        );
    }
    Response::Challenge {
        version: PROTOCOL_VERSION,
        nonce: session.new_challenge(),
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

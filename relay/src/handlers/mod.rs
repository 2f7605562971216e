//! Request handlers, one file per group of requests.

mod auth;
mod directory;
mod mailbox;

use std::sync::Arc;

use poc_proto::{ErrorCode, Request, Response};

use crate::session::Session;
use crate::state::{refuse, Relay};

/// What the connection should do after answering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum After {
    Continue,
    Close,
}

/// Handles one request (its rate-limit token already taken).
pub(crate) async fn dispatch(
    relay: &Arc<Relay>,
    session: &Session,
    request: Request,
) -> (Response, After) {
    // Logged-in keys spent a token for this request when its length prefix was read
    // (`crate::stream`), before any of its body was. Connections not logged in yet spend one
    // from their source address's bucket here; one that finds it empty is closed after the
    // answer: an honest client retries its login on a new connection anyway, and a flooder
    // must pay a new handshake for every further request.
    if session.peer().is_none() {
        if let Err(wait) = relay.admission.check_source_rate(&session.source) {
            return (
                refuse(
                    ErrorCode::RateLimited,
                    format!("retry in {} ms", wait.as_millis().max(1)),
                ),
                After::Close,
            );
        }
    }
    match request {
        // A connection logs in once (PROTOCOL.md §4).
        Request::Hello { .. } | Request::Auth { .. } if session.peer().is_some() => {
            (auth::already_logged_in(), After::Continue)
        }
        Request::Hello { version } => auth::hello(session, version),
        Request::Auth {
            signing_key,
            signature,
        } => auth::login(relay, session, signing_key, signature),
        other => {
            let Some(peer) = session.peer() else {
                return (
                    refuse(ErrorCode::NotAuthenticated, "send Hello and Auth first"),
                    After::Continue,
                );
            };
            // Membership is checked on every request, so a key removed by a new directory
            // is cut off at once, even on an open connection.
            let Some(custodian) = relay.member(&peer.key) else {
                return (
                    refuse(
                        ErrorCode::AuthFailed,
                        "this key is no longer in the directory",
                    ),
                    After::Close,
                );
            };
            let response = match other {
                Request::Submit { envelopes } => mailbox::submit(relay, peer, envelopes).await,
                Request::Fetch { after, limit } => mailbox::fetch(relay, peer, after, limit).await,
                Request::Delete { ids } => mailbox::delete(relay, peer, ids).await,
                Request::GetDirectory { have_serial } => directory::get(relay, have_serial).await,
                // Any member may hand over a publication: it is the custodian's signature
                // over the access list that is checked, never who uploads it, so a member
                // holding a newer directory brings a relay that missed it up to date.
                Request::PublishDirectory(published) => {
                    directory::publish(relay, published, session.connection.stable_id()).await
                }
                Request::Stats => {
                    if custodian {
                        directory::stats(relay).await
                    } else {
                        refuse(ErrorCode::NotCustodian, "")
                    }
                }
                Request::Subscribe => {
                    relay.subscribe(peer.mailbox, session.connection.clone());
                    Response::Subscribed
                }
                Request::Hello { .. } | Request::Auth { .. } => auth::already_logged_in(),
            };
            (response, After::Continue)
        }
    }
}

/// Runs a blocking store call off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, crate::store::StoreError> + Send + 'static,
) -> Result<T, crate::store::StoreError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| crate::store::StoreError::Backend(format!("store task failed: {e}")))?
}

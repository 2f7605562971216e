//! One request stream: its frame read within the byte budgets and the minimum body rate, the
//! request handled, and its answer written within the answer budget.
//!
//! In order, by the relay's clock:
//!
//! 1. the 4-byte length prefix, within `idle_timeout_secs` (else the stream is reset);
//! 2. for a logged-in key, one token of its bucket, before any of the body is read;
//! 3. room for the body: small frames (at most [`crate::budget::SMALL_REQUEST_BYTES`]) in the
//!    small budget, larger ones in the connection's budget (one largest frame) and the large
//!    budget, each time the key's share first; waited for at most `idle_timeout_secs`, then
//!    refused with `Unavailable`;
//! 4. the body, at the minimum rate of [`crate::budget::read_body`] (else the stream is reset
//!    and its budget freed);
//! 5. for Fetch and GetDirectory, room for building a largest answer (twice a largest frame:
//!    the answer and its encoding) in the key's share of the answer budget before the answer
//!    is built (at most `idle_timeout_secs`, then `Unavailable`), shrunk to the encoded
//!    frame's size once the answer itself is dropped;
//! 6. the answer, written without a copy within `idle_timeout_secs` (else the stream is
//!    reset). Both holdings are given back when the stream ends.
//!
//! It does not accept streams or connections ([`crate::server`]) nor decide answers
//! ([`crate::handlers`]).

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use poc_proto::framing::{FrameError, PREFIX_BYTES};
use poc_proto::limits::{MAX_FRAME_BYTES, MAX_PREAUTH_FRAME_BYTES};
use poc_proto::{decode, encode, ErrorCode, Request, Response};
use tokio::sync::OwnedSemaphorePermit;

use crate::budget::{is_small, read_body, BodyError, Held, MinRate};
use crate::handlers::{self, After};
use crate::session::Session;
use crate::state::{refuse, Relay};

/// What building a largest answer may take at once: the answer (up to a frame of
/// envelopes) and its encoding, until the answer is dropped.
const ANSWER_BUILD_BYTES: usize = 2 * (MAX_FRAME_BYTES + PREFIX_BYTES);

/// Why a request was not read.
enum Unread {
    /// Answer this, without reading further.
    Answer(Response),
    /// Reset the stream; the reason is counted in the metrics.
    Reset(&'static str),
    /// The stream or connection is gone.
    Lost,
}

/// What a request holds of the budgets while it is read and handled.
struct RequestHeld {
    _connection: Option<OwnedSemaphorePermit>,
    _relay: Held,
}

/// Reads one request frame: the length prefix, then, once its bytes fit in the budgets, the
/// body at the minimum rate.
async fn read_request(
    relay: &Relay,
    session: &Session,
    recv: &mut quinn::RecvStream,
    limit: usize,
    deadline: Duration,
) -> Result<(Vec<u8>, RequestHeld), Unread> {
    let mut prefix = [0u8; PREFIX_BYTES];
    match relay
        .clock
        .timeout(deadline, recv.read_exact(&mut prefix))
        .await
    {
        None => return Err(Unread::Reset("request_timeout")),
        Some(Ok(())) => {}
        Some(Err(quinn::ReadExactError::FinishedEarly(n))) => {
            return Err(Unread::Answer(refuse(
                ErrorCode::Malformed,
                FrameError::Truncated(n).to_string(),
            )))
        }
        Some(Err(quinn::ReadExactError::ReadError(_))) => return Err(Unread::Lost),
    }
    let len = u32::from_be_bytes(prefix) as usize;
    if len > limit {
        return Err(Unread::Answer(refuse(
            ErrorCode::TooLarge,
            FrameError::TooLarge { len, limit }.to_string(),
        )));
    }
    let key = session.peer().map(|peer| peer.key);
    // Logged-in keys spend a token per request, whatever it is, before its body is read.
    if let Some(key) = &key {
        if let Err(wait) = relay.admission.check_rate(key) {
            return Err(Unread::Answer(refuse(
                ErrorCode::RateLimited,
                format!("retry in {} ms", wait.as_millis().max(1)),
            )));
        }
    }
    let room = async {
        // Large frames take the connection's own budget (one largest frame) first; small
        // ones never wait behind them.
        let connection = if is_small(len) {
            None
        } else {
            let n = u32::try_from(len).ok()?;
            Some(
                session
                    .request_bytes
                    .clone()
                    .acquire_many_owned(n)
                    .await
                    .ok()?,
            )
        };
        let held = relay.budgets.request(key.as_ref(), len).await?;
        Some(RequestHeld {
            _connection: connection,
            _relay: held,
        })
    };
    let held = match relay.clock.timeout(deadline, room).await {
        Some(Some(held)) => held,
        // A budget closed (shutdown) or smaller than the frame (a hand-built configuration).
        Some(None) => {
            return Err(Unread::Answer(refuse(
                ErrorCode::Unavailable,
                "the relay cannot take this request now; retry later",
            )))
        }
        None => {
            relay.metrics.reject("request_budget_busy");
            return Err(Unread::Answer(refuse(
                ErrorCode::Unavailable,
                "the relay is busy reading other requests; retry shortly",
            )));
        }
    };
    match read_body(recv, len, &relay.clock, MinRate::of(&relay.limits)).await {
        Ok(body) => Ok((body, held)),
        Err(BodyError::TooSlow) => Err(Unread::Reset("request_too_slow")),
        Err(BodyError::Short(actual)) => Err(Unread::Answer(refuse(
            ErrorCode::Malformed,
            FrameError::LengthMismatch {
                announced: len,
                actual,
            }
            .to_string(),
        ))),
        Err(BodyError::TooLong) => Err(Unread::Answer(refuse(
            ErrorCode::Malformed,
            format!("frame length mismatch: more than the {len} bytes announced"),
        ))),
        Err(BodyError::Lost) => Err(Unread::Lost),
    }
}

/// Reads, handles and answers the request of one stream.
pub(crate) async fn handle_stream(
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
    let deadline = Duration::from_secs(relay.limits.idle_timeout_secs.max(1));
    let (body, _request_held) = match read_request(relay, session, &mut recv, limit, deadline).await
    {
        Ok(read) => read,
        Err(Unread::Answer(refusal)) => {
            return write_answer(relay, send, refusal, After::Continue, None, deadline).await
        }
        Err(Unread::Reset(reason)) => {
            relay.metrics.reject(reason);
            let _ = recv.stop(0u32.into());
            send.reset(0u32.into()).ok();
            return After::Continue;
        }
        Err(Unread::Lost) => return After::Continue,
    };
    let request = match decode::<Request>(&body) {
        Ok(request) => request,
        Err(e) => {
            let refusal = refuse(ErrorCode::Malformed, e.to_string());
            return write_answer(relay, send, refusal, After::Continue, None, deadline).await;
        }
    };
    drop(body);
    // Answers that may be as large as a frame (Fetch, GetDirectory): one at a time per
    // connection, and built only once building a largest one fits in the key's share of the
    // answer budget, so a client that never reads them cannot make the relay hold more than that.
    let large = matches!(
        request,
        Request::Fetch { .. } | Request::GetDirectory { .. }
    );
    let (_turn, answer_held) = match (large, session.peer()) {
        (true, Some(peer)) => {
            let room = async {
                let turn = session.large_answer.clone().acquire_owned().await.ok()?;
                let held = relay.budgets.answer(&peer.key, ANSWER_BUILD_BYTES).await?;
                Some((turn, held))
            };
            match relay.clock.timeout(deadline, room).await {
                Some(Some((turn, held))) => (Some(turn), Some(held)),
                _ => {
                    relay.metrics.reject("answer_budget_busy");
                    let refusal = refuse(
                        ErrorCode::Unavailable,
                        "the relay is busy sending other answers; retry shortly",
                    );
                    return write_answer(relay, send, refusal, After::Continue, None, deadline)
                        .await;
                }
            }
        }
        _ => (None, None),
    };
    let (response, after) = handlers::dispatch(relay, session, request).await;
    write_answer(relay, send, response, after, answer_held, deadline).await
}

/// Encodes `response` and writes it as one frame (prefix and body handed to QUIC without
/// copying them together); `held` is shrunk to the frame's size meanwhile.
async fn write_answer(
    relay: &Relay,
    mut send: quinn::SendStream,
    response: Response,
    after: After,
    mut held: Option<Held>,
    deadline: Duration,
) -> After {
    if let Response::Error(e) = &response {
        relay.metrics.reject_code(e.code);
    }
    let body = match encode(&response) {
        Ok(body) => body,
        Err(_) => match encode(&refuse(ErrorCode::Unavailable, "response too large")) {
            Ok(body) => body,
            Err(_) => return after,
        },
    };
    drop(response);
    if let Some(held) = held.as_mut() {
        held.shrink_to(PREFIX_BYTES + body.len());
    }
    let Ok(len) = u32::try_from(body.len()) else {
        return after;
    };
    let mut chunks = [
        Bytes::copy_from_slice(&len.to_be_bytes()),
        Bytes::from(body),
    ];
    // An answer the client does not read within the idle timeout is dropped.
    let written = relay
        .clock
        .timeout(deadline, send.write_all_chunks(&mut chunks))
        .await;
    drop(chunks);
    if !matches!(written, Some(Ok(()))) {
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

//! Request bodies must keep coming, by the relay's clock: a body that falls behind the
//! minimum rate has its stream reset and gives its budget back. Nothing here sleeps to
//! measure: time passes when the test advances the manual clock.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{relay, START};
use poc_proto::framing::PREFIX_BYTES;
use poc_proto::limits::MAX_FRAME_BYTES;
use poc_proto::{Request, Response};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_stops_coming_is_reset_and_its_budget_freed() {
    let t = relay(|limits| {
        limits.min_request_bytes_per_sec = 1_000;
        limits.request_stall_secs = 5;
        // The key's share holds exactly one largest frame.
        limits.max_inflight_request_bytes_per_key = MAX_FRAME_BYTES + PREFIX_BYTES;
    })
    .await;
    let a = t.custodian_connection().await;
    // A largest frame is announced, 1 000 bytes of it sent, then nothing.
    let (mut stalled_send, mut stalled) = a.conn.open_bi().await.unwrap();
    stalled_send
        .write_all(&(MAX_FRAME_BYTES as u32).to_be_bytes())
        .await
        .unwrap();
    stalled_send.write_all(&[0; 1_000]).await.unwrap();
    // Let the relay read the prefix (and take the budget) before its clock moves.
    tokio::time::sleep(Duration::from_millis(300)).await;
    t.clock.advance(Duration::from_secs(4));

    // A large request of the same key (above the small-request size) waits for the share.
    let mut envelope = t.envelope(1, START + 3_600);
    envelope.payload = vec![1; 100_000];
    let submit = Request::Submit {
        envelopes: vec![envelope],
    };
    let b = t.custodian_connection().await;
    let waiting = tokio::spawn(async move { b.call(&submit).await });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        !waiting.is_finished(),
        "the second large frame did not wait for the key's share"
    );
    // Small requests never wait behind it.
    assert!(matches!(
        a.call(&Request::GetDirectory { have_serial: 0 }).await,
        Response::Directory(_)
    ));

    // 5 s of grace and 1 000 bytes at 1 000 B/s: by 6 s the body is behind; at 7 s the
    // relay resets the stream and the share goes to the waiting request.
    t.clock.advance(Duration::from_secs(3));
    let reset = tokio::time::timeout(Duration::from_secs(30), stalled.read_to_end(1 << 20))
        .await
        .expect("the stalled stream was not reset");
    assert!(
        matches!(
            reset,
            Err(quinn::ReadToEndError::Read(quinn::ReadError::Reset(_)))
        ),
        "{reset:?}"
    );
    let answer = tokio::time::timeout(Duration::from_secs(30), waiting)
        .await
        .expect("the budget of the reset stream was not freed")
        .unwrap();
    assert!(
        matches!(answer, Response::Submitted { stored: 1, .. }),
        "{answer:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rate_token_is_taken_when_the_length_is_read_before_any_body() {
    let t = relay(|limits| {
        limits.requests_per_sec = 1;
        limits.request_burst = 2;
    })
    .await;
    let a = t.custodian_connection().await;
    let get = Request::GetDirectory { have_serial: 0 };
    for _ in 0..2 {
        assert!(matches!(a.call(&get).await, Response::Directory(_)));
    }
    // The bucket is empty (the clock stands still): a largest frame is announced and none of
    // its body sent; the refusal comes without waiting for it.
    let (mut send, mut recv) = a.conn.open_bi().await.unwrap();
    send.write_all(&(MAX_FRAME_BYTES as u32).to_be_bytes())
        .await
        .unwrap();
    let bytes = tokio::time::timeout(Duration::from_secs(30), recv.read_to_end(64 * 1024))
        .await
        .expect("the relay waited for the body of a request over the rate")
        .unwrap();
    let answer: Response =
        poc_proto::decode(poc_proto::unframe(&bytes, MAX_FRAME_BYTES).unwrap()).unwrap();
    assert_eq!(common::refusal(&answer), poc_proto::ErrorCode::RateLimited);
}

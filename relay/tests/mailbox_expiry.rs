//! Expired envelopes never hold a mailbox quota, driven by a manual clock: once its envelopes
//! expired, a full mailbox takes new ones at once, long before the next expiry sweep; and
//! every delivered envelope names the key that submitted it.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{refusal, relay, START};
use poc_proto::{ErrorCode, Request, Response};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mailbox_full_of_expired_envelopes_takes_new_ones_before_the_sweep() {
    let t = relay(|limits| {
        // The custodian writes to its own mailbox: two envelopes fill it, and one sender may
        // hold all of it. The sweep runs every 10 minutes.
        limits.mailbox_max_envelopes = 2;
        limits.custodian_mailbox_max_envelopes = 2;
        limits.mailbox_sender_share_percent = 100;
        limits.purge_interval_secs = 600;
    })
    .await;
    let a = t.custodian_connection().await;
    let submit = |i: u8, expires_at: u64| Request::Submit {
        envelopes: vec![t.envelope(i, expires_at)],
    };
    for i in [1, 2] {
        let answer = a.call(&submit(i, START + 2)).await;
        assert!(
            matches!(answer, Response::Submitted { stored: 1, .. }),
            "{answer:?}"
        );
    }
    let full = a.call(&submit(3, START + 3_600)).await;
    assert_eq!(refusal(&full), ErrorCode::QuotaExceeded, "{full:?}");
    // Two seconds later they expired; no sweep ran, yet the next submit finds room and
    // removes them.
    t.clock.advance(Duration::from_secs(2));
    let answer = a.call(&submit(4, START + 3_600)).await;
    assert!(
        matches!(answer, Response::Submitted { stored: 1, .. }),
        "{answer:?}"
    );
    assert_eq!(t.relay.store.envelope_count(), 1);
    let Response::Envelopes {
        envelopes,
        submitters,
        ..
    } = a
        .call(&Request::Fetch {
            after: None,
            limit: 10,
        })
        .await
    else {
        panic!("fetch failed");
    };
    assert_eq!(envelopes.len(), 1);
    assert_eq!(envelopes[0].id.0[0], 4);
    assert_eq!(submitters, [Some(t.custodian.signing_public())]);
}

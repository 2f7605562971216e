//! Time at the relay, driven by a manual clock: login deadlines, token-bucket refills,
//! envelope lifetimes, expiry sweeps and the months of the arrival statistics. Nothing here
//! sleeps: time passes when a test advances the clock.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{refusal, relay, START};
use poc_proto::{ErrorCode, Request, Response};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_that_do_not_log_in_are_closed_at_the_deadline_and_free_their_slots() {
    let t = relay(|limits| {
        limits.max_unauthenticated = 2;
        limits.handshake_timeout_secs = 2;
    })
    .await;
    let idle1 = t.connect().await.unwrap();
    let idle2 = t.connect().await.unwrap();
    // Both slots for connections not logged in are taken: a third connection is refused.
    assert!(t.connect().await.is_err(), "a third idle connection got in");
    // Before the deadline the connections work (Hello is allowed before login).
    assert!(matches!(idle1.hello().await, Response::Challenge { .. }));
    t.clock.advance(Duration::from_millis(1_900));
    assert!(matches!(idle2.hello().await, Response::Challenge { .. }));
    // At the deadline the relay closes them.
    t.clock.advance(Duration::from_millis(100));
    for idle in [&idle1, &idle2] {
        let reason = idle.closed_by_relay().await;
        assert!(
            format!("{reason:?}").contains("login timeout"),
            "{reason:?}"
        );
    }
    // Their slots are free again: the custodian gets in.
    let member = t.connect_when_free().await;
    assert!(matches!(
        member.login(&t.custodian).await,
        Response::Authenticated { .. }
    ));
    // A logged-in connection no longer counts against the bound, and outlives the deadline.
    let another_idle = t.connect().await.unwrap();
    let _and_another = t.connect().await.unwrap();
    t.clock.advance(Duration::from_secs(2));
    another_idle.closed_by_relay().await;
    assert!(matches!(
        member.call(&Request::GetDirectory { have_serial: 0 }).await,
        Response::Directory(_)
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_over_its_rate_waits_for_the_bucket_to_refill() {
    let t = relay(|limits| {
        limits.requests_per_sec = 2;
        limits.request_burst = 5;
    })
    .await;
    let a = t.custodian_connection().await;
    let get = Request::GetDirectory { have_serial: 0 };
    let mut refused = Vec::new();
    for _ in 0..8 {
        if let Response::Error(e) = a.call(&get).await {
            refused.push(e);
        }
    }
    // The clock stands still: exactly the burst passes, and the wait is one token's worth.
    assert_eq!(refused.len(), 3, "{refused:?}");
    for e in &refused {
        assert_eq!(e.code, ErrorCode::RateLimited);
        assert_eq!(e.detail, "retry in 500 ms");
    }
    // The bucket belongs to the key: another connection of the same key is refused too.
    let b = t.custodian_connection().await;
    assert_eq!(refusal(&b.call(&get).await), ErrorCode::RateLimited);
    // Half a second refills one token: one request passes, the next is refused.
    t.clock.advance(Duration::from_millis(500));
    assert!(!matches!(a.call(&get).await, Response::Error(_)));
    assert_eq!(refusal(&a.call(&get).await), ErrorCode::RateLimited);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lifetimes_are_checked_against_the_relay_clock() {
    let t = relay(|limits| limits.max_ttl_secs = 3_600).await;
    let a = t.custodian_connection().await;
    let submit = |expires_at: u64, i: u8| Request::Submit {
        envelopes: vec![t.envelope(i, expires_at)],
    };
    // Already expired, or living longer than the relay allows: refused.
    for (expires_at, i) in [(START, 1), (START + 3_601, 2)] {
        let answer = a.call(&submit(expires_at, i)).await;
        assert_eq!(refusal(&answer), ErrorCode::Expired, "{answer:?}");
    }
    // The longest lifetime allowed is accepted.
    let answer = a.call(&submit(START + 3_600, 3)).await;
    assert!(
        matches!(answer, Response::Submitted { stored: 1, .. }),
        "{answer:?}"
    );
    // Once the clock passes a lifetime, the same expiry is refused as expired.
    let answer = a.call(&submit(START + 10, 4)).await;
    assert!(
        matches!(answer, Response::Submitted { stored: 1, .. }),
        "{answer:?}"
    );
    t.clock.advance(Duration::from_secs(10));
    assert_eq!(
        refusal(&a.call(&submit(START + 10, 5)).await),
        ErrorCode::Expired
    );
    // And an envelope past its lifetime is no longer delivered, swept or not.
    let Response::Envelopes { envelopes, .. } = a
        .call(&Request::Fetch {
            after: None,
            limit: 10,
        })
        .await
    else {
        panic!("fetch failed");
    };
    let ids: Vec<_> = envelopes.iter().map(|e| e.id.0[0]).collect();
    assert_eq!(ids, [3], "only the unexpired envelope is delivered");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_envelopes_are_purged_by_the_sweep_and_their_quota_reclaimed() {
    let t = relay(|limits| {
        // The custodian writes to its own mailbox: its quota, and all of it to one sender.
        limits.mailbox_max_envelopes = 2;
        limits.custodian_mailbox_max_envelopes = 2;
        limits.mailbox_sender_share_percent = 100;
        limits.purge_interval_secs = 60;
    })
    .await;
    let a = t.custodian_connection().await;
    for i in [1, 2] {
        let answer = a
            .call(&Request::Submit {
                envelopes: vec![t.envelope(i, START + 8)],
            })
            .await;
        assert!(
            matches!(answer, Response::Submitted { stored: 1, .. }),
            "{answer:?}"
        );
    }
    let over = a
        .call(&Request::Submit {
            envelopes: vec![t.envelope(3, START + 3_600)],
        })
        .await;
    assert_eq!(refusal(&over), ErrorCode::QuotaExceeded, "{over:?}");
    // Past their lifetime but before the next sweep, they still hold the quota.
    t.clock.advance(Duration::from_secs(9));
    assert_eq!(t.relay.store.envelope_count(), 2);
    // The next sweep, a purge interval after the last, removes them.
    t.clock.advance(Duration::from_secs(51));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while t.relay.store.envelope_count() > 0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the sweep did not purge the expired envelopes"
        );
        tokio::task::yield_now().await;
    }
    // The room is back: a new envelope fits, and it is the only one delivered.
    let answer = a
        .call(&Request::Submit {
            envelopes: vec![t.envelope(4, START + 3_600)],
        })
        .await;
    assert!(
        matches!(answer, Response::Submitted { stored: 1, .. }),
        "{answer:?}"
    );
    let Response::Envelopes { envelopes, .. } = a
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
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arrivals_are_counted_under_the_month_of_the_relay_clock() {
    let t = relay(|_| {}).await;
    let a = t.custodian_connection().await;
    let submit = |i: u8| Request::Submit {
        envelopes: vec![t.envelope(i, START + 3_600)],
    };
    // 2024-01-31T23:59:00Z, then a minute later 2024-02-01T00:00:00Z.
    assert!(matches!(
        a.call(&submit(1)).await,
        Response::Submitted { stored: 1, .. }
    ));
    t.clock.advance(Duration::from_secs(60));
    assert!(matches!(
        a.call(&submit(2)).await,
        Response::Submitted { stored: 1, .. }
    ));
    assert!(matches!(
        a.call(&submit(3)).await,
        Response::Submitted { stored: 1, .. }
    ));
    let Response::Stats(stats) = a.call(&Request::Stats).await else {
        panic!("no statistics");
    };
    let months: Vec<(&str, u64)> = stats
        .months
        .iter()
        .map(|m| (m.month.as_str(), m.low))
        .collect();
    assert_eq!(months, [("2024-01", 1), ("2024-02", 2)]);
}

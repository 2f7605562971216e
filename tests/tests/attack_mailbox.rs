//! A hostile member against other members' mailboxes, through a real `poc-relay` process on
//! loopback: flooding a mailbox with short-lived junk locks nobody out (expired envelopes never
//! hold a quota, one submitting key holds at most its share of a mailbox), the custodian's
//! mailbox has its own quota, a refused sender is told what helps, and the recipient sees who
//! sent what it cannot open, as one line per submitting key.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use poc_proto::{
    Envelope, EnvelopeId, ErrorCode, MailboxId, Priority, Request, Response, ENVELOPE_VERSION,
};
use poc_tests::raw::{raw_connect, refusal, set_config, Raw};
use poc_tests::Network;

/// The mailbox quota of these tests (instead of 10 000): one member's share (25 %) is 100.
const QUOTA: u64 = 400;
const SHARE: u64 = QUOTA / 4;

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Junk envelope `n` of a series `tag` for `to`: a payload no one can open.
fn junk(to: MailboxId, tag: u8, n: u32, expires_at: u64) -> Envelope {
    let mut id = [tag; 16];
    id[..4].copy_from_slice(&n.to_be_bytes());
    Envelope {
        version: ENVELOPE_VERSION,
        id: EnvelopeId(id),
        to,
        priority: Priority::High,
        expires_at,
        payload: vec![0x5a; 64],
    }
}

/// A logged-in raw connection of the PoC `id` (or of the custodian for `None`), and its
/// mailbox.
async fn login(net: &Network, id: Option<&str>) -> (Raw, MailboxId) {
    let home = match id {
        Some(id) => net.poc(id),
        None => &net.custodian,
    };
    let identity = home.unlock().unwrap();
    let raw = raw_connect(net).await.unwrap();
    assert!(matches!(
        raw.login(&identity).await,
        Response::Authenticated { .. }
    ));
    (raw, poc_keys::mailbox_id(&identity.key.signing_public()))
}

/// Submits `count` junk envelopes in batches until the relay refuses one; returns how many
/// were stored and the refusal, if any.
async fn flood(
    raw: &Raw,
    to: MailboxId,
    tag: u8,
    count: u32,
    expires_at: u64,
) -> (u64, Option<Response>) {
    let mut stored = 0u64;
    // Batches of 10, so that a refusal comes at most ten envelopes after the limit.
    let all: Vec<Envelope> = (0..count).map(|n| junk(to, tag, n, expires_at)).collect();
    for batch in all.chunks(10) {
        match raw
            .call(&Request::Submit {
                envelopes: batch.to_vec(),
            })
            .await
        {
            Response::Submitted { stored: n, .. } => stored += u64::from(n),
            other => return (stored, Some(other)),
        }
    }
    (stored, None)
}

async fn submit_one(raw: &Raw, to: MailboxId, tag: u8, expires_at: u64) -> Response {
    raw.call(&Request::Submit {
        envelopes: vec![junk(to, tag, 0, expires_at)],
    })
    .await
}

fn detail(response: &Response) -> String {
    match response {
        Response::Error(e) => e.detail.clone(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_short_lived_envelopes_locks_no_mailbox_and_is_shown_as_one_line() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical", "GHA.technical"]);
    set_config(
        &net.relay.config,
        "mailbox_max_envelopes",
        &QUOTA.to_string(),
    );
    net.relay.restart();
    let (fra, _) = login(&net, Some("FRA.technical")).await;
    let (mex, victim) = login(&net, Some("MEX.technical")).await;
    let (gha, _) = login(&net, Some("GHA.technical")).await;

    // FRA submits far more than the quota, each envelope living 2 s.
    let short = now() + 2;
    let (stored, refused) = flood(&fra, victim, 1, 2 * QUOTA as u32, short).await;
    let refused = refused.expect("the flood was never refused");
    assert_eq!(refusal(&refused), ErrorCode::QuotaExceeded, "{refused:?}");
    // One key holds at most its share of the mailbox, and is told so.
    assert_eq!(stored, SHARE, "{refused:?}");
    assert!(
        detail(&refused).contains("sender share"),
        "{}",
        detail(&refused)
    );
    // Meanwhile the victim and the other members still get through.
    let long = now() + 3_600;
    let own = submit_one(&mex, victim, 2, long).await;
    assert!(
        matches!(own, Response::Submitted { stored: 1, .. }),
        "{own:?}"
    );
    let other = submit_one(&gha, victim, 3, long).await;
    assert!(
        matches!(other, Response::Submitted { stored: 1, .. }),
        "{other:?}"
    );
    // The sender who holds its share is told what helps.
    let told = net.poc("FRA.technical").send_text("MEX.technical", "hello");
    assert_eq!(told.code, 2, "{}", told.stderr);
    assert!(
        told.stderr.contains("MEX.technical's mailbox")
            && told.stderr.contains("share of envelopes from you")
            && told.stderr.contains("fetches them or they expire"),
        "{}",
        told.stderr
    );

    // Once the junk expired, it holds nothing: the attacker's share is free again at once,
    // although the expiry sweep runs only every 10 minutes.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(now() > short);
    let (again, refused) = flood(&fra, victim, 4, SHARE as u32, now() + 3_600).await;
    assert_eq!(again, SHARE, "{refused:?}");
    // The victim and the others are not locked out either.
    let own = submit_one(&mex, victim, 5, long).await;
    assert!(
        matches!(own, Response::Submitted { stored: 1, .. }),
        "{own:?}"
    );
    let other = submit_one(&gha, victim, 6, long).await;
    assert!(
        matches!(other, Response::Submitted { stored: 1, .. }),
        "{other:?}"
    );

    // The victim's inbox shows the attacker's junk as one line naming FRA, with its count,
    // beside the junk of the others (GHA's two, MEX's own two).
    let inbox = net.poc("MEX.technical").json(&["inbox"]);
    let unopened = inbox["unopened"].as_array().unwrap();
    let from_fra: Vec<_> = unopened
        .iter()
        .filter(|g| g["submitter"] == "FRA.technical")
        .collect();
    assert_eq!(from_fra.len(), 1, "{inbox:#}");
    assert_eq!(from_fra[0]["count"], SHARE, "{inbox:#}");
    assert_eq!(from_fra[0]["member"], true, "{inbox:#}");
    assert_eq!(unopened.len(), 3, "{inbox:#}");
    assert!(
        inbox["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["status"] != "invalid"),
        "{inbox:#}"
    );
    let text = net.poc("MEX.technical").poc(&["inbox", "--offline"]);
    text.ok();
    let lines: Vec<&str> = text
        .stdout
        .lines()
        .filter(|l| l.contains("FRA.technical"))
        .collect();
    assert_eq!(lines.len(), 1, "{}", text.stdout);
    assert!(lines[0].contains(&SHARE.to_string()), "{}", text.stdout);
    assert!(text.stdout.lines().count() < 20, "{}", text.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_cannot_lock_the_custodian_mailbox() {
    let mut net = Network::setup(&["FRA.technical", "GHA.technical"]);
    set_config(
        &net.relay.config,
        "mailbox_max_envelopes",
        &QUOTA.to_string(),
    );
    net.relay.restart();
    let (fra, _) = login(&net, Some("FRA.technical")).await;
    let (gha, _) = login(&net, Some("GHA.technical")).await;
    let (_custodian, custodian) = login(&net, None).await;
    // The custodian's mailbox has its own, larger quota: a member's flood of more than a
    // member mailbox holds is stored...
    let (stored, refused) = flood(&fra, custodian, 7, 2 * QUOTA as u32, now() + 3_600).await;
    assert_eq!(stored, 2 * QUOTA, "{refused:?}");
    // ...and the other members' update requests, key rotations and ping answers still get
    // through.
    let other = submit_one(&gha, custodian, 8, now() + 3_600).await;
    assert!(
        matches!(other, Response::Submitted { stored: 1, .. }),
        "{other:?}"
    );

    // With a custodian quota of 1 200, one member's share of it is 300: FRA, which holds
    // more, is refused, and GHA still gets through.
    set_config(&net.relay.config, "custodian_mailbox_max_envelopes", "1200");
    net.relay.restart();
    let (fra, _) = login(&net, Some("FRA.technical")).await;
    let (gha, _) = login(&net, Some("GHA.technical")).await;
    let more = submit_one(&fra, custodian, 9, now() + 3_600).await;
    assert_eq!(refusal(&more), ErrorCode::QuotaExceeded, "{more:?}");
    assert!(detail(&more).contains("sender share"), "{more:?}");
    let other = submit_one(&gha, custodian, 10, now() + 3_600).await;
    assert!(
        matches!(other, Response::Submitted { stored: 1, .. }),
        "{other:?}"
    );
}

//! Submit, Fetch and Delete.

use std::sync::Arc;

use poc_proto::limits::{
    MAX_DELETE_BATCH, MAX_FETCH_LIMIT, MAX_FRAME_BYTES, MAX_PAYLOAD_BYTES, MAX_SUBMIT_BATCH,
};
use poc_proto::{
    Envelope, EnvelopeId, ErrorCode, FetchCursor, MailboxId, Notify, Response, ENVELOPE_VERSION,
};

use super::blocking;
use crate::commit::Put;
use crate::session::Peer;
use crate::state::{refuse, Relay};
use crate::store::StoreError;

/// Room left in a Fetch response frame for everything but the envelopes.
const FETCH_FRAME_MARGIN: usize = 64 * 1024;

fn store_refusal(e: StoreError) -> Response {
    match e {
        // The mailbox id (a hash of the recipient's public key, which the sender knows) lets
        // a sender name the recipient; the detail starts with `full:` or `sender share:`.
        StoreError::QuotaExceeded {
            mailbox, detail, ..
        } => refuse(
            ErrorCode::QuotaExceeded,
            format!("mailbox {mailbox}: {detail}"),
        ),
        other => {
            tracing::error!(error = %other, "store operation failed");
            refuse(ErrorCode::StorageFailure, "")
        }
    }
}

/// Checks a batch before anything is stored: all envelopes are accepted or none.
fn check_batch(relay: &Relay, envelopes: &[Envelope], now: u64) -> Result<(), Response> {
    if envelopes.is_empty() {
        return Err(refuse(ErrorCode::Malformed, "empty batch"));
    }
    if envelopes.len() > MAX_SUBMIT_BATCH {
        return Err(refuse(
            ErrorCode::TooLarge,
            format!(
                "{} envelopes in one batch, limit {MAX_SUBMIT_BATCH}",
                envelopes.len()
            ),
        ));
    }
    let access = relay.access();
    for (i, envelope) in envelopes.iter().enumerate() {
        if envelope.version != ENVELOPE_VERSION {
            return Err(refuse(
                ErrorCode::UnsupportedVersion,
                format!("envelope {i}: version {}", envelope.version),
            ));
        }
        if envelope.payload.len() > MAX_PAYLOAD_BYTES {
            return Err(refuse(
                ErrorCode::TooLarge,
                format!(
                    "envelope {i}: {} bytes, limit {MAX_PAYLOAD_BYTES}",
                    envelope.payload.len()
                ),
            ));
        }
        if envelope.expires_at <= now {
            return Err(refuse(
                ErrorCode::Expired,
                format!("envelope {i}: already expired"),
            ));
        }
        if envelope.expires_at > now.saturating_add(relay.limits.max_ttl_secs) {
            return Err(refuse(
                ErrorCode::Expired,
                format!(
                    "envelope {i}: lifetime above the relay maximum of {} s",
                    relay.limits.max_ttl_secs
                ),
            ));
        }
        if !access.has_mailbox(&envelope.to) {
            return Err(refuse(ErrorCode::UnknownRecipient, format!("envelope {i}")));
        }
    }
    Ok(())
}

/// Refuses new envelopes while the disk holding the store is nearly full: better a clear
/// refusal the sender can act on than a write that fails half-way.
fn check_free_space(relay: &Relay) -> Result<(), Response> {
    let minimum = relay.limits.min_free_disk_bytes;
    if minimum == 0 {
        return Ok(());
    }
    match fs4::available_space(&relay.data_dir) {
        Ok(free) if free >= minimum => Ok(()),
        Ok(free) => {
            tracing::error!(free, minimum, "disk nearly full: new envelopes refused");
            Err(refuse(
                ErrorCode::StorageFailure,
                format!(
                    "the relay's disk is nearly full ({} MiB free, {} MiB required); reads still work",
                    free >> 20,
                    minimum >> 20
                ),
            ))
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot read the free disk space: new envelopes refused");
            Err(refuse(
                ErrorCode::StorageFailure,
                "the relay cannot check its free disk space",
            ))
        }
    }
}

pub(super) async fn submit(relay: &Arc<Relay>, peer: Peer, envelopes: Vec<Envelope>) -> Response {
    if let Err(refusal) = check_batch(relay, &envelopes, relay.clock.unix_secs()) {
        return refusal;
    }
    if let Err(refusal) = check_free_space(relay) {
        return refusal;
    }
    let quotas = relay.limits.quotas(relay.access().custodian_mailboxes());
    let arrivals: Vec<(MailboxId, Notify)> = envelopes
        .iter()
        .map(|e| {
            (
                e.to,
                Notify {
                    id: e.id,
                    priority: e.priority,
                },
            )
        })
        .collect();
    // Stored with the other submits of the commit round and answered after the flush that
    // covers it: nothing is acknowledged before it is on disk.
    let put = Put {
        envelopes,
        submitter: peer.key,
        quotas,
    };
    let outcome = match relay.committer.put_durable(put).await {
        Ok(outcome) => outcome,
        Err(e) => {
            if let StoreError::QuotaExceeded { reason, .. } = &e {
                relay.metrics.quota_refusal(&peer.key, *reason);
            }
            return store_refusal(e);
        }
    };
    // A submit that stored nothing new (all duplicates) notifies nobody.
    if outcome.stored > 0 {
        relay.notify(arrivals);
    }
    relay
        .metrics
        .envelopes_stored
        .inc_by(u64::from(outcome.stored));
    relay
        .metrics
        .envelope_bytes_stored
        .inc_by(outcome.stored_bytes);
    Response::Submitted {
        stored: outcome.stored,
        duplicates: outcome.duplicates,
    }
}

pub(super) async fn fetch(
    relay: &Arc<Relay>,
    peer: Peer,
    after: Option<FetchCursor>,
    limit: u32,
) -> Response {
    let limit = limit.clamp(1, MAX_FETCH_LIMIT) as usize;
    let store = relay.store.clone();
    let max_bytes = MAX_FRAME_BYTES - FETCH_FRAME_MARGIN;
    let first_page = after.is_none();
    let now = relay.clock.unix_secs();
    match blocking(move || {
        let page = store.fetch(&peer.mailbox, after, limit, max_bytes, now)?;
        let refused = if first_page {
            store.take_refused(&peer.mailbox)?
        } else {
            0
        };
        Ok((page, refused))
    })
    .await
    {
        Ok((page, refused_while_full)) => Response::Envelopes {
            envelopes: page.envelopes,
            next: page.next,
            refused_while_full,
            submitters: page.submitters,
        },
        Err(e) => store_refusal(e),
    }
}

pub(super) async fn delete(relay: &Arc<Relay>, peer: Peer, ids: Vec<EnvelopeId>) -> Response {
    if ids.len() > MAX_DELETE_BATCH {
        return refuse(
            ErrorCode::TooLarge,
            format!("{} ids, limit {MAX_DELETE_BATCH}", ids.len()),
        );
    }
    let store = relay.store.clone();
    let count = match blocking(move || store.delete(&peer.mailbox, &ids)).await {
        Ok(count) => count,
        Err(e) => return store_refusal(e),
    };
    if let Err(e) = relay.committer.durable().await {
        return store_refusal(e);
    }
    Response::Deleted { count }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Access;
    use crate::clock::Clock;
    use crate::commit::Committer;
    use crate::config::Limits;
    use crate::store::observed::ObservedStore;
    use crate::store::SledStore;
    use poc_proto::{MailboxId, Priority, PublicKeyBytes};

    #[tokio::test]
    async fn submit_answers_only_after_the_envelopes_are_flushed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(ObservedStore::new(
            SledStore::open(dir.path(), 1 << 20).unwrap(),
            None,
        ));
        let (relay, to) = relay_on(store.clone(), dir.path());
        let envelopes: Vec<Envelope> = (0..3u8).map(|i| envelope(to, i)).collect();
        let response = submit(&relay, peer_of(&relay, to), envelopes.clone()).await;
        assert_eq!(
            response,
            Response::Submitted {
                stored: 3,
                duplicates: 0
            }
        );
        let durable = store.durable.lock().unwrap();
        for e in &envelopes {
            assert!(
                durable.contains(&e.id),
                "{} acknowledged before it was flushed",
                e.id
            );
        }
    }

    fn relay_on(store: Arc<ObservedStore>, dir: &std::path::Path) -> (Arc<Relay>, MailboxId) {
        let (committer, task) = Committer::new(store.clone(), Default::default(), Clock::system());
        tokio::spawn(task);
        let member: PublicKeyBytes =
            "5866666666666666666666666666666666666666666666666666666666666666"
                .parse()
                .unwrap();
        let relay = Arc::new(Relay::new(
            store,
            committer,
            member,
            Access::bootstrap(member),
            Limits::default(),
            Default::default(),
            dir.to_path_buf(),
            Clock::system(),
        ));
        (relay, poc_keys::mailbox_id(&member))
    }

    fn peer_of(relay: &Relay, mailbox: MailboxId) -> Peer {
        Peer {
            key: relay.custodian,
            mailbox,
        }
    }

    fn envelope(to: MailboxId, i: u8) -> Envelope {
        Envelope {
            version: ENVELOPE_VERSION,
            id: EnvelopeId([i; 16]),
            to,
            priority: Priority::Low,
            expires_at: Clock::system().unix_secs() + 60,
            payload: vec![i; 64],
        }
    }

    #[tokio::test]
    async fn a_failing_disk_refuses_submits_acknowledges_nothing_and_reads_keep_working() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(ObservedStore::new(
            SledStore::open(dir.path(), 1 << 20).unwrap(),
            None,
        ));
        let (relay, to) = relay_on(store.clone(), dir.path());
        assert!(matches!(
            submit(&relay, peer_of(&relay, to), vec![envelope(to, 1)]).await,
            Response::Submitted { stored: 1, .. }
        ));
        let peer = Peer {
            key: relay.custodian,
            mailbox: to,
        };
        // Writes fail (put), then only the flush fails (the write reached sled's memory).
        store
            .failing
            .store(true, std::sync::atomic::Ordering::SeqCst);
        let refused = submit(&relay, peer_of(&relay, to), vec![envelope(to, 2)]).await;
        assert!(
            matches!(&refused, Response::Error(e) if e.code == ErrorCode::StorageFailure),
            "{refused:?}"
        );
        // Reads still answer, with what was stored before.
        match fetch(&relay, peer, None, 10).await {
            Response::Envelopes { envelopes, .. } => {
                assert_eq!(envelopes.len(), 1);
                assert_eq!(envelopes[0].id, EnvelopeId([1; 16]));
            }
            other => panic!("fetch failed while the disk is failing: {other:?}"),
        }
        // Back to normal: the sender's retry of the refused envelope is stored once.
        store
            .failing
            .store(false, std::sync::atomic::Ordering::SeqCst);
        assert!(matches!(
            submit(&relay, peer_of(&relay, to), vec![envelope(to, 2)]).await,
            Response::Submitted {
                stored: 1,
                duplicates: 0
            }
        ));
    }

    #[tokio::test]
    async fn a_failed_flush_is_never_acknowledged() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(ObservedStore::new(
            SledStore::open(dir.path(), 1 << 20).unwrap(),
            None,
        ));
        let (relay, to) = relay_on(store.clone(), dir.path());
        store
            .failing_flush
            .store(true, std::sync::atomic::Ordering::SeqCst);
        let answer = submit(&relay, peer_of(&relay, to), vec![envelope(to, 3)]).await;
        assert!(
            matches!(&answer, Response::Error(e) if e.code == ErrorCode::StorageFailure),
            "a write that was not flushed was answered {answer:?}"
        );
        assert!(store.durable.lock().unwrap().is_empty());
    }
}

//! GetDirectory and PublishDirectory.

use std::sync::Arc;

use poc_proto::limits::MAX_DIRECTORY_BYTES;
use poc_proto::{ErrorCode, PublishedDirectory, Response};

use super::blocking;
use crate::access::Access;
use crate::state::{refuse, Relay};

pub(super) async fn get(relay: &Arc<Relay>, have_serial: u64) -> Response {
    if relay.access().serial <= have_serial {
        return Response::Directory(None);
    }
    let store = relay.store.clone();
    match blocking(move || store.directory()).await {
        Ok(published) => Response::Directory(published),
        Err(e) => {
            tracing::error!(error = %e, "reading the directory failed");
            refuse(ErrorCode::StorageFailure, "")
        }
    }
}

/// `publisher` is the connection asking: it keeps its connection long enough to read the
/// answer even if the new list no longer admits its key (the old custodian key after a
/// rotation); its next request is refused.
pub(super) async fn publish(
    relay: &Arc<Relay>,
    published: PublishedDirectory,
    publisher: usize,
) -> Response {
    if published.sealed_directory.len() > MAX_DIRECTORY_BYTES {
        return refuse(ErrorCode::TooLarge, "encrypted directory too large");
    }
    // The checks first and outside the lock: any member may send this request, so one that
    // is not a newer list the custodian signed costs a decode and at most one signature
    // check, and never holds up the custodian's publication. Only a genuine newer list gets
    // its member keys checked and its encrypted directory hashed.
    if let Err(refusal) = check(relay, &published.access_list) {
        return refusal;
    }
    let digest = poc_keys::directory::sealed_directory_digest(&published.sealed_directory);
    let _one_at_a_time = relay.publish_lock.lock().await;
    // Again against the list in force now: another publication may have come first.
    let (access, list) = match check(relay, &published.access_list) {
        Ok(checked) => checked,
        Err(refusal) => return refusal,
    };
    if digest != list.sealed_directory_digest {
        return refuse(
            ErrorCode::InvalidDirectory,
            "the encrypted directory does not match the signed access list",
        );
    }
    let store = relay.store.clone();
    if let Err(e) = blocking(move || store.put_directory(&published)).await {
        tracing::error!(error = %e, "storing the directory failed");
        return refuse(ErrorCode::StorageFailure, "");
    }
    if let Err(e) = relay.committer.durable().await {
        tracing::error!(error = %e, "flushing the directory failed");
        return refuse(ErrorCode::StorageFailure, "");
    }
    let serial = list.serial;
    tracing::info!(serial, members = access.len(), "directory published");
    relay.set_access(access, Some(publisher));
    Response::Published { serial }
}

/// Counts for the custodian's yearly review: never content, never who wrote to whom.
pub(super) async fn stats(relay: &Arc<Relay>) -> Response {
    let store = relay.store.clone();
    match blocking(move || store.stats()).await {
        Ok((months, waiting)) => {
            let access = relay.access();
            Response::Stats(poc_proto::RelayStats {
                waiting,
                members: access.len() as u64,
                directory_serial: access.serial,
                months,
            })
        }
        Err(e) => {
            tracing::error!(error = %e, "reading statistics failed");
            refuse(ErrorCode::StorageFailure, "")
        }
    }
}

/// Verifies `signed` against the list in force (custodian signature, rotations) and that its
/// serial is above the one in force; the new admissions and the list, or the refusal.
fn check(
    relay: &Arc<Relay>,
    signed: &poc_proto::SignedAccessList,
) -> Result<(Access, poc_proto::AccessList), Response> {
    let in_force = relay.access();
    let current = in_force.serial;
    let not_newer = |serial: u64| {
        refuse(
            ErrorCode::InvalidDirectory,
            format!("serial {serial} is not above the current serial {current}"),
        )
    };
    // The serial it claims, before any verification: a list that is not newer (the one in
    // force, sent again) is refused without checking its thousands of member keys.
    let claimed = poc_proto::decode::<poc_proto::AccessList>(&signed.body).map_err(|_| {
        refuse(
            ErrorCode::InvalidDirectory,
            "the access list does not decode",
        )
    })?;
    if claimed.serial <= current {
        return Err(not_newer(claimed.serial));
    }
    let (access, list) = Access::verified(relay.custodian, signed, Some(&in_force))
        .map_err(|e| refuse(ErrorCode::InvalidDirectory, e.to_string()))?;
    if list.serial <= current {
        return Err(not_newer(list.serial));
    }
    Ok((access, list))
}

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
    let _one_at_a_time = relay.publish_lock.lock().await;
    let in_force = relay.access();
    let (access, list) =
        match Access::verified(relay.custodian, &published.access_list, Some(&in_force)) {
            Ok(verified) => verified,
            Err(e) => return refuse(ErrorCode::InvalidDirectory, e.to_string()),
        };
    let digest = poc_keys::directory::sealed_directory_digest(&published.sealed_directory);
    if digest != list.sealed_directory_digest {
        return refuse(
            ErrorCode::InvalidDirectory,
            "the encrypted directory does not match the signed access list",
        );
    }
    let current = in_force.serial;
    if list.serial <= current {
        return refuse(
            ErrorCode::InvalidDirectory,
            format!(
                "serial {} is not above the current serial {current}",
                list.serial
            ),
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

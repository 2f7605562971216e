//! Shared state of a running relay.

use std::sync::{Arc, RwLock};
use std::time::{SystemTime, UNIX_EPOCH};

use poc_proto::{ErrorCode, PublicKeyBytes, RelayError, Response};

use crate::access::Access;
use crate::commit::Committer;
use crate::config::Limits;
use crate::store::Store;

/// Everything request handlers share.
pub struct Relay {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) committer: Committer,
    pub(crate) custodian: PublicKeyBytes,
    pub(crate) access: RwLock<Access>,
    pub(crate) limits: Limits,
    /// Serialises directory publications (check serial, store, switch access).
    pub(crate) publish_lock: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Relay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Relay")
            .field("custodian", &self.custodian)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl Relay {
    /// A snapshot of the access state.
    pub(crate) fn access(&self) -> Access {
        match self.access.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// `Some(is_custodian)` if `key` is currently admitted.
    pub(crate) fn member(&self, key: &PublicKeyBytes) -> Option<bool> {
        match self.access.read() {
            Ok(guard) => guard.member(key),
            Err(poisoned) => poisoned.into_inner().member(key),
        }
    }

    pub(crate) fn set_access(&self, access: Access) {
        match self.access.write() {
            Ok(mut guard) => *guard = access,
            Err(poisoned) => *poisoned.into_inner() = access,
        }
    }
}

/// Unix seconds now.
pub(crate) fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// An error response.
pub(crate) fn refuse(code: ErrorCode, detail: impl Into<String>) -> Response {
    Response::Error(RelayError {
        code,
        detail: detail.into(),
    })
}

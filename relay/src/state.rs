//! Shared state of a running relay.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use poc_proto::{ErrorCode, MailboxId, Notify, PublicKeyBytes, RelayError, Response};

use crate::access::Access;
use crate::admission::Admission;
use crate::budget::Budgets;
use crate::clock::Clock;
use crate::commit::Committer;
use crate::config::Limits;
use crate::metrics::Metrics;
use crate::push::Push;
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
    /// Connections that asked to be notified of new envelopes, with their push queues.
    pub(crate) push: Push,
    /// Connection caps and rate limits.
    pub(crate) admission: Admission,
    /// Byte budgets of requests and large answers, relay-wide and per key.
    pub(crate) budgets: Budgets,
    /// Counters for the metrics endpoint.
    pub(crate) metrics: Arc<Metrics>,
    /// Where the store lives (its free space is checked before storing).
    pub(crate) data_dir: PathBuf,
    /// The time every expiry, lifetime and deadline is measured by.
    pub(crate) clock: Clock,
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
    /// Shared state for a relay serving `store` under `access`. Every argument is a field of
    /// its own, hence their number.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        store: Arc<dyn Store>,
        committer: Committer,
        custodian: PublicKeyBytes,
        access: Access,
        limits: Limits,
        metrics: Arc<Metrics>,
        data_dir: PathBuf,
        clock: Clock,
    ) -> Self {
        Relay {
            store,
            committer,
            custodian,
            access: RwLock::new(access),
            admission: Admission::new(&limits, clock.clone()),
            budgets: Budgets::new(&limits),
            push: Push::new(&limits, clock.clone(), metrics.clone()),
            limits,
            publish_lock: tokio::sync::Mutex::new(()),
            metrics,
            data_dir,
            clock,
        }
    }

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

    /// Registers `connection` for pushes to `mailbox` ([`Push::subscribe`]).
    pub(crate) fn subscribe(&self, mailbox: MailboxId, connection: quinn::Connection) {
        self.push.subscribe(mailbox, &connection);
    }

    /// Queues a [`Notify`] for every live subscriber of each envelope's mailbox; the pushes
    /// run in each connection's pusher, so a slow or gone subscriber never delays a submit.
    pub(crate) fn notify(&self, arrivals: Vec<(MailboxId, Notify)>) {
        self.push.notify(arrivals);
    }

    /// Puts `access` in force and closes the connections of keys it no longer admits, except
    /// the connection `spare` (the publisher's, which still has to read its answer).
    pub(crate) fn set_access(&self, access: Access, spare: Option<usize>) {
        let cut = self
            .admission
            .cut_off(|key| access.member(key).is_some(), spare);
        if cut > 0 {
            tracing::info!(connections = cut, "connections of removed keys closed");
        }
        match self.access.write() {
            Ok(mut guard) => *guard = access,
            Err(poisoned) => *poisoned.into_inner() = access,
        }
    }
}

/// An error response.
pub(crate) fn refuse(code: ErrorCode, detail: impl Into<String>) -> Response {
    Response::Error(RelayError {
        code,
        detail: detail.into(),
    })
}

//! Shared state of a running relay.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use poc_proto::{
    encode, frame, ErrorCode, MailboxId, Notify, PublicKeyBytes, RelayError, Response,
};

use crate::access::Access;
use crate::admission::Admission;
use crate::clock::Clock;
use crate::commit::Committer;
use crate::config::Limits;
use crate::metrics::Metrics;
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
    /// Connections that asked to be notified of new envelopes, per mailbox.
    pub(crate) subscribers: Mutex<HashMap<MailboxId, Vec<quinn::Connection>>>,
    /// Connection caps and rate limits.
    pub(crate) admission: Admission,
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
            limits,
            publish_lock: tokio::sync::Mutex::new(()),
            subscribers: Mutex::default(),
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

    /// Registers `connection` for pushes to `mailbox`.
    pub(crate) fn subscribe(&self, mailbox: MailboxId, connection: quinn::Connection) {
        let mut subscribers = match self.subscribers.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        let list = subscribers.entry(mailbox).or_default();
        list.retain(|c| c.close_reason().is_none() && c.stable_id() != connection.stable_id());
        list.push(connection);
    }

    /// Pushes a [`Notify`] to every live subscriber of each envelope's mailbox, in the
    /// background: a slow or gone subscriber never delays a submit.
    pub(crate) fn notify(&self, arrivals: Vec<(MailboxId, Notify)>) {
        let mut pushes = Vec::new();
        {
            let mut subscribers = match self.subscribers.lock() {
                Ok(guard) => guard,
                Err(poisoned) => poisoned.into_inner(),
            };
            for (mailbox, notify) in arrivals {
                if let Some(list) = subscribers.get_mut(&mailbox) {
                    list.retain(|c| c.close_reason().is_none());
                    pushes.extend(list.iter().map(|c| (c.clone(), notify)));
                }
            }
            subscribers.retain(|_, list| !list.is_empty());
        }
        for (connection, notify) in pushes {
            tokio::spawn(async move {
                let Ok(body) = encode(&notify) else { return };
                if let Ok(mut stream) = connection.open_uni().await {
                    if stream.write_all(&frame(&body)).await.is_ok() {
                        let _ = stream.finish();
                    }
                }
            });
        }
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

//! Mailbox storage behind a small trait; [`SledStore`] is the embedded default: envelope
//! bodies in segment files (`bodies`), one sled record per envelope (`sled_store`), the
//! `fsync` of sled's files that sled's own flush leaves out (`sled_log`), and an in-memory
//! index of each mailbox (`index`), rebuilt from the records at open.
//!
//! Writes through [`Store::put`] are applied atomically but are durable only after
//! [`Store::flush`]: the relay's group committer (see [`crate::commit`]) calls it once for
//! all submits that arrived meanwhile, and only then answers them.

pub mod backup;
mod bodies;
mod index;
#[cfg(test)]
pub(crate) mod observed;
mod sled_log;
mod sled_store;

pub use backup::{BackupError, BackupSummary};
pub use sled_store::SledStore;

use poc_proto::{Envelope, EnvelopeId, FetchCursor, MailboxId, PublicKeyBytes, PublishedDirectory};

/// Per-mailbox limits applied atomically with each write. Expired envelopes never count:
/// a put removes those of its recipient mailboxes before it decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    /// Most envelopes waiting in one mailbox.
    pub max_envelopes: u64,
    /// Most payload bytes waiting in one mailbox.
    pub max_bytes: u64,
    /// Most of either limit, in percent, that the envelopes of one submitting key may hold
    /// in the mailbox (100: no limit of its own).
    pub sender_share_percent: u8,
}

impl Quota {
    /// The envelopes and payload bytes one submitting key may have waiting (at least one
    /// envelope and one maximal payload, so that a small quota never shuts a sender out).
    pub fn per_sender(&self) -> (u64, u64) {
        let share = |limit: u64| {
            let part = u128::from(limit) * u128::from(self.sender_share_percent.min(100)) / 100;
            u64::try_from(part).unwrap_or(u64::MAX)
        };
        (
            share(self.max_envelopes).max(1),
            share(self.max_bytes).max(poc_proto::limits::MAX_PAYLOAD_BYTES as u64),
        )
    }
}

/// The quotas of a round of submits: custodian mailboxes have their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotas {
    /// Every member's mailbox.
    pub member: Quota,
    /// The mailboxes of custodian keys (update requests, key rotations and ping answers go
    /// there).
    pub custodian: Quota,
    /// Which mailboxes are custodians'.
    pub custodian_mailboxes: Vec<MailboxId>,
}

impl Quotas {
    /// The same quota for every mailbox.
    pub fn uniform(quota: Quota) -> Self {
        Quotas {
            member: quota,
            custodian: quota,
            custodian_mailboxes: Vec::new(),
        }
    }

    /// The quota of `mailbox`.
    pub fn of(&self, mailbox: &MailboxId) -> Quota {
        if self.custodian_mailboxes.contains(mailbox) {
            self.custodian
        } else {
            self.member
        }
    }
}

/// One Submit as a put sees it: its envelopes, the logged-in key that submitted them (as
/// its login proved, never as the envelopes claim) and the quotas that apply.
#[derive(Debug, Clone, Copy)]
pub struct Submission<'a> {
    /// The envelopes.
    pub envelopes: &'a [Envelope],
    /// The key that submitted them.
    pub submitter: PublicKeyBytes,
    /// The quotas.
    pub quotas: &'a Quotas,
}

/// Which limit refused a put.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaReason {
    /// The mailbox holds its quota.
    MailboxFull,
    /// The mailbox holds the submitting key's share of its quota.
    SenderShare,
}

/// Result of a put.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PutOutcome {
    /// Newly stored envelopes.
    pub stored: u32,
    /// Payload bytes of the newly stored envelopes.
    pub stored_bytes: u64,
    /// Newly stored envelopes by priority rank (0 = high).
    pub stored_by_rank: [u64; 3],
    /// Envelopes that were already present (retries), left unchanged.
    pub duplicates: u32,
}

/// A page of a mailbox.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FetchPage {
    /// Envelopes in delivery order (high priority first, then arrival order).
    pub envelopes: Vec<Envelope>,
    /// The key that submitted each envelope, in the same order; `None` for envelopes stored
    /// before the relay recorded submitters.
    pub submitters: Vec<Option<PublicKeyBytes>>,
    /// Where to continue, if more remain.
    pub next: Option<FetchCursor>,
}

/// Why a store operation failed. Nothing was changed when an error is returned.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The recipient mailbox would exceed its quota, or the submitter its share of it.
    #[error("mailbox {mailbox} is full ({detail})")]
    QuotaExceeded {
        /// The mailbox.
        mailbox: MailboxId,
        /// Which limit.
        reason: QuotaReason,
        /// Which limit.
        detail: String,
    },
    /// The underlying database failed (disk full, I/O error...).
    #[error("storage failure: {0}")]
    Backend(String),
    /// Stored data does not decode (damaged store).
    #[error("damaged record in the store: {0}")]
    Corrupt(String),
}

/// Mailboxes and the published directory.
pub trait Store: Send + Sync + 'static {
    /// Stores the envelopes of each submission atomically (all or none), skipping ids
    /// already present in the same mailbox, with the result each would get if they ran one
    /// after the other in this order (a refused one changes nothing). First removes the
    /// envelopes of the recipient mailboxes that expired by `now`, so that they never count
    /// against a quota. Records the submitter of every envelope. Not durable until
    /// [`Store::flush`]; the relay's group commit hands it every submit of a round at once.
    fn put_many(
        &self,
        submissions: &[Submission<'_>],
        now: u64,
    ) -> Vec<Result<PutOutcome, StoreError>>;

    /// Makes every completed write durable.
    fn flush(&self) -> Result<(), StoreError>;

    /// Whether the store refuses every write until the relay is restarted (a sync failed,
    /// and a later one could succeed without the data the failed one dropped).
    fn writes_stopped(&self) -> bool {
        false
    }

    /// Reads up to `limit` unexpired envelopes (and at most about `max_bytes` of payload) of
    /// `mailbox`, after `after`.
    fn fetch(
        &self,
        mailbox: &MailboxId,
        after: Option<FetchCursor>,
        limit: usize,
        max_bytes: usize,
        now: u64,
    ) -> Result<FetchPage, StoreError>;

    /// Removes envelopes of `mailbox`; unknown ids are ignored. Returns how many were removed.
    fn delete(&self, mailbox: &MailboxId, ids: &[EnvelopeId]) -> Result<u32, StoreError>;

    /// Removes envelopes whose `expires_at` is at or before `now`. Returns how many.
    fn purge_expired(&self, now: u64) -> Result<u64, StoreError>;

    /// Gives back the disk space of removed envelopes where the backend does not on its own
    /// (sled: moves the envelopes out of sparse body segments). Returns how many it moved.
    fn compact(&self) -> Result<u64, StoreError> {
        Ok(0)
    }

    /// Replaces the published directory (not durable until [`Store::flush`]).
    fn put_directory(&self, published: &PublishedDirectory) -> Result<(), StoreError>;

    /// The published directory, if any.
    fn directory(&self) -> Result<Option<PublishedDirectory>, StoreError>;

    /// Adds newly stored envelopes to the monthly counts (`month` is `YYYY-MM`; `by_rank[0]`
    /// counts high priority). Statistics only: made durable by the next flush.
    fn count_arrivals(&self, month: &str, by_rank: [u64; 3]) -> Result<(), StoreError>;

    /// Records that `n` envelopes for `mailbox` were refused because it was full.
    fn note_refused(&self, mailbox: &MailboxId, n: u64) -> Result<(), StoreError>;

    /// Envelopes refused for `mailbox` since the last call, and resets the count.
    fn take_refused(&self, mailbox: &MailboxId) -> Result<u64, StoreError>;

    /// Envelopes accepted per month, oldest first, and envelopes waiting now.
    fn stats(&self) -> Result<(Vec<poc_proto::MonthCount>, u64), StoreError>;
}

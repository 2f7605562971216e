//! The in-memory index of stored envelopes: each mailbox's queue in delivery order, its ids,
//! what it uses of its quota (in all and per submitting key), its envelopes by expiry; and
//! the earliest expiry of all.
//!
//! sled holds one record per envelope under a relay-wide sequence number
//! ([`super::SledStore`]); everything here is derived from those records, rebuilt by one scan
//! when the store opens, and changed only together with them. Keeping it out of sled saves
//! sled two more records per envelope, each costing a few hundred bytes of disk.
//!
//! Memory: under 150 bytes per stored envelope (B-tree entries of 16 bytes for the queue and
//! the expiry order, a hash-map entry of 32, with their overhead), plus one entry per
//! submitting key and mailbox.

use std::collections::{BTreeSet, HashMap};

use poc_proto::{EnvelopeId, MailboxId, PublicKeyBytes};

/// Where an envelope sits in delivery order: priority rank (0 = high), then sequence number.
pub type Position = (u8, u64);

/// What the index keeps of one envelope besides its mailbox and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Where it is in delivery order.
    pub position: Position,
    /// Its payload bytes.
    pub payload_len: u64,
    /// When it expires.
    pub expires_at: u64,
    /// The key that submitted it (`None` if stored before submitters were recorded).
    pub submitter: Option<PublicKeyBytes>,
}

#[derive(Debug, Default)]
struct Mailbox {
    queue: BTreeSet<Position>,
    ids: HashMap<EnvelopeId, Position>,
    /// (expires_at, sequence number) of each envelope.
    expiry: BTreeSet<(u64, u64)>,
    /// Envelopes and payload bytes waiting per submitting key.
    senders: HashMap<Option<PublicKeyBytes>, (u64, u64)>,
    /// Payload bytes waiting.
    bytes: u64,
}

/// See the module documentation.
#[derive(Debug)]
pub struct Index {
    mailboxes: HashMap<MailboxId, Mailbox>,
    count: usize,
    /// No stored envelope expires before this (`u64::MAX` when none is known to).
    earliest_expiry: u64,
}

impl Default for Index {
    fn default() -> Self {
        Index {
            mailboxes: HashMap::new(),
            count: 0,
            earliest_expiry: u64::MAX,
        }
    }
}

impl Index {
    /// Adds an envelope. Returns false (and changes nothing) if `(mailbox, id)` is present.
    pub fn insert(&mut self, mailbox: MailboxId, id: EnvelopeId, e: Entry) -> bool {
        let entry = self.mailboxes.entry(mailbox).or_default();
        if entry.ids.contains_key(&id) {
            return false;
        }
        entry.ids.insert(id, e.position);
        entry.queue.insert(e.position);
        entry.expiry.insert((e.expires_at, e.position.1));
        let sender = entry.senders.entry(e.submitter).or_default();
        sender.0 += 1;
        sender.1 = sender.1.saturating_add(e.payload_len);
        entry.bytes = entry.bytes.saturating_add(e.payload_len);
        self.count += 1;
        self.earliest_expiry = self.earliest_expiry.min(e.expires_at);
        true
    }

    /// Removes an envelope (`e` as it was inserted); returns where it was.
    pub fn remove(&mut self, mailbox: &MailboxId, id: &EnvelopeId, e: Entry) -> Option<Position> {
        let entry = self.mailboxes.get_mut(mailbox)?;
        let position = entry.ids.remove(id)?;
        entry.queue.remove(&position);
        entry.expiry.remove(&(e.expires_at, position.1));
        if let Some(sender) = entry.senders.get_mut(&e.submitter) {
            sender.0 = sender.0.saturating_sub(1);
            sender.1 = sender.1.saturating_sub(e.payload_len);
            if sender.0 == 0 {
                entry.senders.remove(&e.submitter);
            }
        }
        entry.bytes = entry.bytes.saturating_sub(e.payload_len);
        self.count -= 1;
        if entry.ids.is_empty() {
            self.mailboxes.remove(mailbox);
        }
        Some(position)
    }

    /// Where `(mailbox, id)` is, if stored.
    pub fn position(&self, mailbox: &MailboxId, id: &EnvelopeId) -> Option<Position> {
        self.mailboxes.get(mailbox)?.ids.get(id).copied()
    }

    /// Envelopes waiting in `mailbox` and their payload bytes.
    pub fn usage(&self, mailbox: &MailboxId) -> (u64, u64) {
        self.mailboxes
            .get(mailbox)
            .map_or((0, 0), |m| (m.ids.len() as u64, m.bytes))
    }

    /// Envelopes and payload bytes that `submitter` has waiting in `mailbox`.
    pub fn sender_usage(&self, mailbox: &MailboxId, submitter: &PublicKeyBytes) -> (u64, u64) {
        self.mailboxes
            .get(mailbox)
            .and_then(|m| m.senders.get(&Some(*submitter)))
            .copied()
            .unwrap_or((0, 0))
    }

    /// Sequence numbers of the envelopes of `mailbox` that expire at or before `now`.
    pub fn expired_in(&self, mailbox: &MailboxId, now: u64) -> Vec<u64> {
        self.mailboxes.get(mailbox).map_or_else(Vec::new, |m| {
            m.expiry
                .range(..=(now, u64::MAX))
                .map(|(_, seq)| *seq)
                .collect()
        })
    }

    /// Up to `limit` positions of `mailbox` after `after`, in delivery order.
    pub fn after(
        &self,
        mailbox: &MailboxId,
        after: Option<Position>,
        limit: usize,
    ) -> Vec<Position> {
        let Some(entry) = self.mailboxes.get(mailbox) else {
            return Vec::new();
        };
        match after {
            None => entry.queue.iter().take(limit).copied().collect(),
            Some(after) => entry
                .queue
                .range((std::ops::Bound::Excluded(after), std::ops::Bound::Unbounded))
                .take(limit)
                .copied()
                .collect(),
        }
    }

    /// Stored envelopes, all mailboxes.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Whether an envelope may have expired by `now`.
    pub fn may_have_expired(&self, now: u64) -> bool {
        self.earliest_expiry <= now
    }

    /// Starts a sweep: forgets the earliest expiry, so that only envelopes added from now on
    /// lower it until [`Index::end_sweep`] adds what the sweep found.
    pub fn start_sweep(&mut self) {
        self.earliest_expiry = u64::MAX;
    }

    /// Ends a sweep that found `earliest` as the earliest expiry of what it left.
    pub fn end_sweep(&mut self, earliest: u64) {
        self.earliest_expiry = self.earliest_expiry.min(earliest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queues_are_in_delivery_order_and_ids_are_unique_per_mailbox() {
        let mut index = Index::default();
        let (a, b) = (MailboxId([1; 32]), MailboxId([2; 32]));
        let e = |position, payload_len, expires_at| Entry {
            position,
            payload_len,
            expires_at,
            submitter: None,
        };
        assert!(index.insert(a, EnvelopeId([1; 16]), e((2, 1), 10, 100)));
        assert!(index.insert(a, EnvelopeId([2; 16]), e((0, 2), 20, 50)));
        assert!(index.insert(a, EnvelopeId([3; 16]), e((1, 3), 30, 100)));
        assert!(!index.insert(a, EnvelopeId([3; 16]), e((1, 4), 30, 100)));
        assert!(index.insert(b, EnvelopeId([3; 16]), e((1, 5), 5, 100)));
        assert_eq!(index.after(&a, None, 10), vec![(0, 2), (1, 3), (2, 1)]);
        assert_eq!(index.after(&a, Some((0, 2)), 1), vec![(1, 3)]);
        assert_eq!(index.usage(&a), (3, 60));
        assert_eq!(index.count(), 4);
        assert!(index.may_have_expired(50) && !index.may_have_expired(49));

        assert_eq!(index.expired_in(&a, 49), Vec::<u64>::new());
        assert_eq!(index.expired_in(&a, 50), vec![2]);
        assert_eq!(index.expired_in(&a, 100), vec![2, 1, 3]);
        assert_eq!(
            index.remove(&a, &EnvelopeId([2; 16]), e((0, 2), 20, 50)),
            Some((0, 2))
        );
        assert_eq!(
            index.remove(&a, &EnvelopeId([2; 16]), e((0, 2), 20, 50)),
            None
        );
        assert_eq!(index.expired_in(&a, 99), Vec::<u64>::new());
        assert_eq!(index.usage(&a), (2, 40));
        assert_eq!(index.position(&b, &EnvelopeId([3; 16])), Some((1, 5)));
        index.start_sweep();
        index.end_sweep(100);
        assert!(!index.may_have_expired(99));
    }

    #[test]
    fn usage_is_kept_per_submitting_key() {
        let mut index = Index::default();
        let a = MailboxId([1; 32]);
        let (k1, k2) = (PublicKeyBytes([1; 32]), PublicKeyBytes([2; 32]));
        let e = |seq, submitter| Entry {
            position: (1, seq),
            payload_len: 10,
            expires_at: 100,
            submitter,
        };
        index.insert(a, EnvelopeId([1; 16]), e(1, Some(k1)));
        index.insert(a, EnvelopeId([2; 16]), e(2, Some(k1)));
        index.insert(a, EnvelopeId([3; 16]), e(3, Some(k2)));
        index.insert(a, EnvelopeId([4; 16]), e(4, None));
        assert_eq!(index.sender_usage(&a, &k1), (2, 20));
        assert_eq!(index.sender_usage(&a, &k2), (1, 10));
        assert_eq!(index.usage(&a), (4, 40));
        index.remove(&a, &EnvelopeId([1; 16]), e(1, Some(k1)));
        assert_eq!(index.sender_usage(&a, &k1), (1, 10));
        index.remove(&a, &EnvelopeId([3; 16]), e(3, Some(k2)));
        assert_eq!(index.sender_usage(&a, &k2), (0, 0));
    }
}

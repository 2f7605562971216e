//! The in-memory index of stored envelopes: each mailbox's queue in delivery order, its ids,
//! and what it uses of its quota; and the earliest expiry of all.
//!
//! sled holds one record per envelope under a relay-wide sequence number
//! ([`super::SledStore`]); everything here is derived from those records, rebuilt by one scan
//! when the store opens, and changed only together with them. Keeping it out of sled saves
//! sled two more records per envelope, each costing a few hundred bytes of disk.
//!
//! Memory: under 100 bytes per stored envelope (a B-tree entry of 16 bytes and a hash-map entry
//! of 32, with their overhead).

use std::collections::{BTreeSet, HashMap};

use poc_proto::{EnvelopeId, MailboxId};

/// Where an envelope sits in delivery order: priority rank (0 = high), then sequence number.
pub type Position = (u8, u64);

#[derive(Debug, Default)]
struct Mailbox {
    queue: BTreeSet<Position>,
    ids: HashMap<EnvelopeId, Position>,
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
    pub fn insert(
        &mut self,
        mailbox: MailboxId,
        id: EnvelopeId,
        position: Position,
        payload_len: u64,
        expires_at: u64,
    ) -> bool {
        let entry = self.mailboxes.entry(mailbox).or_default();
        if entry.ids.contains_key(&id) {
            return false;
        }
        entry.ids.insert(id, position);
        entry.queue.insert(position);
        entry.bytes = entry.bytes.saturating_add(payload_len);
        self.count += 1;
        self.earliest_expiry = self.earliest_expiry.min(expires_at);
        true
    }

    /// Removes an envelope; returns where it was.
    pub fn remove(
        &mut self,
        mailbox: &MailboxId,
        id: &EnvelopeId,
        payload_len: u64,
    ) -> Option<Position> {
        let entry = self.mailboxes.get_mut(mailbox)?;
        let position = entry.ids.remove(id)?;
        entry.queue.remove(&position);
        entry.bytes = entry.bytes.saturating_sub(payload_len);
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
        assert!(index.insert(a, EnvelopeId([1; 16]), (2, 1), 10, 100));
        assert!(index.insert(a, EnvelopeId([2; 16]), (0, 2), 20, 50));
        assert!(index.insert(a, EnvelopeId([3; 16]), (1, 3), 30, 100));
        assert!(!index.insert(a, EnvelopeId([3; 16]), (1, 4), 30, 100));
        assert!(index.insert(b, EnvelopeId([3; 16]), (1, 5), 5, 100));
        assert_eq!(index.after(&a, None, 10), vec![(0, 2), (1, 3), (2, 1)]);
        assert_eq!(index.after(&a, Some((0, 2)), 1), vec![(1, 3)]);
        assert_eq!(index.usage(&a), (3, 60));
        assert_eq!(index.count(), 4);
        assert!(index.may_have_expired(50) && !index.may_have_expired(49));

        assert_eq!(index.remove(&a, &EnvelopeId([2; 16]), 20), Some((0, 2)));
        assert_eq!(index.remove(&a, &EnvelopeId([2; 16]), 20), None);
        assert_eq!(index.usage(&a), (2, 40));
        assert_eq!(index.position(&b, &EnvelopeId([3; 16])), Some((1, 5)));
        index.start_sweep();
        index.end_sweep(100);
        assert!(!index.may_have_expired(99));
    }
}

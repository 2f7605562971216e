//! Test support: a store that records which writes were flushed, and can hold a flush at a
//! gate until the test opens it.

use std::collections::HashSet;
use std::sync::{Arc, Condvar, Mutex};

use poc_proto::{Envelope, EnvelopeId, FetchCursor, MailboxId, PublishedDirectory};

use super::{FetchPage, PutOutcome, SledStore, Store, StoreError, Submission};

/// Gate state: (a flush is waiting at the gate, the gate is open).
pub(crate) type Gate = Arc<(Mutex<(bool, bool)>, Condvar)>;

/// Wraps a [`SledStore`]; `durable` holds the ids of every envelope put before a flush.
pub(crate) struct ObservedStore {
    pub inner: SledStore,
    pub pending: Mutex<HashSet<EnvelopeId>>,
    pub durable: Mutex<HashSet<EnvelopeId>>,
    pub gate: Option<Gate>,
    /// When set, puts and flushes fail as a full or broken disk would.
    pub failing: std::sync::atomic::AtomicBool,
    /// When set, only flushes fail (writes reach sled's memory, never the disk).
    pub failing_flush: std::sync::atomic::AtomicBool,
}

impl ObservedStore {
    pub fn new(inner: SledStore, gate: Option<Gate>) -> Self {
        ObservedStore {
            inner,
            pending: Mutex::default(),
            durable: Mutex::default(),
            gate,
            failing: Default::default(),
            failing_flush: Default::default(),
        }
    }

    fn check_disk(&self) -> Result<(), StoreError> {
        if self.failing.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(StoreError::Backend(
                "No space left on device (os error 28)".into(),
            ));
        }
        Ok(())
    }
}

impl Store for ObservedStore {
    fn put_many(
        &self,
        submissions: &[Submission<'_>],
        now: u64,
    ) -> Vec<Result<PutOutcome, StoreError>> {
        if self.check_disk().is_err() {
            return submissions
                .iter()
                .map(|_| self.check_disk().map(|()| PutOutcome::default()))
                .collect();
        }
        let results = self.inner.put_many(submissions, now);
        let mut pending = self.pending.lock().unwrap();
        for (submission, result) in submissions.iter().zip(&results) {
            if result.is_ok() {
                pending.extend(submission.envelopes.iter().map(|e: &Envelope| e.id));
            }
        }
        results
    }
    fn writes_stopped(&self) -> bool {
        self.inner.writes_stopped()
    }
    fn flush(&self) -> Result<(), StoreError> {
        if let Some(gate) = &self.gate {
            let (lock, cv) = &**gate;
            let mut state = lock.lock().unwrap();
            state.0 = true;
            cv.notify_all();
            while !state.1 {
                state = cv.wait(state).unwrap();
            }
        }
        self.check_disk()?;
        if self.failing_flush.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(StoreError::Backend(
                "Input/output error (os error 5)".into(),
            ));
        }
        let flushed: Vec<EnvelopeId> = self.pending.lock().unwrap().drain().collect();
        self.inner.flush()?;
        self.durable.lock().unwrap().extend(flushed);
        Ok(())
    }
    fn fetch(
        &self,
        m: &MailboxId,
        a: Option<FetchCursor>,
        l: usize,
        b: usize,
        n: u64,
    ) -> Result<FetchPage, StoreError> {
        self.inner.fetch(m, a, l, b, n)
    }
    fn delete(&self, m: &MailboxId, ids: &[EnvelopeId]) -> Result<u32, StoreError> {
        self.inner.delete(m, ids)
    }
    fn purge_expired(&self, now: u64) -> Result<u64, StoreError> {
        self.inner.purge_expired(now)
    }
    fn compact(&self) -> Result<u64, StoreError> {
        self.inner.compact()
    }
    fn put_directory(&self, p: &PublishedDirectory) -> Result<(), StoreError> {
        self.inner.put_directory(p)
    }
    fn directory(&self) -> Result<Option<PublishedDirectory>, StoreError> {
        self.inner.directory()
    }
    fn count_arrivals(&self, month: &str, by_rank: [u64; 3]) -> Result<(), StoreError> {
        self.inner.count_arrivals(month, by_rank)
    }
    fn note_refused(&self, m: &MailboxId, n: u64) -> Result<(), StoreError> {
        self.inner.note_refused(m, n)
    }
    fn take_refused(&self, m: &MailboxId) -> Result<u64, StoreError> {
        self.inner.take_refused(m)
    }
    fn stats(&self) -> Result<(Vec<poc_proto::MonthCount>, u64), StoreError> {
        self.inner.stats()
    }
}

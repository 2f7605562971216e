//! Group commit: answer submits only after their writes are on disk, with one flush shared by
//! every submit that is waiting.
//!
//! Two ways in. [`Committer::put_durable`] hands the committer the envelopes themselves: it
//! stores every submit queued so far, on its own thread, then runs a single [`Store::flush`]
//! and answers them all. [`Committer::durable`] is for a handler that already applied its
//! writes (Delete): the committer takes every waiter queued so far, flushes once and answers
//! them. Because a waiter is queued only after its writes completed, and the flush starts
//! only after the waiter was taken, the flush covers those writes.
//!
//! Submits go through [`Committer::put_durable`]: the committer stores every submit queued
//! so far with one [`Store::put_many`] (one sled transaction), then flushes once. sled (0.34)
//! pays two synchronous log writes for every transaction (it rolls its I/O buffer before and
//! after the batch manifest), and makes a transaction wait for an exclusive lock that a flush
//! holds shared for its whole write and sync: with one transaction per submit, on the
//! handlers' threads, a flush covered one or two submits and the relay stalled at a few
//! thousand envelopes per second whatever the number of clients.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

use crate::clock::Clock;
use crate::metrics::Metrics;
use poc_proto::{Envelope, PublicKeyBytes};

use crate::store::{PutOutcome, Quotas, Store, StoreError, Submission};

type Waiter = oneshot::Sender<Result<(), String>>;

/// What to do once the flush of a round ended (with its outcome).
type Completion = Box<dyn FnOnce(&Result<(), String>) + Send>;

enum Job {
    /// Writes already applied: answer after the next flush.
    Wait(Waiter),
    /// Envelopes to store (with the others of the round), then answer after the flush.
    Put {
        put: Put,
        reply: oneshot::Sender<Result<PutOutcome, StoreError>>,
    },
}

/// One Submit for the committer: the envelopes, the logged-in key that submitted them, and
/// the quotas in force.
#[derive(Debug)]
pub struct Put {
    /// The envelopes.
    pub envelopes: Vec<Envelope>,
    /// The key the connection logged in with.
    pub submitter: PublicKeyBytes,
    /// The quotas.
    pub quotas: Quotas,
}

/// Stores every Put of a round with one `put_many`, records arrivals and refusals, and
/// returns how to answer each once the flush ended.
fn put_round(store: &dyn Store, puts: Vec<(Put, PutReply)>, now: u64) -> Vec<Completion> {
    if puts.is_empty() {
        return Vec::new();
    }
    let submissions: Vec<Submission<'_>> = puts
        .iter()
        .map(|(put, _)| Submission {
            envelopes: &put.envelopes,
            submitter: put.submitter,
            quotas: &put.quotas,
        })
        .collect();
    let results = store.put_many(&submissions, now);
    drop(submissions);
    let month = crate::month::month_of(now);
    let mut by_rank = [0u64; 3];
    let mut completions = Vec::with_capacity(puts.len());
    for ((put, reply), result) in puts.into_iter().zip(results) {
        let envelopes = put.envelopes;
        match &result {
            Ok(outcome) => {
                for (total, n) in by_rank.iter_mut().zip(outcome.stored_by_rank) {
                    *total += n;
                }
            }
            Err(StoreError::QuotaExceeded { mailbox, .. }) => {
                // The recipient learns at its next fetch that senders were turned away.
                let refused = envelopes.iter().filter(|e| e.to == *mailbox).count() as u64;
                if let Err(e) = store.note_refused(mailbox, refused) {
                    tracing::warn!(error = %e, "recording a refusal failed");
                }
            }
            Err(_) => {}
        }
        completions.push(Box::new(move |flushed: &Result<(), String>| {
            let answer = match (result, flushed) {
                (Ok(outcome), Ok(())) => Ok(outcome),
                (Ok(_), Err(e)) => Err(StoreError::Backend(e.clone())),
                (Err(e), _) => Err(e),
            };
            let _ = reply.send(answer);
        }) as Completion);
    }
    // Statistics never decide whether a submit succeeds.
    if by_rank.iter().any(|n| *n > 0) {
        if let Err(e) = store.count_arrivals(&month, by_rank) {
            tracing::warn!(error = %e, "counting arrivals failed");
        }
    }
    completions
}

type PutReply = oneshot::Sender<Result<PutOutcome, StoreError>>;

/// Handle to the group-commit task.
#[derive(Clone)]
pub struct Committer {
    tx: mpsc::UnboundedSender<Job>,
    flushes: Arc<AtomicU64>,
}

impl std::fmt::Debug for Committer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Committer")
            .field("flushes", &self.flush_count())
            .finish_non_exhaustive()
    }
}

impl Committer {
    /// A committer for `store`, and the commit task for the caller to run on a tokio
    /// runtime. Flush durations go to `metrics`; arrivals are counted under the month of
    /// `clock`. The task ends, and releases the store, once every clone of the returned
    /// committer is dropped.
    pub(crate) fn new(
        store: Arc<dyn Store>,
        metrics: Arc<Metrics>,
        clock: Clock,
    ) -> (Self, impl std::future::Future<Output = ()> + Send + 'static) {
        let (tx, mut rx) = mpsc::unbounded_channel::<Job>();
        let flushes = Arc::new(AtomicU64::new(0));
        let counter = flushes.clone();
        let task = async move {
            while let Some(first) = rx.recv().await {
                let mut jobs = vec![first];
                while let Ok(job) = rx.try_recv() {
                    jobs.push(job);
                }
                let waiting = jobs.len();
                let round_store = store.clone();
                let started = std::time::Instant::now();
                let now = clock.unix_secs();
                // The writes and the flush run on one blocking thread, writes first. If that
                // thread panics, the completions are lost and their senders dropped: each
                // caller gets "commit task stopped", nothing is acknowledged.
                let round = tokio::task::spawn_blocking(move || {
                    let mut completions: Vec<Completion> = Vec::with_capacity(jobs.len());
                    let mut puts = Vec::new();
                    for job in jobs {
                        match job {
                            Job::Wait(waiter) => {
                                completions.push(Box::new(move |flushed: &Result<(), String>| {
                                    let _ = waiter.send(flushed.clone());
                                }))
                            }
                            Job::Put { put, reply } => puts.push((put, reply)),
                        }
                    }
                    completions.extend(put_round(round_store.as_ref(), puts, now));
                    let flushed = round_store.flush().map_err(|e| e.to_string());
                    (completions, flushed)
                })
                .await;
                counter.fetch_add(1, Ordering::Relaxed);
                metrics
                    .flush_seconds
                    .observe(started.elapsed().as_secs_f64());
                metrics
                    .writes_stopped
                    .set(i64::from(store.writes_stopped()));
                match round {
                    Ok((completions, flushed)) => {
                        if let Err(e) = &flushed {
                            tracing::error!(error = %e, waiters = waiting, "flush failed; submits refused");
                        }
                        for complete in completions {
                            complete(&flushed);
                        }
                    }
                    Err(e) => {
                        tracing::error!(error = %e, waiters = waiting, "commit round failed; submits refused");
                    }
                }
            }
        };
        (Committer { tx, flushes }, task)
    }

    /// Waits until every write completed before this call is durable.
    pub async fn durable(&self) -> Result<(), StoreError> {
        let (tx, rx) = oneshot::channel();
        self.tx
            .send(Job::Wait(tx))
            .map_err(|_| StoreError::Backend("commit task stopped".into()))?;
        rx.await
            .map_err(|_| StoreError::Backend("commit task stopped".into()))?
            .map_err(StoreError::Backend)
    }

    /// Stores the envelopes of `put` together with the other submits queued (one
    /// transaction), then flushes once for all of them; returns the outcome once the flush
    /// ended. A stored batch is returned only after a successful flush (else the flush
    /// error); a refused one is returned as it is, and the refusal is recorded for the
    /// recipient.
    pub async fn put_durable(&self, put: Put) -> Result<PutOutcome, StoreError> {
        let (reply, rx) = oneshot::channel();
        self.tx
            .send(Job::Put { put, reply })
            .map_err(|_| StoreError::Backend("commit task stopped".into()))?;
        rx.await
            .map_err(|_| StoreError::Backend("commit task stopped".into()))?
    }

    /// Number of flushes run so far.
    pub fn flush_count(&self) -> u64 {
        self.flushes.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::observed::ObservedStore;
    use crate::store::SledStore;
    use std::sync::{Condvar, Mutex};

    #[tokio::test(flavor = "current_thread")]
    async fn waiters_queued_during_a_flush_share_the_next_one() {
        let dir = tempfile::tempdir().unwrap();
        let gate = Arc::new((Mutex::new((false, false)), Condvar::new()));
        let store = ObservedStore::new(
            SledStore::open(dir.path(), 1 << 20).unwrap(),
            Some(gate.clone()),
        );
        let (committer, task) =
            Committer::new(Arc::new(store), Default::default(), Clock::system());
        tokio::spawn(task);

        // The first waiter starts a flush that blocks at the gate.
        let first = tokio::spawn({
            let c = committer.clone();
            async move { c.durable().await }
        });
        loop {
            tokio::task::yield_now().await;
            if gate.0.lock().unwrap().0 {
                break;
            }
        }
        // 49 more waiters queue up while that flush is in progress.
        let rest: Vec<_> = (0..49)
            .map(|_| {
                let c = committer.clone();
                tokio::spawn(async move { c.durable().await })
            })
            .collect();
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
        {
            let (lock, cv) = &*gate;
            lock.lock().unwrap().1 = true;
            cv.notify_all();
        }
        first.await.unwrap().unwrap();
        for task in rest {
            task.await.unwrap().unwrap();
        }
        assert_eq!(
            committer.flush_count(),
            2,
            "49 queued waiters must share one flush"
        );
    }
}

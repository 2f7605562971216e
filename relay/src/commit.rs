//! Group commit: answer submits only after their writes are on disk, with one flush shared by
//! every submit that is waiting.
//!
//! A handler first applies its writes to the store, then calls [`Committer::durable`]. The
//! committer task takes every waiter queued so far, runs a single [`Store::flush`] and answers
//! them all. Because a waiter is queued only after its writes completed, and the flush starts
//! only after the waiter was taken, the flush covers those writes.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

use crate::metrics::Metrics;
use crate::store::{Store, StoreError};

type Waiter = oneshot::Sender<Result<(), String>>;

/// Handle to the group-commit task.
#[derive(Debug, Clone)]
pub struct Committer {
    tx: mpsc::UnboundedSender<Waiter>,
    flushes: Arc<AtomicU64>,
}

impl Committer {
    /// Starts the commit task for `store` on the current tokio runtime; flush durations go
    /// to `metrics`. The task ends, and releases the store, once every clone of the returned
    /// committer is dropped.
    pub(crate) fn spawn(
        store: Arc<dyn Store>,
        metrics: Arc<Metrics>,
    ) -> (Self, tokio::task::JoinHandle<()>) {
        let (tx, mut rx) = mpsc::unbounded_channel::<Waiter>();
        let flushes = Arc::new(AtomicU64::new(0));
        let counter = flushes.clone();
        let task = tokio::spawn(async move {
            while let Some(first) = rx.recv().await {
                let mut waiters = vec![first];
                while let Ok(waiter) = rx.try_recv() {
                    waiters.push(waiter);
                }
                let store = store.clone();
                let started = std::time::Instant::now();
                let result = match tokio::task::spawn_blocking(move || store.flush()).await {
                    Ok(Ok(())) => Ok(()),
                    Ok(Err(e)) => Err(e.to_string()),
                    Err(e) => Err(format!("flush task failed: {e}")),
                };
                counter.fetch_add(1, Ordering::Relaxed);
                metrics
                    .flush_seconds
                    .observe(started.elapsed().as_secs_f64());
                if let Err(e) = &result {
                    tracing::error!(error = %e, waiters = waiters.len(), "flush failed; submits refused");
                }
                for waiter in waiters {
                    let _ = waiter.send(result.clone());
                }
            }
        });
        (Committer { tx, flushes }, task)
    }

    /// Waits until every write completed before this call is durable.
    pub async fn durable(&self) -> Result<(), StoreError> {
        let (tx, rx) = oneshot::channel();
        self.tx
            .send(tx)
            .map_err(|_| StoreError::Backend("commit task stopped".into()))?;
        rx.await
            .map_err(|_| StoreError::Backend("commit task stopped".into()))?
            .map_err(StoreError::Backend)
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
        let (committer, _task) = Committer::spawn(Arc::new(store), Default::default());

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

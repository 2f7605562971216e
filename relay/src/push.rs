//! Push of `Notify` hints to subscribed connections (PROTOCOL.md §5.5).
//!
//! Each subscribed connection has one bounded queue of notifications and one pusher task
//! that empties it, one server-opened unidirectional stream per notification. When the queue
//! is full, a further notification is merged into the last one waiting (its id, and the
//! higher of the two priorities): a `Notify` only tells the client to fetch, so the client
//! loses nothing. A push whose stream the client does not grant within
//! `push_open_timeout_secs` (relay clock) is dropped. What one connection can make the relay
//! hold is thus one task and `push_queue_per_connection` notifications, whatever the rate of
//! submits.
//!
//! This module does not decide what is notified (the Submit handler does, after the flush)
//! and keeps nothing across connections: a registration ends with its connection.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use poc_proto::{encode, MailboxId, Notify};

use crate::clock::Clock;
use crate::config::Limits;
use crate::metrics::Metrics;

/// The subscriptions of a relay.
pub(crate) struct Push {
    subscribers: Mutex<HashMap<MailboxId, Vec<Subscriber>>>,
    capacity: usize,
    open_timeout: Duration,
    clock: Clock,
    metrics: Arc<Metrics>,
}

impl std::fmt::Debug for Push {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Push")
            .field("capacity", &self.capacity)
            .finish_non_exhaustive()
    }
}

struct Subscriber {
    connection: usize,
    queue: Arc<Queue>,
}

/// The notifications waiting for one connection.
#[derive(Default)]
struct Queue {
    waiting: Mutex<Waiting>,
    wake: tokio::sync::Notify,
}

#[derive(Default)]
struct Waiting {
    notifies: VecDeque<Notify>,
    /// Set by the pusher when it ends: nothing more is queued.
    closed: bool,
}

impl Queue {
    fn lock(&self) -> std::sync::MutexGuard<'_, Waiting> {
        match self.waiting.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    fn is_closed(&self) -> bool {
        self.lock().closed
    }

    /// Queues `notify`, merging it into the last one waiting when `capacity` are waiting.
    /// Returns false if the queue is closed.
    fn offer(&self, notify: Notify, capacity: usize) -> bool {
        let mut waiting = self.lock();
        if waiting.closed {
            return false;
        }
        if waiting.notifies.iter().any(|n| n.id == notify.id) {
            return true;
        }
        let full = waiting_is_full(waiting.notifies.len(), capacity);
        match waiting.notifies.back_mut() {
            Some(last) if full => {
                let priority = if notify.priority.rank() < last.priority.rank() {
                    notify.priority
                } else {
                    last.priority
                };
                *last = Notify {
                    id: notify.id,
                    priority,
                };
            }
            _ => waiting.notifies.push_back(notify),
        }
        drop(waiting);
        self.wake.notify_one();
        true
    }

    fn next(&self) -> Option<Notify> {
        self.lock().notifies.pop_front()
    }

    fn close(&self) {
        let mut waiting = self.lock();
        waiting.closed = true;
        waiting.notifies.clear();
    }
}

fn waiting_is_full(len: usize, capacity: usize) -> bool {
    len >= capacity.max(1)
}

impl Push {
    pub(crate) fn new(limits: &Limits, clock: Clock, metrics: Arc<Metrics>) -> Self {
        Push {
            subscribers: Mutex::default(),
            capacity: limits.push_queue_per_connection.max(1),
            open_timeout: Duration::from_secs(limits.push_open_timeout_secs.max(1)),
            clock,
            metrics,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<MailboxId, Vec<Subscriber>>> {
        match self.subscribers.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// Registers `connection` for pushes to `mailbox` and starts its pusher; a connection
    /// already registered keeps its queue and pusher.
    pub(crate) fn subscribe(&self, mailbox: MailboxId, connection: &quinn::Connection) {
        let mut subscribers = self.lock();
        let list = subscribers.entry(mailbox).or_default();
        list.retain(|s| !s.queue.is_closed());
        if list.iter().any(|s| s.connection == connection.stable_id()) {
            return;
        }
        let queue = Arc::new(Queue::default());
        list.push(Subscriber {
            connection: connection.stable_id(),
            queue: queue.clone(),
        });
        drop(subscribers);
        tokio::spawn(pusher(
            connection.clone(),
            queue,
            self.clock.clone(),
            self.open_timeout,
            self.metrics.clone(),
        ));
    }

    /// Queues each notification for every live subscriber of its mailbox. Never waits.
    pub(crate) fn notify(&self, arrivals: Vec<(MailboxId, Notify)>) {
        let mut subscribers = self.lock();
        for (mailbox, notify) in arrivals {
            if let Some(list) = subscribers.get_mut(&mailbox) {
                list.retain(|s| s.queue.offer(notify, self.capacity));
            }
        }
        subscribers.retain(|_, list| !list.is_empty());
    }
}

/// Pushes the queue's notifications one at a time until the connection ends.
async fn pusher(
    connection: quinn::Connection,
    queue: Arc<Queue>,
    clock: Clock,
    open_timeout: Duration,
    metrics: Arc<Metrics>,
) {
    'connection: loop {
        tokio::select! {
            _ = connection.closed() => break,
            () = queue.wake.notified() => {}
        }
        while let Some(notify) = queue.next() {
            let Ok(body) = encode(&notify) else { continue };
            let len = u32::try_from(body.len()).unwrap_or(u32::MAX).to_be_bytes();
            let push = async {
                let mut stream = match clock.timeout(open_timeout, connection.open_uni()).await {
                    Some(Ok(stream)) => stream,
                    Some(Err(_)) => return Err(()),
                    None => return Ok(false),
                };
                let written = async {
                    stream.write_all(&len).await?;
                    stream.write_all(&body).await
                };
                if let Some(Ok(())) = clock.timeout(open_timeout, written).await {
                    let _ = stream.finish();
                    Ok(true)
                } else {
                    stream.reset(0u32.into()).ok();
                    Ok(false)
                }
            };
            match push.await {
                Ok(true) => {}
                Ok(false) => metrics.reject("push_dropped"),
                Err(()) => break 'connection,
            }
        }
    }
    queue.close();
}

#[cfg(test)]
mod tests {
    use super::*;
    use poc_proto::{EnvelopeId, Priority};

    fn notify(i: u8, priority: Priority) -> Notify {
        Notify {
            id: EnvelopeId([i; 16]),
            priority,
        }
    }

    #[test]
    fn a_full_queue_merges_into_its_last_notification() {
        let queue = Queue::default();
        for i in 0..100u8 {
            let priority = if i == 50 {
                Priority::High
            } else {
                Priority::Low
            };
            assert!(queue.offer(notify(i, priority), 4));
        }
        let waiting: Vec<Notify> = std::iter::from_fn(|| queue.next()).collect();
        assert_eq!(waiting.len(), 4);
        assert_eq!(waiting[..3], [0, 1, 2].map(|i| notify(i, Priority::Low)));
        // The last one stands for 3..=99: the latest id, the highest priority among them.
        assert_eq!(waiting[3], notify(99, Priority::High));
    }

    #[test]
    fn a_notification_already_waiting_is_not_queued_twice_and_a_closed_queue_takes_none() {
        let queue = Queue::default();
        assert!(queue.offer(notify(1, Priority::Low), 4));
        assert!(queue.offer(notify(1, Priority::Low), 4));
        assert_eq!(queue.lock().notifies.len(), 1);
        queue.close();
        assert!(!queue.offer(notify(2, Priority::Low), 4));
        assert!(queue.next().is_none());
    }
}

//! Who gets in, and how fast: the bound on connections that have not logged in, the cap on
//! logged-in connections per key, and the per-key token bucket.
//!
//! Together with the byte budgets of [`crate::budget`] these bound what one key (or no key)
//! can make the relay hold: at most `max_connections_per_key` connections ×
//! `max_streams_per_connection` streams, each waiting for its frame to fit in the key's
//! share of the request budget before it is read.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use governor::clock::Clock as _;
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use poc_proto::PublicKeyBytes;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::clock::Clock;
use crate::config::Limits;

/// Per-key token buckets, refilled by the relay's clock.
type KeyedLimiter = RateLimiter<
    PublicKeyBytes,
    DefaultKeyedStateStore<PublicKeyBytes>,
    Clock,
    NoOpMiddleware<Duration>,
>;

/// Admission state shared by all connections.
pub(crate) struct Admission {
    unauthenticated: Arc<Semaphore>,
    connections: Mutex<HashMap<PublicKeyBytes, Vec<quinn::Connection>>>,
    max_per_key: usize,
    limiter: KeyedLimiter,
    clock: Clock,
}

impl std::fmt::Debug for Admission {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Admission")
            .field("max_per_key", &self.max_per_key)
            .finish_non_exhaustive()
    }
}

/// A login refused because the key already holds its share of connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooManyConnections(pub usize);

impl Admission {
    /// Limits are validated by [`crate::config::RelayConfig::check_values`]; zero values
    /// are raised to 1 here so that a hand-built `Limits` cannot panic.
    /// Token buckets refill by `clock`.
    pub(crate) fn new(limits: &Limits, clock: Clock) -> Self {
        let one = NonZeroU32::MIN;
        let rate = NonZeroU32::new(limits.requests_per_sec).unwrap_or(one);
        let burst = NonZeroU32::new(limits.request_burst).unwrap_or(one);
        Admission {
            unauthenticated: Arc::new(Semaphore::new(limits.max_unauthenticated.max(1))),
            connections: Mutex::default(),
            max_per_key: limits.max_connections_per_key.max(1),
            limiter: RateLimiter::new(
                Quota::per_second(rate).allow_burst(burst),
                DefaultKeyedStateStore::default(),
                clock.clone(),
            ),
            clock,
        }
    }

    /// A slot for a connection that has not logged in yet, if one is free. The slot is held
    /// until the connection logs in or ends.
    pub(crate) fn unauthenticated_slot(&self) -> Option<OwnedSemaphorePermit> {
        self.unauthenticated.clone().try_acquire_owned().ok()
    }

    /// Records a logged-in connection of `key`, unless the key already has its share.
    pub(crate) fn register(
        &self,
        key: PublicKeyBytes,
        connection: &quinn::Connection,
    ) -> Result<(), TooManyConnections> {
        let mut connections = lock(&self.connections);
        let list = connections.entry(key).or_default();
        list.retain(|c| c.close_reason().is_none());
        if list.iter().any(|c| c.stable_id() == connection.stable_id()) {
            return Ok(());
        }
        if list.len() >= self.max_per_key {
            return Err(TooManyConnections(self.max_per_key));
        }
        list.push(connection.clone());
        Ok(())
    }

    /// Forgets a connection that ended.
    pub(crate) fn unregister(&self, key: &PublicKeyBytes, connection: &quinn::Connection) {
        let mut connections = lock(&self.connections);
        if let Some(list) = connections.get_mut(key) {
            list.retain(|c| c.close_reason().is_none() && c.stable_id() != connection.stable_id());
            if list.is_empty() {
                connections.remove(key);
            }
        }
    }

    /// Takes one token from `key`'s bucket, or says how long until one is available.
    pub(crate) fn check_rate(&self, key: &PublicKeyBytes) -> Result<(), Duration> {
        self.limiter
            .check_key(key)
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }

    /// Closes every connection of a key that `admitted` no longer accepts (a key removed by
    /// a directory publication), except the connection whose `stable_id` is `spare`: it is
    /// refused at its next request instead. Returns how many connections were closed.
    pub(crate) fn cut_off(
        &self,
        admitted: impl Fn(&PublicKeyBytes) -> bool,
        spare: Option<usize>,
    ) -> usize {
        let mut connections = lock(&self.connections);
        let mut closed = 0;
        connections.retain(|key, list| {
            if admitted(key) {
                return true;
            }
            list.retain(|connection| {
                if Some(connection.stable_id()) == spare {
                    return true;
                }
                connection.close(2u32.into(), b"key removed from the directory");
                closed += 1;
                false
            });
            !list.is_empty()
        });
        // Buckets of keys that have gone quiet are dropped; a returning key starts full.
        self.limiter.retain_recent();
        closed
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match mutex.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(rate: u32, burst: u32) -> Limits {
        Limits {
            requests_per_sec: rate,
            request_burst: burst,
            max_unauthenticated: 2,
            ..Limits::default()
        }
    }

    #[test]
    fn the_bucket_allows_the_burst_then_refuses_with_a_wait() {
        let admission = Admission::new(&limits(1, 5), Clock::system());
        let key = PublicKeyBytes([7; 32]);
        for i in 0..5 {
            assert!(
                admission.check_rate(&key).is_ok(),
                "request {i} of the burst"
            );
        }
        let wait = admission.check_rate(&key).unwrap_err();
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_secs(1),
            "{wait:?}"
        );
        // Another key has its own bucket.
        assert!(admission.check_rate(&PublicKeyBytes([8; 32])).is_ok());
    }

    #[test]
    fn unauthenticated_slots_are_bounded_and_returned() {
        let admission = Admission::new(&limits(1, 1), Clock::system());
        let a = admission.unauthenticated_slot().unwrap();
        let _b = admission.unauthenticated_slot().unwrap();
        assert!(admission.unauthenticated_slot().is_none());
        drop(a);
        assert!(admission.unauthenticated_slot().is_some());
    }
}

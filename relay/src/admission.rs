//! Who gets in, and how fast: the bounds on connections that have not logged in (overall and
//! per source address), the token bucket per source address before login, the cap on
//! logged-in connections per key, and the per-key token bucket.
//!
//! Together with the byte budgets of [`crate::budget`] these bound what one key (or no key)
//! can make the relay hold: at most `max_connections_per_key` connections ×
//! `max_streams_per_connection` streams, each waiting for its frame to fit in the key's
//! share of the request budget before it is read; and, without a key,
//! `max_unauthenticated_per_address` connections per source address. Source addresses are
//! only counted once QUIC has validated them (Retry, in `crate::server`): this module trusts
//! the address it is given.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
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

/// Per-source-address token buckets for requests before login, refilled by the relay's clock.
type SourceLimiter =
    RateLimiter<Source, DefaultKeyedStateStore<Source>, Clock, NoOpMiddleware<Duration>>;

/// Where a connection comes from, as the limits before login count it: an IPv4 address, or
/// the /64 prefix of an IPv6 address (one subscriber's usual allocation, so that an attacker
/// with a whole prefix counts once). An IPv4 address mapped into IPv6 counts as IPv4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Source(IpAddr);

impl Source {
    pub(crate) fn of(address: SocketAddr) -> Self {
        match address.ip().to_canonical() {
            IpAddr::V4(v4) => Source(IpAddr::V4(v4)),
            IpAddr::V6(v6) => {
                let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                Source(IpAddr::V6(prefix.into()))
            }
        }
    }
}

/// Why a connection that has not logged in gets no slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoSlot {
    /// `max_unauthenticated` connections are not logged in yet.
    Relay,
    /// Its source address already has `max_unauthenticated_per_address` of them.
    Address,
}

/// The slot of a connection that has not logged in yet: one of `max_unauthenticated`, and
/// one of its source address's `max_unauthenticated_per_address`. Both are given back when
/// it is dropped (at login, or when the connection ends).
#[derive(Debug)]
pub(crate) struct UnauthenticatedSlot {
    _relay: OwnedSemaphorePermit,
    source: Source,
    per_source: Arc<Mutex<HashMap<Source, usize>>>,
}

impl Drop for UnauthenticatedSlot {
    fn drop(&mut self) {
        let mut counts = lock(&self.per_source);
        if let Some(n) = counts.get_mut(&self.source) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                counts.remove(&self.source);
            }
        }
    }
}

/// Admission state shared by all connections.
pub(crate) struct Admission {
    unauthenticated: Arc<Semaphore>,
    per_source: Arc<Mutex<HashMap<Source, usize>>>,
    max_per_source: usize,
    source_limiter: SourceLimiter,
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
        let source_rate = NonZeroU32::new(limits.requests_per_sec_before_login).unwrap_or(one);
        let source_burst = NonZeroU32::new(limits.request_burst_before_login).unwrap_or(one);
        Admission {
            unauthenticated: Arc::new(Semaphore::new(limits.max_unauthenticated.max(1))),
            per_source: Arc::default(),
            max_per_source: limits.max_unauthenticated_per_address.max(1),
            source_limiter: RateLimiter::new(
                Quota::per_second(source_rate).allow_burst(source_burst),
                DefaultKeyedStateStore::default(),
                clock.clone(),
            ),
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

    /// A slot for a connection from `source` that has not logged in yet, if its address and
    /// the relay both have one free. The slot is held until the connection logs in or ends.
    pub(crate) fn unauthenticated_slot(
        &self,
        source: Source,
    ) -> Result<UnauthenticatedSlot, NoSlot> {
        let mut counts = lock(&self.per_source);
        let count = counts.entry(source).or_insert(0);
        if *count >= self.max_per_source {
            return Err(NoSlot::Address);
        }
        let Ok(permit) = self.unauthenticated.clone().try_acquire_owned() else {
            if *count == 0 {
                counts.remove(&source);
            }
            return Err(NoSlot::Relay);
        };
        *count += 1;
        Ok(UnauthenticatedSlot {
            _relay: permit,
            source,
            per_source: self.per_source.clone(),
        })
    }

    /// Takes one token from the bucket of `source` for a request before login, or says how
    /// long until one is available.
    pub(crate) fn check_source_rate(&self, source: &Source) -> Result<(), Duration> {
        self.source_limiter
            .check_key(source)
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }

    /// Drops the buckets of source addresses that have gone quiet (a returning address
    /// starts full), so that their number stays bounded by the addresses seen recently.
    pub(crate) fn forget_quiet_sources(&self) {
        self.source_limiter.retain_recent();
        self.source_limiter.shrink_to_fit();
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

    fn source(text: &str) -> Source {
        Source::of(SocketAddr::new(text.parse().unwrap(), 4433))
    }

    #[test]
    fn unauthenticated_slots_are_bounded_and_returned() {
        let admission = Admission::new(&limits(1, 1), Clock::system());
        let a = admission.unauthenticated_slot(source("192.0.2.1")).unwrap();
        let _b = admission.unauthenticated_slot(source("192.0.2.2")).unwrap();
        assert_eq!(
            admission
                .unauthenticated_slot(source("192.0.2.3"))
                .unwrap_err(),
            NoSlot::Relay
        );
        drop(a);
        assert!(admission.unauthenticated_slot(source("192.0.2.3")).is_ok());
    }

    #[test]
    fn one_address_cannot_take_more_than_its_share_of_unauthenticated_slots() {
        let admission = Admission::new(
            &Limits {
                max_unauthenticated: 10,
                max_unauthenticated_per_address: 2,
                ..Limits::default()
            },
            Clock::system(),
        );
        let a = admission.unauthenticated_slot(source("192.0.2.1")).unwrap();
        let _b = admission.unauthenticated_slot(source("192.0.2.1")).unwrap();
        assert_eq!(
            admission
                .unauthenticated_slot(source("192.0.2.1"))
                .unwrap_err(),
            NoSlot::Address
        );
        // Another address still gets in; the first gets its slot back when one ends.
        assert!(admission.unauthenticated_slot(source("192.0.2.2")).is_ok());
        drop(a);
        assert!(admission.unauthenticated_slot(source("192.0.2.1")).is_ok());
        // Addresses of one IPv6 /64 count together; IPv4 mapped into IPv6 counts as IPv4.
        let _c = admission
            .unauthenticated_slot(source("2001:db8::1"))
            .unwrap();
        let _d = admission
            .unauthenticated_slot(source("2001:db8::ffff:1"))
            .unwrap();
        assert_eq!(
            admission
                .unauthenticated_slot(source("2001:db8::2"))
                .unwrap_err(),
            NoSlot::Address
        );
        assert!(admission
            .unauthenticated_slot(source("2001:db8:0:1::1"))
            .is_ok());
        assert_eq!(source("::ffff:192.0.2.1"), source("192.0.2.1"));
    }

    #[test]
    fn requests_before_login_are_rate_limited_per_address() {
        let admission = Admission::new(
            &Limits {
                requests_per_sec_before_login: 1,
                request_burst_before_login: 3,
                ..Limits::default()
            },
            Clock::system(),
        );
        for i in 0..3 {
            assert!(
                admission.check_source_rate(&source("192.0.2.1")).is_ok(),
                "request {i} of the burst"
            );
        }
        assert!(admission.check_source_rate(&source("192.0.2.1")).is_err());
        assert!(admission.check_source_rate(&source("192.0.2.2")).is_ok());
    }
}

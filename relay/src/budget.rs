//! Byte budgets for what clients make the relay hold: request frames being read or handled,
//! and the large answers (Fetch, GetDirectory) being built or written.
//!
//! Three pools, each a relay-wide budget with a per-key share of it:
//!
//! - large request frames (above [`SMALL_REQUEST_BYTES`]): `max_inflight_request_bytes`,
//!   `max_inflight_request_bytes_per_key`;
//! - small request frames (login, fetch, delete, subscribe):
//!   `max_inflight_small_request_bytes`, `max_inflight_small_request_bytes_per_key`, apart
//!   from the large ones so that they never wait behind large bodies;
//! - answers: `max_inflight_answer_bytes`, `max_inflight_answer_bytes_per_key`.
//!
//! A holding is taken from the key's share first, then from the relay-wide budget, and is
//! given back when dropped. Connections not logged in have no key: their frames (`Hello`,
//! `Auth`, at most `MAX_PREAUTH_FRAME_BYTES`) count in a fourth pool of their own, as large
//! as all of them can be at once (`max_unauthenticated` connections ×
//! `max_streams_per_connection` frames), so that member keys filling the small budget never
//! hold up a login.
//!
//! This module only counts bytes; it does not read streams ([`read_body`] aside, which
//! enforces the minimum rate of a body whose bytes are already counted) nor decide what to
//! answer.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use poc_proto::PublicKeyBytes;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::clock::Clock;
use crate::config::Limits;

/// Frames of at most this many bytes are small requests, with a budget of their own.
pub(crate) const SMALL_REQUEST_BYTES: usize = 64 * 1024;

/// All the byte budgets of a relay.
#[derive(Debug)]
pub(crate) struct Budgets {
    large: Pool,
    small: Pool,
    answers: Pool,
    preauth: Pool,
}

impl Budgets {
    /// Budgets sized by `limits` (validated by `check_values`; a zero share is raised to 1
    /// here so that a hand-built `Limits` cannot deadlock on an empty semaphore).
    pub(crate) fn new(limits: &Limits) -> Self {
        Budgets {
            large: Pool::new(
                limits.max_inflight_request_bytes,
                limits.max_inflight_request_bytes_per_key,
            ),
            small: Pool::new(
                limits.max_inflight_small_request_bytes,
                limits.max_inflight_small_request_bytes_per_key,
            ),
            answers: Pool::new(
                limits.max_inflight_answer_bytes,
                limits.max_inflight_answer_bytes_per_key,
            ),
            preauth: {
                let streams =
                    usize::try_from(limits.max_streams_per_connection).unwrap_or(usize::MAX);
                let frames = limits.max_unauthenticated.saturating_mul(streams);
                let bytes = frames.saturating_mul(
                    poc_proto::limits::MAX_PREAUTH_FRAME_BYTES + poc_proto::framing::PREFIX_BYTES,
                );
                Pool::new(bytes, bytes)
            },
        }
    }

    /// Waits until a request frame of `len` bytes fits in `key`'s share and the relay's
    /// budget of its size class. `None` if it can never fit.
    pub(crate) async fn request(&self, key: Option<&PublicKeyBytes>, len: usize) -> Option<Held> {
        if key.is_none() {
            self.preauth.take(None, len).await
        } else if is_small(len) {
            self.small.take(key, len).await
        } else {
            self.large.take(key, len).await
        }
    }

    /// Waits until an answer of up to `len` bytes fits in `key`'s share and the relay's
    /// answer budget. Shrink the holding to the answer's real size once it is built.
    pub(crate) async fn answer(&self, key: &PublicKeyBytes, len: usize) -> Option<Held> {
        self.answers.take(Some(key), len).await
    }
}

/// Whether a frame body of `len` bytes is a small request.
pub(crate) fn is_small(len: usize) -> bool {
    len <= SMALL_REQUEST_BYTES
}

/// Bytes counted in a key's share and in the relay-wide budget, until dropped.
#[derive(Debug)]
pub(crate) struct Held {
    key: Option<OwnedSemaphorePermit>,
    total: OwnedSemaphorePermit,
}

impl Held {
    /// Gives back what is held beyond `len` bytes.
    pub(crate) fn shrink_to(&mut self, len: usize) {
        let keep = len.max(1);
        if let Some(key) = self.key.as_mut() {
            let _ = key.split(key.num_permits().saturating_sub(keep));
        }
        let _ = self
            .total
            .split(self.total.num_permits().saturating_sub(keep));
    }

    /// Bytes held.
    #[cfg(test)]
    pub(crate) fn bytes(&self) -> usize {
        self.total.num_permits()
    }
}

/// A relay-wide budget and the per-key shares of it.
#[derive(Debug)]
struct Pool {
    total: Arc<Semaphore>,
    per_key: usize,
    keys: Mutex<HashMap<PublicKeyBytes, Arc<Semaphore>>>,
}

impl Pool {
    fn new(total: usize, per_key: usize) -> Self {
        let total = total.clamp(1, Semaphore::MAX_PERMITS);
        Pool {
            total: Arc::new(Semaphore::new(total)),
            per_key: per_key.clamp(1, total),
            keys: Mutex::default(),
        }
    }

    /// The key's share first (a key that holds its share waits without taking from the
    /// others), then the relay-wide budget.
    async fn take(&self, key: Option<&PublicKeyBytes>, len: usize) -> Option<Held> {
        let n = u32::try_from(len.max(1)).ok()?;
        let key = match key {
            Some(key) => {
                if len > self.per_key {
                    return None;
                }
                Some(self.share(key).acquire_many_owned(n).await.ok()?)
            }
            None => None,
        };
        let total = self.total.clone().acquire_many_owned(n).await.ok()?;
        Some(Held { key, total })
    }

    /// The semaphore of `key`'s share. Shares nobody holds anything of are forgotten when a
    /// new key arrives, so the map holds at most the keys with bytes in flight plus one.
    fn share(&self, key: &PublicKeyBytes) -> Arc<Semaphore> {
        let mut keys = match self.keys.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(share) = keys.get(key) {
            return share.clone();
        }
        let full = self.per_key;
        keys.retain(|_, share| Arc::strong_count(share) > 1 || share.available_permits() < full);
        let share = Arc::new(Semaphore::new(full));
        keys.insert(*key, share.clone());
        share
    }
}

/// Why a body could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum BodyError {
    /// The body fell behind the minimum rate.
    TooSlow,
    /// More bytes than announced.
    TooLong,
    /// The stream ended before `len` bytes; the number received.
    Short(usize),
    /// The stream failed (reset by the peer, connection lost).
    Lost,
}

/// The pace a body must keep: `stall` of grace from its start, then `per_sec` bytes a second.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MinRate {
    pub per_sec: u64,
    pub stall: Duration,
}

impl MinRate {
    pub(crate) fn of(limits: &Limits) -> Self {
        MinRate {
            per_sec: limits.min_request_bytes_per_sec.max(1),
            stall: Duration::from_secs(limits.request_stall_secs),
        }
    }

    /// Time after the start by which more than `received` bytes must have arrived.
    fn due(self, received: usize) -> Duration {
        let nanos = (received as u128).saturating_mul(1_000_000_000) / u128::from(self.per_sec);
        self.stall.saturating_add(Duration::from_nanos(
            u64::try_from(nanos).unwrap_or(u64::MAX),
        ))
    }
}

/// Reads a body of exactly `len` bytes from `recv`, by the relay's clock: at any moment
/// after `stall`, at least `per_sec` bytes a second since the start must have arrived.
pub(crate) async fn read_body(
    recv: &mut quinn::RecvStream,
    len: usize,
    clock: &Clock,
    rate: MinRate,
) -> Result<Vec<u8>, BodyError> {
    let started = clock.monotonic();
    let mut body = Vec::with_capacity(len);
    loop {
        let received = body.len();
        let left = (started + rate.due(received)).saturating_sub(clock.monotonic());
        // One byte more than announced tells a longer stream apart from an exact one.
        let wanted = len + 1 - received;
        match clock.timeout(left, recv.read_chunk(wanted, true)).await {
            None => return Err(BodyError::TooSlow),
            Some(Ok(Some(chunk))) => body.extend_from_slice(&chunk.bytes),
            Some(Ok(None)) if received == len => return Ok(body),
            Some(Ok(None)) => return Err(BodyError::Short(received)),
            Some(Err(_)) => return Err(BodyError::Lost),
        }
        if body.len() > len {
            return Err(BodyError::TooLong);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits {
            max_inflight_request_bytes: 100,
            max_inflight_request_bytes_per_key: 60,
            max_inflight_small_request_bytes: 10,
            max_inflight_small_request_bytes_per_key: 4,
            max_inflight_answer_bytes: 100,
            max_inflight_answer_bytes_per_key: 50,
            ..Limits::default()
        }
    }

    async fn waits<T>(future: impl std::future::Future<Output = T>) -> bool {
        tokio::time::timeout(Duration::from_millis(50), future)
            .await
            .is_err()
    }

    #[tokio::test]
    async fn a_key_holds_at_most_its_share_and_others_still_get_in() {
        let budgets = Budgets::new(&limits());
        let (a, b, c) = (
            PublicKeyBytes([1; 32]),
            PublicKeyBytes([2; 32]),
            PublicKeyBytes([3; 32]),
        );
        let held = budgets.large.take(Some(&a), 60).await.unwrap();
        assert!(
            waits(budgets.large.take(Some(&a), 1)).await,
            "a key took more than its share"
        );
        // Another key gets the rest of the relay budget, a third waits for it.
        let other = budgets.large.take(Some(&b), 40).await.unwrap();
        assert!(waits(budgets.large.take(Some(&c), 1)).await);
        drop(held);
        assert!(budgets.large.take(Some(&c), 60).await.is_some());
        drop(other);
        // More than a share can never fit.
        assert!(budgets.large.take(Some(&a), 61).await.is_none());
    }

    #[tokio::test]
    async fn logins_never_wait_when_member_keys_hold_the_small_budget() {
        let limits = Limits {
            max_inflight_small_request_bytes: 1 << 20,
            max_inflight_small_request_bytes_per_key: 64 << 10,
            ..Limits::default()
        };
        let budgets = Budgets::new(&limits);
        // Sixteen keys hold the whole small budget.
        let mut held = Vec::new();
        for k in 0..16u8 {
            held.push(
                budgets
                    .request(Some(&PublicKeyBytes([k; 32])), SMALL_REQUEST_BYTES)
                    .await
                    .unwrap(),
            );
        }
        assert!(waits(budgets.request(Some(&PublicKeyBytes([99; 32])), 10)).await);
        // Every connection not logged in can still have every stream's frame read at once.
        let frames = limits.max_unauthenticated * limits.max_streams_per_connection as usize;
        let mut logins = Vec::new();
        for _ in 0..frames {
            let login = budgets.request(None, poc_proto::limits::MAX_PREAUTH_FRAME_BYTES);
            let login = tokio::time::timeout(Duration::from_secs(5), login).await;
            logins.push(login.expect("a login waited").unwrap());
        }
    }

    #[tokio::test]
    async fn small_requests_never_wait_behind_large_ones() {
        let budgets = Budgets::new(&Limits {
            max_inflight_request_bytes: 300 << 20,
            max_inflight_request_bytes_per_key: 300 << 20,
            ..Limits::default()
        });
        let key = PublicKeyBytes([1; 32]);
        let len = 20 << 20;
        let mut large = Vec::new();
        for _ in 0..15 {
            large.push(budgets.request(Some(&key), len).await.unwrap());
        }
        assert!(waits(budgets.request(Some(&key), len)).await);
        // The large budget is used up; a login and a fetch still get theirs at once.
        assert!(budgets.request(None, 200).await.is_some());
        assert!(budgets.request(Some(&key), 40).await.is_some());
    }

    #[tokio::test]
    async fn an_answer_holding_shrinks_to_its_real_size() {
        let budgets = Budgets::new(&limits());
        let key = PublicKeyBytes([1; 32]);
        let mut held = budgets.answer(&key, 50).await.unwrap();
        assert!(waits(budgets.answer(&key, 1)).await);
        held.shrink_to(10);
        assert_eq!(held.bytes(), 10);
        assert!(budgets.answer(&key, 40).await.is_some());
    }

    #[test]
    fn forgotten_shares_do_not_pile_up() {
        let pool = Pool::new(100, 10);
        for i in 0..50u8 {
            let _ = pool.share(&PublicKeyBytes([i; 32]));
        }
        assert!(pool.keys.lock().unwrap().len() <= 1);
    }

    #[test]
    fn the_minimum_rate_gives_a_grace_then_a_pace() {
        let rate = MinRate {
            per_sec: 1000,
            stall: Duration::from_secs(10),
        };
        assert_eq!(rate.due(0), Duration::from_secs(10));
        assert_eq!(rate.due(500), Duration::from_millis(10_500));
        assert_eq!(rate.due(20_000), Duration::from_secs(30));
    }
}

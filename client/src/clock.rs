//! The client's clock: what time it is (Unix time) and how to wait for a later time.
//!
//! Operations read the time through the [`Clock`] of their [`crate::ops::Identity`] (or take
//! it as an argument), never from the system directly, so tests can set it. [`Clock::system`]
//! is the real time; [`ManualClock`] stands still until it is set or advanced, and waits on it
//! end when it is advanced far enough. Clones of a manual clock share one time.
//!
//! This module does not drive QUIC or request timeouts: those stay on tokio's clock.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::sync::Notify;

/// Where the time comes from.
#[derive(Clone)]
pub struct Clock(Source);

#[derive(Clone)]
enum Source {
    System,
    Manual(ManualClock),
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Source::System => f.write_str("Clock::System"),
            Source::Manual(manual) => write!(f, "Clock::Manual({} ms)", manual.now_millis()),
        }
    }
}

impl Default for Clock {
    /// The system clock.
    fn default() -> Self {
        Clock::system()
    }
}

impl Clock {
    /// The system's real time.
    pub fn system() -> Self {
        Clock(Source::System)
    }

    /// Unix seconds now.
    pub fn now(&self) -> u64 {
        self.now_millis() / 1000
    }

    /// Unix milliseconds now.
    pub fn now_millis(&self) -> u64 {
        match &self.0 {
            Source::System => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
            Source::Manual(manual) => manual.now_millis(),
        }
    }

    /// Waits until this clock reads at least `millis` (Unix milliseconds). On the system
    /// clock this is a tokio sleep; on a manual clock it ends once the clock is set or
    /// advanced that far.
    pub async fn sleep_until_millis(&self, millis: u64) {
        match &self.0 {
            Source::System => {
                let left = millis.saturating_sub(self.now_millis());
                if left > 0 {
                    tokio::time::sleep(Duration::from_millis(left)).await;
                }
            }
            Source::Manual(manual) => manual.reached(millis).await,
        }
    }

    /// Waits for `duration` of this clock's time.
    pub async fn sleep(&self, duration: Duration) {
        let millis = u64::try_from(duration.as_millis()).unwrap_or(u64::MAX);
        self.sleep_until_millis(self.now_millis().saturating_add(millis))
            .await;
    }
}

impl From<ManualClock> for Clock {
    fn from(manual: ManualClock) -> Self {
        Clock(Source::Manual(manual))
    }
}

/// A clock that moves only when told to (for tests and simulations). Clones share one time.
#[derive(Clone, Default)]
pub struct ManualClock {
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    millis: AtomicU64,
    moved: Notify,
    /// When each task now waiting on the clock wants to wake (Unix milliseconds).
    sleepers: Mutex<Vec<u64>>,
    /// Told when a task starts waiting.
    parked: Notify,
}

impl Shared {
    fn sleepers(&self) -> std::sync::MutexGuard<'_, Vec<u64>> {
        self.sleepers.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A task waiting on a manual clock, listed until it stops waiting (woken or cancelled).
struct Sleeper<'a> {
    shared: &'a Shared,
    until: u64,
}

impl Drop for Sleeper<'_> {
    fn drop(&mut self) {
        let mut sleepers = self.shared.sleepers();
        if let Some(i) = sleepers.iter().position(|m| *m == self.until) {
            sleepers.swap_remove(i);
        }
    }
}

impl fmt::Debug for ManualClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ManualClock({} ms)", self.now_millis())
    }
}

impl ManualClock {
    /// A clock standing at `unix_secs`.
    pub fn at(unix_secs: u64) -> Self {
        let clock = ManualClock::default();
        clock.set(unix_secs);
        clock
    }

    /// The [`Clock`] reading this manual clock.
    pub fn clock(&self) -> Clock {
        Clock::from(self.clone())
    }

    /// Unix seconds it reads.
    pub fn now(&self) -> u64 {
        self.now_millis() / 1000
    }

    /// Unix milliseconds it reads.
    pub fn now_millis(&self) -> u64 {
        self.shared.millis.load(Ordering::SeqCst)
    }

    /// Sets it to `unix_secs` (it may go backwards, as a system clock can).
    pub fn set(&self, unix_secs: u64) {
        self.shared
            .millis
            .store(unix_secs.saturating_mul(1000), Ordering::SeqCst);
        self.shared.moved.notify_waiters();
    }

    /// Moves it forward by `by`.
    pub fn advance(&self, by: Duration) {
        let by = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
        let _ = self
            .shared
            .millis
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |m| {
                Some(m.saturating_add(by))
            });
        self.shared.moved.notify_waiters();
    }

    /// Waits until some task waits on this clock; returns the earliest time (Unix
    /// milliseconds) such a task wants to wake at. Lets a test see that an operation is
    /// waiting for a later time, and for which, before it moves the clock.
    pub async fn sleeping(&self) -> u64 {
        loop {
            let parked = self.shared.parked.notified();
            tokio::pin!(parked);
            parked.as_mut().enable();
            if let Some(earliest) = self.shared.sleepers().iter().min() {
                return *earliest;
            }
            parked.await;
        }
    }

    /// Ends once the clock reads at least `millis`.
    async fn reached(&self, millis: u64) {
        let mut listed = None;
        loop {
            let moved = self.shared.moved.notified();
            tokio::pin!(moved);
            // Registered before the check, so a move between the check and the wait is seen.
            moved.as_mut().enable();
            if self.now_millis() >= millis {
                return;
            }
            if listed.is_none() {
                self.shared.sleepers().push(millis);
                listed = Some(Sleeper {
                    shared: &self.shared,
                    until: millis,
                });
                self.shared.parked.notify_waiters();
            }
            moved.await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_clock_reads_the_present() {
        // 2023-11-14 and 2100-01-01: wide bounds, but a clock stuck at 0 fails.
        let now = Clock::system().now();
        assert!(now > 1_700_000_000 && now < 4_102_444_800, "{now}");
    }

    #[test]
    fn a_manual_clock_moves_only_when_told_and_clones_share_it() {
        let manual = ManualClock::at(1_000);
        let clock = manual.clock();
        let copy = clock.clone();
        assert_eq!(clock.now(), 1_000);
        manual.advance(Duration::from_millis(1_500));
        assert_eq!((clock.now(), copy.now_millis()), (1_001, 1_001_500));
        manual.set(50);
        assert_eq!(copy.now(), 50);
    }

    #[tokio::test]
    async fn a_wait_on_a_manual_clock_ends_when_it_is_advanced_far_enough() {
        let manual = ManualClock::at(100);
        let clock = manual.clock();
        let waiting = tokio::spawn(async move {
            clock.sleep(Duration::from_secs(10)).await;
            clock.now()
        });
        assert_eq!(manual.sleeping().await, 110_000);
        manual.advance(Duration::from_secs(9));
        tokio::task::yield_now().await;
        assert!(!waiting.is_finished(), "9 s of 10 are not enough");
        assert_eq!(manual.sleeping().await, 110_000);
        manual.advance(Duration::from_secs(1));
        assert_eq!(waiting.await.unwrap(), 110);
        assert!(
            manual.shared.sleepers().is_empty(),
            "a woken task is no longer listed"
        );
    }
}

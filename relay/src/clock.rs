//! The relay's clock, given to it at start: the system clock in the real binary, a
//! [`ManualClock`] in tests.
//!
//! Everything the relay decides by time goes through it: envelope expiry and lifetimes
//! (unix seconds), the monthly statistics, the login and handshake deadlines, request
//! deadlines, the expiry sweep's interval, and the per-key token buckets. A manual clock
//! moves only when told to, so tests drive expiry and deadlines without sleeping.
//!
//! It does not govern QUIC's own timers (idle timeout, keep-alive), which quinn keeps, nor
//! the grace periods of a shutdown, which must end even when a manual clock stands still.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio::sync::watch;

/// A source of time for the relay; cheap to clone.
#[derive(Clone)]
pub struct Clock {
    source: Source,
}

#[derive(Clone)]
enum Source {
    /// The operating system's clock; `started` anchors the monotonic readings.
    System { started: Instant },
    /// Unix time since the epoch, moved by [`ManualClock::advance`].
    Manual(Arc<watch::Sender<Duration>>),
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            Source::System { .. } => f.write_str("Clock::System"),
            Source::Manual(now) => write!(f, "Clock::Manual({:?})", *now.borrow()),
        }
    }
}

impl Clock {
    /// The operating system's clock.
    pub fn system() -> Self {
        Clock {
            source: Source::System {
                started: Instant::now(),
            },
        }
    }

    /// Unix seconds now (0 if the system clock is set before 1970).
    pub fn unix_secs(&self) -> u64 {
        match &self.source {
            Source::System { .. } => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0),
            Source::Manual(now) => now.borrow().as_secs(),
        }
    }

    /// Monotonic time since an arbitrary start.
    pub(crate) fn monotonic(&self) -> Duration {
        match &self.source {
            Source::System { started } => started.elapsed(),
            Source::Manual(now) => *now.borrow(),
        }
    }

    /// Waits `duration` of this clock's time.
    pub(crate) async fn sleep(&self, duration: Duration) {
        match &self.source {
            Source::System { .. } => tokio::time::sleep(duration).await,
            Source::Manual(now) => {
                let until = now.borrow().saturating_add(duration);
                let mut changes = now.subscribe();
                // The sender lives as long as this clock: the wait ends only when time
                // reaches `until`.
                let _ = changes.wait_for(|now| *now >= until).await;
            }
        }
    }

    /// Runs `future` for at most `duration` of this clock's time; `None` if time ran out.
    pub(crate) async fn timeout<F: Future>(
        &self,
        duration: Duration,
        future: F,
    ) -> Option<F::Output> {
        tokio::select! {
            output = future => Some(output),
            () = self.sleep(duration) => None,
        }
    }
}

impl governor::clock::Clock for Clock {
    type Instant = Duration;

    fn now(&self) -> Duration {
        self.monotonic()
    }
}

/// A clock that moves only when told to, for tests. [`ManualClock::clock`] is what the relay
/// is given; the test keeps the `ManualClock` and calls [`ManualClock::advance`].
#[derive(Debug, Clone)]
pub struct ManualClock {
    clock: Clock,
}

impl ManualClock {
    /// A clock standing at `unix_secs`.
    pub fn new(unix_secs: u64) -> Self {
        let (now, _) = watch::channel(Duration::from_secs(unix_secs));
        ManualClock {
            clock: Clock {
                source: Source::Manual(Arc::new(now)),
            },
        }
    }

    /// The clock to give the relay.
    pub fn clock(&self) -> Clock {
        self.clock.clone()
    }

    /// Moves time forward by `by`, waking whatever waits for it.
    pub fn advance(&self, by: Duration) {
        if let Source::Manual(now) = &self.clock.source {
            now.send_modify(|now| *now = now.saturating_add(by));
        }
    }

    /// Unix seconds on this clock.
    pub fn unix_secs(&self) -> u64 {
        self.clock.unix_secs()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "current_thread")]
    async fn a_manual_clock_moves_only_when_advanced_and_wakes_its_sleepers() {
        let manual = ManualClock::new(1_000);
        let clock = manual.clock();
        assert_eq!(clock.unix_secs(), 1_000);
        let sleeper = tokio::spawn({
            let clock = clock.clone();
            async move { clock.sleep(Duration::from_secs(5)).await }
        });
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
        assert!(!sleeper.is_finished(), "slept without the clock moving");
        manual.advance(Duration::from_secs(4));
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
        assert!(!sleeper.is_finished(), "woke 1 s early");
        manual.advance(Duration::from_secs(1));
        sleeper.await.unwrap();
        assert_eq!(clock.unix_secs(), 1_005);
        let late = clock.timeout(Duration::from_secs(1), std::future::pending::<()>());
        let advance = async {
            tokio::task::yield_now().await;
            manual.advance(Duration::from_secs(1));
        };
        let (timed_out, ()) = tokio::join!(late, advance);
        assert_eq!(timed_out, None);
    }
}

//! When and how often a client retries: exponential backoff with jitter, bounded in total,
//! and which failures are worth another attempt.
//!
//! The budget (`poc --retry-for`) is a deadline counted from the start of an operation
//! (connecting, or one request with its reconnections), not from its first failure: every
//! wait of connecting (a handshake, a login) and every pause ends by then, so a relay that
//! does not answer costs at most the budget, not the budget plus the connection timeout of
//! each attempt. A request sent on a connection the relay accepted keeps its own timeout:
//! a large answer on a slow link is not cut off by the budget. A zero budget makes one
//! attempt with the ordinary timeouts.
//!
//! Retrying is safe because the relay deduplicates by envelope id: a Submit whose answer was
//! lost is sent again with the same envelopes, and the relay counts them as duplicates instead
//! of storing them twice. Fetch, Delete, GetDirectory, Subscribe and Stats change nothing
//! twice either. PublishDirectory is not replayed after a lost answer (a second upload of the
//! same serial would be refused as not newer), only after refusals that changed nothing.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use poc_proto::ErrorCode;

use super::TransportError;

/// Called once per retry, before the pause (the `poc` command line sets one that prints it
/// on stderr).
pub type RetryReporter = Arc<dyn Fn(&RetryNotice) + Send + Sync>;

/// Called at most once per connection, with the relay address as configured, when the relay
/// has not answered within [`ANNOUNCE_AFTER`] or before the first retry, whichever comes
/// first (the `poc` command line prints "connecting to the relay at ..." on stderr).
pub type Announcer = Arc<dyn Fn(&str) + Send + Sync>;

/// How long a connection may take before it is announced: a relay that answers at once
/// stays silent, a slow or absent one is named within a second.
pub const ANNOUNCE_AFTER: Duration = Duration::from_millis(500);

/// How a client retries. The pause before retry `n` (1-based) is `first_delay * 2^(n-1)`,
/// capped at `max_delay`, then shortened by a random fraction of up to a half (jitter, so
/// clients cut off together do not come back together). No retry starts once its pause
/// would end more than `budget` after the operation started, and every wait of the
/// operation ends by then.
#[derive(Clone)]
pub struct RetryPolicy {
    /// Pause before the first retry.
    pub first_delay: Duration,
    /// Longest pause.
    pub max_delay: Duration,
    /// How long after the start of an operation it may still wait for the relay. Zero:
    /// never retry (one attempt with the ordinary timeouts).
    pub budget: Duration,
    /// Told about every retry; `None`: retry silently.
    pub reporter: Option<RetryReporter>,
    /// Told when a connection is slow to come (see [`Announcer`]); `None`: silent.
    pub announcer: Option<Announcer>,
}

impl fmt::Debug for RetryPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryPolicy")
            .field("first_delay", &self.first_delay)
            .field("max_delay", &self.max_delay)
            .field("budget", &self.budget)
            .field("reporter", &self.reporter.as_ref().map(|_| ".."))
            .field("announcer", &self.announcer.as_ref().map(|_| ".."))
            .finish()
    }
}

/// Default pause before the first retry.
pub const FIRST_DELAY: Duration = Duration::from_millis(250);
/// Default longest pause.
pub const MAX_DELAY: Duration = Duration::from_secs(4);
/// Default time during which retries may start (`poc --retry-for`).
pub const DEFAULT_BUDGET: Duration = Duration::from_secs(30);

impl Default for RetryPolicy {
    /// 0.25 s doubling to 4 s, for at most 30 s, silent (see [`RetryPolicy::reporting`]).
    fn default() -> Self {
        RetryPolicy::within(DEFAULT_BUDGET)
    }
}

impl RetryPolicy {
    /// The default schedule (0.25 s doubling to 4 s) for `budget`, silent.
    pub fn within(budget: Duration) -> Self {
        RetryPolicy {
            first_delay: FIRST_DELAY,
            max_delay: MAX_DELAY,
            budget,
            reporter: None,
            announcer: None,
        }
    }

    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy::within(Duration::ZERO)
    }

    /// The same policy, telling `reporter` about every retry.
    pub fn reporting(mut self, reporter: RetryReporter) -> Self {
        self.reporter = Some(reporter);
        self
    }

    /// The same policy, telling `announcer` when a connection is slow to come.
    pub fn announcing(mut self, announcer: Announcer) -> Self {
        self.announcer = Some(announcer);
        self
    }

    /// The pause before retry `retry` (1-based) without jitter.
    pub fn nominal_delay(&self, retry: u32) -> Duration {
        let doublings = retry.saturating_sub(1).min(31);
        self.first_delay
            .saturating_mul(1u32 << doublings)
            .min(self.max_delay)
    }

    /// The pause before retry `retry` with jitter: between half the nominal pause and all of
    /// it, `random` choosing where.
    pub fn jittered_delay(&self, retry: u32, random: u32) -> Duration {
        let nominal = self.nominal_delay(retry);
        let half = nominal / 2;
        let fraction = f64::from(random) / f64::from(u32::MAX);
        half + (nominal - half).mul_f64(fraction)
    }

    /// The most attempts (the first one included) the budget allows: retries whose nominal
    /// pauses add up to at most the budget. Jitter only shortens pauses, and attempts take
    /// time too, so this is an upper bound.
    pub fn max_attempts(&self) -> u32 {
        let mut attempts = 1u32;
        let mut waited = Duration::ZERO;
        loop {
            let next = waited.saturating_add(self.nominal_delay(attempts));
            if self.first_delay.is_zero() || next > self.budget || attempts == u32::MAX {
                return attempts;
            }
            waited = next;
            attempts += 1;
        }
    }
}

/// What to do about a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Give up: another attempt cannot succeed (or would not be safe).
    Fatal,
    /// Try again on the same connection after a pause (the relay asked to slow down).
    Again,
    /// Try again on a new connection after a pause (the relay is unreachable or restarted).
    Reconnect,
}

/// Whether a request may be sent again after its answer was lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replay {
    /// Sending it twice has the effect of sending it once (Submit, Fetch, Delete, ...).
    Safe,
    /// A second copy could fail where the first succeeded (PublishDirectory).
    Unsafe,
}

/// Which relay refusals are worth another attempt: only those that say "later". Every other
/// code describes the request itself (or the caller), which a retry does not change.
pub fn refusal_is_transient(code: ErrorCode) -> bool {
    match code {
        ErrorCode::RateLimited | ErrorCode::Unavailable => true,
        ErrorCode::Malformed
        | ErrorCode::UnsupportedVersion
        | ErrorCode::NotAuthenticated
        | ErrorCode::AuthFailed
        | ErrorCode::NotCustodian
        | ErrorCode::UnknownRecipient
        | ErrorCode::TooLarge
        | ErrorCode::Expired
        | ErrorCode::QuotaExceeded
        | ErrorCode::InvalidDirectory
        | ErrorCode::StorageFailure => false,
    }
}

/// Classifies a failure of a request (or of connecting, which is always safe to repeat).
pub fn classify(error: &TransportError, replay: Replay) -> Verdict {
    match error {
        TransportError::Connect { .. } => Verdict::Reconnect,
        TransportError::Lost(_) | TransportError::Timeout(_) => match replay {
            Replay::Safe => Verdict::Reconnect,
            Replay::Unsafe => Verdict::Fatal,
        },
        TransportError::Refused(e) if refusal_is_transient(e.code) => Verdict::Again,
        TransportError::Refused(_)
        | TransportError::Resolve(_)
        | TransportError::Handshake { .. }
        | TransportError::Protocol(_)
        | TransportError::TooFewRelays { .. }
        | TransportError::GaveUp { .. } => Verdict::Fatal,
    }
}

/// One retry about to happen.
#[derive(Debug, Clone)]
pub struct RetryNotice {
    /// What failed, in a few words.
    pub cause: String,
    /// Pause before the next attempt.
    pub delay: Duration,
    /// Number of the next attempt (2 for the first retry).
    pub attempt: u32,
    /// Most attempts the policy allows.
    pub max_attempts: u32,
}

impl fmt::Display for RetryNotice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}; retrying in {:.1} s (attempt {} of at most {})",
            self.cause,
            self.delay.as_secs_f64(),
            self.attempt,
            self.max_attempts
        )
    }
}

/// The few words a retry notice starts with.
fn cause(error: &TransportError) -> String {
    match error {
        TransportError::Connect { reason, .. } => format!("cannot connect to the relay: {reason}"),
        TransportError::Lost(reason) => format!("the connection to the relay was lost: {reason}"),
        TransportError::Timeout(limit) => {
            format!("the relay did not answer within {} s", limit.as_secs())
        }
        TransportError::Refused(e) => {
            let what = match e.code {
                ErrorCode::RateLimited => "rate limited by the relay",
                ErrorCode::Unavailable => "the relay is unavailable",
                _ => e.code.describe(),
            };
            if e.detail.is_empty() {
                what.to_owned()
            } else {
                format!("{what} ({})", e.detail)
            }
        }
        other => other.to_string(),
    }
}

/// The retry state of one operation.
#[derive(Debug)]
pub struct Retrier {
    policy: RetryPolicy,
    max_attempts: u32,
    /// Attempts made so far.
    attempts: u32,
    /// When the operation started.
    started: Instant,
    /// When every wait of the operation ends (`None`: a zero budget, one attempt with the
    /// ordinary timeouts).
    deadline: Option<Instant>,
}

impl Retrier {
    /// A new operation under `policy`, starting now.
    pub fn new(policy: &RetryPolicy) -> Self {
        Self::starting_at(policy, Instant::now())
    }

    /// A new operation under `policy` that started at `started`.
    pub fn starting_at(policy: &RetryPolicy, started: Instant) -> Self {
        Retrier {
            max_attempts: policy.max_attempts(),
            policy: policy.clone(),
            attempts: 0,
            started,
            deadline: (!policy.budget.is_zero())
                .then(|| started.checked_add(policy.budget))
                .flatten(),
        }
    }

    /// When every wait of the operation ends (`None`: no deadline, a zero budget).
    pub fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// Records a failed attempt at `now`; returns the pause before the next one, or `None`
    /// when the attempts or the budget are used up. `random` chooses the jitter.
    pub fn failed(&mut self, now: Instant, random: u32) -> Option<Duration> {
        self.attempts += 1;
        if self.attempts >= self.max_attempts {
            return None;
        }
        let delay = self.policy.jittered_delay(self.attempts, random);
        let resume = now.checked_add(delay)?;
        (resume <= self.deadline?).then_some(delay)
    }

    /// Attempts made so far.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Handles a failure: `Ok(())` after pausing when another attempt should follow (the
    /// reporter has been told), else the error to return.
    pub(super) async fn pause_or_give_up(
        &mut self,
        error: TransportError,
        verdict: Verdict,
    ) -> Result<(), TransportError> {
        // A failure no retry can change is returned as it is, even after earlier retries.
        if verdict == Verdict::Fatal {
            return Err(error);
        }
        let random = u32::from_be_bytes(poc_keys::random_bytes::<4>());
        let Some(delay) = self.failed(Instant::now(), random) else {
            return Err(self.give_up(error));
        };
        if let Some(report) = &self.policy.reporter {
            report(&RetryNotice {
                cause: cause(&error),
                delay,
                attempt: self.attempts + 1,
                max_attempts: self.max_attempts,
            });
        }
        tokio::time::sleep(delay).await;
        Ok(())
    }

    /// The error to return when the attempts or the budget are used up: as it is after a
    /// single attempt, else saying how long the client tried.
    fn give_up(&self, error: TransportError) -> TransportError {
        if self.attempts > 1 {
            TransportError::GaveUp {
                attempts: self.attempts,
                elapsed: self.started.elapsed(),
                last: Box::new(error),
            }
        } else {
            error
        }
    }
}

/// `limit`, shortened so that it ends by `deadline` (none: `limit` as it is).
pub fn until(limit: Duration, deadline: Option<Instant>) -> Duration {
    match deadline {
        Some(deadline) => limit.min(deadline.saturating_duration_since(Instant::now())),
        None => limit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use poc_proto::RelayError;

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    #[test]
    fn the_schedule_doubles_from_a_quarter_second_to_four_seconds() {
        let policy = RetryPolicy::within(DEFAULT_BUDGET);
        let delays: Vec<Duration> = (1..=8).map(|n| policy.nominal_delay(n)).collect();
        assert_eq!(
            delays,
            [0.25, 0.5, 1.0, 2.0, 4.0, 4.0, 4.0, 4.0].map(secs).to_vec()
        );
        // Far out the pause stays at the cap (no overflow).
        assert_eq!(policy.nominal_delay(u32::MAX), secs(4.0));
    }

    #[test]
    fn the_budget_bounds_the_number_of_attempts() {
        // 0.25 + 0.5 + 1 + 2 = 3.75 s, then six pauses of 4 s: 27.75 s <= 30 s; a seventh
        // would end at 31.75 s. So ten retries, eleven attempts.
        assert_eq!(RetryPolicy::within(secs(30.0)).max_attempts(), 11);
        assert_eq!(RetryPolicy::within(secs(0.25)).max_attempts(), 2);
        assert_eq!(RetryPolicy::within(secs(0.2)).max_attempts(), 1);
        assert_eq!(RetryPolicy::none().max_attempts(), 1);
        let mut policy = RetryPolicy::within(secs(30.0));
        policy.first_delay = Duration::ZERO;
        assert_eq!(policy.max_attempts(), 1, "a zero pause never loops forever");
    }

    #[test]
    fn jitter_shortens_a_pause_by_at_most_a_half() {
        let policy = RetryPolicy::within(DEFAULT_BUDGET);
        for retry in 1..=6 {
            let nominal = policy.nominal_delay(retry);
            assert_eq!(policy.jittered_delay(retry, 0), nominal / 2);
            assert_eq!(policy.jittered_delay(retry, u32::MAX), nominal);
            let middle = policy.jittered_delay(retry, u32::MAX / 2);
            assert!(middle > nominal / 2 && middle < nominal, "{middle:?}");
        }
    }

    #[test]
    fn the_retrier_stops_after_the_budget_or_the_attempts() {
        let policy = RetryPolicy::within(secs(30.0));
        let start = Instant::now();
        // Full pauses and instant attempts: ten retries, then the attempts are used up.
        let mut retrier = Retrier::starting_at(&policy, start);
        let mut now = start;
        let mut pauses = Vec::new();
        while let Some(delay) = retrier.failed(now, u32::MAX) {
            pauses.push(delay);
            now += delay;
        }
        assert_eq!(pauses.len(), 10);
        assert_eq!(retrier.attempts(), 11);
        assert!(now - start <= secs(30.0));

        // Attempts that take 10 s each (connection timeouts): the budget ends it first.
        let mut retrier = Retrier::starting_at(&policy, start);
        let mut now = start;
        let mut retries = 0;
        while let Some(delay) = retrier.failed(now, u32::MAX) {
            retries += 1;
            now += delay + secs(10.0);
        }
        assert_eq!(
            retries, 3,
            "pauses end at 0.25, 10.75, 21.75 s; the next at 35.75 s"
        );

        // No budget: one attempt.
        let mut retrier = Retrier::new(&RetryPolicy::none());
        assert_eq!(retrier.failed(start, 0), None);
    }

    fn refused(code: ErrorCode) -> TransportError {
        TransportError::Refused(RelayError {
            code,
            detail: String::new(),
        })
    }

    #[test]
    fn only_transient_failures_are_retried() {
        let safe = Replay::Safe;
        let unreachable = TransportError::Connect {
            address: "relay:4433".into(),
            reason: "no answer".into(),
        };
        assert_eq!(classify(&unreachable, safe), Verdict::Reconnect);
        let lost = TransportError::Lost("reset".into());
        assert_eq!(classify(&lost, safe), Verdict::Reconnect);
        assert_eq!(classify(&lost, Replay::Unsafe), Verdict::Fatal);
        let timeout = TransportError::Timeout(secs(60.0));
        assert_eq!(classify(&timeout, safe), Verdict::Reconnect);
        assert_eq!(classify(&timeout, Replay::Unsafe), Verdict::Fatal);
        for code in [ErrorCode::RateLimited, ErrorCode::Unavailable] {
            assert_eq!(classify(&refused(code), safe), Verdict::Again);
            assert_eq!(classify(&refused(code), Replay::Unsafe), Verdict::Again);
        }
        for code in [
            ErrorCode::Malformed,
            ErrorCode::UnsupportedVersion,
            ErrorCode::NotAuthenticated,
            ErrorCode::AuthFailed,
            ErrorCode::NotCustodian,
            ErrorCode::UnknownRecipient,
            ErrorCode::TooLarge,
            ErrorCode::Expired,
            ErrorCode::QuotaExceeded,
            ErrorCode::InvalidDirectory,
            ErrorCode::StorageFailure,
        ] {
            assert_eq!(classify(&refused(code), safe), Verdict::Fatal, "{code:?}");
        }
        let pin = TransportError::Handshake {
            address: "relay:4433".into(),
            reason: "the relay's TLS key does not match the pinned key".into(),
        };
        assert_eq!(classify(&pin, safe), Verdict::Fatal);
        assert_eq!(
            classify(&TransportError::Resolve("nowhere".into()), safe),
            Verdict::Fatal
        );
        assert_eq!(
            classify(&TransportError::Protocol("garbage".into()), safe),
            Verdict::Fatal
        );
    }

    #[test]
    fn a_notice_is_one_line_and_the_final_error_one_sentence() {
        let notice = RetryNotice {
            cause: cause(&TransportError::Connect {
                address: "relay:4433".into(),
                reason: "no answer within 10s".into(),
            }),
            delay: secs(1.0),
            attempt: 2,
            max_attempts: 11,
        };
        assert_eq!(
            notice.to_string(),
            "cannot connect to the relay: no answer within 10s; retrying in 1.0 s (attempt 2 of at most 11)"
        );
        let gave_up = TransportError::GaveUp {
            attempts: 4,
            elapsed: secs(30.0),
            last: Box::new(TransportError::Lost("timed out".into())),
        };
        assert_eq!(
            gave_up.to_string(),
            "the connection to the relay was lost: timed out; gave up after 4 attempts in 30.0 s"
        );
        assert!(std::error::Error::source(&gave_up).is_none());
    }

    #[tokio::test]
    async fn a_fatal_failure_is_returned_at_once_and_unchanged() {
        let mut retrier = Retrier::new(&RetryPolicy::within(DEFAULT_BUDGET));
        let error = retrier
            .pause_or_give_up(refused(ErrorCode::QuotaExceeded), Verdict::Fatal)
            .await
            .unwrap_err();
        assert!(matches!(error, TransportError::Refused(e) if e.code == ErrorCode::QuotaExceeded));
    }

    #[tokio::test(start_paused = true)]
    async fn a_transient_failure_is_reported_and_retried_and_a_later_fatal_one_returned_as_is() {
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = seen.clone();
        let mut policy = RetryPolicy::within(secs(1.0)).reporting(Arc::new(move |n| {
            log.lock().unwrap().push(n.to_string());
        }));
        policy.first_delay = Duration::from_millis(10);
        let mut retrier = Retrier::new(&policy);
        retrier
            .pause_or_give_up(refused(ErrorCode::RateLimited), Verdict::Again)
            .await
            .unwrap();
        // A refusal no retry changes ends it, unwrapped, and is not reported.
        let error = retrier
            .pause_or_give_up(refused(ErrorCode::AuthFailed), Verdict::Fatal)
            .await
            .unwrap_err();
        assert!(matches!(error, TransportError::Refused(e) if e.code == ErrorCode::AuthFailed));
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        assert!(
            seen[0]
                .starts_with("rate limited by the relay; retrying in 0.0 s (attempt 2 of at most"),
            "{}",
            seen[0]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn retries_used_up_end_with_the_last_failure_and_how_long_it_took() {
        let mut policy = RetryPolicy::within(Duration::from_millis(30));
        policy.first_delay = Duration::from_millis(10);
        policy.max_delay = Duration::from_millis(10);
        let mut retrier = Retrier::new(&policy);
        let lost = || TransportError::Lost("reset by peer".into());
        let mut error = None;
        for _ in 0..10 {
            if let Err(e) = retrier.pause_or_give_up(lost(), Verdict::Reconnect).await {
                error = Some(e);
                break;
            }
        }
        let error = error.expect("the budget ends the retries");
        assert!(
            // Paused time: the pauses (at most 10 ms each) are all the time that passes, so
            // exactly the four attempts that fit in 30 ms are made.
            matches!(&error, TransportError::GaveUp { attempts: 4, last, .. } if matches!(**last, TransportError::Lost(_))),
            "{error:?}"
        );
        assert!(matches!(error.last(), TransportError::Lost(_)));
    }
}

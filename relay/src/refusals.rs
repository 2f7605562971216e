//! Connections refused by the accept loop, counted and logged as one summary line per
//! interval rather than one line per refusal: a flood of connection attempts must not become
//! a flood of log lines. Each refusal is also counted in the metrics at once
//! (`poc_relay_rejects_total`, by reason). What is refused, and why, is decided in
//! `crate::server` and `crate::admission`; this module only counts and reports.

use std::time::Duration;

use crate::metrics::Metrics;

/// Seconds between two summary lines (a line is written only if something was refused).
pub(crate) const SUMMARY_INTERVAL: Duration = Duration::from_secs(10);

/// Why the accept loop refused a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// `max_connections` connections are open.
    Connections,
    /// `max_unauthenticated` connections have not logged in yet.
    Unauthenticated,
    /// The source address has `max_unauthenticated_per_address` connections not logged in.
    Address,
    /// The source address's bucket for requests before login is empty (a new connection
    /// takes a token too).
    AddressRate,
}

impl Refusal {
    const ALL: [Refusal; 4] = [
        Refusal::Connections,
        Refusal::Unauthenticated,
        Refusal::Address,
        Refusal::AddressRate,
    ];

    /// Its `reason` label in the metrics, also its name in the summary line.
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Refusal::Connections => "connection_limit",
            Refusal::Unauthenticated => "unauthenticated_limit",
            Refusal::Address => "unauthenticated_address_limit",
            Refusal::AddressRate => "unauthenticated_address_rate",
        }
    }

    fn index(self) -> usize {
        match self {
            Refusal::Connections => 0,
            Refusal::Unauthenticated => 1,
            Refusal::Address => 2,
            Refusal::AddressRate => 3,
        }
    }
}

/// Refusals since the last summary line. Owned by the accept loop.
#[derive(Debug, Default)]
pub(crate) struct Refusals {
    since_summary: [u64; 4],
}

impl Refusals {
    /// Counts one refusal, in the metrics and for the next summary.
    pub(crate) fn record(&mut self, refusal: Refusal, metrics: &Metrics) {
        metrics.reject(refusal.reason());
        let n = &mut self.since_summary[refusal.index()];
        *n = n.saturating_add(1);
    }

    /// The summary of the refusals since the last call (`None` if there were none), and
    /// starts counting again.
    pub(crate) fn take_summary(&mut self) -> Option<String> {
        let counts = std::mem::take(&mut self.since_summary);
        if counts.iter().all(|&n| n == 0) {
            return None;
        }
        let parts: Vec<String> = Refusal::ALL
            .iter()
            .filter(|r| counts[r.index()] > 0)
            .map(|r| format!("{}={}", r.reason(), counts[r.index()]))
            .collect();
        Some(parts.join(" "))
    }

    /// Writes the summary line, if anything was refused since the last one.
    pub(crate) fn log_summary(&mut self) {
        if let Some(summary) = self.take_summary() {
            tracing::warn!(
                interval_secs = SUMMARY_INTERVAL.as_secs(),
                "connections refused in the last interval: {summary}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_summed_per_reason_and_the_count_starts_again() {
        let metrics = Metrics::default();
        let mut refusals = Refusals::default();
        assert_eq!(refusals.take_summary(), None);
        for _ in 0..1000 {
            refusals.record(Refusal::Address, &metrics);
        }
        refusals.record(Refusal::Connections, &metrics);
        assert_eq!(
            refusals.take_summary().as_deref(),
            Some("connection_limit=1 unauthenticated_address_limit=1000")
        );
        assert_eq!(refusals.take_summary(), None);
        let text = metrics.render();
        assert!(
            text.contains("poc_relay_rejects_total{reason=\"unauthenticated_address_limit\"} 1000"),
            "{text}"
        );
    }
}

//! The custodian's yearly review of the directory: entries nobody confirmed for a long time,
//! each PoC's record in ping campaigns, and the relay's traffic counts (never content, never
//! who wrote to whom).

use std::collections::BTreeMap;

use poc_proto::{PocId, RelayStats};
use schemars::JsonSchema;
use serde::Serialize;

use super::ping::{self, Outcome};
use super::view::EntryView;
use super::Identity;
use crate::json::Timestamp;
use crate::transport::relays::Relays;
use crate::trust::TrustedDirectory;

/// One PoC's answers over the campaigns of the period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct PingHistory {
    /// Campaigns that pinged it.
    pub campaigns: usize,
    /// Answered on time.
    pub on_time: usize,
    /// Answered late.
    pub late: usize,
    /// Only invalid answers.
    pub invalid: usize,
    /// No answer.
    pub no_answer: usize,
    /// Share of campaigns answered validly (on time or late), 0 to 1.
    pub response_rate: f64,
}

impl PingHistory {
    /// Share of campaigns answered validly.
    pub fn rate(&self) -> f64 {
        if self.campaigns == 0 {
            0.0
        } else {
            (self.on_time + self.late) as f64 / self.campaigns as f64
        }
    }
}

/// Envelopes the relay accepted in one month, by priority.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MonthCounts {
    /// `YYYY-MM`.
    pub month: String,
    /// High-priority envelopes.
    pub high: u64,
    /// Medium-priority envelopes.
    pub medium: u64,
    /// Low-priority envelopes.
    pub low: u64,
}

/// The relay's counts (never content, never who wrote to whom).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RelayCounts {
    /// Keys admitted.
    pub members: u64,
    /// Serial of the access list in force.
    pub directory_serial: u64,
    /// Envelopes waiting in mailboxes now.
    pub waiting: u64,
    /// Envelopes accepted per month, oldest first.
    pub months: Vec<MonthCounts>,
}

impl RelayCounts {
    /// The counts of `stats`.
    pub fn of(stats: &RelayStats) -> Self {
        RelayCounts {
            members: stats.members,
            directory_serial: stats.directory_serial,
            waiting: stats.waiting,
            months: stats
                .months
                .iter()
                .map(|m| MonthCounts {
                    month: m.month.clone(),
                    high: m.high,
                    medium: m.medium,
                    low: m.low,
                })
                .collect(),
        }
    }
}

/// The review (`poc custodian review`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Review {
    /// The period reviewed, in seconds up to now.
    pub since_seconds: u64,
    /// Start of the period.
    pub from: Timestamp,
    /// Accepted entries not confirmed within the period, sorted by id.
    pub stale: Vec<EntryView>,
    /// Ping campaigns started in the period.
    pub campaigns: usize,
    /// Each pinged PoC's record over those campaigns, by PoC id.
    #[schemars(with = "BTreeMap<String, PingHistory>")]
    pub ping_history: BTreeMap<PocId, PingHistory>,
    /// The relay's counts.
    pub relay: RelayCounts,
}

/// Builds the review over the last `since_secs` (fetch the inbox first, so every
/// acknowledgement is counted).
pub async fn review(
    identity: &Identity,
    client: &Relays,
    directory: &TrustedDirectory,
    since_secs: u64,
) -> anyhow::Result<Review> {
    let from = identity.now().saturating_sub(since_secs);
    let mut history: BTreeMap<PocId, PingHistory> = BTreeMap::new();
    let campaigns: Vec<ping::Campaign> = ping::list(identity)?
        .into_iter()
        .filter(|c| c.created_at >= from)
        .collect();
    for campaign in &campaigns {
        for result in ping::evaluate(identity, directory, campaign)?.results {
            let h = history.entry(result.id).or_default();
            h.campaigns += 1;
            match result.outcome {
                Outcome::OnTime => h.on_time += 1,
                Outcome::Late => h.late += 1,
                Outcome::Invalid => h.invalid += 1,
                Outcome::NoAnswer => h.no_answer += 1,
            }
        }
    }
    Ok(Review {
        since_seconds: since_secs,
        from: from.into(),
        stale: super::custodian::stale(&identity.home, since_secs, identity.now())?
            .iter()
            .map(EntryView::of)
            .collect(),
        campaigns: campaigns.len(),
        ping_history: history
            .into_iter()
            .map(|(id, mut h)| {
                h.response_rate = h.rate();
                (id, h)
            })
            .collect(),
        relay: RelayCounts::of(&client.stats().await?),
    })
}

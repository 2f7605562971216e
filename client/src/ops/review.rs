//! The custodian's yearly review of the directory: entries nobody confirmed for a long time,
//! each PoC's record in ping campaigns, and the relay's traffic counts (never content, never
//! who wrote to whom).

use std::collections::BTreeMap;

use poc_proto::{Entry, PocId, RelayStats};

use super::ping::{self, Outcome};
use super::Identity;
use crate::transport::RelayClient;
use crate::trust::TrustedDirectory;

/// One PoC's answers over the campaigns of the period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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

/// The review.
#[derive(Debug, Clone)]
pub struct Review {
    /// Entries not confirmed within the period.
    pub stale: Vec<Entry>,
    /// Campaigns in the period.
    pub campaigns: usize,
    /// Per PoC.
    pub history: BTreeMap<PocId, PingHistory>,
    /// The relay's counts.
    pub relay: RelayStats,
}

/// Builds the review over the last `since_secs` (fetch the inbox first, so every
/// acknowledgement is counted).
pub async fn review(
    identity: &Identity,
    client: &RelayClient<'_>,
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
        stale: super::custodian::stale(&identity.home, since_secs, identity.now())?,
        campaigns: campaigns.len(),
        history,
        relay: client.stats().await?,
    })
}

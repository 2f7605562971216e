//! `poc custodian review`: the yearly review.

use crate::cli::output::{Output, Report};
use crate::cli::session::unlock;
use crate::cli::session::Session;
use crate::ops::review::Review;
use crate::ops::{self, inbox};
use crate::render::{table, time};

impl Output for Review {
    const COMMAND: &'static str = "custodian review";

    fn text(&self) -> String {
        let period = humantime::format_duration(std::time::Duration::from_secs(self.since_seconds))
            .to_string();
        let mut text = format!(
            "review of the last {period}\n\nentries not confirmed in that time: {}\n",
            self.stale.len()
        );
        for e in &self.stale {
            text.push_str(&format!(
                "  {}  {}  last confirmed {}\n",
                e.id,
                e.org_name,
                time(e.updated_at.0)
            ));
        }
        text.push_str(&format!(
            "\nping campaigns in that time: {}\n",
            self.campaigns
        ));
        let rows: Vec<Vec<String>> = self
            .ping_history
            .iter()
            .map(|(id, h)| {
                vec![
                    id.to_string(),
                    h.campaigns.to_string(),
                    h.on_time.to_string(),
                    h.late.to_string(),
                    h.invalid.to_string(),
                    h.no_answer.to_string(),
                    format!("{:.0}%", h.response_rate * 100.0),
                ]
            })
            .collect();
        text.push_str(&table(
            &[
                "POC",
                "CAMPAIGNS",
                "ON TIME",
                "LATE",
                "INVALID",
                "NO ANSWER",
                "RESPONSE RATE",
            ],
            &rows,
        ));
        text.push_str(&format!(
            "\nrelay: {} members, directory serial {}, {} envelopes waiting\n",
            self.relay.members, self.relay.directory_serial, self.relay.waiting
        ));
        let months: Vec<Vec<String>> = self
            .relay
            .months
            .iter()
            .map(|m| {
                vec![
                    m.month.clone(),
                    m.high.to_string(),
                    m.medium.to_string(),
                    m.low.to_string(),
                ]
            })
            .collect();
        text.push_str(&table(&["MONTH", "HIGH", "MEDIUM", "LOW"], &months));
        text
    }
}

/// Runs `poc custodian review --since PERIOD`.
pub async fn run(home: &Session, since: u64) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    let review = ops::online(&identity, async |client| {
        inbox::fetch(&identity, client).await?;
        let dir = ops::require_directory(&identity)?;
        ops::review::review(&identity, client, &dir, since).await
    })
    .await?;
    Report::of(&review)
}

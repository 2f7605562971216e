//! `poc ping status`.

use crate::cli::output::Output;
use crate::cli::session::unlock;
use crate::cli::session::Session;
use crate::cli::Report;
use crate::ops::{self, inbox, ping};
use crate::render::time;

impl Output for ping::CampaignStatus {
    const COMMAND: &'static str = "ping status";

    fn text(&self) -> String {
        let r = &self.report;
        let s = &r.summary;
        format!(
            "campaign {}: {} PoCs; on time {}, late {}, no answer {}, INVALID {}; response rate {:.0}%; deadline {}{}\n",
            r.campaign,
            s.targets,
            s.on_time,
            s.late,
            s.no_answer,
            s.invalid,
            s.response_rate * 100.0,
            time(r.deadline.0),
            if r.deadline_passed { " (passed)" } else { "" }
        )
    }
}

/// Fetches the inbox and counts the answers to a campaign.
pub(super) async fn run(home: &Session, prefix: &str) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    let campaign = ping::find(&identity, prefix)?;
    ops::online(&identity, async |client| {
        inbox::fetch(&identity, client).await
    })
    .await?;
    let dir = ops::require_directory(&identity)?;
    let evaluation = ping::evaluate(&identity, &dir, &campaign)?;
    Report::of(&ping::CampaignStatus {
        report: ping::CampaignReport::new(&campaign, &evaluation, home.clock.now()),
    })
}

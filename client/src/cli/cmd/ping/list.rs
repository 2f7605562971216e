//! `poc ping list`.

use crate::cli::output::Output;
use crate::cli::session::unlock;
use crate::cli::session::Session;
use crate::cli::Report;
use crate::ops::ping;
use crate::render::{table, time};

impl Output for ping::CampaignList {
    const COMMAND: &'static str = "ping list";

    fn text(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .campaigns
            .iter()
            .map(|c| {
                vec![
                    c.id.clone(),
                    time(c.created_at.0),
                    time(c.deadline.0),
                    c.targets.to_string(),
                    if c.exercise {
                        "exercise".into()
                    } else {
                        String::new()
                    },
                ]
            })
            .collect();
        table(&["CAMPAIGN", "STARTED", "DEADLINE", "POCS", ""], &rows)
    }
}

/// Lists the campaigns.
pub(super) async fn run(home: &Session) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    Report::of(&ping::summaries(&identity)?)
}

//! `poc ping start`.

use crate::cli::output::Output;
use crate::cli::session::Session;
use crate::cli::session::{progress_bar, unlock};
use crate::cli::Report;
use crate::ops::{self, ping};
use crate::render::time;

impl Output for ping::CampaignStarted {
    const COMMAND: &'static str = "ping start";

    fn text(&self) -> String {
        format!(
            "campaign {} started: {} PoCs pinged, deadline {}\nfollow it with: poc ping status {}\n",
            self.campaign,
            self.targets,
            time(self.deadline.0),
            &self.campaign[..8.min(self.campaign.len())]
        )
    }
}

/// Starts a campaign and sends every ping.
pub(super) async fn run(home: &Session, options: &ping::CampaignOptions) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    let (bar, mut progress) = progress_bar("sending pings");
    let started = ops::online(&identity, async |client| {
        let dir = ops::require_directory(&identity)?;
        ping::start(&identity, client, &dir, options, &mut progress).await
    })
    .await?;
    bar.finish_and_clear();
    warn_not_pinged(&started.not_pinged);
    Report::of(&started)
}

/// Names on stderr the PoCs whose relay mailbox was full.
pub(super) fn warn_not_pinged(not_pinged: &[poc_proto::PocId]) {
    if !not_pinged.is_empty() {
        let names: Vec<String> = not_pinged.iter().map(ToString::to_string).collect();
        eprintln!(
            "warning: not pinged, their relay mailbox is full: {}",
            names.join(", ")
        );
    }
}

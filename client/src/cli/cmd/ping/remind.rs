//! `poc ping remind`.

use crate::cli::output::Output;
use crate::cli::session::Session;
use crate::cli::session::{progress_bar, unlock};
use crate::cli::Report;
use crate::ops::{self, inbox, ping};

impl Output for ping::Reminded {
    const COMMAND: &'static str = "ping remind";

    fn text(&self) -> String {
        format!(
            "reminded {} PoC(s): {}\n",
            self.reminded.len(),
            self.reminded
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

/// Pings again every PoC without a valid acknowledgement.
pub(super) async fn run(home: &Session, prefix: &str) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    let mut campaign = ping::find(&identity, prefix)?;
    let (bar, mut progress) = progress_bar("sending reminders");
    let reminded = ops::online(&identity, async |client| {
        inbox::fetch(&identity, client).await?;
        let dir = ops::require_directory(&identity)?;
        ping::remind(&identity, client, &dir, &mut campaign, &mut progress).await
    })
    .await?;
    bar.finish_and_clear();
    super::start::warn_not_pinged(&reminded.not_pinged);
    Report::of(&reminded)
}

//! `poc directory sync`: fetch and verify the published directory.

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::ops::{self, directory::Synced};

impl Output for Synced {
    const COMMAND: &'static str = "directory sync";

    fn text(&self) -> String {
        match self.from {
            Some(0) => format!(
                "directory serial {} accepted (verified against the pinned custodian key)\n",
                self.serial
            ),
            Some(from) => format!(
                "directory updated: serial {from} -> {} (verified against the pinned custodian key)\n",
                self.serial
            ),
            None => format!("directory up to date (serial {})\n", self.serial),
        }
    }
}

/// Runs `poc directory sync`.
pub async fn run(home: &Session) -> anyhow::Result<Report> {
    let identity = crate::cli::session::unlock(home).await?;
    let client = identity.connect().await?;
    let outcome = ops::sync_directory(&identity, &client).await;
    client.close().await;
    let accepted = outcome?;
    let serial = ops::require_directory(&identity)?.directory.serial;
    Report::of(&Synced::of(&accepted, serial))
}

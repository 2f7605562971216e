//! `poc directory verify`: what the directory in force was checked against.

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::ops::directory::{checked, Checked};

impl Output for Checked {
    const COMMAND: &'static str = "directory verify";

    fn text(&self) -> String {
        format!(
            "directory serial {} verified: signed by the pinned custodian key, {} entries with valid self-signatures\nissued {}, expires {}\ndigest {}\n",
            self.serial,
            self.entries,
            crate::render::time(self.issued_at.0),
            crate::render::time(self.expires_at.0),
            self.digest
        )
    }
}

/// Runs `poc directory verify`.
pub async fn run(home: &Session) -> anyhow::Result<Report> {
    let dir = crate::cli::session::local_directory(home).await?;
    Report::of(&checked(&dir, home.clock.now()))
}

//! `poc custodian publish`: signs and publishes the next directory.

use crate::cli::output::{Output, Report};
use crate::cli::session::unlock;
use crate::cli::session::Session;
use crate::ops::custodian::{self, Published};

impl Output for Published {
    const COMMAND: &'static str = "custodian publish";

    fn text(&self) -> String {
        format!(
            "directory serial {} published with {} entries; the relay now admits exactly these keys; {} members notified\n",
            self.serial, self.entries, self.notified
        )
    }
}

/// Runs `poc custodian publish`.
pub async fn run(home: &Session, valid_for: u64) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    Report::of(&custodian::publish(&identity, valid_for).await?)
}

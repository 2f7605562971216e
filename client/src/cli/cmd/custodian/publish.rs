//! `poc custodian publish`: signs and publishes the next directory.

use crate::cli::output::{Output, Report};
use crate::cli::session::unlock;
use crate::cli::session::Session;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::custodian::{self, Published};

impl Output for Published {
    const COMMAND: &'static str = "custodian publish";

    fn text(&self, lang: Lang) -> String {
        let (entries, notified) = (self.entries as u64, self.notified as u64);
        screens::custodian_published(lang, self.serial, entries, notified) + "\n"
    }
}

/// Runs `poc custodian publish`.
pub async fn run(home: &Session, valid_for: u64) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    Report::of(&custodian::publish(&identity, valid_for).await?, home.lang)
}

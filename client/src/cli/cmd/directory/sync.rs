//! `poc directory sync`: fetch and verify the published directory.

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::{self, directory::Synced};

impl Output for Synced {
    const COMMAND: &'static str = "directory sync";

    fn text(&self, lang: Lang) -> String {
        let line = match self.from {
            Some(0) => screens::directory_accepted(lang, self.serial),
            Some(from) => screens::directory_updated(lang, from, self.serial),
            None => screens::directory_current(lang, self.serial),
        };
        line + "\n"
    }
}

/// Runs `poc directory sync`.
pub async fn run(home: &Session) -> anyhow::Result<Report> {
    let identity = crate::cli::session::unlock(home).await?;
    let client = identity.connect().await?;
    let outcome = ops::sync_directory(&identity, &client).await;
    identity.disconnect(client).await;
    let accepted = outcome?;
    let serial = ops::require_directory(&identity)?.directory.serial;
    Report::of(&Synced::of(&accepted, serial), home.lang)
}

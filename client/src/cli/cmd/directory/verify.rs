//! `poc directory verify`: what the directory in force was checked against.

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::directory::{checked, Checked};

impl Output for Checked {
    const COMMAND: &'static str = "directory verify";

    fn text(&self, lang: Lang) -> String {
        let time = crate::render::time;
        format!(
            "{}\n{}\n{}\n",
            screens::directory_verified(lang, self.serial, self.entries as u64),
            screens::directory_dates(lang, &time(self.issued_at.0), &time(self.expires_at.0)),
            screens::directory_digest(lang, &self.digest)
        )
    }
}

/// Runs `poc directory verify`.
pub async fn run(home: &Session) -> anyhow::Result<Report> {
    let dir = crate::cli::session::local_directory(home).await?;
    Report::of(&checked(&dir, home.clock.now()), home.lang)
}

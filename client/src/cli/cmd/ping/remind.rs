//! `poc ping remind`.

use crate::cli::output::Output;
use crate::cli::session::fetch_and_warn;
use crate::cli::session::Session;
use crate::cli::session::{progress_bar, unlock};
use crate::cli::Report;
use crate::i18n::screens::{self, Word};
use crate::i18n::{Lang, Translated};
use crate::ops::{self, ping};

impl Output for ping::Reminded {
    const COMMAND: &'static str = "ping remind";

    fn text(&self, lang: Lang) -> String {
        let pocs: Vec<String> = self.reminded.iter().map(ToString::to_string).collect();
        screens::ping_reminded(lang, pocs.len() as u64, &pocs.join(", ")) + "\n"
    }
}

/// Pings again every PoC without a valid acknowledgement.
pub(super) async fn run(home: &Session, prefix: &str) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    let mut campaign = ping::find(&identity, prefix)?;
    let (bar, mut progress) = progress_bar(Word::SendingReminders.text(home.lang));
    let reminded = ops::online(&identity, async |client| {
        fetch_and_warn(&identity, client, home.lang).await?;
        let dir = ops::require_directory(&identity)?;
        ping::remind(&identity, client, &dir, &mut campaign, &mut progress).await
    })
    .await?;
    bar.finish_and_clear();
    super::start::warn_not_pinged(&reminded.not_pinged, home.lang);
    Report::of(&reminded, home.lang)
}

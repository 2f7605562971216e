//! `poc ping start`.

use crate::cli::output::Output;
use crate::cli::session::Session;
use crate::cli::session::{progress_bar, unlock};
use crate::cli::Report;
use crate::i18n::phrases;
use crate::i18n::screens::{self, Word};
use crate::i18n::{Lang, Translated};
use crate::ops::{self, ping};
use crate::render::time;

impl Output for ping::CampaignStarted {
    const COMMAND: &'static str = "ping start";

    fn text(&self, lang: Lang) -> String {
        let prefix = self.campaign.get(..8).unwrap_or(&self.campaign);
        let started = phrases::ping_started(
            lang,
            &self.campaign,
            self.targets as u64,
            &time(self.deadline.0),
        );
        let follow = phrases::ping_follow(lang, &format!("poc ping status {prefix}"));
        format!("{started}\n{follow}\n")
    }
}

/// Starts a campaign and sends every ping.
pub(super) async fn run(home: &Session, options: &ping::CampaignOptions) -> anyhow::Result<Report> {
    // Checked before the passphrase is asked.
    if !options.all && options.role.is_none() && options.to.is_empty() {
        anyhow::bail!("no PoC selected: use --all, --to or --role");
    }
    ops::send::check_tokens(&options.to)?;
    let identity = unlock(home).await?;
    let (bar, mut progress) = progress_bar(Word::SendingPings.text(home.lang));
    let started = ops::online(&identity, async |client| {
        let dir = ops::require_directory(&identity)?;
        ping::start(&identity, client, &dir, options, &mut progress).await
    })
    .await?;
    bar.finish_and_clear();
    warn_not_pinged(&started.not_pinged, home.lang);
    Report::of(&started, home.lang)
}

/// Names on stderr, in `lang`, the PoCs whose relay mailbox was full.
pub(super) fn warn_not_pinged(not_pinged: &[poc_proto::PocId], lang: Lang) {
    if !not_pinged.is_empty() {
        let names: Vec<String> = not_pinged.iter().map(ToString::to_string).collect();
        crate::cli::stderr_line(&screens::not_pinged(lang, &names.join(", ")));
    }
}

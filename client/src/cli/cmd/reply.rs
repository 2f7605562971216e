//! `poc reply ID --status S`: a status answer to the sender of a message, in its thread.

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::cli::session::{check_envelope_prefix, ensure_local, unlock};
use crate::compose;
use crate::i18n::screens;
use crate::i18n::{Lang, Translated};
use crate::ops::{self, inbox, inbox::Replied};

impl Output for Replied {
    const COMMAND: &'static str = "reply";

    fn text(&self, lang: Lang) -> String {
        self.sent
            .iter()
            .map(|s| {
                let status = self.status.text(lang);
                screens::replied(lang, &s.id.to_string(), status, &s.to.to_string()) + "\n"
            })
            .collect()
    }
}

/// Runs `poc reply`.
pub async fn run(
    home: &Session,
    id: &str,
    status: &str,
    text: Option<String>,
    priority: poc_proto::Priority,
    tlp: Option<poc_proto::Tlp>,
) -> anyhow::Result<Report> {
    let status = compose::status_from(status)?;
    check_envelope_prefix(id)?;
    let identity = unlock(home).await?;
    ensure_local(&identity, id, home.lang).await?;
    let answer = inbox::Answer {
        status,
        text,
        priority,
        tlp,
    };
    let replied = ops::online(&identity, async |client| {
        let dir = ops::require_directory(&identity)?;
        inbox::reply(&identity, client, &dir, id, answer).await
    })
    .await?;
    super::send::warn_team_copies(&replied.sent, home.lang);
    Report::of(&replied, home.lang)
}

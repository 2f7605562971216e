//! `poc ack ID`: a signed receipt (or ping answer) to the sender of a message. A ping of the
//! custodian this PoC already answered is not answered again: the first answer stands, and
//! a warning says when it was sent.

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::cli::session::{check_envelope_prefix, unlock};
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::{inbox, inbox::Acknowledged};
use crate::render;

impl Output for Acknowledged {
    const COMMAND: &'static str = "ack";

    fn text(&self, lang: Lang) -> String {
        self.sent
            .iter()
            .map(|s| {
                let line = screens::ack_sent(
                    lang,
                    &s.id.to_string(),
                    &self.acknowledged.to_string(),
                    &s.to.to_string(),
                );
                line + "\n"
            })
            .collect()
    }
}

/// Runs `poc ack`.
pub async fn run(home: &Session, id: &str) -> anyhow::Result<Report> {
    check_envelope_prefix(id)?;
    let identity = unlock(home).await?;
    let acknowledged = inbox::acknowledge(&identity, id).await?;
    if let Some(first) = acknowledged.already_answered_at {
        let zone = render::reader_zone();
        crate::cli::stderr_line(&screens::ack_ping_already(
            home.lang,
            &render::local_time(first.0, &zone),
        ));
    }
    super::send::warn_team_copies(&acknowledged.sent, home.lang);
    Report::of(&acknowledged, home.lang)
}

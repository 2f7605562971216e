//! `poc ack ID`: a signed receipt (or ping answer) to the sender of a message. A ping of the
//! custodian this PoC already answered is not answered again: the first answer stands, and
//! a warning says when it was sent.

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::cli::session::{check_envelope_prefix, unlock};
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::json::Timestamp;
use crate::ops::{self, inbox, inbox::Acknowledged};
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
    let dir = ops::require_directory(&identity)?;
    let (envelope, _, verified) = inbox::read(&identity, &dir, id)?;
    let answered = inbox::ping_standing(&identity, &dir, &envelope, &verified)?
        .and_then(|standing| standing.answered_at.map(|at| at.0));
    if let Some(first) = answered {
        let zone = render::reader_zone();
        crate::cli::stderr_line(&screens::ack_ping_already(
            home.lang,
            &render::local_time(first, &zone),
        ));
        return Report::of(
            &Acknowledged {
                acknowledged: envelope,
                sent: Vec::new(),
                already_answered_at: Some(Timestamp(first)),
            },
            home.lang,
        );
    }
    let (id, sent) = ops::online(&identity, async |client| {
        inbox::ack(&identity, client, &dir, id, false).await
    })
    .await?;
    super::send::warn_team_copies(std::slice::from_ref(&sent), home.lang);
    Report::of(
        &Acknowledged {
            acknowledged: id,
            sent: vec![sent],
            already_answered_at: None,
        },
        home.lang,
    )
}

//! `poc ack ID`: a signed receipt (or ping answer) to the sender of a message.

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::cli::session::{check_envelope_prefix, unlock};
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::{self, inbox, inbox::Acknowledged};

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
    let (id, sent) = ops::online(&identity, async |client| {
        let dir = ops::require_directory(&identity)?;
        inbox::ack(&identity, client, &dir, id, false).await
    })
    .await?;
    Report::of(
        &Acknowledged {
            acknowledged: id,
            sent: vec![sent],
        },
        home.lang,
    )
}

//! `poc keys rotate`: a new key pair, and the request to the custodian to switch to it.

use crate::cli::output::{Output, Report};
use crate::cli::session::unlock_with_passphrase;
use crate::cli::session::Session;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::{self, inbox, keys, keys::RotationRequested};

impl Output for RotationRequested {
    const COMMAND: &'static str = "keys rotate";

    fn text(&self, lang: Lang) -> String {
        self.sent
            .iter()
            .map(|s| {
                format!(
                    "{}\n{}\n",
                    screens::rotation_sent(
                        lang,
                        &self.new_fingerprint,
                        &s.id.to_string(),
                        &s.to.to_string()
                    ),
                    screens::rotation_next(lang)
                )
            })
            .collect()
    }
}

/// Runs `poc keys rotate`.
pub async fn run(home: &Session) -> anyhow::Result<Report> {
    let (identity, passphrase) = unlock_with_passphrase(home).await?;
    let (new, sent) = ops::online(&identity, async |client| {
        // Fetch first: envelopes for the old key cannot be fetched after the switch.
        inbox::fetch(&identity, client).await?;
        let dir = ops::require_directory(&identity)?;
        keys::request_rotation(&identity, client, &dir, &passphrase).await
    })
    .await?;
    Report::of(
        &RotationRequested {
            sent: vec![sent],
            new_fingerprint: poc_keys::FingerprintText(new.fingerprint()).to_string(),
        },
        home.lang,
    )
}

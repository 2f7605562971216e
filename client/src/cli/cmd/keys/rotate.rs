//! `poc keys rotate`: a new key pair, and the request to the custodian to switch to it.

use crate::cli::output::{Output, Report};
use crate::cli::session::unlock_with_passphrase;
use crate::cli::session::Session;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::{keys, keys::RotationRequested};

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
    Report::of(&keys::rotate(&identity, &passphrase).await?, home.lang)
}

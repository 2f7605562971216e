//! `poc forward ID --age-recipient KEY --out FILE`: the evidence of a message, encrypted for an
//! authority outside the directory.

use std::path::Path;

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::cli::session::{check_envelope_prefix, ensure_local, unlock};
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::{self, evidence::Forwarded};

impl Output for Forwarded {
    const COMMAND: &'static str = "forward";

    fn text(&self, lang: Lang) -> String {
        let command = format!("age -d -i THEIR_KEY_FILE {}", self.file);
        format!(
            "{}\n{}\n",
            screens::forwarded(lang, &self.forwarded, &self.file, &self.recipient),
            screens::forward_open(lang, &command)
        )
    }
}

/// Runs `poc forward`.
pub async fn run(home: &Session, id: &str, recipient: &str, out: &Path) -> anyhow::Result<Report> {
    // Checked before the passphrase is asked.
    check_envelope_prefix(id)?;
    ops::evidence::age_recipient(recipient)?;
    if out.exists() {
        anyhow::bail!(
            "{} already exists; nothing was written: choose another --out",
            out.display()
        );
    }
    let identity = unlock(home).await?;
    ensure_local(&identity, id, home.lang).await?;
    let dir = ops::require_directory(&identity)?;
    let (id, file) = ops::evidence::forward(&identity, &dir, id, recipient)?;
    crate::home::write_new(out, &file)?;
    Report::of(
        &Forwarded {
            forwarded: id.to_string(),
            file: out.display().to_string(),
            recipient: recipient.trim().to_owned(),
        },
        home.lang,
    )
}

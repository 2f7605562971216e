//! `poc forward ID --age-recipient KEY --out FILE`: the evidence of a message, encrypted for an
//! authority outside the directory.

use std::path::Path;

use poc_proto::Tlp;

use crate::cli::output::{Output, Report};
use crate::cli::prompt::{self, Confirmation, Console};
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

/// Runs `poc forward`. A TLP:RED or AMBER+STRICT notice is forwarded only after a warning and
/// a confirmation on the terminal, or with `--yes` (as `poc send` asks).
pub async fn run(
    home: &Session,
    id: &str,
    recipient: &str,
    out: &Path,
    yes: bool,
) -> anyhow::Result<Report> {
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
    let (_, opened) = ops::inbox::open_local(&identity, &dir, id)?;
    let tlp = opened.message.tlp;
    if matches!(tlp, Tlp::Red | Tlp::AmberStrict) {
        let label = tlp.to_string();
        let label = label.trim_start_matches("TLP:");
        crate::cli::stderr_line(&screens::forward_warning(
            home.lang,
            label,
            recipient.trim(),
        ));
        if !yes {
            match prompt::confirm(&mut Console, home.lang, &screens::confirm_forward(home.lang))? {
                Confirmation::Yes => {}
                Confirmation::NoTerminal => anyhow::bail!(
                    "this notice is {tlp}: add --yes to forward it without a terminal; nothing was written"
                ),
                Confirmation::No => {
                    anyhow::bail!("not confirmed; nothing was written")
                }
            }
        }
    }
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

//! `poc read ID`: one message, verified, labelled in the reader's language.

use std::path::{Path, PathBuf};

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::cli::session::{check_envelope_prefix, ensure_local, reader_lang, unlock};
use crate::cli::show;
use crate::i18n::phrases::Text;
use crate::i18n::screens;
use crate::i18n::{Lang, Translated};
use crate::ops::{self, inbox, inbox::ReadMessage, view::MessageView};

impl Output for ReadMessage {
    const COMMAND: &'static str = "read";

    /// In the language of the message view (`--lang`, else `lang`).
    fn text(&self, _lang: Lang) -> String {
        let lang = self.lang;
        let mut text = String::new();
        if self.ping_not_from_custodian {
            text.push_str(Text::InboxPingNotFromCustodian.text(lang));
            text.push('\n');
        }
        text += &show::message(
            &self.id,
            self.priority,
            &self.verified,
            self.sender.as_ref(),
            self.serial,
            lang,
        );
        for path in &self.saved {
            text.push_str(&screens::saved(lang, path));
            text.push('\n');
        }
        text
    }
}

/// Runs `poc read`.
pub async fn run(
    home: &Session,
    id: &str,
    lang: Option<String>,
    attachments_dir: Option<PathBuf>,
) -> anyhow::Result<Report> {
    // Checked before the passphrase is asked.
    let lang = reader_lang(home, lang.as_deref())?;
    check_envelope_prefix(id)?;
    let identity = unlock(home).await?;
    ensure_local(&identity, id, home.lang).await?;
    let dir = ops::require_directory(&identity)?;
    let (id, priority, verified) = inbox::read(&identity, &dir, id)?;
    let saved = match &attachments_dir {
        Some(target) => save(target, &verified.message)?,
        None => Vec::new(),
    };
    let ping_not_from_custodian = matches!(verified.message.kind, poc_proto::MessageKind::Ping(_))
        && !inbox::from_custodian(&verified, &dir);
    Report::of(
        &ReadMessage {
            message: MessageView::of(&id, priority, &verified),
            saved,
            id,
            priority,
            sender: dir.entry(&verified.sender).cloned(),
            verified,
            serial: dir.directory.serial,
            lang,
            ping_not_from_custodian,
        },
        lang,
    )
}

fn save(target: &Path, message: &poc_proto::Message) -> anyhow::Result<Vec<String>> {
    crate::cli::attachments::save_attachments(target, message)
}

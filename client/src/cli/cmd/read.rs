//! `poc read ID`: one message, verified, labelled in the reader's language.

use std::path::{Path, PathBuf};

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::cli::session::{ensure_local, reader_lang, unlock};
use crate::cli::show;
use crate::i18n::phrases::Text;
use crate::i18n::Translated;
use crate::ops::{self, inbox, inbox::ReadMessage, view::MessageView};

impl Output for ReadMessage {
    const COMMAND: &'static str = "read";

    fn text(&self) -> String {
        let mut text = String::new();
        if self.ping_not_from_custodian {
            text.push_str(Text::InboxPingNotFromCustodian.text(self.lang));
            text.push('\n');
        }
        text += &show::message(
            &self.id,
            self.priority,
            &self.verified,
            self.sender.as_ref(),
            self.serial,
            self.lang,
        );
        for path in &self.saved {
            text.push_str(&format!("saved {path}\n"));
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
    let identity = unlock(home).await?;
    ensure_local(&identity, id).await?;
    let dir = ops::require_directory(&identity)?;
    let lang = reader_lang(&identity, &dir, lang.as_deref())?;
    let (id, priority, verified) = inbox::read(&identity, &dir, id)?;
    let saved = match &attachments_dir {
        Some(target) => save(target, &verified.message)?,
        None => Vec::new(),
    };
    let ping_not_from_custodian = matches!(verified.message.kind, poc_proto::MessageKind::Ping(_))
        && !inbox::from_custodian(&verified, &dir);
    Report::of(&ReadMessage {
        message: MessageView::of(&id, priority, &verified),
        saved,
        id,
        priority,
        sender: dir.entry(&verified.sender).cloned(),
        verified,
        serial: dir.directory.serial,
        lang,
        ping_not_from_custodian,
    })
}

fn save(target: &Path, message: &poc_proto::Message) -> anyhow::Result<Vec<String>> {
    crate::cli::attachments::save_attachments(target, message)
}

//! `poc read ID`: one message, verified, labelled in the reader's language.

use std::path::{Path, PathBuf};

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::cli::session::{ensure_local, reader_lang, short, unlock};
use crate::cli::show;
use crate::i18n::phrases::Text;
use crate::i18n::screens;
use crate::i18n::{Lang, Translated};
use crate::ops::inbox::{PingStanding, ReadMessage};
use crate::ops::{self, inbox, view::MessageView};
use crate::render;
use poc_proto::EnvelopeId;

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
        if let Some(ping) = &self.ping {
            text.push_str(&ping_lines(&self.id, ping, lang));
        }
        for path in &self.saved {
            text.push_str(&screens::saved(lang, path));
            text.push('\n');
        }
        text
    }
}

/// What the reader of a custodian ping needs: whether it is answered, else how to answer
/// and whether the deadline has passed (times in the reader's time zone).
fn ping_lines(id: &EnvelopeId, ping: &PingStanding, lang: Lang) -> String {
    let zone = render::reader_zone();
    let line = match ping.answered_at {
        Some(at) => screens::read_ping_answered(lang, &render::local_time(at, &zone)),
        None => {
            let deadline = render::local_time(ping.deadline, &zone);
            if ping.late {
                screens::read_ping_late(lang, &short(id), &deadline)
            } else {
                screens::read_ping_answer(lang, &short(id), &deadline)
            }
        }
    };
    line + "\n"
}

/// Runs `poc read`.
pub async fn run(
    home: &Session,
    id: &str,
    lang: Option<String>,
    attachments_dir: Option<PathBuf>,
) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    let lang = reader_lang(home, lang.as_deref())?;
    ensure_local(&identity, id, home.lang).await?;
    let dir = ops::require_directory(&identity)?;
    let (id, priority, verified) = inbox::read(&identity, &dir, id)?;
    let saved = match &attachments_dir {
        Some(target) => save(target, &verified.message)?,
        None => Vec::new(),
    };
    let ping = inbox::ping_standing(&identity, &dir, &id, &verified)?;
    inbox::mark_read(&identity, &id)?;
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
            ping,
        },
        lang,
    )
}

fn save(target: &Path, message: &poc_proto::Message) -> anyhow::Result<Vec<String>> {
    crate::cli::attachments::save_attachments(target, message)
}

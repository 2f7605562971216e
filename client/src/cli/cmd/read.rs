//! `poc read ID`: one message, verified, labelled in the reader's language.

use std::path::PathBuf;

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::cli::session::{check_envelope_prefix, ensure_local, reader_lang, short, unlock};
use crate::cli::show;
use crate::i18n::phrases::Text;
use crate::i18n::screens;
use crate::i18n::{Lang, Translated};
use crate::ops::inbox::{PingStanding, ReadMessage};
use crate::ops::view::{MessageView, PartsState};
use crate::ops::{self, inbox};
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
        for a in &self.message.attachments {
            if let Some(parts) = &a.parts {
                let state = match parts.state {
                    PartsState::Complete => screens::attachment_complete(lang),
                    PartsState::Incomplete => screens::attachment_incomplete(
                        lang,
                        parts.received.unwrap_or(0) as u64,
                        parts.total as u64,
                    ),
                    PartsState::Invalid => {
                        screens::attachment_invalid(lang, parts.reason.as_deref().unwrap_or(""))
                    }
                };
                text.push_str(&crate::cli::show::attachment_state(&a.name, &state, lang));
            }
        }
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
        Some(at) => screens::read_ping_answered(lang, &render::local_time(at.0, &zone)),
        None => {
            let deadline = render::local_time(ping.deadline.0, &zone);
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
    // Checked before the passphrase is asked.
    let lang = reader_lang(home, lang.as_deref())?;
    check_envelope_prefix(id)?;
    let identity = unlock(home).await?;
    ensure_local(&identity, id, home.lang).await?;
    let dir = ops::require_directory(&identity)?;
    let (id, priority, verified) = inbox::read(&identity, &dir, id)?;
    let saving = match &attachments_dir {
        Some(target) => crate::cli::attachments::save_attachments(
            &identity, &dir, target, &id, &verified, lang,
        )?,
        None => crate::cli::attachments::Saving {
            saved: Vec::new(),
            states: ops::chunks::states(&identity, &dir, &id, &verified)?,
        },
    };
    if attachments_dir.is_some() {
        for (position, state) in &saving.states {
            if *state != ops::chunks::State::Complete {
                let name = verified
                    .message
                    .attachments
                    .get(*position)
                    .map(|a| a.name.clone())
                    .unwrap_or_default();
                crate::cli::stderr_line(&screens::attachment_not_saved(
                    lang,
                    &name,
                    &state_text(state, lang),
                ));
            }
        }
    }
    let ping = inbox::ping_standing(&identity, &dir, &id, &verified)?;
    inbox::mark_read(&identity, &id)?;
    let ping_not_from_custodian = matches!(verified.message.kind, poc_proto::MessageKind::Ping(_))
        && !inbox::from_custodian(&verified, &dir);
    Report::of(
        &ReadMessage {
            message: MessageView::of(&id, priority, &verified)
                .with_parts(&verified.message, &saving.states),
            saved: saving.saved,
            id,
            priority,
            sender: dir.team(&verified.sender).cloned(),
            verified,
            serial: dir.directory.serial,
            lang,
            ping_not_from_custodian,
            ping,
        },
        lang,
    )
}

/// A file's state in words: complete, n of m parts received, or INVALID with the reason.
fn state_text(state: &ops::chunks::State, lang: Lang) -> String {
    match state {
        ops::chunks::State::Complete => screens::attachment_complete(lang),
        ops::chunks::State::Incomplete { received, total } => {
            screens::attachment_incomplete(lang, *received as u64, *total as u64)
        }
        ops::chunks::State::Invalid(e) => screens::attachment_invalid(lang, &e.to_string()),
    }
}

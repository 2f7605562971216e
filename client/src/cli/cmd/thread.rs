//! `poc thread ID`: a conversation, received and sent messages, oldest first.

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::cli::session::{check_envelope_prefix, ensure_local, reader_lang, short, unlock};
use crate::i18n::phrases::{self, Text};
use crate::i18n::{Lang, MessageType, Translated};
use crate::ops::{self, thread::Thread};
use crate::render::{self, time};

impl Output for Thread {
    const COMMAND: &'static str = "thread";

    /// In the language of the thread view (`--lang`, else `lang`).
    fn text(&self, _lang: Lang) -> String {
        let lang = self.lang;
        let mut text =
            phrases::thread_header(lang, &self.root.to_string(), self.messages.len() as u64);
        text.push('\n');
        for item in &self.messages {
            let state = match (&item.message, item.outgoing) {
                (Ok(_), true) => Text::ThreadSentByThisPoc.text(lang).to_owned(),
                (Ok(_), false) => Text::ThreadSignatureVerified.text(lang).to_owned(),
                (Err(e), _) => phrases::inbox_invalid(lang, &e.to_string()),
            };
            text.push_str(&format!(
                "\n--- {} {} ({state})\n",
                short(&item.id),
                item.sender_name()
            ));
            if let Ok(m) = &item.message {
                text.push_str(&format!(
                    "{}  {}  {}\n",
                    time(m.sent_at),
                    MessageType::of(&m.kind).text(lang),
                    m.tlp
                ));
                for f in render::fields(m) {
                    let label = crate::i18n::label(f.key, lang).unwrap_or(f.key);
                    let value = match f.set {
                        Some(set) => crate::i18n::value(set, &f.value, lang)
                            .unwrap_or(&f.value)
                            .to_owned(),
                        None => f.value.clone(),
                    };
                    text.push_str(&format!("  {label}: {value}\n"));
                }
            }
        }
        text
    }
}

/// Runs `poc thread`.
pub async fn run(home: &Session, id: &str, lang: Option<String>) -> anyhow::Result<Report> {
    // Checked before the passphrase is asked.
    let lang = reader_lang(home, lang.as_deref())?;
    check_envelope_prefix(id)?;
    let identity = unlock(home).await?;
    ensure_local(&identity, id, home.lang).await?;
    let dir = ops::require_directory(&identity)?;
    let (root, messages) = ops::thread::thread(&identity, &dir, id)?;
    Report::of(
        &Thread {
            root,
            messages,
            lang,
        },
        lang,
    )
}

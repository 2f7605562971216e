//! `poc sent`: the outbox (every envelope sent or begun, with how far it went), and
//! `--resend ID...` / `--resend-all` to finish an interrupted send with the same envelopes.
//! A message is one line, its attachment parts counted in its status ("3 of 10 parts
//! stored"); resending it sends its unfinished parts too.

use crate::cli::interrupt::resend_command;
use crate::cli::output::{Output, Report};
use crate::cli::session::{progress_bar, unlock, Session};
use crate::i18n::phrases::InboxColumn;
use crate::i18n::{screens, Lang, MessageType, Translated};
use crate::mailbox::outbox::SendState;
use crate::ops::{self, outbox, outbox::SentItem, outbox::SentList};
use crate::render::{table, time};

fn state_text(lang: Lang, item: &SentItem) -> String {
    let state = match item.state {
        SendState::Prepared => screens::sent_state_prepared(lang),
        SendState::Submitted => screens::sent_state_submitted(lang),
        SendState::Stored => screens::sent_state_stored(lang),
    };
    let state = match item.parts {
        Some(parts) => format!(
            "{state}; {}",
            screens::sent_parts(lang, parts.stored, parts.total)
        ),
        None => state,
    };
    if item.unfinished() && !item.resendable {
        format!("{state}; {}", screens::sent_expired(lang))
    } else {
        state
    }
}

impl Output for SentList {
    const COMMAND: &'static str = "sent";

    fn text(&self, lang: Lang) -> String {
        if self.resent && self.records.is_empty() {
            return screens::sent_nothing_to_resend(lang) + "\n";
        }
        if self.resent {
            return self
                .records
                .iter()
                .map(|r| {
                    let state = state_text(lang, r);
                    screens::sent_resent(lang, &r.id.to_string(), &r.to.to_string(), &state) + "\n"
                })
                .collect();
        }
        if self.records.is_empty() {
            return screens::sent_none(lang) + "\n";
        }
        let headers = [
            InboxColumn::Id.text(lang),
            &screens::sent_column_to(lang),
            InboxColumn::Type.text(lang),
            InboxColumn::Priority.text(lang),
            InboxColumn::Status.text(lang),
            &screens::sent_column_time(lang),
        ]
        .map(str::to_owned);
        let rows: Vec<Vec<String>> = self
            .records
            .iter()
            .map(|r| {
                let kind = MessageType::from_key(&r.kind.replace('_', "-"))
                    .map_or(r.kind.clone(), |t| t.text(lang).to_owned());
                let priority = r
                    .priority
                    .parse::<poc_proto::Priority>()
                    .map_or(r.priority.clone(), |p| p.text(lang).to_owned());
                vec![
                    r.id.to_string(),
                    r.to.to_string(),
                    kind,
                    priority,
                    state_text(lang, r),
                    time(r.sent_at.0),
                ]
            })
            .collect();
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        let mut text = table(&headers, &rows);
        let unfinished = self.records.iter().filter(|r| r.resendable).count();
        if unfinished > 0 {
            let command = if unfinished == 1 {
                let id = self.records.iter().find(|r| r.resendable);
                resend_command(&id.map(|r| r.id.to_string()).into_iter().collect::<Vec<_>>())
            } else {
                "poc sent --resend-all".to_owned()
            };
            text.push('\n');
            text.push_str(&screens::sent_unfinished(lang, unfinished as u64, &command));
            text.push('\n');
        }
        text
    }
}

/// Runs `poc sent`.
pub async fn run(home: &Session, resend: Vec<String>, resend_all: bool) -> anyhow::Result<Report> {
    // A home without an identity has no outbox: say so rather than "nothing sent yet", which
    // would hide a mistyped --home.
    home.config()?;
    if resend.is_empty() && !resend_all {
        // Listing reads the home only: no passphrase, no relay.
        let list = outbox::list(home, home.clock.now())?;
        return Report::of(&list, home.lang);
    }
    let which = if resend_all {
        outbox::Resend::Unfinished
    } else {
        outbox::Resend::Ids(resend)
    };
    // Checked before the passphrase: an unknown or expired record is refused at once.
    let ids = outbox::to_resend(home, home.clock.now(), &which)?;
    let identity = unlock(home).await?;
    let list = if ids.is_empty() {
        SentList {
            records: Vec::new(),
            resent: true,
        }
    } else {
        ops::online(&identity, async |client| {
            // A progress bar only when there are parts to send.
            type Shown = (indicatif::ProgressBar, Box<dyn FnMut(usize, usize) + Send>);
            let mut shown: Option<Shown> = None;
            let mut progress = |done: usize, total: usize| {
                let (_, update) = shown.get_or_insert_with(|| {
                    let (bar, update) = progress_bar(screens::attachment_sending_parts(home.lang));
                    (bar, Box::new(update))
                });
                update(done, total);
            };
            let list = outbox::resend(&identity, client, &ids, &mut progress).await;
            if let Some((bar, _)) = shown {
                bar.finish_and_clear();
            }
            list
        })
        .await?
    };
    Report::of(&list, home.lang)
}

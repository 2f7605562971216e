//! `poc inbox`: fetch and list the local inbox, or with `--watch` report arrivals as the
//! relay pushes them.
//!
//! With `--watch --json`, stdout carries one JSON document per line, one per arrival: the
//! same item `poc inbox` lists, with `schema` and `command` (`inbox --watch`) next to its
//! fields (see [`Arrival`]). Nothing is printed when the watch stops.

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::cli::session::{short, unlock, warn_fetched};
use crate::i18n::phrases::{self, InboxColumn, Text};
use crate::i18n::{screens, Label, Lang, MessageType, Translated};
use crate::mailbox::ReceiptCheck;
use crate::ops::inbox::{self, Inbox, Item};
use crate::ops::unopened::Unopened;
use crate::ops::watch::{self, Arrival, Event};
use crate::render::{self, table, time};

/// The column headers, in `lang`.
fn headers(lang: Lang) -> Vec<&'static str> {
    InboxColumn::ALL.iter().map(|c| c.text(lang)).collect()
}

/// The table row of one inbox item, in `lang` (names and summaries as written).
fn row(item: &Item, lang: Lang) -> Vec<String> {
    let (from, kind, tlp, what, status) = match &item.verdict {
        Ok(v) => {
            let sender = v.sender.to_string();
            let status = match &item.receipt {
                Some(ReceiptCheck::Confirmed {
                    envelope,
                    received_at,
                }) => phrases::inbox_receipt(lang, &sender, &short(envelope), &time(*received_at)),
                Some(ReceiptCheck::UnknownEnvelope(e)) => {
                    phrases::inbox_receipt_unknown(lang, &short(e))
                }
                Some(ReceiptCheck::WrongSigner {
                    envelope,
                    addressee,
                }) => phrases::inbox_receipt_wrong_signer(
                    lang,
                    &short(envelope),
                    &sender,
                    &addressee.to_string(),
                ),
                None if item.status == inbox::Status::PingNotFromCustodian => {
                    Text::InboxPingNotFromCustodian.text(lang).to_owned()
                }
                None if item.acked_at.is_some() => Text::InboxAcknowledged.text(lang).to_owned(),
                None => Text::InboxVerified.text(lang).to_owned(),
            };
            let exercise = if v.message.exercise {
                format!("[{}] ", Label::Exercise.text(lang))
            } else {
                String::new()
            };
            (
                sender,
                MessageType::of(&v.message.kind).text(lang).to_owned(),
                v.message.tlp.to_string(),
                format!("{exercise}{}", render::headline_in(&v.message, lang)),
                status,
            )
        }
        Err(e) => (
            "?".into(),
            "?".into(),
            "?".into(),
            String::new(),
            phrases::inbox_invalid(lang, &e.to_string()),
        ),
    };
    // An envelope that does not verify has no priority anyone vouches for.
    let priority = if item.verified {
        item.priority.text(lang).to_uppercase()
    } else {
        "?".to_owned()
    };
    vec![short(&item.id), priority, from, kind, tlp, what, status]
}

impl Output for Inbox {
    const COMMAND: &'static str = "inbox";

    fn text(&self, lang: Lang) -> String {
        let mut text = String::new();
        if let Some(f) = &self.fetched {
            text.push_str(&phrases::inbox_fetched(lang, f.new as u64));
            text.push('\n');
        }
        if self.items.is_empty() && self.unopened.is_empty() {
            text.push_str(Text::InboxEmpty.text(lang));
            text.push('\n');
        } else if !self.items.is_empty() {
            let rows: Vec<Vec<String>> = self.items.iter().map(|i| row(i, lang)).collect();
            text.push_str(&table(&headers(lang), &rows));
        }
        text.push_str(&unopened_lines(&self.unopened, lang));
        text
    }
}

/// One line per key whose envelopes cannot be opened or verified, with their count.
fn unopened_lines(groups: &[Unopened], lang: Lang) -> String {
    let mut text = String::new();
    for group in groups {
        let submitter = group.submitter.as_deref().unwrap_or("?");
        text.push_str(&phrases::inbox_unopened(
            lang,
            group.count,
            submitter,
            &group.error,
        ));
        text.push('\n');
    }
    text
}

impl Output for Arrival<'_> {
    const COMMAND: &'static str = "inbox --watch";

    /// One line: the time of the fetch, then the item's table row.
    fn text(&self, lang: Lang) -> String {
        format!(
            "{} {}\n",
            time(self.item.fetched_at.0),
            render::row_line(&row(self.item, lang))
        )
    }
}

/// Runs `poc inbox`.
pub async fn run(
    home: &Session,
    offline: bool,
    watch: Option<Watch>,
    json_output: bool,
) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    if let Some(watch) = watch {
        let lang = home.lang;
        let options = watch::link_options(&identity.options, watch.on_lost.after);
        let identity = identity.with_options(options);
        return watch_inbox(&identity, &watch, json_output, lang).await;
    }
    let inbox = inbox::inbox(&identity, offline).await?;
    if let Some(fetched) = &inbox.fetched {
        warn_fetched(fetched, home.lang);
    }
    Report::of(&inbox, home.lang)
}

/// The options of `poc inbox --watch`.
#[derive(Debug)]
pub struct Watch {
    /// `--on-high`.
    pub on_high: Option<String>,
    /// `--auto-ack-pings`.
    pub auto_ack_pings: bool,
    /// `--on-lost` and `--lost-after`.
    pub on_lost: watch::OnLost,
}

/// `poc inbox --watch`: prints each arrival as it comes (a line of text, or one JSON
/// document per line), warnings and the state of the link to the relay on stderr, until
/// Ctrl-C.
async fn watch_inbox(
    identity: &crate::ops::Identity,
    options: &Watch,
    json_output: bool,
    lang: Lang,
) -> anyhow::Result<Report> {
    crate::cli::stderr_line(Text::InboxWatching.text(lang));
    let print = |event: Event<'_>| match event {
        Event::Arrived(arrival) => match Report::of(&arrival, lang) {
            Ok(report) if json_output => crate::cli::emit_json(&format!("{}\n", report.json())),
            Ok(report) => crate::cli::emit(report.text()),
            Err(e) => crate::cli::stderr_line(&screens::arrival_failed(lang, &format!("{e:#}"))),
        },
        Event::Warning(warning) => crate::cli::stderr_line(&screens::warning(lang, &warning)),
        Event::Reconnecting { error, retry_secs } => {
            crate::cli::stderr_line(&screens::reconnecting(lang, &error.to_string(), retry_secs))
        }
        Event::Connected { address } => {
            crate::cli::stderr_line(&screens::watch_connected(lang, &address))
        }
        Event::Lost { address, seconds } => {
            crate::cli::stderr_line(&screens::relay_lost(lang, &address, seconds))
        }
        Event::Back { address } => crate::cli::stderr_line(&screens::relay_back(lang, &address)),
    };
    let watching = watch::watch(
        identity,
        options.on_high.as_deref(),
        options.auto_ack_pings,
        &options.on_lost,
        print,
    );
    tokio::select! {
        result = watching => result?,
        _ = tokio::signal::ctrl_c() => {}
    }
    Ok(Report::streamed())
}

//! `poc inbox`: fetch and list the local inbox, or with `--watch` report arrivals as the
//! relay pushes them.
//!
//! With `--watch --json`, stdout carries one JSON document per line, one per arrival: the
//! same item `poc inbox` lists, with `schema` and `command` (`inbox --watch`) next to its
//! fields (see [`Arrival`]). Nothing is printed when the watch stops.

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::cli::session::{short, unlock};
use crate::mailbox::ReceiptCheck;
use crate::ops::inbox::{self, Inbox, Item};
use crate::ops::watch::{self, Arrival, Event};
use crate::render::{self, table, time};

const INBOX_HEADERS: [&str; 7] = ["ID", "PRIORITY", "FROM", "TYPE", "TLP", "SUMMARY", "STATUS"];

/// The table row of one inbox item.
fn row(item: &Item) -> Vec<String> {
    let (from, kind, tlp, what, status) = match &item.verdict {
        Ok(v) => {
            let status = match &item.receipt {
                Some(ReceiptCheck::Confirmed {
                    envelope,
                    received_at,
                }) => {
                    format!(
                        "verified receipt: {} received {} at {}",
                        v.sender,
                        short(envelope),
                        time(*received_at)
                    )
                }
                Some(ReceiptCheck::UnknownEnvelope(e)) => {
                    format!(
                        "WARNING: receipt for {} which this PoC did not send",
                        short(e)
                    )
                }
                Some(ReceiptCheck::WrongSigner {
                    envelope,
                    addressee,
                }) => {
                    format!(
                        "WARNING: receipt for {} signed by {} but it was sent to {addressee}",
                        short(envelope),
                        v.sender
                    )
                }
                None if item.acked_at.is_some() => "verified, acknowledged".into(),
                None => "verified".into(),
            };
            let exercise = if v.message.exercise {
                "[EXERCISE] "
            } else {
                ""
            };
            (
                v.sender.to_string(),
                v.message.kind.name().to_string(),
                v.message.tlp.to_string(),
                format!("{exercise}{}", render::headline(&v.message)),
                status,
            )
        }
        Err(e) => (
            "?".into(),
            "?".into(),
            "?".into(),
            String::new(),
            format!("INVALID: {e}"),
        ),
    };
    vec![
        short(&item.id),
        item.priority.as_str().to_uppercase(),
        from,
        kind,
        tlp,
        what,
        status,
    ]
}

impl Output for Inbox {
    const COMMAND: &'static str = "inbox";

    fn text(&self) -> String {
        let mut text = String::new();
        if let Some(f) = &self.fetched {
            text.push_str(&format!("fetched {} new envelope(s)\n", f.new));
        }
        if self.items.is_empty() {
            text.push_str("inbox empty\n");
        } else {
            let rows: Vec<Vec<String>> = self.items.iter().map(row).collect();
            text.push_str(&table(&INBOX_HEADERS, &rows));
        }
        text
    }
}

impl Output for Arrival<'_> {
    const COMMAND: &'static str = "inbox --watch";

    /// One line: the time of the fetch, then the item's table row.
    fn text(&self) -> String {
        format!(
            "{} {}\n",
            time(self.item.fetched_at.0),
            row(self.item).join("  ")
        )
    }
}

/// Runs `poc inbox`.
pub async fn run(
    home: &Session,
    offline: bool,
    watch: bool,
    on_high: Option<String>,
    auto_ack_pings: bool,
    json_output: bool,
) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    if watch {
        return watch_inbox(&identity, on_high.as_deref(), auto_ack_pings, json_output).await;
    }
    let inbox = inbox::inbox(&identity, offline).await?;
    if let Some(warning) = inbox.fetched.as_ref().and_then(inbox::Fetched::warning) {
        eprintln!("warning: {warning}");
    }
    Report::of(&inbox)
}

/// `poc inbox --watch`: prints each arrival as it comes (a line of text, or one JSON
/// document per line), warnings on stderr, until Ctrl-C.
async fn watch_inbox(
    identity: &crate::ops::Identity,
    on_high: Option<&str>,
    auto_ack_pings: bool,
    json_output: bool,
) -> anyhow::Result<Report> {
    eprintln!("watching for new envelopes (Ctrl-C to stop)");
    let print = |event: Event<'_>| match event {
        Event::Arrived(arrival) => match Report::of(&arrival) {
            Ok(report) if json_output => crate::cli::emit(&format!("{}\n", report.json())),
            Ok(report) => crate::cli::emit(report.text()),
            Err(e) => eprintln!("warning: cannot show an arrival: {e:#}"),
        },
        Event::Warning(warning) => eprintln!("warning: {warning}"),
        Event::Reconnecting { error, retry_secs } => {
            eprintln!("connection to the relay lost ({error}); reconnecting in {retry_secs} s")
        }
    };
    tokio::select! {
        result = watch::watch(identity, on_high, auto_ack_pings, print) => result?,
        _ = tokio::signal::ctrl_c() => {}
    }
    Ok(Report::streamed())
}

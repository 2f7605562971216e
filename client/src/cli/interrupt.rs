//! What a command that sends says when it is interrupted (Ctrl-C, SIGTERM) or fails: which
//! envelopes of this run the relay stored, which may have been sent and which were not, with
//! their ids, and the command that finishes the send. Attachment parts are counted under the
//! message that announces them (how many stored, may have been sent, not sent); the pings
//! of a campaign (thousands) are told as counts per campaign (`poc sent` lists each, `poc
//! sent --resend-all` finishes them). The states come from the outbox
//! journal ([`Journal`]), read under its lock so that none moves on while they are told.
//!
//! This module does not decide how an envelope is sent (`ops::outbox`).

use crate::cli::args::{Command, CustodianCommand, ExerciseCommand, PingCommand};
use crate::i18n::{screens, Lang};
use crate::mailbox::outbox::SendState;
use crate::ops::outbox::{Journal, JournalEntry, PartsProgress};
use poc_proto::{EnvelopeId, PocId};

/// Whether `command` may send envelopes to the relay (its interruption is reported).
pub(crate) fn sends(command: &Command) -> bool {
    matches!(
        command,
        Command::Send(_)
            | Command::Reply { .. }
            | Command::Ack { .. }
            | Command::Update(_)
            | Command::Sent { .. }
            | Command::Exercise(ExerciseCommand::Run { .. })
            | Command::Ping(PingCommand::Start { .. } | PingCommand::Remind { .. })
            | Command::Custodian(
                CustodianCommand::Publish { .. } | CustodianCommand::Rotate { .. }
            )
    )
}

/// The lines that say where the envelopes of `entries` stand; none when there are none.
/// With `interrupted`, the first line says so (and an empty journal says nothing was sent).
/// Attachment parts are counted under the message that announces them, one line per
/// message; parts still all prepared whose message this run did not record yet (a send
/// interrupted while recording) were not sent and are not on the list of `poc sent`: they
/// are left out.
pub(crate) fn lines(lang: Lang, entries: &[JournalEntry], interrupted: bool) -> Vec<String> {
    let messages: Vec<&JournalEntry> = entries.iter().filter(|e| e.part_of.is_none()).collect();
    // Each message with parts, in the order its first part was recorded.
    let mut groups: Vec<(EnvelopeId, &PocId, PartsProgress)> = Vec::new();
    for part in entries.iter() {
        let Some(message) = part.part_of else {
            continue;
        };
        match groups.iter_mut().find(|(id, _, _)| *id == message) {
            Some((_, _, progress)) => *progress = progress.with(part.state),
            None => groups.push((message, &part.to, PartsProgress::of([part.state]))),
        }
    }
    groups.retain(|(message, _, progress)| {
        messages.iter().any(|m| m.id == *message) || progress.prepared < progress.total
    });
    let mut out = Vec::new();
    if messages.is_empty() && groups.is_empty() {
        if interrupted {
            out.push(screens::outbox_nothing_sent(lang));
        }
        return out;
    }
    if interrupted {
        out.push(screens::outbox_interrupted(lang));
    }
    let mut campaigns: Vec<&str> = Vec::new();
    for campaign in entries.iter().filter_map(|e| e.campaign.as_deref()) {
        if !campaigns.contains(&campaign) {
            campaigns.push(campaign);
        }
    }
    for campaign in &campaigns {
        let count = |state: SendState| {
            entries
                .iter()
                .filter(|e| e.campaign.as_deref() == Some(campaign) && e.state == state)
                .count() as u64
        };
        out.push(screens::outbox_campaign(
            lang,
            campaign,
            count(SendState::Stored),
            count(SendState::Submitted),
            count(SendState::Prepared),
        ));
    }
    for state in [SendState::Stored, SendState::Submitted, SendState::Prepared] {
        for entry in messages
            .iter()
            .filter(|e| e.state == state && e.campaign.is_none())
        {
            let (id, to) = (entry.id.to_string(), entry.to.to_string());
            out.push(match state {
                SendState::Stored => screens::outbox_stored(lang, &id, &to),
                SendState::Submitted => screens::outbox_submitted(lang, &id, &to),
                SendState::Prepared => screens::outbox_prepared(lang, &id, &to),
            });
        }
    }
    for (message, to, progress) in &groups {
        out.push(screens::outbox_parts(
            lang,
            &message.to_string(),
            &to.to_string(),
            progress.total,
            progress.stored,
            progress.submitted,
            progress.prepared,
        ));
    }
    let mut unfinished: Vec<String> = Vec::new();
    let mut add = |id: &EnvelopeId| {
        let id = id.to_string();
        if !unfinished.contains(&id) {
            unfinished.push(id);
        }
    };
    for entry in &messages {
        if entry.state.unfinished() {
            add(&entry.id);
        }
    }
    for (message, _, progress) in &groups {
        if progress.unfinished() {
            add(message);
        }
    }
    if entries
        .iter()
        .any(|e| e.campaign.is_some() && e.state.unfinished())
    {
        out.push(screens::outbox_finish(lang, RESEND_ALL));
    } else if !unfinished.is_empty() {
        out.push(screens::outbox_finish(lang, &resend_command(&unfinished)));
    }
    out
}

/// The command line that submits every unfinished envelope again (a campaign's are too many
/// to name).
pub(crate) const RESEND_ALL: &str = "poc sent --resend-all";

/// The command line that submits `ids` again.
pub(crate) fn resend_command(ids: &[String]) -> String {
    format!("poc sent --resend {}", ids.join(" "))
}

/// After a failed run: tells where the envelopes it recorded stand, if one is not stored.
pub(crate) fn report_unfinished(journal: &Journal, lang: Lang) {
    let entries = journal.entries();
    if entries.iter().any(|e| e.state.unfinished()) {
        for line in lines(lang, &entries, false) {
            crate::cli::stderr_line(&line);
        }
    }
}

/// Listens for SIGINT and SIGTERM for the rest of the run (call it inside the runtime).
/// On either, it tells where the envelopes of `journal` stand and ends the process with
/// 128 + the signal number (130, 143), holding the journal's lock so that no envelope moves
/// on after it was told. It acts even while the command waits on the terminal (a prompt).
pub(crate) fn watch(journal: Journal, lang: Lang) -> anyhow::Result<()> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    tokio::spawn(async move {
        let code = tokio::select! {
            _ = interrupt.recv() => 130,
            _ = terminate.recv() => 143,
        };
        let entries = journal.lock();
        for line in lines(lang, &entries, true) {
            crate::cli::stderr_line(&line);
        }
        std::process::exit(code);
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use poc_proto::EnvelopeId;

    fn entry(n: u8, state: SendState) -> JournalEntry {
        JournalEntry {
            id: EnvelopeId([n; 16]),
            to: "MEX.technical".parse().unwrap(),
            state,
            part_of: None,
            campaign: None,
        }
    }

    #[test]
    fn an_interruption_names_each_envelope_by_state_and_how_to_finish() {
        let entries = [
            entry(1, SendState::Prepared),
            entry(2, SendState::Stored),
            entry(3, SendState::Submitted),
        ];
        let out = lines(Lang::En, &entries, true);
        let id = |n: u8| EnvelopeId([n; 16]).to_string();
        assert_eq!(out[0], "Interrupted.");
        assert!(out[1].starts_with("stored at the relay: ") && out[1].contains(&id(2)));
        assert!(out[2].starts_with("may have been sent") && out[2].contains(&id(3)));
        assert!(out[3].starts_with("not sent: ") && out[3].contains(&id(1)));
        assert!(
            out[4].ends_with(&format!("poc sent --resend {} {}", id(1), id(3))),
            "{}",
            out[4]
        );
        assert_eq!(out.len(), 5);
    }

    #[test]
    fn an_interruption_before_anything_was_recorded_says_nothing_was_sent() {
        assert_eq!(
            lines(Lang::Fr, &[], true),
            vec!["Interrompu : rien n'a été envoyé.".to_owned()]
        );
        // A failure with nothing recorded adds nothing to its error.
        assert!(lines(Lang::En, &[], false).is_empty());
        // All stored: no command to finish.
        let done = lines(Lang::En, &[entry(1, SendState::Stored)], true);
        assert_eq!(done.len(), 2, "{done:?}");
    }

    #[test]
    fn parts_are_counted_under_their_message_and_its_id_finishes_them() {
        let message = EnvelopeId([1; 16]);
        let part = |n: u8, state| JournalEntry {
            part_of: Some(message),
            ..entry(n, state)
        };
        let mut entries = vec![
            part(10, SendState::Stored),
            part(11, SendState::Stored),
            part(12, SendState::Submitted),
            part(13, SendState::Prepared),
            part(14, SendState::Prepared),
            entry(1, SendState::Prepared),
        ];
        let out = lines(Lang::En, &entries, true);
        let id = message.to_string();
        assert_eq!(
            out,
            vec![
                "Interrupted.".to_owned(),
                format!("not sent: {id} to MEX.technical"),
                format!("attachment parts of {id} to MEX.technical: 2 of 5 stored at the relay, 1 may have been sent, 2 not sent"),
                format!("Every envelope is kept in the outbox (`poc sent`). To finish the send without anyone getting a second copy: poc sent --resend {id}"),
            ]
        );
        // Interrupted while recording: nothing left, nothing to finish.
        entries.pop();
        let recording: Vec<JournalEntry> = entries
            .iter()
            .map(|e| JournalEntry {
                state: SendState::Prepared,
                ..e.clone()
            })
            .collect();
        assert_eq!(
            lines(Lang::En, &recording, true),
            vec!["Interrupted: nothing was sent.".to_owned()]
        );
        // Parts resent without their message yet (a resend sends the parts first).
        let out = lines(Lang::En, &entries, false);
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(
            out[1].ends_with(&format!("poc sent --resend {id}")),
            "{out:?}"
        );
    }

    #[test]
    fn an_interrupted_campaign_is_told_in_counts_with_the_command_that_finishes_it() {
        let campaign = "ab".repeat(16);
        let ping = |n: u8, state: SendState| JournalEntry {
            campaign: Some(campaign.clone()),
            ..entry(n, state)
        };
        let entries = [
            ping(1, SendState::Stored),
            ping(2, SendState::Stored),
            ping(3, SendState::Submitted),
            ping(4, SendState::Prepared),
            ping(5, SendState::Prepared),
            ping(6, SendState::Prepared),
        ];
        let out = lines(Lang::En, &entries, true);
        assert_eq!(
            out,
            vec![
                "Interrupted.".to_owned(),
                format!(
                    "campaign {campaign}: 2 pings stored at the relay, 1 may have been sent \
                     (submitted, no answer from the relay), 3 not sent"
                ),
                "Every envelope is kept in the outbox (`poc sent`). To finish the send without \
                 anyone getting a second copy: poc sent --resend-all"
                    .to_owned(),
            ]
        );
        // A campaign wholly stored needs nothing more.
        let done: Vec<JournalEntry> = (1..=3).map(|n| ping(n, SendState::Stored)).collect();
        assert_eq!(lines(Lang::En, &done, true).len(), 2);
    }
}

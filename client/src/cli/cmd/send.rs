//! `poc send`: a message to one or more PoCs, one envelope each.

use anyhow::Context;

use crate::cli::args::SendArgs;
use crate::cli::guided;
use crate::cli::output::{Output, Report};
use crate::cli::prompt::{self, Confirmation, Console, Terminal};
use crate::cli::session::Session;
use crate::cli::session::{progress_bar, unlock};
use crate::compose;
use crate::i18n::screens;
use crate::i18n::{Lang, Translated};
use crate::ops::{self, send, send::Sent};
use poc_proto::Tlp;

impl Output for Sent {
    const COMMAND: &'static str = "send";

    fn text(&self, lang: Lang) -> String {
        self.sent
            .iter()
            .map(|s| {
                let priority = s.priority.text(lang);
                screens::sent(lang, &s.id.to_string(), &s.to.to_string(), priority) + "\n"
            })
            .collect()
    }
}

/// Reads the files to attach, refusing before reading them when their sizes together exceed
/// `limit` (a file that grows while it is read is cut off at the limit and refused too).
fn read_attachments(
    paths: &[std::path::PathBuf],
    limit: usize,
) -> anyhow::Result<Vec<poc_proto::Attachment>> {
    use std::io::Read;
    let too_large = |total: u64| send::attachments_too_large(total, limit);
    let mut total: u64 = 0;
    for path in paths {
        let size = std::fs::metadata(path)
            .with_context(|| format!("cannot read the attachment {}", path.display()))?
            .len();
        total = total.saturating_add(size);
    }
    if total > limit as u64 {
        return Err(too_large(total));
    }
    let mut read: u64 = 0;
    let mut out = Vec::new();
    for path in paths {
        let mut data = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(limit as u64 - read + 1).read_to_end(&mut data))
            .with_context(|| format!("cannot read the attachment {}", path.display()))?;
        read += data.len() as u64;
        if read > limit as u64 {
            return Err(too_large(read));
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .with_context(|| format!("{} has no file name", path.display()))?;
        let media_type = send::media_type(&name);
        out.push(poc_proto::Attachment {
            name,
            media_type: media_type.into(),
            data,
        });
    }
    Ok(out)
}

/// Runs `poc send`.
pub async fn run(home: &Session, args: SendArgs) -> anyhow::Result<Report> {
    run_with(home, args, &mut Console).await
}

/// Runs `poc send`, asking on `terminal` what the command line leaves out (the guided form)
/// and the confirmations.
pub async fn run_with(
    home: &Session,
    args: SendArgs,
    terminal: &mut dyn Terminal,
) -> anyhow::Result<Report> {
    // On a terminal, what the command line leaves out is asked (the guided form); the answers
    // fill the same arguments, and every check below is the flag form's.
    let mut args = args;
    let guided = guided::is_incomplete(&args) && terminal.interactive();
    if guided {
        let config = home.config()?;
        let directory = crate::trust::current(home, &config.custodian_key)?;
        guided::fill(
            terminal,
            home.lang,
            directory.as_ref(),
            &config.id,
            &mut args,
        )?;
    }
    // Everything that can be checked offline is checked before the passphrase prompt.
    let mut file = match &args.file {
        Some(path) => compose::MessageFile::load(path)?,
        None => compose::MessageFile::default(),
    };
    // What the command line gives replaces the file's setting, example or not.
    if !args.to.is_empty() {
        file.to = None;
    }
    if args.priority.is_some() {
        file.priority = None;
    }
    file.check_filled_in()?;
    let kind = match (args.kind, &file.kind) {
        (Some(kind), _) => kind,
        (None, Some(name)) => compose::Kind::from_name(name)?,
        (None, None) => anyhow::bail!("give the message type with --type (or `type` in --file)"),
    };
    let priority = match (args.priority, &file.priority) {
        (Some(p), _) => p,
        (None, Some(p)) => p.parse().map_err(|e: String| anyhow::anyhow!(e))?,
        (None, None) => anyhow::bail!(
            "give the priority with --priority high|medium|low (or `priority` in --file)"
        ),
    };
    let tlp = match args.tlp.as_ref().or(file.tlp.as_ref()) {
        Some(t) => {
            let (tlp, white) = compose::parse_tlp(t).map_err(|e| anyhow::anyhow!(e))?;
            if white {
                crate::cli::stderr_line(&screens::tlp_white(home.lang));
            }
            tlp
        }
        None => Tlp::Amber,
    };
    let to = if args.to.is_empty() {
        file.to.clone().unwrap_or_default()
    } else {
        args.to.clone()
    };
    send::check_tokens(&to)?;
    let mut fields = file.field_pairs()?;
    fields.extend(args.fields.iter().cloned());
    let content = compose::build(kind, &fields)?;
    if to.is_empty() {
        return Err(send::SendError::NoRecipient.into());
    }
    let language = args.lang.clone().or(file.language.clone());
    if let Some(tag) = &language {
        if crate::i18n::Lang::from_tag(tag).is_none() {
            crate::cli::stderr_line(&screens::language_not_un(home.lang, tag));
        }
    }
    let attachments = read_attachments(&args.attach, home.config()?.attachment_limit())?;
    // Files too large to travel inside the message go in parts, with a progress bar.
    let in_parts =
        ops::chunks::stays_inline(attachments.iter().map(|a| a.data.len())).contains(&false);
    let tokens = send::tokens(&to);
    // Without a terminal, a send that needs confirming is refused before the passphrase;
    // the recipient count of PoC ids is known without the directory.
    let confirm = !args.yes && send::needs_confirmation(tlp, &tokens, tokens.len());
    if guided {
        let me = home.config()?.id;
        let message = poc_proto::Message {
            from: me.clone(),
            to: me,
            sent_at: home.clock.now(),
            thread: args.thread,
            language: language
                .clone()
                .unwrap_or_else(|| send::UNSPECIFIED_LANGUAGE.to_owned()),
            tlp,
            exercise: args.exercise || file.exercise.unwrap_or(false),
            kind: content.clone(),
            attachments: Vec::new(),
        };
        let preview = crate::cli::show::preview(&to.join(", "), priority, &message, home.lang);
        guided::confirm_send(terminal, home.lang, &preview, confirm)?;
    }
    if confirm && !terminal.interactive() {
        return Err(send::SendError::NeedsYes(send::why_confirm(tlp, &tokens)).into());
    }
    let identity = unlock(home).await?;
    // Recipients are resolved against the freshly synced directory (a new PoC may have
    // joined); an unknown one stops the send before any envelope is submitted. A
    // confirmation names the people of that directory, asked while no connection is open.
    let confirmed = if confirm {
        let (dir, expanded) = ops::online(&identity, async |_| {
            let dir = ops::require_directory(&identity)?;
            let expanded = send::expand(&dir, &identity.config.id, &tokens)?;
            send::resolve(&dir, &expanded)?;
            Ok((dir, expanded))
        })
        .await?;
        // A guided send skipped its own question for this one: it is asked whatever the
        // recipients turned out to be.
        if guided || send::needs_confirmation(tlp, &tokens, expanded.len()) {
            let asked = send::question(home.lang, tlp, &tokens, &expanded, &dir);
            if prompt::confirm(terminal, home.lang, &asked)? != Confirmation::Yes {
                crate::cli::stderr_line(&screens::not_sent(home.lang));
                return Err(send::SendError::NotConfirmed.into());
            }
        }
        Some(expanded)
    } else {
        None
    };
    let sent = ops::online(&identity, async |client| {
        let dir = ops::require_directory(&identity)?;
        let expanded = send::expand(&dir, &identity.config.id, &tokens)?;
        if let Some(confirmed) = &confirmed {
            if confirmed != &expanded {
                anyhow::bail!(
                    "the directory changed while you confirmed (the recipients are now {}); nothing was sent: run the command again",
                    expanded.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
                );
            }
        }
        let outgoing = send::Outgoing {
            to: expanded,
            priority,
            tlp,
            language,
            exercise: args.exercise || file.exercise.unwrap_or(false),
            thread: args.thread,
            ttl_secs: args.ttl,
            kind: content,
            attachments,
        };
            if !in_parts {
            return send::send(&identity, client, &dir, &outgoing).await;
        }
        let (bar, mut progress) = progress_bar(screens::attachment_sending_parts(home.lang));
        let sent =
            send::send_with_progress(&identity, client, &dir, &outgoing, &mut progress).await;
        bar.finish_and_clear();
        sent
    })
    .await?;
    warn_team_copies(&sent, home.lang);
    Report::of(&Sent { sent }, home.lang)
}

/// One line on stderr per message whose copy for some co-members the relay did not store
/// (their mailbox was full): the recipient has it, the team's history misses it there.
pub fn warn_team_copies(sent: &[send::SentEnvelope], lang: crate::i18n::Lang) {
    for item in sent.iter().filter(|s| !s.team_copy_not_stored.is_empty()) {
        crate::cli::stderr_line(&screens::send_team_copy_not_stored(
            lang,
            &item.id.to_string(),
            &item.team_copy_not_stored.join(", "),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensitive_or_state_wide_sends_are_confirmed() {
        let ids = |t: &[&str]| send::tokens(&t.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        let one = ids(&["mar.technical"]);
        assert_eq!(one, vec!["MAR.technical".to_owned()]);
        assert!(!send::needs_confirmation(Tlp::Red, &one, 1));
        let two = ids(&["MAR.technical", "FRA.technical", "mar.technical"]);
        assert_eq!(two.len(), 2);
        assert!(send::needs_confirmation(Tlp::Red, &two, 2));
        assert!(send::needs_confirmation(Tlp::AmberStrict, &two, 2));
        assert!(!send::needs_confirmation(Tlp::Amber, &two, 2));
        let state = ids(&["mar"]);
        assert!(send::needs_confirmation(Tlp::Green, &state, 1));
        assert!(send::needs_confirmation(Tlp::Red, &state, 1));
        assert!(send::why_confirm(Tlp::Red, &state).contains("every PoC of Morocco (MAR)"));
    }

    #[test]
    fn files_over_the_limit_are_refused_from_their_size_before_any_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("a.txt");
        std::fs::write(&small, b"x").unwrap();
        // A sparse file of 1 TiB: reading it would not end (nor fit in memory).
        let huge = dir.path().join("b.img");
        std::fs::File::create(&huge)
            .unwrap()
            .set_len(1 << 40)
            .unwrap();
        let limit = poc_proto::limits::MAX_ATTACHMENT_BYTES;
        let err = read_attachments(&[small.clone(), huge], limit).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "attachments too large: {} bytes in all, limit {limit} bytes (64 MiB; max_attachment_bytes in poc.toml may lower it, not raise it); nothing was sent",
                (1u64 << 40) + 1
            )
        );
        // Within the limit, files are read whole, with their media type.
        let read = read_attachments(&[small], limit).unwrap();
        assert_eq!(read[0].data, b"x");
        assert_eq!(read[0].media_type, "text/plain");
    }
}

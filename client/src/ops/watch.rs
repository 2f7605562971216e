//! `poc inbox --watch`: stay connected, fetch on every push from the relay, report arrivals,
//! and run a hook for verified high-priority ones. Reconnects after a lost connection.
//! Prints nothing: what happens reaches the caller as [`Event`]s.

use std::time::Duration;

use poc_proto::{EnvelopeId, Priority};
use schemars::JsonSchema;
use serde::Serialize;

use super::inbox::{self, Item};
use super::{online, Identity};

/// One arrival reported by `poc inbox --watch`: the same item `poc inbox` lists. With
/// `--json` each arrival is one document on its own line, with `schema` and `command`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Arrival<'a> {
    /// The new envelope.
    #[serde(flatten)]
    pub item: &'a Item,
    /// The reader's language, for the text output (not part of the JSON document).
    #[serde(skip)]
    pub lang: crate::i18n::Lang,
}

/// What happens while watching.
#[derive(Debug)]
pub enum Event<'a> {
    /// An envelope new to the local inbox.
    Arrived(Arrival<'a>),
    /// A warning: the relay turned envelopes away, or the hook failed.
    Warning(String),
    /// The connection to the relay was lost; the next attempt is in `retry_secs`.
    Reconnecting {
        /// Why the connection ended.
        error: String,
        /// Seconds until the next attempt.
        retry_secs: u64,
    },
}

/// Seconds between reconnection attempts.
pub const RETRY: Duration = Duration::from_secs(2);

/// Where a hook's standard output goes: this process's stderr (nowhere if it cannot be
/// shared).
fn hook_stdout() -> std::process::Stdio {
    use std::os::fd::AsFd;
    std::io::stderr()
        .as_fd()
        .try_clone_to_owned()
        .map_or_else(|_| std::process::Stdio::null(), std::process::Stdio::from)
}

/// Runs a hook for a verified high-priority arrival: the envelope id, sender, priority and
/// type in its environment, never the content. Waits for it so hooks run one at a time.
/// Returns a warning when the hook cannot run or fails.
pub async fn run_hook(command: &str, item: &Item) -> Option<String> {
    let Ok(verified) = &item.verdict else {
        return None;
    };
    let mut child = tokio::process::Command::new("sh");
    child
        .arg("-c")
        .arg(command)
        .env("POC_ENVELOPE_ID", item.id.to_string())
        .env("POC_SENDER", verified.sender.to_string())
        .env("POC_PRIORITY", item.priority.as_str())
        .env("POC_TYPE", verified.message.kind.name())
        .stdin(std::process::Stdio::null())
        // What the hook prints goes to stderr: stdout carries only the watch's own output
        // (one JSON document per arrival with `--json`).
        .stdout(hook_stdout());
    match child.status().await {
        Ok(status) if status.success() => None,
        Ok(status) => Some(format!("the --on-high command exited with {status}")),
        Err(e) => Some(format!("cannot run the --on-high command: {e}")),
    }
}

/// Watches until the task is cancelled. `report` is called once for every envelope new to
/// the local inbox and for every warning; `on_high` runs once for each verified
/// high-priority arrival.
pub async fn watch(
    identity: &Identity,
    on_high: Option<&str>,
    auto_ack_pings: bool,
    mut report: impl FnMut(Event<'_>),
) -> anyhow::Result<()> {
    loop {
        let session = online(identity, async |client| {
            client.subscribe().await?;
            loop {
                let fetched = inbox::fetch(identity, client).await?;
                if let Some(warning) = fetched.warning() {
                    report(Event::Warning(warning));
                }
                if !fetched.new_ids.is_empty() {
                    let directory = super::require_directory(identity)?;
                    let new: Vec<EnvelopeId> = fetched.new_ids;
                    for item in inbox::list(identity, &directory)?
                        .into_iter()
                        .filter(|i| new.contains(&i.id))
                    {
                        report(Event::Arrived(Arrival {
                            item: &item,
                            lang: super::directory::preferred_lang(&directory, &identity.config.id),
                        }));
                        if item.priority == Priority::High && item.verdict.is_ok() {
                            if let Some(command) = on_high {
                                if let Some(warning) = run_hook(command, &item).await {
                                    report(Event::Warning(warning));
                                }
                            }
                        }
                        // Only the custodian's pings: anyone else's claim to be one is shown
                        // marked and left for a person.
                        if auto_ack_pings && item.is_custodian_ping() {
                            // Marked automatic: reports tell people from machines.
                            inbox::ack(identity, client, &directory, &item.id.to_string(), true)
                                .await?;
                        }
                    }
                }
                client.next_notify().await?;
            }
            #[allow(unreachable_code)]
            Ok::<(), anyhow::Error>(())
        })
        .await;
        if let Err(e) = session {
            report(Event::Reconnecting {
                error: format!("{e:#}"),
                retry_secs: RETRY.as_secs(),
            });
        }
        identity.clock.sleep(RETRY).await;
    }
}

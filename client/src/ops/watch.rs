//! `poc inbox --watch`: stay connected, fetch on every push from the relay, report arrivals,
//! and run a hook for verified high-priority ones. Reconnects after a lost connection, after a
//! pause on the identity's clock. Arrivals and warnings go to the caller as [`Event`]s; this
//! module prints nothing.

use std::time::Duration;

use poc_proto::{EnvelopeId, Priority};

use super::inbox::{self, Item};
use super::{online, Identity};

/// Pause between reconnection attempts.
pub const RETRY: Duration = Duration::from_secs(2);

/// What a watch tells its caller.
#[derive(Debug)]
pub enum Event<'a> {
    /// An envelope new to the local inbox.
    Arrived(&'a Item),
    /// Something the user should hear (one sentence): a failed hook, a lost connection, a
    /// full relay mailbox.
    Warning(String),
}

/// Runs a hook for a verified high-priority arrival: the envelope id, sender, priority and
/// type in its environment, never the content. Waits for it so hooks run one at a time.
/// Returns a warning when the hook could not run or failed.
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
        .stdin(std::process::Stdio::null());
    match child.status().await {
        Ok(status) if status.success() => None,
        Ok(status) => Some(format!(
            "warning: the --on-high command exited with {status}"
        )),
        Err(e) => Some(format!("warning: cannot run the --on-high command: {e}")),
    }
}

/// Watches until the task is cancelled. `report` hears of every envelope new to the local
/// inbox (once each) and of every warning; `on_high` runs once for each verified
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
                        report(Event::Arrived(&item));
                        if item.priority == Priority::High && item.verdict.is_ok() {
                            if let Some(command) = on_high {
                                if let Some(warning) = run_hook(command, &item).await {
                                    report(Event::Warning(warning));
                                }
                            }
                        }
                        let is_ping = item.verdict.as_ref().is_ok_and(|v| {
                            matches!(v.message.kind, poc_proto::MessageKind::Ping(_))
                        });
                        if auto_ack_pings && is_ping {
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
            report(Event::Warning(format!(
                "connection to the relay lost ({e:#}); reconnecting in {} s",
                RETRY.as_secs()
            )));
        }
        identity.clock.sleep(RETRY).await;
    }
}

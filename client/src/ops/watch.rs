//! `poc inbox --watch`: stay connected, fetch on every push from the relay, report arrivals,
//! and run a hook for verified high-priority ones. Reconnects after a lost connection, and
//! runs the `--on-lost` hook once when the relay has not been reached for a while (again
//! only after it was reached and lost again), so whoever relies on the watch knows that it
//! cannot alert them. Prints nothing: what happens reaches the caller as [`Event`]s.
//!
//! Both hooks run as `sh -c CMD`, where CMD is the watcher's own command-line text; what
//! comes from others (sender, type) reaches them only as environment variables, never as
//! part of the command text.

use std::cell::{Cell, RefCell};
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
    /// Connected (and subscribed) to the relay at `address`.
    Connected {
        /// The relay address as configured.
        address: String,
    },
    /// The relay has not been reached for `seconds` (the `--on-lost` hook, if any, runs
    /// now).
    Lost {
        /// The relay address as configured.
        address: String,
        /// Seconds since the relay was last reached.
        seconds: u64,
    },
    /// The relay was reached again after [`Event::Lost`].
    Back {
        /// The relay address as configured.
        address: String,
    },
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

/// Default of `--lost-after`: long enough for a relay restart, short enough for on-call.
pub const DEFAULT_LOST_AFTER: Duration = Duration::from_secs(120);

/// How often the watcher checks how long the relay has not been reached.
const LOST_CHECK: Duration = Duration::from_millis(250);

/// What to do when the relay is not reached (`--on-lost`, `--lost-after`).
#[derive(Debug, Clone)]
pub struct OnLost {
    /// The command to run (`sh -c`), if any; the event is reported either way.
    pub command: Option<String>,
    /// How long the relay may stay unreached before it counts as lost.
    pub after: Duration,
}

/// The connection settings of a watcher: a silent relay is noticed within `lost_after`
/// (at most 30 s, at least 2 s): the QUIC idle timeout is set to that, with keep-alives
/// three times as often, so a relay that disappears without closing its connections is
/// noticed without waiting for the usual 30 s.
pub fn link_options(
    base: &crate::transport::ClientOptions,
    lost_after: Duration,
) -> crate::transport::ClientOptions {
    let idle = lost_after.clamp(Duration::from_secs(2), Duration::from_secs(30));
    crate::transport::ClientOptions {
        idle_timeout: Some(idle),
        keep_alive: idle / 3,
        ..base.clone()
    }
}

/// Where the watcher stands with the relay.
#[derive(Debug, Clone, Copy)]
struct LinkState {
    /// Connected now.
    connected: bool,
    /// When the relay was last reached, or the watch started (Unix milliseconds).
    since: u64,
    /// The loss was reported (and the hook run) since the relay was last reached.
    reported: bool,
}

/// Runs the `--on-lost` hook: the relay address (from this PoC's configuration) and the
/// seconds since it was last reached in its environment. Returns a warning when it cannot
/// run or fails.
pub async fn run_lost_hook(command: &str, address: &str, seconds: u64) -> Option<String> {
    let env = [
        ("POC_RELAY", address.to_owned()),
        ("POC_LOST_SECS", seconds.to_string()),
    ];
    run_shell(command, &env).await.err()
}

/// Runs `sh -c COMMAND` with `env` added (and the passphrase variables removed: a hook gets
/// what it is told, not the identity's passphrase), its stdout on our stderr (stdout carries
/// only the watch's own output, one JSON document per arrival with `--json`), and waits for
/// it, so hooks run one at a time. The error says how it failed.
async fn run_shell(command: &str, env: &[(&str, String)]) -> Result<(), String> {
    let mut child = tokio::process::Command::new("sh");
    child
        .arg("-c")
        .arg(command)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env_remove(crate::passphrase::PASSPHRASE_ENV)
        .env_remove(crate::passphrase_file::PASSPHRASE_FILE_ENV)
        .stdin(std::process::Stdio::null())
        .stdout(hook_stdout());
    match child.status().await {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("exited with {status}")),
        Err(e) => Err(format!("could not be started: {e}")),
    }
}

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
    let env = [
        ("POC_ENVELOPE_ID", item.id.to_string()),
        ("POC_SENDER", verified.sender.to_string()),
        ("POC_PRIORITY", item.priority.as_str().to_owned()),
        ("POC_TYPE", verified.message.kind.name().to_owned()),
    ];
    run_shell(command, &env)
        .await
        .err()
        .map(|failure| format!("the --on-high command {failure}"))
}

/// Watches until the task is cancelled. `report` is called once for every envelope new to
/// the local inbox, for every warning and for every change of the link to the relay;
/// `on_high` runs once for each verified high-priority arrival, `on_lost.command` once each
/// time the relay has not been reached for `on_lost.after`.
pub async fn watch(
    identity: &Identity,
    on_high: Option<&str>,
    auto_ack_pings: bool,
    on_lost: &OnLost,
    report: impl FnMut(Event<'_>),
) -> anyhow::Result<()> {
    let address = identity.relay()?.address.clone();
    let report = RefCell::new(report);
    let tell = |event: Event<'_>| (report.borrow_mut())(event);
    let link = Cell::new(LinkState {
        connected: false,
        since: identity.clock.now_millis(),
        reported: false,
    });
    let monitor = async {
        loop {
            identity.clock.sleep(LOST_CHECK).await;
            let state = link.get();
            let unreached = identity.clock.now_millis().saturating_sub(state.since);
            if state.connected
                || state.reported
                || u128::from(unreached) < on_lost.after.as_millis()
            {
                continue;
            }
            link.set(LinkState {
                reported: true,
                ..state
            });
            let seconds = unreached / 1000;
            tell(Event::Lost {
                address: address.clone(),
                seconds,
            });
            if let Some(command) = &on_lost.command {
                if let Some(failure) = run_lost_hook(command, &address, seconds).await {
                    tell(Event::Warning(format!("the --on-lost command {failure}")));
                }
            }
        }
    };
    let sessions = async {
        loop {
            let session = online(identity, async |client| {
                client.subscribe().await?;
                // The relay counts as reached once a fetch went through: a relay that accepts
                // the connection but whose envelopes cannot be fetched (or stored here) still
                // leaves alerting down.
                let mut reached = false;
                loop {
                    let fetched = inbox::fetch(identity, client).await?;
                    if !reached {
                        reached = true;
                        let state = link.get();
                        link.set(LinkState {
                            connected: true,
                            since: identity.clock.now_millis(),
                            reported: false,
                        });
                        if state.reported {
                            tell(Event::Back {
                                address: address.clone(),
                            });
                        }
                        tell(Event::Connected {
                            address: address.clone(),
                        });
                    }
                    if let Some(warning) = fetched.warning() {
                        tell(Event::Warning(warning));
                    }
                    if !fetched.new_ids.is_empty() {
                        let directory = super::require_directory(identity)?;
                        let new: Vec<EnvelopeId> = fetched.new_ids;
                        for item in inbox::list(identity, &directory)?
                            .into_iter()
                            .filter(|i| new.contains(&i.id))
                        {
                            tell(Event::Arrived(Arrival {
                                item: &item,
                                lang: super::directory::preferred_lang(
                                    &directory,
                                    &identity.config.id,
                                ),
                            }));
                            // The team's own outgoing messages are history, not alerts.
                            if item.priority == Priority::High
                                && item.verdict.is_ok()
                                && item.status != inbox::Status::TeamSent
                            {
                                if let Some(command) = on_high {
                                    if let Some(warning) = run_hook(command, &item).await {
                                        tell(Event::Warning(warning));
                                    }
                                }
                            }
                            // Only the custodian's pings: anyone else's claim to be one is
                            // shown marked and left for a person.
                            if auto_ack_pings && item.is_custodian_ping() {
                                // Marked automatic: reports tell people from machines.
                                inbox::ack(
                                    identity,
                                    client,
                                    &directory,
                                    &item.id.to_string(),
                                    true,
                                )
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
            let state = link.get();
            if state.connected {
                // Reached until now: the time without the relay counts from here.
                link.set(LinkState {
                    connected: false,
                    since: identity.clock.now_millis(),
                    reported: false,
                });
            }
            if let Err(e) = session {
                tell(Event::Reconnecting {
                    error: format!("{e:#}"),
                    retry_secs: RETRY.as_secs(),
                });
            }
            identity.clock.sleep(RETRY).await;
        }
    };
    // Both run until the task is cancelled.
    tokio::select! {
        () = sessions => Ok(()),
        () = monitor => Ok(()),
    }
}

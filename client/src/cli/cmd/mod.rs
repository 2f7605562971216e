//! One module per command: each acts through [`crate::ops`] and returns an
//! [`Output`](crate::cli::output::Output) value that renders as text or JSON. No module
//! here parses another's output.

pub mod ack;
pub mod compose;
pub mod custodian;
pub mod delete;
pub mod directory;
pub mod exercise;
pub mod export;
pub mod forward;
pub mod inbox;
pub mod init;
pub mod keys;
pub mod ping;
pub mod read;
pub mod reply;
pub mod send;
pub mod sent;
pub mod team;
pub mod thread;
#[cfg(feature = "ui")]
pub mod ui;
pub mod update;
mod whoami;

#[cfg(test)]
mod translated_tests;

use crate::cli::args::{Command, DirectoryCommand, ExerciseCommand, KeysCommand, PingCommand};
use crate::cli::output::{documented, Documented, Report};
use crate::cli::session::Session;
use crate::ops;

/// The documented output of every command, in the order `docs/JSON.md` lists them.
pub fn catalogue() -> Vec<Documented> {
    vec![
        documented::<crate::ops::enrol::Initialised>(),
        documented::<crate::ops::whoami::WhoAmI>(),
        documented::<crate::ops::directory::Synced>(),
        documented::<crate::ops::directory::Listing>(),
        documented::<crate::ops::directory::Shown>(),
        documented::<crate::ops::directory::Checked>(),
        documented::<crate::ops::relays::DirectoryRelays>(),
        documented::<crate::ops::inbox::ReadMessage>(),
        documented::<crate::ops::evidence::Forwarded>(),
        documented::<crate::ops::evidence::Evidence>(),
        documented::<crate::compose::Template>(),
        documented::<crate::ops::inbox::Acknowledged>(),
        documented::<crate::ops::keys::UpdateRequested>(),
        documented::<crate::ops::keys::RotationRequested>(),
        documented::<crate::ops::team::TeamListing>(),
        documented::<crate::ops::team::CoSigned>(),
        documented::<crate::ops::member_changes::RemovalRequested>(),
        documented::<crate::ops::send::Sent>(),
        documented::<crate::ops::outbox::SentList>(),
        documented::<crate::ops::inbox::Inbox>(),
        documented::<crate::ops::watch::Arrival<'static>>(),
        documented::<crate::ops::delete::Deleted>(),
        documented::<crate::ops::inbox::Replied>(),
        documented::<crate::ops::thread::Thread>(),
        documented::<crate::ops::ping::CampaignStarted>(),
        documented::<crate::ops::ping::CampaignList>(),
        documented::<crate::ops::ping::CampaignStatus>(),
        documented::<crate::ops::ping::Reminded>(),
        documented::<ping::PingReport>(),
        documented::<ping::PingVerify>(),
        documented::<crate::ops::exercise::ExerciseRun>(),
        documented::<crate::ops::exercise::ExerciseList>(),
        documented::<crate::ops::exercise::ExerciseReport>(),
        documented::<crate::ops::custodian::CustodianCreated>(),
        documented::<crate::ops::custodian::RelaySet>(),
        documented::<crate::ops::custodian_relays::RelayAdded>(),
        documented::<crate::ops::custodian_relays::RelayRemoved>(),
        documented::<crate::ops::custodian_relays::CustodianRelays>(),
        documented::<crate::ops::custodian_relays::RelayKSet>(),
        documented::<crate::ops::custodian::CustodianShown>(),
        documented::<crate::ops::custodian::Invited>(),
        documented::<custodian::add::AddedRequest>(),
        documented::<crate::ops::requests::Requests>(),
        documented::<crate::ops::requests::Approved>(),
        documented::<crate::ops::requests::Rejected>(),
        documented::<crate::ops::custodian::Revoked>(),
        documented::<crate::ops::team::MemberRevoked>(),
        documented::<crate::ops::review::Review>(),
        documented::<crate::ops::custodian::Stale>(),
        documented::<crate::ops::import::ImportReport>(),
        documented::<crate::ops::import::Invitations>(),
        documented::<crate::ops::custodian::CustodianRotated>(),
        documented::<crate::ops::custodian::Published>(),
        #[cfg(feature = "ui")]
        documented::<crate::ui::Serving>(),
    ]
}

/// Runs one command, then warns if the directory in force has expired. Screens and stderr
/// lines are in the session's language ([`Session::lang`]).
pub async fn run(home: &Session, command: Command, json_output: bool) -> anyhow::Result<Report> {
    let sends = sends(&command);
    let result = match command {
        Command::Init(args) => init::run(home, args),
        Command::Whoami => Report::of(&ops::whoami::whoami(home)?, home.lang),
        Command::Directory(cmd) => directory_command(home, cmd).await,
        Command::Send(args) => send::run(home, args).await,
        Command::Inbox {
            offline,
            watch,
            on_high,
            auto_ack_pings,
            color,
            on_lost,
            lost_after,
        } => {
            let watch = watch.then_some(inbox::Watch {
                on_high,
                auto_ack_pings,
                on_lost: ops::watch::OnLost {
                    command: on_lost,
                    after: lost_after,
                },
            });
            inbox::run(home, offline, watch, json_output, color).await
        }
        Command::Delete {
            ids,
            orphans,
            from,
            yes,
        } => delete::run(home, &ids, orphans, from.as_deref(), yes).await,
        Command::Ping(cmd) => ping::run(home, cmd, json_output).await,
        Command::Exercise(cmd) => exercise::run(home, cmd).await,
        Command::Read {
            id,
            lang,
            save_attachments,
        } => read::run(home, &id, lang, save_attachments).await,
        Command::Reply {
            id,
            status,
            text,
            priority,
            tlp,
        } => reply::run(home, &id, &status, text, priority, tlp).await,
        Command::Thread { id, lang } => thread::run(home, &id, lang).await,
        Command::Forward {
            id,
            age_recipient,
            out,
            yes,
        } => forward::run(home, &id, &age_recipient, &out, yes).await,
        Command::Export { id, format: _ } => export::run(home, &id).await,
        Command::Compose { kind, out } => compose::run(kind, out, home.lang),
        Command::Ack { id } => ack::run(home, &id).await,
        Command::Sent { resend, resend_all } => sent::run(home, resend, resend_all).await,
        Command::Update(args) => update::run(home, args).await,
        Command::Keys(KeysCommand::Rotate) => keys::rotate::run(home).await,
        Command::Team(cmd) => team::run(home, cmd).await,
        Command::Custodian(cmd) => custodian::run(home, cmd).await,
        #[cfg(feature = "ui")]
        Command::Ui {
            port,
            address,
            no_browser,
        } => ui::run(home, address, port, no_browser, json_output).await,
        Command::Demo => return Err(crate::cli::demo_moved::DemoMoved.into()),
    };
    if let Some(directory) = home.config().ok().and_then(|config| {
        crate::trust::current(home, &config.custodian_key)
            .ok()
            .flatten()
    }) {
        crate::cli::session::warn_if_expired(&directory, home.clock.now(), home.lang);
    }
    crate::cli::session::warn_if_offered_expired(home);
    result.map_err(|error| nothing_happened(error, sends))
}

/// Whether a command sends something through the relay (else it fetches or reads).
fn sends(command: &Command) -> bool {
    matches!(
        command,
        Command::Send(_)
            | Command::Reply { .. }
            | Command::Ack { .. }
            | Command::Update(_)
            | Command::Keys(_)
            | Command::Custodian(_)
            | Command::Exercise(ExerciseCommand::Run { .. })
            | Command::Ping(PingCommand::Start { .. } | PingCommand::Remind { .. })
    )
}

/// An error of a command that could not reach the relay, saying that nothing was sent (or
/// fetched) and what to do; other errors as they are.
fn nothing_happened(error: anyhow::Error, sends: bool) -> anyhow::Error {
    if !error.chain().any(|cause| cause.is::<ops::NotReached>()) {
        return error;
    }
    if sends {
        anyhow::anyhow!(
            "{error:#}; nothing was sent: run the same command again once the relay is reachable"
        )
    } else {
        anyhow::anyhow!("{error:#}; nothing was fetched, the local copies are unchanged: run the same command again once the relay is reachable")
    }
}

async fn directory_command(home: &Session, cmd: DirectoryCommand) -> anyhow::Result<Report> {
    match cmd {
        DirectoryCommand::Sync => directory::sync::run(home).await,
        DirectoryCommand::List { org, role, lang } => {
            directory::list::run(home, org, role, lang).await
        }
        DirectoryCommand::Show { id } => directory::show::run(home, &id).await,
        DirectoryCommand::Verify => directory::verify::run(home).await,
        DirectoryCommand::Relays => directory::relays::run(home),
    }
}

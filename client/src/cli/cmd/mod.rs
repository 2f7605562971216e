//! One module per command: each acts through [`crate::ops`] and returns an
//! [`Output`](crate::cli::output::Output) value that renders as text or JSON. No module
//! here parses another's output.

pub mod ack;
pub mod compose;
pub mod custodian;
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
pub mod thread;
pub mod update;
mod whoami;

use crate::cli::output::{documented, Documented};

/// The documented output of every command, in the order `docs/JSON.md` lists them.
pub fn catalogue() -> Vec<Documented> {
    vec![
        documented::<crate::ops::enrol::Initialised>(),
        documented::<crate::ops::whoami::WhoAmI>(),
        documented::<crate::ops::directory::Synced>(),
        documented::<crate::ops::directory::Listing>(),
        documented::<crate::ops::directory::Shown>(),
        documented::<crate::ops::directory::Checked>(),
        documented::<crate::ops::inbox::ReadMessage>(),
        documented::<crate::ops::evidence::Forwarded>(),
        documented::<crate::ops::evidence::Evidence>(),
        documented::<crate::compose::Template>(),
        documented::<crate::ops::inbox::Acknowledged>(),
        documented::<crate::ops::keys::UpdateRequested>(),
        documented::<crate::ops::keys::RotationRequested>(),
        documented::<crate::ops::send::Sent>(),
        documented::<crate::ops::inbox::Inbox>(),
        documented::<crate::ops::watch::Arrival<'static>>(),
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
        documented::<crate::ops::custodian::CustodianShown>(),
        documented::<crate::ops::custodian::Invited>(),
        documented::<crate::ops::custodian::Added>(),
        documented::<crate::ops::requests::Requests>(),
        documented::<crate::ops::requests::Approved>(),
        documented::<crate::ops::requests::Rejected>(),
        documented::<crate::ops::custodian::Revoked>(),
        documented::<crate::ops::review::Review>(),
        documented::<crate::ops::custodian::Stale>(),
        documented::<crate::ops::import::ImportReport>(),
        documented::<crate::ops::import::Invitations>(),
        documented::<crate::ops::custodian::CustodianRotated>(),
        documented::<crate::ops::custodian::Published>(),
    ]
}

//! `poc custodian ...`: the custodian's commands, one module each.

pub mod add;
pub mod approve;
pub mod import;
pub mod init;
pub mod invitations;
pub mod invite;
pub mod publish;
pub mod reject;
pub mod relay;
pub mod relay_list;
pub mod requests;
pub mod review;
pub mod revoke;
pub mod rotate;
pub mod show;
pub mod stale;

use crate::cli::args::CustodianCommand;
use crate::cli::output::Report;
use crate::cli::session::Session;

/// Runs one `poc custodian` subcommand.
pub async fn run(home: &Session, cmd: CustodianCommand) -> anyhow::Result<Report> {
    match cmd {
        CustodianCommand::Init { id, profile } => init::run(home, &id, profile),
        CustodianCommand::Relay {
            action,
            address,
            pin,
        } => relay::run(home, action, address, pin),
        CustodianCommand::Relays { k } => relay_list::set_k(home, k),
        CustodianCommand::Show => show::run(home),
        CustodianCommand::Invite { id, member, out } => {
            invite::run(home, &id, member.as_deref(), out.as_deref())
        }
        CustodianCommand::Add { request, yes } => add::run(home, &request, yes),
        CustodianCommand::Requests => requests::run(home).await,
        CustodianCommand::Approve { id } => approve::run(home, &id).await,
        CustodianCommand::Reject { id, reason } => reject::run(home, &id, reason).await,
        CustodianCommand::Revoke { id, member, reason } => {
            revoke::run(home, &id, member.as_deref(), &reason)
        }
        CustodianCommand::Review { since } => review::run(home, since).await,
        CustodianCommand::Stale { older_than } => stale::run(home, older_than),
        CustodianCommand::Import {
            file,
            source,
            consent,
        } => import::run(home, &file, &source, &consent),
        CustodianCommand::Invitations => invitations::run(home),
        CustodianCommand::Rotate { valid_for } => rotate::run(home, valid_for).await,
        CustodianCommand::Publish { valid_for } => publish::run(home, valid_for).await,
    }
}

//! `poc team ...`: the members of this PoC, co-signing a new one, asking to remove one.

pub mod cosign;
pub mod list;
pub mod remove;

use crate::cli::args::TeamCommand;
use crate::cli::output::Report;
use crate::cli::session::Session;

/// Runs one `poc team` command.
pub async fn run(home: &Session, cmd: TeamCommand) -> anyhow::Result<Report> {
    match cmd {
        TeamCommand::List => list::run(home).await,
        TeamCommand::Cosign {
            request,
            out,
            my_label,
            yes,
        } => cosign::run(home, &request, out, my_label.as_deref(), yes).await,
        TeamCommand::Remove { label, reason } => remove::run(home, &label, reason.as_deref()).await,
    }
}

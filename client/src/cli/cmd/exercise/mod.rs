//! `poc exercise ...`: scenario-based exercises, one module per subcommand.

mod list;
mod report;
mod run;

use super::super::args::ExerciseCommand;
use super::super::Report;
use crate::cli::session::Session;

/// Runs one `poc exercise` subcommand.
pub async fn run(home: &Session, cmd: ExerciseCommand) -> anyhow::Result<Report> {
    match cmd {
        ExerciseCommand::Run { scenario, speed } => run::run(home, &scenario, speed).await,
        ExerciseCommand::List => list::run(home).await,
        ExerciseCommand::Report { id } => report::run(home, id.as_deref()).await,
    }
}

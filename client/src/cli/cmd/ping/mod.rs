//! `poc ping ...`: reachability campaigns of the custodian, one module per subcommand.
//!
//! `ping report` and `ping verify` take `--format table|json|csv|html`. `--format json`
//! prints exactly the document `--json` prints, on success and on failure. With `--json`
//! the document is printed whatever `--format` says (`--json` wins); `ping report --out FILE`
//! still writes the report in `--format` to the file.

mod list;
mod remind;
mod report;
mod start;
mod status;
mod verify;

pub use report::PingReport;
pub use verify::PingVerify;

use super::super::args::{PingCommand, ReportFormat};
use super::super::Report;
use crate::cli::output::Output;
use crate::cli::session::Session;
use crate::error::ErrorKind;

/// A campaign evaluated against a freshly fetched inbox (`ping status`, `ping report`).
struct Evaluated {
    identity: crate::ops::Identity,
    campaign: crate::ops::ping::Campaign,
    directory: crate::trust::TrustedDirectory,
    report: crate::ops::ping::CampaignReport,
    lang: crate::i18n::Lang,
}

/// Unlocks, fetches the inbox (where the acknowledgements arrive; the fetch's warning goes
/// to stderr) and evaluates the campaign named by `prefix`.
async fn evaluated(home: &Session, prefix: &str) -> anyhow::Result<Evaluated> {
    use crate::ops::{self, ping};
    let identity = crate::cli::session::unlock(home).await?;
    let campaign = ping::find(&identity, prefix)?;
    ops::online(&identity, async |client| {
        crate::cli::session::fetch_and_warn(&identity, client, home.lang).await
    })
    .await?;
    let directory = ops::require_directory(&identity)?;
    let evaluation = ping::evaluate(&identity, &directory, &campaign)?;
    Ok(Evaluated {
        report: ping::CampaignReport::new(&campaign, &evaluation, home.clock.now()),
        lang: home.lang,
        identity,
        campaign,
        directory,
    })
}

/// Runs one `poc ping` subcommand.
pub async fn run(home: &Session, cmd: PingCommand, json: bool) -> anyhow::Result<Report> {
    match cmd {
        PingCommand::Start {
            all,
            to,
            role,
            deadline,
            exercise,
            note,
        } => {
            let options = crate::ops::ping::CampaignOptions {
                all,
                to,
                role,
                deadline_secs: deadline,
                exercise,
                note,
            };
            start::run(home, &options).await
        }
        PingCommand::List => list::run(home).await,
        PingCommand::Status { campaign } => status::run(home, &campaign).await,
        PingCommand::Remind { campaign } => remind::run(home, &campaign).await,
        PingCommand::Report {
            campaign,
            format,
            out,
            bundle,
        } => {
            let result = report::run(home, &campaign, format, out, bundle).await;
            as_json_format(PingReport::COMMAND, format, json, result)
        }
        PingCommand::Verify {
            bundle,
            custodian_key,
            format,
        } => {
            let result = verify::run(home, &bundle, custodian_key, format);
            as_json_format(PingVerify::COMMAND, format, json, result)
        }
    }
}

/// With `--format json` and no `--json`, a failure prints the error document `--json` would
/// print (the error still goes to stderr and decides the exit code).
fn as_json_format(
    command: &str,
    format: ReportFormat,
    json: bool,
    result: anyhow::Result<Report>,
) -> anyhow::Result<Report> {
    if let Err(error) = &result {
        if format == ReportFormat::Json && !json {
            crate::cli::emit_error(
                Some(command.to_owned()),
                format!("{error:#}"),
                ErrorKind::of(error),
            );
        }
    }
    result
}

//! `poc ping report`.

use std::path::PathBuf;

use schemars::JsonSchema;
use serde::Serialize;

use crate::cli::args::ReportFormat;
use crate::cli::output::{document, Output};
use crate::cli::report::{BundleFile, Page};
use crate::cli::session::Session;
use crate::cli::Report;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::ping;

/// A campaign report (`poc ping report`): the verdicts, and the files written.
///
/// `--format json` prints this document, as `--json` does; with `--json` it is printed
/// whatever `--format` says, and `--out FILE` receives the report in `--format`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PingReport {
    /// The verdicts.
    #[serde(flatten)]
    pub report: ping::CampaignReport,
    /// Where the proof bundle was written (`--bundle`), if asked.
    pub bundle: Option<String>,
    /// Where the report was written (`--out`), if asked (also in the document written there).
    pub out: Option<String>,
    /// How the text shows the report.
    #[serde(skip)]
    format: ReportFormat,
    /// The reader's language, for the table and the HTML page.
    #[serde(skip)]
    lang: crate::i18n::Lang,
    /// The contacts, bundle and custodian key the HTML page names.
    #[serde(skip)]
    page: Page,
}

impl PingReport {
    /// The report in its format (what `--out` writes).
    fn rendered(&self) -> String {
        let format = self.format;
        let mut text =
            crate::cli::report::render(&self.report, format, self.lang, &self.page, || {
                document(self).map(|d| format!("{d}\n")).unwrap_or_default()
            });
        if let (Some(path), ReportFormat::Table) = (&self.bundle, format) {
            let command = format!("poc ping verify {path}");
            text.push('\n');
            text.push_str(&screens::ping_bundle_written(self.lang, path, &command));
            text.push('\n');
        }
        text
    }
}

impl Output for PingReport {
    const COMMAND: &'static str = "ping report";

    fn text(&self, lang: Lang) -> String {
        match &self.out {
            Some(path) => screens::ping_report_written(lang, path) + "\n",
            None => self.rendered(),
        }
    }
}

/// Fetches the inbox, reports on a campaign and writes the files asked for.
pub(super) async fn run(
    home: &Session,
    prefix: &str,
    format: ReportFormat,
    out: Option<PathBuf>,
    bundle: Option<PathBuf>,
) -> anyhow::Result<Report> {
    let super::Evaluated {
        identity,
        campaign,
        directory,
        report,
        lang,
    } = super::evaluated(home, prefix).await?;
    let mut result = PingReport {
        report,
        bundle: None,
        out: None,
        format,
        lang,
        page: Page::new(&directory.directory, &identity.key.signing_public()),
    };
    if let Some(path) = &bundle {
        let bytes = ping::bundle(&identity, &directory, &campaign)?;
        crate::home::write_new(path, &bytes)?;
        result.bundle = Some(path.display().to_string());
        result.page.bundle = Some(BundleFile::of(path, &bytes));
    }
    if let Some(path) = &out {
        // Named before rendering, so that the JSON document written there names it too.
        result.out = Some(path.display().to_string());
        crate::home::write_new(path, result.rendered().as_bytes())?;
    }
    Report::of(&result, lang)
}

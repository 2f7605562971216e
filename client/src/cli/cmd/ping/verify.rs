//! `poc ping verify`.

use std::path::Path;

use anyhow::Context;
use schemars::JsonSchema;
use serde::Serialize;

use crate::cli::args::ReportFormat;
use crate::cli::output::{document, Output};
use crate::cli::report::{BundleFile, Page};
use crate::cli::session::Session;
use crate::cli::Report;
use crate::error::Failure;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::ping;

/// A proof bundle re-verified offline (`poc ping verify`): every acknowledgement verified,
/// and the verdicts recomputed from the bundle alone.
///
/// A bundle some of whose acknowledgements fail still gets this document, with `verified`
/// false and each failing acknowledgement in `failures` (which check it fails), and the
/// command exits 1 (a verification failure, also described on stderr). A bundle that cannot be
/// checked at all (malformed, not signed by the custodian key) is an error document.
///
/// `--format json` prints this document, as `--json` does.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PingVerify {
    /// The verdicts recomputed from the bundle alone.
    #[serde(flatten)]
    pub report: ping::CampaignReport,
    /// Whether every acknowledgement in the bundle verified.
    pub verified: bool,
    /// Number of acknowledgements in the bundle that verified.
    pub acknowledgements: usize,
    /// The acknowledgements that fail, in bundle order (empty when `verified`).
    pub failures: Vec<ping::AckFailure>,
    /// How the text shows the report.
    #[serde(skip)]
    format: ReportFormat,
    /// The contacts, bundle and custodian key the HTML page names.
    #[serde(skip)]
    page: Page,
}

impl Output for PingVerify {
    const COMMAND: &'static str = "ping verify";

    fn text(&self, lang: Lang) -> String {
        let format = self.format;
        let mut text = crate::cli::report::render(&self.report, format, lang, &self.page, || {
            document(self).map(|d| format!("{d}\n")).unwrap_or_default()
        });
        if format != ReportFormat::Json {
            if self.verified {
                text.push_str(&screens::ping_bundle_verified(
                    lang,
                    self.acknowledgements as u64,
                ));
                text.push('\n');
            }
            for f in &self.failures {
                text.push_str(&screens::ping_answer_failed(lang, &f.to_string()));
                text.push('\n');
            }
        }
        text
    }
}

/// Re-verifies a bundle with the given custodian key, or the one pinned in this home.
pub(super) fn run(
    home: &Session,
    bundle: &Path,
    custodian_key: Option<String>,
    format: ReportFormat,
) -> anyhow::Result<Report> {
    let key: poc_proto::PublicKeyBytes = match custodian_key {
        Some(arg) => poc_keys::key_arg::custodian_key(&arg)?,
        None => {
            home.config()
                .context("give --custodian-key, or run this in a PoC home")?
                .custodian_key
        }
    };
    let bytes =
        std::fs::read(bundle).with_context(|| format!("cannot read {}", bundle.display()))?;
    let check = ping::verify_bundle(&bytes, &key)
        .with_context(|| format!("cannot verify {}", bundle.display()))?;
    let result = PingVerify {
        report: check.report(home.clock.now()),
        verified: check.failures.is_empty(),
        acknowledgements: check.evaluation.evidence.len(),
        failures: check.failures.clone(),
        format,
        page: Page {
            bundle: Some(BundleFile::of(bundle, &bytes)),
            ..Page::new(&check.directory, &key)
        },
    };
    if result.verified {
        Report::of(&result, home.lang)
    } else {
        let altered = Failure::verification(ping::BundleAltered(check.failures));
        Report::failed(&result, home.lang, altered.into())
    }
}

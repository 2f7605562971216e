//! `poc ping verify`.

use std::path::Path;

use anyhow::Context;
use schemars::JsonSchema;
use serde::Serialize;

use crate::cli::args::ReportFormat;
use crate::cli::output::{document, Output};
use crate::cli::session::Session;
use crate::cli::Report;
use crate::ops::ping;

/// A proof bundle re-verified offline (`poc ping verify`): every acknowledgement verified,
/// and the verdicts recomputed from the bundle alone. A bundle that fails verification is an
/// error (`kind` `verification`, exit code 1) naming every acknowledgement that fails.
///
/// `--format json` prints this document, as `--json` does.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PingVerify {
    /// The verified bundle.
    #[serde(flatten)]
    pub verified: ping::BundleVerified,
    /// How the text shows the report.
    #[serde(skip)]
    format: ReportFormat,
}

impl Output for PingVerify {
    const COMMAND: &'static str = "ping verify";

    fn text(&self) -> String {
        let format = self.format;
        let mut text = crate::cli::report::render(
            &self.verified.report,
            format,
            crate::i18n::Lang::En,
            || document(self).map(|d| format!("{d}\n")).unwrap_or_default(),
        );
        if format != ReportFormat::Json {
            text.push_str(&format!(
                "bundle verified: {} acknowledgement(s), all signatures valid\n",
                self.verified.acknowledgements
            ));
        }
        text
    }
}

/// Re-verifies a bundle with the given custodian key, or the one pinned in this home. With
/// `textual`, a bundle whose acknowledgements fail still shows its report on stdout, followed
/// by one line per failing acknowledgement, before the error.
pub(super) fn run(
    home: &Session,
    bundle: &Path,
    custodian_key: Option<String>,
    format: ReportFormat,
    textual: bool,
) -> anyhow::Result<Report> {
    let key: poc_proto::PublicKeyBytes = match custodian_key {
        Some(hex) => hex.parse().map_err(|e: String| anyhow::anyhow!(e))?,
        None => {
            home.config()
                .context("give --custodian-key, or run this in a PoC home")?
                .custodian_key
        }
    };
    let bytes =
        std::fs::read(bundle).with_context(|| format!("cannot read {}", bundle.display()))?;
    let check = ping::verify_bundle(&bytes, &key)?;
    match check.verified(home.clock.now()) {
        Ok(verified) => Report::of(&PingVerify { verified, format }),
        Err(failure) => {
            if textual {
                let mut text = crate::cli::report::render(
                    &check.report(home.clock.now()),
                    format,
                    crate::i18n::Lang::En,
                    String::new,
                );
                for f in &check.failures {
                    text.push_str(&format!("FAILED: {f}\n"));
                }
                crate::cli::emit(&text);
            }
            Err(failure.into())
        }
    }
}

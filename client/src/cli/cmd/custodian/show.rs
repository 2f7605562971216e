//! `poc custodian show`: the custodian key, relay and accepted entries.

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::ops::custodian::{self, CustodianShown};
use crate::render::table;

impl Output for CustodianShown {
    const COMMAND: &'static str = "custodian show";

    fn text(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .entries
            .iter()
            .map(|e| vec![e.id.clone(), e.org_name.clone(), e.fingerprint.clone()])
            .collect();
        format!(
            "custodian key: {}\nfingerprint:   {}\nrelay:         {}\npublished:     {}\n\n{}",
            self.custodian_key,
            self.fingerprint,
            self.relay.as_ref().map_or("(none)".into(), |r| format!(
                "{} (pin {})",
                r.address, r.tls_pin
            )),
            self.serial
                .map_or("never".into(), |s| format!("serial {s}")),
            table(&["ID", "ORGANISATION", "FINGERPRINT"], &rows)
        )
    }
}

/// Runs `poc custodian show`.
pub fn run(home: &Session) -> anyhow::Result<Report> {
    Report::of(&custodian::show(home)?)
}

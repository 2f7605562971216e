//! `poc custodian revoke`: withdraws a PoC's key.

use poc_proto::PocId;

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::ops::custodian::{self, Revoked};

impl Output for Revoked {
    const COMMAND: &'static str = "custodian revoke";

    fn text(&self) -> String {
        format!(
            "key {} of {} revoked; it stops working at the relay with the next `poc custodian publish`\n",
            self.fingerprint, self.id
        )
    }
}

/// Runs `poc custodian revoke ID --reason TEXT`.
pub fn run(home: &Session, id: &PocId, reason: &str) -> anyhow::Result<Report> {
    Report::of(&Revoked::of(&custodian::revoke(
        home,
        id,
        reason,
        home.clock.now(),
    )?))
}

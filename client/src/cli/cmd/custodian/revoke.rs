//! `poc custodian revoke`: withdraws a PoC's key.

use poc_proto::PocId;

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::custodian::{self, Revoked};

impl Output for Revoked {
    const COMMAND: &'static str = "custodian revoke";

    fn text(&self, lang: Lang) -> String {
        screens::custodian_revoked(lang, &self.fingerprint, &self.id) + "\n"
    }
}

/// Runs `poc custodian revoke ID --reason TEXT`.
pub fn run(home: &Session, id: &PocId, reason: &str) -> anyhow::Result<Report> {
    let revoked = custodian::revoke(home, id, reason, home.clock.now())?;
    Report::of(&Revoked::of(&revoked), home.lang)
}

//! `poc custodian revoke`: withdraws a PoC's key.

use poc_proto::PocId;

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::custodian::{self, Revoked};
use crate::ops::team::{self, MemberRevoked};

impl Output for Revoked {
    const COMMAND: &'static str = "custodian revoke";

    fn text(&self, lang: Lang) -> String {
        screens::custodian_revoked(lang, &self.fingerprint, &self.id) + "\n"
    }
}

impl Output for MemberRevoked {
    const COMMAND: &'static str = "custodian revoke --member";

    fn text(&self, lang: Lang) -> String {
        screens::custodian_member_revoked(
            lang,
            &self.fingerprint,
            &self.label,
            &self.id,
            &self.members.join(", "),
        ) + "\n"
    }
}

/// Runs `poc custodian revoke ID [--member LABEL] --reason TEXT`.
pub fn run(
    home: &Session,
    id: &PocId,
    member: Option<&str>,
    reason: &str,
) -> anyhow::Result<Report> {
    match member {
        Some(label) => Report::of(
            &team::revoke_member(home, id, label, reason, home.clock.now())?,
            home.lang,
        ),
        None => {
            let revoked = custodian::revoke(home, id, reason, home.clock.now())?;
            Report::of(&Revoked::of(&revoked), home.lang)
        }
    }
}

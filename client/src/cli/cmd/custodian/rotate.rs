//! `poc custodian rotate`: replaces the custodian key.

use crate::cli::output::{Output, Report};
use crate::cli::session::unlock_with_passphrase;
use crate::cli::session::Session;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::custodian::{self, CustodianRotated};

impl Output for CustodianRotated {
    const COMMAND: &'static str = "custodian rotate";

    fn text(&self, lang: Lang) -> String {
        let serial = self.published.serial;
        screens::custodian_rotated(lang, &self.custodian_key, &self.fingerprint, serial) + "\n"
    }
}

/// Runs `poc custodian rotate`. When an earlier rotation is unfinished and the relay holds the
/// directory its new key signed, the unlock finishes it, and that rotation is reported
/// instead of a second one.
pub async fn run(home: &Session, valid_for: u64) -> anyhow::Result<Report> {
    let pending = custodian::rotation_pending(home);
    let (identity, passphrase) = unlock_with_passphrase(home).await?;
    let rotated = if pending && !custodian::rotation_pending(&identity.home) {
        custodian::finished_rotation(&identity)?
    } else {
        let (new, published) = custodian::rotate(&identity, &passphrase, valid_for).await?;
        CustodianRotated {
            custodian_key: new.signing_public().to_string(),
            fingerprint: poc_keys::FingerprintText(new.fingerprint()).to_string(),
            published,
        }
    };
    Report::of(&rotated, home.lang)
}

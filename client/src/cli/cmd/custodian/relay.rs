//! `poc custodian relay`: records the relay address and TLS pin.

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::custodian::{self, RelaySet};

impl Output for RelaySet {
    const COMMAND: &'static str = "custodian relay";

    fn text(&self, lang: Lang) -> String {
        let relay = &self.relay;
        screens::custodian_relay_set(lang, &relay.address, &relay.tls_pin) + "\n"
    }
}

/// Runs `poc custodian relay ADDR --pin PIN`.
pub fn run(home: &Session, address: &str, pin: &str) -> anyhow::Result<Report> {
    Report::of(
        &RelaySet {
            relay: custodian::set_relay(home, address, pin)?,
        },
        home.lang,
    )
}

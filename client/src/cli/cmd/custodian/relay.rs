//! `poc custodian relay`: records the relay this home uses (`ADDR --pin PIN`), or changes the
//! relay list of the next directory (`add`, `remove`, `list`, see `relay_list`).

use crate::cli::args::RelayAction;
use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::custodian::{self, RelaySet};
use crate::ops::custodian_relays::RelayChangeError;

use super::relay_list;

impl Output for RelaySet {
    const COMMAND: &'static str = "custodian relay";

    fn text(&self, lang: Lang) -> String {
        let relay = &self.relay;
        screens::custodian_relay_set(lang, &relay.address, &relay.tls_pin) + "\n"
    }
}

/// Runs `poc custodian relay ADDR --pin PIN` or one of its subcommands.
pub fn run(
    home: &Session,
    action: Option<RelayAction>,
    address: Option<String>,
    pin: Option<String>,
) -> anyhow::Result<Report> {
    match (action, address, pin) {
        (Some(action), _, _) => relay_list::run(home, action),
        (None, Some(address), Some(pin)) => Report::of(
            &RelaySet {
                relay: custodian::set_relay(home, &address, &pin)?,
            },
            home.lang,
        ),
        // The argument parser requires both or a subcommand; kept for a clear refusal.
        (None, _, _) => Err(RelayChangeError::Usage.into()),
    }
}

//! `poc custodian relay`: records the relay address and TLS pin.

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::ops::custodian::{self, RelaySet};

impl Output for RelaySet {
    const COMMAND: &'static str = "custodian relay";

    fn text(&self) -> String {
        format!(
            "relay set to {} (pin {})\n",
            self.relay.address, self.relay.tls_pin
        )
    }
}

/// Runs `poc custodian relay ADDR --pin PIN`.
pub fn run(home: &Session, address: &str, pin: &str) -> anyhow::Result<Report> {
    Report::of(&RelaySet {
        relay: custodian::set_relay(home, address, pin)?,
    })
}

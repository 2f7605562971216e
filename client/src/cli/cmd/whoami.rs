//! `poc whoami`.

use crate::cli::output::Output;
use crate::ops::whoami::WhoAmI;

impl Output for WhoAmI {
    const COMMAND: &'static str = "whoami";

    fn text(&self) -> String {
        format!(
            "id:        {}\nhome:      {}\ncustodian: {}\nrelay:     {}\n(unlock with any command to see the key fingerprint)\n",
            self.id,
            self.home,
            self.custodian_fingerprint,
            self.relay.as_deref().unwrap_or("(none)")
        )
    }
}

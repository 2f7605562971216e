//! `poc custodian init`: the custodian identity, whose key signs every directory.

use poc_proto::PocId;

use crate::cli::args::ProfileArgs;
use crate::cli::output::{Output, Report};
use crate::cli::session::profile;
use crate::cli::session::Session;
use crate::ops::custodian::{self, CustodianCreated};
use crate::passphrase;

impl Output for CustodianCreated {
    const COMMAND: &'static str = "custodian init";

    fn text(&self) -> String {
        format!(
            "custodian identity {id} created in {home}\ncustodian key: {key}\nfingerprint:   {fingerprint}\nwritten to {pubfile}\n\nnext: poc-relay init --data-dir DIR --listen ADDR --custodian-key {key}\n      then: poc custodian relay ADDR --pin PIN\n",
            id = self.id,
            home = self.home,
            key = self.custodian_key,
            fingerprint = self.fingerprint,
            pubfile = self.public_key_file
        )
    }
}

/// Runs `poc custodian init`.
pub fn run(home: &Session, id: &PocId, args: ProfileArgs) -> anyhow::Result<Report> {
    let pass = passphrase::new()?;
    let created = custodian::init(home, id, &profile(args), &pass, home.clock.now())?;
    Report::of(&CustodianCreated::of(home, id, &created))
}

//! `poc custodian init`: the custodian identity, whose key signs every directory.

use poc_proto::PocId;

use crate::cli::args::ProfileArgs;
use crate::cli::output::{Output, Report};
use crate::cli::passphrase_prompt::TerminalDialogue;
use crate::cli::session::profile;
use crate::cli::session::Session;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::custodian::{self, CustodianCreated};
use crate::passphrase::Policy;

impl Output for CustodianCreated {
    const COMMAND: &'static str = "custodian init";

    fn text(&self, lang: Lang) -> String {
        let relay_init = format!(
            "poc-relay init --data-dir DIR --listen ADDR --custodian-key {}",
            self.custodian_key
        );
        [
            screens::custodian_created(lang, &self.id, &self.home),
            screens::custodian_key(lang, &self.custodian_key),
            screens::custodian_fingerprint(lang, &self.fingerprint),
            screens::custodian_key_written(lang, &self.public_key_file),
            String::new(),
            screens::custodian_next(lang, &relay_init),
            screens::custodian_then(lang, "poc custodian relay ADDR --pin PIN"),
        ]
        .map(|line| line + "\n")
        .concat()
    }
}

/// Runs `poc custodian init`.
pub fn run(home: &Session, id: &PocId, args: ProfileArgs) -> anyhow::Result<Report> {
    let profile = profile(args);
    crate::ops::enrol::check_new(home, &profile)?;
    // Words of the identity make a passphrase easier to guess.
    let id_text = id.to_string();
    let mut known: Vec<&str> = vec![&id_text, &profile.org_name];
    known.extend(profile.emails.iter().map(String::as_str));
    let pass = TerminalDialogue::new(home.lang, &id_text, home.root())
        .new_passphrase(Policy::Strong, &known)?;
    let created = custodian::init(home, id, &profile, &pass, home.clock.now())?;
    Report::of(&CustodianCreated::of(home, id, &created), home.lang)
}

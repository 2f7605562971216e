//! `poc whoami`.

use crate::cli::output::Output;
use crate::i18n::screens::{self, Word};
use crate::i18n::{Lang, Translated};
use crate::ops::whoami::WhoAmI;

impl Output for WhoAmI {
    const COMMAND: &'static str = "whoami";

    fn text(&self, lang: Lang) -> String {
        let relay = self.relay.as_deref().unwrap_or(Word::None.text(lang));
        [
            screens::whoami_id(lang, &self.id),
            screens::whoami_home(lang, &self.home),
            screens::whoami_custodian(lang, &self.custodian_fingerprint),
            screens::whoami_relay(lang, relay),
            Word::UnlockHint.text(lang).to_owned(),
        ]
        .map(|line| line + "\n")
        .concat()
    }
}

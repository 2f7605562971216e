//! `poc whoami`.

use crate::cli::cmd::team::list::member_lines;
use crate::cli::output::Output;
use crate::i18n::screens::{self, Word};
use crate::i18n::{Lang, Translated};
use crate::ops::whoami::WhoAmI;

impl Output for WhoAmI {
    const COMMAND: &'static str = "whoami";

    fn text(&self, lang: Lang) -> String {
        let relay = self.relay.as_deref().unwrap_or(Word::None.text(lang));
        let mut text = [
            screens::whoami_id(lang, &self.id),
            screens::whoami_home(lang, &self.home),
            screens::whoami_custodian(lang, &self.custodian_fingerprint),
            screens::whoami_relay(lang, relay),
        ]
        .map(|line| line + "\n")
        .concat();
        // A team's members, this device marked when known.
        if self.members.iter().any(|m| !m.label.is_empty()) {
            text.push_str(&screens::members_of(lang, &self.id));
            text.push('\n');
            text.push_str(&member_lines(
                &self.id,
                &self.members,
                self.member.as_deref(),
                lang,
            ));
        }
        text.push_str(Word::UnlockHint.text(lang));
        text.push('\n');
        text
    }
}

//! `poc directory relays`: the relays the directory in force lists, and k.

use crate::cli::cmd::custodian::relay_list::relay_line;
use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::i18n::screens;
use crate::i18n::Lang;
use crate::ops::relays::{shown, DirectoryRelays};

impl Output for DirectoryRelays {
    const COMMAND: &'static str = "directory relays";

    fn text(&self, lang: Lang) -> String {
        let list = &self.list;
        let mut out = if list.from_directory {
            screens::directory_relays(lang, self.serial, list.relays.len() as u64, list.k.into())
        } else {
            screens::directory_relays_configured(lang)
        };
        out += "\n";
        for relay in &list.relays {
            out += &format!("  {}\n", relay_line(lang, relay));
        }
        out
    }
}

/// Runs `poc directory relays`.
pub fn run(home: &Session) -> anyhow::Result<Report> {
    Report::of(&shown(home)?, home.lang)
}

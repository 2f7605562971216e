//! `poc custodian relay add|remove|list` and `poc custodian relays --k N`: the relay list of
//! the next directory (`ops::custodian_relays`).

use crate::cli::args::RelayAction;
use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::i18n::screens::{self, Word};
use crate::i18n::{Lang, Translated};
use crate::ops::custodian_relays::{
    self, CustodianRelays, PendingRelays, RelayAdded, RelayKSet, RelayRemoved,
};
use crate::ops::relays::ListedRelay;

/// One relay on one line; operator and region are the custodian's or another operator's
/// words, shown on one line with any control or direction character escaped.
pub(crate) fn relay_line(lang: Lang, relay: &ListedRelay) -> String {
    let text = |s: &str| {
        if s.is_empty() {
            Word::None.text(lang).to_owned()
        } else {
            crate::terminal::neutralise_line(s).into_owned()
        }
    };
    screens::relay_line(
        lang,
        &crate::terminal::neutralise_line(&relay.address.address),
        &text(&relay.operator),
        &text(&relay.region),
        &relay.address.tls_pin,
    )
}

impl Output for RelayAdded {
    const COMMAND: &'static str = "custodian relay add";

    fn text(&self, lang: Lang) -> String {
        format!(
            "{}\n  {}\n",
            screens::relay_added(
                lang,
                &self.relay.address.address,
                self.relays as u64,
                self.k.into()
            ),
            relay_line(lang, &self.relay)
        )
    }
}

impl Output for RelayRemoved {
    const COMMAND: &'static str = "custodian relay remove";

    fn text(&self, lang: Lang) -> String {
        screens::relay_removed(lang, &self.address, self.relays as u64, self.k.into()) + "\n"
    }
}

impl Output for RelayKSet {
    const COMMAND: &'static str = "custodian relays";

    fn text(&self, lang: Lang) -> String {
        screens::relays_k_set(lang, self.k.into(), self.relays as u64) + "\n"
    }
}

fn pending_lines(lang: Lang, pending: &PendingRelays) -> String {
    if pending.is_empty() {
        return screens::relay_no_change(lang) + "\n";
    }
    let mut out = screens::relay_pending_publish(lang) + "\n";
    let lists = [
        (
            &pending.added,
            screens::relay_pending_added as fn(Lang, &str) -> String,
        ),
        (&pending.removed, screens::relay_pending_removed),
        (&pending.changed, screens::relay_pending_changed),
    ];
    for (addresses, line) in lists {
        if !addresses.is_empty() {
            out += &format!("  {}\n", line(lang, &addresses.join(", ")));
        }
    }
    if let Some(k) = pending.k {
        out += &format!("  {}\n", screens::relay_pending_k(lang, k.into()));
    }
    out
}

impl Output for CustodianRelays {
    const COMMAND: &'static str = "custodian relay list";

    fn text(&self, lang: Lang) -> String {
        let mut out = String::new();
        match &self.in_force {
            Some(list) => {
                out += &screens::relay_list_in_force(lang, self.serial, list.k.into());
                out += "\n";
                for relay in &list.relays {
                    out += &format!("  {}\n", relay_line(lang, relay));
                }
            }
            None => out += &(screens::relay_list_nothing_published(lang) + "\n"),
        }
        out += &screens::relay_list_next(lang, self.next.k.into());
        out += "\n";
        for relay in &self.next.relays {
            out += &format!("  {}\n", relay_line(lang, relay));
        }
        out + &pending_lines(lang, &self.pending)
    }
}

/// Runs `poc custodian relay add|remove|list`.
pub fn run(home: &Session, action: RelayAction) -> anyhow::Result<Report> {
    match action {
        RelayAction::Add {
            address,
            pin,
            operator,
            region,
        } => Report::of(
            &custodian_relays::add(home, &address, &pin, &operator, &region)?,
            home.lang,
        ),
        RelayAction::Remove { address } => {
            Report::of(&custodian_relays::remove(home, &address)?, home.lang)
        }
        RelayAction::List => Report::of(&custodian_relays::list(home)?, home.lang),
    }
}

/// Runs `poc custodian relays --k N`.
pub fn set_k(home: &Session, k: u64) -> anyhow::Result<Report> {
    Report::of(&custodian_relays::set_k(home, k)?, home.lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_and_region_stay_on_their_line_with_controls_shown_escaped() {
        let relay = ListedRelay {
            address: crate::home::RelayAddress {
                address: "relay.example:4433".into(),
                tls_pin: "aa55".into(),
            },
            operator: "UN\u{202E}ADONU\nforged line".into(),
            region: "Europe\u{1b}[2J".into(),
        };
        let line = relay_line(Lang::En, &relay);
        assert!(!line.contains('\n') && !line.contains('\u{1b}'), "{line}");
        assert!(!line.contains('\u{202E}'), "{line}");
        assert!(
            line.contains("<U+202E>") && line.contains("\\x1b"),
            "{line}"
        );
        let empty = ListedRelay {
            operator: String::new(),
            region: String::new(),
            ..relay
        };
        assert!(relay_line(Lang::En, &empty).contains(Word::None.text(Lang::En)));
    }
}

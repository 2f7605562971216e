//! Command screens rendered in every language: in each language other than English, no word
//! of the English rendering is left that is not also a word of that language's catalogue or
//! of the data shown (ids, times, names), and the rendering differs from the English one.

use std::collections::BTreeSet;

use crate::cli::output::Output;
use crate::i18n::Lang;
use crate::json::Timestamp;
use crate::ops::custodian::{Published, RelaySet};
use crate::ops::directory::{Checked, Synced};
use crate::ops::exercise::{ExerciseList, ExerciseRun, ExerciseSummary};
use crate::ops::ping::{CampaignList, CampaignStarted, CampaignSummary, Reminded};
use crate::ops::requests::{Change, ChangedField, RequestStatus, RequestView, Requests};

/// The ASCII words of a text, lower case, three letters or more.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_ascii_lowercase)
        .collect()
}

/// The words of the messages of `lang`'s Fluent file (comments and ids left out).
fn catalogue_words(lang: Lang) -> BTreeSet<String> {
    catalogue(lang)
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .map(|line| match line.split_once('=') {
            Some((_, value)) if !line.starts_with(' ') => value,
            _ => line,
        })
        .flat_map(|value| {
            // Placeables hold argument names, not words of the language.
            let outside: String = value
                .split('{')
                .map(|part| part.split_once('}').map_or(part, |(_, rest)| rest))
                .collect();
            words(&outside)
        })
        .collect()
}

/// The Fluent file of `lang`, as text.
fn catalogue(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => include_str!("../../../i18n/ar/poc.ftl"),
        Lang::Zh => include_str!("../../../i18n/zh/poc.ftl"),
        Lang::En => include_str!("../../../i18n/en/poc.ftl"),
        Lang::Fr => include_str!("../../../i18n/fr/poc.ftl"),
        Lang::Ru => include_str!("../../../i18n/ru/poc.ftl"),
        Lang::Es => include_str!("../../../i18n/es/poc.ftl"),
    }
}

/// Data shown as written, whatever the language (command lines included).
const DATA: &str = "c0ffee00c0ffee00 FRA.technical MEX.technical Tabletop drill \
                    relay.example.org 4433 aa55 deadbeef poc exercise report ping status";

fn check<T: Output>(output: &T) {
    let english = output.text(Lang::En);
    let english_words = words(&english);
    let data = words(DATA);
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let text = output.text(lang);
        assert_ne!(text, english, "{}: not translated in {lang:?}", T::COMMAND);
        let allowed = catalogue_words(lang);
        let left: Vec<String> = words(&text)
            .into_iter()
            .filter(|w| english_words.contains(w) && !allowed.contains(w) && !data.contains(w))
            .collect();
        assert!(
            left.is_empty(),
            "{} in {lang:?} still has English {left:?}:\n{text}",
            T::COMMAND
        );
    }
}

fn request(status: RequestStatus) -> RequestView {
    RequestView {
        id: "c0ffee00c0ffee00".into(),
        from: "MEX.technical".into(),
        status,
        problem: None,
        decided_at: Some(Timestamp(1_790_000_000)),
        reason: None,
        rotation: false,
        changes: vec![Change {
            field: ChangedField::Phones,
            old: "+33 1".into(),
            new: "+33 2".into(),
        }],
        from_member: String::new(),
        member: None,
    }
}

#[test]
fn custodian_ping_exercise_and_directory_screens_are_translated() {
    check(&Published {
        serial: 7,
        entries: 21,
        notified: 20,
    });
    check(&RelaySet {
        relay: crate::home::RelayAddress {
            address: "relay.example.org:4433".into(),
            tls_pin: "aa55".into(),
        },
    });
    check(&Requests {
        requests: vec![
            request(RequestStatus::Pending),
            request(RequestStatus::Approved),
            request(RequestStatus::Rejected),
        ],
    });
    check(&Requests { requests: vec![] });
    check(&CampaignList {
        campaigns: vec![CampaignSummary {
            id: "c0ffee00c0ffee00".into(),
            created_at: Timestamp(1_790_000_000),
            deadline: Timestamp(1_790_003_600),
            targets: 20,
            exercise: true,
        }],
    });
    let fra: poc_proto::PocId = "FRA.technical".parse().expect("a PoC id");
    check(&CampaignStarted {
        campaign: "c0ffee00c0ffee00".into(),
        targets: 20,
        deadline: Timestamp(1_790_003_600),
        exercise: false,
        sent: vec![],
        not_pinged: vec![],
    });
    check(&Reminded {
        campaign: "c0ffee00c0ffee00".into(),
        reminded: vec![fra],
        sent: vec![],
        not_pinged: vec![],
    });
    check(&ExerciseRun {
        exercise: "c0ffee00c0ffee00".into(),
        name: "Tabletop drill".into(),
        started_at: Timestamp(1_790_000_000),
        speed: 60,
        sent: vec![],
        injects: vec![],
    });
    check(&ExerciseList {
        exercises: vec![ExerciseSummary {
            id: "c0ffee00c0ffee00".into(),
            name: "Tabletop drill".into(),
            started_at: Timestamp(1_790_000_000),
            speed: 60,
            injects_sent: 3,
        }],
    });
    for from in [None, Some(0), Some(6)] {
        check(&Synced {
            updated: from.is_some(),
            from,
            serial: 7,
        });
    }
    check(&Checked {
        serial: 7,
        entries: 21,
        issued_at: Timestamp(1_790_000_000),
        expires_at: Timestamp(1_800_000_000),
        digest: "deadbeef".into(),
        expired: false,
    });
}

fn listed(address: &str, operator: &str) -> crate::ops::relays::ListedRelay {
    crate::ops::relays::ListedRelay {
        address: crate::home::RelayAddress {
            address: address.into(),
            tls_pin: "aa55".into(),
        },
        operator: operator.into(),
        region: String::new(),
    }
}

#[test]
fn relay_list_screens_are_translated() {
    use crate::ops::custodian_relays::{
        CustodianRelays, PendingRelays, RelayAdded, RelayKSet, RelayListView, RelayRemoved,
    };
    use crate::ops::relays::{DirectoryRelays, RelayList};
    check(&RelayAdded {
        relay: listed("relay.example.org:4433", "FRA.technical"),
        relays: 3,
        k: 2,
    });
    check(&RelayRemoved {
        address: "relay.example.org:4433".into(),
        relays: 2,
        k: 1,
    });
    check(&RelayKSet { k: 2, relays: 3 });
    let in_force = RelayListView {
        relays: vec![listed("relay.example.org:4433", "")],
        k: 1,
    };
    let next = RelayListView {
        relays: vec![
            listed("relay.example.org:4433", ""),
            listed("relay.example.org:4434", "MEX.technical"),
        ],
        k: 2,
    };
    check(&CustodianRelays {
        serial: 4,
        in_force: Some(in_force.clone()),
        next: next.clone(),
        pending: PendingRelays {
            added: vec!["relay.example.org:4434".into()],
            removed: vec!["relay.example.org:4435".into()],
            changed: vec!["relay.example.org:4433".into()],
            k: Some(2),
        },
    });
    check(&CustodianRelays {
        serial: 0,
        in_force: None,
        next: in_force.clone(),
        pending: PendingRelays::default(),
    });
    for from_directory in [true, false] {
        check(&DirectoryRelays {
            serial: 4,
            list: RelayList {
                relays: next.relays.clone(),
                k: 2,
                from_directory,
            },
        });
    }
}

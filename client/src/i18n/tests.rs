//! Completeness and consistency of the translations: every typed key exists in every
//! language file, no file has other keys, every value of every enum has a translation, and
//! the messages with arguments format in every language.

use std::collections::{BTreeSet, HashSet};

use poc_proto::{Nature, Priority, ResponseStatus, Role, Tlp};

use super::phrases::{self, EntryLabel, InboxColumn, PingColumn, ReportColumn, ReportOutcome};
use super::screens;
use super::*;

/// One typed set, seen without its type.
struct Set {
    name: &'static str,
    keys: &'static [&'static str],
    ids: Vec<&'static str>,
    texts: Vec<Vec<&'static str>>,
}

fn set<T: Translated>() -> Set {
    Set {
        name: T::SET,
        keys: T::KEYS,
        ids: T::ALL.iter().map(|v| v.fluent_id()).collect(),
        texts: Lang::ALL
            .into_iter()
            .map(|lang| T::ALL.iter().map(|v| v.text(lang)).collect())
            .collect(),
    }
}

/// Every typed set of the module.
fn sets() -> Vec<Set> {
    vec![
        set::<Label>(),
        set::<Priority>(),
        set::<Tlp>(),
        set::<Nature>(),
        set::<ResponseStatus>(),
        set::<Role>(),
        set::<IncidentClass>(),
        set::<MessageType>(),
        set::<YesNo>(),
        set::<phrases::Text>(),
        set::<InboxColumn>(),
        set::<PingColumn>(),
        set::<ReportColumn>(),
        set::<ReportOutcome>(),
        set::<EntryLabel>(),
        set::<screens::Word>(),
        set::<screens::Column>(),
        set::<crate::ops::requests::ChangedField>(),
        set::<crate::ops::exercise::Verdict>(),
        #[cfg(feature = "ui")]
        set::<crate::ui::words::Ui>(),
        #[cfg(feature = "ui")]
        set::<crate::ui::pages::compose_words::ComposeText>(),
        #[cfg(feature = "ui")]
        set::<crate::ui::pages::custodian_words::CustodianText>(),
        #[cfg(feature = "ui")]
        set::<crate::ui::pages::members_words::MembersText>(),
        #[cfg(feature = "ui")]
        set::<crate::ui::pages::exercise_words::ExerciseText>(),
    ]
}

fn expected_ids() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for s in sets() {
        for id in s.ids {
            assert!(ids.insert(id.to_owned()), "{id} is used by two keys");
        }
    }
    for id in phrases::WITH_ARGUMENTS.iter().chain(screens::SENTENCE_IDS) {
        assert!(ids.insert((*id).to_owned()), "{id} is used by two keys");
    }
    ids
}

/// Whether the code that uses Fluent id `id` is in this build: the words of the browser
/// interface (`ui-*`) are used only with the `ui` feature, and the files hold them in every
/// build.
fn in_this_build(id: &str) -> bool {
    cfg!(feature = "ui") || !id.starts_with("ui-")
}

#[test]
fn every_key_exists_in_all_languages_and_no_language_has_extra_keys() {
    let expected = expected_ids();
    let reserved: Vec<_> = expected.iter().filter(|id| !in_this_build(id)).collect();
    assert!(
        reserved.is_empty(),
        "`ui-` ids are the browser interface's: {reserved:?}"
    );
    for lang in Lang::ALL {
        let in_file = catalog::ids_in_file(lang);
        let unique: BTreeSet<String> = in_file.iter().cloned().collect();
        assert_eq!(
            unique.len(),
            in_file.len(),
            "{lang:?}: an id is defined twice"
        );
        let missing: Vec<_> = expected.difference(&unique).collect();
        let extra: Vec<_> = unique
            .difference(&expected)
            .filter(|id| in_this_build(id))
            .collect();
        assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{lang:?} has keys no code uses: {extra:?}"
        );
    }
}

#[test]
fn every_enum_value_has_a_translation() {
    for s in sets() {
        assert_eq!(s.keys.len(), s.ids.len(), "{}", s.name);
        let keys: HashSet<_> = s.keys.iter().collect();
        assert_eq!(
            keys.len(),
            s.keys.len(),
            "{}: duplicate canonical name",
            s.name
        );
        for lang in Lang::ALL {
            for (id, text) in s.ids.iter().zip(&s.texts[lang as usize]) {
                assert!(
                    !text.trim().is_empty() && text != id && !text.contains('{'),
                    "{}/{id} not translated in {lang:?}: {text:?}",
                    s.name
                );
            }
        }
    }
}

#[test]
fn renderer_labels_resolve() {
    // Every label key the message renderers use (render::fields, cli::show).
    const KEYS: &[&str] = &[
        "envelope",
        "from",
        "to",
        "priority",
        "handling",
        "type",
        "sent",
        "language",
        "signature",
        "in_reply_to",
        "attachments",
        "exercise",
        "verified",
        "verified_against",
        "reference",
        "summary",
        "description",
        "incident_class",
        "time_detected",
        "affected_sector",
        "affected_systems",
        "indicators",
        "actions_taken",
        "assistance_requested",
        "requested_response_time",
        "follow_up_contact",
        "nature",
        "related_incident",
        "details",
        "legal_context",
        "status",
        "text",
        "subject",
        "acknowledges",
        "received_at",
        "entry",
        "organisation",
        "email",
        "phone",
        "languages",
        "new_key",
        "directory_serial",
        "digest",
        "campaign",
        "deadline",
        "note",
        "automatic",
        "part",
        "member",
        "reason",
    ];
    for key in KEYS {
        for lang in Lang::ALL {
            let l = label(key, lang);
            assert!(
                l.is_some_and(|s| !s.trim().is_empty()),
                "{key} missing in {lang:?}"
            );
        }
    }
    assert_eq!(Label::KEYS.len(), KEYS.len());
    assert_eq!(label("no-such-key", Lang::En), None);
    assert_eq!(label("", Lang::Fr), None);
}

#[test]
fn every_field_set_value_exists_in_all_languages() {
    for set in [
        "priority",
        "tlp",
        "nature",
        "status",
        "incident_class",
        "type",
        "yes_no",
    ] {
        let vals = values(set);
        assert!(!vals.is_empty(), "{set} has no values");
        for v in vals {
            for lang in Lang::ALL {
                let t = value(set, v, lang);
                assert!(
                    t.is_some_and(|s| !s.trim().is_empty()),
                    "{set}/{v} missing in {lang:?}"
                );
            }
        }
    }
    assert_eq!(value("priority", "urgent", Lang::En), None);
    assert_eq!(value("colour", "high", Lang::En), None);
    assert!(values("colour").is_empty());
}

#[test]
fn canonical_values() {
    assert_eq!(values("priority"), &["high", "medium", "low"]);
    assert_eq!(values("nature").len(), 5);
    assert_eq!(
        values("status"),
        &[
            "received",
            "channelled",
            "in_progress",
            "resolved",
            "declined"
        ]
    );
    assert_eq!(values("incident_class").len(), 11);
    assert_eq!(values("incident_class")[0], "abusive-content");
    assert_eq!(values("incident_class")[10], "test");
    assert_eq!(values("type").len(), 10);
    assert!(values("type").contains(&"attachment-part"));
    assert!(values("type").contains(&"directory-notice"));
    assert_eq!(
        values("tlp"),
        &["clear", "green", "amber", "amber+strict", "red"]
    );
}

#[test]
fn canonical_names_match_the_protocol() {
    for p in Priority::ALL {
        assert_eq!(p.key(), p.as_str());
    }
    for r in Role::ALL {
        assert_eq!(r.key(), r.as_str());
    }
    for t in Tlp::ALL {
        assert_eq!(format!("TLP:{}", t.key().to_uppercase()), t.to_string());
        assert_eq!(t.key().parse::<Tlp>(), Ok(*t));
    }
    for b in [true, false] {
        assert_eq!(YesNo::from(b).key(), b.to_string());
    }
}

#[test]
fn labels_are_distinct_in_every_language() {
    // `text` is a single key shared by responses and text messages, so every label must be
    // unique in each language.
    for lang in Lang::ALL {
        let mut seen = HashSet::new();
        for l in Label::ALL {
            assert!(
                seen.insert(l.text(lang)),
                "{l:?}: duplicate label in {lang:?}"
            );
        }
    }
}

#[test]
fn values_are_distinct_within_a_set() {
    for s in sets() {
        for lang in Lang::ALL {
            let mut seen = HashSet::new();
            for (id, text) in s.ids.iter().zip(&s.texts[lang as usize]) {
                assert!(seen.insert(*text), "{}/{id}: duplicate in {lang:?}", s.name);
            }
        }
    }
}

fn has_in(s: &str, lo: u32, hi: u32) -> bool {
    s.chars().any(|c| (lo..=hi).contains(&(c as u32)))
}

fn assert_script(lang: Lang, s: &str) {
    match lang {
        Lang::Ar => assert!(has_in(s, 0x0600, 0x06FF), "not Arabic: {s}"),
        Lang::Zh => assert!(has_in(s, 0x4E00, 0x9FFF), "not CJK: {s}"),
        Lang::Ru => assert!(has_in(s, 0x0400, 0x04FF), "not Cyrillic: {s}"),
        Lang::En | Lang::Fr | Lang::Es => {
            assert!(!has_in(s, 0x0400, 0x06FF), "wrong script: {s}");
            assert!(!has_in(s, 0x4E00, 0x9FFF), "wrong script: {s}");
        }
    }
}

/// Every message with arguments, formatted in `lang` with `n` as every count.
fn phrases_with(lang: Lang, n: u64) -> Vec<String> {
    vec![
        phrases::seconds(lang, n),
        phrases::minutes(lang, n),
        phrases::hours(lang, n),
        phrases::days(lang, n),
        phrases::bytes(lang, n),
        phrases::receipt_for(lang, "0123456789ab"),
        phrases::key_rotation_request(lang, "FRA.technical"),
        phrases::entry_update_request(lang, "FRA.technical"),
        phrases::directory_published(lang, n),
        phrases::ping_answer_by(lang, "2026-01-02T03:04:05Z"),
        phrases::inbox_invalid(lang, "bad signature"),
        phrases::inbox_receipt(
            lang,
            "FRA.technical",
            "0123456789ab",
            "2026-01-02T03:04:05Z",
        ),
        phrases::inbox_receipt_unknown(lang, "0123456789ab"),
        phrases::inbox_receipt_wrong_signer(lang, "0123456789ab", "FRA.technical", "MEX.technical"),
        phrases::inbox_fetched(lang, n),
        phrases::inbox_unopened(lang, n, "FRA.technical", "bad signature"),
        phrases::thread_header(lang, "0123456789ab", n),
        phrases::ping_started(lang, "c0ffee", n, "2026-01-02T03:04:05Z"),
        phrases::ping_follow(lang, "poc ping status c0ffee"),
        phrases::ping_status(
            lang,
            phrases::PingFigures {
                id: "c0ffee",
                targets: n,
                on_time: n,
                late: 0,
                no_answer: 0,
                invalid: 0,
                rate_percent: 100,
                deadline: "2026-01-02T03:04:05Z",
            },
        ),
        phrases::report_role(lang, Role::Technical),
        phrases::report_state(lang, "MEX"),
        phrases::report_title(lang, "c0ffee"),
        phrases::report_campaign(lang, "c0ffee"),
        phrases::report_summary_line(lang, "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", 7, n),
        phrases::report_intro(lang, "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", 7),
        phrases::report_response_rate(lang, 55, n, n),
        phrases::report_invalid_warning(lang, n),
    ]
}

#[test]
fn messages_with_arguments_format_in_every_language() {
    for lang in Lang::ALL {
        // Counts that select each plural category of the six languages.
        for n in [0, 1, 2, 3, 5, 11, 21, 100, 102] {
            let out = phrases_with(lang, n);
            assert_eq!(out.len(), phrases::WITH_ARGUMENTS.len());
            let sentences = screens::samples(lang, n);
            assert_eq!(sentences.len(), screens::SENTENCE_IDS.len());
            for s in out.into_iter().chain(sentences) {
                assert!(
                    !s.trim().is_empty() && !s.contains('{') && !s.contains("No localization"),
                    "{lang:?}, {n}: {s:?}"
                );
                assert_script(lang, &s);
            }
        }
    }
}

#[test]
fn scripts() {
    // TLP labels and the "ID" header are written the same way in every language.
    let same_everywhere: Vec<&str> = Tlp::ALL
        .iter()
        .map(|t| t.fluent_id())
        .chain([InboxColumn::Id.fluent_id(), InboxColumn::Tlp.fluent_id()])
        .collect();
    for s in sets() {
        for lang in Lang::ALL {
            for (id, text) in s.ids.iter().zip(&s.texts[lang as usize]) {
                if same_everywhere.contains(id) {
                    assert!(
                        text.starts_with("TLP")
                            || *text == "ID"
                            || lang == Lang::Ar
                            || lang == Lang::Zh,
                        "{id}: {text}"
                    );
                } else {
                    assert_script(lang, text);
                }
            }
        }
    }
    for lang in Lang::ALL {
        assert_eq!(Tlp::AmberStrict.text(lang), "TLP:AMBER+STRICT");
    }
}

#[test]
fn plurals_follow_each_language() {
    assert_eq!(phrases::days(Lang::En, 1), "1 day");
    assert_eq!(phrases::days(Lang::En, 2), "2 days");
    assert_eq!(phrases::days(Lang::Fr, 0), "0 jour");
    assert_eq!(phrases::days(Lang::Fr, 2), "2 jours");
    assert_eq!(phrases::days(Lang::Ru, 1), "1 день");
    assert_eq!(phrases::days(Lang::Ru, 3), "3 дня");
    assert_eq!(phrases::days(Lang::Ru, 5), "5 дней");
    assert_eq!(phrases::days(Lang::Ru, 21), "21 день");
    assert_eq!(phrases::days(Lang::Ar, 2), "يومان");
    assert_eq!(phrases::days(Lang::Ar, 3), "3 أيام");
    assert_eq!(phrases::days(Lang::Ar, 11), "11 يومًا");
    assert_eq!(phrases::days(Lang::Zh, 3), "3天");
    assert_eq!(phrases::days(Lang::Es, 1), "1 día");
    assert_eq!(
        phrases::inbox_fetched(Lang::En, 1),
        "fetched 1 new envelope"
    );
    assert_eq!(
        phrases::inbox_fetched(Lang::En, 4),
        "fetched 4 new envelopes"
    );
    assert_eq!(
        phrases::inbox_fetched(Lang::Ru, 2),
        "получено 2 новых конверта"
    );
    assert_eq!(phrases::duration(Lang::En, 0), "0 s");
    assert_eq!(phrases::duration(Lang::En, 3_725), "1 h 2 min 5 s");
    assert_eq!(phrases::duration(Lang::En, 2 * 86_400 + 60), "2 days 1 min");
    assert_eq!(phrases::duration(Lang::Zh, 90), "1分钟 30秒");
}

#[test]
fn spot_checks() {
    assert_eq!(
        value("type", "incident", Lang::Fr),
        Some("Notification d'incident")
    );
    assert_eq!(
        value("type", "incident", Lang::Es),
        Some("Notificación de incidente")
    );
    assert_eq!(
        value("type", "incident", Lang::Ru),
        Some("Уведомление об инциденте")
    );
    assert_eq!(value("type", "incident", Lang::Zh), Some("事件通报"));
    assert_eq!(value("type", "incident", Lang::Ar), Some("إخطار بحادث"));
    assert_eq!(label("exercise", Lang::Ru), Some("УЧЕНИЯ"));
    assert_eq!(label("exercise", Lang::Zh), Some("演练"));
    assert_eq!(label("exercise", Lang::Ar), Some("تمرين"));
    assert_eq!(label("exercise", Lang::Es), Some("EJERCICIO"));
    assert_eq!(label("exercise", Lang::Fr), Some("EXERCICE"));
    assert_eq!(label("exercise", Lang::En), Some("EXERCISE"));
    assert_eq!(value("priority", "high", Lang::En), Some("High"));
    assert_eq!(
        ResponseStatus::InProgress.text(Lang::Fr),
        "En cours de traitement"
    );
    assert_eq!(
        MessageType::of(&poc_proto::MessageKind::Text(poc_proto::TextMessage {
            subject: None,
            text: String::new()
        })),
        MessageType::Text
    );
}

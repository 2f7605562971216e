//! What the client reads from others, fed arbitrary and mutated input: armoured enrolment
//! requests, invitations, update requests, ping bundles, regional import files, envelopes
//! through the full reading path, and the display of whatever a message contains. Each
//! returns `Ok` or a typed `Err` and never panics, and changes are detected:
//!
//! - armour round-trips any bytes;
//! - a changed enrolment request is accepted only as the original entry;
//! - a parsed invite's fingerprint always matches its key, and invites round-trip;
//! - an update request passes the custodian's check only with a valid entry and key chain;
//! - a changed ping bundle verifies only with the original (signed) campaign;
//! - a changed envelope is read only as the original message;
//! - rendering any message, or any time value, does not panic.

use std::path::Path;
use std::sync::OnceLock;

use poc_client::armor::{armor, dearmor};
use poc_client::home::RelayAddress;
use poc_client::i18n::Lang;
use poc_client::invite::Invite;
use poc_client::mailbox::{verify, Verified};
use poc_client::ops::custodian::read_request;
use poc_client::ops::enrol::REQUEST_LABEL;
use poc_client::ops::import::{check_consent, check_export};
use poc_client::ops::ping::{verify_bundle, AckEvidence, Bundle, Campaign, Target, BUNDLE_FORMAT};
use poc_client::ops::requests::check;
use poc_client::trust::TrustedDirectory;
use poc_keys::directory::{directory_digest, sign_directory, sign_entry, verify_entry};
use poc_keys::rotation::sign_rotation;
use poc_keys::{PocKey, RoutingHeader};
use poc_proto::*;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;

struct Fixture {
    fra: PocKey,
    mex: PocKey,
    custodian: PocKey,
    directory: TrustedDirectory,
    request_text: String,
    request_entry: Entry,
    invite: Invite,
    update: EntryUpdate,
    envelopes: Vec<(Envelope, Message)>,
    bundle: Vec<u8>,
    campaign: Campaign,
}

fn id(text: &str) -> PocId {
    text.parse().expect("test value")
}

fn entry_for(key: &PocKey, poc: &str) -> Entry {
    sign_entry(
        key,
        EntryBody {
            id: id(poc),
            org_name: format!("Organisation of {poc}"),
            webpage: Some("https://example.org".into()),
            emails: vec!["poc@example.org".into()],
            phones: vec!["+1 555 0100".into()],
            languages: vec!["en".into()],
            time_zone: None,
            signing_key: key.signing_public(),
            encryption_key: key.public().encryption.to_string(),
            created_at: 1_700_000_000,
            updated_at: 1_700_000_000,
        },
    )
    .expect("test value")
}

fn message(from: &str, to: &str, kind: MessageKind) -> Message {
    Message {
        from: id(from),
        to: id(to),
        sent_at: 1_800_000_000,
        thread: None,
        language: "fr".into(),
        tlp: Tlp::Green,
        exercise: true,
        kind,
        attachments: vec![Attachment {
            name: "notes.txt".into(),
            media_type: "text/plain".into(),
            data: b"x".to_vec(),
        }],
    }
}

fn header(to: MailboxId, n: u8) -> RoutingHeader {
    RoutingHeader {
        id: EnvelopeId([n; 16]),
        to,
        priority: Priority::Medium,
        expires_at: 1_900_000_000,
    }
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let fra = PocKey::generate();
        let mex = PocKey::generate();
        let custodian = PocKey::generate();
        let directory = Directory {
            serial: 1,
            issued_at: 1_700_000_000,
            expires_at: 4_000_000_000,
            previous_digest: None,
            custodian_key: custodian.signing_public(),
            custodian_rotations: vec![],
            entries: vec![
                entry_for(&fra, "FRA.technical"),
                entry_for(&mex, "MEX.diplomatic"),
                entry_for(&custodian, "UNODA.custodian"),
            ],
            revoked: vec![],
            relays: vec![],
        };
        let signed = sign_directory(&custodian, &directory).expect("test value");
        let directory = TrustedDirectory {
            digest: directory_digest(&signed),
            directory: poc_keys::verified::verify_any_directory(
                &custodian.signing_public(),
                &signed,
            )
            .expect("test value"),
            signed,
        };

        let request_entry = entry_for(&PocKey::generate(), "BRA.technical");
        let request_text = armor(
            REQUEST_LABEL,
            &["PoC Relay enrolment request for BRA.technical".into()],
            &encode(&EnrolmentRequest {
                entry: request_entry.clone(),
            })
            .expect("test value"),
        );

        let key = custodian.signing_public();
        let invite = Invite {
            id: id("BRA.technical"),
            custodian_key: key,
            custodian_fingerprint: poc_keys::FingerprintText(poc_keys::fingerprint(&key))
                .to_string(),
            relay: RelayAddress {
                address: "relay.example.org:4433".into(),
                tls_pin: "ab".repeat(32),
            },
            member: None,
        };

        let new_key = PocKey::generate();
        let update = EntryUpdate {
            entry: entry_for(&new_key, "MEX.diplomatic"),
            rotation: Some(sign_rotation(&mex, &new_key.signing_public())),
        };

        let kinds = vec![
            MessageKind::Text(TextMessage {
                subject: Some("Subject".into()),
                text: "Body".into(),
            }),
            MessageKind::IncidentNotification(Box::new(IncidentNotification {
                summary: Some("Summary".into()),
                incident_class: Some("malicious-code".into()),
                ..Default::default()
            })),
            MessageKind::EntryUpdate(Box::new(update.clone())),
            MessageKind::Ping(Ping {
                campaign: [1; 16],
                nonce: [2; 32],
                deadline: 1_800_003_600,
                note: None,
            }),
        ];
        let envelopes = kinds
            .into_iter()
            .enumerate()
            .map(|(n, kind)| {
                let m = message("MEX.diplomatic", "FRA.technical", kind);
                let env = poc_keys::seal(
                    &mex,
                    &fra.public().encryption,
                    header(fra.mailbox(), n as u8),
                    &encode(&m).expect("test value"),
                )
                .expect("test value");
                (env, m)
            })
            .collect();

        let campaign = Campaign {
            id: [1; 16],
            created_at: 1_800_000_000,
            deadline: 1_800_003_600,
            directory_serial: 1,
            exercise: false,
            note: None,
            targets: vec![Target {
                id: id("FRA.technical"),
                signing_key: fra.signing_public(),
                nonce: [2; 32],
                envelopes: vec![EnvelopeId([4; 16])],
                sent_at: 1_800_000_000,
            }],
        };
        let ack = message(
            "FRA.technical",
            "UNODA.custodian",
            MessageKind::PingAck(PingAck {
                campaign: [1; 16],
                nonce: [2; 32],
                ping_envelope: EnvelopeId([4; 16]),
                received_at: 1_800_000_200,
                automatic: false,
            }),
        );
        let env = poc_keys::seal(
            &fra,
            &custodian.public().encryption,
            header(custodian.mailbox(), 9),
            &encode(&ack).expect("test value"),
        )
        .expect("test value");
        let opened = poc_keys::open(&custodian, &env).expect("test value");
        let campaign_bytes = encode(&campaign).expect("test value");
        let bundle = encode(&Bundle {
            format: BUNDLE_FORMAT.into(),
            campaign_signature: custodian
                .sign(poc_keys::signing::domain::CAMPAIGN, &[&campaign_bytes]),
            campaign: campaign_bytes,
            signer: custodian.signing_public(),
            signer_rotations: vec![],
            directory: directory.signed.clone(),
            acks: vec![AckEvidence {
                id: env.id,
                to: env.to,
                priority: env.priority,
                expires_at: env.expires_at,
                sender: opened.sender,
                signature: opened.signature,
                body: opened.body,
            }],
        })
        .expect("test value");

        Fixture {
            fra,
            mex,
            custodian,
            directory,
            request_text,
            request_entry,
            invite,
            update,
            envelopes,
            bundle,
            campaign,
        }
    })
}

fn flip(bytes: &mut [u8], at: Index, xor: u8) {
    let i = at.index(bytes.len());
    bytes[i] ^= xor;
}

/// Replaces one character of `text` by `c`.
fn replace_char(text: &str, at: Index, c: char) -> String {
    let chars: Vec<char> = text.chars().collect();
    let i = at.index(chars.len());
    chars
        .iter()
        .enumerate()
        .map(|(j, &d)| if j == i { c } else { d })
        .collect()
}

const EXPORT_CSV: &str = "state,role,organisation,email,phone,languages,webpage,time_zone\n\
MEX,diplomatic,SRE,cyber@sre.example;guardia@sre.example,+52 55 3686 5100,es;en,https://sre.example,America/Mexico_City\n\
CAN,technical,Canadian Centre for Cyber Security,contact@cyber.gc.example,,en;fr,,\n";

const EXPORT_JSON: &str = r#"[{"state": "MEX", "role": "diplomatic", "organisation": "SRE", "email": ["cyber@sre.example"], "phone": ["+52 55 3686 5100"], "languages": ["es", "en"], "webpage": "https://sre.example", "time_zone": null}, {"state": "CAN", "role": "technical", "organisation": "CCCS", "email": "a@b.example;c@d.example", "phone": "+1 613 949 7048", "languages": "en;fr"}]"#;

const CONSENT_CSV: &str = "state,source,date,reference\nMEX,OAS,2025-02-11,NV/MEX/2025/0042\nCAN,oas,2024-02-29,CAN-NV-2025-17\n";

/// Every way the client displays a message, in every language.
fn render_everything(message: &Message) {
    let _ = poc_client::render::headline(message);
    let _ = poc_client::render::fields(message);
    let _ = poc_client::ops::view::field_map(message);
    let fixture = fixture();
    let verified = Verified {
        sender: message.from.clone(),
        member: String::new(),
        sender_key: fixture.mex.signing_public(),
        signed_body: encode(message).expect("test value"),
        message: message.clone(),
        signature: SignatureBytes([0; 64]),
    };
    let id = EnvelopeId([1; 16]);
    let view = poc_client::ops::view::MessageView::of(&id, Priority::High, &verified);
    serde_json::to_string(&view).expect("every message view serializes");
    let sender = fixture.directory.team(&message.from);
    for lang in Lang::ALL {
        let _ = poc_client::cli::show::message(&id, Priority::Low, &verified, sender, 1, lang);
    }
}

#[test]
fn the_fixture_reads_back() {
    let f = fixture();
    assert_eq!(
        read_request(&f.request_text).expect("test value"),
        f.request_entry
    );
    let text = f.invite.to_text().expect("test value");
    assert_eq!(
        Invite::parse(&text, Path::new("invite.toml")).expect("test value"),
        f.invite
    );
    assert_eq!(
        check(&id("MEX.diplomatic"), &f.mex.signing_public(), &f.update),
        Ok(())
    );
    for (envelope, message) in &f.envelopes {
        let verified =
            verify(&f.fra, &id("FRA.technical"), &f.directory, envelope).expect("test value");
        assert_eq!(&verified.message, message);
        render_everything(message);
    }
    let bundle = verify_bundle(&f.bundle, &f.custodian.signing_public()).expect("test value");
    assert_eq!(bundle.campaign, f.campaign);
    assert!(bundle.failures.is_empty());
    assert_eq!(
        check_export(Path::new("export.csv"), EXPORT_CSV.as_bytes()).expect("test value"),
        2
    );
    assert_eq!(
        check_export(Path::new("export.json"), EXPORT_JSON.as_bytes()).expect("test value"),
        2
    );
    assert_eq!(
        check_consent(Path::new("consent.csv"), CONSENT_CSV.as_bytes()).expect("test value"),
        2
    );
}

#[test]
fn times_out_of_range_render_without_panicking() {
    for t in [
        0,
        253_402_300_799,
        253_402_300_800,
        i64::MAX as u64,
        i64::MAX as u64 + 1,
        u64::MAX,
    ] {
        assert!(!poc_client::render::time(t).is_empty());
    }
}

#[test]
fn fuzz_regressions_render_without_panicking() {
    // Messages whose `sent_at` is past year 9999; rendering them used to panic.
    for bytes in [
        include_bytes!("../../fuzz/regressions/message/sent-at-u64-max").as_slice(),
        include_bytes!("../../fuzz/regressions/message/sent-at-year-10000").as_slice(),
    ] {
        let message: Message = decode(bytes).expect("test value");
        assert!(message.sent_at > 253_402_300_799);
        render_everything(&message);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn armour_round_trips_and_dearmour_never_panics(
        bytes in vec(any::<u8>(), 0..300),
        comment in "[^\r\n]{0,40}",
        text in "\\PC{0,200}",
    ) {
        let armoured = armor("POC TEST", &[comment], &bytes);
        prop_assert_eq!(dearmor("POC TEST", &armoured).expect("test value"), bytes);
        let _ = dearmor("POC TEST", &text);
        let wrapped = format!("-----BEGIN POC TEST-----\n{text}\n-----END POC TEST-----\n");
        let _ = dearmor("POC TEST", &wrapped);
    }

    #[test]
    fn a_changed_enrolment_request_is_only_ever_the_original(
        at in any::<Index>(),
        xor in 1u8..,
        c in any::<char>(),
        binary in any::<bool>(),
    ) {
        let f = fixture();
        let text = if binary {
            let mut bytes = dearmor(REQUEST_LABEL, &f.request_text).expect("test value");
            flip(&mut bytes, at, xor);
            armor(REQUEST_LABEL, &[], &bytes)
        } else {
            replace_char(&f.request_text, at, c)
        };
        if let Ok(entry) = read_request(&text) {
            prop_assert_eq!(entry, f.request_entry.clone());
        }
    }

    #[test]
    fn arbitrary_text_is_not_an_enrolment_request(text in "\\PC{0,300}") {
        prop_assert!(read_request(&text).is_err());
        let wrapped = format!("-----BEGIN {REQUEST_LABEL}-----\n{text}\n-----END {REQUEST_LABEL}-----\n");
        prop_assert!(read_request(&wrapped).is_err());
    }

    #[test]
    fn parsed_invites_are_consistent(at in any::<Index>(), c in any::<char>(), text in "\\PC{0,200}") {
        let f = fixture();
        let origin = Path::new("invite.toml");
        let _ = Invite::parse(&text, origin);
        let changed = replace_char(&f.invite.to_text().expect("test value"), at, c);
        if let Ok(invite) = Invite::parse(&changed, origin) {
            prop_assert_eq!(
                invite.custodian_fingerprint.clone(),
                poc_keys::FingerprintText(poc_keys::fingerprint(&invite.custodian_key)).to_string()
            );
            prop_assert_eq!(Invite::parse(&invite.to_text().expect("test value"), origin).expect("test value"), invite);
        }
    }

    #[test]
    fn update_requests_pass_only_with_a_valid_entry_and_chain(at in any::<Index>(), xor in 1u8..) {
        let f = fixture();
        let mut bytes = encode(&f.update).expect("test value");
        flip(&mut bytes, at, xor);
        if let Ok(update) = decode::<EntryUpdate>(&bytes) {
            let sender = update.entry.body.id.clone();
            if check(&sender, &f.mex.signing_public(), &update).is_ok() {
                prop_assert!(verify_entry(&update.entry).is_ok());
                let rotation = update.rotation.as_ref();
                prop_assert!(
                    rotation.map_or(update.entry.body.signing_key == f.mex.signing_public(),
                        |r| r.old_key == f.mex.signing_public() && r.new_key == update.entry.body.signing_key)
                );
            }
        }
    }

    #[test]
    fn a_changed_bundle_verifies_only_with_its_signed_campaign(
        at in any::<Index>(),
        xor in 1u8..,
        arbitrary in proptest::option::of(vec(any::<u8>(), 0..300)),
    ) {
        let f = fixture();
        let bytes = match arbitrary {
            Some(bytes) => bytes,
            None => {
                let mut b = f.bundle.clone();
                flip(&mut b, at, xor);
                b
            }
        };
        if let Ok(checked) = verify_bundle(&bytes, &f.custodian.signing_public()) {
            prop_assert_eq!(checked.campaign, f.campaign.clone());
        }
    }

    #[test]
    fn import_files_are_typed_errors_or_rows(
        which in 0usize..3,
        at in any::<Index>(),
        xor in 1u8..,
        arbitrary in proptest::option::of(vec(any::<u8>(), 0..300)),
    ) {
        let (name, valid) = [
            ("export.csv", EXPORT_CSV),
            ("export.json", EXPORT_JSON),
            ("consent.csv", CONSENT_CSV),
        ][which];
        let bytes = match arbitrary {
            Some(bytes) => bytes,
            None => {
                let mut b = valid.as_bytes().to_vec();
                flip(&mut b, at, xor);
                b
            }
        };
        let rows = if which == 2 {
            check_consent(Path::new(name), &bytes)
        } else {
            check_export(Path::new(name), &bytes)
        };
        if let Ok(rows) = rows {
            prop_assert!(rows <= bytes.len());
        }
    }

    #[test]
    fn a_changed_envelope_is_read_only_as_the_original(
        which in any::<Index>(),
        at in any::<Index>(),
        xor in 1u8..,
    ) {
        let f = fixture();
        let (envelope, message) = &f.envelopes[which.index(f.envelopes.len())];
        let mut bytes = encode(envelope).expect("test value");
        flip(&mut bytes, at, xor);
        if let Ok(changed) = decode::<Envelope>(&bytes) {
            if let Ok(verified) = verify(&f.fra, &id("FRA.technical"), &f.directory, &changed) {
                prop_assert_eq!(&verified.message, message);
                prop_assert_eq!(changed, envelope.clone());
            }
        }
    }

    #[test]
    fn any_decoded_message_renders(
        which in any::<Index>(),
        edits in vec((any::<Index>(), 1u8..), 1..4),
        sent_at in any::<u64>(),
        deadline in any::<u64>(),
    ) {
        let f = fixture();
        let (_, message) = &f.envelopes[which.index(f.envelopes.len())];
        let mut bytes = encode(message).expect("test value");
        for (at, xor) in edits {
            flip(&mut bytes, at, xor);
        }
        if let Ok(changed) = decode::<Message>(&bytes) {
            render_everything(&changed);
        }
        let mut timed = message.clone();
        timed.sent_at = sent_at;
        if let MessageKind::Ping(p) = &mut timed.kind {
            p.deadline = deadline;
        }
        render_everything(&timed);
    }
}

//! Writes seed inputs for every fuzz target into `fuzz/seeds/<target>/`, from real values
//! encoded with the fixed identities of `poc_fuzz` (so sealed seeds decrypt and signed seeds
//! verify inside the targets). Run from `fuzz/`: `cargo run --example seeds`.

use std::path::Path;

use poc_client::armor::armor;
use poc_client::home::RelayAddress;
use poc_client::invite::Invite;
use poc_client::ops::enrol::REQUEST_LABEL;
use poc_client::ops::ping::{AckEvidence, Bundle, Campaign, Target, BUNDLE_FORMAT};
use poc_fuzz::{custodian, directory, entry, id, me, member};
use poc_keys::directory::{seal_directory, sign_access_list};
use poc_keys::rotation::sign_rotation;
use poc_keys::seal::{decrypt_own, seal};
use poc_keys::{PocKey, RoutingHeader};
use poc_proto::limits::MAX_SEALED_BYTES;
use poc_proto::*;

fn write(target: &str, name: &str, bytes: &[u8]) {
    let dir = Path::new("seeds").join(target);
    std::fs::create_dir_all(&dir).expect("create seed dir");
    std::fs::write(dir.join(name), bytes).expect("write seed");
}

fn with_mode(mode: u8, bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![mode];
    out.extend_from_slice(bytes);
    out
}

fn header(to: MailboxId) -> RoutingHeader {
    RoutingHeader {
        id: EnvelopeId([7; 16]),
        to,
        priority: Priority::High,
        expires_at: 1_900_000_000,
    }
}

fn message(from: &str, to: &str, kind: MessageKind) -> Message {
    Message {
        from: id(from),
        to: id(to),
        sent_at: 1_800_000_000,
        thread: Some(EnvelopeId([3; 16])),
        language: "en".into(),
        tlp: Tlp::Amber,
        exercise: true,
        kind,
        attachments: vec![Attachment {
            name: "iocs.txt".into(),
            media_type: "text/plain".into(),
            data: b"198.51.100.7\n".to_vec(),
        }],
    }
}

fn kinds() -> Vec<MessageKind> {
    let new_key = PocKey::generate();
    vec![
        MessageKind::IncidentNotification(Box::new(IncidentNotification {
            reference: Some("CERT-FR-2026-001".into()),
            summary: Some("Ransomware on a hospital".into()),
            incident_class: Some("malicious-code".into()),
            indicators: vec!["198.51.100.7".into()],
            ..Default::default()
        })),
        MessageKind::Text(TextMessage {
            subject: Some("Hello".into()),
            text: "Line one\nLine two".into(),
        }),
        MessageKind::Receipt(Receipt {
            envelope: EnvelopeId([5; 16]),
            received_at: 1_800_000_100,
        }),
        MessageKind::EntryUpdate(Box::new(EntryUpdate {
            entry: entry(&new_key, "MEX.diplomatic"),
            rotation: Some(sign_rotation(member(), &new_key.signing_public())),
        })),
        MessageKind::DirectoryNotice(DirectoryNotice {
            serial: 2,
            digest: [9; 32],
        }),
        MessageKind::AssistanceRequest(Box::new(AssistanceRequest {
            reference: Some("REQ-1".into()),
            nature: Some(Nature::Mitigation),
            details: Some("Please block".into()),
            ..Default::default()
        })),
        MessageKind::Response(StatusResponse {
            status: ResponseStatus::InProgress,
            text: Some("Working on it".into()),
        }),
        MessageKind::Ping(Ping {
            campaign: [1; 16],
            nonce: [2; 32],
            deadline: 1_800_003_600,
            note: Some("Quarterly check".into()),
        }),
        MessageKind::PingAck(PingAck {
            campaign: [1; 16],
            nonce: [2; 32],
            ping_envelope: EnvelopeId([4; 16]),
            received_at: 1_800_000_200,
            automatic: false,
        }),
    ]
}

fn main() {
    let me = me();
    let custodian = custodian();
    let member = member();
    let dir = directory();

    // Messages and the envelopes that carry them.
    let mut envelopes = Vec::new();
    for (i, kind) in kinds().into_iter().enumerate() {
        let m = message("MEX.diplomatic", "FRA.technical", kind);
        let body = encode(&m).expect("encode message");
        write("message", &format!("kind-{i}"), &body);
        let env = seal(member, &me.public().encryption, header(me.mailbox()), &body).expect("seal");
        let plain = decrypt_own(me, &env.payload, MAX_SEALED_BYTES).expect("decrypt");
        write(
            "envelope",
            &format!("kind-{i}"),
            &encode(&env).expect("encode"),
        );
        write(
            "sealed_payload",
            &format!("age-{i}"),
            &with_mode(1, &env.payload),
        );
        write(
            "sealed_payload",
            &format!("plain-{i}"),
            &with_mode(0, &plain),
        );
        if let MessageKind::EntryUpdate(update) = &m.kind {
            write(
                "update_request",
                "rotation",
                &with_mode(0, &encode(update.as_ref()).expect("encode")),
            );
            write(
                "update_request",
                "body",
                &with_mode(1, &encode(&update.entry.body).expect("encode")),
            );
        }
        envelopes.push(env);
    }

    // Directories.
    let signed = dir.signed.clone();
    let sealed = seal_directory(
        &signed,
        &[me.public().encryption, custodian.public().encryption],
    )
    .expect("seal directory");
    write(
        "signed_directory",
        "signed",
        &with_mode(0, &encode(&signed).expect("encode")),
    );
    write("signed_directory", "body", &with_mode(1, &signed.body));
    write("signed_directory", "sealed", &with_mode(2, &sealed));
    let list = AccessList {
        serial: 1,
        issued_at: 1_700_000_000,
        custodian_key: custodian.signing_public(),
        custodian_rotations: vec![],
        sealed_directory_digest: [8; 32],
        members: dir
            .directory
            .teams
            .iter()
            .flat_map(|t| t.members.iter().map(move |m| (t, m)))
            .map(|(t, m)| Member {
                signing_key: m.record.signing_key,
                custodian: t.body.id.role() == Role::Custodian,
            })
            .collect(),
    };
    let published = PublishedDirectory {
        access_list: sign_access_list(custodian, &list).expect("sign list"),
        sealed_directory: sealed,
    };
    write(
        "published_directory",
        "published",
        &encode(&published).expect("encode"),
    );

    // Requests, responses, notifications, frames.
    let requests = vec![
        Request::Hello { version: 1 },
        Request::Auth {
            signing_key: me.signing_public(),
            signature: SignatureBytes([6; 64]),
        },
        Request::Submit {
            envelopes: envelopes[..2].to_vec(),
        },
        Request::Fetch {
            after: Some(FetchCursor { rank: 1, seq: 300 }),
            limit: 64,
        },
        Request::Delete {
            ids: vec![EnvelopeId([1; 16]), EnvelopeId([2; 16])],
        },
        Request::GetDirectory { have_serial: 1 },
        Request::PublishDirectory(published.clone()),
        Request::Subscribe,
        Request::Stats,
    ];
    for (i, r) in requests.iter().enumerate() {
        let bytes = encode(r).expect("encode");
        write("request", &format!("request-{i}"), &bytes);
        write("unframe", &format!("request-{i}"), &frame(&bytes));
    }
    let responses = vec![
        Response::Challenge {
            version: 1,
            nonce: [4; 32],
        },
        Response::Authenticated {
            mailbox: me.mailbox(),
            custodian: false,
        },
        Response::Submitted {
            stored: 2,
            duplicates: 1,
        },
        Response::Envelopes {
            envelopes: envelopes[2..4].to_vec(),
            next: Some(FetchCursor { rank: 0, seq: 1 }),
            refused_while_full: 1,
            submitters: vec![Some(PublicKeyBytes([7; 32])), None],
        },
        Response::Deleted { count: 2 },
        Response::Directory(Some(published)),
        Response::Directory(None),
        Response::Published { serial: 2 },
        Response::Error(RelayError {
            code: ErrorCode::RateLimited,
            detail: "slow down".into(),
        }),
        Response::Subscribed,
        Response::Stats(RelayStats {
            waiting: 3,
            members: 3,
            directory_serial: 1,
            months: vec![MonthCount {
                month: "2026-11".into(),
                high: 1,
                medium: 2,
                low: 3,
            }],
        }),
    ];
    for (i, r) in responses.iter().enumerate() {
        let bytes = encode(r).expect("encode");
        write("response", &format!("response-{i}"), &bytes);
        write("unframe", &format!("response-{i}"), &frame(&bytes));
    }
    write(
        "notify",
        "notify",
        &encode(&Notify {
            id: EnvelopeId([2; 16]),
            priority: Priority::Low,
        })
        .expect("encode"),
    );

    // Enrolment request and armour.
    let request = EnrolmentRequest {
        entry: entry(&PocKey::generate(), "BRA.technical"),
    };
    let bytes = encode(&request).expect("encode");
    let text = armor(
        REQUEST_LABEL,
        &["PoC Relay enrolment request for BRA.technical".into()],
        &bytes,
    );
    write(
        "enrolment_request",
        "armoured",
        &with_mode(0, text.as_bytes()),
    );
    write("enrolment_request", "binary", &with_mode(1, &bytes));
    write("armor", "request", text.as_bytes());

    // Invitation.
    let key = custodian.signing_public();
    let invite = Invite {
        id: id("BRA.technical"),
        custodian_key: key,
        custodian_fingerprint: poc_keys::FingerprintText(poc_keys::fingerprint(&key)).to_string(),
        relay: RelayAddress {
            address: "relay.example.org:4433".into(),
            tls_pin: "ab".repeat(32),
        },
        member: None,
    };
    write(
        "invite",
        "invite",
        invite.to_text().expect("invite text").as_bytes(),
    );

    // Keystore plaintext, and an age file that is not passphrase-encrypted.
    let plain = format!(
        "poc-keystore-v1\n{}\nAGE-SECRET-KEY-1DGWZE4X8Z9UHCRM9246FTCZTUJ35Y8HVQDVALHH8GWHQA5GMSN6QJ9EJDG\n",
        "01".repeat(32)
    );
    write("keystore", "plaintext", &with_mode(0, plain.as_bytes()));
    let x25519 =
        poc_keys::seal::encrypt_to(&me.public().encryption, plain.as_bytes()).expect("encrypt");
    write("keystore", "x25519", &with_mode(1, &x25519));

    // Ping bundle: one campaign, one acknowledgement from FRA.technical.
    let campaign = Campaign {
        id: [1; 16],
        created_at: 1_800_000_000,
        deadline: 1_800_003_600,
        directory_serial: 1,
        exercise: false,
        note: Some("Quarterly check".into()),
        targets: vec![Target {
            id: id("FRA.technical"),
            signing_key: me.signing_public(),
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
            automatic: true,
        }),
    );
    let body = encode(&ack).expect("encode");
    let env = seal(
        me,
        &custodian.public().encryption,
        header(custodian.mailbox()),
        &body,
    )
    .expect("seal");
    let opened = poc_keys::open(custodian, &env).expect("open");
    let campaign_bytes = encode(&campaign).expect("encode");
    let bundle = Bundle {
        format: BUNDLE_FORMAT.into(),
        campaign_signature: custodian.sign(poc_keys::signing::domain::CAMPAIGN, &[&campaign_bytes]),
        campaign: campaign_bytes,
        signer: custodian.signing_public(),
        signer_rotations: vec![],
        directory: signed,
        acks: vec![AckEvidence {
            id: env.id,
            to: env.to,
            priority: env.priority,
            expires_at: env.expires_at,
            sender: opened.sender,
            signature: opened.signature,
            body: opened.body,
        }],
    };
    write("ping_bundle", "bundle", &encode(&bundle).expect("encode"));

    // Regional import files.
    write(
        "import",
        "export-csv",
        &with_mode(
            0,
            b"state,role,organisation,email,phone,languages,webpage,time_zone\n\
MEX,diplomatic,SRE,cyber@sre.example;guardia@sre.example,+52 55 3686 5100,es;en,https://sre.example,America/Mexico_City\n\
CAN,technical,Canadian Centre for Cyber Security,contact@cyber.gc.example,,en;fr,,\n",
        ),
    );
    write(
        "import",
        "export-json",
        &with_mode(
            1,
            br#"[{"state": "MEX", "role": "diplomatic", "organisation": "SRE", "email": ["cyber@sre.example"], "phone": ["+52 55 3686 5100"], "languages": ["es", "en"], "webpage": "https://sre.example", "time_zone": null}, {"state": "CAN", "role": "technical", "organisation": "CCCS", "email": "a@b.example;c@d.example", "phone": "+1 613 949 7048", "languages": "en;fr"}]"#,
        ),
    );
    write(
        "import",
        "consent",
        &with_mode(
            2,
            b"state,source,date,reference\nMEX,OAS,2025-02-11,NV/MEX/2025/0042\nCAN,oas,2024-02-29,CAN-NV-2025-17\n",
        ),
    );

    // The relay's self-signed certificate, as `poc-relay init` makes it.
    let (cert, _key) = poc_relay::tls::generate().expect("certificate");
    write("tls_pin", "cert", &cert);
    println!("seeds written to seeds/");
}

//! The test vectors of docs/PROTOCOL.md §11.6 to §11.10 and §11.12 (a `Message`, an `Entry`
//! and its self-signature, a ping `Campaign` and its signature, a proof `Bundle`, the
//! announcement and a part of a large attachment, a team member's removal request),
//! recomputed from
//! fixed seeds and compared with the hex printed in the document, which is read here: the
//! document and the code cannot disagree without this test failing.
//!
//! Each vector in the document is a fenced block right after a line `<!-- vector: NAME -->`;
//! the first word of each line of the block is hex, the rest of the line is commentary.

// Test code: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::str::FromStr;

use ed25519_dalek::SigningKey;
use poc_client::ops::ping::{verify_bundle, AckEvidence, Bundle, Campaign, Outcome, Target};
use poc_keys::seal::verify_message;
use poc_keys::signing::{domain, sign, signing_input};
use poc_keys::{mailbox_id, RoutingHeader};
use poc_proto::{
    decode, encode, Directory, Entry, EntryBody, EnvelopeId, Message, MessageKind, PingAck, PocId,
    Priority, PublicKeyBytes, SignedDirectory, TextMessage, Tlp,
};

const DOC: &str = include_str!("../../docs/PROTOCOL.md");

/// The bytes of the vector `name` in docs/PROTOCOL.md.
fn doc_vector(name: &str) -> Vec<u8> {
    let marker = format!("<!-- vector: {name} -->");
    let mut lines = DOC.lines().skip_while(|l| l.trim() != marker);
    assert!(lines.next().is_some(), "no vector {name} in PROTOCOL.md");
    assert!(
        lines.next().is_some_and(|l| l.starts_with("```")),
        "the vector {name} is not followed by a fenced block"
    );
    let mut hex = String::new();
    for line in lines.take_while(|l| !l.starts_with("```")) {
        let word = line.split_whitespace().next().unwrap_or_default();
        assert!(
            !word.is_empty() && word.bytes().all(|b| b.is_ascii_hexdigit()),
            "vector {name}: the line {line:?} does not start with hex"
        );
        hex.push_str(word);
    }
    data_encoding::HEXLOWER
        .decode(hex.as_bytes())
        .unwrap_or_else(|e| panic!("vector {name}: {e}"))
}

/// Compares `computed` with the document; on a difference, prints the computed value in the
/// document's layout (32 bytes a line).
fn check(name: &str, computed: &[u8]) {
    let doc = doc_vector(name);
    if doc != computed {
        let lines: Vec<String> = computed
            .chunks(32)
            .map(|c| data_encoding::HEXLOWER.encode(c))
            .collect();
        panic!(
            "PROTOCOL.md vector {name} differs from the code ({} bytes in the document, {} computed). Computed:\n{}",
            doc.len(),
            computed.len(),
            lines.join("\n")
        );
    }
}

fn id(text: &str) -> PocId {
    text.parse().unwrap()
}

fn public(key: &SigningKey) -> PublicKeyBytes {
    PublicKeyBytes(key.verifying_key().to_bytes())
}

/// The PoC FRA.technical: ed25519 seed 0x11 × 32.
fn poc() -> SigningKey {
    SigningKey::from_bytes(&[0x11; 32])
}

/// The custodian UNODA.custodian: ed25519 seed 0x33 × 32.
fn custodian() -> SigningKey {
    SigningKey::from_bytes(&[0x33; 32])
}

/// The age recipient of an age identity (bech32 of a fixed 32-byte secret).
fn age_recipient(identity: &str) -> String {
    age::x25519::Identity::from_str(identity)
        .unwrap()
        .to_public()
        .to_string()
}

/// age identity of FRA.technical: the bech32 of 0x66 × 32.
const POC_AGE: &str = "AGE-SECRET-KEY-1VENXVENXVENXVENXVENXVENXVENXVENXVENXVENXVENXVENXVENQFXDPCP";
/// age identity of UNODA.custodian: the bech32 of 0x88 × 32.
const CUSTODIAN_AGE: &str =
    "AGE-SECRET-KEY-13ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYQSDZAMC";

fn entry_body() -> EntryBody {
    EntryBody {
        id: id("FRA.technical"),
        org_name: "CERT-FR".into(),
        webpage: None,
        emails: vec!["cert@example.org".into()],
        phones: vec![],
        languages: vec!["fr".into(), "en".into()],
        time_zone: None,
        signing_key: public(&poc()),
        encryption_key: age_recipient(POC_AGE),
        created_at: 1_700_000_000,
        updated_at: 1_700_000_000,
    }
}

fn self_signed(key: &SigningKey, body: EntryBody) -> Entry {
    let bytes = encode(&body).unwrap();
    Entry {
        self_signature: sign(key, domain::ENTRY, &[&bytes]),
        body,
    }
}

fn campaign() -> Campaign {
    Campaign {
        id: [0x99; 16],
        created_at: 1_800_000_000,
        deadline: 1_800_000_000 + 72 * 3600,
        directory_serial: 1,
        exercise: false,
        note: None,
        targets: vec![Target {
            id: id("FRA.technical"),
            signing_key: public(&poc()),
            nonce: [0xab; 32],
            envelopes: vec![EnvelopeId([0xcc; 16])],
            sent_at: 1_800_000_000,
        }],
    }
}

#[test]
fn message_encoding() {
    let message = Message {
        from: id("FRA.technical"),
        to: id("UNODA.custodian"),
        sent_at: 1_800_000_000,
        thread: None,
        language: "en".into(),
        tlp: Tlp::Amber,
        exercise: false,
        kind: MessageKind::Text(TextMessage {
            subject: Some("test".into()),
            text: "hello".into(),
        }),
        attachments: vec![],
    };
    let bytes = encode(&message).unwrap();
    check("message", &bytes);
    assert_eq!(decode::<Message>(&bytes).unwrap(), message);
}

#[test]
fn attachment_parts_and_part_encoding() {
    use poc_proto::{AttachmentPart, AttachmentParts, PartRef};
    use sha2::{Digest, Sha256};
    let sha256: [u8; 32] = Sha256::digest(b"abc").into();
    let parts = AttachmentParts {
        media_type: "text/plain".into(),
        size: 3,
        sha256,
        parts: vec![PartRef {
            envelope: EnvelopeId([0x44; 16]),
            sha256,
        }],
    };
    let bytes = encode(&parts).unwrap();
    check("attachment-parts", &bytes);
    assert_eq!(decode::<AttachmentParts>(&bytes).unwrap(), parts);
    let message = Message {
        from: id("FRA.technical"),
        to: id("UNODA.custodian"),
        sent_at: 1_800_000_000,
        thread: Some(EnvelopeId([0x22; 16])),
        language: "en".into(),
        tlp: Tlp::Amber,
        exercise: false,
        kind: MessageKind::AttachmentPart(AttachmentPart {
            message: EnvelopeId([0x22; 16]),
            attachment: 0,
            index: 1,
            data: b"abc".to_vec(),
        }),
        attachments: vec![],
    };
    let bytes = encode(&message).unwrap();
    check("attachment-part-message", &bytes);
    assert_eq!(decode::<Message>(&bytes).unwrap(), message);
}

#[test]
fn entry_and_its_self_signature() {
    let body = entry_body();
    let encoded_body = encode(&body).unwrap();
    check("entry-body", &encoded_body);
    let entry = self_signed(&poc(), body);
    // The signing input is the domain, 0x00 and the encoded body.
    let input = signing_input(domain::ENTRY, &[&encoded_body]);
    assert_eq!(input, [&b"poc/entry/v1\0"[..], &encoded_body].concat());
    check("entry-signature", &entry.self_signature.0);
    // The encoded entry is the encoded body followed by the signature.
    let encoded = encode(&entry).unwrap();
    assert_eq!(
        encoded,
        [&encoded_body[..], &entry.self_signature.0].concat()
    );
    poc_keys::directory::verify_entry(&entry).unwrap();
    let mut altered = entry;
    altered.body.updated_at += 1;
    assert!(poc_keys::directory::verify_entry(&altered).is_err());
}

#[test]
fn campaign_and_its_signature() {
    let bytes = encode(&campaign()).unwrap();
    check("campaign", &bytes);
    let signature = sign(&custodian(), domain::CAMPAIGN, &[&bytes]);
    check("campaign-signature", &signature.0);
    poc_keys::signing::verify(
        &public(&custodian()),
        domain::CAMPAIGN,
        &[&bytes],
        &signature,
    )
    .unwrap();
}

#[test]
fn bundle_verifies_offline() {
    let custodian_key = public(&custodian());
    let custodian_entry = self_signed(
        &custodian(),
        EntryBody {
            id: id("UNODA.custodian"),
            org_name: "UNODA".into(),
            webpage: None,
            emails: vec!["pocs@unoda.example".into()],
            phones: vec![],
            languages: vec!["en".into()],
            time_zone: None,
            signing_key: custodian_key,
            encryption_key: age_recipient(CUSTODIAN_AGE),
            created_at: 1_700_000_000,
            updated_at: 1_700_000_000,
        },
    );
    let directory = Directory {
        serial: 1,
        issued_at: 1_799_990_000,
        expires_at: 1_799_990_000 + 90 * 86_400,
        previous_digest: None,
        custodian_key,
        custodian_rotations: vec![],
        // Sorted by id.
        entries: vec![self_signed(&poc(), entry_body()), custodian_entry],
        revoked: vec![],
        relays: vec![],
    };
    let body = encode(&directory).unwrap();
    let signed = SignedDirectory {
        signature: sign(&custodian(), domain::DIRECTORY, &[&body]),
        body,
    };

    // The PoC's acknowledgement of the campaign's ping.
    let ack_message = Message {
        from: id("FRA.technical"),
        to: id("UNODA.custodian"),
        sent_at: 1_800_003_600,
        thread: Some(EnvelopeId([0xcc; 16])),
        language: "en".into(),
        tlp: Tlp::Green,
        exercise: false,
        kind: MessageKind::PingAck(PingAck {
            campaign: [0x99; 16],
            nonce: [0xab; 32],
            ping_envelope: EnvelopeId([0xcc; 16]),
            received_at: 1_800_003_000,
            automatic: false,
        }),
        attachments: vec![],
    };
    let header = RoutingHeader {
        id: EnvelopeId([0xdd; 16]),
        to: mailbox_id(&custodian_key),
        priority: Priority::Low,
        expires_at: 1_800_003_600 + 21 * 86_400,
    };
    let ack_body = encode(&ack_message).unwrap();
    let ack_signature = sign(
        &poc(),
        domain::MESSAGE,
        &[
            &header.id.0,
            &header.to.0,
            &[header.priority.rank()],
            &header.expires_at.to_be_bytes(),
            &ack_body,
        ],
    );
    verify_message(&header, &public(&poc()), &ack_body, &ack_signature).unwrap();

    let campaign_bytes = encode(&campaign()).unwrap();
    let bundle = Bundle {
        format: "poc-ping-bundle-v1".into(),
        campaign_signature: sign(&custodian(), domain::CAMPAIGN, &[&campaign_bytes]),
        campaign: campaign_bytes,
        signer: custodian_key,
        signer_rotations: vec![],
        directory: signed,
        acks: vec![AckEvidence {
            id: header.id,
            to: header.to,
            priority: header.priority,
            expires_at: header.expires_at,
            sender: public(&poc()),
            signature: ack_signature,
            body: ack_body,
        }],
    };
    let bytes = encode(&bundle).unwrap();
    check("bundle", &bytes);

    // What `poc ping verify` checks: the bundle verifies with the custodian key alone and the
    // PoC answered on time.
    let checked = verify_bundle(&bytes, &custodian_key).unwrap();
    assert!(checked.failures.is_empty(), "{:?}", checked.failures);
    assert_eq!(checked.campaign, campaign());
    assert_eq!(checked.evaluation.results.len(), 1);
    assert!(matches!(
        checked.evaluation.results[0].outcome,
        Outcome::OnTime
    ));
    // Any other custodian key refuses it.
    assert!(verify_bundle(&bytes, &public(&poc())).is_err());
}

#[test]
fn a_member_removal_request() {
    let message = Message {
        from: id("MEX.technical"),
        to: id("UNODA.custodian"),
        sent_at: 1_800_000_000,
        thread: None,
        language: "en".into(),
        tlp: Tlp::Amber,
        exercise: false,
        kind: MessageKind::MemberRemoval(poc_proto::MemberRemoval {
            entry: id("MEX.technical"),
            label: "laptop 2".into(),
            reason: Some("laptop lost".into()),
        }),
        attachments: vec![],
    };
    let bytes = encode(&message).unwrap();
    check("member-removal-message", &bytes);
    assert_eq!(decode::<Message>(&bytes).unwrap(), message);
}

//! Deterministic test vectors for the wire format and the signing inputs.
//!
//! Every expected value is a hard-coded lowercase hex string (or text), computed once from this
//! code and copied into `docs/PROTOCOL.md`. Any change to an encoding, a signature domain or the
//! layout of a signing input makes these tests fail: such a change is a protocol change. The
//! signing inputs, signatures and the envelope are also read from the document's blocks marked
//! `<!-- vector: NAME -->` (the first word of each line is hex) and compared, so the document
//! cannot drift from the code.
//!
//! The age encryption of envelope payloads and of the directory is randomised (ephemeral X25519
//! keys, random file keys), so there are no vectors for ciphertexts.

use ed25519_dalek::{Signer, SigningKey};
use poc_keys::seal::verify_message;
use poc_keys::signing::{domain, sign, signing_input};
use poc_keys::{fingerprint, mailbox_id, FingerprintText, RoutingHeader};
use poc_proto::{
    decode, encode, frame, Envelope, EnvelopeId, ErrorCode, Priority, PublicKeyBytes, RelayError,
    Request, Response, ENVELOPE_VERSION,
};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

const DOC: &str = include_str!("../../docs/PROTOCOL.md");

/// The hex of the vector `name` in docs/PROTOCOL.md: the first words of the lines of the
/// fenced block after `<!-- vector: NAME -->`.
fn doc_hex(name: &str) -> String {
    let marker = format!("<!-- vector: {name} -->");
    let mut lines = DOC.lines().skip_while(|l| l.trim() != marker);
    assert!(lines.next().is_some(), "no vector {name} in PROTOCOL.md");
    assert!(
        lines.next().is_some_and(|l| l.starts_with("```")),
        "the vector {name} is not followed by a fenced block"
    );
    let words: Vec<&str> = lines
        .take_while(|l| !l.starts_with("```"))
        .map(|l| l.split_whitespace().next().unwrap_or_default())
        .collect();
    for word in &words {
        assert!(
            !word.is_empty() && word.bytes().all(|b| b.is_ascii_hexdigit()),
            "vector {name}: a line does not start with hex"
        );
    }
    words.concat()
}

fn public(key: &SigningKey) -> PublicKeyBytes {
    PublicKeyBytes(key.verifying_key().to_bytes())
}

/// Sender: ed25519 seed 0x11 * 32.
fn sender() -> SigningKey {
    SigningKey::from_bytes(&[0x11; 32])
}

/// Recipient: ed25519 seed 0x33 * 32.
fn recipient() -> SigningKey {
    SigningKey::from_bytes(&[0x33; 32])
}

fn header() -> RoutingHeader {
    RoutingHeader {
        id: EnvelopeId([0x22; 16]),
        to: mailbox_id(&public(&recipient())),
        priority: Priority::High,
        expires_at: 1_900_000_000,
    }
}

/// Same as `frame(encode(value))`.
fn framed<T: serde::Serialize>(value: &T) -> Vec<u8> {
    frame(&encode(value).expect("encodes"))
}

/// The message signing input, built from the routing header as `poc_keys::seal` does.
fn message_input(header: &RoutingHeader, body: &[u8]) -> Vec<u8> {
    signing_input(
        domain::MESSAGE,
        &[
            &header.id.0,
            &header.to.0,
            &[header.priority.rank()],
            &header.expires_at.to_be_bytes(),
            body,
        ],
    )
}

#[test]
fn a_identity_of_seed_0x11() {
    let key = public(&sender());
    assert_eq!(
        hex(&key.0),
        "d04ab232742bb4ab3a1368bd4615e4e6d0224ab71a016baf8520a332c9778737"
    );
    assert_eq!(
        hex(&mailbox_id(&key).0),
        "10ba682c8ad13513971e8b56881aab8bd702bb807796eca81932c735a94d6e6d"
    );
    assert_eq!(
        hex(&fingerprint(&key).0),
        "10ba682c8ad13513971e8b56881aab8bd702bb80"
    );
    assert_eq!(
        FingerprintText(fingerprint(&key)).to_string(),
        "CC5G QLEK 2E2R HFY6 RNLI QGVL RPLQ FO4A"
    );
    // The fingerprint is the first 20 bytes of the mailbox id (both SHA-256 of the key).
    assert_eq!(fingerprint(&key).0[..], mailbox_id(&key).0[..20]);

    let other = public(&recipient());
    assert_eq!(
        hex(&other.0),
        "17cb79fb2b4120f2b1ec65e4198d6e08b28e813feb01e4a400839b85e18080ce"
    );
    assert_eq!(
        hex(&mailbox_id(&other).0),
        "6c8f8607dbe87077a62a2990ce07d94aaf749df76f87b98eb786a6d10f030765"
    );
}

#[test]
fn b_message_signature() {
    let header = header();
    let body = b"hello";
    let input = message_input(&header, body);
    assert_eq!(hex(&input), "706f632f6d73672f763100222222222222222222222222222222226c8f8607dbe87077a62a2990ce07d94aaf749df76f87b98eb786a6d10f0307650000000000713fb30068656c6c6f");
    assert_eq!(input.len(), 10 + 1 + 16 + 32 + 1 + 8 + body.len());
    assert_eq!(doc_hex("message-signing-input"), hex(&input));

    let signature = sign(
        &sender(),
        domain::MESSAGE,
        &[
            &header.id.0,
            &header.to.0,
            &[header.priority.rank()],
            &header.expires_at.to_be_bytes(),
            body,
        ],
    );
    // `sign` is plain ed25519 (RFC 8032) over the signing input.
    assert_eq!(signature.0, sender().sign(&input).to_bytes());
    assert_eq!(hex(&signature.0), "7ccb7759fa7d8fd51f87aa7a5169b8705341195b4b0a4cd78f78c3cfb3e6ccdbc99ae46308111ef080b9271f19c3f5fc6d740897c23a22323e36d4e690389f02");
    assert_eq!(doc_hex("message-signature"), hex(&signature.0));
    assert!(verify_message(&header, &public(&sender()), body, &signature).is_ok());

    // Each routing field and the body are bound by the signature.
    let mut lowered = header;
    lowered.priority = Priority::Low;
    assert!(verify_message(&lowered, &public(&sender()), body, &signature).is_err());
    let mut extended = header;
    extended.expires_at += 1;
    assert!(verify_message(&extended, &public(&sender()), body, &signature).is_err());
    assert!(verify_message(&header, &public(&sender()), b"hellO", &signature).is_err());
}

#[test]
fn c_envelope_encoding() {
    let header = header();
    let envelope = Envelope {
        version: ENVELOPE_VERSION,
        id: header.id,
        to: header.to,
        priority: header.priority,
        expires_at: header.expires_at,
        payload: vec![0xaa; 4],
    };
    let encoded = encode(&envelope).expect("encodes");
    assert_eq!(hex(&encoded), "01222222222222222222222222222222226c8f8607dbe87077a62a2990ce07d94aaf749df76f87b98eb786a6d10f03076500fc00b33f7104aaaaaaaa");
    assert_eq!(doc_hex("envelope"), hex(&encoded));
    assert_eq!(decode::<Envelope>(&encoded).expect("decodes"), envelope);
    assert_eq!(hex(&frame(&encoded)), "0000003c01222222222222222222222222222222226c8f8607dbe87077a62a2990ce07d94aaf749df76f87b98eb786a6d10f03076500fc00b33f7104aaaaaaaa");
}

#[test]
fn d_requests_and_responses() {
    assert_eq!(hex(&framed(&Request::Hello { version: 2 })), "000000020002");
    assert_eq!(
        hex(&framed(&Request::Fetch {
            after: None,
            limit: 10
        })),
        "0000000303000a"
    );
    assert_eq!(
        hex(&framed(&Response::Error(RelayError {
            code: ErrorCode::AuthFailed,
            detail: "x".into(),
        }))),
        "0000000407030178"
    );
}

#[test]
fn e_auth_proof() {
    let challenge = [0x44u8; 32];
    let exporter = [0x55u8; 32];
    let input = signing_input(domain::AUTH, &[&challenge, &exporter]);
    assert_eq!(hex(&input), "706f632f617574682f76310044444444444444444444444444444444444444444444444444444444444444445555555555555555555555555555555555555555555555555555555555555555");
    assert_eq!(doc_hex("auth-signing-input"), hex(&input));
    let signature = sign(&sender(), domain::AUTH, &[&challenge, &exporter]);
    assert_eq!(signature.0, sender().sign(&input).to_bytes());
    assert_eq!(hex(&signature.0), "2165dc79916a2ba48126e3efaf2f9548d7e1c989af163987405e551a9eb133625637cf826c7bed1184684242f9be27a1c41dd8a326e7994dc2028ba14194a60e");
    assert_eq!(doc_hex("auth-signature"), hex(&signature.0));
    assert!(poc_keys::auth::verify(&public(&sender()), &challenge, &exporter, &signature).is_ok());
    assert!(
        poc_keys::auth::verify(&public(&sender()), &challenge, &[0x56; 32], &signature).is_err()
    );
}

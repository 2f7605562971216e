//! The test vectors of docs/PROTOCOL.md §11.13 (directory format v3: a body with two relays
//! and `k`, and its custodian signature), recomputed from fixed values and compared with the
//! hex printed in the document, which is read here; the document's bytes are then verified by
//! `poc_keys::verified::verify_any_directory`, so the document, the encoder and the verifier
//! cannot disagree without this test failing.

// Test code: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use ed25519_dalek::SigningKey;
use poc_keys::signing::{domain, sign, signing_input};
use poc_keys::verified::{verify_any_directory, DirectoryFormat};
use poc_proto::{
    encode, PublicKeyBytes, RelayDirectory, RelayEntry, SignedDirectory, DIRECTORY_V3_FORMAT,
};

const DOC: &str = include_str!("../../docs/PROTOCOL.md");

/// The bytes of the vector `name`: the first words of the lines of the fenced block after
/// `<!-- vector: NAME -->`, as hex.
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

/// Compares `computed` with the document; on a difference, prints the computed value 32 bytes
/// a line.
fn check(name: &str, computed: &[u8]) {
    if doc_vector(name) != computed {
        let lines: Vec<String> = computed
            .chunks(32)
            .map(|c| data_encoding::HEXLOWER.encode(c))
            .collect();
        panic!(
            "PROTOCOL.md vector {name} differs from the code ({} bytes computed):\n{}",
            computed.len(),
            lines.join("\n")
        );
    }
}

/// UNODA.custodian: ed25519 seed 0x33 × 32 (as in §11.11).
fn custodian() -> SigningKey {
    SigningKey::from_bytes(&[0x33; 32])
}

const T: u64 = 1_700_000_000;

fn directory() -> RelayDirectory {
    RelayDirectory {
        format: DIRECTORY_V3_FORMAT,
        serial: 2,
        issued_at: T,
        expires_at: T + 86_400,
        previous_digest: None,
        custodian_key: PublicKeyBytes(custodian().verifying_key().to_bytes()),
        custodian_rotations: vec![],
        teams: vec![],
        entries: vec![],
        revoked: vec![],
        relays: vec![
            RelayEntry {
                address: "relay-1.example:4433".into(),
                tls_pin: [0xaa; 32],
                operator: "UNODA".into(),
                region: "Europe".into(),
            },
            RelayEntry {
                address: "relay-2.example:4433".into(),
                tls_pin: [0xbb; 32],
                operator: "OSCE Secretariat".into(),
                region: String::new(),
            },
        ],
        k: 2,
    }
}

#[test]
fn relay_directory_body_and_signature_verify() {
    let dir = directory();
    let body = encode(&dir).unwrap();
    assert_eq!(body[..2], DIRECTORY_V3_FORMAT);
    check("relay-directory-body", &body);
    assert_eq!(
        signing_input(domain::DIRECTORY_V3, &[&body]),
        [&b"poc/directory/v3\0"[..], &body].concat()
    );
    check(
        "relay-directory-signature",
        &sign(&custodian(), domain::DIRECTORY_V3, &[&body]).0,
    );
    let signed = SignedDirectory {
        body: doc_vector("relay-directory-body"),
        signature: poc_proto::SignatureBytes(
            doc_vector("relay-directory-signature").try_into().unwrap(),
        ),
    };
    let verified = verify_any_directory(&dir.custodian_key, &signed).unwrap();
    assert_eq!(verified.format, DirectoryFormat::V3);
    assert_eq!(verified.relays, dir.relays);
    assert_eq!(verified.k, 2);
    // The same body signed under the v2 domain does not verify.
    let cross = SignedDirectory {
        signature: sign(&custodian(), domain::DIRECTORY_V2, &[&signed.body]),
        body: signed.body,
    };
    assert!(verify_any_directory(&dir.custodian_key, &cross).is_err());
}

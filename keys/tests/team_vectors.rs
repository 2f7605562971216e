//! The test vectors of docs/PROTOCOL.md §11.11 (directory format v2: a member statement, its
//! proof of possession and co-signature, a v2 directory body and its custodian signature),
//! recomputed from fixed seeds and compared with the hex printed in the document, which is
//! read here; the directory is then verified by `poc_keys::team::verify_team_directory`, so
//! the document, the signing inputs and the verifier cannot disagree without this test failing.

// Test code: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::str::FromStr;

use ed25519_dalek::SigningKey;
use poc_keys::signing::{domain, sign, signing_input};
use poc_keys::team::{member_statement, verify_team_directory};
use poc_proto::{
    encode, CoSignature, MemberRecord, PocId, PublicKeyBytes, SignedDirectory, Team, TeamBody,
    TeamDirectory, TeamMember, DIRECTORY_V2_FORMAT,
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

fn public(key: &SigningKey) -> PublicKeyBytes {
    PublicKeyBytes(key.verifying_key().to_bytes())
}

fn age_recipient(identity: &str) -> String {
    age::x25519::Identity::from_str(identity)
        .unwrap()
        .to_public()
        .to_string()
}

/// FRA.technical's first member, "on-call laptop 1": ed25519 seed 0x11 × 32, age 0x66 × 32.
fn laptop_1() -> SigningKey {
    SigningKey::from_bytes(&[0x11; 32])
}
const LAPTOP_1_AGE: &str =
    "AGE-SECRET-KEY-1VENXVENXVENXVENXVENXVENXVENXVENXVENXVENXVENXVENXVENQFXDPCP";
/// Its second member, "on-call laptop 2": ed25519 seed 0x22 × 32, age 0x77 × 32.
fn laptop_2() -> SigningKey {
    SigningKey::from_bytes(&[0x22; 32])
}
const LAPTOP_2_AGE: &str =
    "AGE-SECRET-KEY-1WAMHWAMHWAMHWAMHWAMHWAMHWAMHWAMHWAMHWAMHWAMHWAMHWAMSJNPVJ0";
/// UNODA.custodian: ed25519 seed 0x33 × 32.
fn custodian() -> SigningKey {
    SigningKey::from_bytes(&[0x33; 32])
}

const T: u64 = 1_700_000_000;

fn fra() -> PocId {
    "FRA.technical".parse().unwrap()
}

fn record(key: &SigningKey, age: &str, label: &str) -> MemberRecord {
    MemberRecord {
        label: label.into(),
        signing_key: public(key),
        encryption_key: age_recipient(age),
        added_at: T,
    }
}

fn member(key: &SigningKey, record: MemberRecord) -> TeamMember {
    let statement = member_statement(&fra(), &record).unwrap();
    TeamMember {
        proof: sign(key, domain::MEMBER, &[&statement]),
        record,
        cosignature: None,
    }
}

fn directory() -> TeamDirectory {
    let first = member(
        &laptop_1(),
        record(&laptop_1(), LAPTOP_1_AGE, "on-call laptop 1"),
    );
    let mut second = member(
        &laptop_2(),
        record(&laptop_2(), LAPTOP_2_AGE, "on-call laptop 2"),
    );
    let statement = member_statement(&fra(), &second.record).unwrap();
    second.cosignature = Some(CoSignature {
        signer: public(&laptop_1()),
        signature: sign(&laptop_1(), domain::MEMBER_COSIGN, &[&statement]),
    });
    TeamDirectory {
        format: DIRECTORY_V2_FORMAT,
        serial: 1,
        issued_at: T,
        expires_at: T + 86_400,
        previous_digest: None,
        custodian_key: public(&custodian()),
        custodian_rotations: vec![],
        teams: vec![Team {
            body: TeamBody {
                id: fra(),
                org_name: "CERT-FR".into(),
                webpage: None,
                emails: vec!["cert@example.org".into()],
                phones: vec![],
                languages: vec!["fr".into(), "en".into()],
                time_zone: None,
                created_at: T,
                updated_at: T,
            },
            members: vec![first, second],
        }],
        entries: vec![],
        revoked: vec![],
        relays: vec![],
    }
}

#[test]
fn member_statement_proof_and_cosignature() {
    let second = record(&laptop_2(), LAPTOP_2_AGE, "on-call laptop 2");
    let statement = member_statement(&fra(), &second).unwrap();
    // The statement is the entry id followed by the member record, each in its encoding.
    assert_eq!(
        statement,
        [encode(&fra()).unwrap(), encode(&second).unwrap()].concat()
    );
    check("member-statement", &statement);
    assert_eq!(
        signing_input(domain::MEMBER, &[&statement]),
        [&b"poc/member/v2\0"[..], &statement].concat()
    );
    check(
        "member-proof",
        &sign(&laptop_2(), domain::MEMBER, &[&statement]).0,
    );
    assert_eq!(
        signing_input(domain::MEMBER_COSIGN, &[&statement]),
        [&b"poc/member-cosign/v2\0"[..], &statement].concat()
    );
    check(
        "member-cosignature",
        &sign(&laptop_1(), domain::MEMBER_COSIGN, &[&statement]).0,
    );
}

#[test]
fn team_directory_body_and_signature_verify() {
    let dir = directory();
    let body = encode(&dir).unwrap();
    assert_eq!(body[..2], DIRECTORY_V2_FORMAT);
    check("team-directory-body", &body);
    let signature = sign(&custodian(), domain::DIRECTORY_V2, &[&body]);
    check("team-directory-signature", &signature.0);
    // The document's bytes verify as a v2 directory under the custodian key.
    let signed = SignedDirectory {
        body: doc_vector("team-directory-body"),
        signature: poc_proto::SignatureBytes(
            doc_vector("team-directory-signature").try_into().unwrap(),
        ),
    };
    let (decoded, teams) = verify_team_directory(&public(&custodian()), &signed).unwrap();
    assert_eq!(decoded, dir);
    let team = &teams[0];
    let second = team.member(&public(&laptop_2())).unwrap();
    assert_eq!(team.member_name(second), "FRA.technical (on-call laptop 2)");
    assert_eq!(second.cosigned_by, Some(public(&laptop_1())));
    // The same member moved to another entry no longer verifies.
    let mut moved = directory();
    moved.teams[0].body.id = "MEX.technical".parse().unwrap();
    let body = encode(&moved).unwrap();
    let signed = SignedDirectory {
        signature: sign(&custodian(), domain::DIRECTORY_V2, &[&body]),
        body,
    };
    assert!(verify_team_directory(&public(&custodian()), &signed).is_err());
}

//! The cryptographic decoders of `poc-keys` fed arbitrary and mutated inputs: sealed
//! payloads, encrypted and signed directories, access lists, entries, rotations, keystores
//! and TLS certificates. Each returns `Ok` or a typed `Err` and never panics, and tampering is
//! detected:
//!
//! - a sealed envelope whose payload changed never opens; a sealed plaintext that changed
//!   opens only to the original sender and body (the padding is not signed);
//! - a signed directory or access list with any byte of its body or signature changed never
//!   verifies; an encrypted directory that changed never opens to another directory;
//! - a changed entry or rotation never verifies as a different one;
//! - a keystore parses back to the key it was made from, and a changed keystore file never
//!   opens to another key (files here use scrypt work factor 2^2, never the real one).
//!
//! Case counts are small: every case runs X25519, ChaCha20-Poly1305 or ed25519.

use std::io::Write;
use std::sync::OnceLock;

use age::secrecy::{ExposeSecret, SecretString};
use poc_keys::directory::{
    open_directory, seal_directory, sign_access_list, sign_directory, sign_entry,
    verify_access_list, verify_directory, verify_entry,
};
use poc_keys::keystore::{from_plaintext, open_bytes};
use poc_keys::rotation::{sign_rotation, verify_rotation};
use poc_keys::seal::{decrypt_own, encrypt_to, seal, RoutingHeader};
use poc_keys::{open, KeystoreError, PocKey};
use poc_proto::limits::MAX_SEALED_BYTES;
use poc_proto::*;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;

struct Fixture {
    alice: PocKey,
    bob: PocKey,
    custodian: PocKey,
    envelope: Envelope,
    sealed_plaintext: Vec<u8>,
    entry: Entry,
    rotation: KeyRotation,
    signed_directory: SignedDirectory,
    encrypted_directory: Vec<u8>,
    access_list: SignedAccessList,
    keystore_file: Vec<u8>,
}

const PASSPHRASE: &str = "correct horse battery staple";

fn entry_for(key: &PocKey, id: &str) -> Entry {
    sign_entry(
        key,
        EntryBody {
            id: id.parse().expect("test value"),
            org_name: "CERT".into(),
            webpage: None,
            emails: vec!["cert@example.org".into()],
            phones: vec![],
            languages: vec!["en".into()],
            time_zone: Some("Europe/Paris".into()),
            signing_key: key.signing_public(),
            encryption_key: key.public().encryption.to_string(),
            created_at: 1,
            updated_at: 2,
        },
    )
    .expect("test value")
}

/// A keystore plaintext in the format `keystore::save` writes.
fn keystore_plaintext(seed: &[u8; 32], age_identity: &str) -> String {
    format!(
        "poc-keystore-v1\n{}\n{age_identity}\n",
        data_encoding::HEXLOWER.encode(seed)
    )
}

/// An age passphrase file with a tiny scrypt work factor (the real one takes 128 MiB).
fn cheap_scrypt_file(plaintext: &[u8]) -> Vec<u8> {
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(PASSPHRASE.to_owned()));
    recipient.set_work_factor(2);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .expect("test value");
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out).expect("test value");
    writer.write_all(plaintext).expect("test value");
    writer.finish().expect("test value");
    out
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let alice = PocKey::generate();
        let bob = PocKey::generate();
        let custodian = PocKey::generate();
        let header = RoutingHeader {
            id: EnvelopeId([1; 16]),
            to: bob.mailbox(),
            priority: Priority::High,
            expires_at: 1_900_000_000,
        };
        let envelope =
            seal(&alice, &bob.public().encryption, header, b"a message body").expect("test value");
        let sealed_plaintext =
            decrypt_own(&bob, &envelope.payload, MAX_SEALED_BYTES).expect("test value");
        let entry = entry_for(&alice, "FRA.technical");
        let rotation = sign_rotation(&alice, &bob.signing_public());
        let directory = Directory {
            serial: 3,
            issued_at: 10,
            expires_at: 4_000_000_000,
            previous_digest: Some([9; 32]),
            custodian_key: custodian.signing_public(),
            custodian_rotations: vec![],
            entries: vec![entry.clone(), entry_for(&bob, "MEX.diplomatic")],
            revoked: vec![],
            relays: vec![RelayInfo {
                address: "relay.example.org:4433".into(),
                tls_pin: [7; 32],
            }],
        };
        let signed_directory = sign_directory(&custodian, &directory).expect("test value");
        let encrypted_directory =
            seal_directory(&signed_directory, &[bob.public().encryption]).expect("test value");
        let access_list = sign_access_list(
            &custodian,
            &AccessList {
                serial: 3,
                issued_at: 10,
                custodian_key: custodian.signing_public(),
                custodian_rotations: vec![],
                sealed_directory_digest: [1; 32],
                members: vec![
                    Member {
                        signing_key: alice.signing_public(),
                        custodian: false,
                    },
                    Member {
                        signing_key: custodian.signing_public(),
                        custodian: true,
                    },
                ],
            },
        )
        .expect("test value");
        let identity = age::x25519::Identity::generate();
        let plain = keystore_plaintext(&[5; 32], identity.to_string().expose_secret());
        let keystore_file = cheap_scrypt_file(plain.as_bytes());
        Fixture {
            alice,
            bob,
            custodian,
            envelope,
            sealed_plaintext,
            entry,
            rotation,
            signed_directory,
            encrypted_directory,
            access_list,
            keystore_file,
        }
    })
}

fn flip(bytes: &mut [u8], at: Index, xor: u8) {
    let i = at.index(bytes.len());
    bytes[i] ^= xor;
}

#[test]
fn the_fixture_opens_and_verifies() {
    let f = fixture();
    let opened = open(&f.bob, &f.envelope).expect("test value");
    assert_eq!(opened.body, b"a message body");
    assert_eq!(opened.sender, f.alice.signing_public());
    let pinned = f.custodian.signing_public();
    verify_directory(&pinned, &f.signed_directory).expect("test value");
    assert_eq!(
        open_directory(&f.bob, &f.encrypted_directory).expect("test value"),
        f.signed_directory
    );
    verify_access_list(&pinned, &f.access_list).expect("test value");
    verify_entry(&f.entry).expect("test value");
    verify_rotation(&f.rotation).expect("test value");
    let key = open_bytes(&f.keystore_file, &SecretString::from(PASSPHRASE.to_owned()))
        .expect("test value");
    assert_eq!(
        key.signing_public().0,
        ed25519_dalek::SigningKey::from_bytes(&[5; 32])
            .verifying_key()
            .to_bytes()
    );
    assert!(matches!(
        open_bytes(&f.keystore_file, &SecretString::from("wrong".to_owned())),
        Err(KeystoreError::WrongPassphrase)
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_changed_payload_never_opens(
        at in any::<Index>(),
        xor in 1u8..,
        cut in any::<Index>(),
        truncate in any::<bool>(),
    ) {
        let f = fixture();
        let mut envelope = f.envelope.clone();
        if truncate {
            let len = cut.index(envelope.payload.len());
            envelope.payload.truncate(len);
        } else {
            flip(&mut envelope.payload, at, xor);
        }
        prop_assert!(open(&f.bob, &envelope).is_err());
    }

    #[test]
    fn arbitrary_payloads_never_open(payload in vec(any::<u8>(), 0..512), age_header in any::<bool>()) {
        let f = fixture();
        let mut envelope = f.envelope.clone();
        envelope.payload = if age_header {
            // Starts like an age file so the header parser, not just the magic check, runs.
            let mut p = b"age-encryption.org/v1\n-> X25519 ".to_vec();
            p.extend_from_slice(&payload);
            p
        } else {
            payload
        };
        prop_assert!(open(&f.bob, &envelope).is_err());
        prop_assert!(decrypt_own(&f.bob, &envelope.payload, MAX_SEALED_BYTES).is_err());
    }

    #[test]
    fn a_changed_sealed_plaintext_opens_only_to_the_original(
        at in any::<Index>(),
        xor in 1u8..,
        arbitrary in proptest::option::of(vec(any::<u8>(), 0..256)),
    ) {
        let f = fixture();
        let plaintext = match arbitrary {
            Some(bytes) => bytes,
            None => {
                let mut p = f.sealed_plaintext.clone();
                flip(&mut p, at, xor);
                p
            }
        };
        let mut envelope = f.envelope.clone();
        envelope.payload = encrypt_to(&f.bob.public().encryption, &plaintext).expect("test value");
        if let Ok(opened) = open(&f.bob, &envelope) {
            // Only the padding is outside the signature.
            prop_assert_eq!(opened.sender, f.alice.signing_public());
            prop_assert_eq!(opened.body, b"a message body".to_vec());
        }
    }

    #[test]
    fn a_changed_signed_directory_never_verifies(
        at in any::<Index>(),
        xor in 1u8..,
        in_signature in any::<bool>(),
    ) {
        let f = fixture();
        let mut signed = f.signed_directory.clone();
        if in_signature {
            flip(&mut signed.signature.0, at, xor);
        } else {
            flip(&mut signed.body, at, xor);
        }
        prop_assert!(verify_directory(&f.custodian.signing_public(), &signed).is_err());
        // Nor under any other pinned key.
        prop_assert!(verify_directory(&f.alice.signing_public(), &signed).is_err());
    }

    #[test]
    fn a_changed_access_list_never_verifies(
        at in any::<Index>(),
        xor in 1u8..,
        in_signature in any::<bool>(),
    ) {
        let f = fixture();
        let mut signed = f.access_list.clone();
        if in_signature {
            flip(&mut signed.signature.0, at, xor);
        } else {
            flip(&mut signed.body, at, xor);
        }
        prop_assert!(verify_access_list(&f.custodian.signing_public(), &signed).is_err());
    }

    #[test]
    fn arbitrary_directory_bodies_never_verify(body in vec(any::<u8>(), 0..512)) {
        let f = fixture();
        let signed = SignedDirectory { body: body.clone(), signature: f.signed_directory.signature };
        prop_assert!(verify_directory(&f.custodian.signing_public(), &signed).is_err());
        let list = SignedAccessList { body, signature: f.access_list.signature };
        prop_assert!(verify_access_list(&f.custodian.signing_public(), &list).is_err());
    }

    #[test]
    fn a_changed_encrypted_directory_never_opens_to_another(
        at in any::<Index>(),
        xor in 1u8..,
        arbitrary in proptest::option::of(vec(any::<u8>(), 0..512)),
    ) {
        let f = fixture();
        let sealed = match arbitrary {
            Some(bytes) => bytes,
            None => {
                let mut s = f.encrypted_directory.clone();
                flip(&mut s, at, xor);
                s
            }
        };
        if let Ok(signed) = open_directory(&f.bob, &sealed) {
            prop_assert_eq!(signed, f.signed_directory.clone());
        }
    }

    #[test]
    fn a_changed_entry_or_rotation_never_verifies_as_another(at in any::<Index>(), xor in 1u8..) {
        let f = fixture();
        let mut bytes = encode(&f.entry).expect("test value");
        flip(&mut bytes, at, xor);
        if let Ok(entry) = decode::<Entry>(&bytes) {
            if verify_entry(&entry).is_ok() {
                prop_assert_eq!(entry, f.entry.clone());
            }
        }
        let mut bytes = encode(&f.rotation).expect("test value");
        flip(&mut bytes, at, xor);
        if let Ok(rotation) = decode::<KeyRotation>(&bytes) {
            if verify_rotation(&rotation).is_ok() {
                prop_assert_eq!(rotation, f.rotation.clone());
            }
        }
    }

    #[test]
    fn keystore_plaintexts_parse_to_their_key(seed in any::<[u8; 32]>()) {
        let identity = age::x25519::Identity::generate();
        let plain = keystore_plaintext(&seed, identity.to_string().expose_secret());
        let key = from_plaintext(plain.as_bytes()).expect("test value");
        prop_assert_eq!(
            key.signing_public().0,
            ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key().to_bytes()
        );
        prop_assert_eq!(key.public().encryption.to_string(), identity.to_public().to_string());
    }

    #[test]
    fn arbitrary_keystore_plaintexts_are_typed_errors(
        text in prop_oneof![
            vec(any::<u8>(), 0..200),
            "poc-keystore-v1\n[0-9a-fA-F]{0,70}\n(AGE-SECRET-KEY-1)?[0-9A-Z]{0,70}\n?"
                .prop_map(String::into_bytes),
        ]
    ) {
        if let Err(e) = from_plaintext(&text) {
            prop_assert!(matches!(e, KeystoreError::Corrupt(_)));
        }
    }

    #[test]
    fn a_changed_keystore_file_never_opens_to_another_key(
        at in any::<Index>(),
        xor in 1u8..,
        arbitrary in proptest::option::of(vec(any::<u8>(), 0..256)),
    ) {
        let f = fixture();
        let file = match arbitrary {
            Some(bytes) => bytes,
            None => {
                let mut file = f.keystore_file.clone();
                flip(&mut file, at, xor);
                file
            }
        };
        let passphrase = SecretString::from(PASSPHRASE.to_owned());
        if let Ok(key) = open_bytes(&file, &passphrase) {
            let original = open_bytes(&f.keystore_file, &passphrase).expect("test value");
            prop_assert_eq!(key.signing_public(), original.signing_public());
        }
    }

    #[test]
    fn arbitrary_certificates_are_errors(der in vec(any::<u8>(), 0..512)) {
        // A DER SEQUENCE header first, so the X.509 parser gets past the outer tag.
        let mut with_sequence = vec![0x30, 0x82, 0x01, 0x00];
        with_sequence.extend_from_slice(&der);
        prop_assert!(poc_keys::tls_pin::spki_pin(&with_sequence).is_err());
        prop_assert!(poc_keys::tls_pin::spki_pin(&der).is_err());
    }
}

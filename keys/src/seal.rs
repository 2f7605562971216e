//! Sign-then-encrypt for envelopes.
//!
//! The sender signs `"poc/msg/v1" | 0 | id | to | priority | expires_at | body`, wraps key,
//! signature and body in a [`Sealed`] padded to a power-of-two bucket (1 KiB to 1 MiB), and
//! encrypts that to the recipient's age X25519 key. The routing fields inside the signature
//! mean the relay cannot re-address, reprioritise or extend an envelope unnoticed, and a
//! recipient cannot pass an envelope off to a third party as if it had been addressed to them.

use std::io::Read;

use poc_proto::limits::{MAX_BODY_BYTES, MAX_PAYLOAD_BYTES, MAX_SEALED_BYTES, MIN_SEALED_BYTES};
use poc_proto::{
    decode, encode, Envelope, EnvelopeId, MailboxId, Priority, PublicKeyBytes, Sealed,
    SignatureBytes, ENVELOPE_VERSION,
};

use crate::identity::PocKey;
use crate::signing::{self, domain, SignatureError};

/// The outer fields of an envelope, all covered by the sender's signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoutingHeader {
    /// Random envelope id.
    pub id: EnvelopeId,
    /// Recipient mailbox.
    pub to: MailboxId,
    /// Priority.
    pub priority: Priority,
    /// Unix seconds after which the envelope expires.
    pub expires_at: u64,
}

impl RoutingHeader {
    /// The routing fields of an envelope.
    pub fn of(envelope: &Envelope) -> Self {
        RoutingHeader {
            id: envelope.id,
            to: envelope.to,
            priority: envelope.priority,
            expires_at: envelope.expires_at,
        }
    }
}

/// Why sealing failed.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    /// The body is larger than an envelope can carry.
    #[error("message too large: {len} bytes, limit {limit}")]
    TooLarge {
        /// Body length.
        len: usize,
        /// [`MAX_BODY_BYTES`].
        limit: usize,
    },
    /// age refused to encrypt (never expected for X25519 recipients).
    #[error("encryption failed: {0}")]
    Encrypt(String),
}

/// Why an envelope could not be opened. Every variant means: do not trust this envelope.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Unknown envelope version.
    #[error("unsupported envelope version {0}")]
    UnsupportedVersion(u8),
    /// The envelope is addressed to another mailbox.
    #[error("the envelope is addressed to another mailbox")]
    NotForMe,
    /// The payload does not decrypt with this identity (altered, truncated, or not for us).
    #[error("decryption failed: the envelope was altered or not encrypted to this identity")]
    Decrypt,
    /// The decrypted payload is not a sealed message.
    #[error("decryption failed: the decrypted payload is malformed")]
    Malformed,
    /// The signature does not match the sender key, routing fields and body.
    #[error("signature verification failed: the envelope was altered or forged ({0})")]
    BadSignature(SignatureError),
}

/// A decrypted envelope whose signature verified. The caller still has to check that
/// `sender` belongs to the PoC the message claims to come from.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The key that signed the message.
    pub sender: PublicKeyBytes,
    /// The signature (kept as evidence, e.g. for receipts).
    pub signature: SignatureBytes,
    /// Encoded message.
    pub body: Vec<u8>,
}

/// Padding bucket for a sealed plaintext of `len` bytes: the next power of two from 1 KiB.
pub fn bucket(len: usize) -> usize {
    len.max(MIN_SEALED_BYTES).next_power_of_two()
}

/// Bytes bincode uses for a length `n` (standard config, varint).
fn varint_len(n: usize) -> usize {
    match n {
        0..=250 => 1,
        251..=0xffff => 3,
        0x1_0000..=0xffff_ffff => 5,
        _ => 9,
    }
}

/// Number of padding bytes that makes the encoded `Sealed` exactly `target` bytes long,
/// given its encoded length `base` with empty padding.
fn padding_for(base: usize, target: usize) -> Option<usize> {
    let room = (target + 1).checked_sub(base)?; // = len(padding) + varint_len(len(padding))
    [1, 3, 5, 9]
        .into_iter()
        .filter_map(|prefix| room.checked_sub(prefix))
        .find(|&pad| varint_len(pad) + pad == room)
}

fn message_input_parts<'a>(
    header: &'a RoutingHeader,
    rank: &'a [u8; 1],
    expires: &'a [u8; 8],
    body: &'a [u8],
) -> [&'a [u8]; 5] {
    [&header.id.0, &header.to.0, rank, expires, body]
}

/// The exact bytes a message signature covers:
/// `"poc/msg/v1" | 0x00 | id (16) | to (32) | priority rank (1) | expires_at (u64 BE) | body`.
/// [`seal`] signs them and [`verify_message`] checks them; this is for showing them to a third
/// party (evidence exports).
pub fn message_signing_input(header: &RoutingHeader, body: &[u8]) -> Vec<u8> {
    let rank = [header.priority.rank()];
    let expires = header.expires_at.to_be_bytes();
    signing::signing_input(
        domain::MESSAGE,
        &message_input_parts(header, &rank, &expires, body),
    )
}

/// Checks a message signature: `sender` signed these routing fields and this body.
pub fn verify_message(
    header: &RoutingHeader,
    sender: &PublicKeyBytes,
    body: &[u8],
    signature: &SignatureBytes,
) -> Result<(), SignatureError> {
    let rank = [header.priority.rank()];
    let expires = header.expires_at.to_be_bytes();
    signing::verify(
        sender,
        domain::MESSAGE,
        &message_input_parts(header, &rank, &expires, body),
        signature,
    )
    .map(|_| ())
}

/// Signs `body` with the sender's key and encrypts it to `recipient`.
pub fn seal(
    sender: &PocKey,
    recipient: &age::x25519::Recipient,
    header: RoutingHeader,
    body: &[u8],
) -> Result<Envelope, SealError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(SealError::TooLarge {
            len: body.len(),
            limit: MAX_BODY_BYTES,
        });
    }
    let rank = [header.priority.rank()];
    let expires = header.expires_at.to_be_bytes();
    let signature = sender.sign(
        domain::MESSAGE,
        &message_input_parts(&header, &rank, &expires, body),
    );
    let mut sealed = Sealed {
        sender: sender.signing_public(),
        signature,
        body: body.to_vec(),
        padding: Vec::new(),
    };
    let encode_err = |e: poc_proto::codec::EncodeError| SealError::Encrypt(e.to_string());
    let base = encode(&sealed).map_err(encode_err)?.len();
    let mut target = bucket(base);
    let pad = loop {
        if let Some(pad) = padding_for(base, target) {
            break pad;
        }
        target *= 2;
    };
    if target > MAX_SEALED_BYTES {
        return Err(SealError::TooLarge {
            len: body.len(),
            limit: MAX_BODY_BYTES,
        });
    }
    sealed.padding = vec![0; pad];
    let plaintext = encode(&sealed).map_err(encode_err)?;
    debug_assert_eq!(plaintext.len(), target);
    let payload =
        age::encrypt(recipient, &plaintext).map_err(|e| SealError::Encrypt(e.to_string()))?;
    Ok(Envelope {
        version: ENVELOPE_VERSION,
        id: header.id,
        to: header.to,
        priority: header.priority,
        expires_at: header.expires_at,
        payload,
    })
}

/// Decrypts an envelope addressed to `me` and verifies its signature.
pub fn open(me: &PocKey, envelope: &Envelope) -> Result<Opened, OpenError> {
    if envelope.version != ENVELOPE_VERSION {
        return Err(OpenError::UnsupportedVersion(envelope.version));
    }
    if envelope.to != me.mailbox() {
        return Err(OpenError::NotForMe);
    }
    if envelope.payload.len() > MAX_PAYLOAD_BYTES {
        return Err(OpenError::Malformed);
    }
    let plaintext = decrypt_own(me, &envelope.payload, MAX_SEALED_BYTES)?;
    let sealed: Sealed = decode(&plaintext).map_err(|_| OpenError::Malformed)?;
    verify_message(
        &RoutingHeader::of(envelope),
        &sealed.sender,
        &sealed.body,
        &sealed.signature,
    )
    .map_err(OpenError::BadSignature)?;
    Ok(Opened {
        sender: sealed.sender,
        signature: sealed.signature,
        body: sealed.body,
    })
}

/// Encrypts `plaintext` to an age X25519 recipient (a standard age file: forwarding to an
/// authority outside the directory, or a PoC's own copy of what it sent).
pub fn encrypt_to(
    recipient: &age::x25519::Recipient,
    plaintext: &[u8],
) -> Result<Vec<u8>, SealError> {
    age::encrypt(recipient, plaintext).map_err(|e| SealError::Encrypt(e.to_string()))
}

/// Decrypts an age file encrypted to `me` (e.g. its own copy of a sent message).
pub fn decrypt_own(me: &PocKey, ciphertext: &[u8], limit: usize) -> Result<Vec<u8>, OpenError> {
    let decryptor = age::Decryptor::new_buffered(ciphertext).map_err(|_| OpenError::Decrypt)?;
    let mut reader = decryptor
        .decrypt(std::iter::once(me.age_identity() as &dyn age::Identity))
        .map_err(|_| OpenError::Decrypt)?;
    let mut plaintext = Vec::new();
    reader
        .by_ref()
        .take(limit as u64 + 1)
        .read_to_end(&mut plaintext)
        .map_err(|_| OpenError::Decrypt)?;
    if plaintext.len() > limit {
        return Err(OpenError::Malformed);
    }
    Ok(plaintext)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn header(to: MailboxId) -> RoutingHeader {
        RoutingHeader {
            id: EnvelopeId([9; 16]),
            to,
            priority: Priority::High,
            expires_at: 1_900_000_000,
        }
    }

    fn sealed_len(me: &PocKey, envelope: &Envelope) -> usize {
        let plaintext = age::decrypt(me.age_identity(), &envelope.payload).unwrap();
        plaintext.len()
    }

    #[test]
    fn the_signing_input_is_what_the_sender_signed_and_nothing_else() {
        let alice = PocKey::generate();
        let bob = PocKey::generate();
        let header = header(bob.mailbox());
        let body = b"the message";
        let env = seal(&alice, &bob.public().encryption, header, body).unwrap();
        let opened = open(&bob, &env).unwrap();
        let input = message_signing_input(&header, body);
        let mut expected = b"poc/msg/v1\0".to_vec();
        expected.extend_from_slice(&[9; 16]);
        expected.extend_from_slice(&bob.mailbox().0);
        expected.push(Priority::High.rank());
        expected.extend_from_slice(&1_900_000_000u64.to_be_bytes());
        expected.extend_from_slice(body);
        assert_eq!(input, expected, "the documented layout");
        let key = signing::verifying_key(&opened.sender).unwrap();
        let signature = ed25519_dalek::Signature::from_bytes(&opened.signature.0);
        key.verify_strict(&input, &signature).unwrap();
        let other = RoutingHeader {
            expires_at: header.expires_at + 1,
            ..header
        };
        assert!(key
            .verify_strict(&message_signing_input(&other, body), &signature)
            .is_err());
    }

    #[test]
    fn seal_open_round_trip_and_bucket_sizes() {
        let alice = PocKey::generate();
        let bob = PocKey::generate();
        for len in [0usize, 1, 500, 1000, 1024, 3000, 70_000] {
            let body = vec![b'x'; len];
            let env = seal(
                &alice,
                &bob.public().encryption,
                header(bob.mailbox()),
                &body,
            )
            .unwrap();
            let opened = open(&bob, &env).unwrap();
            assert_eq!(opened.body, body);
            assert_eq!(opened.sender, alice.signing_public());
            let plain = sealed_len(&bob, &env);
            assert!(
                plain.is_power_of_two() && plain >= MIN_SEALED_BYTES,
                "{len} -> {plain}"
            );
        }
    }

    #[test]
    fn lengths_within_a_bucket_are_indistinguishable() {
        let alice = PocKey::generate();
        let bob = PocKey::generate();
        let sizes: Vec<usize> = [10usize, 200, 700]
            .iter()
            .map(|&n| {
                sealed_len(
                    &bob,
                    &seal(
                        &alice,
                        &bob.public().encryption,
                        header(bob.mailbox()),
                        &vec![1; n],
                    )
                    .unwrap(),
                )
            })
            .collect();
        assert_eq!(sizes, vec![1024, 1024, 1024]);
    }

    #[test]
    fn changed_routing_fields_break_the_signature() {
        let alice = PocKey::generate();
        let bob = PocKey::generate();
        let env = seal(
            &alice,
            &bob.public().encryption,
            header(bob.mailbox()),
            b"hello",
        )
        .unwrap();
        let mut lowered = env.clone();
        lowered.priority = Priority::Low;
        assert!(matches!(
            open(&bob, &lowered),
            Err(OpenError::BadSignature(_))
        ));
        let mut extended = env.clone();
        extended.expires_at += 1;
        assert!(matches!(
            open(&bob, &extended),
            Err(OpenError::BadSignature(_))
        ));
        let mut renamed = env.clone();
        renamed.id = EnvelopeId([1; 16]);
        assert!(matches!(
            open(&bob, &renamed),
            Err(OpenError::BadSignature(_))
        ));
        let mut readdressed = env;
        readdressed.to = alice.mailbox();
        assert!(matches!(open(&bob, &readdressed), Err(OpenError::NotForMe)));
    }

    #[test]
    fn a_flipped_payload_byte_fails_to_open() {
        let alice = PocKey::generate();
        let bob = PocKey::generate();
        let env = seal(
            &alice,
            &bob.public().encryption,
            header(bob.mailbox()),
            b"hello",
        )
        .unwrap();
        for i in [0, env.payload.len() / 2, env.payload.len() - 1] {
            let mut bad = env.clone();
            bad.payload[i] ^= 0x01;
            assert!(open(&bob, &bad).is_err(), "flip at {i} went unnoticed");
        }
    }

    #[test]
    fn oversized_bodies_are_refused() {
        let alice = PocKey::generate();
        let body = vec![0; MAX_BODY_BYTES + 1];
        assert!(matches!(
            seal(
                &alice,
                &alice.public().encryption,
                header(alice.mailbox()),
                &body
            ),
            Err(SealError::TooLarge { .. })
        ));
    }

    proptest! {
        #[test]
        fn padding_hits_the_target_whenever_possible(base in 10usize..300_000) {
            let target = bucket(base);
            if let Some(pad) = padding_for(base, target) {
                prop_assert_eq!(base - 1 + varint_len(pad) + pad, target);
            } else {
                let pad = padding_for(base, target * 2).unwrap();
                prop_assert_eq!(base - 1 + varint_len(pad) + pad, target * 2);
            }
        }
    }
}

//! Decoders fed mutated valid encodings (which get past the first bytes and reach deeper
//! than uniformly random input) and arbitrary frames. `roundtrip.rs` covers random values and
//! uniformly random bytes; this file covers what the fuzz targets in `fuzz/` check, cheaply
//! enough for every `cargo test`:
//!
//! - decoding any input returns `Ok` or a typed `Err`, never panics;
//! - a valid encoding decodes and re-encodes to exactly the same bytes;
//! - any value decoded from mutated bytes re-encodes to exactly those bytes (`decode` accepts
//!   only the one encoding of a value: see `non_minimal_integers_are_refused`), and that
//!   re-encoding decodes to the same value;
//! - `unframe` accepts exactly `frame(body)` for bodies within the limit.

use std::fmt::Debug;

use poc_proto::limits::{MAX_FRAME_BYTES, MAX_PREAUTH_FRAME_BYTES};
use poc_proto::*;
use proptest::collection::vec;
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

fn id(text: &str) -> PocId {
    text.parse().expect("valid id")
}

fn entry(n: u8) -> Entry {
    Entry {
        body: EntryBody {
            id: id("FRA.technical"),
            org_name: "CERT-FR".into(),
            webpage: Some("https://cert.example".into()),
            emails: vec!["cert@example.org".into(), "ops@example.org".into()],
            phones: vec!["+33 1 00 00 00 00".into()],
            languages: vec!["fr".into(), "en".into()],
            time_zone: Some("Europe/Paris".into()),
            signing_key: PublicKeyBytes([n; 32]),
            encryption_key: "age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq".into(),
            created_at: 1_700_000_000,
            updated_at: 1_800_000_000 + u64::from(n) * 70_000,
        },
        self_signature: SignatureBytes([n ^ 0x5a; 64]),
    }
}

fn rotation() -> KeyRotation {
    KeyRotation {
        old_key: PublicKeyBytes([1; 32]),
        new_key: PublicKeyBytes([2; 32]),
        signature: SignatureBytes([3; 64]),
    }
}

fn directory() -> Directory {
    Directory {
        serial: 300,
        issued_at: 1_700_000_000,
        expires_at: 1_900_000_000,
        previous_digest: Some([4; 32]),
        custodian_key: PublicKeyBytes([2; 32]),
        custodian_rotations: vec![rotation()],
        entries: vec![entry(1), entry(2)],
        revoked: vec![Revocation {
            fingerprint: Fingerprint([5; 20]),
            id: id("MEX.diplomatic.2"),
            reason: "lost laptop".into(),
            revoked_at: 1_750_000_000,
        }],
        relays: vec![RelayInfo {
            address: "relay.example.org:4433".into(),
            tls_pin: [6; 32],
        }],
    }
}

fn published() -> PublishedDirectory {
    let list = AccessList {
        serial: 300,
        issued_at: 1_700_000_000,
        custodian_key: PublicKeyBytes([2; 32]),
        custodian_rotations: vec![rotation()],
        sealed_directory_digest: [7; 32],
        members: vec![
            Member {
                signing_key: PublicKeyBytes([1; 32]),
                custodian: false,
            },
            Member {
                signing_key: PublicKeyBytes([2; 32]),
                custodian: true,
            },
        ],
    };
    PublishedDirectory {
        access_list: SignedAccessList {
            body: encode(&list).expect("encodes"),
            signature: SignatureBytes([8; 64]),
        },
        sealed_directory: b"age-encryption.org/v1\n-> X25519 stand-in\n".to_vec(),
    }
}

fn envelope(n: u8) -> Envelope {
    Envelope {
        version: ENVELOPE_VERSION,
        id: EnvelopeId([n; 16]),
        to: MailboxId([9; 32]),
        priority: Priority::Medium,
        expires_at: 1_900_000_000,
        payload: vec![n; 300],
    }
}

fn messages() -> Vec<Message> {
    let kinds = vec![
        MessageKind::IncidentNotification(Box::new(IncidentNotification {
            reference: Some("REF-1".into()),
            summary: Some("Ransomware".into()),
            indicators: vec!["198.51.100.7".into()],
            ..Default::default()
        })),
        MessageKind::Text(TextMessage {
            subject: None,
            text: "Bonjour\nligne deux".into(),
        }),
        MessageKind::Receipt(Receipt {
            envelope: EnvelopeId([1; 16]),
            received_at: 1_800_000_000,
        }),
        MessageKind::EntryUpdate(Box::new(EntryUpdate {
            entry: entry(3),
            rotation: Some(rotation()),
        })),
        MessageKind::DirectoryNotice(DirectoryNotice {
            serial: 301,
            digest: [1; 32],
        }),
        MessageKind::AssistanceRequest(Box::new(AssistanceRequest {
            nature: Some(Nature::Coordination),
            details: Some("Help".into()),
            ..Default::default()
        })),
        MessageKind::Response(StatusResponse {
            status: ResponseStatus::Declined,
            text: None,
        }),
        MessageKind::Ping(Ping {
            campaign: [1; 16],
            nonce: [2; 32],
            deadline: 1_800_003_600,
            note: None,
        }),
        MessageKind::PingAck(PingAck {
            campaign: [1; 16],
            nonce: [2; 32],
            ping_envelope: EnvelopeId([3; 16]),
            received_at: 1_800_000_100,
            automatic: true,
        }),
    ];
    kinds
        .into_iter()
        .map(|kind| Message {
            from: id("MEX.diplomatic"),
            to: id("FRA.technical"),
            sent_at: 1_800_000_000,
            thread: Some(EnvelopeId([4; 16])),
            language: "es".into(),
            tlp: Tlp::AmberStrict,
            exercise: false,
            kind,
            attachments: vec![Attachment {
                name: "a.txt".into(),
                media_type: "text/plain".into(),
                data: vec![1, 2, 3],
            }],
        })
        .collect()
}

fn requests() -> Vec<Request> {
    vec![
        Request::Hello { version: 1 },
        Request::Auth {
            signing_key: PublicKeyBytes([1; 32]),
            signature: SignatureBytes([2; 64]),
        },
        Request::Submit {
            envelopes: vec![envelope(1), envelope(2)],
        },
        Request::Fetch {
            after: Some(FetchCursor {
                rank: 2,
                seq: 70_000,
            }),
            limit: 256,
        },
        Request::Delete {
            ids: vec![EnvelopeId([1; 16])],
        },
        Request::GetDirectory { have_serial: 299 },
        Request::PublishDirectory(published()),
        Request::Subscribe,
        Request::Stats,
    ]
}

fn responses() -> Vec<Response> {
    vec![
        Response::Challenge {
            version: 1,
            nonce: [1; 32],
        },
        Response::Authenticated {
            mailbox: MailboxId([2; 32]),
            custodian: true,
        },
        Response::Submitted {
            stored: 1,
            duplicates: 300,
        },
        Response::Envelopes {
            envelopes: vec![envelope(3)],
            next: None,
            refused_while_full: 2,
            submitters: vec![Some(PublicKeyBytes([7; 32]))],
        },
        Response::Deleted { count: 1 },
        Response::Directory(Some(published())),
        Response::Published { serial: 300 },
        Response::Error(RelayError {
            code: ErrorCode::QuotaExceeded,
            detail: "full".into(),
        }),
        Response::Subscribed,
        Response::Stats(RelayStats {
            waiting: 1,
            members: 2,
            directory_serial: 300,
            months: vec![MonthCount {
                month: "2026-11".into(),
                high: 1,
                medium: 0,
                low: 70_000,
            }],
        }),
    ]
}

/// A decoder under test: its name and a function that decodes bytes, checks the
/// re-encoding property and returns whether the bytes decoded.
type Check = fn(&[u8]) -> Result<bool, TestCaseError>;

fn checked<T>(bytes: &[u8]) -> Result<bool, TestCaseError>
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let Ok(value) = decode::<T>(bytes) else {
        return Ok(false);
    };
    let again = encode(&value).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&again[..], bytes);
    prop_assert_eq!(decode::<T>(&again).ok(), Some(value));
    Ok(true)
}

/// Every decoder with valid encodings of its type.
fn samples() -> Vec<(&'static str, Check, Vec<Vec<u8>>)> {
    fn enc<T: Serialize>(values: impl IntoIterator<Item = T>) -> Vec<Vec<u8>> {
        values
            .into_iter()
            .map(|v| encode(&v).expect("encodes"))
            .collect()
    }
    let dir = directory();
    let signed = SignedDirectory {
        body: encode(&dir).expect("encodes"),
        signature: SignatureBytes([1; 64]),
    };
    let update = match &messages()[3].kind {
        MessageKind::EntryUpdate(u) => u.as_ref().clone(),
        _ => unreachable!(),
    };
    vec![
        ("Request", checked::<Request> as Check, enc(requests())),
        ("Response", checked::<Response>, enc(responses())),
        (
            "Envelope",
            checked::<Envelope>,
            enc([envelope(1), envelope(251)]),
        ),
        (
            "Notify",
            checked::<Notify>,
            enc([Notify {
                id: EnvelopeId([1; 16]),
                priority: Priority::Low,
            }]),
        ),
        (
            "PublishedDirectory",
            checked::<PublishedDirectory>,
            enc([published()]),
        ),
        ("Message", checked::<Message>, enc(messages())),
        (
            "Sealed",
            checked::<Sealed>,
            enc([Sealed {
                sender: PublicKeyBytes([1; 32]),
                signature: SignatureBytes([2; 64]),
                body: encode(&messages()[0]).expect("encodes"),
                padding: vec![0; 300],
            }]),
        ),
        ("Directory", checked::<Directory>, enc([dir])),
        ("SignedDirectory", checked::<SignedDirectory>, enc([signed])),
        (
            "EnrolmentRequest",
            checked::<EnrolmentRequest>,
            enc([EnrolmentRequest { entry: entry(1) }]),
        ),
        ("EntryUpdate", checked::<EntryUpdate>, enc([update])),
    ]
}

/// One edit of a byte string.
#[derive(Debug, Clone)]
enum Mutation {
    Xor(prop::sample::Index, u8),
    Set(prop::sample::Index, u8),
    Insert(prop::sample::Index, u8),
    Remove(prop::sample::Index),
    Truncate(prop::sample::Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<prop::sample::Index>(), 1u8..).prop_map(|(i, b)| Mutation::Xor(i, b)),
        (
            any::<prop::sample::Index>(),
            prop_oneof![
                Just(0u8),
                Just(1),
                Just(250),
                Just(251),
                Just(252),
                Just(253),
                Just(255),
                any::<u8>()
            ]
        )
            .prop_map(|(i, b)| Mutation::Set(i, b)),
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<prop::sample::Index>().prop_map(Mutation::Remove),
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    match m {
        Mutation::Xor(i, b) => {
            let i = i.index(bytes.len());
            bytes[i] ^= b;
        }
        Mutation::Set(i, b) => {
            let i = i.index(bytes.len());
            bytes[i] = *b;
        }
        Mutation::Insert(i, b) => {
            let i = i.index(bytes.len() + 1);
            bytes.insert(i, *b);
        }
        Mutation::Remove(i) => {
            bytes.remove(i.index(bytes.len()));
        }
        Mutation::Truncate(i) => bytes.truncate(i.index(bytes.len())),
    }
}

#[test]
fn valid_encodings_decode_and_re_encode_to_the_same_bytes() {
    for (name, check, encodings) in samples() {
        for bytes in encodings {
            assert!(
                check(&bytes).expect("property holds"),
                "{name} does not decode"
            );
        }
    }
    // Byte-for-byte: decode then encode gives back the input for each valid encoding.
    for bytes in samples()
        .into_iter()
        .find(|s| s.0 == "Message")
        .expect("messages")
        .2
    {
        let message: Message = decode(&bytes).expect("decodes");
        assert_eq!(encode(&message).expect("encodes"), bytes);
    }
}

#[test]
fn non_minimal_integers_are_refused() {
    // 251 announces a u16: the value 5 written in three bytes instead of one. bincode would
    // accept it; the codec refuses every encoding but the shortest, so that signatures over
    // bytes and comparisons of bytes cannot be told apart from comparisons of values.
    let minimal = encode(&Request::Hello { version: 5 }).expect("encodes");
    assert_eq!(minimal, vec![0, 5]);
    assert_eq!(
        decode::<Request>(&minimal).expect("decodes"),
        Request::Hello { version: 5 }
    );
    for long in [
        vec![0, 251, 5, 0],         // the field in the u16 form
        vec![251, 0, 0, 5],         // the variant index in the u16 form
        vec![252, 0, 0, 0, 0, 5],   // the variant index in the u32 form
        vec![251, 0, 0, 251, 5, 0], // both
    ] {
        assert!(
            matches!(decode::<Request>(&long), Err(DecodeError::NotCanonical)),
            "{long:02x?} was not refused as non-canonical"
        );
    }
    // A length in a longer form: an envelope whose payload length 4 is written `fb 04 00`.
    let envelope = Envelope {
        version: ENVELOPE_VERSION,
        id: EnvelopeId([0x22; 16]),
        to: MailboxId([0x33; 32]),
        priority: Priority::High,
        expires_at: 1_900_000_000,
        payload: vec![0xaa; 4],
    };
    let bytes = encode(&envelope).expect("encodes");
    let at = bytes.len() - 5;
    assert_eq!(bytes[at], 4);
    let mut long = bytes[..at].to_vec();
    long.extend_from_slice(&[251, 4, 0, 0xaa, 0xaa, 0xaa, 0xaa]);
    assert_eq!(decode::<Envelope>(&bytes).expect("decodes"), envelope);
    assert!(matches!(
        decode::<Envelope>(&long),
        Err(DecodeError::NotCanonical)
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn mutated_encodings_never_panic_and_re_encode_consistently(
        which in any::<prop::sample::Index>(),
        sample in any::<prop::sample::Index>(),
        edits in vec(mutation(), 1..6),
    ) {
        let all = samples();
        let (_, check, encodings) = &all[which.index(all.len())];
        let mut bytes = encodings[sample.index(encodings.len())].clone();
        for edit in &edits {
            apply(&mut bytes, edit);
        }
        check(&bytes)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic_any_decoder(input in vec(any::<u8>(), 0..256)) {
        for (_, check, _) in samples() {
            check(&input)?;
        }
    }

    #[test]
    fn unframe_accepts_exactly_framed_bodies(
        input in vec(any::<u8>(), 0..64),
        limit in prop_oneof![Just(0usize), 0usize..64, Just(MAX_PREAUTH_FRAME_BYTES), Just(MAX_FRAME_BYTES)],
    ) {
        match unframe(&input, limit) {
            Ok(body) => {
                prop_assert!(body.len() <= limit);
                prop_assert_eq!(frame(body), input.clone());
            }
            Err(FrameError::Truncated(n)) => prop_assert!(n < 4 && n == input.len()),
            Err(FrameError::TooLarge { len, .. }) => prop_assert!(len > limit),
            Err(FrameError::LengthMismatch { announced, actual }) => {
                prop_assert_eq!(actual, input.len() - 4);
                prop_assert_ne!(announced, actual);
            }
        }
    }

    #[test]
    fn framed_encodings_unframe_and_decode(which in any::<prop::sample::Index>()) {
        let requests = requests();
        let request = &requests[which.index(requests.len())];
        let body = encode(request).expect("encodes");
        let framed = frame(&body);
        let back = unframe(&framed, MAX_FRAME_BYTES).expect("unframes");
        prop_assert_eq!(&decode::<Request>(back).expect("decodes"), request);
    }
}

//! Every wire type survives encode -> decode unchanged, and arbitrary bytes never panic the
//! decoder for any of them.

use poc_proto::request::PROTOCOL_VERSION;
use poc_proto::*;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    vec(any::<u8>(), 0..max)
}

fn text() -> impl Strategy<Value = String> {
    "\\PC{0,24}"
}

fn poc_id() -> impl Strategy<Value = PocId> {
    (
        "[A-Z]{2,10}",
        prop_oneof![Just("diplomatic"), Just("technical"), Just("custodian")],
        option::of(2u16..999),
    )
        .prop_map(|(org, role, n)| {
            let text = match n {
                Some(n) => format!("{org}.{role}.{n}"),
                None => format!("{org}.{role}"),
            };
            text.parse().expect("generated ids are valid")
        })
}

fn priority() -> impl Strategy<Value = Priority> {
    prop_oneof![
        Just(Priority::High),
        Just(Priority::Medium),
        Just(Priority::Low)
    ]
}

fn tlp() -> impl Strategy<Value = Tlp> {
    prop_oneof![
        Just(Tlp::Clear),
        Just(Tlp::Green),
        Just(Tlp::Amber),
        Just(Tlp::AmberStrict),
        Just(Tlp::Red)
    ]
}

fn signature() -> impl Strategy<Value = SignatureBytes> {
    vec(any::<u8>(), 64).prop_map(|v| {
        let mut s = [0u8; 64];
        s.copy_from_slice(&v);
        SignatureBytes(s)
    })
}

fn key() -> impl Strategy<Value = PublicKeyBytes> {
    any::<[u8; 32]>().prop_map(PublicKeyBytes)
}

fn envelope() -> impl Strategy<Value = Envelope> {
    (
        any::<[u8; 16]>(),
        any::<[u8; 32]>(),
        priority(),
        any::<u64>(),
        bytes(256),
    )
        .prop_map(|(id, to, priority, expires_at, payload)| Envelope {
            version: ENVELOPE_VERSION,
            id: EnvelopeId(id),
            to: MailboxId(to),
            priority,
            expires_at,
            payload,
        })
}

fn sealed() -> impl Strategy<Value = Sealed> {
    (key(), signature(), bytes(256), bytes(64)).prop_map(|(sender, signature, body, padding)| {
        Sealed {
            sender,
            signature,
            body,
            padding,
        }
    })
}

fn incident() -> impl Strategy<Value = IncidentNotification> {
    (vec(option::of(text()), 11), vec(text(), 0..4)).prop_map(|(f, indicators)| {
        IncidentNotification {
            reference: f[0].clone(),
            summary: f[1].clone(),
            description: f[2].clone(),
            incident_class: f[3].clone(),
            time_detected: f[4].clone(),
            affected_sector: f[5].clone(),
            affected_systems: f[6].clone(),
            indicators,
            actions_taken: f[7].clone(),
            assistance_requested: f[8].clone(),
            requested_response_time: f[9].clone(),
            follow_up_contact: f[10].clone(),
        }
    })
}

fn rotation() -> impl Strategy<Value = KeyRotation> {
    (key(), key(), signature()).prop_map(|(old_key, new_key, signature)| KeyRotation {
        old_key,
        new_key,
        signature,
    })
}

fn message() -> impl Strategy<Value = Message> {
    let kind = prop_oneof![
        (entry(), option::of(rotation())).prop_map(|(entry, rotation)| MessageKind::EntryUpdate(
            Box::new(EntryUpdate { entry, rotation })
        )),
        (any::<u64>(), any::<[u8; 32]>()).prop_map(
            |(serial, digest)| MessageKind::DirectoryNotice(DirectoryNotice { serial, digest })
        ),
        (
            option::of(prop_oneof![
                Just(Nature::Information),
                Just(Nature::Mitigation),
                Just(Nature::Investigation),
                Just(Nature::Coordination),
                Just(Nature::Other)
            ]),
            vec(option::of(text()), 5)
        )
            .prop_map(|(nature, f)| MessageKind::AssistanceRequest(Box::new(
                AssistanceRequest {
                    reference: f[0].clone(),
                    nature,
                    related_incident: f[1].clone(),
                    details: f[2].clone(),
                    requested_response_time: f[3].clone(),
                    legal_context: f[4].clone(),
                }
            ))),
        (
            prop_oneof![
                Just(ResponseStatus::Received),
                Just(ResponseStatus::Channelled),
                Just(ResponseStatus::InProgress),
                Just(ResponseStatus::Resolved),
                Just(ResponseStatus::Declined)
            ],
            option::of(text())
        )
            .prop_map(|(status, text)| MessageKind::Response(StatusResponse { status, text })),
        (
            any::<[u8; 16]>(),
            any::<[u8; 32]>(),
            any::<u64>(),
            option::of(text())
        )
            .prop_map(|(campaign, nonce, deadline, note)| MessageKind::Ping(Ping {
                campaign,
                nonce,
                deadline,
                note
            })),
        (
            any::<[u8; 16]>(),
            any::<[u8; 32]>(),
            any::<[u8; 16]>(),
            any::<u64>(),
            any::<bool>()
        )
            .prop_map(|(campaign, nonce, ping, received_at, automatic)| {
                MessageKind::PingAck(PingAck {
                    campaign,
                    nonce,
                    ping_envelope: EnvelopeId(ping),
                    received_at,
                    automatic,
                })
            }),
        incident().prop_map(|n| MessageKind::IncidentNotification(Box::new(n))),
        (option::of(text()), text())
            .prop_map(|(subject, text)| MessageKind::Text(TextMessage { subject, text })),
        (any::<[u8; 16]>(), any::<u64>()).prop_map(|(id, at)| MessageKind::Receipt(Receipt {
            envelope: EnvelopeId(id),
            received_at: at
        })),
    ];
    (
        poc_id(),
        poc_id(),
        any::<u64>(),
        option::of(any::<[u8; 16]>()),
        "[a-z]{2}",
        tlp(),
        any::<bool>(),
        kind,
        vec(("[a-z]{1,8}\\.txt", "text/plain", bytes(32)), 0..2),
    )
        .prop_map(
            |(from, to, sent_at, thread, language, tlp, exercise, kind, files)| Message {
                from,
                to,
                sent_at,
                thread: thread.map(EnvelopeId),
                language,
                tlp,
                exercise,
                kind,
                attachments: files
                    .into_iter()
                    .map(|(name, media_type, data)| Attachment {
                        name,
                        media_type,
                        data,
                    })
                    .collect(),
            },
        )
}

fn entry() -> impl Strategy<Value = Entry> {
    (
        poc_id(),
        text(),
        option::of(text()),
        vec(text(), 0..3),
        vec(text(), 0..3),
        vec("[a-z]{2}", 0..3),
        option::of(text()),
        key(),
        text(),
        any::<(u64, u64)>(),
        signature(),
    )
        .prop_map(
            |(
                id,
                org_name,
                webpage,
                emails,
                phones,
                languages,
                time_zone,
                signing_key,
                enc,
                (c, u),
                sig,
            )| {
                Entry {
                    body: EntryBody {
                        id,
                        org_name,
                        webpage,
                        emails,
                        phones,
                        languages,
                        time_zone,
                        signing_key,
                        encryption_key: enc,
                        created_at: c,
                        updated_at: u,
                    },
                    self_signature: sig,
                }
            },
        )
}

fn directory() -> impl Strategy<Value = Directory> {
    (
        any::<(u64, u64, u64)>(),
        option::of(any::<[u8; 32]>()),
        (key(), vec(rotation(), 0..2)),
        vec(entry(), 0..3),
        vec((any::<[u8; 20]>(), poc_id(), text(), any::<u64>()), 0..3),
        vec((text(), any::<[u8; 32]>()), 0..2),
    )
        .prop_map(
            |(
                (serial, issued_at, expires_at),
                previous_digest,
                (custodian_key, custodian_rotations),
                entries,
                revoked,
                relays,
            )| Directory {
                serial,
                issued_at,
                expires_at,
                previous_digest,
                custodian_key,
                custodian_rotations,
                entries,
                revoked: revoked
                    .into_iter()
                    .map(|(f, id, reason, revoked_at)| Revocation {
                        fingerprint: Fingerprint(f),
                        id,
                        reason,
                        revoked_at,
                    })
                    .collect(),
                relays: relays
                    .into_iter()
                    .map(|(address, tls_pin)| RelayInfo { address, tls_pin })
                    .collect(),
            },
        )
}

fn access_list() -> impl Strategy<Value = AccessList> {
    (
        any::<(u64, u64)>(),
        (key(), vec(rotation(), 0..2)),
        any::<[u8; 32]>(),
        vec((key(), any::<bool>()), 0..4),
    )
        .prop_map(
            |((serial, issued_at), (custodian_key, custodian_rotations), digest, members)| {
                AccessList {
                    serial,
                    issued_at,
                    custodian_key,
                    custodian_rotations,
                    sealed_directory_digest: digest,
                    members: members
                        .into_iter()
                        .map(|(signing_key, custodian)| Member {
                            signing_key,
                            custodian,
                        })
                        .collect(),
                }
            },
        )
}

fn published() -> impl Strategy<Value = PublishedDirectory> {
    (bytes(64), signature(), bytes(128)).prop_map(|(body, signature, sealed_directory)| {
        PublishedDirectory {
            access_list: SignedAccessList { body, signature },
            sealed_directory,
        }
    })
}

fn cursor() -> impl Strategy<Value = FetchCursor> {
    (0u8..3, any::<u64>()).prop_map(|(rank, seq)| FetchCursor { rank, seq })
}

fn request() -> impl Strategy<Value = Request> {
    prop_oneof![
        any::<u16>().prop_map(|version| Request::Hello { version }),
        (key(), signature()).prop_map(|(signing_key, signature)| Request::Auth {
            signing_key,
            signature
        }),
        vec(envelope(), 0..3).prop_map(|envelopes| Request::Submit { envelopes }),
        (option::of(cursor()), any::<u32>())
            .prop_map(|(after, limit)| Request::Fetch { after, limit }),
        vec(any::<[u8; 16]>().prop_map(EnvelopeId), 0..4).prop_map(|ids| Request::Delete { ids }),
        any::<u64>().prop_map(|have_serial| Request::GetDirectory { have_serial }),
        published().prop_map(Request::PublishDirectory),
        Just(Request::Subscribe),
        Just(Request::Stats),
    ]
}

fn error_code() -> impl Strategy<Value = ErrorCode> {
    prop_oneof![
        Just(ErrorCode::Malformed),
        Just(ErrorCode::UnsupportedVersion),
        Just(ErrorCode::NotAuthenticated),
        Just(ErrorCode::AuthFailed),
        Just(ErrorCode::NotCustodian),
        Just(ErrorCode::UnknownRecipient),
        Just(ErrorCode::TooLarge),
        Just(ErrorCode::Expired),
        Just(ErrorCode::QuotaExceeded),
        Just(ErrorCode::RateLimited),
        Just(ErrorCode::InvalidDirectory),
        Just(ErrorCode::StorageFailure),
        Just(ErrorCode::Unavailable),
    ]
}

fn response() -> impl Strategy<Value = Response> {
    prop_oneof![
        any::<[u8; 32]>().prop_map(|nonce| Response::Challenge {
            version: PROTOCOL_VERSION,
            nonce
        }),
        (any::<[u8; 32]>(), any::<bool>()).prop_map(|(m, custodian)| Response::Authenticated {
            mailbox: MailboxId(m),
            custodian
        }),
        any::<(u32, u32)>()
            .prop_map(|(stored, duplicates)| Response::Submitted { stored, duplicates }),
        (
            vec(envelope(), 0..3),
            option::of(cursor()),
            any::<u64>(),
            vec(option::of(key()), 0..3)
        )
            .prop_map(|(envelopes, next, refused_while_full, submitters)| {
                Response::Envelopes {
                    envelopes,
                    next,
                    refused_while_full,
                    submitters,
                }
            }),
        any::<u32>().prop_map(|count| Response::Deleted { count }),
        option::of(published()).prop_map(Response::Directory),
        any::<u64>().prop_map(|serial| Response::Published { serial }),
        (error_code(), text())
            .prop_map(|(code, detail)| Response::Error(RelayError { code, detail })),
        Just(Response::Subscribed),
        (
            any::<(u64, u64, u64)>(),
            vec(("[0-9]{4}-[0-9]{2}", any::<(u64, u64, u64)>()), 0..3)
        )
            .prop_map(
                |((waiting, members, directory_serial), months)| Response::Stats(RelayStats {
                    waiting,
                    members,
                    directory_serial,
                    months: months
                        .into_iter()
                        .map(|(month, (high, medium, low))| MonthCount {
                            month,
                            high,
                            medium,
                            low
                        })
                        .collect(),
                })
            ),
    ]
}

macro_rules! round_trip_and_fuzz {
    ($($name:ident: $ty:ty = $strategy:expr;)*) => {$(
        mod $name {
            use super::*;
            proptest! {
                #[test]
                fn round_trips(value in $strategy) {
                    let bytes = encode(&value).expect("encodes");
                    prop_assert_eq!(decode::<$ty>(&bytes).expect("decodes"), value);
                }

                #[test]
                fn arbitrary_bytes_never_panic(input in bytes(512)) {
                    let _ = decode::<$ty>(&input);
                }

                #[test]
                fn truncation_and_extension_are_errors(value in $strategy, cut in any::<prop::sample::Index>()) {
                    let bytes = encode(&value).expect("encodes");
                    let mut longer = bytes.clone();
                    longer.push(0);
                    prop_assert!(decode::<$ty>(&longer).is_err());
                    let cut = cut.index(bytes.len());
                    // A strict prefix is never the same value; it may still decode as another.
                    if let Ok(other) = decode::<$ty>(&bytes[..cut]) {
                        prop_assert_ne!(other, value);
                    }
                }
            }
        }
    )*};
}

round_trip_and_fuzz! {
    envelope_type: Envelope = envelope();
    sealed_type: Sealed = sealed();
    message_type: Message = message();
    entry_type: Entry = entry();
    enrolment_type: EnrolmentRequest = entry().prop_map(|entry| EnrolmentRequest { entry });
    directory_type: Directory = directory();
    access_list_type: AccessList = access_list();
    signed_directory_type: SignedDirectory =
        (bytes(128), signature()).prop_map(|(body, signature)| SignedDirectory { body, signature });
    published_type: PublishedDirectory = published();
    request_type: Request = request();
    response_type: Response = response();
    notify_type: Notify = (any::<[u8; 16]>(), priority()).prop_map(|(id, priority)| Notify { id: EnvelopeId(id), priority });
}

//! Two members of one entry (directory format v2) at the relay: the access list built from
//! the team admits both keys, each with its own mailbox and its own quota.

#![allow(clippy::unwrap_used)]

mod common;

use common::{refusal, relay, START};
use poc_keys::directory::{seal_directory, sealed_directory_digest, sign_access_list};
use poc_keys::team::{access_members, sign_member, sign_team_directory, verify_team_directory};
use poc_keys::PocKey;
use poc_proto::{
    AccessList, Envelope, EnvelopeId, ErrorCode, MailboxId, Priority, PublishedDirectory, Request,
    Response, Team, TeamBody, TeamDirectory, DIRECTORY_V2_FORMAT, ENVELOPE_VERSION,
};

fn envelope(i: u8, to: MailboxId) -> Envelope {
    Envelope {
        version: ENVELOPE_VERSION,
        id: EnvelopeId([i; 16]),
        to,
        priority: Priority::Low,
        expires_at: START + 3_600,
        payload: vec![i; 256],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_members_of_one_entry_are_both_admitted_each_with_its_own_quota() {
    let t = relay(|limits| {
        limits.mailbox_max_envelopes = 1;
        limits.mailbox_sender_share_percent = 100;
    })
    .await;
    let (laptop_1, laptop_2) = (PocKey::generate(), PocKey::generate());
    let mex: poc_proto::PocId = "MEX.technical".parse().unwrap();
    let directory = TeamDirectory {
        format: DIRECTORY_V2_FORMAT,
        serial: 1,
        issued_at: START,
        expires_at: START + 86_400,
        previous_digest: None,
        custodian_key: t.custodian.signing_public(),
        custodian_rotations: vec![],
        teams: vec![Team {
            body: TeamBody {
                id: mex.clone(),
                org_name: "CERT-MX".into(),
                webpage: None,
                emails: vec![],
                phones: vec![],
                languages: vec!["es".into()],
                time_zone: None,
                created_at: START,
                updated_at: START,
            },
            members: vec![
                sign_member(&laptop_1, &mex, "on-call laptop 1", START).unwrap(),
                sign_member(&laptop_2, &mex, "on-call laptop 2", START).unwrap(),
            ],
        }],
        entries: vec![],
        revoked: vec![],
        relays: vec![],
    };
    let signed = sign_team_directory(&t.custodian, &directory).unwrap();
    let (_, teams) = verify_team_directory(&t.custodian.signing_public(), &signed).unwrap();
    let recipients: Vec<_> = teams[0]
        .members
        .iter()
        .map(|m| m.encryption.clone())
        .collect();
    let sealed_directory = seal_directory(&signed, &recipients).unwrap();
    let members = access_members(&teams, &t.custodian.signing_public());
    assert_eq!(members.len(), 2);
    let access_list = sign_access_list(
        &t.custodian,
        &AccessList {
            serial: 1,
            issued_at: START,
            custodian_key: t.custodian.signing_public(),
            custodian_rotations: vec![],
            sealed_directory_digest: sealed_directory_digest(&sealed_directory),
            members,
        },
    )
    .unwrap();

    // Before the publication neither member is admitted.
    let early = t.connect().await.unwrap();
    assert_eq!(
        refusal(&early.login(&laptop_1).await),
        ErrorCode::AuthFailed
    );

    let custodian = t.custodian_connection().await;
    let answer = custodian
        .call(&Request::PublishDirectory(PublishedDirectory {
            access_list,
            sealed_directory,
        }))
        .await;
    assert!(
        matches!(answer, Response::Published { serial: 1 }),
        "{answer:?}"
    );

    // Both member keys log in.
    for key in [&laptop_1, &laptop_2] {
        let raw = t.connect_when_free().await;
        let answer = raw.login(key).await;
        assert!(
            matches!(answer, Response::Authenticated { .. }),
            "{answer:?}"
        );
    }

    // Each mailbox holds one envelope: the first member's is full, the second's still has
    // room for its own.
    let submit = |i: u8, to: MailboxId| Request::Submit {
        envelopes: vec![envelope(i, to)],
    };
    let answer = custodian.call(&submit(1, laptop_1.mailbox())).await;
    assert!(
        matches!(answer, Response::Submitted { stored: 1, .. }),
        "{answer:?}"
    );
    let over = custodian.call(&submit(2, laptop_1.mailbox())).await;
    assert_eq!(refusal(&over), ErrorCode::QuotaExceeded, "{over:?}");
    let answer = custodian.call(&submit(3, laptop_2.mailbox())).await;
    assert!(
        matches!(answer, Response::Submitted { stored: 1, .. }),
        "{answer:?}"
    );
    assert_eq!(t.relay.store.envelope_count(), 2);
}

/// A publication as the relay checks it: an access list admitting `members` and the
/// custodian, signed by `signer`, over an encrypted directory the relay never reads.
fn publication(
    signer: &PocKey,
    custodian: &PocKey,
    serial: u64,
    members: &[&PocKey],
) -> PublishedDirectory {
    publication_with(signer, &custodian.signing_public(), &[], serial, members)
}

/// [`publication`] naming `custodian_key` as the list's custodian, with `rotations`.
fn publication_with(
    signer: &PocKey,
    custodian_key: &poc_proto::PublicKeyBytes,
    rotations: &[poc_proto::KeyRotation],
    serial: u64,
    members: &[&PocKey],
) -> PublishedDirectory {
    let sealed_directory = vec![serial as u8; 64];
    let members = members
        .iter()
        .map(|k| poc_proto::Member {
            signing_key: k.signing_public(),
            custodian: false,
        })
        .collect();
    let access_list = sign_access_list(
        signer,
        &AccessList {
            serial,
            issued_at: START,
            custodian_key: *custodian_key,
            custodian_rotations: rotations.to_vec(),
            sealed_directory_digest: sealed_directory_digest(&sealed_directory),
            members,
        },
    )
    .unwrap();
    PublishedDirectory {
        access_list,
        sealed_directory,
    }
}

/// A member may hand over a directory the custodian signed (to a relay that missed its
/// publication): it is the custodian's signature that counts, not who uploads it. A list the
/// member signed itself, or one that is not newer, is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_hands_over_only_a_newer_directory_the_custodian_signed() {
    let t = relay(|_| {}).await;
    let (member, other) = (PocKey::generate(), PocKey::generate());
    let custodian = t.custodian_connection().await;
    let first = publication(&t.custodian, &t.custodian, 1, &[&member, &other]);
    let answer = custodian
        .call(&Request::PublishDirectory(first.clone()))
        .await;
    assert!(
        matches!(answer, Response::Published { serial: 1 }),
        "{answer:?}"
    );

    let raw = t.connect_when_free().await;
    let answer = raw.login(&member).await;
    assert!(
        matches!(
            answer,
            Response::Authenticated {
                custodian: false,
                ..
            }
        ),
        "{answer:?}"
    );
    // Its own signature admits nobody new.
    let forged = publication(&member, &t.custodian, 2, &[&member, &other]);
    let answer = raw.call(&Request::PublishDirectory(forged)).await;
    assert_eq!(refusal(&answer), ErrorCode::InvalidDirectory);
    // The one in force again: not newer.
    let answer = raw.call(&Request::PublishDirectory(first)).await;
    assert_eq!(refusal(&answer), ErrorCode::InvalidDirectory);
    // The custodian's next one: in force, as if the custodian had published it.
    let second = publication(&t.custodian, &t.custodian, 2, &[&member]);
    let answer = raw.call(&Request::PublishDirectory(second)).await;
    assert!(
        matches!(answer, Response::Published { serial: 2 }),
        "{answer:?}"
    );
    let answer = raw.call(&Request::GetDirectory { have_serial: 1 }).await;
    assert!(
        matches!(&answer, Response::Directory(Some(p)) if p.sealed_directory == vec![2; 64]),
        "{answer:?}"
    );
    // `other` is not in the list in force any more.
    let late = t.connect_when_free().await;
    assert_eq!(refusal(&late.login(&other).await), ErrorCode::AuthFailed);
}

/// After the custodian key was rotated, the retired key signs nothing more, even when a
/// member uploads its list with the genuine rotation history copied in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_signed_by_a_retired_custodian_key_is_refused_from_anyone() {
    let t = relay(|_| {}).await;
    let (member, successor) = (PocKey::generate(), PocKey::generate());
    let rotations = vec![poc_keys::rotation::sign_rotation(
        &t.custodian,
        &successor.signing_public(),
    )];
    let list = |signer: &PocKey, serial: u64| {
        publication_with(
            signer,
            &signer.signing_public(),
            &rotations,
            serial,
            &[&member],
        )
    };
    let custodian = t.custodian_connection().await;
    let answer = custodian
        .call(&Request::PublishDirectory(list(&successor, 1)))
        .await;
    assert!(
        matches!(answer, Response::Published { serial: 1 }),
        "{answer:?}"
    );

    let raw = t.connect_when_free().await;
    let answer = raw.login(&member).await;
    assert!(
        matches!(answer, Response::Authenticated { .. }),
        "{answer:?}"
    );
    let answer = raw
        .call(&Request::PublishDirectory(list(&t.custodian, 2)))
        .await;
    assert_eq!(refusal(&answer), ErrorCode::InvalidDirectory);
    // The successor's next list is taken.
    let answer = raw
        .call(&Request::PublishDirectory(list(&successor, 2)))
        .await;
    assert!(
        matches!(answer, Response::Published { serial: 2 }),
        "{answer:?}"
    );
}

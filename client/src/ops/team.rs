//! Teams: a PoC acted for by several members (people or devices), each with its own keys.
//!
//! The member side: the request a new device makes from a member invitation (`poc init`),
//! its co-signature by a current member of the same PoC (`poc team cosign`), and the members
//! of one's own PoC (`poc team list`). The custodian side: a member request added to an
//! accepted entry (`poc custodian add`), the members kept per entry until the next
//! publication, and a member revoked.
//!
//! A PoC whose custodian record has members is published as a team (directory format v2); a
//! PoC held by one key stays a v1 entry. Every signature here is made and checked by
//! `poc_keys::team`; this module decides what a request must carry and keeps the files.

use std::path::PathBuf;

use anyhow::Context;
use poc_keys::team::{check_label, cosign_member, sign_member, verify_cosignature, verify_member};
use poc_proto::{decode, encode, Entry, MemberRequest, PocId, PublicKeyBytes, TeamMember};
use schemars::JsonSchema;
use serde::Serialize;

use super::view::MemberView;
use super::Identity;
use crate::armor::{armor, dearmor};
use crate::error::{Classify, Failure};
use crate::home::{write_atomic, Home};
use crate::json::Timestamp;
use crate::trust::TrustedDirectory;

/// Armour label of member requests.
pub const MEMBER_REQUEST_LABEL: &str = "POC MEMBER REQUEST";

/// The label a co-signing member takes when its PoC is still held by its one key and it
/// gives none (`poc team cosign --my-label`).
pub const DEFAULT_FIRST_LABEL: &str = "first member";

/// Why a member request was refused.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    /// The request is for another PoC than the co-signer's.
    #[error("this request asks to join {requested}, not your PoC {mine}: only a member of {requested} can co-sign it")]
    OtherEntry {
        /// The PoC the request names.
        requested: PocId,
        /// The co-signer's PoC.
        mine: PocId,
    },
    /// The co-signer is not (yet) in the directory in force.
    #[error("your key is not a member of {0} in the directory in force: run `poc directory sync`, or ask the custodian whether your key was revoked")]
    NotAMember(PocId),
    /// The entry is not among the custodian's accepted entries.
    #[error("{0} is not among the accepted entries; a new member joins an existing PoC (`poc custodian show` lists them)")]
    UnknownEntry(PocId),
    /// The co-signature is by a key that is not a current member of the entry.
    #[error("the request for {0} is co-signed by a key that is not a current member of it; ask a current member to co-sign it (`poc team cosign`)")]
    CoSignerNotMember(PocId),
    /// The entry is held by one key and the request does not carry that key's own member
    /// record.
    #[error("{0} is still held by one key: its holder must co-sign this request first (`poc team cosign REQUEST_FILE`), which also gives that key its member label")]
    FirstMemberMissing(PocId),
    /// The label is taken within the entry.
    #[error("{id} already has a member labelled {label:?}: ask for a new invitation with another label (`poc custodian invite {id} --member LABEL`)")]
    LabelTaken {
        /// The entry.
        id: PocId,
        /// The label.
        label: String,
    },
    /// The key already acts for a PoC.
    #[error("this key already acts for {0}")]
    KeyTaken(PocId),
    /// Too many members.
    #[error("{id} has {limit} members already, the most a PoC may have; revoke one first", limit = poc_proto::limits::MAX_TEAM_MEMBERS)]
    Full {
        /// The entry.
        id: PocId,
    },
    /// The member to revoke does not exist.
    #[error("{id} has no member labelled {label:?}; `poc custodian show` lists the members")]
    NoSuchMember {
        /// The entry.
        id: PocId,
        /// The label asked for.
        label: String,
    },
    /// Revoking the last member would leave the PoC without a key.
    #[error(
        "{0} has no other member: revoke the PoC itself (`poc custodian revoke {0} --reason R`)"
    )]
    LastMember(PocId),
    /// Nobody in the PoC co-signed the request and the custodian did not confirm the new
    /// member's fingerprint.
    #[error("not added: no current member of {id} co-signed the request of {label:?}; confirm its fingerprint with the PoC by phone first, or ask a current member to co-sign it (`poc team cosign`)")]
    NotConfirmed {
        /// The entry.
        id: PocId,
        /// The new member's label.
        label: String,
    },
    /// The key was revoked: it never acts for a PoC again.
    #[error("this key was revoked for {0}: it cannot act for a PoC again; the new member makes new keys from a new invitation (`poc custodian invite {0} --member LABEL`)")]
    KeyRevoked(PocId),
}

/// The armoured request of a new member `label` of `entry`, holding `key`, dated `now`.
pub fn member_request(
    key: &poc_keys::PocKey,
    entry: &PocId,
    label: &str,
    now: u64,
) -> anyhow::Result<String> {
    let request = MemberRequest {
        entry: entry.clone(),
        member: sign_member(key, entry, label, now).context("the member label is not usable")?,
        cosigner: None,
    };
    armor_request(&request, &[
        format!("PoC Relay member request: {label:?} for {entry}"),
        format!(
            "fingerprint: {}",
            poc_keys::FingerprintText(key.fingerprint())
        ),
        format!("A current member of {entry} co-signs it (`poc team cosign FILE`), then the custodian adds it."),
    ])
}

fn armor_request(request: &MemberRequest, comments: &[String]) -> anyhow::Result<String> {
    let bytes = encode(request).context("encoding the member request")?;
    Ok(armor(MEMBER_REQUEST_LABEL, comments, &bytes))
}

/// Whether `text` is an armoured member request (rather than an enrolment request).
pub fn is_member_request(text: &str) -> bool {
    text.contains(&format!("BEGIN {MEMBER_REQUEST_LABEL}"))
}

/// Parses an armoured member request and checks every signature it carries: the new
/// member's proof, its co-signature if any (against the key it names), and the co-signer's
/// own record if any (its proof, and that it is the co-signing key). Whether the co-signer
/// is a member of the entry is for the reader of the request to check.
pub fn read_member_request(text: &str) -> anyhow::Result<MemberRequest> {
    let bytes = dearmor(MEMBER_REQUEST_LABEL, text)?;
    let request: MemberRequest = decode(&bytes).context("the member request is malformed")?;
    check_request(&request)
        .context("the member request is invalid")
        .verification()?;
    Ok(request)
}

fn check_request(request: &MemberRequest) -> anyhow::Result<()> {
    verify_member(&request.entry, &request.member)?;
    let cosigner = verify_cosignature(&request.entry, &request.member)?;
    if let Some(first) = &request.cosigner {
        verify_member(&request.entry, first)?;
        anyhow::ensure!(
            cosigner == Some(first.record.signing_key),
            "the first member's record is not the co-signer's"
        );
        anyhow::ensure!(
            first.record.label != request.member.record.label,
            "the new member and the co-signer have the same label"
        );
    }
    Ok(())
}

/// A member request as shown before it is co-signed or added.
#[derive(Debug, Serialize, JsonSchema)]
pub struct MemberRequestView {
    /// The PoC it asks to join.
    pub entry: String,
    /// The new member.
    pub member: MemberView,
}

impl MemberRequestView {
    /// The view of `request`.
    pub fn of(request: &MemberRequest) -> Self {
        let r = &request.member.record;
        MemberRequestView {
            entry: request.entry.to_string(),
            member: MemberView {
                label: r.label.clone(),
                fingerprint: poc_keys::FingerprintText(poc_keys::fingerprint(&r.signing_key))
                    .to_string(),
                signing_key: r.signing_key.to_string(),
                encryption_key: r.encryption_key.clone(),
                added_at: r.added_at.into(),
                cosigned_by: None,
            },
        }
    }
}

/// A member request `poc team cosign` co-signed.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CoSigned {
    /// The request.
    #[serde(flatten)]
    pub request: MemberRequestView,
    /// The co-signing member's label (the one it takes, when its PoC was held by one key).
    pub cosigned_by: String,
    /// Whether the co-signer gave itself a label with this co-signature (its PoC becomes a
    /// team at the next publication).
    pub first_member: bool,
    /// The co-signed request file, to send to the custodian.
    pub file: String,
}

/// Co-signs `request` with the identity's key, as a current member of the same PoC in the
/// directory in force. When that PoC is still held by this one key (a member without a
/// label), the co-signer's own member record, labelled `my_label`, goes with it. Returns
/// the co-signed request, armoured, and its view (with an empty file name).
pub fn cosign(
    identity: &Identity,
    directory: &TrustedDirectory,
    mut request: MemberRequest,
    my_label: Option<&str>,
) -> anyhow::Result<(String, CoSigned)> {
    let mine = &identity.config.id;
    if &request.entry != mine {
        return Err(TeamError::OtherEntry {
            requested: request.entry.clone(),
            mine: mine.clone(),
        }
        .into());
    }
    let me = identity.key.signing_public();
    let (team, member) = directory
        .member_by_key(&me)
        .filter(|(team, _)| &team.body.id == mine)
        .ok_or_else(|| TeamError::NotAMember(mine.clone()))?;
    if team
        .members
        .iter()
        .any(|m| m.record.label == request.member.record.label)
    {
        return Err(TeamError::LabelTaken {
            id: mine.clone(),
            label: request.member.record.label.clone(),
        }
        .into());
    }
    let first_member = member.record.label.is_empty();
    let cosigned_by = if first_member {
        let label = my_label.unwrap_or(DEFAULT_FIRST_LABEL);
        check_label(mine, label).map_err(|_| {
            anyhow::anyhow!("--my-label {label:?} is not usable: give 1 to {} characters without control, invisible or direction-changing characters, or surrounding spaces", poc_proto::limits::MAX_MEMBER_LABEL_CHARS)
        })?;
        request.cosigner = Some(sign_member(&identity.key, mine, label, identity.now())?);
        label.to_owned()
    } else {
        request.cosigner = None;
        member.record.label.clone()
    };
    cosign_member(&identity.key, mine, &mut request.member)?;
    check_request(&request)?;
    let text = armor_request(
        &request,
        &[
            format!(
                "PoC Relay member request: {:?} for {}, co-signed by {cosigned_by:?}",
                request.member.record.label, request.entry
            ),
            "Send this file to the custodian (`poc custodian add FILE`).".into(),
        ],
    )?;
    Ok((
        text,
        CoSigned {
            request: MemberRequestView::of(&request),
            cosigned_by,
            first_member,
            file: String::new(),
        },
    ))
}

/// The members of the identity's own PoC (`poc team list`).
#[derive(Debug, Serialize, JsonSchema)]
pub struct TeamListing {
    /// The PoC.
    pub id: String,
    /// The serial of the directory in force they were read from.
    pub serial: u64,
    /// Its members, as the directory lists them.
    pub members: Vec<MemberView>,
    /// The label of this device's member (empty for a PoC held by one key).
    pub you: String,
}

/// The members of the identity's PoC in the directory in force.
pub fn list(identity: &Identity, directory: &TrustedDirectory) -> anyhow::Result<TeamListing> {
    let id = &identity.config.id;
    let team = directory.team(id).ok_or_else(|| {
        Failure::not_found(anyhow::anyhow!(
            "{id} is not in the directory in force yet: wait until the custodian has published it, then run `poc directory sync`"
        ))
    })?;
    let you = team
        .member(&identity.key.signing_public())
        .map(|m| m.record.label.clone())
        .ok_or_else(|| TeamError::NotAMember(id.clone()))?;
    Ok(TeamListing {
        id: id.to_string(),
        serial: directory.directory.serial,
        members: team
            .members
            .iter()
            .map(|m| MemberView::of(team, m))
            .collect(),
        you,
    })
}

// --- The custodian's side ---------------------------------------------------------------

fn teams_dir(home: &Home) -> anyhow::Result<PathBuf> {
    home.ensure_dir("custodian/teams")
}

/// The members the custodian keeps for the accepted entry `id`: none while it is held by
/// one key (its entry's).
pub fn members_of(home: &Home, id: &PocId) -> anyhow::Result<Option<Vec<TeamMember>>> {
    let path = teams_dir(home)?.join(format!("{id}.team"));
    match std::fs::read(&path) {
        Ok(bytes) => {
            Ok(Some(decode(&bytes).with_context(|| {
                format!("{} is damaged", path.display())
            })?))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

/// Keeps `members` as the members of `id` for the next publication.
pub fn store_members(home: &Home, id: &PocId, members: &[TeamMember]) -> anyhow::Result<()> {
    let path = teams_dir(home)?.join(format!("{id}.team"));
    write_atomic(
        &path,
        &encode(&members.to_vec()).context("encoding the members")?,
    )
}

/// Forgets the members of `id` (its entry was revoked).
pub fn remove_members(home: &Home, id: &PocId) -> anyhow::Result<()> {
    let path = teams_dir(home)?.join(format!("{id}.team"));
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("removing {}", path.display())),
    }
}

/// Every signing key that acts for an accepted entry, with the entry: each entry's own key
/// and its members' keys.
pub fn keys_in_use(home: &Home) -> anyhow::Result<Vec<(PublicKeyBytes, PocId)>> {
    let mut keys = Vec::new();
    for entry in super::custodian::entries(home)? {
        let id = entry.body.id.clone();
        keys.push((entry.body.signing_key, id.clone()));
        for member in members_of(home, &id)?.unwrap_or_default() {
            keys.push((member.record.signing_key, id.clone()));
        }
    }
    Ok(keys)
}

/// What adding a member request would do.
#[derive(Debug, Serialize, JsonSchema)]
pub struct MemberAdded {
    /// The request.
    #[serde(flatten)]
    pub request: MemberRequestView,
    /// The label of the member that co-signed it; `null` when the custodian confirmed the
    /// fingerprint by phone instead.
    pub cosigned_by: Option<String>,
    /// Whether the very same member was already added (nothing changed).
    pub already_present: bool,
    /// The PoC's members after the addition, labels in order.
    pub members: Vec<String>,
}

/// Checks a member request against the accepted entries and returns the members the entry
/// would have with it, and the view (whether it needs the fingerprint confirmed:
/// [`MemberAdded::needs_confirmation`]). Changes nothing.
pub fn check_member(
    home: &Home,
    request: &MemberRequest,
) -> anyhow::Result<(Vec<TeamMember>, MemberAdded)> {
    let id = &request.entry;
    let entries = super::custodian::entries(home)?;
    let entry: &Entry = entries
        .iter()
        .find(|e| &e.body.id == id)
        .ok_or_else(|| TeamError::UnknownEntry(id.clone()))?;
    let stored = members_of(home, id)?;
    let new = &request.member;
    if let Some(existing) = stored.iter().flatten().find(|m| m.record == new.record) {
        let members = stored.clone().unwrap_or_default();
        return Ok((
            members.clone(),
            MemberAdded {
                request: MemberRequestView::of(request),
                cosigned_by: existing
                    .cosignature
                    .as_ref()
                    .and_then(|c| members.iter().find(|m| m.record.signing_key == c.signer))
                    .map(|m| m.record.label.clone()),
                already_present: true,
                members: members.iter().map(|m| m.record.label.clone()).collect(),
            },
        ));
    }
    // The members before this one: those kept, or the entry's own key as first member,
    // whose record the co-signer brings.
    let mut members = match stored {
        Some(members) => members,
        None => match &request.cosigner {
            Some(first) if first.record.signing_key == entry.body.signing_key => {
                vec![first.clone()]
            }
            _ => return Err(TeamError::FirstMemberMissing(id.clone()).into()),
        },
    };
    let cosigned_by = match &new.cosignature {
        None => None,
        Some(c) => Some(
            members
                .iter()
                .find(|m| m.record.signing_key == c.signer)
                .map(|m| m.record.label.clone())
                .ok_or_else(|| TeamError::CoSignerNotMember(id.clone()))?,
        ),
    };
    if members.iter().any(|m| m.record.label == new.record.label) {
        return Err(TeamError::LabelTaken {
            id: id.clone(),
            label: new.record.label.clone(),
        }
        .into());
    }
    if let Some((_, owner)) = keys_in_use(home)?
        .into_iter()
        .find(|(key, _)| key == &new.record.signing_key)
    {
        return Err(TeamError::KeyTaken(owner).into());
    }
    // A revoked key in the members would make every later directory invalid.
    let fingerprint = poc_keys::fingerprint(&new.record.signing_key);
    if let Some(revoked) = super::custodian::state(home)?
        .revoked
        .iter()
        .find(|r| r.fingerprint == fingerprint)
    {
        return Err(TeamError::KeyRevoked(revoked.id.clone()).into());
    }
    if members.len() >= poc_proto::limits::MAX_TEAM_MEMBERS {
        return Err(TeamError::Full { id: id.clone() }.into());
    }
    members.push(new.clone());
    let labels = members.iter().map(|m| m.record.label.clone()).collect();
    Ok((
        members,
        MemberAdded {
            request: MemberRequestView::of(request),
            cosigned_by,
            already_present: false,
            members: labels,
        },
    ))
}

impl MemberAdded {
    /// Whether the custodian must confirm the new member's fingerprint by phone before it is
    /// added: a request co-signed by a current member needs no confirmation (the member
    /// vouches for the new key), one without a co-signature does, as an enrolment; the very
    /// same member added again changes nothing and needs none.
    pub fn needs_confirmation(&self) -> bool {
        self.cosigned_by.is_none() && !self.already_present
    }
}

/// Adds a member request to its entry for the next publication, after the checks of
/// [`check_member`]. `confirmed` says that the custodian confirmed the new member's
/// fingerprint with the PoC by phone; without it, only a request co-signed by a current
/// member is added ([`MemberAdded::needs_confirmation`]), else nothing changes and the error
/// is [`TeamError::NotConfirmed`].
pub fn add_member_confirmed(
    home: &Home,
    request: &MemberRequest,
    confirmed: bool,
) -> anyhow::Result<MemberAdded> {
    let (members, added) = check_member(home, request)?;
    if added.needs_confirmation() && !confirmed {
        return Err(TeamError::NotConfirmed {
            id: request.entry.clone(),
            label: request.member.record.label.clone(),
        }
        .into());
    }
    if !added.already_present {
        store_members(home, &request.entry, &members)?;
    }
    Ok(added)
}

/// A member the custodian revoked.
#[derive(Debug, Serialize, JsonSchema)]
pub struct MemberRevoked {
    /// The PoC.
    pub id: String,
    /// The member's label.
    pub label: String,
    /// Fingerprint of its signing key, now revoked.
    pub fingerprint: String,
    /// The reason published with the revocation.
    pub reason: String,
    /// When.
    pub revoked_at: Timestamp,
    /// The members left.
    pub members: Vec<String>,
}

/// Revokes the member `label` of `id`: its key is listed as revoked and it leaves the team at
/// the next publication; the other members keep acting for the PoC.
pub fn revoke_member(
    home: &Home,
    id: &PocId,
    label: &str,
    reason: &str,
    now: u64,
) -> anyhow::Result<MemberRevoked> {
    if reason.trim().is_empty() {
        anyhow::bail!("give a reason with --reason (it is published with the revocation)");
    }
    let mut members = members_of(home, id)?.unwrap_or_default();
    let Some(position) = members.iter().position(|m| m.record.label == label) else {
        return Err(Failure::not_found(TeamError::NoSuchMember {
            id: id.clone(),
            label: label.to_owned(),
        })
        .into());
    };
    if members.len() == 1 {
        return Err(TeamError::LastMember(id.clone()).into());
    }
    let gone = members.remove(position);
    // A co-signature vouched for a member when it joined; one by a member who leaves would
    // name a key no longer in the team, so it is dropped.
    for member in &mut members {
        if member
            .cosignature
            .as_ref()
            .is_some_and(|c| c.signer == gone.record.signing_key)
        {
            member.cosignature = None;
        }
    }
    let revocation = poc_proto::Revocation {
        fingerprint: poc_keys::fingerprint(&gone.record.signing_key),
        id: id.clone(),
        reason: reason.trim().to_owned(),
        revoked_at: now,
    };
    super::custodian::add_revocation(home, revocation.clone())?;
    store_members(home, id, &members)?;
    Ok(MemberRevoked {
        id: id.to_string(),
        label: gone.record.label,
        fingerprint: poc_keys::FingerprintText(revocation.fingerprint).to_string(),
        reason: revocation.reason,
        revoked_at: now.into(),
        members: members.iter().map(|m| m.record.label.clone()).collect(),
    })
}

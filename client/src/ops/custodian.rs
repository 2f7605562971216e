//! Custodian operations: identity, relay, invitations, enrolment, publication, and the
//! results they return (`poc custodian ...` renders them as text or JSON).

use std::path::{Path, PathBuf};

use age::secrecy::SecretString;
use anyhow::Context;
use poc_keys::directory::{seal_directory, sign_access_list, sign_directory, verify_entry};
use poc_keys::relays::sign_relay_directory;
use poc_keys::rotation::sign_rotation;
use poc_keys::team::{access_members, sign_team_directory, team_body};
use poc_keys::verified::{verify_any_directory, VerifiedDirectory};
use poc_keys::{PocKey, RoutingHeader};
use poc_proto::{
    decode, encode, AccessList, Directory, DirectoryNotice, EnrolmentRequest, Entry, EnvelopeId,
    KeyRotation, Message, MessageKind, PocId, Priority, PublicKeyBytes, PublishedDirectory,
    RelayDirectory, RelayInfo, Revocation, Role, Team, TeamDirectory, Tlp, DIRECTORY_V2_FORMAT,
    DIRECTORY_V3_FORMAT,
};
use schemars::JsonSchema;
use serde::Serialize;

use super::enrol::{self, Created, REQUEST_LABEL};
use super::import::{take_pending, InvitationView};
use super::view::{EntryView, MemberView};
use super::{Identity, Profile};
use crate::armor::dearmor;
use crate::error::{Classify, Failure};
use crate::home::{write_atomic, Home, RelayAddress};
use crate::invite::Invite;
use crate::json::Timestamp;
use crate::transport::relays::Relays;
use crate::trust;

/// Why an enrolment request was refused.
#[derive(Debug, thiserror::Error)]
pub enum EnrolError {
    /// The id is already taken by another key.
    #[error("{0} is already in the directory with another key")]
    DuplicateId(PocId),
    /// The key is already used by another entry.
    #[error("this key already belongs to {0}")]
    DuplicateKey(PocId),
    /// The key was revoked: it is never enrolled again.
    #[error("this key was revoked for {0}: it cannot be enrolled again; the PoC makes new keys from a new invitation (`poc custodian invite {0}`)")]
    RevokedKey(PocId),
}

fn entries_dir(home: &Home) -> anyhow::Result<PathBuf> {
    home.ensure_dir("custodian/entries")
}

/// Creates the custodian identity (its entry dated `now`, Unix seconds); its signing key
/// becomes the directory key every member pins.
pub fn init(
    home: &Home,
    id: &PocId,
    profile: &Profile,
    passphrase: &SecretString,
    now: u64,
) -> anyhow::Result<Created> {
    if id.role() != Role::Custodian {
        anyhow::bail!("the custodian id must have the custodian role, e.g. UNODA.custodian");
    }
    let created = enrol::create(home, id, None, None, profile, passphrase, now)?;
    store_entry(home, &created.entry)?;
    write_atomic(
        &home.path("custodian.pub"),
        format!("{}\n", created.key.signing_public()).as_bytes(),
    )?;
    Ok(created)
}

/// The custodian identity `poc custodian init` created.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CustodianCreated {
    /// The custodian's PoC id, e.g. `UNODA.custodian`.
    pub id: String,
    /// The home directory that holds the identity.
    pub home: String,
    /// The custodian's signing key (64 hex digits): give it to `poc-relay init --custodian-key`.
    pub custodian_key: String,
    /// Its fingerprint, as read out by phone.
    pub fingerprint: String,
    /// The file the key was also written to (`HOME/custodian.pub`).
    pub public_key_file: String,
}

impl CustodianCreated {
    /// The result of [`init`] in `home`.
    pub fn of(home: &Home, id: &PocId, created: &Created) -> Self {
        CustodianCreated {
            id: id.to_string(),
            home: home.root().display().to_string(),
            custodian_key: created.key.signing_public().to_string(),
            fingerprint: poc_keys::FingerprintText(created.key.fingerprint()).to_string(),
            public_key_file: home.path("custodian.pub").display().to_string(),
        }
    }
}

/// The relay `poc custodian relay` recorded.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RelaySet {
    /// The relay now configured.
    pub relay: RelayAddress,
}

/// Records the relay address and TLS pin (printed by `poc-relay init`).
pub fn set_relay(home: &Home, address: &str, pin: &str) -> anyhow::Result<RelayAddress> {
    poc_keys::tls_pin::pin_from_text(pin)?;
    // The relay goes into the directory: it must be one every member accepts there.
    poc_keys::relays::check_address(address)
        .map_err(super::custodian_relays::RelayChangeError::Invalid)?;
    let mut config = home.config()?;
    let relay = RelayAddress {
        address: address.to_owned(),
        tls_pin: pin.trim().to_ascii_lowercase(),
    };
    config.relay = Some(relay.clone());
    home.save_config(&config)?;
    Ok(relay)
}

/// An invitation for `id` (for its additional member `member`, if given), pinning the
/// custodian key in force (not a retired one).
pub fn invite(home: &Home, id: &PocId, member: Option<&str>) -> anyhow::Result<Invite> {
    if let Some(label) = member {
        let entries = entries(home)?;
        if !entries.iter().any(|e| &e.body.id == id) {
            return Err(super::team::TeamError::UnknownEntry(id.clone()).into());
        }
        poc_keys::team::check_label(id, label).map_err(|_| {
            anyhow::anyhow!(
                "--member {label:?} is not usable: give 1 to {} characters without control, invisible or direction-changing characters, or surrounding spaces",
                poc_proto::limits::MAX_MEMBER_LABEL_CHARS
            )
        })?;
        let taken = super::team::members_of(home, id)?
            .unwrap_or_default()
            .iter()
            .any(|m| m.record.label == label);
        if taken {
            return Err(super::team::TeamError::LabelTaken {
                id: id.clone(),
                label: label.to_owned(),
            }
            .into());
        }
    }
    let config = home.config()?;
    let relay = config
        .relay
        .context("no relay configured: run `poc custodian relay ADDR --pin PIN` first")?;
    let custodian_key = current_key(home)?;
    Ok(Invite {
        id: id.clone(),
        custodian_key,
        custodian_fingerprint: poc_keys::FingerprintText(poc_keys::fingerprint(&custodian_key))
            .to_string(),
        relay,
        member: member.map(str::to_owned),
    })
}

/// An invitation handed out by `poc custodian invite`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Invited {
    /// The invited PoC id.
    pub id: String,
    /// The label of the additional member invited; `null` for a new PoC.
    pub member: Option<String>,
    /// Fingerprint of the custodian key it pins, to confirm by phone.
    pub custodian_fingerprint: String,
    /// The invitation (TOML), as written to the file or printed.
    pub invite: String,
    /// The file it was written to; `null` when printed.
    pub file: Option<String>,
    /// The pending invitation (imported from a regional directory) this hands out and
    /// removes from the list; `null` when there was none.
    pub pending: Option<InvitationView>,
}

/// Hands out the invitation for `id`: writes it to `out` (a new file) if given, then
/// consumes the pending invitation imported for `id`, if any (it stays pending when the file
/// cannot be written).
pub fn hand_out_invite(
    home: &Home,
    id: &PocId,
    member: Option<&str>,
    out: Option<&Path>,
) -> anyhow::Result<Invited> {
    let invite = invite(home, id, member)?;
    let text = invite.to_text()?;
    if let Some(path) = out {
        crate::home::write_new(path, text.as_bytes())?;
    }
    // A member joins a PoC already in the directory: no pending invitation is its own.
    let pending = match member {
        None => take_pending(home, id)?,
        Some(_) => None,
    };
    Ok(Invited {
        id: id.to_string(),
        member: member.map(str::to_owned),
        custodian_fingerprint: invite.custodian_fingerprint,
        invite: text,
        file: out.map(|p| p.display().to_string()),
        pending: pending.as_ref().map(InvitationView::of),
    })
}

/// Parses and verifies an armoured enrolment request. A request whose signature does not
/// verify is a verification failure.
pub fn read_request(text: &str) -> anyhow::Result<Entry> {
    let bytes = dearmor(REQUEST_LABEL, text)?;
    let request: EnrolmentRequest = decode(&bytes).context("the enrolment request is malformed")?;
    verify_entry(&request.entry)
        .context("the enrolment request is invalid")
        .verification()?;
    // The contact details are the requester's text, shown to the custodian and published to
    // every member: they pass the same checks as `poc init` applies.
    crate::profile::validate(&crate::profile::Profile::of_entry(&request.entry.body)).context(
        "the enrolment request has invalid contact details; ask the PoC for a corrected request",
    )?;
    Ok(request.entry)
}

/// The custodian key, relay and accepted entries (`poc custodian show`).
#[derive(Debug, Serialize, JsonSchema)]
pub struct CustodianShown {
    /// The custodian key pinned in this home (64 hex digits).
    pub custodian_key: String,
    /// Its fingerprint.
    pub fingerprint: String,
    /// The relay, if one is configured.
    pub relay: Option<RelayAddress>,
    /// Serial of the last directory published; `null` if none was.
    pub serial: Option<u64>,
    /// Every accepted entry (they go into the next directory), sorted by id, each with the
    /// members it will have in the next directory.
    pub entries: Vec<EntryView>,
}

/// The custodian's key, relay, last published serial and accepted entries.
pub fn show(home: &Home) -> anyhow::Result<CustodianShown> {
    let config = home.config()?;
    let entries = entries(home)?;
    let serial = trust::current(home, &config.custodian_key)?.map(|d| d.directory.serial);
    Ok(CustodianShown {
        custodian_key: config.custodian_key.to_string(),
        fingerprint: poc_keys::FingerprintText(poc_keys::fingerprint(&config.custodian_key))
            .to_string(),
        relay: config.relay,
        serial,
        entries: entries
            .iter()
            .map(|e| {
                let mut view = EntryView::of(e);
                if let Some(members) = super::team::members_of(home, &e.body.id)? {
                    view.members = members
                        .iter()
                        .map(|m| MemberView::of_kept(m, &members))
                        .collect();
                }
                Ok(view)
            })
            .collect::<anyhow::Result<_>>()?,
    })
}

/// Every accepted entry, sorted by id.
pub fn entries(home: &Home) -> anyhow::Result<Vec<Entry>> {
    let dir = entries_dir(home)?;
    let mut out = Vec::new();
    for item in std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = item?.path();
        if path.extension().is_some_and(|e| e == "entry") {
            let bytes =
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            let entry: Entry =
                decode(&bytes).with_context(|| format!("{} is damaged", path.display()))?;
            out.push(entry);
        }
    }
    out.sort_by(|a, b| a.body.id.cmp(&b.body.id));
    Ok(out)
}

pub(crate) fn store_entry(home: &Home, entry: &Entry) -> anyhow::Result<()> {
    let path = entries_dir(home)?.join(format!("{}.entry", entry.body.id));
    write_atomic(&path, &encode(entry).context("encoding the entry")?)
}

/// Checks a verified request against the accepted entries. Returns true if it is already
/// present unchanged.
pub fn check_new(home: &Home, entry: &Entry) -> anyhow::Result<bool> {
    for existing in entries(home)? {
        if existing == *entry {
            return Ok(true);
        }
        if existing.body.id == entry.body.id {
            return Err(EnrolError::DuplicateId(entry.body.id.clone()).into());
        }
    }
    if let Some((_, owner)) = super::team::keys_in_use(home)?
        .into_iter()
        .find(|(key, _)| key == &entry.body.signing_key)
    {
        return Err(EnrolError::DuplicateKey(owner).into());
    }
    // A revoked key in the entries would make every later directory invalid.
    let fingerprint = poc_keys::fingerprint(&entry.body.signing_key);
    if let Some(revoked) = state(home)?
        .revoked
        .iter()
        .find(|r| r.fingerprint == fingerprint)
    {
        return Err(EnrolError::RevokedKey(revoked.id.clone()).into());
    }
    Ok(false)
}

/// An enrolment request `poc custodian add` accepted.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Added {
    /// The PoC id.
    pub id: String,
    /// Its organisation.
    pub org_name: String,
    /// Fingerprint of its signing key, as confirmed by phone.
    pub fingerprint: String,
    /// Whether the very same entry was already accepted (nothing changed).
    pub already_present: bool,
}

impl Added {
    /// The result of adding `entry`.
    pub fn of(entry: &Entry, already_present: bool) -> Self {
        Added {
            id: entry.body.id.to_string(),
            org_name: entry.body.org_name.clone(),
            fingerprint: poc_keys::FingerprintText(poc_keys::fingerprint(&entry.body.signing_key))
                .to_string(),
            already_present,
        }
    }
}

/// Reads an armoured enrolment request and checks it against the accepted entries: the
/// entry, and what the custodian confirms by phone before adding it (its fingerprint), or
/// that it is already accepted.
pub fn review_request(home: &Home, text: &str) -> anyhow::Result<(Entry, Added)> {
    let entry = read_request(text)?;
    let already = check_new(home, &entry)?;
    let shown = Added::of(&entry, already);
    Ok((entry, shown))
}

/// Whether `text` holds an armoured enrolment request (its BEGIN line), valid or not.
pub fn is_enrolment_request(text: &str) -> bool {
    text.contains(&format!("-----BEGIN {REQUEST_LABEL}-----"))
}

/// An enrolment request whose fingerprint the custodian did not confirm.
#[derive(Debug, thiserror::Error)]
#[error("not added: fingerprint not confirmed; confirm it with the PoC by phone first")]
pub struct NotConfirmed;

/// Adds a reviewed entry once the custodian confirmed its fingerprint with the PoC; without
/// that confirmation nothing is added ([`NotConfirmed`]), unless the very same entry is
/// already accepted.
pub fn add_confirmed(home: &Home, entry: &Entry, confirmed: bool) -> anyhow::Result<Added> {
    if !confirmed && !check_new(home, entry)? {
        return Err(NotConfirmed.into());
    }
    add(home, entry)
}

/// How long a published directory stays valid unless told otherwise (`--valid-for`).
pub const DEFAULT_VALIDITY: &str = "90d";

/// [`DEFAULT_VALIDITY`] in seconds.
pub fn default_validity_secs() -> u64 {
    humantime::parse_duration(DEFAULT_VALIDITY).map_or(90 * 86_400, |d| d.as_secs())
}

/// Adds a verified entry (after the custodian confirmed its fingerprint).
pub fn add(home: &Home, entry: &Entry) -> anyhow::Result<Added> {
    let already = check_new(home, entry)?;
    if !already {
        store_entry(home, entry)?;
    }
    Ok(Added::of(entry, already))
}

/// What a publication did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Published {
    /// Serial of the directory now in force.
    pub serial: u64,
    /// Entries in it.
    pub entries: usize,
    /// Members told about it with a signed directory notice.
    pub notified: usize,
}

/// The custodian key rotation `poc custodian rotate` did.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CustodianRotated {
    /// The new custodian key (64 hex digits).
    pub custodian_key: String,
    /// Its fingerprint.
    pub fingerprint: String,
    /// The directory the new key signed and published.
    pub published: Published,
}

/// What the custodian carries from one directory to the next.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CustodianState {
    /// Custodian key rotations, oldest first.
    pub rotations: Vec<KeyRotation>,
    /// Revoked keys.
    pub revoked: Vec<Revocation>,
}

fn state_path(home: &Home) -> anyhow::Result<PathBuf> {
    Ok(home.ensure_dir("custodian")?.join("state.bin"))
}

/// Whether `home` is the custodian's (made by `poc custodian init`): the home that keeps the
/// directory's entries, publishes and runs campaigns.
pub fn is_custodian_home(home: &Home) -> bool {
    home.path("custodian.pub").exists()
}

/// The custodian's rotations and revocations.
pub fn state(home: &Home) -> anyhow::Result<CustodianState> {
    let path = state_path(home)?;
    match std::fs::read(&path) {
        Ok(bytes) => decode(&bytes).with_context(|| format!("{} is damaged", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(CustodianState::default()),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

fn save_state(home: &Home, state: &CustodianState) -> anyhow::Result<()> {
    write_atomic(
        &state_path(home)?,
        &encode(state).context("encoding custodian state")?,
    )
}

/// The custodian key in force: the pinned one, or the last one it rotated to.
pub fn current_key(home: &Home) -> anyhow::Result<PublicKeyBytes> {
    let anchor = home.config()?.custodian_key;
    Ok(state(home)?.rotations.last().map_or(anchor, |r| r.new_key))
}

/// Signs a new directory of every accepted entry, encrypts it to the members, publishes it
/// with its access list to the relay, and notifies every member.
pub async fn publish(identity: &Identity, valid_for_secs: u64) -> anyhow::Result<Published> {
    let publishing = super::published::lock(&identity.home)?;
    let entries = entries(&identity.home)?;
    let state = state(&identity.home)?;
    publish_with(
        identity,
        &identity.key,
        entries,
        &state,
        valid_for_secs,
        &publishing,
    )
    .await
}

/// Publishes `entries` signed by `signer`, logging in to the relay with the identity's key
/// (they differ only during a custodian key rotation). The caller holds the home's
/// publication lock until the relay answered: the serial chosen here must not be chosen twice.
async fn publish_with(
    identity: &Identity,
    signer: &PocKey,
    entries: Vec<Entry>,
    state: &CustodianState,
    valid_for_secs: u64,
    _held: &super::published::PublishLock,
) -> anyhow::Result<Published> {
    let custodian_key = state
        .rotations
        .last()
        .map_or(identity.config.custodian_key, |r| r.new_key);
    if signer.signing_public() != custodian_key {
        anyhow::bail!("this identity does not hold the custodian key in force");
    }
    identity.relay()?;
    let current = identity.directory()?;
    let issued_at = identity.now();
    let in_force = current.as_ref().map(|c| (c.directory.serial, c.digest));
    // The last directory signed may be newer than the one in force: the relay may hold it.
    let last = match super::published::newest_above(
        &identity.home,
        &identity.config.custodian_key,
        in_force.map_or(0, |(serial, _)| serial),
    )? {
        Some(signed) => Some(signed),
        None => in_force,
    };
    let serial = match last {
        None => 1,
        Some((serial, _)) => serial
            .checked_add(1)
            .context("directory serial numbers are exhausted")?,
    };
    let previous_digest = last.map(|(_, digest)| digest);
    let (relay_list, k) = super::custodian_relays::for_publication(&identity.home)?;
    // One relay without operator or region is all that formats v1 and v2 can list: such a
    // directory is published in them, as before. Any other list needs format v3.
    let relays = match relay_list.as_slice() {
        [one] if one.operator.is_empty() && one.region.is_empty() => Some(vec![RelayInfo {
            address: one.address.clone(),
            tls_pin: one.tls_pin,
        }]),
        _ => None,
    };
    // A PoC with members is a team (format v2); the others stay one-key entries. Without any
    // team the directory is published in format v1, which every version of poc reads.
    let mut teams = Vec::new();
    let mut single = Vec::new();
    for entry in entries {
        match super::team::members_of(&identity.home, &entry.body.id)? {
            Some(members) => teams.push(Team {
                body: team_body(&entry.body),
                members,
            }),
            None => single.push(entry),
        }
    }
    let signed = if let (None, Some(relays)) = (teams.first(), relays.clone()) {
        sign_directory(
            signer,
            &Directory {
                serial,
                issued_at,
                expires_at: issued_at + valid_for_secs,
                previous_digest,
                custodian_key,
                custodian_rotations: state.rotations.clone(),
                revoked: state.revoked.clone(),
                relays,
                entries: single,
            },
        )?
    } else if let Some(relays) = relays {
        sign_team_directory(
            signer,
            &TeamDirectory {
                format: DIRECTORY_V2_FORMAT,
                serial,
                issued_at,
                expires_at: issued_at + valid_for_secs,
                previous_digest,
                custodian_key,
                custodian_rotations: state.rotations.clone(),
                teams,
                entries: single,
                revoked: state.revoked.clone(),
                relays,
            },
        )?
    } else {
        sign_relay_directory(
            signer,
            &RelayDirectory {
                format: DIRECTORY_V3_FORMAT,
                serial,
                issued_at,
                expires_at: issued_at + valid_for_secs,
                previous_digest,
                custodian_key,
                custodian_rotations: state.rotations.clone(),
                teams,
                entries: single,
                revoked: state.revoked.clone(),
                relays: relay_list,
                k,
            },
        )?
    };
    // Checked once here as every member will check it (the entries come from the
    // custodian's own files, but a wrong file must not reach the members); the notices below
    // reuse the keys.
    let directory = verify_any_directory(&identity.config.custodian_key, &signed)?;
    let recipients: Vec<_> = directory
        .teams
        .iter()
        .flat_map(|t| &t.members)
        .map(|m| m.encryption.clone())
        .collect();
    let sealed_directory = seal_directory(&signed, &recipients)?;
    let access_list = AccessList {
        serial: directory.serial,
        issued_at,
        custodian_key,
        custodian_rotations: state.rotations.clone(),
        sealed_directory_digest: poc_keys::directory::sealed_directory_digest(&sealed_directory),
        members: access_members(&directory.teams, &custodian_key),
    };
    let access_list = sign_access_list(signer, &access_list)?;
    super::published::record(&identity.home, serial, &signed)?;
    // To the relays of the directory being published: a relay it adds gets its first
    // directory, one it removes is no longer contacted.
    let list = identity.to_connect(super::relays::of_verified(
        &directory,
        identity.config.relay.as_ref(),
    ));
    let client = identity.connect_to(&list).await?;
    let result = async {
        // The relays' answers are not trusted for the serial: it is the one just signed.
        let (_, not_published) = client
            .publish(PublishedDirectory {
                access_list,
                sealed_directory,
            })
            .await
            .context("publishing to the relay")?;
        for (relay, e) in not_published {
            tracing::warn!(relay = %relay.address, error = %e, "a relay did not take the directory");
            identity.unreached.add(&relay.address);
        }
        let digest = poc_keys::directory::directory_digest(&signed);
        trust::accept(
            &identity.home,
            &identity.config.custodian_key,
            signed,
            identity.now(),
        )?;
        let notified = notify(identity, signer, &client, &directory, digest).await;
        Ok(Published {
            serial,
            entries: directory.teams.len(),
            notified,
        })
    }
    .await;
    identity.disconnect(client).await;
    result
}

/// Sends every PoC but the custodian a signed DirectoryNotice, one envelope per member. A
/// failure here does not undo the publication (members also find the new directory on their
/// next sync); it is logged.
async fn notify(
    identity: &Identity,
    signer: &PocKey,
    client: &Relays,
    directory: &VerifiedDirectory,
    digest: [u8; 32],
) -> usize {
    let me = &identity.config.id;
    let mut notices = Vec::new();
    for team in directory.teams.iter().filter(|t| &t.body.id != me) {
        let message = Message {
            from: me.clone(),
            to: team.body.id.clone(),
            sent_at: directory.issued_at,
            thread: None,
            language: "en".into(),
            tlp: Tlp::Clear,
            exercise: false,
            kind: MessageKind::DirectoryNotice(DirectoryNotice {
                serial: directory.serial,
                digest,
            }),
            attachments: Vec::new(),
        };
        let id = EnvelopeId(poc_keys::random_bytes::<16>());
        let sealed = encode(&message)
            .map_err(anyhow::Error::from)
            .and_then(|body| {
                team.members
                    .iter()
                    .map(|member| {
                        let header = RoutingHeader {
                            id,
                            to: member.public().mailbox(),
                            priority: Priority::Low,
                            expires_at: directory.issued_at + poc_proto::limits::DEFAULT_TTL_SECS,
                        };
                        poc_keys::seal(signer, &member.encryption, header, &body)
                            .map_err(anyhow::Error::from)
                    })
                    .collect::<anyhow::Result<Vec<_>>>()
            });
        match sealed {
            Ok(envelopes) => notices.push((envelopes, message, team.body.id.clone())),
            Err(e) => tracing::warn!(error = %e, "cannot seal a directory notice"),
        }
    }
    // Recorded in the outbox first, so that notices an interruption or a failure left
    // behind can be sent with `poc sent --resend-all`.
    let preparing: Vec<_> = notices
        .iter()
        .filter_map(|(e, m, to)| super::outbox::preparing(e, m, to, None))
        .collect();
    if let Err(e) = super::outbox::record_batch(identity, &preparing) {
        tracing::warn!(error = %e, "directory notices not recorded, none sent");
        return 0;
    }
    drop(preparing);
    let envelopes: Vec<Vec<poc_proto::Envelope>> = notices.into_iter().map(|(e, _, _)| e).collect();
    match super::deliver::deliver_all(
        identity,
        client,
        envelopes,
        poc_proto::limits::MAX_SUBMIT_BATCH,
        &mut |_, _| {},
    )
    .await
    .and_then(|r| r.map_err(anyhow::Error::from))
    {
        Ok(delivered) => {
            if !delivered.full.is_empty() {
                tracing::warn!(
                    mailboxes = delivered.full.len(),
                    "directory notices not delivered: mailbox full"
                );
            }
            delivered.stored
        }
        Err(e) => {
            tracing::warn!(error = %e, "directory notices not delivered");
            0
        }
    }
}

/// Rotates the custodian key: a new key, handed over by the old one, signs and publishes the
/// next directory. The new key is stored as `identity.next.age` before anything is sent, and
/// the other files change only once the relay accepted the directory.
///
/// When the publication fails, the new key stays: the relay may have accepted the directory
/// although its answer was lost (or the power failed), and members then follow the rotation
/// to that key. Running the rotation again finishes it with the same key; so does the next
/// unlock, once the relay serves the directory that key signs ([`adopt_rotation`]).
pub async fn rotate(
    identity: &Identity,
    passphrase: &SecretString,
    valid_for_secs: u64,
) -> anyhow::Result<(PocKey, Published)> {
    let home = &identity.home;
    // Nothing is written when there is nowhere to publish.
    identity.relay()?;
    // Held until the keystores changed: a second rotation at the same time would create a
    // second new key and could publish one that is not the key stored.
    let publishing = super::published::lock(home)?;
    let next_path = home.path(super::keys::NEXT_IDENTITY);
    let new = if next_path.exists() {
        poc_keys::keystore::load(&next_path, passphrase).with_context(|| {
            format!(
                "opening the new key of an unfinished rotation, {}",
                next_path.display()
            )
        })?
    } else {
        PocKey::generate()
    };
    let mut state = state(home)?;
    // An earlier run may have published and recorded the rotation, and stopped before the
    // keystores changed.
    if state.rotations.last().map(|r| r.new_key) != Some(new.signing_public()) {
        state
            .rotations
            .push(sign_rotation(&identity.key, &new.signing_public()));
    }
    let mut entries = entries(home)?;
    let own = entries
        .iter_mut()
        .find(|e| e.body.id == identity.config.id)
        .context("the custodian's own entry is missing")?;
    *own = own_entry_signed_by(identity, &own.body, &new)?;
    let own = own.clone();
    if !next_path.exists() {
        poc_keys::keystore::save(&next_path, &new, passphrase)?;
    }
    let published = publish_with(identity, &new, entries, &state, valid_for_secs, &publishing)
        .await
        .context(
            "the rotated directory may not have reached the relay; the new key is kept: run \
             `poc custodian rotate` again to finish the rotation with it",
        )?;
    save_state(home, &state)?;
    install_key(home, &identity.key, &new, &own)?;
    Ok((new, published))
}

/// The custodian's entry `body` with `new`'s keys, signed by it.
fn own_entry_signed_by(
    identity: &Identity,
    body: &poc_proto::EntryBody,
    new: &PocKey,
) -> anyhow::Result<Entry> {
    let mut body = body.clone();
    body.signing_key = new.signing_public();
    body.encryption_key = new.public().encryption.to_string();
    body.updated_at = identity.now();
    Ok(poc_keys::directory::sign_entry(new, body)?)
}

/// Makes `new` the custodian key in the home's files, the keystores last: its own entry,
/// `custodian.pub`, then `identity.next.age` becomes the identity (the old one archived).
/// Each step can run again, so a rotation cut short by a crash is finished by the next run.
fn install_key(home: &Home, old: &PocKey, new: &PocKey, own: &Entry) -> anyhow::Result<()> {
    store_entry(home, own)?;
    write_atomic(
        &home.path("custodian.pub"),
        format!("{}\n", new.signing_public()).as_bytes(),
    )?;
    super::keys::promote(home, old)
}

/// Whether a custodian key rotation is unfinished: its new key is stored, and the relay's
/// acceptance of the directory it signs was not seen yet.
pub fn rotation_pending(home: &Home) -> bool {
    home.path(super::keys::NEXT_IDENTITY).exists()
}

/// The rotation an unlock finished ([`adopt_rotation`]), reported as [`rotate`] reports one:
/// the key now in force and the directory in force, which it signed.
pub fn finished_rotation(identity: &Identity) -> anyhow::Result<CustodianRotated> {
    let directory = super::require_directory(identity)?;
    Ok(CustodianRotated {
        custodian_key: identity.key.signing_public().to_string(),
        fingerprint: poc_keys::FingerprintText(identity.key.fingerprint()).to_string(),
        published: Published {
            serial: directory.directory.serial,
            entries: directory.teams().len(),
            notified: 0,
        },
    })
}

/// For a custodian home at unlock, when the relay serves `directory`, signed by the pending
/// new key `new` (a rotation whose answer never arrived): records the rotation from the
/// directory and makes `new` the custodian key, as [`rotate`] would have. The caller then
/// switches its identity to `new`.
pub fn adopt_rotation(
    identity: &Identity,
    new: &PocKey,
    directory: &VerifiedDirectory,
) -> anyhow::Result<()> {
    let home = &identity.home;
    if directory.custodian_key != new.signing_public() {
        anyhow::bail!("the directory in force is not signed by the pending new custodian key");
    }
    let mut state = state(home)?;
    if state.rotations.last().map(|r| r.new_key) != Some(new.signing_public()) {
        // The directory's chain verified from the pinned key; it must extend the one here.
        if !directory.custodian_rotations.starts_with(&state.rotations) {
            anyhow::bail!(
                "the published custodian key rotations do not extend the ones this home \
                 recorded: restore the custodian's home from a backup"
            );
        }
        state.rotations = directory.custodian_rotations.clone();
        save_state(home, &state)?;
    }
    let own = entries(home)?
        .into_iter()
        .find(|e| e.body.id == identity.config.id)
        .context("the custodian's own entry is missing")?;
    let own = own_entry_signed_by(identity, &own.body, new)?;
    install_key(home, &identity.key, new, &own)
}

/// A key revoked by `poc custodian revoke`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Revoked {
    /// The PoC whose key it was.
    pub id: String,
    /// Fingerprint of the revoked key.
    pub fingerprint: String,
    /// Why, as published with the revocation.
    pub reason: String,
    /// When it was revoked.
    pub revoked_at: Timestamp,
}

impl Revoked {
    /// The view of `revocation`.
    pub fn of(revocation: &Revocation) -> Self {
        Revoked {
            id: revocation.id.to_string(),
            fingerprint: poc_keys::FingerprintText(revocation.fingerprint).to_string(),
            reason: revocation.reason.clone(),
            revoked_at: revocation.revoked_at.into(),
        }
    }
}

/// Withdraws a PoC's key: its entry leaves the next directory and its key is listed as revoked
/// (dated `now`, Unix seconds).
pub fn revoke(home: &Home, id: &PocId, reason: &str, now: u64) -> anyhow::Result<Revocation> {
    if *id == home.config()?.id {
        anyhow::bail!(
            "the custodian cannot revoke itself; rotate its key instead (`poc custodian rotate`)"
        );
    }
    if reason.trim().is_empty() {
        anyhow::bail!("give a reason with --reason (it is published with the revocation)");
    }
    let accepted = entries(home)?;
    let Some(entry) = accepted.iter().find(|e| &e.body.id == id) else {
        let ids: Vec<String> = accepted.iter().map(|e| e.body.id.to_string()).collect();
        let hint = crate::compose::did_you_mean(&id.to_string(), ids.iter().map(String::as_str))
            .map(|near| format!(" (did you mean {near}?)"))
            .unwrap_or_default();
        return Err(Failure::not_found(anyhow::anyhow!(
            "{id} is not among the accepted entries{hint}; `poc custodian show` lists them"
        ))
        .into());
    };
    let revocation = Revocation {
        fingerprint: poc_keys::fingerprint(&entry.body.signing_key),
        id: id.clone(),
        reason: reason.trim().to_owned(),
        revoked_at: now,
    };
    // Every member key of the PoC is revoked with it.
    let mut state = state(home)?;
    state.revoked.push(revocation.clone());
    for member in super::team::members_of(home, id)?.unwrap_or_default() {
        let fingerprint = poc_keys::fingerprint(&member.record.signing_key);
        if !state.revoked.iter().any(|r| r.fingerprint == fingerprint) {
            state.revoked.push(Revocation {
                fingerprint,
                ..revocation.clone()
            });
        }
    }
    save_state(home, &state)?;
    let path = entries_dir(home)?.join(format!("{id}.entry"));
    std::fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
    super::team::remove_members(home, id)?;
    Ok(revocation)
}

/// Adds a revocation to the custodian state (published with the next directory).
pub(crate) fn add_revocation(home: &Home, revocation: Revocation) -> anyhow::Result<()> {
    let mut state = state(home)?;
    state.revoked.push(revocation);
    save_state(home, &state)
}

/// The entries `poc custodian stale` lists.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Stale {
    /// The age threshold, in seconds.
    pub older_than_seconds: u64,
    /// Accepted entries not confirmed by their PoC for that long, sorted by id.
    pub stale: Vec<EntryView>,
}

/// [`stale`] as a result.
pub fn stale_entries(home: &Home, older_than_secs: u64, now: u64) -> anyhow::Result<Stale> {
    Ok(Stale {
        older_than_seconds: older_than_secs,
        stale: stale(home, older_than_secs, now)?
            .iter()
            .map(EntryView::of)
            .collect(),
    })
}

/// Entries whose owner has not confirmed them (updated_at) for `older_than_secs` before
/// `now` (Unix seconds).
pub fn stale(home: &Home, older_than_secs: u64, now: u64) -> anyhow::Result<Vec<Entry>> {
    let limit = now.saturating_sub(older_than_secs);
    Ok(entries(home)?
        .into_iter()
        .filter(|e| e.body.updated_at < limit)
        .collect())
}

//! Custodian operations: identity, relay, invitations, enrolment, publication.

use std::path::PathBuf;

use age::secrecy::SecretString;
use anyhow::Context;
use poc_keys::directory::{seal_directory, sign_access_list, sign_directory, verify_entry};
use poc_keys::rotation::sign_rotation;
use poc_keys::{PocKey, PocPublic, RoutingHeader};
use poc_proto::{
    decode, encode, AccessList, Directory, DirectoryNotice, EnrolmentRequest, Entry, EnvelopeId,
    KeyRotation, Member, Message, MessageKind, PocId, Priority, PublicKeyBytes, PublishedDirectory,
    RelayInfo, Revocation, Role, Tlp,
};

use super::enrol::{self, Created, REQUEST_LABEL};
use super::{Identity, Profile};
use crate::armor::dearmor;
use crate::home::{write_atomic, Home, RelayAddress};
use crate::invite::Invite;
use crate::transport::RelayClient;
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

/// Records the relay address and TLS pin (printed by `poc-relay init`).
pub fn set_relay(home: &Home, address: &str, pin: &str) -> anyhow::Result<RelayAddress> {
    poc_keys::tls_pin::pin_from_text(pin)?;
    let mut config = home.config()?;
    let relay = RelayAddress {
        address: address.to_owned(),
        tls_pin: pin.trim().to_ascii_lowercase(),
    };
    config.relay = Some(relay.clone());
    home.save_config(&config)?;
    Ok(relay)
}

/// An invitation for `id`, pinning the custodian key in force (not a retired one).
pub fn invite(home: &Home, id: &PocId) -> anyhow::Result<Invite> {
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
    })
}

/// Parses and verifies an armoured enrolment request.
pub fn read_request(text: &str) -> anyhow::Result<Entry> {
    let bytes = dearmor(REQUEST_LABEL, text)?;
    let request: EnrolmentRequest = decode(&bytes).context("the enrolment request is malformed")?;
    verify_entry(&request.entry).context("the enrolment request is invalid")?;
    Ok(request.entry)
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
        if existing.body.signing_key == entry.body.signing_key {
            return Err(EnrolError::DuplicateKey(existing.body.id.clone()).into());
        }
    }
    Ok(false)
}

/// Adds a verified entry (after the custodian confirmed its fingerprint).
pub fn add(home: &Home, entry: &Entry) -> anyhow::Result<()> {
    if check_new(home, entry)? {
        return Ok(());
    }
    store_entry(home, entry)
}

/// What a publication did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    /// Serial now in force.
    pub serial: u64,
    /// Entries in it.
    pub entries: usize,
    /// Members told about it with a signed DirectoryNotice.
    pub notified: usize,
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
    let entries = entries(&identity.home)?;
    let state = state(&identity.home)?;
    publish_with(identity, &identity.key, entries, &state, valid_for_secs).await
}

/// Publishes `entries` signed by `signer`, logging in to the relay with the identity's key
/// (they differ only during a custodian key rotation).
async fn publish_with(
    identity: &Identity,
    signer: &PocKey,
    entries: Vec<Entry>,
    state: &CustodianState,
    valid_for_secs: u64,
) -> anyhow::Result<Published> {
    let custodian_key = state
        .rotations
        .last()
        .map_or(identity.config.custodian_key, |r| r.new_key);
    if signer.signing_public() != custodian_key {
        anyhow::bail!("this identity does not hold the custodian key in force");
    }
    let relay = identity.relay()?.clone();
    let current = identity.directory()?;
    let issued_at = identity.now();
    let directory = Directory {
        serial: current.as_ref().map_or(1, |c| c.directory.serial + 1),
        issued_at,
        expires_at: issued_at + valid_for_secs,
        previous_digest: current.as_ref().map(|c| c.digest),
        custodian_key,
        custodian_rotations: state.rotations.clone(),
        revoked: state.revoked.clone(),
        relays: vec![RelayInfo {
            address: relay.address.clone(),
            tls_pin: relay.pin()?,
        }],
        entries,
    };
    let signed = sign_directory(signer, &directory)?;
    // Checked once here (the entries come from the custodian's own files); the notices below
    // reuse the keys.
    let members = directory
        .entries
        .iter()
        .map(verify_entry)
        .collect::<Result<Vec<_>, _>>()?;
    let recipients: Vec<_> = members.iter().map(|m| m.encryption.clone()).collect();
    let sealed_directory = seal_directory(&signed, &recipients)?;
    let access_list = AccessList {
        serial: directory.serial,
        issued_at,
        custodian_key,
        custodian_rotations: state.rotations.clone(),
        sealed_directory_digest: poc_keys::directory::sealed_directory_digest(&sealed_directory),
        members: directory
            .entries
            .iter()
            .map(|e| Member {
                signing_key: e.body.signing_key,
                custodian: e.body.signing_key == custodian_key,
            })
            .collect(),
    };
    let access_list = sign_access_list(signer, &access_list)?;
    let client = identity.connect().await?;
    let result = async {
        let serial = client
            .publish(PublishedDirectory {
                access_list,
                sealed_directory,
            })
            .await
            .context("publishing to the relay")?;
        let history = identity.home.ensure_dir("custodian/published")?;
        write_atomic(
            &history.join(format!("{serial}.bin")),
            &encode(&signed).context("encoding the directory")?,
        )?;
        let digest = poc_keys::directory::directory_digest(&signed);
        trust::accept(
            &identity.home,
            &identity.config.custodian_key,
            signed,
            identity.now(),
        )?;
        let notified = notify(identity, signer, &client, &directory, &members, digest).await;
        Ok(Published {
            serial,
            entries: directory.entries.len(),
            notified,
        })
    }
    .await;
    client.close().await;
    result
}

/// Sends every member but the custodian a signed DirectoryNotice. A failure here does not undo
/// the publication (members also find the new directory on their next sync); it is logged.
async fn notify(
    identity: &Identity,
    signer: &PocKey,
    client: &RelayClient<'_>,
    directory: &Directory,
    members: &[PocPublic],
    digest: [u8; 32],
) -> usize {
    let me = &identity.config.id;
    let mut envelopes = Vec::new();
    for (entry, public) in directory
        .entries
        .iter()
        .zip(members)
        .filter(|(e, _)| &e.body.id != me)
    {
        let message = Message {
            from: me.clone(),
            to: entry.body.id.clone(),
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
        let header = RoutingHeader {
            id: EnvelopeId(poc_keys::random_bytes::<16>()),
            to: public.mailbox(),
            priority: Priority::Low,
            expires_at: directory.issued_at + poc_proto::limits::DEFAULT_TTL_SECS,
        };
        match encode(&message)
            .map_err(anyhow::Error::from)
            .and_then(|body| {
                poc_keys::seal(signer, &public.encryption, header, &body)
                    .map_err(anyhow::Error::from)
            }) {
            Ok(envelope) => envelopes.push(envelope),
            Err(e) => tracing::warn!(error = %e, "cannot seal a directory notice"),
        }
    }
    match super::deliver::deliver_all(
        client,
        envelopes,
        poc_proto::limits::MAX_SUBMIT_BATCH,
        &mut |_, _| {},
    )
    .await
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
/// next directory. Files change only once the relay accepted it.
pub async fn rotate(
    identity: &Identity,
    passphrase: &SecretString,
    valid_for_secs: u64,
) -> anyhow::Result<(PocKey, Published)> {
    let home = &identity.home;
    let next_path = home.path("identity.next.age");
    if next_path.exists() {
        anyhow::bail!(
            "{} exists: a previous rotation did not finish; remove it after checking",
            next_path.display()
        );
    }
    let new = PocKey::generate();
    let mut state = state(home)?;
    state
        .rotations
        .push(sign_rotation(&identity.key, &new.signing_public()));
    let mut entries = entries(home)?;
    let own = entries
        .iter_mut()
        .find(|e| e.body.id == identity.config.id)
        .context("the custodian's own entry is missing")?;
    let mut body = own.body.clone();
    body.signing_key = new.signing_public();
    body.encryption_key = new.public().encryption.to_string();
    body.updated_at = identity.now();
    *own = poc_keys::directory::sign_entry(&new, body)?;
    let own = own.clone();
    poc_keys::keystore::save(&next_path, &new, passphrase)?;
    let published = match publish_with(identity, &new, entries, &state, valid_for_secs).await {
        Ok(published) => published,
        Err(e) => {
            let _ = std::fs::remove_file(&next_path);
            return Err(e);
        }
    };
    save_state(home, &state)?;
    store_entry(home, &own)?;
    super::keys::promote(home, &identity.key)?;
    write_atomic(
        &home.path("custodian.pub"),
        format!("{}\n", new.signing_public()).as_bytes(),
    )?;
    Ok((new, published))
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
    let entry = entries(home)?
        .into_iter()
        .find(|e| &e.body.id == id)
        .ok_or_else(|| {
            crate::mailbox::LookupError::NotFound(format!("{id} among the accepted entries"))
        })?;
    let revocation = Revocation {
        fingerprint: poc_keys::fingerprint(&entry.body.signing_key),
        id: id.clone(),
        reason: reason.trim().to_owned(),
        revoked_at: now,
    };
    let mut state = state(home)?;
    state.revoked.push(revocation.clone());
    save_state(home, &state)?;
    let path = entries_dir(home)?.join(format!("{id}.entry"));
    std::fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
    Ok(revocation)
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

//! Custodian operations: identity, relay, invitations, enrolment, publication.

use std::path::PathBuf;

use age::secrecy::SecretString;
use anyhow::Context;
use poc_keys::directory::{seal_directory, sign_access_list, sign_directory, verify_entry};
use poc_proto::{
    decode, encode, AccessList, Directory, EnrolmentRequest, Entry, Member, PocId,
    PublishedDirectory, RelayInfo, Role,
};
use sha2::{Digest, Sha256};

use super::enrol::{self, Created, REQUEST_LABEL};
use super::{Identity, Profile};
use crate::armor::dearmor;
use crate::home::{write_atomic, Home, RelayAddress};
use crate::invite::Invite;
use crate::trust::{self, now};

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

/// Creates the custodian identity; its signing key becomes the directory key every member pins.
pub fn init(
    home: &Home,
    id: &PocId,
    profile: &Profile,
    passphrase: &SecretString,
) -> anyhow::Result<Created> {
    if id.role() != Role::Custodian {
        anyhow::bail!("the custodian id must have the custodian role, e.g. UNODA.custodian");
    }
    let created = enrol::create(home, id, None, None, profile, passphrase)?;
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

/// An invitation for `id`.
pub fn invite(home: &Home, id: &PocId) -> anyhow::Result<Invite> {
    let config = home.config()?;
    let relay = config
        .relay
        .context("no relay configured: run `poc custodian relay ADDR --pin PIN` first")?;
    Ok(Invite {
        id: id.clone(),
        custodian_key: config.custodian_key,
        custodian_fingerprint: poc_keys::FingerprintText(poc_keys::fingerprint(
            &config.custodian_key,
        ))
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

fn store_entry(home: &Home, entry: &Entry) -> anyhow::Result<()> {
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
}

/// Signs a new directory of every accepted entry, encrypts it to the members, and publishes
/// it with its access list to the relay.
pub async fn publish(identity: &Identity, valid_for_secs: u64) -> anyhow::Result<Published> {
    if identity.key.signing_public() != identity.config.custodian_key {
        anyhow::bail!("this identity is not the custodian");
    }
    let relay = identity.relay()?.clone();
    let entries = entries(&identity.home)?;
    let current = identity.directory()?;
    let issued_at = now();
    let directory = Directory {
        serial: current.as_ref().map_or(1, |c| c.directory.serial + 1),
        issued_at,
        expires_at: issued_at + valid_for_secs,
        previous_digest: current.as_ref().map(|c| c.digest),
        custodian_key: identity.config.custodian_key,
        revoked: current.map(|c| c.directory.revoked).unwrap_or_default(),
        relays: vec![RelayInfo {
            address: relay.address.clone(),
            tls_pin: relay.pin()?,
        }],
        entries,
    };
    let signed = sign_directory(&identity.key, &directory)?;
    let recipients = directory
        .entries
        .iter()
        .map(|e| verify_entry(e).map(|public| public.encryption))
        .collect::<Result<Vec<_>, _>>()?;
    let sealed_directory = seal_directory(&signed, &recipients)?;
    let access_list = AccessList {
        serial: directory.serial,
        issued_at,
        sealed_directory_digest: Sha256::digest(&sealed_directory).into(),
        members: directory
            .entries
            .iter()
            .map(|e| Member {
                signing_key: e.body.signing_key,
                custodian: e.body.signing_key == identity.config.custodian_key,
            })
            .collect(),
    };
    let access_list = sign_access_list(&identity.key, &access_list)?;
    let client = identity.connect().await?;
    let serial = client
        .publish(PublishedDirectory {
            access_list,
            sealed_directory,
        })
        .await
        .context("publishing to the relay")?;
    client.close().await;
    let history = identity.home.ensure_dir("custodian/published")?;
    write_atomic(
        &history.join(format!("{serial}.bin")),
        &encode(&signed).context("encoding the directory")?,
    )?;
    trust::accept(&identity.home, &identity.config.custodian_key, signed)?;
    Ok(Published {
        serial,
        entries: directory.entries.len(),
    })
}

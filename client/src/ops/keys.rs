//! Changing one's own entry: contact updates and key rotation, requested from the custodian
//! through the relay, and the switch to a new key once the custodian has published it.
//!
//! A rotation creates `identity.next.age` (new keys, same passphrase) and sends the custodian
//! an [`EntryUpdate`] signed by the current key, carrying the new self-signed entry and the
//! old key's hand-over to the new one. When a later command finds that the relay admits the new
//! key and the directory lists it, the old keystore moves to `keys/<fingerprint>.age` (kept to
//! read envelopes encrypted to it) and the new one becomes `identity.age`. A member of a team
//! asks for a new member record instead of a new entry (see [`super::member_changes`]); the
//! switch is the same.

use age::secrecy::SecretString;
use anyhow::Context;
use poc_keys::directory::{open_directory, sign_entry};
use poc_keys::rotation::sign_rotation;
use poc_keys::PocKey;
use poc_proto::{EntryBody, EntryUpdate, ErrorCode, MessageKind, PocId, Priority, Tlp};

use super::send::{send, Outgoing, SentEnvelope};
use super::Identity;
use crate::error::Failure;
use crate::home::Home;
use crate::profile::{self, ProfileError};
use crate::transport::relays::Relays;
use crate::transport::{RelayClient, TransportError};
use crate::trust::{self, TrustedDirectory};

/// The keystore of a requested, not yet published, new key.
pub const NEXT_IDENTITY: &str = "identity.next.age";

/// Contact fields to change; `None` keeps the current value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileChanges {
    /// Organisation name.
    pub org_name: Option<String>,
    /// E-mail addresses (replace the list).
    pub emails: Option<Vec<String>>,
    /// Telephone numbers (replace the list).
    pub phones: Option<Vec<String>>,
    /// Languages (replace the list).
    pub languages: Option<Vec<String>>,
    /// Web page.
    pub webpage: Option<String>,
    /// Time zone.
    pub time_zone: Option<String>,
}

impl ProfileChanges {
    /// Whether nothing would change.
    pub fn is_empty(&self) -> bool {
        *self == ProfileChanges::default()
    }

    /// Refuses no change at all, and any field [`Self::validate`] refuses.
    pub fn check(&self) -> anyhow::Result<()> {
        if self.is_empty() {
            anyhow::bail!("nothing to change: give at least one of --org-name, --email, --phone, --lang, --webpage, --time-zone");
        }
        Ok(self.validate()?)
    }

    /// Checks every field given, as `poc init` checks a new profile (see
    /// [`crate::profile`]); fields left unchanged are not checked.
    pub fn validate(&self) -> Result<(), ProfileError> {
        if let Some(v) = &self.org_name {
            profile::check_org_name(v)?;
        }
        if let Some(v) = &self.emails {
            profile::check_emails(v)?;
        }
        if let Some(v) = &self.phones {
            profile::check_phones(v)?;
        }
        if let Some(v) = &self.languages {
            profile::check_languages(v)?;
        }
        if let Some(v) = &self.webpage {
            profile::check_webpage(v)?;
        }
        if let Some(v) = &self.time_zone {
            profile::check_time_zone(v)?;
        }
        Ok(())
    }

    fn apply(&self, body: &mut EntryBody) {
        if let Some(v) = &self.org_name {
            body.org_name = v.clone();
        }
        if let Some(v) = &self.emails {
            body.emails = v.clone();
        }
        if let Some(v) = &self.phones {
            body.phones = v.clone();
        }
        if let Some(v) = &self.languages {
            body.languages = v.clone();
        }
        if let Some(v) = &self.webpage {
            body.webpage = Some(v.clone());
        }
        if let Some(v) = &self.time_zone {
            body.time_zone = Some(v.clone());
        }
    }
}

/// The custodian's PoC id in a directory.
pub fn custodian_id(directory: &TrustedDirectory) -> anyhow::Result<PocId> {
    directory
        .member_by_key(&directory.directory.custodian_key)
        .map(|(team, _)| team.body.id.clone())
        .context("the directory has no entry for the custodian key")
}

fn own_body(identity: &Identity, directory: &TrustedDirectory) -> anyhow::Result<EntryBody> {
    let team = directory.team(&identity.config.id).ok_or_else(|| {
        Failure::verification(anyhow::anyhow!(
            "this PoC is not in the directory yet: wait until the custodian has published it, then run `poc directory sync`"
        ))
    })?;
    let Some(member) = team.member(&identity.key.signing_public()) else {
        return Err(Failure::verification(anyhow::anyhow!(
            "the directory lists another key for this PoC: if a key rotation is pending, wait until the custodian has published it"
        ))
        .into());
    };
    let b = &team.body;
    Ok(EntryBody {
        id: b.id.clone(),
        org_name: b.org_name.clone(),
        webpage: b.webpage.clone(),
        emails: b.emails.clone(),
        phones: b.phones.clone(),
        languages: b.languages.clone(),
        time_zone: b.time_zone.clone(),
        signing_key: member.record.signing_key,
        encryption_key: member.record.encryption_key.clone(),
        created_at: b.created_at,
        updated_at: b.updated_at,
    })
}

/// Sends `kind`, an update request, to the custodian.
pub(crate) async fn request(
    identity: &Identity,
    client: &Relays,
    directory: &TrustedDirectory,
    kind: MessageKind,
) -> anyhow::Result<SentEnvelope> {
    let outgoing = Outgoing {
        to: vec![custodian_id(directory)?],
        priority: Priority::Medium,
        tlp: Tlp::Amber,
        language: None,
        exercise: false,
        thread: None,
        ttl_secs: poc_proto::limits::DEFAULT_TTL_SECS,
        kind,
        attachments: Vec::new(),
    };
    let sent = send(identity, client, directory, &outgoing).await?;
    sent.into_iter().next().context("no request was sent")
}

/// Asks the custodian to update this PoC's contact details.
pub async fn request_update(
    identity: &Identity,
    client: &Relays,
    directory: &TrustedDirectory,
    changes: &ProfileChanges,
) -> anyhow::Result<SentEnvelope> {
    if changes.is_empty() {
        anyhow::bail!("nothing to change: give at least one of --org-name, --email, --phone, --lang, --webpage, --time-zone");
    }
    changes.validate()?;
    let mut body = own_body(identity, directory)?;
    changes.apply(&mut body);
    body.updated_at = identity.now();
    let entry = sign_entry(&identity.key, body)?;
    request(
        identity,
        client,
        directory,
        MessageKind::EntryUpdate(Box::new(EntryUpdate {
            entry,
            rotation: None,
        })),
    )
    .await
}

/// Creates a new key pair, stored as `identity.next.age` before anything is sent, and asks
/// the custodian to replace the current one with it: the PoC's entry for a PoC held by one
/// key, this member's record (same label, new keys) for a member of a team. When a new key is
/// already pending, its request is sent again instead (the first may never have arrived).
pub async fn request_rotation(
    identity: &Identity,
    client: &Relays,
    directory: &TrustedDirectory,
    passphrase: &SecretString,
) -> anyhow::Result<(PocKey, SentEnvelope)> {
    let next_path = identity.home.path(NEXT_IDENTITY);
    // A pending new key whose request may never have reached the custodian (the command was
    // interrupted, the power failed, the relay's answer was lost): its request is sent again.
    let pending = next_path.exists();
    let new = if pending {
        poc_keys::keystore::load(&next_path, passphrase)
            .with_context(|| format!("opening the pending new key {}", next_path.display()))?
    } else {
        PocKey::generate()
    };
    let mut body = own_body(identity, directory)?;
    let label = directory
        .member_by_key(&identity.key.signing_public())
        .map(|(_, m)| m.record.label.clone())
        .unwrap_or_default();
    let kind = if label.is_empty() {
        body.signing_key = new.signing_public();
        body.encryption_key = new.public().encryption.to_string();
        body.updated_at = identity.now();
        let entry = sign_entry(&new, body)?;
        let rotation = sign_rotation(&identity.key, &new.signing_public());
        MessageKind::EntryUpdate(Box::new(EntryUpdate {
            entry,
            rotation: Some(rotation),
        }))
    } else {
        MessageKind::MemberKeyUpdate(Box::new(super::member_changes::key_update(
            &identity.key,
            &new,
            &identity.config.id,
            &label,
            identity.now(),
        )?))
    };
    if !pending {
        poc_keys::keystore::save(&next_path, &new, passphrase)?;
    }
    // On failure the new key stays: the relay may have stored the request although its answer
    // was lost, and the custodian may publish that key; the next rotation sends it again.
    let sent = request(identity, client, directory, kind).await?;
    Ok((new, sent))
}

/// Archives the current keystore under `keys/` and makes `identity.next.age` current.
pub fn promote(home: &Home, old: &PocKey) -> anyhow::Result<()> {
    let archive_dir = home.ensure_dir("keys")?;
    let archive = archive_dir.join(format!("{}.age", old.fingerprint()));
    let current = home.identity_path();
    // Archived as a copy first, then replaced in one rename: there is no moment without a
    // keystore under the identity's name, whatever stops the process.
    let keystore =
        std::fs::read(&current).with_context(|| format!("reading {}", current.display()))?;
    crate::home::write_atomic(&archive, &keystore)
        .with_context(|| format!("archiving {}", current.display()))?;
    std::fs::rename(home.path(NEXT_IDENTITY), &current)
        .with_context(|| format!("installing the new {}", current.display()))?;
    for dir in [archive_dir.as_path(), home.root()] {
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .with_context(|| format!("syncing {}", dir.display()))?;
    }
    Ok(())
}

/// Retired identities, to read envelopes that were encrypted to them.
pub fn archived(home: &Home, passphrase: &SecretString) -> anyhow::Result<Vec<PocKey>> {
    let dir = home.path("keys");
    let Ok(items) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut keys = Vec::new();
    for item in items {
        let path = item?.path();
        if path.extension().is_some_and(|e| e == "age") {
            keys.push(
                poc_keys::keystore::load(&path, passphrase)
                    .with_context(|| format!("opening {}", path.display()))?,
            );
        }
    }
    Ok(keys)
}

/// What every front end does right after the passphrase opened `identity`: switches to a
/// pending new key the custodian has published, and remembers the public key for `poc
/// whoami`. Returns the new key's fingerprint when it switched.
pub async fn settle(
    identity: &mut Identity,
    passphrase: &SecretString,
) -> anyhow::Result<Option<String>> {
    let switched = promote_if_published(identity, passphrase).await?;
    super::whoami::remember_key(&identity.home, &identity.key.signing_public())?;
    Ok(switched.then(|| poc_keys::FingerprintText(identity.key.fingerprint()).to_string()))
}

/// Switches to the pending new key if the custodian has published it. Returns whether it did.
pub async fn promote_if_published(
    identity: &mut Identity,
    passphrase: &SecretString,
) -> anyhow::Result<bool> {
    let next_path = identity.home.path(NEXT_IDENTITY);
    if !next_path.exists() {
        return Ok(false);
    }
    let next = poc_keys::keystore::load(&next_path, passphrase)?;
    // The first relay of the directory answers for all: each holds the same publication.
    let list = identity.relay_list()?;
    let relay = match list.relays.first() {
        Some(listed) => listed.address.clone(),
        None => identity.relay()?.clone(),
    };
    let client = match RelayClient::connect_with(&relay, &next, identity.options.clone()).await {
        Ok(client) => client,
        Err(TransportError::Refused(e)) if e.code == ErrorCode::AuthFailed => return Ok(false),
        // The relay cannot tell now: the unlock goes on with the current key (a command
        // that needs the relay then says so itself), and the next unlock asks again.
        Err(e) => {
            tracing::warn!(error = %e, "could not ask the relay whether the pending new key was published");
            return Ok(false);
        }
    };
    let have = identity.directory()?.map_or(0, |d| d.directory.serial);
    let published = client.get_directory(have).await;
    client.close().await;
    if let Some(published) = published? {
        let signed = open_directory(&next, &published.sealed_directory)?;
        trust::accept(
            &identity.home,
            &identity.config.custodian_key,
            signed,
            identity.now(),
        )?;
    }
    let listed = identity.directory()?.is_some_and(|d| {
        d.member_by_key(&next.signing_public())
            .is_some_and(|(t, _)| t.body.id == identity.config.id)
    });
    if !listed {
        return Ok(false);
    }
    if super::custodian::is_custodian_home(&identity.home) {
        // The custodian's rotation also changes its state and `custodian.pub`.
        let directory = super::require_directory(identity)?;
        super::custodian::adopt_rotation(identity, &next, &directory.directory)?;
    } else {
        promote(&identity.home, &identity.key)?;
    }
    let old = std::mem::replace(&mut identity.key, next);
    identity.archived.push(old);
    Ok(true)
}

/// `poc keys rotate` and the UI's button: fetches first (envelopes for the old key cannot be
/// fetched after the switch), then creates the new key, stores it under `passphrase` and
/// asks the custodian to switch to it.
pub async fn rotate(
    identity: &Identity,
    passphrase: &SecretString,
) -> anyhow::Result<RotationRequested> {
    let (new, sent) = super::online(identity, async |client| {
        super::inbox::fetch(identity, client).await?;
        let dir = super::require_directory(identity)?;
        request_rotation(identity, client, &dir, passphrase).await
    })
    .await?;
    Ok(RotationRequested {
        sent: vec![sent],
        new_fingerprint: poc_keys::FingerprintText(new.fingerprint()).to_string(),
    })
}

/// Refuses `passphrase` unless it opens this identity's keystore (asked again before a
/// change that stores a new key under it).
pub fn confirm_passphrase(identity: &Identity, passphrase: &SecretString) -> anyhow::Result<()> {
    let key = poc_keys::keystore::load(&identity.home.identity_path(), passphrase)?;
    if key.signing_public() != identity.key.signing_public() {
        anyhow::bail!("this passphrase opens another key than the unlocked one: lock, unlock again, and retry");
    }
    Ok(())
}

/// `poc update` and the UI's form: checks `changes`, then asks the custodian to apply them.
pub async fn update(
    identity: &Identity,
    changes: &ProfileChanges,
) -> anyhow::Result<UpdateRequested> {
    changes.check()?;
    let sent = super::online(identity, async |client| {
        let dir = super::require_directory(identity)?;
        request_update(identity, client, &dir, changes).await
    })
    .await?;
    Ok(UpdateRequested { sent: vec![sent] })
}

/// A request to the custodian to change this PoC's contact details (`poc update`).
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub struct UpdateRequested {
    /// The request, as sent to the custodian.
    pub sent: Vec<SentEnvelope>,
}

/// A new key and the request to the custodian to switch to it (`poc keys rotate`).
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub struct RotationRequested {
    /// The request, as sent to the custodian.
    pub sent: Vec<SentEnvelope>,
    /// Fingerprint of the new key, to read to the custodian.
    pub new_fingerprint: String,
}

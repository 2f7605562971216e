//! `poc init`: a new PoC identity and its self-signed enrolment request.

use age::secrecy::SecretString;
use anyhow::Context;
use poc_keys::directory::sign_entry;
use poc_keys::PocKey;
use poc_proto::{encode, EnrolmentRequest, EntryBody, PocId};

use super::Profile;
use crate::armor::armor;
use crate::home::{Home, PocConfig, RelayAddress};

/// Armour label of enrolment requests.
pub const REQUEST_LABEL: &str = "POC ENROLMENT REQUEST";

/// A created identity.
#[derive(Debug)]
pub struct Created {
    /// The new key (unlocked).
    pub key: PocKey,
    /// Its self-signed entry.
    pub entry: poc_proto::Entry,
    /// The armoured enrolment request to send to the custodian.
    pub request: String,
}

/// The self-signed entry of `key` with `profile`, created at `now` (Unix seconds).
pub fn entry_body(id: &PocId, key: &PocKey, profile: &Profile, now: u64) -> EntryBody {
    let t = now;
    EntryBody {
        id: id.clone(),
        org_name: profile.org_name.clone(),
        webpage: profile.webpage.clone(),
        emails: profile.emails.clone(),
        phones: profile.phones.clone(),
        languages: profile.languages.clone(),
        time_zone: profile.time_zone.clone(),
        signing_key: key.signing_public(),
        encryption_key: key.public().encryption.to_string(),
        created_at: t,
        updated_at: t,
    }
}

/// What [`create`] checks before it creates anything: `home` holds no identity yet and
/// `profile` is valid (the command line runs it before asking for a passphrase).
pub fn check_new(home: &Home, profile: &Profile) -> anyhow::Result<()> {
    if home.has_identity() {
        anyhow::bail!(
            "{} already holds an identity; use another --home",
            home.root().display()
        );
    }
    crate::profile::validate(profile)?;
    Ok(())
}

/// Creates the identity in `home` (which must not have one), writes `poc.toml`, and returns
/// the armoured enrolment request. `custodian_key` is the key to pin; `None` makes this
/// identity the custodian. The entry is dated `now` (Unix seconds).
pub fn create(
    home: &Home,
    id: &PocId,
    custodian_key: Option<poc_proto::PublicKeyBytes>,
    relay: Option<RelayAddress>,
    profile: &Profile,
    passphrase: &SecretString,
    now: u64,
) -> anyhow::Result<Created> {
    check_new(home, profile)?;
    home.ensure_dir("")?;
    let key = PocKey::generate();
    poc_keys::keystore::save(&home.identity_path(), &key, passphrase)?;
    home.save_config(&PocConfig {
        id: id.clone(),
        custodian_key: custodian_key.unwrap_or_else(|| key.signing_public()),
        relay,
        max_attachment_bytes: None,
    })?;
    let entry = sign_entry(&key, entry_body(id, &key, profile, now))?;
    let bytes = encode(&EnrolmentRequest {
        entry: entry.clone(),
    })
    .context("encoding the request")?;
    let request = armor(
        REQUEST_LABEL,
        &[
            format!("PoC Relay enrolment request for {id}"),
            format!("organisation: {}", profile.org_name),
            format!(
                "fingerprint: {}",
                poc_keys::FingerprintText(key.fingerprint())
            ),
            "Send this file to the custodian; confirm the fingerprint by phone.".into(),
        ],
        &bytes,
    );
    Ok(Created {
        key,
        entry,
        request,
    })
}

/// Creates the identity of a new member `label` of the existing PoC `id` in `home` (which
/// must not have one), writes `poc.toml`, and returns the key and the armoured member
/// request. Its contact details are the PoC's, from the directory once it is published.
pub fn create_member(
    home: &Home,
    id: &PocId,
    label: &str,
    custodian_key: poc_proto::PublicKeyBytes,
    relay: RelayAddress,
    passphrase: &SecretString,
    now: u64,
) -> anyhow::Result<(PocKey, String)> {
    if home.has_identity() {
        anyhow::bail!(
            "{} already holds an identity; use another --home",
            home.root().display()
        );
    }
    let key = PocKey::generate();
    let request = super::team::member_request(&key, id, label, now)?;
    home.ensure_dir("")?;
    poc_keys::keystore::save(&home.identity_path(), &key, passphrase)?;
    home.save_config(&PocConfig {
        id: id.clone(),
        custodian_key,
        relay: Some(relay),
        max_attachment_bytes: None,
    })?;
    Ok((key, request))
}

/// A new PoC identity and its enrolment request (`poc init`).
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub struct Initialised {
    /// The PoC id.
    pub id: String,
    /// The label of this new member of an existing PoC; `null` for a new PoC.
    pub member: Option<String>,
    /// The home directory that holds the identity.
    pub home: String,
    /// Fingerprint of the new signing key, to read to the custodian by phone.
    pub fingerprint: String,
    /// The enrolment request file to send to the custodian.
    pub request: String,
}

//! Who this home is, read from its configuration and the directory in force without
//! unlocking.
//!
//! The member this device is (its label) is read from `identity.pub`, this device's public
//! signing key, which every command that unlocks the identity keeps up to date (see
//! [`remember_key`]); it holds nothing secret. Before any command has unlocked the home, or
//! when the directory in force does not list that key, the label is unknown.

use poc_proto::PublicKeyBytes;
use schemars::JsonSchema;
use serde::Serialize;

use super::view::MemberView;
use crate::home::{write_atomic, Home};

/// This device's public signing key, as lowercase hex.
pub const PUBLIC_KEY_FILE: &str = "identity.pub";

/// Who this home is.
#[derive(Debug, Serialize, JsonSchema)]
pub struct WhoAmI {
    /// The PoC id (e.g. `MEX.technical`).
    pub id: String,
    /// The home directory.
    pub home: String,
    /// Fingerprint of the pinned custodian key.
    pub custodian_fingerprint: String,
    /// Address of the relay, if one is configured.
    pub relay: Option<String>,
    /// The label of the member this device is, when the PoC is a team and a command has
    /// unlocked this home since its key last changed; `null` otherwise.
    pub member: Option<String>,
    /// The PoC's members in the directory in force (empty before it is listed).
    pub members: Vec<MemberView>,
}

/// Keeps `key`, the identity's public signing key, in [`PUBLIC_KEY_FILE`] (written only when
/// it changed).
pub fn remember_key(home: &Home, key: &PublicKeyBytes) -> anyhow::Result<()> {
    let path = home.path(PUBLIC_KEY_FILE);
    let text = format!("{key}\n");
    if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
        return Ok(());
    }
    write_atomic(&path, text.as_bytes())
}

fn remembered_key(home: &Home) -> Option<PublicKeyBytes> {
    std::fs::read_to_string(home.path(PUBLIC_KEY_FILE))
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Reads the identity of `home` from its configuration, and its members from the directory
/// in force.
pub fn whoami(home: &Home) -> anyhow::Result<WhoAmI> {
    let config = home.config()?;
    let directory = crate::trust::current(home, &config.custodian_key)?;
    let team = directory.as_ref().and_then(|d| d.team(&config.id));
    let member = team.and_then(|t| {
        remembered_key(home)
            .and_then(|key| t.member(&key))
            .map(|m| m.record.label.clone())
            .filter(|label| !label.is_empty())
    });
    let members = team
        .map(|t| t.members.iter().map(|m| MemberView::of(t, m)).collect())
        .unwrap_or_default();
    Ok(WhoAmI {
        id: config.id.to_string(),
        home: home.root().display().to_string(),
        custodian_fingerprint: poc_keys::FingerprintText(poc_keys::fingerprint(
            &config.custodian_key,
        ))
        .to_string(),
        relay: config.relay.as_ref().map(|r| r.address.clone()),
        member,
        members,
    })
}

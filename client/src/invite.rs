//! Invitations: what the custodian hands a new PoC out of band (TOML).

use std::path::Path;

use anyhow::Context;
use poc_proto::{PocId, PublicKeyBytes};
use serde::{Deserialize, Serialize};

use crate::home::RelayAddress;

/// An invitation to join the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Invite {
    /// The PoC id the custodian expects.
    pub id: PocId,
    /// The custodian key to pin: every directory must be signed by it (or a successor).
    #[serde(with = "crate::home::hex_key")]
    pub custodian_key: PublicKeyBytes,
    /// Fingerprint of the custodian key, to confirm by phone.
    pub custodian_fingerprint: String,
    /// The relay.
    pub relay: RelayAddress,
    /// For an additional member of an existing PoC: its label within the PoC, e.g. "on-call
    /// laptop 2". Absent for a new PoC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
}

impl Invite {
    /// Reads an invite file.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the invite {}", path.display()))?;
        Self::parse(&text, path)
    }

    /// Parses and checks the text of an invite file (`origin` names it in errors): valid TOML
    /// with exactly the invite fields, a usable custodian key, a relay pin, and a fingerprint
    /// that matches the key. Any text gives an error, never a panic.
    pub fn parse(text: &str, origin: &Path) -> anyhow::Result<Self> {
        let invite: Invite = toml::from_str(text)
            .with_context(|| format!("{} is not a valid invite", origin.display()))?;
        poc_keys::verifying_key(&invite.custodian_key)
            .with_context(|| format!("{}: the custodian key is unusable", origin.display()))?;
        invite
            .relay
            .pin()
            .with_context(|| format!("{}: bad relay pin", origin.display()))?;
        let expected =
            poc_keys::FingerprintText(poc_keys::fingerprint(&invite.custodian_key)).to_string();
        if let Some(label) = &invite.member {
            poc_keys::team::check_label(&invite.id, label).map_err(|_| {
                anyhow::anyhow!(
                    "{}: the member label is not usable; ask the custodian for a new invitation",
                    origin.display()
                )
            })?;
        }
        if invite.custodian_fingerprint != expected {
            return Err(crate::error::Failure::verification(anyhow::anyhow!(
                "{}: the custodian fingerprint does not match the custodian key; ask the custodian for a new invitation",
                origin.display()
            ))
            .into());
        }
        Ok(invite)
    }

    /// The TOML text, with a comment header.
    pub fn to_text(&self) -> anyhow::Result<String> {
        let whom = match &self.member {
            Some(label) => format!("member {label:?} of {}", self.id),
            None => self.id.to_string(),
        };
        Ok(format!(
            "# PoC Relay invitation for {whom}\n# Confirm the custodian fingerprint with the custodian by phone before use.\n{}",
            toml::to_string(self).context("encoding the invite")?
        ))
    }
}

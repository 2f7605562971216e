//! Who this home is, read from its configuration without unlocking.

use schemars::JsonSchema;
use serde::Serialize;

use crate::home::Home;

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
}

/// Reads the identity of `home` from its configuration.
pub fn whoami(home: &Home) -> anyhow::Result<WhoAmI> {
    let config = home.config()?;
    Ok(WhoAmI {
        id: config.id.to_string(),
        home: home.root().display().to_string(),
        custodian_fingerprint: poc_keys::FingerprintText(poc_keys::fingerprint(
            &config.custodian_key,
        ))
        .to_string(),
        relay: config.relay.as_ref().map(|r| r.address.clone()),
    })
}

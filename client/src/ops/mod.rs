//! Operations: what each command does, as library functions the CLI and `poc-demo` share.
//! They take an unlocked key and return data; printing is the CLI's job.

pub mod custodian;
pub mod deliver;
pub mod directory;
pub mod enrol;
pub mod evidence;
pub mod exercise;
pub mod import;
pub mod inbox;
pub mod keys;
pub mod ping;
pub mod requests;
pub mod review;
pub mod send;
pub mod thread;
pub mod watch;

use poc_keys::PocKey;

use crate::home::{Home, PocConfig, RelayAddress};
use crate::transport::RelayClient;
use crate::trust::{self, Accepted, TrustedDirectory};

/// Contact details a PoC publishes about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// Organisation name.
    pub org_name: String,
    /// E-mail addresses.
    pub emails: Vec<String>,
    /// Telephone numbers.
    pub phones: Vec<String>,
    /// Operational languages (BCP 47), preferred first.
    pub languages: Vec<String>,
    /// Web page.
    pub webpage: Option<String>,
    /// IANA time zone.
    pub time_zone: Option<String>,
}

/// A home with its unlocked identity.
#[derive(Debug)]
pub struct Identity {
    /// The home.
    pub home: Home,
    /// Its configuration.
    pub config: PocConfig,
    /// The unlocked key.
    pub key: PocKey,
    /// Retired keys of this PoC, to read envelopes encrypted to them.
    pub archived: Vec<PocKey>,
}

impl Identity {
    /// Opens the identity in `home` with `passphrase`.
    pub fn unlock(home: &Home, passphrase: &age::secrecy::SecretString) -> anyhow::Result<Self> {
        let config = home.config()?;
        let key = poc_keys::keystore::load(&home.identity_path(), passphrase)?;
        let archived = keys::archived(home, passphrase)?;
        Ok(Identity {
            home: home.clone(),
            config,
            key,
            archived,
        })
    }

    /// The key (current or retired) whose mailbox is `mailbox`.
    pub fn key_for(&self, mailbox: &poc_proto::MailboxId) -> &PocKey {
        self.archived
            .iter()
            .find(|k| k.mailbox() == *mailbox)
            .unwrap_or(&self.key)
    }

    /// The relay to use.
    pub fn relay(&self) -> anyhow::Result<&RelayAddress> {
        self.config.relay.as_ref().ok_or_else(|| {
            anyhow::anyhow!(
                "no relay configured (custodian: run `poc custodian relay ADDR --pin PIN`)"
            )
        })
    }

    /// The directory in force locally, if any.
    pub fn directory(&self) -> anyhow::Result<Option<TrustedDirectory>> {
        trust::current(&self.home, &self.config.custodian_key)
    }

    /// Connects to the relay and logs in (retrying while the relay is unreachable, see
    /// [`crate::transport::retry`]).
    pub async fn connect(&self) -> anyhow::Result<RelayClient<'_>> {
        Ok(RelayClient::connect(self.relay()?, &self.key).await?)
    }
}

/// Fetches the published directory if it is newer and accepts it after full verification.
pub async fn sync_directory(
    identity: &Identity,
    client: &RelayClient<'_>,
) -> anyhow::Result<Accepted> {
    let have = identity.directory()?.map_or(0, |d| d.directory.serial);
    let Some(published) = client.get_directory(have).await? else {
        return Ok(Accepted::Same);
    };
    let signed = poc_keys::directory::open_directory(&identity.key, &published.sealed_directory)?;
    trust::accept(&identity.home, &identity.config.custodian_key, signed)
}

/// Connects to the relay, brings the directory up to date, runs `action`, and closes the
/// connection whatever the outcome.
pub async fn online<T>(
    identity: &Identity,
    action: impl AsyncFnOnce(&RelayClient<'_>) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let client = identity.connect().await?;
    let result = async {
        sync_directory(identity, &client).await?;
        action(&client).await
    }
    .await;
    client.close().await;
    result
}

/// The local directory, or an explanation of how to get one.
pub fn require_directory(identity: &Identity) -> anyhow::Result<TrustedDirectory> {
    identity.directory()?.ok_or_else(|| {
        anyhow::anyhow!("no directory yet: the custodian has not published one that includes this PoC (run `poc directory sync`)")
    })
}

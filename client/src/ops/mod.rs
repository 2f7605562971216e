//! Operations: what each command does, as library functions the CLI and `poc-demo` share.
//! They take an unlocked key and return data; printing is the CLI's job. The time comes from
//! the identity's [`Clock`] (or, for operations on a home alone, an argument), and connection
//! settings from its [`ClientOptions`].

pub mod chunks;
pub mod custodian;
pub mod custodian_relays;
pub mod delete;
pub mod deliver;
pub mod directory;
pub mod download;
pub mod enrol;
pub mod evidence;
pub mod exercise;
pub mod file_names;
pub mod import;
pub mod inbox;
pub mod keys;
pub mod member_changes;
pub mod orphans;
pub mod outbox;
pub mod paged;
pub mod ping;
pub mod published;
pub mod relays;
pub mod requests;
pub mod review;
pub mod send;
pub mod team;
pub mod thread;
pub mod unopened;
pub mod view;
pub mod watch;
pub mod whoami;

use poc_keys::PocKey;

use crate::clock::Clock;
use crate::home::{Home, PocConfig, RelayAddress};
use crate::transport::{RelayClient, TransportError};
use crate::trust::{self, Accepted, TrustedDirectory};

pub use crate::profile::Profile;
pub use crate::transport::ClientOptions;

/// The relay could not be reached: no connection was made, so no request reached it (the
/// command line adds what this means for the command: nothing was sent, or fetched).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct NotReached(pub TransportError);

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
    /// The time every operation of this identity reads and waits on.
    pub clock: Clock,
    /// How it connects to the relay (retries, timeouts).
    pub options: ClientOptions,
    /// The envelopes this run recorded in the outbox ([`outbox::Journal`]).
    pub journal: outbox::Journal,
}

impl Identity {
    /// Opens the identity in `home` with `passphrase`, on the system clock with the default
    /// connection settings (see [`Identity::with_clock`], [`Identity::with_options`]).
    pub fn unlock(home: &Home, passphrase: &age::secrecy::SecretString) -> anyhow::Result<Self> {
        let config = home.config()?;
        let key = poc_keys::keystore::load(&home.identity_path(), passphrase)?;
        let archived = keys::archived(home, passphrase)?;
        Ok(Identity {
            home: home.clone(),
            config,
            key,
            archived,
            clock: Clock::system(),
            options: ClientOptions::default(),
            journal: outbox::Journal::default(),
        })
    }

    /// The same identity reading and waiting on `clock`.
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The same identity connecting with `options`.
    pub fn with_options(mut self, options: ClientOptions) -> Self {
        self.options = options;
        self
    }

    /// The same identity recording what it sends in `journal` (shared with the caller).
    pub fn with_journal(mut self, journal: outbox::Journal) -> Self {
        self.journal = journal;
        self
    }

    /// Unix seconds now, on this identity's clock.
    pub fn now(&self) -> u64 {
        self.clock.now()
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

    /// Connects to the relay and logs in with this identity's options (retrying while the
    /// relay is unreachable, see [`crate::transport::retry`]); a failure is [`NotReached`].
    pub async fn connect(&self) -> anyhow::Result<RelayClient<'_>> {
        RelayClient::connect_with(self.relay()?, &self.key, self.options.clone())
            .await
            .map_err(|e| NotReached(e).into())
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
    let signed = poc_keys::directory::open_directory(&identity.key, &published.sealed_directory)
        .map_err(crate::error::Failure::verification)?;
    trust::accept(
        &identity.home,
        &identity.config.custodian_key,
        signed,
        identity.now(),
    )
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

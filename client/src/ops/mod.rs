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
pub mod owed;
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
use crate::transport::relays::Relays;
use crate::transport::TransportError;
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
    /// The relays this run did not reach ([`owed::Unreached`]).
    pub unreached: owed::Unreached,
    /// Owed copies handed to the relays of the connection open now ([`owed::resend`]).
    pub owed_handed: std::sync::Arc<std::sync::Mutex<Vec<std::path::PathBuf>>>,
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
            unreached: owed::Unreached::default(),
            owed_handed: Default::default(),
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

    /// The same identity recording the relays it does not reach in `unreached` (shared with
    /// the caller).
    pub fn with_unreached(mut self, unreached: owed::Unreached) -> Self {
        self.unreached = unreached;
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

    /// The relays to use and `k`: the directory's when it lists several, else the home's
    /// configured relay (with one relay nothing changes: the home's `poc.toml` says where
    /// its relay is, as it always did).
    pub fn relay_list(&self) -> anyhow::Result<relays::RelayList> {
        let directory = self.directory()?;
        let listed = relays::of_directory(directory.as_ref(), self.config.relay.as_ref());
        Ok(self.to_connect(listed))
    }

    /// The relays of `listed` to connect to: all of them when it lists several, else the
    /// home's configured relay (or, if the home names none, the one listed).
    pub fn to_connect(&self, listed: relays::RelayList) -> relays::RelayList {
        if listed.relays.len() > 1 || self.config.relay.is_none() {
            return listed;
        }
        relays::of_directory(None, self.config.relay.as_ref())
    }

    /// Connects to the relays of the directory in force (or the configured relay) and logs
    /// in with this identity's options, retrying while a relay is unreachable (see
    /// [`crate::transport::retry`]); returns once `k` relays are up. Copies owed to relays
    /// that are up are submitted first ([`owed::resend`]). Fails with [`NotReached`] when no
    /// relay could be reached.
    pub async fn connect(&self) -> anyhow::Result<Relays> {
        let list = self.relay_list()?;
        self.connect_to(&list).await
    }

    /// [`Identity::connect`] to the relays of `list`.
    pub async fn connect_to(&self, list: &relays::RelayList) -> anyhow::Result<Relays> {
        if list.relays.is_empty() {
            self.relay()?;
        }
        let addresses: Vec<RelayAddress> = list.relays.iter().map(|r| r.address.clone()).collect();
        let relays = Relays::connect(&addresses, list.k.into(), &self.key, &self.options)
            .await
            .map_err(NotReached)?;
        let handed = owed::resend(self, &relays);
        self.lock_handed().extend(handed);
        Ok(relays)
    }

    fn lock_handed(&self) -> std::sync::MutexGuard<'_, Vec<std::path::PathBuf>> {
        self.owed_handed.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Closes `relays`: waits a short while for copies still on their way, keeps those still
    /// missing for the next command ([`owed::keep`]) and records the relays not reached.
    pub async fn disconnect(&self, relays: Relays) {
        for (address, _) in relays.down() {
            self.unreached.add(&address.address);
        }
        let missing = relays.close().await;
        let handed = std::mem::take(&mut *self.lock_handed());
        if let Err(e) = owed::settle(self, &handed, missing) {
            tracing::warn!(error = %e, "copies owed to relays not kept");
        }
    }
}

/// Fetches the published directory from every relay that is up if newer, and makes the
/// newest valid answer the directory in force ([`trust::accept_offered`]): an older,
/// rolled-back or forged answer from one relay does not stop a good one from another. When
/// a directory came into force, the relays that served an older one (they missed a
/// publication) are handed it ([`Relays::bring_up_to_date`]).
pub async fn sync_directory(identity: &Identity, client: &Relays) -> anyhow::Result<Accepted> {
    let have = identity.directory()?.map_or(0, |d| d.directory.serial);
    let answers = client.get_directory(have).await?;
    let offered = answers.iter().filter_map(|(_, p)| p.clone()).collect();
    let (accepted, came_into_force) = trust::accept_offered(
        &identity.home,
        &identity.config.custodian_key,
        &identity.key,
        offered,
        identity.now(),
    )?;
    if let (Some(published), Accepted::Newer { to, .. }) = (came_into_force, &accepted) {
        // Only relays the new directory still lists: one it removes learns nothing of it.
        let listed = identity.relay_list()?.relays;
        let lagging: Vec<RelayAddress> = answers
            .iter()
            .filter(|(address, _)| listed.iter().any(|l| l.address == *address))
            .filter(|(_, p)| p.as_ref().is_none_or(|p| trust::claimed_serial(p) < *to))
            .map(|(address, _)| address.clone())
            .collect();
        if !lagging.is_empty() {
            client.bring_up_to_date(&lagging, &published).await;
        }
    }
    Ok(accepted)
}

/// Connects to the relay, brings the directory up to date, runs `action`, and closes the
/// connection whatever the outcome.
pub async fn online<T>(
    identity: &Identity,
    action: impl AsyncFnOnce(&Relays) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let client = identity.connect().await?;
    let result = async {
        sync_directory(identity, &client).await?;
        action(&client).await
    }
    .await;
    identity.disconnect(client).await;
    result
}

/// The local directory, or an explanation of how to get one.
pub fn require_directory(identity: &Identity) -> anyhow::Result<TrustedDirectory> {
    identity.directory()?.ok_or_else(|| {
        anyhow::anyhow!("no directory yet: the custodian has not published one that includes this PoC (run `poc directory sync`)")
    })
}

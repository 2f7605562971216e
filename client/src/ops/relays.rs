//! The relays a PoC uses and `k`, as the directory in force lists them: what sending to
//! several relays and fetching from all of them start from, and what `poc directory relays`
//! shows.
//!
//! The list comes from the verified directory in force (`crate::trust`). A directory that
//! lists no relay (none was held yet, or an old one) gives the home's configured relay with
//! `k = 1`, which is what a one-relay directory gives too. It does not contact any relay.

use poc_proto::RelayEntry;
use schemars::JsonSchema;
use serde::Serialize;

use crate::home::{Home, RelayAddress};
use crate::trust::TrustedDirectory;
use poc_keys::verified::VerifiedDirectory;

/// One relay and who runs it where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ListedRelay {
    /// Where it is and its TLS pin.
    #[serde(flatten)]
    pub address: RelayAddress,
    /// Who runs it, as the directory says; empty when it does not say.
    pub operator: String,
    /// Where it runs, as the directory says; empty when it does not say.
    pub region: String,
}

impl ListedRelay {
    /// A relay as a directory describes it.
    pub fn of(entry: &RelayEntry) -> Self {
        ListedRelay {
            address: RelayAddress {
                address: entry.address.clone(),
                tls_pin: poc_keys::tls_pin::pin_to_text(&entry.tls_pin),
            },
            operator: entry.operator.clone(),
            region: entry.region.clone(),
        }
    }

    /// The home's configured relay, which the directory does not describe.
    pub fn configured(address: &RelayAddress) -> Self {
        ListedRelay {
            address: address.clone(),
            operator: String::new(),
            region: String::new(),
        }
    }
}

/// The relays to use and how many must store an envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RelayList {
    /// The relays, in the directory's order; at least one when a relay is known.
    pub relays: Vec<ListedRelay>,
    /// How many relays must store an envelope before its sender is told it is stored
    /// (1 to the number of relays; 1 when the list is the configured relay).
    pub k: u8,
    /// Whether the list is the directory's (else it is the home's configured relay).
    pub from_directory: bool,
}

/// The relay list of `directory`, or of the configured relay `configured` when the directory
/// lists none.
pub fn of_directory(
    directory: Option<&TrustedDirectory>,
    configured: Option<&RelayAddress>,
) -> RelayList {
    match directory {
        Some(d) => of_verified(&d.directory, configured),
        None => of_verified_relays(&[], 1, configured),
    }
}

/// The relay list of a verified directory (one about to be published, or the one in force),
/// or of the configured relay `configured` when it lists none.
pub fn of_verified(directory: &VerifiedDirectory, configured: Option<&RelayAddress>) -> RelayList {
    of_verified_relays(&directory.relays, directory.k, configured)
}

fn of_verified_relays(
    relays: &[RelayEntry],
    k: u8,
    configured: Option<&RelayAddress>,
) -> RelayList {
    match relays {
        [_, ..] => RelayList {
            relays: relays.iter().map(ListedRelay::of).collect(),
            k,
            from_directory: true,
        },
        [] => RelayList {
            relays: configured
                .map(ListedRelay::configured)
                .into_iter()
                .collect(),
            k: 1,
            from_directory: false,
        },
    }
}

/// The relay list of the directory in force in `home` (verified again as it is read), or
/// its configured relay with `k = 1` when the directory lists none or none is held.
pub fn of(home: &Home) -> anyhow::Result<RelayList> {
    let config = home.config()?;
    let directory = crate::trust::current(home, &config.custodian_key)?;
    Ok(of_directory(directory.as_ref(), config.relay.as_ref()))
}

/// What `poc directory relays` shows.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DirectoryRelays {
    /// The serial of the directory in force (0: none is held).
    pub serial: u64,
    /// The relays and `k`.
    #[serde(flatten)]
    pub list: RelayList,
}

/// The relays and `k` of the directory in force in `home`.
pub fn shown(home: &Home) -> anyhow::Result<DirectoryRelays> {
    let config = home.config()?;
    let directory = crate::trust::current(home, &config.custodian_key)?;
    Ok(DirectoryRelays {
        serial: directory.as_ref().map_or(0, |d| d.directory.serial),
        list: of_directory(directory.as_ref(), config.relay.as_ref()),
    })
}

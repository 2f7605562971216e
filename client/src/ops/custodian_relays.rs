//! The custodian's relay list: the relays the next directory lists and `k`, recorded in the
//! custodian's home (`custodian/relays.toml`) by `poc custodian relay add|remove` and
//! `poc custodian relays --k N`, published by the next `poc custodian publish`.
//!
//! Until a change is recorded, the list is the home's configured relay (`poc custodian relay
//! ADDR --pin PIN`) with `k = 1`: a one-relay directory is published as before (format v1 or
//! v2). A list with more than one relay, or with an operator or region, is published in format
//! v3 (`poc_keys::relays`). Every change is checked by the bounds every client checks, so a
//! list the custodian recorded is one every member accepts.
//!
//! It does not contact relays nor publish (that is `custodian::publish`).

use std::path::PathBuf;

use anyhow::Context;
use poc_keys::relays::{check_relay, check_relays, default_k, RelayListError};
use poc_proto::limits::MAX_DIRECTORY_RELAYS;
use poc_proto::RelayEntry;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::relays::ListedRelay;
use crate::home::{write_atomic, Home};

/// Why a change to the relay list was refused; nothing was recorded.
#[derive(Debug, thiserror::Error)]
pub enum RelayChangeError {
    /// The TLS pin is not 64 hex characters.
    #[error("the TLS pin {0:?} is not 64 hex characters: copy the pin `poc-relay init` printed for this relay")]
    BadPin(String),
    /// The address, operator or region breaks a bound.
    #[error(transparent)]
    Invalid(RelayListError),
    /// The address is already listed.
    #[error("{0} is already in the relay list: remove it first to change it (`poc custodian relay remove {0}`)")]
    DuplicateAddress(String),
    /// Another relay has this pin.
    #[error("relay {0} already has this TLS pin: every relay has its own TLS key, check the pin")]
    DuplicatePin(String),
    /// The list is full.
    #[error("the relay list already holds {MAX_DIRECTORY_RELAYS} relays, the most a directory lists: remove one first")]
    Full,
    /// The address is not listed.
    #[error("{0} is not in the relay list: see `poc custodian relay list`")]
    NotListed(String),
    /// Removing it would leave no relay.
    #[error("{0} is the last relay: add another one first (`poc custodian relay add ADDR --pin PIN`), members need at least one")]
    LastRelay(String),
    /// Removing it would leave fewer relays than `k`.
    #[error("k is {k}: with {address} removed only {left} relays would remain; lower k first (`poc custodian relays --k {left}`)")]
    BelowK {
        /// The relay to remove.
        address: String,
        /// How many would remain.
        left: usize,
        /// The `k` the custodian set.
        k: u8,
    },
    /// `k` out of range.
    #[error("k must be from 1 to the number of relays ({relays}), not {k}: add relays first or choose a smaller k")]
    BadK {
        /// The `k` asked for.
        k: u64,
        /// How many relays the list holds.
        relays: usize,
    },
    /// `poc custodian relay` without a relay or a subcommand.
    #[error("give the relay this home uses as ADDR --pin PIN, or change the list with `poc custodian relay add`, `remove` or `list`")]
    Usage,
    /// No relay is listed nor configured yet.
    #[error("no relay is configured yet: run `poc custodian relay ADDR --pin PIN` or `poc custodian relay add ADDR --pin PIN` first")]
    NoRelay,
}

/// One relay as recorded in `custodian/relays.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Recorded {
    address: String,
    tls_pin: String,
    #[serde(default)]
    operator: String,
    #[serde(default)]
    region: String,
}

/// `custodian/relays.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordedList {
    /// `k` as the custodian set it; none: the default for the number of relays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    k: Option<u8>,
    relays: Vec<Recorded>,
}

fn list_path(home: &Home) -> anyhow::Result<PathBuf> {
    Ok(home.ensure_dir("custodian")?.join("relays.toml"))
}

/// The list the custodian recorded, or none.
fn recorded(home: &Home) -> anyhow::Result<Option<RecordedList>> {
    let path = list_path(home)?;
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text)
            .map(Some)
            .with_context(|| format!("{} is damaged", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

fn save(home: &Home, list: &RecordedList) -> anyhow::Result<()> {
    let text = toml::to_string(list).context("encoding the relay list")?;
    write_atomic(&list_path(home)?, text.as_bytes())
}

/// The list to change: the recorded one, else the configured relay.
fn current(home: &Home) -> anyhow::Result<RecordedList> {
    if let Some(list) = recorded(home)? {
        return Ok(list);
    }
    let relays = home
        .config()?
        .relay
        .map(|r| Recorded {
            address: r.address,
            tls_pin: r.tls_pin,
            operator: String::new(),
            region: String::new(),
        })
        .into_iter()
        .collect();
    Ok(RecordedList { k: None, relays })
}

fn entry(relay: &Recorded) -> anyhow::Result<RelayEntry> {
    Ok(RelayEntry {
        address: relay.address.clone(),
        tls_pin: poc_keys::tls_pin::pin_from_text(&relay.tls_pin)
            .map_err(|_| RelayChangeError::BadPin(relay.tls_pin.clone()))?,
        operator: relay.operator.clone(),
        region: relay.region.clone(),
    })
}

fn entries(list: &RecordedList) -> anyhow::Result<Vec<RelayEntry>> {
    list.relays.iter().map(entry).collect()
}

fn k_of(list: &RecordedList) -> u8 {
    list.k.unwrap_or_else(|| default_k(list.relays.len()))
}

/// The relays and `k` the next `poc custodian publish` lists, checked.
pub fn for_publication(home: &Home) -> anyhow::Result<(Vec<RelayEntry>, u8)> {
    let list = current(home)?;
    if list.relays.is_empty() {
        return Err(RelayChangeError::NoRelay.into());
    }
    let relays = entries(&list)?;
    let k = k_of(&list);
    check_relays(&relays, k).map_err(RelayChangeError::Invalid)?;
    Ok((relays, k))
}

/// A relay list and its `k`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RelayListView {
    /// The relays, in order.
    pub relays: Vec<ListedRelay>,
    /// How many relays must store an envelope before its sender is told it is stored.
    pub k: u8,
}

/// What changes between the directory in force and the next publication.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PendingRelays {
    /// Addresses the next publication adds.
    pub added: Vec<String>,
    /// Addresses the next publication removes.
    pub removed: Vec<String>,
    /// Addresses whose pin, operator or region the next publication changes.
    pub changed: Vec<String>,
    /// The `k` the next publication states, when it differs.
    pub k: Option<u8>,
}

impl PendingRelays {
    /// Whether nothing changes.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.k.is_none()
    }
}

/// What `poc custodian relay list` shows.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CustodianRelays {
    /// The serial of the directory in force (0: none is published yet).
    pub serial: u64,
    /// The relays and `k` of the directory in force (none before the first publication).
    pub in_force: Option<RelayListView>,
    /// The relays and `k` the next `poc custodian publish` lists.
    pub next: RelayListView,
    /// What the next publication changes (all empty when nothing changes).
    pub pending: PendingRelays,
}

/// The relay list in force and the one the next publication lists.
pub fn list(home: &Home) -> anyhow::Result<CustodianRelays> {
    let next = current(home)?;
    let next = RelayListView {
        relays: entries(&next)?.iter().map(ListedRelay::of).collect(),
        k: k_of(&next),
    };
    let config = home.config()?;
    let directory = crate::trust::current(home, &config.custodian_key)?;
    let in_force = directory.as_ref().map(|d| {
        let list = super::relays::of_directory(Some(d), config.relay.as_ref());
        RelayListView {
            relays: list.relays,
            k: list.k,
        }
    });
    let pending = pending(in_force.as_ref(), &next);
    Ok(CustodianRelays {
        serial: directory.map_or(0, |d| d.directory.serial),
        in_force,
        next,
        pending,
    })
}

fn pending(in_force: Option<&RelayListView>, next: &RelayListView) -> PendingRelays {
    let before = in_force.map_or(&[][..], |l| &l.relays[..]);
    let find = |list: &[ListedRelay], address: &str| {
        list.iter()
            .find(|r| r.address.address.eq_ignore_ascii_case(address))
            .cloned()
    };
    let mut pending = PendingRelays::default();
    for relay in &next.relays {
        match find(before, &relay.address.address) {
            None => pending.added.push(relay.address.address.clone()),
            Some(old) if &old != relay => pending.changed.push(relay.address.address.clone()),
            Some(_) => {}
        }
    }
    for relay in before {
        if find(&next.relays, &relay.address.address).is_none() {
            pending.removed.push(relay.address.address.clone());
        }
    }
    if in_force.is_none_or(|l| l.k != next.k) {
        pending.k = Some(next.k);
    }
    pending
}

/// What `poc custodian relay add` recorded.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RelayAdded {
    /// The relay added.
    pub relay: ListedRelay,
    /// How many relays the next publication lists.
    pub relays: usize,
    /// The `k` it states.
    pub k: u8,
}

/// Adds a relay to the next publication's list.
pub fn add(
    home: &Home,
    address: &str,
    pin: &str,
    operator: &str,
    region: &str,
) -> anyhow::Result<RelayAdded> {
    let tls_pin = poc_keys::tls_pin::pin_from_text(pin)
        .map_err(|_| RelayChangeError::BadPin(pin.to_owned()))?;
    let new = RelayEntry {
        address: address.trim().to_owned(),
        tls_pin,
        operator: operator.trim().to_owned(),
        region: region.trim().to_owned(),
    };
    check_relay(&new).map_err(RelayChangeError::Invalid)?;
    let mut list = current(home)?;
    let existing = entries(&list)?;
    if let Some(other) = existing
        .iter()
        .find(|r| r.address.eq_ignore_ascii_case(&new.address))
    {
        return Err(RelayChangeError::DuplicateAddress(other.address.clone()).into());
    }
    if let Some(other) = existing.iter().find(|r| r.tls_pin == new.tls_pin) {
        return Err(RelayChangeError::DuplicatePin(other.address.clone()).into());
    }
    if existing.len() >= MAX_DIRECTORY_RELAYS {
        return Err(RelayChangeError::Full.into());
    }
    let listed = ListedRelay::of(&new);
    list.relays.push(Recorded {
        address: new.address,
        tls_pin: listed.address.tls_pin.clone(),
        operator: new.operator,
        region: new.region,
    });
    save(home, &list)?;
    Ok(RelayAdded {
        relay: listed,
        relays: list.relays.len(),
        k: k_of(&list),
    })
}

/// What `poc custodian relay remove` recorded.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RelayRemoved {
    /// The address removed.
    pub address: String,
    /// How many relays the next publication lists.
    pub relays: usize,
    /// The `k` it states.
    pub k: u8,
}

/// Removes a relay from the next publication's list. The last relay is never removed, nor
/// one whose removal leaves fewer relays than a `k` the custodian set.
pub fn remove(home: &Home, address: &str) -> anyhow::Result<RelayRemoved> {
    let mut list = current(home)?;
    let address = address.trim();
    let Some(at) = list
        .relays
        .iter()
        .position(|r| r.address.eq_ignore_ascii_case(address))
    else {
        return Err(RelayChangeError::NotListed(address.to_owned()).into());
    };
    let name = list.relays[at].address.clone();
    if list.relays.len() == 1 {
        return Err(RelayChangeError::LastRelay(name).into());
    }
    let left = list.relays.len() - 1;
    if let Some(k) = list.k.filter(|k| usize::from(*k) > left) {
        return Err(RelayChangeError::BelowK {
            address: name,
            left,
            k,
        }
        .into());
    }
    list.relays.remove(at);
    save(home, &list)?;
    Ok(RelayRemoved {
        address: name,
        relays: list.relays.len(),
        k: k_of(&list),
    })
}

/// What `poc custodian relays --k N` recorded.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RelayKSet {
    /// The `k` the next publication states.
    pub k: u8,
    /// How many relays it lists.
    pub relays: usize,
}

/// Sets the `k` of the next publication: 1 to the number of relays listed.
pub fn set_k(home: &Home, k: u64) -> anyhow::Result<RelayKSet> {
    let mut list = current(home)?;
    let relays = list.relays.len();
    let valid = u8::try_from(k)
        .ok()
        .filter(|k| *k >= 1 && usize::from(*k) <= relays);
    let Some(k) = valid else {
        return Err(RelayChangeError::BadK { k, relays }.into());
    };
    list.k = Some(k);
    save(home, &list)?;
    Ok(RelayKSet { k, relays })
}

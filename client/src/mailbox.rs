//! The local mailbox: envelopes fetched from the relay (kept encrypted at rest), their local
//! state, the record of what this PoC sent (written by [`outbox`] before anything leaves),
//! and the verification of each message.

pub mod outbox;

use crate::error::Failure;
use std::path::PathBuf;

use anyhow::Context;
use poc_keys::{OpenError, PocKey};
use poc_proto::{
    decode, encode, Envelope, EnvelopeId, Message, MessageKind, PocId, SignatureBytes,
};
use serde::{Deserialize, Serialize};

use crate::home::{write_atomic, write_files, Home};
use crate::trust::TrustedDirectory;

/// Local state of a fetched envelope.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemState {
    /// Unix seconds when it was fetched from the relay.
    pub fetched_at: u64,
    /// Unix seconds when this PoC acknowledged it, if it did.
    pub acked_at: Option<u64>,
    /// The key that submitted it to the relay (64 hex digits), as the relay verified it at
    /// login; absent if the relay did not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_by: Option<String>,
}

impl ItemState {
    /// The key that submitted the envelope, if recorded and well formed.
    pub fn submitter(&self) -> Option<poc_proto::PublicKeyBytes> {
        self.submitted_by
            .as_deref()
            .and_then(|hex| hex.parse().ok())
    }
}

/// What this PoC sent or began to send (`sent/<id>.toml`), kept to recognise receipts and to
/// finish an interrupted send ([`outbox`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentRecord {
    /// Recipient.
    pub to: PocId,
    /// Message kind name.
    pub kind: String,
    /// Priority.
    pub priority: String,
    /// Unix seconds.
    pub sent_at: u64,
    /// How far the send went. Records written before the outbox existed were written once
    /// the relay had stored the envelope: they read as stored.
    #[serde(default = "outbox::SendState::stored")]
    pub state: outbox::SendState,
    /// When the envelope expires at the relay (unix seconds), if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<u64>,
    /// For an attachment part, the envelope of the message that announces it (the part is
    /// listed, told and sent again with that message); none for a message.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "hex_envelope_id"
    )]
    pub part_of: Option<EnvelopeId>,
    /// For a ping, the campaign it belongs to (32 hex digits), so that an interruption of a
    /// resend still tells a campaign's pings as counts; none otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign: Option<String>,
}

/// An optional envelope id as its 32 hex digits in a record.
mod hex_envelope_id {
    use poc_proto::EnvelopeId;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(id: &Option<EnvelopeId>, s: S) -> Result<S::Ok, S::Error> {
        match id {
            Some(id) => s.serialize_str(&id.to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<EnvelopeId>, D::Error> {
        let text = String::deserialize(d)?;
        text.parse()
            .map(Some)
            .map_err(|_| serde::de::Error::custom("not an envelope id (32 hex digits)"))
    }
}

/// Why a message cannot be trusted. Every variant is a verification failure.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Decryption or the envelope signature failed.
    #[error("signature/decryption failed: {0}")]
    Open(#[from] OpenError),
    /// The decrypted body is not a message.
    #[error("signature/decryption failed: the decrypted message is malformed")]
    Body,
    /// The signing key is not in the directory.
    #[error("the sender's key is not in the directory (unknown sender)")]
    UnknownSender,
    /// The message claims another PoC than the key's owner.
    #[error("the message claims to come from {claimed} but is signed with the key of {actual}")]
    Impersonation {
        /// Claimed sender.
        claimed: PocId,
        /// Owner of the signing key.
        actual: PocId,
    },
    /// The sender's key is revoked.
    #[error("the sender's key ({0}) has been revoked")]
    Revoked(PocId),
    /// The message names another recipient.
    #[error("the message is addressed to {0}, not to this PoC")]
    WrongRecipient(PocId),
}

impl ReadError {
    /// What kind of problem this is, as JSON carries it.
    pub fn reason(&self) -> Invalid {
        match self {
            ReadError::Open(_) => Invalid::SignatureFailed,
            ReadError::Body => Invalid::Malformed,
            ReadError::UnknownSender => Invalid::UnknownSender,
            ReadError::Impersonation { .. } => Invalid::Impersonation,
            ReadError::Revoked(_) => Invalid::Revoked,
            ReadError::WrongRecipient(_) => Invalid::WrongRecipient,
        }
    }
}

/// Why a message cannot be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Invalid {
    /// Decryption or the envelope signature failed (altered in transit or at rest).
    SignatureFailed,
    /// The decrypted body is not a message.
    Malformed,
    /// The signing key is not in the directory.
    UnknownSender,
    /// The message claims another PoC than the owner of the signing key.
    Impersonation,
    /// The sender's key has been revoked.
    Revoked,
    /// The message is addressed to another PoC.
    WrongRecipient,
}

/// A message whose origin checked out against the directory.
#[derive(Debug, Clone)]
pub struct Verified {
    /// For which PoC it was signed (directory id of the entry the signing key belongs to).
    pub sender: PocId,
    /// The label of the member of `sender` whose key signed it (empty for a PoC of one key),
    /// as the directory in force says.
    pub member: String,
    /// The signing key.
    pub sender_key: poc_proto::PublicKeyBytes,
    /// The exact signed message bytes (evidence for export and forwarding).
    pub signed_body: Vec<u8>,
    /// The message.
    pub message: Message,
    /// The sender's signature (evidence).
    pub signature: SignatureBytes,
}

impl Verified {
    /// Who signed it, as a reader is shown: `MEX.technical (on-call laptop 2)`, or the id
    /// alone for a PoC of one key.
    pub fn sender_name(&self) -> String {
        if self.member.is_empty() {
            self.sender.to_string()
        } else {
            format!("{} ({})", self.sender, self.member)
        }
    }
}

/// Decrypts `envelope` and checks its sender against the directory.
pub fn verify(
    key: &PocKey,
    me: &PocId,
    directory: &TrustedDirectory,
    envelope: &Envelope,
) -> Result<Verified, ReadError> {
    let opened = poc_keys::open(key, envelope)?;
    let message: Message = decode(&opened.body).map_err(|_| ReadError::Body)?;
    if let Some(revocation) = directory.revocation(&opened.sender) {
        return Err(ReadError::Revoked(revocation.id.clone()));
    }
    let (team, member) = directory
        .member_by_key(&opened.sender)
        .ok_or(ReadError::UnknownSender)?;
    if team.body.id != message.from {
        return Err(ReadError::Impersonation {
            claimed: message.from.clone(),
            actual: team.body.id.clone(),
        });
    }
    // A message of another member of one's own PoC, to someone else, is the team's shared
    // history of what it sent.
    if &message.to != me && &message.from != me {
        return Err(ReadError::WrongRecipient(message.to.clone()));
    }
    Ok(Verified {
        sender: team.body.id.clone(),
        member: member.record.label.clone(),
        sender_key: opened.sender,
        signed_body: opened.body,
        message,
        signature: opened.signature,
    })
}

/// The local inbox and sent records of a home.
#[derive(Debug, Clone)]
pub struct Mailbox {
    home: Home,
}

/// Why an envelope id could not be found locally.
#[derive(Debug, thiserror::Error)]
pub enum LookupError {
    /// No local envelope starts with this prefix.
    #[error("no envelope {0} in the local inbox (run `poc inbox` to fetch new ones)")]
    NotFound(String),
    /// Several do.
    #[error("`{0}` matches several envelopes; give more characters")]
    Ambiguous(String),
}

impl Mailbox {
    /// The mailbox of `home`.
    pub fn new(home: &Home) -> Self {
        Mailbox { home: home.clone() }
    }

    fn dir(&self, name: &str) -> anyhow::Result<PathBuf> {
        self.home.ensure_dir(name)
    }

    /// Stores fetched envelopes durably; returns the ids that were new. Only after this
    /// returns may they be deleted at the relay.
    ///
    /// An envelope whose id is here already (another relay's copy, or a copy handed out
    /// again) or was deleted here (`gone/`) is not stored twice. When the copy here differs
    /// from the one fetched, `genuine` (does this key open it and verify its signature?)
    /// decides: a genuine copy replaces one that is not, so a relay that served an altered
    /// copy first cannot make the genuine copies at the other relays be deleted unread;
    /// otherwise the copy here stays.
    pub fn store_fetched(
        &self,
        envelopes: &[crate::transport::Submitted],
        now: u64,
        genuine: &(dyn Fn(&Envelope) -> bool + Sync),
    ) -> anyhow::Result<Vec<EnvelopeId>> {
        let dir = self.dir("inbox")?;
        let mut new = Vec::new();
        // The state file of each envelope goes in before the envelope, whose presence means
        // "stored" (a fetch after a crash stores again what is missing).
        let mut files = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut present = false;
        let gone = self.home.path(GONE);
        for (envelope, submitter) in envelopes {
            let name = format!("{}.env", envelope.id);
            if gone.join(envelope.id.to_string()).exists() {
                present = true;
                continue;
            }
            if !seen.insert(envelope.id) {
                continue;
            }
            let bytes = encode(envelope).context("encoding envelope")?;
            if let Some(here) = read_if_present(&dir.join(&name))? {
                present = true;
                let replace = here != bytes
                    && genuine(envelope)
                    && !decode::<Envelope>(&here).is_ok_and(|e| genuine(&e));
                if !replace {
                    continue;
                }
                tracing::warn!(
                    id = %envelope.id,
                    "the copy of an envelope held here did not verify; another relay's genuine copy replaces it"
                );
            }
            let state = ItemState {
                fetched_at: now,
                acked_at: None,
                submitted_by: submitter.map(|k| k.to_string()),
            };
            files.push((
                format!("{}.toml", envelope.id),
                toml::to_string(&state)
                    .context("encoding inbox state")?
                    .into_bytes(),
            ));
            files.push((name, bytes));
            new.push(envelope.id);
        }
        write_files(&dir, &files)?;
        if present && files.is_empty() {
            // Envelopes already here may have been renamed in by a fetch that died before it
            // synced the folder: they are deleted at the relay next, so their names must be
            // durable first (with new files, `write_files` synced the folder).
            crate::home::sync_dir(&dir)?;
        }
        Ok(new)
    }

    /// Ids of every local envelope.
    pub fn ids(&self) -> anyhow::Result<Vec<EnvelopeId>> {
        self.ids_in("inbox", ".env")
    }

    /// Envelope ids named by the files `<id><suffix>` in a folder of the home.
    fn ids_in(&self, folder: &str, suffix: &str) -> anyhow::Result<Vec<EnvelopeId>> {
        let dir = self.home.path(folder);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
        };
        let mut ids = Vec::new();
        for entry in entries {
            let name = entry?.file_name();
            if let Some(stem) = name.to_string_lossy().strip_suffix(suffix) {
                if let Ok(id) = stem.parse::<EnvelopeId>() {
                    ids.push(id);
                }
            }
        }
        Ok(ids)
    }

    /// Resolves a full id or a unique prefix of one.
    pub fn resolve(&self, prefix: &str) -> anyhow::Result<EnvelopeId> {
        let prefix = prefix.trim().to_ascii_lowercase();
        let matches: Vec<EnvelopeId> = self
            .ids()?
            .into_iter()
            .filter(|id| !prefix.is_empty() && id.to_string().starts_with(&prefix))
            .collect();
        match matches.as_slice() {
            [one] => Ok(*one),
            [] => Err(Failure::not_found(LookupError::NotFound(prefix)).into()),
            _ => Err(Failure::not_found(LookupError::Ambiguous(prefix)).into()),
        }
    }

    /// Reads a local envelope and its state.
    pub fn load(&self, id: &EnvelopeId) -> anyhow::Result<(Envelope, ItemState)> {
        let dir = self.home.path("inbox");
        let path = dir.join(format!("{id}.env"));
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let envelope: Envelope =
            decode(&bytes).with_context(|| format!("{} is damaged", path.display()))?;
        let state = std::fs::read_to_string(dir.join(format!("{id}.toml")))
            .ok()
            .and_then(|text| toml::from_str(&text).ok())
            .unwrap_or_default();
        Ok((envelope, state))
    }

    /// Updates the local state of an envelope.
    pub fn save_state(&self, id: &EnvelopeId, state: &ItemState) -> anyhow::Result<()> {
        let path = self.dir("inbox")?.join(format!("{id}.toml"));
        write_atomic(
            &path,
            toml::to_string(state)
                .context("encoding inbox state")?
                .as_bytes(),
        )
    }

    /// A sent message's own copy, opened with whichever of `keys` it was encrypted to.
    pub fn sent_copy<'a>(
        &self,
        id: &EnvelopeId,
        keys: impl IntoIterator<Item = &'a PocKey>,
    ) -> Option<Message> {
        let bytes = std::fs::read(self.home.path("sent").join(format!("{id}.age"))).ok()?;
        keys.into_iter()
            .find_map(|k| {
                poc_keys::seal::decrypt_own(k, &bytes, poc_proto::limits::MAX_SEALED_BYTES).ok()
            })
            .and_then(|plain| decode(&plain).ok())
    }

    /// Ids of every envelope this PoC sent.
    pub fn sent_ids(&self) -> anyhow::Result<Vec<EnvelopeId>> {
        self.ids_in("sent", ".toml")
    }

    /// The record of a sent envelope.
    pub fn sent(&self, id: &EnvelopeId) -> Option<SentRecord> {
        let path = self.home.path("sent").join(format!("{id}.toml"));
        std::fs::read_to_string(path)
            .ok()
            .and_then(|t| toml::from_str(&t).ok())
    }
}

/// What a verified receipt proves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiptCheck {
    /// The addressee of one of our envelopes signed that it received it.
    Confirmed {
        /// Our envelope.
        envelope: EnvelopeId,
        /// Unix seconds it was received.
        received_at: u64,
    },
    /// The receipt names an envelope this PoC has no record of sending.
    UnknownEnvelope(EnvelopeId),
    /// The receipt comes from someone other than the envelope's addressee.
    WrongSigner {
        /// Our envelope.
        envelope: EnvelopeId,
        /// Who it was sent to.
        addressee: PocId,
    },
}

/// Checks a verified receipt against our sent records.
pub fn check_receipt(mailbox: &Mailbox, verified: &Verified) -> Option<ReceiptCheck> {
    let MessageKind::Receipt(receipt) = &verified.message.kind else {
        return None;
    };
    Some(match mailbox.sent(&receipt.envelope) {
        None => ReceiptCheck::UnknownEnvelope(receipt.envelope),
        Some(record) if record.to != verified.sender => ReceiptCheck::WrongSigner {
            envelope: receipt.envelope,
            addressee: record.to,
        },
        Some(_) => ReceiptCheck::Confirmed {
            envelope: receipt.envelope,
            received_at: receipt.received_at,
        },
    })
}

impl Mailbox {
    /// Whether envelope `id` is in the local inbox.
    pub fn has(&self, id: &EnvelopeId) -> bool {
        self.home.path("inbox").join(format!("{id}.env")).exists()
    }
}

// Read state: which local envelopes `poc read` has shown, kept in the home (folder `read`,
// one file `<id>.read` holding the unix seconds it was first shown).

impl Mailbox {
    /// Records that envelope `id` was shown to the reader at `now` (unix seconds). The first
    /// time stands: showing it again changes nothing.
    pub fn mark_read(&self, id: &EnvelopeId, now: u64) -> anyhow::Result<()> {
        if self.read_at(id).is_some() {
            return Ok(());
        }
        let path = self.dir("read")?.join(format!("{id}.read"));
        write_atomic(&path, now.to_string().as_bytes())
    }

    /// When envelope `id` was first shown to the reader, if it was (a damaged record counts
    /// as read at time 0: it was shown, the time is lost).
    pub fn read_at(&self, id: &EnvelopeId) -> Option<u64> {
        let path = self.home.path("read").join(format!("{id}.read"));
        match std::fs::read_to_string(path) {
            Ok(text) => Some(text.trim().parse().unwrap_or(0)),
            Err(_) => None,
        }
    }
}

// Deleting local envelopes (`poc delete`): only the inbox copy and its local state go; the
// record of what this PoC sent (`sent/`) is never touched.

/// The folder of the ids deleted from the local inbox, which a fetch does not store again:
/// one file per id holding the envelope's expiry (Unix seconds, decimal), after which no
/// relay hands it out any more and the file is pruned ([`Mailbox::prune_gone`]).
const GONE: &str = "gone";

impl Mailbox {
    /// Removes the local envelopes `ids` with their state and read marks: each envelope file
    /// first (its presence means "stored"), then its state and read mark, then the folders
    /// are synced. An id already gone is skipped. Returns how many envelopes were removed.
    pub fn remove(&self, ids: &[EnvelopeId]) -> anyhow::Result<usize> {
        let inbox = self.home.path("inbox");
        let read = self.home.path("read");
        // The ids deleted are remembered first (`gone/`), so that a copy another relay still
        // holds is not fetched back as new.
        let mut gone = Vec::new();
        for id in ids {
            let expires_at = read_if_present(&inbox.join(format!("{id}.env")))?
                .and_then(|bytes| decode::<Envelope>(&bytes).ok())
                .map_or(u64::MAX, |e| e.expires_at);
            gone.push((id.to_string(), expires_at.to_string().into_bytes()));
        }
        let gone_dir = self.home.ensure_dir(GONE)?;
        crate::home::write_files(&gone_dir, &gone)?;
        let mut removed = 0;
        for id in ids {
            if remove_if_present(&inbox.join(format!("{id}.env")))? {
                removed += 1;
            }
            remove_if_present(&inbox.join(format!("{id}.toml")))?;
            remove_if_present(&read.join(format!("{id}.read")))?;
        }
        for dir in [&inbox, &read] {
            if dir.exists() {
                std::fs::File::open(dir)
                    .and_then(|d| d.sync_all())
                    .with_context(|| format!("syncing {}", dir.display()))?;
            }
        }
        Ok(removed)
    }
}

impl Mailbox {
    /// Forgets the deleted ids (`gone/`) whose envelopes expired before `now`: no relay hands
    /// them out any more. Returns how many were forgotten.
    pub fn prune_gone(&self, now: u64) -> anyhow::Result<usize> {
        let dir = self.home.path(GONE);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
        };
        let mut pruned = 0;
        for entry in entries {
            let path = entry?.path();
            let expires_at = std::fs::read_to_string(&path)
                .ok()
                .and_then(|text| text.trim().parse::<u64>().ok());
            if expires_at.is_some_and(|at| at < now) && remove_if_present(&path)? {
                pruned += 1;
            }
        }
        Ok(pruned)
    }
}

/// The bytes of `path`; `None` if it is not there.
fn read_if_present(path: &std::path::Path) -> anyhow::Result<Option<Vec<u8>>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

/// Removes `path`; `false` if it was not there.
fn remove_if_present(path: &std::path::Path) -> anyhow::Result<bool> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e).with_context(|| format!("removing {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use poc_proto::{Envelope, MailboxId, Priority, ENVELOPE_VERSION};

    fn envelope(byte: u8) -> Envelope {
        Envelope {
            version: ENVELOPE_VERSION,
            id: EnvelopeId([byte; 16]),
            to: MailboxId([1; 32]),
            priority: Priority::Low,
            expires_at: u64::MAX,
            payload: vec![byte; 8],
        }
    }

    fn any(_: &Envelope) -> bool {
        true
    }

    /// Several relays hand out the same envelope: it is stored and counted new once, and a
    /// copy arriving after the message was deleted here does not bring it back.
    #[test]
    fn a_copy_from_another_relay_is_stored_once_even_after_a_delete() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let mailbox = Mailbox::new(&home);
        let (kept, deleted) = (envelope(7), envelope(8));
        let first = [(kept.clone(), None), (deleted.clone(), None)];
        assert_eq!(
            mailbox.store_fetched(&first, 1, &any).unwrap(),
            vec![kept.id, deleted.id]
        );
        assert!(mailbox.store_fetched(&first, 2, &any).unwrap().is_empty());
        assert_eq!(mailbox.remove(&[deleted.id]).unwrap(), 1);
        assert!(mailbox
            .store_fetched(&[(deleted.clone(), None)], 3, &any)
            .unwrap()
            .is_empty());
        assert!(!home
            .path("inbox")
            .join(format!("{}.env", deleted.id))
            .exists());
        // Another envelope still arrives.
        let other = envelope(9);
        assert_eq!(
            mailbox
                .store_fetched(&[(other.clone(), None)], 4, &any)
                .unwrap(),
            vec![other.id]
        );
    }

    /// A deleted id is remembered until its envelope expires, then forgotten.
    #[test]
    fn a_deleted_id_is_forgotten_once_its_envelope_expired() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let mailbox = Mailbox::new(&home);
        let mut deleted = envelope(8);
        deleted.expires_at = 100;
        mailbox
            .store_fetched(&[(deleted.clone(), None)], 1, &any)
            .unwrap();
        mailbox.remove(&[deleted.id]).unwrap();
        assert_eq!(mailbox.prune_gone(100).unwrap(), 0, "not expired yet");
        assert!(mailbox
            .store_fetched(&[(deleted.clone(), None)], 2, &any)
            .unwrap()
            .is_empty());
        assert_eq!(mailbox.prune_gone(101).unwrap(), 1);
        assert!(!home.path(GONE).join(deleted.id.to_string()).exists());
    }

    /// A relay that hands out an altered copy of an envelope first does not make the genuine
    /// copy from another relay count as present (and be deleted there unread): the genuine
    /// copy replaces it. An altered copy arriving after the genuine one changes nothing.
    #[test]
    fn a_genuine_copy_replaces_an_altered_one_with_the_same_id() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let mailbox = Mailbox::new(&home);
        let genuine = envelope(7);
        let mut altered = genuine.clone();
        altered.payload = vec![0xEE; 8];
        let is_genuine = |e: &Envelope| e.payload == genuine.payload;
        let stored = |mailbox: &Mailbox| mailbox.load(&genuine.id).unwrap().0;

        assert_eq!(
            mailbox
                .store_fetched(&[(altered.clone(), None)], 1, &is_genuine)
                .unwrap(),
            vec![genuine.id]
        );
        assert_eq!(stored(&mailbox), altered);
        assert_eq!(
            mailbox
                .store_fetched(&[(genuine.clone(), None)], 2, &is_genuine)
                .unwrap(),
            vec![genuine.id],
            "the genuine copy is new to the reader"
        );
        assert_eq!(stored(&mailbox), genuine);
        assert!(mailbox
            .store_fetched(&[(altered.clone(), None)], 3, &is_genuine)
            .unwrap()
            .is_empty());
        assert_eq!(stored(&mailbox), genuine);
    }
}

//! Conversations: a message and every message that answers it, received or sent.

use poc_proto::{EnvelopeId, Message, PocId};

use super::Identity;
use crate::mailbox::{verify, Mailbox};
use crate::trust::TrustedDirectory;

/// One message of a thread.
#[derive(Debug)]
pub struct ThreadItem {
    /// Envelope id.
    pub id: EnvelopeId,
    /// Sender (as verified, or this PoC for its own messages).
    pub from: Option<PocId>,
    /// Whether this PoC sent it.
    pub outgoing: bool,
    /// The message, or why it could not be verified.
    pub message: Result<Message, String>,
}

impl ThreadItem {
    fn sent_at(&self) -> u64 {
        self.message.as_ref().map_or(0, |m| m.sent_at)
    }
}

/// The thread containing `id`: its root and every message referring to it, oldest first.
pub fn thread(
    identity: &Identity,
    directory: &TrustedDirectory,
    id: &str,
) -> anyhow::Result<(EnvelopeId, Vec<ThreadItem>)> {
    let mailbox = Mailbox::new(&identity.home);
    let keys: Vec<_> = std::iter::once(&identity.key)
        .chain(&identity.archived)
        .collect();
    let mut items = Vec::new();
    for eid in mailbox.ids()? {
        let (envelope, _) = mailbox.load(&eid)?;
        let verdict = verify(
            identity.key_for(&envelope.to),
            &identity.config.id,
            directory,
            &envelope,
        );
        items.push(match verdict {
            Ok(v) => ThreadItem {
                id: eid,
                from: Some(v.sender),
                outgoing: false,
                message: Ok(v.message),
            },
            Err(e) => ThreadItem {
                id: eid,
                from: None,
                outgoing: false,
                message: Err(e.to_string()),
            },
        });
    }
    for eid in mailbox.sent_ids()? {
        if let Some(message) = mailbox.sent_copy(&eid, keys.iter().copied()) {
            items.push(ThreadItem {
                id: eid,
                from: Some(message.from.clone()),
                outgoing: true,
                message: Ok(message),
            });
        }
    }
    let wanted = id.trim().to_ascii_lowercase();
    let start = {
        let matches: Vec<&ThreadItem> = items
            .iter()
            .filter(|i| !wanted.is_empty() && i.id.to_string().starts_with(&wanted))
            .collect();
        match matches.as_slice() {
            [one] => *one,
            [] => return Err(crate::mailbox::LookupError::NotFound(wanted).into()),
            _ => return Err(crate::mailbox::LookupError::Ambiguous(wanted).into()),
        }
    };
    let root = start
        .message
        .as_ref()
        .ok()
        .and_then(|m| m.thread)
        .unwrap_or(start.id);
    let mut thread: Vec<ThreadItem> = items
        .into_iter()
        .filter(|i| i.id == root || i.message.as_ref().is_ok_and(|m| m.thread == Some(root)))
        .collect();
    // The root first even when a reply carries the same second (`sent_at` has no finer
    // resolution), then by time.
    thread.sort_by_key(|i| (i.id != root, i.sent_at(), i.id));
    Ok((root, thread))
}

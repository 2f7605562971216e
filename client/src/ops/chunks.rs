//! Attachments too large for one envelope: split into parts on sending, checked and
//! reassembled on reading.
//!
//! The sender keeps attachments inline in the message while their total stays within
//! [`MAX_INLINE_ATTACHMENT_BYTES`]; every other file is announced in the message by an
//! [`AttachmentParts`] (size, SHA-256, and the envelope id and SHA-256 of each part) and
//! carried by [`AttachmentPart`] envelopes, each sealed and signed like any message. The
//! reader finds the parts by the envelope ids the signed message names, checks each one
//! (signer, position, length, hash) and the whole file, and writes it only once all of it
//! checked out.
//!
//! Bounds at the reader: a message may announce at most [`MAX_ATTACHMENT_BYTES`] in all and
//! exactly the number of parts its sizes need (so at most [`MAX_ATTACHMENT_PARTS`]); parts
//! are opened one at a time, so reassembling holds one part in memory and writes at most the
//! announced size to disk. Parts no message names are ordinary envelopes, bounded by the
//! relay's mailbox quotas like any other. This module does no printing and no network I/O
//! (the caller submits the envelopes it seals).
//!
//! On the sending side (`ops::send`), every part of every recipient is sealed and recorded in
//! the outbox ([`PARTS_PER_BATCH`] at a time) before anything leaves, then submitted before
//! the message that announces it: a reader gets the parts first and the message last, so it
//! never sees a message whose parts are still on their way. The reader does not depend on
//! that order: parts are kept whenever they arrive and found by the ids the message names.

use std::collections::HashSet;

use poc_keys::{seal, PocKey, PocPublic, RoutingHeader};
use poc_proto::limits::{
    ATTACHMENT_PART_BYTES, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_PARTS, MAX_INLINE_ATTACHMENT_BYTES,
    MAX_LARGE_ATTACHMENTS,
};
use poc_proto::message::PARTS_MEDIA_TYPE;
use poc_proto::{
    decode, encode, Attachment, AttachmentPart, AttachmentParts, Envelope, EnvelopeId, Message,
    MessageKind, PartRef,
};
use sha2::{Digest, Sha256};

use super::Identity;
use crate::mailbox::{verify, Mailbox, Verified};
use crate::trust::TrustedDirectory;

/// Why a file carried in parts cannot be offered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PartsError {
    /// The description in the message does not decode.
    #[error("the message's description of the file is malformed")]
    Malformed,
    /// The message announces more than the limit.
    #[error(
        "the message announces {size} bytes of attachments, more than the limit of {} bytes",
        MAX_ATTACHMENT_BYTES
    )]
    TooLarge {
        /// Bytes announced.
        size: u64,
    },
    /// The message announces more files in parts than allowed.
    #[error(
        "the message announces {count} files in parts, more than {}",
        MAX_LARGE_ATTACHMENTS
    )]
    TooManyFiles {
        /// Files announced.
        count: usize,
    },
    /// The number of parts does not fit the size.
    #[error("the file of {size} bytes is announced in {parts} parts; it needs {expected}")]
    WrongPartCount {
        /// Size announced.
        size: u64,
        /// Parts announced.
        parts: usize,
        /// Parts that size needs.
        expected: usize,
    },
    /// The same envelope is named for two parts.
    #[error("the message names envelope {0} for two parts")]
    DuplicatePart(EnvelopeId),
    /// A part does not open or verify.
    #[error("part {part}: {reason}")]
    PartUnverified {
        /// Part number, from 1.
        part: usize,
        /// Why.
        reason: String,
    },
    /// A part is not an attachment part.
    #[error("part {0} is not an attachment part")]
    NotAPart(usize),
    /// A part is signed by another key than the message.
    #[error("part {0} is signed by another key than the message")]
    OtherSigner(usize),
    /// A part names another message, file or position.
    #[error("part {0} names another position than the one the message gives it")]
    WrongPosition(usize),
    /// A part has the wrong length.
    #[error("part {part} holds {actual} bytes; the message announces {expected}")]
    WrongLength {
        /// Part number, from 1.
        part: usize,
        /// Bytes it holds.
        actual: usize,
        /// Bytes announced.
        expected: usize,
    },
    /// A part's data does not match its hash.
    #[error("part {0} does not match its SHA-256 in the message")]
    PartHash(usize),
    /// The reassembled file does not match its hash.
    #[error("the reassembled file does not match its SHA-256 in the message")]
    FileHash,
    /// Parts are missing.
    #[error("{received} of {total} parts received")]
    Incomplete {
        /// Parts present locally.
        received: usize,
        /// Parts announced.
        total: usize,
    },
}

/// Parts sealed, recorded and submitted together: about 4 MiB, so that a send holds about
/// that much of sealed parts in memory whatever the file size, the progress moves every
/// batch, and a batch whose answer was lost costs at most that much to submit again.
pub const PARTS_PER_BATCH: usize = 4;

const _: () = assert!(
    PARTS_PER_BATCH * (poc_proto::limits::MAX_PAYLOAD_BYTES + 1024)
        <= poc_proto::limits::MAX_FRAME_BYTES
        && PARTS_PER_BATCH <= poc_proto::limits::MAX_SUBMIT_BATCH
);

/// Parts needed for a file of `size` bytes.
pub fn part_count(size: u64) -> usize {
    usize::try_from(size)
        .unwrap_or(usize::MAX)
        .div_ceil(ATTACHMENT_PART_BYTES)
}

/// Attachments as the message carries them: inline, or in parts.
#[derive(Debug, Default)]
pub struct Split {
    /// Files that travel inside the message, in order.
    pub inline: Vec<Attachment>,
    /// Files that travel in parts, in order.
    pub large: Vec<Attachment>,
}

/// Whether each file of these sizes stays inline: in order, while the inline total stays
/// within [`MAX_INLINE_ATTACHMENT_BYTES`]; the others travel in parts.
pub fn stays_inline(sizes: impl IntoIterator<Item = usize>) -> Vec<bool> {
    let mut inline = 0usize;
    sizes
        .into_iter()
        .map(|size| {
            let fits = inline.saturating_add(size) <= MAX_INLINE_ATTACHMENT_BYTES;
            if fits {
                inline += size;
            }
            fits
        })
        .collect()
}

/// Separates the files that stay inline from those that travel in parts ([`stays_inline`]).
pub fn split(attachments: Vec<Attachment>) -> Split {
    let mut split = Split::default();
    let inline = stays_inline(attachments.iter().map(|a| a.data.len()));
    for (a, inline) in attachments.into_iter().zip(inline) {
        if inline {
            split.inline.push(a);
        } else {
            split.large.push(a);
        }
    }
    split
}

/// A file to send in parts, with its hashes (the same for every recipient).
#[derive(Debug)]
pub struct Prepared {
    file: Attachment,
    sha256: [u8; 32],
    part_hashes: Vec<[u8; 32]>,
}

/// Hashes every file to carry in parts.
pub fn prepare(large: Vec<Attachment>) -> Vec<Prepared> {
    large
        .into_iter()
        .map(|file| Prepared {
            sha256: Sha256::digest(&file.data).into(),
            part_hashes: file
                .data
                .chunks(ATTACHMENT_PART_BYTES)
                .map(|c| Sha256::digest(c).into())
                .collect(),
            file,
        })
        .collect()
}

/// The parts of one recipient's message: where each lies, and the envelope id for it.
#[derive(Debug)]
pub struct Plan {
    /// The attachments announcing the files, to append to the message's inline ones.
    pub announced: Vec<Attachment>,
    /// (file, part, envelope id), in file order.
    pub parts: Vec<(usize, usize, EnvelopeId)>,
}

/// Chooses fresh envelope ids for one recipient's parts and describes them. `first` is the
/// number of inline attachments (the announcing ones follow them).
pub fn plan(files: &[Prepared]) -> anyhow::Result<Plan> {
    let mut announced = Vec::with_capacity(files.len());
    let mut parts = Vec::new();
    for (f, file) in files.iter().enumerate() {
        let refs: Vec<PartRef> = file
            .part_hashes
            .iter()
            .enumerate()
            .map(|(i, sha256)| {
                let envelope = EnvelopeId(poc_keys::random_bytes::<16>());
                parts.push((f, i, envelope));
                PartRef {
                    envelope,
                    sha256: *sha256,
                }
            })
            .collect();
        let description = AttachmentParts {
            media_type: file.file.media_type.clone(),
            size: file.file.data.len() as u64,
            sha256: file.sha256,
            parts: refs,
        };
        announced.push(Attachment {
            name: file.file.name.clone(),
            media_type: PARTS_MEDIA_TYPE.to_owned(),
            data: encode(&description)?,
        });
    }
    Ok(Plan { announced, parts })
}

/// Seals one part: `template` is the recipient's message (its header fields are copied),
/// `first` its envelope id, `position` the index of the announcing attachment in it.
pub fn seal_part(
    key: &PocKey,
    recipient: &PocPublic,
    template: &Message,
    first: &RoutingHeader,
    files: &[Prepared],
    inline: usize,
    (file, index, id): (usize, usize, EnvelopeId),
) -> anyhow::Result<Envelope> {
    let data = files
        .get(file)
        .and_then(|f| f.file.data.chunks(ATTACHMENT_PART_BYTES).nth(index))
        .ok_or_else(|| anyhow::anyhow!("no part {index} of file {file}"))?;
    let message = Message {
        from: template.from.clone(),
        to: template.to.clone(),
        sent_at: template.sent_at,
        thread: Some(template.thread.unwrap_or(first.id)),
        language: template.language.clone(),
        tlp: template.tlp,
        exercise: template.exercise,
        kind: MessageKind::AttachmentPart(AttachmentPart {
            message: first.id,
            attachment: u32::try_from(inline + file)?,
            index: u32::try_from(index)?,
            data: data.to_vec(),
        }),
        attachments: Vec::new(),
    };
    let header = RoutingHeader { id, ..*first };
    Ok(seal(
        key,
        &recipient.encryption,
        header,
        &encode(&message)?,
    )?)
}

/// A file the message announces in parts, with its position among the attachments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announced {
    /// Position among the message's attachments.
    pub position: usize,
    /// File name as the sender gave it (untrusted).
    pub name: String,
    /// The description.
    pub parts: AttachmentParts,
}

/// The files a message announces in parts, checked against the limits: at most
/// [`MAX_LARGE_ATTACHMENTS`] files and [`MAX_ATTACHMENT_BYTES`] in all, each with exactly
/// the parts its size needs, no envelope named twice.
pub fn announced(message: &Message) -> Result<Vec<Announced>, PartsError> {
    let mut out = Vec::new();
    let mut total: u64 = 0;
    let mut seen = HashSet::new();
    for (position, a) in message.attachments.iter().enumerate() {
        if a.media_type != PARTS_MEDIA_TYPE {
            total = total.saturating_add(a.data.len() as u64);
            continue;
        }
        let parts: AttachmentParts = decode(&a.data).map_err(|_| PartsError::Malformed)?;
        total = total.saturating_add(parts.size);
        if total > MAX_ATTACHMENT_BYTES as u64 {
            return Err(PartsError::TooLarge { size: total });
        }
        let expected = part_count(parts.size);
        if parts.parts.len() != expected {
            return Err(PartsError::WrongPartCount {
                size: parts.size,
                parts: parts.parts.len(),
                expected,
            });
        }
        for p in &parts.parts {
            if !seen.insert(p.envelope) {
                return Err(PartsError::DuplicatePart(p.envelope));
            }
        }
        out.push(Announced {
            position,
            name: a.name.clone(),
            parts,
        });
        if out.len() > MAX_LARGE_ATTACHMENTS {
            return Err(PartsError::TooManyFiles { count: out.len() });
        }
    }
    debug_assert!(seen.len() <= MAX_ATTACHMENT_PARTS);
    Ok(out)
}

/// Checks one verified part against the message that announces it; returns its data.
pub fn check_part<'a>(
    first: (&EnvelopeId, &Verified),
    file: &Announced,
    index: usize,
    part: &'a Verified,
) -> Result<&'a [u8], PartsError> {
    let number = index + 1;
    let MessageKind::AttachmentPart(p) = &part.message.kind else {
        return Err(PartsError::NotAPart(number));
    };
    if part.sender_key != first.1.sender_key {
        return Err(PartsError::OtherSigner(number));
    }
    if p.message != *first.0
        || usize::try_from(p.attachment).ok() != Some(file.position)
        || usize::try_from(p.index).ok() != Some(index)
    {
        return Err(PartsError::WrongPosition(number));
    }
    let offset = (index as u64).saturating_mul(ATTACHMENT_PART_BYTES as u64);
    let expected = usize::try_from(file.parts.size.saturating_sub(offset))
        .unwrap_or(usize::MAX)
        .min(ATTACHMENT_PART_BYTES);
    if p.data.len() != expected {
        return Err(PartsError::WrongLength {
            part: number,
            actual: p.data.len(),
            expected,
        });
    }
    let hash: [u8; 32] = Sha256::digest(&p.data).into();
    match file.parts.parts.get(index) {
        Some(r) if r.sha256 == hash => Ok(&p.data),
        _ => Err(PartsError::PartHash(number)),
    }
}

/// Where the parts of a file stand in the local inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Every part is here and checks out.
    Complete,
    /// Some parts have not arrived yet.
    Incomplete {
        /// Parts present.
        received: usize,
        /// Parts announced.
        total: usize,
    },
    /// A part, or the file, does not check out.
    Invalid(PartsError),
}

/// The state of every file `message` (envelope `id`) announces in parts, by position among
/// its attachments, each checked part by part ([`reassemble`] without keeping the data).
/// An announcement that breaks the limits makes every file invalid.
pub fn states(
    identity: &Identity,
    directory: &TrustedDirectory,
    id: &EnvelopeId,
    message: &Verified,
) -> anyhow::Result<Vec<(usize, State)>> {
    let files = match announced(&message.message) {
        Ok(files) => files,
        Err(e) => {
            return Ok(message
                .message
                .attachments
                .iter()
                .enumerate()
                .filter(|(_, a)| a.media_type == PARTS_MEDIA_TYPE)
                .map(|(position, _)| (position, State::Invalid(e.clone())))
                .collect())
        }
    };
    files
        .iter()
        .map(|file| {
            let state = reassemble(
                identity,
                directory,
                (id, message),
                file,
                &mut |_| Ok(()),
                &mut |_, _| {},
            )?;
            Ok((file.position, state))
        })
        .collect()
}

/// Reads the parts of `file` from the local inbox in order, checking each, and hands each
/// part's data to `sink`; checks the whole file's hash at the end. Stops at the first part
/// that is missing or does not check out. `progress` gets (parts done, parts in all).
pub fn reassemble(
    identity: &Identity,
    directory: &TrustedDirectory,
    first: (&EnvelopeId, &Verified),
    file: &Announced,
    sink: &mut (dyn FnMut(&[u8]) -> anyhow::Result<()> + Send),
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> anyhow::Result<State> {
    let mailbox = Mailbox::new(&identity.home);
    let total = file.parts.parts.len();
    let present: Vec<bool> = file
        .parts
        .parts
        .iter()
        .map(|p| mailbox.has(&p.envelope))
        .collect();
    let received = present.iter().filter(|p| **p).count();
    if received < total {
        return Ok(State::Incomplete { received, total });
    }
    let mut hasher = Sha256::new();
    for (index, r) in file.parts.parts.iter().enumerate() {
        let (envelope, _) = mailbox.load(&r.envelope)?;
        let part = match verify(
            identity.key_for(&envelope.to),
            &identity.config.id,
            directory,
            &envelope,
        ) {
            Ok(part) => part,
            Err(e) => {
                return Ok(State::Invalid(PartsError::PartUnverified {
                    part: index + 1,
                    reason: e.to_string(),
                }))
            }
        };
        match check_part(first, file, index, &part) {
            Ok(data) => {
                hasher.update(data);
                sink(data)?;
            }
            Err(e) => return Ok(State::Invalid(e)),
        }
        progress(index + 1, total);
    }
    if <[u8; 32]>::from(hasher.finalize()) != file.parts.sha256 {
        return Ok(State::Invalid(PartsError::FileHash));
    }
    Ok(State::Complete)
}

/// The envelope ids of every part `message` names, whether or not its announcements keep
/// within the limits (a part named by a message that breaks them is still that message's).
pub fn named_parts(message: &Message) -> Vec<EnvelopeId> {
    message
        .attachments
        .iter()
        .filter(|a| a.media_type == PARTS_MEDIA_TYPE)
        .filter_map(|a| decode::<AttachmentParts>(&a.data).ok())
        .flat_map(|parts| parts.parts.into_iter().map(|p| p.envelope))
        .collect()
}

/// Whether the verified `part` is a part of message `first` signed by its signer (a message
/// naming an envelope id does not make that envelope its part).
pub fn is_part_of(first: (&EnvelopeId, &Verified), part: &Verified) -> bool {
    matches!(&part.message.kind, MessageKind::AttachmentPart(p) if p.message == *first.0)
        && part.sender_key == first.1.sender_key
}

#[cfg(test)]
mod tests {
    use super::*;
    use poc_proto::{PocId, Tlp};

    fn message(attachments: Vec<Attachment>) -> Message {
        Message {
            from: "FRA.technical".parse().unwrap(),
            to: "MEX.technical".parse::<PocId>().unwrap(),
            sent_at: 1,
            thread: None,
            language: "en".into(),
            tlp: Tlp::Amber,
            exercise: false,
            kind: MessageKind::Text(poc_proto::TextMessage {
                subject: None,
                text: "x".into(),
            }),
            attachments,
        }
    }

    fn file(name: &str, size: usize) -> Attachment {
        Attachment {
            name: name.into(),
            media_type: "application/octet-stream".into(),
            data: (0..size).map(|i| (i % 251) as u8).collect(),
        }
    }

    fn verified(message: Message, key: [u8; 32]) -> Verified {
        Verified {
            member: String::new(),
            sender: message.from.clone(),
            sender_key: poc_proto::PublicKeyBytes(key),
            signed_body: Vec::new(),
            message,
            signature: poc_proto::SignatureBytes([0; 64]),
        }
    }

    /// The first message with its files in parts, and every part as the reader gets it.
    fn sent(sizes: &[usize]) -> (EnvelopeId, Verified, Vec<Verified>) {
        let first = EnvelopeId([9; 16]);
        let split = split(sizes.iter().map(|s| file("f.bin", *s)).collect());
        let inline = split.inline.len();
        let files = prepare(split.large);
        let plan = plan(&files).unwrap();
        let mut attachments = split.inline;
        attachments.extend(plan.announced.clone());
        let m = message(attachments);
        let parts = plan
            .parts
            .iter()
            .map(|(f, i, _)| {
                let data = files[*f]
                    .file
                    .data
                    .chunks(ATTACHMENT_PART_BYTES)
                    .nth(*i)
                    .unwrap()
                    .to_vec();
                let mut part = message(Vec::new());
                part.kind = MessageKind::AttachmentPart(AttachmentPart {
                    message: first,
                    attachment: (inline + f) as u32,
                    index: *i as u32,
                    data,
                });
                verified(part, [1; 32])
            })
            .collect();
        (first, verified(m, [1; 32]), parts)
    }

    /// Reassembles from parts given in arrival order (like the reader's inbox, keyed by
    /// envelope id): returns the files' bytes.
    fn reassemble_from(
        first: &EnvelopeId,
        message: &Verified,
        arrived: &[(EnvelopeId, Verified)],
    ) -> Result<Vec<Vec<u8>>, PartsError> {
        let mut out = Vec::new();
        for file in announced(&message.message)? {
            let mut bytes = Vec::new();
            let mut hasher = Sha256::new();
            for (index, r) in file.parts.parts.iter().enumerate() {
                let received = arrived.iter().filter(|(id, _)| *id == r.envelope).count();
                let Some((_, part)) = arrived.iter().find(|(id, _)| *id == r.envelope) else {
                    return Err(PartsError::Incomplete {
                        received: index,
                        total: file.parts.parts.len(),
                    });
                };
                assert!(received >= 1);
                let data = check_part((first, message), &file, index, part)?;
                hasher.update(data);
                bytes.extend_from_slice(data);
            }
            if <[u8; 32]>::from(hasher.finalize()) != file.parts.sha256 {
                return Err(PartsError::FileHash);
            }
            out.push(bytes);
        }
        Ok(out)
    }

    fn ids(message: &Verified) -> Vec<EnvelopeId> {
        announced(&message.message)
            .unwrap()
            .iter()
            .flat_map(|f| f.parts.parts.iter().map(|p| p.envelope))
            .collect()
    }

    #[test]
    fn small_files_stay_inline_and_large_ones_go_in_parts() {
        let split = split(vec![
            file("a", 1000),
            file("b", MAX_INLINE_ATTACHMENT_BYTES),
            file("c", 2000),
        ]);
        assert_eq!(
            split.inline.iter().map(|a| &a.name[..]).collect::<Vec<_>>(),
            ["a", "c"]
        );
        assert_eq!(split.large.len(), 1);
        assert_eq!(split.large[0].name, "b");
    }

    #[test]
    fn a_file_splits_into_the_parts_its_size_needs_and_reassembles_out_of_order() {
        let size = 2 * ATTACHMENT_PART_BYTES + 17;
        let (first, message, parts) = sent(&[size]);
        let announced = announced(&message.message).unwrap();
        assert_eq!(announced.len(), 1);
        assert_eq!(announced[0].parts.size, size as u64);
        assert_eq!(announced[0].parts.parts.len(), 3);
        assert_eq!(announced[0].parts.media_type, "application/octet-stream");
        // Arrived in reverse order, over several fetches: the order of arrival does not
        // matter, the positions the message gives do.
        let mut arrived: Vec<(EnvelopeId, Verified)> =
            ids(&message).into_iter().zip(parts).collect();
        arrived.reverse();
        let files = reassemble_from(&first, &message, &arrived).unwrap();
        assert_eq!(files, vec![file("f.bin", size).data]);
    }

    #[test]
    fn a_missing_part_leaves_the_file_incomplete() {
        let (first, message, parts) = sent(&[ATTACHMENT_PART_BYTES + 1]);
        let arrived: Vec<(EnvelopeId, Verified)> =
            ids(&message).into_iter().zip(parts).take(1).collect();
        assert_eq!(
            reassemble_from(&first, &message, &arrived),
            Err(PartsError::Incomplete {
                received: 1,
                total: 2
            })
        );
    }

    #[test]
    fn a_part_with_other_data_is_refused_by_its_hash() {
        let (first, message, mut parts) = sent(&[ATTACHMENT_PART_BYTES + 5]);
        if let MessageKind::AttachmentPart(p) = &mut parts[1].message.kind {
            p.data[0] ^= 1;
        }
        let arrived: Vec<_> = ids(&message).into_iter().zip(parts).collect();
        assert_eq!(
            reassemble_from(&first, &message, &arrived),
            Err(PartsError::PartHash(2))
        );
    }

    #[test]
    fn a_part_in_the_wrong_place_or_from_another_signer_is_refused() {
        let (first, message, parts) = sent(&[2 * ATTACHMENT_PART_BYTES]);
        let ids = ids(&message);
        // The second part stored under the first one's id: its position gives it away.
        let swapped = vec![(ids[0], parts[1].clone()), (ids[1], parts[0].clone())];
        assert_eq!(
            reassemble_from(&first, &message, &swapped),
            Err(PartsError::WrongPosition(1))
        );
        // A part of another message.
        let other = EnvelopeId([7; 16]);
        assert_eq!(
            reassemble_from(
                &other,
                &message,
                &ids.iter().copied().zip(parts.clone()).collect::<Vec<_>>()
            ),
            Err(PartsError::WrongPosition(1))
        );
        let mut forged = parts.clone();
        forged[1].sender_key = poc_proto::PublicKeyBytes([2; 32]);
        assert_eq!(
            reassemble_from(
                &first,
                &message,
                &ids.iter().copied().zip(forged).collect::<Vec<_>>()
            ),
            Err(PartsError::OtherSigner(2))
        );
        let mut text = parts;
        text[0].message.kind = MessageKind::Text(Default::default());
        assert_eq!(
            reassemble_from(
                &first,
                &message,
                &ids.iter().copied().zip(text).collect::<Vec<_>>()
            ),
            Err(PartsError::NotAPart(1))
        );
    }

    #[test]
    fn a_file_whose_parts_all_match_but_whose_hash_does_not_is_refused() {
        let (first, mut message, parts) = sent(&[ATTACHMENT_PART_BYTES + 1]);
        let a = message.message.attachments.last_mut().unwrap();
        let mut d: AttachmentParts = decode(&a.data).unwrap();
        d.sha256[0] ^= 1;
        a.data = encode(&d).unwrap();
        let arrived: Vec<_> = ids(&message).into_iter().zip(parts).collect();
        assert_eq!(
            reassemble_from(&first, &message, &arrived),
            Err(PartsError::FileHash)
        );
    }

    /// Rewrites the description of the message's (only) file.
    fn describe(message: &mut Message, change: impl FnOnce(&mut AttachmentParts)) {
        let a = message.attachments.last_mut().unwrap();
        let mut d: AttachmentParts = decode(&a.data).unwrap();
        change(&mut d);
        a.data = encode(&d).unwrap();
    }

    #[test]
    fn a_duplicate_part_too_many_parts_or_too_many_bytes_are_refused_before_reading_any() {
        let (_, message, _) = sent(&[2 * ATTACHMENT_PART_BYTES]);
        let mut m = message.message.clone();
        describe(&mut m, |d| d.parts[1] = d.parts[0]);
        assert_eq!(
            announced(&m),
            Err(PartsError::DuplicatePart(ids(&message)[0]))
        );
        let mut m = message.message.clone();
        describe(&mut m, |d| {
            let extra = PartRef {
                envelope: EnvelopeId([5; 16]),
                sha256: [0; 32],
            };
            d.parts.push(extra)
        });
        assert_eq!(
            announced(&m),
            Err(PartsError::WrongPartCount {
                size: 2 * ATTACHMENT_PART_BYTES as u64,
                parts: 3,
                expected: 2
            })
        );
        // More than the limit, announced with exactly the parts it would need.
        let mut m = message.message.clone();
        let size = MAX_ATTACHMENT_BYTES as u64 + 1;
        describe(&mut m, |d| {
            d.size = size;
            d.parts = (0..part_count(size))
                .map(|i| PartRef {
                    envelope: EnvelopeId([i as u8; 16]),
                    sha256: [0; 32],
                })
                .collect();
        });
        assert_eq!(announced(&m), Err(PartsError::TooLarge { size }));
        let mut m = message.message.clone();
        m.attachments.last_mut().unwrap().data = vec![0xff; 3];
        assert_eq!(announced(&m), Err(PartsError::Malformed));
    }

    #[test]
    fn the_limit_fits_in_the_part_count_bound() {
        assert!(part_count(MAX_ATTACHMENT_BYTES as u64) <= MAX_ATTACHMENT_PARTS);
        assert_eq!(MAX_ATTACHMENT_BYTES, 64 * 1024 * 1024);
        // A part's message fits the largest padding bucket.
        let (first, _, parts) = sent(&[ATTACHMENT_PART_BYTES + 1]);
        let mut part = parts[0].message.clone();
        part.thread = Some(first);
        assert!(encode(&part).unwrap().len() <= poc_proto::limits::MAX_BODY_BYTES);
    }
}

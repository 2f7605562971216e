//! One attachment of a local message, as bytes and a safe name: an inline file as it is, a
//! file carried in parts only once every part and the whole file checked out
//! ([`super::chunks::reassemble`]). `poc ui` offers it for download; the command line saves
//! attachments to files instead (`poc read --save`).

use poc_proto::message::PARTS_MEDIA_TYPE;

use super::chunks::State;
use super::{inbox, Identity};
use crate::error::Failure;

/// An attachment ready to hand to the reader.
#[derive(Debug)]
pub struct Download {
    /// The sender's name for it, made safe ([`super::file_names::safe_file_name`]).
    pub name: String,
    /// Its content.
    pub data: Vec<u8>,
}

/// Attachment `position` (from 0) of the local message `id` (id or unique prefix).
pub fn attachment(identity: &Identity, id: &str, position: usize) -> anyhow::Result<Download> {
    let directory = super::require_directory(identity)?;
    let (id, _, verified) = inbox::read(identity, &directory, id)?;
    let Some(a) = verified.message.attachments.get(position) else {
        return Err(Failure::not_found(anyhow::anyhow!(
            "message {id} has no attachment {}",
            position.saturating_add(1)
        ))
        .into());
    };
    let name = super::file_names::safe_file_name(&a.name);
    if a.media_type != PARTS_MEDIA_TYPE {
        return Ok(Download {
            name,
            data: a.data.clone(),
        });
    }
    let files = super::chunks::announced(&verified.message)
        .map_err(|e| anyhow::anyhow!("{name} cannot be trusted: {e}"))?;
    let Some(file) = files.iter().find(|f| f.position == position) else {
        anyhow::bail!("{name} is announced in parts that the message does not list");
    };
    let mut data = Vec::new();
    let state = super::chunks::reassemble(
        identity,
        &directory,
        (&id, &verified),
        file,
        &mut |part| {
            data.extend_from_slice(part);
            Ok(())
        },
        &mut |_, _| {},
    )?;
    match state {
        State::Complete => Ok(Download { name, data }),
        State::Incomplete { received, total } => anyhow::bail!(
            "{name} is not complete yet: {received} of {total} parts received; fetch again later"
        ),
        State::Invalid(e) => anyhow::bail!("{name} cannot be trusted: {e}"),
    }
}

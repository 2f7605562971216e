//! Size and count limits shared by clients and the relay.
//!
//! The relay enforces them on everything it receives; clients check them before sending so that
//! a user learns about an oversized message before anything leaves the machine.

/// Largest frame (length prefix excluded) either side accepts on an authenticated stream.
pub const MAX_FRAME_BYTES: usize = 20 * 1024 * 1024;

/// Largest frame the relay reads before the client has authenticated (hello and auth proof).
pub const MAX_PREAUTH_FRAME_BYTES: usize = 1024;

/// Largest padded plaintext of one envelope (the biggest padding bucket).
pub const MAX_SEALED_BYTES: usize = 1024 * 1024;

/// Smallest padding bucket: every sealed plaintext is at least this long.
pub const MIN_SEALED_BYTES: usize = 1024;

/// Largest envelope payload (age ciphertext of a sealed plaintext): the biggest bucket plus
/// room for the age header and the per-chunk authentication tags.
pub const MAX_PAYLOAD_BYTES: usize = MAX_SEALED_BYTES + 16 * 1024;

/// Largest encoded message body a client may seal. The difference to [`MAX_SEALED_BYTES`]
/// leaves room for the sender key, the signature and the encoding overhead.
pub const MAX_BODY_BYTES: usize = MAX_SEALED_BYTES - 256;

/// Most envelopes in one Submit request.
pub const MAX_SUBMIT_BATCH: usize = 256;

/// Most envelopes one Fetch response returns (the relay also stops at [`MAX_FRAME_BYTES`]).
pub const MAX_FETCH_LIMIT: u32 = 256;

/// Most envelope ids in one Delete request.
pub const MAX_DELETE_BATCH: usize = 1024;

/// Largest encrypted directory the relay stores and serves.
pub const MAX_DIRECTORY_BYTES: usize = 16 * 1024 * 1024;

/// Most entries in one directory, and most member keys in one directory (all teams together)
/// and in one access list.
pub const MAX_DIRECTORY_ENTRIES: usize = 20_000;

/// Most members of one entry (format v2 directories).
pub const MAX_TEAM_MEMBERS: usize = 16;

/// Longest member label, e.g. "on-call laptop 2", in characters.
pub const MAX_MEMBER_LABEL_CHARS: usize = 64;

/// Longest PoC id, e.g. `MEX.diplomatic.2`.
pub const MAX_POC_ID_CHARS: usize = 40;

/// Default lifetime of an envelope at the relay: 21 days.
pub const DEFAULT_TTL_SECS: u64 = 21 * 24 * 60 * 60;

/// Longest lifetime a sender may ask for.
pub const MAX_TTL_SECS: u64 = 90 * 24 * 60 * 60;

/// Largest total size of a message's attachments: 64 MiB. Clients refuse to send more (a
/// home's `max_attachment_bytes` may lower it, never raise it) and readers refuse a message
/// that announces more.
pub const MAX_ATTACHMENT_BYTES: usize = 64 * 1024 * 1024;

/// Attachments travel inside the first message while their total stays within this (the
/// rest of a body holds the message itself); larger ones travel as attachment parts, one
/// envelope each.
pub const MAX_INLINE_ATTACHMENT_BYTES: usize = 512 * 1024;

/// Bytes of file data in each attachment part but the last: its message fits the largest
/// padding bucket with room for the part's header.
pub const ATTACHMENT_PART_BYTES: usize = MAX_BODY_BYTES - 4 * 1024;

/// Most parts of one message's attachments together: what [`MAX_ATTACHMENT_BYTES`] needs,
/// plus one partial part per attachment file counted by [`MAX_LARGE_ATTACHMENTS`].
pub const MAX_ATTACHMENT_PARTS: usize =
    MAX_ATTACHMENT_BYTES.div_ceil(ATTACHMENT_PART_BYTES) + MAX_LARGE_ATTACHMENTS;

/// Most attachments carried in parts in one message.
pub const MAX_LARGE_ATTACHMENTS: usize = 16;

/// Most relays one directory lists.
pub const MAX_DIRECTORY_RELAYS: usize = 16;

/// Longest relay address (`host:port`), in characters: a DNS name, a colon and a port.
pub const MAX_RELAY_ADDRESS_CHARS: usize = 260;

/// Longest relay operator name in a directory, in characters.
pub const MAX_RELAY_OPERATOR_CHARS: usize = 64;

/// Longest relay region in a directory, in characters.
pub const MAX_RELAY_REGION_CHARS: usize = 64;

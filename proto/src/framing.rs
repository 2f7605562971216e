//! Length framing: every frame is a `u32` big-endian length followed by that many bytes.
//!
//! Each stream carries exactly one frame, so a reader collects the stream up to
//! `4 + limit` bytes and hands them to [`unframe`], which checks the prefix against the
//! actual length. Pure functions: the connection code owns the streams.

/// Bytes of the length prefix.
pub const PREFIX_BYTES: usize = 4;

/// Why a frame was rejected.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    /// Fewer than four bytes arrived.
    #[error("frame truncated: {0} bytes, the length prefix alone needs 4")]
    Truncated(usize),
    /// The prefix announces more than the limit allows.
    #[error("frame too large: {len} bytes announced, limit {limit}")]
    TooLarge {
        /// Announced length.
        len: usize,
        /// Applicable limit.
        limit: usize,
    },
    /// The prefix does not match the bytes that follow it.
    #[error("frame length mismatch: {announced} bytes announced, {actual} received")]
    LengthMismatch {
        /// Announced length.
        announced: usize,
        /// Bytes actually following the prefix.
        actual: usize,
    },
}

/// Prefixes `body` with its length. The caller keeps bodies under the frame limit.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let len = u32::try_from(body.len()).unwrap_or(u32::MAX);
    let mut out = Vec::with_capacity(PREFIX_BYTES + body.len());
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(body);
    out
}

/// Checks the length prefix of a complete frame against `limit` and returns the body.
pub fn unframe(bytes: &[u8], limit: usize) -> Result<&[u8], FrameError> {
    let Some((prefix, body)) = bytes.split_first_chunk::<PREFIX_BYTES>() else {
        return Err(FrameError::Truncated(bytes.len()));
    };
    let announced = u32::from_be_bytes(*prefix) as usize;
    if announced > limit {
        return Err(FrameError::TooLarge {
            len: announced,
            limit,
        });
    }
    if announced != body.len() {
        return Err(FrameError::LengthMismatch {
            announced,
            actual: body.len(),
        });
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn round_trip(body in proptest::collection::vec(any::<u8>(), 0..4096)) {
            let framed = frame(&body);
            prop_assert_eq!(unframe(&framed, 4096).unwrap(), &body[..]);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = unframe(&bytes, 16);
        }
    }

    #[test]
    fn rejects_bad_prefixes() {
        assert_eq!(unframe(&[0, 0], 10), Err(FrameError::Truncated(2)));
        assert!(matches!(
            unframe(&[0, 0, 0, 11], 10),
            Err(FrameError::TooLarge { len: 11, .. })
        ));
        assert!(matches!(
            unframe(&[0, 0, 0, 2, 1], 10),
            Err(FrameError::LengthMismatch {
                announced: 2,
                actual: 1
            })
        ));
    }
}

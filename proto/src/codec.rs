//! The single encoder and decoder for everything on the wire and in exchanged files.
//!
//! bincode 2 with the standard configuration (little-endian, variable-length integers) and an
//! explicit size limit. `decode` rejects trailing bytes: bincode itself silently ignores them.

use bincode::config::{Configuration, Limit, LittleEndian, Varint};
use serde::{de::DeserializeOwned, Serialize};

use crate::limits::MAX_FRAME_BYTES;

type Config = Configuration<LittleEndian, Varint, Limit<MAX_FRAME_BYTES>>;

const CONFIG: Config = bincode::config::standard().with_limit::<MAX_FRAME_BYTES>();

/// Why bytes could not be decoded into the expected type.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// The bytes are not a valid encoding of the expected type (truncated, bad tag, too large...).
    #[error("malformed data: {0}")]
    Malformed(String),
    /// A valid value was followed by extra bytes.
    #[error("malformed data: {0} unexpected trailing bytes")]
    TrailingBytes(usize),
    /// The input is larger than any valid value can be.
    #[error("data too large: {len} bytes, limit {limit}")]
    TooLarge {
        /// Length of the input.
        len: usize,
        /// The limit that applied.
        limit: usize,
    },
}

/// Why a value could not be encoded.
#[derive(Debug, thiserror::Error)]
#[error("cannot encode value: {0}")]
pub struct EncodeError(String);

/// Encodes a value. Fails only if the encoding would exceed [`MAX_FRAME_BYTES`].
pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, EncodeError> {
    bincode::serde::encode_to_vec(value, CONFIG).map_err(|e| EncodeError(e.to_string()))
}

/// Decodes exactly one value from `bytes`: the whole input must be consumed.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    if bytes.len() > MAX_FRAME_BYTES {
        return Err(DecodeError::TooLarge {
            len: bytes.len(),
            limit: MAX_FRAME_BYTES,
        });
    }
    let (value, used) = bincode::serde::decode_from_slice(bytes, CONFIG)
        .map_err(|e| DecodeError::Malformed(e.to_string()))?;
    if used != bytes.len() {
        return Err(DecodeError::TrailingBytes(bytes.len() - used));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_bytes_are_rejected() {
        let mut bytes = encode(&(7u32, String::from("x"))).unwrap();
        assert!(decode::<(u32, String)>(&bytes).is_ok());
        bytes.push(0);
        assert!(matches!(
            decode::<(u32, String)>(&bytes),
            Err(DecodeError::TrailingBytes(1))
        ));
    }

    #[test]
    fn a_huge_length_claim_is_an_error_not_an_allocation() {
        // varint 253 = u64 follows; claim u64::MAX elements.
        let bytes = [253u8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
        assert!(decode::<Vec<u64>>(&bytes).is_err());
        assert!(decode::<Vec<u8>>(&bytes).is_err());
        assert!(decode::<String>(&bytes).is_err());
    }

    #[test]
    fn oversized_input_is_rejected_before_parsing() {
        let bytes = vec![0u8; MAX_FRAME_BYTES + 1];
        assert!(matches!(
            decode::<Vec<u8>>(&bytes),
            Err(DecodeError::TooLarge { .. })
        ));
    }
}

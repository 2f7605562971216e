//! The single encoder and decoder for everything on the wire and in exchanged files.
//!
//! bincode 2 with the standard configuration (little-endian, variable-length integers) and an
//! explicit size limit. `decode` rejects trailing bytes (bincode itself silently ignores them)
//! and any encoding other than the one `encode` produces: bincode also accepts an integer or a
//! length written in a longer varint form than needed (`fb 05 00` for 5), so `decode` encodes
//! the decoded value again and requires the same bytes. Every value thus has exactly one
//! encoding, and a signature over bytes, a digest or a comparison of bytes stands for the value.
//!
//! It does not frame (see `framing`) and does not check signatures or content rules.

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
    /// The bytes decode, but are not the value's one encoding (an integer or a length in a
    /// longer varint form than needed).
    #[error("malformed data: not the canonical encoding (every integer and length must be in its shortest varint form)")]
    NotCanonical,
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

/// Decodes exactly one value from `bytes`: the whole input must be consumed, and must be the
/// encoding [`encode`] gives that value.
pub fn decode<T: Serialize + DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
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
    // Encoding again into a comparing writer: no copy of the input is made.
    let mut same = SameBytes { rest: bytes };
    match bincode::serde::encode_into_writer(&value, &mut same, CONFIG) {
        Ok(()) if same.rest.is_empty() => Ok(value),
        _ => Err(DecodeError::NotCanonical),
    }
}

/// A bincode writer that checks that what is written is, byte for byte, `rest`.
struct SameBytes<'a> {
    rest: &'a [u8],
}

impl bincode::enc::write::Writer for SameBytes<'_> {
    // Called once per byte of a byte vector: inlined across crates, the check costs about half
    // of what decoding costs.
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> Result<(), bincode::error::EncodeError> {
        match self.rest.strip_prefix(bytes) {
            Some(rest) => {
                self.rest = rest;
                Ok(())
            }
            None => Err(bincode::error::EncodeError::Other("not the same bytes")),
        }
    }
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
    fn integers_and_lengths_in_a_longer_form_than_needed_are_refused() {
        // 5 as u16: `05`; also decodable by bincode as `fb 05 00` (u16) or `fc 05 00 00 00`.
        assert_eq!(decode::<u16>(&[5]).unwrap(), 5);
        for long in [&[0xfb, 5, 0][..], &[0xfc, 5, 0, 0, 0][..]] {
            assert!(matches!(
                decode::<u32>(long),
                Err(DecodeError::NotCanonical)
            ));
        }
        // 300 needs the u16 form; the u32 form is refused.
        assert_eq!(decode::<u64>(&[0xfb, 0x2c, 0x01]).unwrap(), 300);
        assert!(matches!(
            decode::<u64>(&[0xfc, 0x2c, 0x01, 0, 0]),
            Err(DecodeError::NotCanonical)
        ));
        // A length: "x" with its length 1 written as `fb 01 00`.
        assert_eq!(decode::<String>(&[1, b'x']).unwrap(), "x");
        assert!(matches!(
            decode::<String>(&[0xfb, 1, 0, b'x']),
            Err(DecodeError::NotCanonical)
        ));
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

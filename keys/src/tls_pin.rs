//! The relay's TLS pin: SHA-256 of the SubjectPublicKeyInfo in its certificate.
//!
//! Clients trust the relay by this pin (from the invite or the directory), not by a CA.

use sha2::{Digest, Sha256};

/// Why a pin could not be computed or read.
#[derive(Debug, thiserror::Error)]
pub enum PinError {
    /// The certificate is not valid DER X.509.
    #[error("not a valid X.509 certificate")]
    BadCertificate,
    /// The text is not 64 hex characters.
    #[error("`{0}` is not a TLS pin (64 hex characters)")]
    BadText(String),
}

/// SHA-256 of the certificate's SubjectPublicKeyInfo.
pub fn spki_pin(cert_der: &[u8]) -> Result<[u8; 32], PinError> {
    let (_, cert) =
        x509_parser::parse_x509_certificate(cert_der).map_err(|_| PinError::BadCertificate)?;
    Ok(Sha256::digest(cert.tbs_certificate.subject_pki.raw).into())
}

/// Lowercase hex form used in invites, configs and output.
pub fn pin_to_text(pin: &[u8; 32]) -> String {
    data_encoding::HEXLOWER.encode(pin)
}

/// Parses the hex form.
pub fn pin_from_text(text: &str) -> Result<[u8; 32], PinError> {
    let bytes = data_encoding::HEXLOWER_PERMISSIVE
        .decode(text.trim().as_bytes())
        .map_err(|_| PinError::BadText(text.to_owned()))?;
    bytes
        .try_into()
        .map_err(|_| PinError::BadText(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_not_a_certificate() {
        assert!(spki_pin(b"nope").is_err());
        assert!(pin_from_text("abc").is_err());
        let pin = [7u8; 32];
        assert_eq!(pin_from_text(&pin_to_text(&pin)).unwrap(), pin);
    }
}

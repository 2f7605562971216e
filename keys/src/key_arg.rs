//! A custodian public key as a person gives it on a command line (`--custodian-key`): the
//! `custodian.pub` file that `poc custodian init` writes, any file holding the key, or the
//! key itself as 64 hex characters.
//!
//! Every command that takes a custodian key parses it here, so they all accept the same
//! forms and refuse anything else with the same sentence. This module reads at most a small
//! file; it does not check that the key is the right one (the signatures it verifies do).

use std::path::Path;

use poc_proto::PublicKeyBytes;

/// Largest file read as a key file: a key with its line break, and room for blanks.
const MAX_KEY_FILE_BYTES: u64 = 4096;

/// Why a `--custodian-key` argument gives no key.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeyArgError {
    /// Neither a key nor the path of a readable file.
    #[error("--custodian-key `{0}` is neither a custodian public key (64 hex characters) nor a readable file; give the custodian.pub file written by `poc custodian init`, or the 64 hex characters it holds")]
    NotAKeyOrFile(String),
    /// A fingerprint: it names a key but cannot check a signature.
    #[error("--custodian-key `{0}` is a fingerprint, which confirms a key but cannot check signatures; give the custodian.pub file written by `poc custodian init`, or the 64 hex characters it holds")]
    Fingerprint(String),
    /// A readable file that does not hold a key.
    #[error("{0} does not hold a custodian public key (64 hex characters); give the custodian.pub file written by `poc custodian init`, or the 64 hex characters it holds")]
    NotAKeyFile(String),
}

/// The custodian key `arg` gives: 64 hex characters (surrounding blanks ignored), or the path
/// of a file holding them (such as `custodian.pub`).
pub fn custodian_key(arg: &str) -> Result<PublicKeyBytes, KeyArgError> {
    if let Ok(key) = arg.parse::<PublicKeyBytes>() {
        return Ok(key);
    }
    let path = Path::new(arg);
    if path.is_file() {
        return key_file(path).ok_or_else(|| KeyArgError::NotAKeyFile(path.display().to_string()));
    }
    if looks_like_fingerprint(arg) {
        return Err(KeyArgError::Fingerprint(arg.trim().to_owned()));
    }
    Err(KeyArgError::NotAKeyOrFile(arg.to_owned()))
}

/// The key in a small text file holding only it (and blanks), or `None`.
fn key_file(path: &Path) -> Option<PublicKeyBytes> {
    let len = std::fs::metadata(path).ok()?.len();
    if len > MAX_KEY_FILE_BYTES {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    text.trim().parse().ok()
}

/// 32 base32 characters, in groups of 4 or not (the way fingerprints are shown).
fn looks_like_fingerprint(arg: &str) -> bool {
    let compact: String = arg.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() == 32
        && compact
            .chars()
            .all(|c| c.is_ascii_uppercase() || ('2'..='7').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{fingerprint, FingerprintText};

    const KEY: &str = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    fn key() -> PublicKeyBytes {
        KEY.parse().unwrap()
    }

    #[test]
    fn the_hex_key_and_the_custodian_pub_file_give_the_same_key() {
        assert_eq!(custodian_key(KEY), Ok(key()));
        assert_eq!(custodian_key(&format!("  {KEY}\n")), Ok(key()));
        let dir = tempfile::tempdir().unwrap();
        // What `poc custodian init` writes: the key and a line break.
        let file = dir.path().join("custodian.pub");
        std::fs::write(&file, format!("{KEY}\n")).unwrap();
        assert_eq!(custodian_key(file.to_str().unwrap()), Ok(key()));
        let crlf = dir.path().join("copied.pub");
        std::fs::write(&crlf, format!("{KEY}\r\n")).unwrap();
        assert_eq!(custodian_key(crlf.to_str().unwrap()), Ok(key()));
    }

    #[test]
    fn anything_else_is_refused_with_a_sentence_naming_custodian_pub() {
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("notes.txt");
        std::fs::write(&other, "not a key\n").unwrap();
        let big = dir.path().join("big.pub");
        std::fs::write(&big, format!("{KEY}\n{}", " ".repeat(5000))).unwrap();
        let fp = FingerprintText(fingerprint(&key())).to_string();
        let cases = [
            ("abc".to_owned(), KeyArgError::NotAKeyOrFile("abc".into())),
            (
                KEY[..63].to_owned(),
                KeyArgError::NotAKeyOrFile(KEY[..63].into()),
            ),
            (
                dir.path().join("missing.pub").display().to_string(),
                KeyArgError::NotAKeyOrFile(dir.path().join("missing.pub").display().to_string()),
            ),
            (
                other.display().to_string(),
                KeyArgError::NotAKeyFile(other.display().to_string()),
            ),
            (
                big.display().to_string(),
                KeyArgError::NotAKeyFile(big.display().to_string()),
            ),
            (fp.clone(), KeyArgError::Fingerprint(fp.clone())),
            (
                fp.replace(' ', ""),
                KeyArgError::Fingerprint(fp.replace(' ', "")),
            ),
        ];
        for (arg, expected) in cases {
            let err = custodian_key(&arg).unwrap_err();
            assert_eq!(err, expected, "{arg}");
            let sentence = err.to_string();
            assert!(
                sentence.contains("custodian.pub") && sentence.contains("64 hex characters"),
                "{sentence}"
            );
        }
    }
}

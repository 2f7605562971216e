//! Identity files: the secret keys encrypted with age's scrypt passphrase recipient.
//!
//! The file is a standard binary age file, so `age -d identity.age` with the passphrase shows
//! the plaintext:
//!
//! ```text
//! poc-keystore-v1
//! <ed25519 seed, 64 hex characters>
//! <age identity, AGE-SECRET-KEY-1...>
//! ```
//!
//! Files are created with `create_new` and mode 0600; an existing file is never overwritten.

use std::fs::OpenOptions;
use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use age::secrecy::SecretString;
use zeroize::Zeroizing;

use crate::identity::PocKey;

/// scrypt work factor of new keystores: N = 2^17, r = 8 (128 MiB, about a quarter second).
pub const SCRYPT_LOG_N: u8 = 17;

/// Highest work factor accepted when opening a keystore (bounds the cost of a hostile file).
pub const MAX_SCRYPT_LOG_N: u8 = 22;

const HEADER: &str = "poc-keystore-v1";

/// Largest keystore file read (a valid one is about 400 bytes).
const MAX_KEYSTORE_BYTES: u64 = 64 * 1024;

/// Why a keystore could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum KeystoreError {
    /// The file already exists; keystores are never overwritten.
    #[error("{0} already exists; refusing to overwrite an identity")]
    Exists(String),
    /// Reading or writing failed.
    #[error("cannot access the identity file {path}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The passphrase does not open the file.
    #[error("wrong passphrase for the identity file")]
    WrongPassphrase,
    /// The passphrase is empty.
    #[error("the passphrase is empty")]
    EmptyPassphrase,
    /// The file is not a PoC keystore, or is damaged.
    #[error("the identity file is damaged or not a PoC identity ({0})")]
    Corrupt(&'static str),
}

/// Writes `key` to a new file at `path`, encrypted with `passphrase`.
pub fn save(path: &Path, key: &PocKey, passphrase: &SecretString) -> Result<(), KeystoreError> {
    use age::secrecy::ExposeSecret;
    if passphrase.expose_secret().is_empty() {
        return Err(KeystoreError::EmptyPassphrase);
    }
    let io = |source| KeystoreError::Io {
        path: path.display().to_string(),
        source,
    };
    let seed_hex =
        Zeroizing::new(data_encoding::HEXLOWER.encode(key.signing_seed_secret().as_ref()));
    let plaintext = Zeroizing::new(format!(
        "{HEADER}\n{}\n{}\n",
        seed_hex.as_str(),
        key.age_identity_secret().as_str()
    ));

    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    recipient.set_work_factor(SCRYPT_LOG_N);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(|_| KeystoreError::Corrupt("cannot set up encryption"))?;
    let mut ciphertext = Vec::new();
    {
        let mut writer = encryptor.wrap_output(&mut ciphertext).map_err(io)?;
        writer.write_all(plaintext.as_bytes()).map_err(io)?;
        writer.finish().map_err(io)?;
    }

    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                KeystoreError::Exists(path.display().to_string())
            } else {
                io(e)
            }
        })?;
    file.write_all(&ciphertext).map_err(io)?;
    file.sync_all().map_err(io)?;
    Ok(())
}

/// Opens the keystore at `path` with `passphrase`.
pub fn load(path: &Path, passphrase: &SecretString) -> Result<PocKey, KeystoreError> {
    let io = |source| KeystoreError::Io {
        path: path.display().to_string(),
        source,
    };
    let mut ciphertext = Vec::new();
    std::fs::File::open(path)
        .map_err(io)?
        .take(MAX_KEYSTORE_BYTES)
        .read_to_end(&mut ciphertext)
        .map_err(io)?;
    open_bytes(&ciphertext, passphrase)
}

/// Opens keystore bytes (the content of an identity file) with `passphrase`: what [`load`]
/// does after reading the file. Any input gives a typed error, never a panic; a work factor
/// above [`MAX_SCRYPT_LOG_N`] is refused before scrypt runs.
pub fn open_bytes(ciphertext: &[u8], passphrase: &SecretString) -> Result<PocKey, KeystoreError> {
    let decryptor = age::Decryptor::new_buffered(ciphertext)
        .map_err(|_| KeystoreError::Corrupt("not an age file"))?;
    if !decryptor.is_scrypt() {
        return Err(KeystoreError::Corrupt("not passphrase-encrypted"));
    }
    let mut identity = age::scrypt::Identity::new(passphrase.clone());
    identity.set_max_work_factor(MAX_SCRYPT_LOG_N);
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed
            | age::DecryptError::NoMatchingKeys
            | age::DecryptError::KeyDecryptionFailed => KeystoreError::WrongPassphrase,
            age::DecryptError::ExcessiveWork { .. } => {
                KeystoreError::Corrupt("work factor above the accepted maximum")
            }
            _ => KeystoreError::Corrupt("invalid age header"),
        })?;
    let mut plaintext = Zeroizing::new(Vec::new());
    reader
        .read_to_end(&mut plaintext)
        .map_err(|_| KeystoreError::Corrupt("payload does not decrypt"))?;
    from_plaintext(&plaintext)
}

/// Parses the decrypted content of a keystore (the three lines shown in the module
/// documentation) into an identity. Any input gives a typed error, never a panic.
pub fn from_plaintext(plaintext: &[u8]) -> Result<PocKey, KeystoreError> {
    let text = std::str::from_utf8(plaintext).map_err(|_| KeystoreError::Corrupt("not text"))?;
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return Err(KeystoreError::Corrupt("unknown keystore version"));
    }
    let seed_hex = lines
        .next()
        .ok_or(KeystoreError::Corrupt("missing signing key"))?;
    let age_identity = lines
        .next()
        .ok_or(KeystoreError::Corrupt("missing encryption key"))?;
    let seed_vec = Zeroizing::new(
        data_encoding::HEXLOWER
            .decode(seed_hex.as_bytes())
            .map_err(|_| KeystoreError::Corrupt("bad signing key"))?,
    );
    let mut seed = Zeroizing::new([0u8; 32]);
    if seed_vec.len() != 32 {
        return Err(KeystoreError::Corrupt("bad signing key length"));
    }
    seed.copy_from_slice(&seed_vec);
    PocKey::from_parts(&seed, age_identity)
        .map_err(|_| KeystoreError::Corrupt("bad encryption key"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn pass(s: &str) -> SecretString {
        SecretString::from(s.to_owned())
    }

    #[test]
    fn save_then_load_with_mode_0600_and_no_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("identity.age");
        let key = PocKey::generate();
        save(&path, &key, &pass("correct horse")).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let loaded = load(&path, &pass("correct horse")).unwrap();
        assert_eq!(loaded.signing_public(), key.signing_public());
        assert!(matches!(
            save(&path, &PocKey::generate(), &pass("x")),
            Err(KeystoreError::Exists(_))
        ));
        assert!(matches!(
            load(&path, &pass("wrong horse")),
            Err(KeystoreError::WrongPassphrase)
        ));
    }

    #[test]
    fn garbage_is_corrupt_not_a_panic() {
        assert!(matches!(
            open_bytes(b"not an age file", &pass("x")),
            Err(KeystoreError::Corrupt(_))
        ));
        assert!(matches!(
            open_bytes(&[], &pass("x")),
            Err(KeystoreError::Corrupt(_))
        ));
    }

    #[test]
    fn empty_passphrase_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("identity.age");
        assert!(matches!(
            save(&path, &PocKey::generate(), &pass("")),
            Err(KeystoreError::EmptyPassphrase)
        ));
        assert!(!path.exists());
    }
}

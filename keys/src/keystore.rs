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

/// Writes `key` to a new file at `path`, encrypted with `passphrase` at the work factor
/// [`SCRYPT_LOG_N`].
pub fn save(path: &Path, key: &PocKey, passphrase: &SecretString) -> Result<(), KeystoreError> {
    write(path, key, passphrase, new_keystore_log_n())
}

/// The work factor of new keystores: [`SCRYPT_LOG_N`], unless this process switched itself to
/// the test-only low factor (see `low_work_factor`, compiled only with the feature
/// `test-low-work-factor`).
fn new_keystore_log_n() -> u8 {
    #[cfg(feature = "test-low-work-factor")]
    if let Some(low) = crate::low_work_factor::override_log_n() {
        return low;
    }
    SCRYPT_LOG_N
}

/// Writes `key` to a new file at `path`, encrypted with `passphrase` at scrypt work factor
/// `log_n` (N = 2^log_n).
fn write(
    path: &Path,
    key: &PocKey,
    passphrase: &SecretString,
    log_n: u8,
) -> Result<(), KeystoreError> {
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
    recipient.set_work_factor(log_n);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(|_| KeystoreError::Corrupt("cannot set up encryption"))?;
    let mut ciphertext = Vec::new();
    {
        let mut writer = encryptor.wrap_output(&mut ciphertext).map_err(io)?;
        writer.write_all(plaintext.as_bytes()).map_err(io)?;
        writer.finish().map_err(io)?;
    }

    // Whole or absent, also across a power cut: written and synced under a temporary name,
    // renamed into place, then the folder synced so that the new name survives too.
    if path.exists() {
        return Err(KeystoreError::Exists(path.display().to_string()));
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or(KeystoreError::Corrupt("a keystore path needs a file name"))?;
    let tmp = dir.join(format!(".{}.tmp", name.to_string_lossy()));
    {
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&tmp)
            .map_err(io)?;
        file.write_all(&ciphertext).map_err(io)?;
        file.sync_all().map_err(io)?;
    }
    std::fs::rename(&tmp, path).map_err(io)?;
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io)?;
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

    /// Work factor of the unit tests' keystores: reading accepts any factor, so the tests of
    /// everything but the factor itself need not pay for the real one.
    const TEST_LOG_N: u8 = 10;

    /// The `log_n` of the single scrypt stanza of an age file
    /// (`-> scrypt <salt> <log_n>` in the text header).
    fn stanza_log_n(file: &[u8]) -> u8 {
        let header = String::from_utf8_lossy(&file[..file.len().min(200)]).into_owned();
        let stanza = header
            .lines()
            .find(|l| l.starts_with("-> scrypt "))
            .expect("an scrypt stanza");
        stanza.split(' ').nth(3).unwrap().parse().unwrap()
    }

    #[test]
    fn save_writes_the_real_work_factor_and_any_factor_opens() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.age");
        let key = PocKey::generate();
        save(&real, &key, &pass("correct horse")).unwrap();
        assert_eq!(stanza_log_n(&std::fs::read(&real).unwrap()), SCRYPT_LOG_N);
        let low = dir.path().join("low.age");
        write(&low, &key, &pass("correct horse"), TEST_LOG_N).unwrap();
        assert_eq!(stanza_log_n(&std::fs::read(&low).unwrap()), TEST_LOG_N);
        for path in [&real, &low] {
            let loaded = load(path, &pass("correct horse")).unwrap();
            assert_eq!(loaded.signing_public(), key.signing_public());
        }
    }

    #[test]
    fn a_work_factor_above_the_maximum_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("identity.age");
        let key = PocKey::generate();
        write(&path, &key, &pass("x"), TEST_LOG_N).unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        let header_end = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
        let stanza_end = header_end
            + bytes[header_end..]
                .iter()
                .position(|&b| b == b'\n')
                .unwrap();
        // Replace the trailing " 10" of the stanza with " 23" (same length, MAC not checked
        // before the work factor).
        bytes[stanza_end - 2..stanza_end].copy_from_slice(b"23");
        assert!(matches!(
            open_bytes(&bytes, &pass("x")),
            Err(KeystoreError::Corrupt(
                "work factor above the accepted maximum"
            ))
        ));
    }

    #[test]
    fn save_then_load_with_mode_0600_and_no_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("identity.age");
        let key = PocKey::generate();
        write(&path, &key, &pass("correct horse"), TEST_LOG_N).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let loaded = load(&path, &pass("correct horse")).unwrap();
        assert_eq!(loaded.signing_public(), key.signing_public());
        assert!(matches!(
            write(&path, &PocKey::generate(), &pass("x"), TEST_LOG_N),
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

//! The passphrase read from a file named by `POC_PASSPHRASE_FILE`, for services: systemd
//! hands a service its credentials as files (`LoadCredential=`, in `$CREDENTIALS_DIRECTORY`),
//! so the passphrase is in no process environment and no shell history.
//!
//! The file must be readable by its owner only (mode 0600 or 0400: no bit for group or
//! others), or it is refused. Its content is the passphrase, with one final line feed (or
//! CR LF) removed. This module does not prompt and does not read `POC_PASSPHRASE`
//! (see [`crate::passphrase`]).

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use age::secrecy::SecretString;
use anyhow::Context;
use zeroize::Zeroizing;

/// Environment variable naming the passphrase file.
pub const PASSPHRASE_FILE_ENV: &str = "POC_PASSPHRASE_FILE";

/// The passphrase from the file named by `POC_PASSPHRASE_FILE`, if it is set.
pub fn from_env() -> anyhow::Result<Option<SecretString>> {
    match std::env::var_os(PASSPHRASE_FILE_ENV) {
        Some(path) if !path.is_empty() => read(Path::new(&path)).map(Some),
        _ => Ok(None),
    }
}

/// Reads the passphrase from `path`, refusing a file others could read or an empty one.
pub fn read(path: &Path) -> anyhow::Result<SecretString> {
    let mut file = std::fs::File::open(path).with_context(|| {
        format!(
            "cannot open the passphrase file {} ({PASSPHRASE_FILE_ENV}): check the path",
            path.display()
        )
    })?;
    // The mode of the file opened, not of whatever the path names a moment later.
    let mode = file
        .metadata()
        .with_context(|| format!("cannot read the mode of {}", path.display()))?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        anyhow::bail!(
            "the passphrase file {} has mode {:04o}: others could read it; run `chmod 600 {}` and try again",
            path.display(),
            mode & 0o7777,
            path.display()
        );
    }
    let mut bytes = Zeroizing::new(Vec::new());
    file.read_to_end(&mut bytes)
        .with_context(|| format!("cannot read the passphrase file {}", path.display()))?;
    let text = std::str::from_utf8(&bytes).with_context(|| {
        format!(
            "the passphrase file {} is not UTF-8 text: write the passphrase in it as text",
            path.display()
        )
    })?;
    let passphrase = text
        .strip_suffix('\n')
        .map_or(text, |t| t.strip_suffix('\r').unwrap_or(t));
    if passphrase.is_empty() {
        anyhow::bail!(
            "the passphrase file {} is empty: write the identity's passphrase in it",
            path.display()
        );
    }
    Ok(SecretString::from(passphrase.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use age::secrecy::ExposeSecret;

    fn file(mode: u32, content: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("passphrase");
        std::fs::write(&path, content).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        (dir, path)
    }

    #[test]
    fn an_owner_only_file_is_read_without_its_final_line_feed() {
        for mode in [0o600, 0o400] {
            let (_dir, path) = file(mode, "correct horse battery\n");
            assert_eq!(
                read(&path).unwrap().expose_secret(),
                "correct horse battery"
            );
        }
        let (_dir, path) = file(0o600, "with CR LF\r\n");
        assert_eq!(read(&path).unwrap().expose_secret(), "with CR LF");
    }

    #[test]
    fn a_file_others_can_read_is_refused_with_the_command_to_fix_it() {
        for mode in [0o644, 0o640, 0o604, 0o660] {
            let (_dir, path) = file(mode, "secret");
            let error = format!("{:#}", read(&path).unwrap_err());
            assert!(
                error.contains(&format!("has mode {mode:04o}")) && error.contains("chmod 600"),
                "{error}"
            );
        }
    }

    #[test]
    fn an_empty_or_missing_file_is_refused() {
        let (dir, path) = file(0o600, "\n");
        assert!(format!("{:#}", read(&path).unwrap_err()).contains("is empty"));
        let missing = dir.path().join("absent");
        assert!(format!("{:#}", read(&missing).unwrap_err()).contains("cannot open"));
    }
}

//! Passphrases: from the file named by `POC_PASSPHRASE_FILE` (see [`crate::passphrase_file`]),
//! else `POC_PASSPHRASE`, else an interactive prompt on the terminal.

use age::secrecy::{ExposeSecret, SecretString};
use anyhow::Context;

/// Environment variable holding the passphrase (for scripts and tests).
pub const PASSPHRASE_ENV: &str = "POC_PASSPHRASE";

/// Asks for the passphrase of an existing identity.
pub fn existing() -> anyhow::Result<SecretString> {
    if let Some(value) = crate::passphrase_file::from_env()? {
        if std::env::var_os(PASSPHRASE_ENV).is_some() {
            anyhow::bail!("both POC_PASSPHRASE and POC_PASSPHRASE_FILE are set: keep one");
        }
        return Ok(value);
    }
    if let Ok(value) = std::env::var(PASSPHRASE_ENV) {
        return Ok(SecretString::from(value));
    }
    let value = rpassword::prompt_password("Passphrase for the PoC identity: ")
        .context("cannot read the passphrase (set POC_PASSPHRASE when there is no terminal)")?;
    Ok(SecretString::from(value))
}

/// Asks for a new passphrase, twice on a terminal.
pub fn new() -> anyhow::Result<SecretString> {
    if let Ok(value) = std::env::var(PASSPHRASE_ENV) {
        return Ok(SecretString::from(value));
    }
    let first = rpassword::prompt_password("New passphrase for the PoC identity: ")
        .context("cannot read the passphrase (set POC_PASSPHRASE when there is no terminal)")?;
    let second = rpassword::prompt_password("Repeat the passphrase: ")
        .context("cannot read the passphrase")?;
    if first != second {
        anyhow::bail!("the two passphrases differ");
    }
    let secret = SecretString::from(first);
    if secret.expose_secret().chars().count() < 8 {
        anyhow::bail!("the passphrase is too short: use at least 8 characters");
    }
    Ok(secret)
}

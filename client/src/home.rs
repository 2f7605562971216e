//! The client's home directory: where identity, configuration, directory and inbox live.
//!
//! ```text
//! $POC_HOME/
//!   poc.toml              id, pinned custodian key, relay address and TLS pin
//!   identity.age          passphrase-encrypted keys (0600)
//!   directory.bin         newest accepted signed directory
//!   trust.toml            serial and digest of that directory
//!   evidence/             conflicting directories kept as evidence (equivocation)
//!   inbox/<id>.env        envelopes fetched from the relay, still encrypted
//!   inbox/<id>.toml       local state of each (fetched, acknowledged)
//!   sent/<id>.toml        what this PoC sent or began to send, and how far it went (the
//!                         outbox, `mailbox::outbox`; matches receipts)
//!   sent/<id>.age         the sender's own copy of each, encrypted to its own key
//!   sent/<id>.env         the sealed envelope, until the relay stored it or it expired
//!   custodian/            custodian only: accepted entries and published directories
//! ```

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use anyhow::Context;
use poc_proto::{PocId, PublicKeyBytes};
use serde::{Deserialize, Serialize};

/// Environment variable naming the home directory.
pub const HOME_ENV: &str = "POC_HOME";

/// A client home directory.
#[derive(Debug, Clone)]
pub struct Home {
    root: PathBuf,
}

/// Serde for public keys in human-edited TOML files: 64 hex characters, not a list of numbers.
pub mod hex_key {
    use poc_proto::PublicKeyBytes;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the key as lowercase hex.
    pub fn serialize<S: Serializer>(
        key: &PublicKeyBytes,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_str(key)
    }

    /// Reads 64 hex characters.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<PublicKeyBytes, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// Where the relay is and how to recognise it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RelayAddress {
    /// `host:port`.
    pub address: String,
    /// SHA-256 of the relay's TLS public key, hex.
    pub tls_pin: String,
}

impl RelayAddress {
    /// The pin as bytes.
    pub fn pin(&self) -> anyhow::Result<[u8; 32]> {
        poc_keys::tls_pin::pin_from_text(&self.tls_pin).context("invalid relay TLS pin in poc.toml")
    }
}

/// `poc.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PocConfig {
    /// This PoC's id.
    pub id: PocId,
    /// The custodian key every directory must be signed with (or handed over from).
    #[serde(with = "hex_key")]
    pub custodian_key: PublicKeyBytes,
    /// The relay, once known.
    pub relay: Option<RelayAddress>,
    /// Largest total size of the attachments of one message, in bytes: may lower
    /// [`poc_proto::limits::MAX_ATTACHMENT_BYTES`] (64 MiB), never raise it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_attachment_bytes: Option<usize>,
}

impl PocConfig {
    /// The attachment limit in force.
    pub fn attachment_limit(&self) -> usize {
        self.max_attachment_bytes
            .unwrap_or(poc_proto::limits::MAX_ATTACHMENT_BYTES)
            .min(poc_proto::limits::MAX_ATTACHMENT_BYTES)
    }
}

impl Home {
    /// The home at `root` (not created yet).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Home { root: root.into() }
    }

    /// `--home`, else `$POC_HOME`, else the platform data directory.
    pub fn locate(explicit: Option<PathBuf>) -> anyhow::Result<Self> {
        if let Some(root) = explicit {
            return Ok(Home::new(root));
        }
        if let Some(root) = std::env::var_os(HOME_ENV) {
            return Ok(Home::new(root));
        }
        let dirs = directories::ProjectDirs::from("int", "poc", "poc")
            .context("cannot find a data directory; pass --home or set POC_HOME")?;
        Ok(Home::new(dirs.data_dir()))
    }

    /// The root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A path inside the home.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// Creates the home (and a subdirectory) with mode 0700.
    /// A folder it creates is made durable in its parent, so files synced into it later
    /// cannot vanish with it in a power cut.
    pub fn ensure_dir(&self, relative: &str) -> anyhow::Result<PathBuf> {
        let dir = self.root.join(relative);
        let missing: Vec<PathBuf> = dir
            .ancestors()
            .take_while(|d| !d.exists())
            .map(Path::to_path_buf)
            .collect();
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&dir)
            .with_context(|| format!("creating {}", dir.display()))?;
        for created in &missing {
            if let Some(parent) = created.parent() {
                sync_folder(parent)?;
            }
        }
        Ok(dir)
    }

    /// The identity file.
    pub fn identity_path(&self) -> PathBuf {
        self.path("identity.age")
    }

    /// Whether an identity exists here.
    pub fn has_identity(&self) -> bool {
        self.identity_path().exists()
    }

    /// Reads `poc.toml`.
    pub fn config(&self) -> anyhow::Result<PocConfig> {
        let path = self.path("poc.toml");
        let text = fs::read_to_string(&path).with_context(|| {
            format!(
                "no PoC identity in {} (run `poc init --invite FILE` or `poc custodian init` first)",
                self.root.display()
            )
        })?;
        toml::from_str(&text).with_context(|| format!("invalid {}", path.display()))
    }

    /// Writes `poc.toml`.
    pub fn save_config(&self, config: &PocConfig) -> anyhow::Result<()> {
        let text = toml::to_string(config).context("encoding poc.toml")?;
        write_atomic(&self.path("poc.toml"), text.as_bytes())
    }
}

/// Writes a file atomically and durably: temp file (0600), fsync, rename, fsync directory.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().context("path has no parent directory")?;
    let name = path
        .file_name()
        .context("path has no file name")?
        .to_string_lossy();
    let tmp = dir.join(format!(".{name}.tmp"));
    {
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&tmp)
            .with_context(|| format!("creating {}", tmp.display()))?;
        file.write_all(bytes)
            .and_then(|_| file.sync_all())
            .with_context(|| format!("writing {}", tmp.display()))?;
    }
    fs::rename(&tmp, path).with_context(|| format!("renaming to {}", path.display()))?;
    fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("syncing {}", dir.display()))?;
    Ok(())
}

/// Makes the entries of folder `dir` (files created, renamed or removed in it) durable.
pub fn sync_dir(dir: &Path) -> anyhow::Result<()> {
    counted_sync();
    sync_folder(dir)
}

/// [`sync_dir`], not counted: a folder's creation is not one of the writes the tests count.
fn sync_folder(dir: &Path) -> anyhow::Result<()> {
    fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("syncing {}", dir.display()))
}

/// Writes several files (0600) into `dir` in one go, replacing any of the same name: each is
/// written to a temporary name and synced, then all are renamed into place in order, then
/// the folder is synced once. Under its final name a file is whole or absent. One folder sync
/// for the lot, rather than one per file: the custodian stores thousands of
/// acknowledgements at a time.
pub fn write_files(dir: &Path, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    write_and_rename(dir, files, Syncs::EachFile)
}

/// Writes many files (0600) into `dir` with one sync for the lot, replacing any of the same
/// name: all are written to temporary names, the file system is synced once (`syncfs`), then
/// all are renamed into place in order and the folder is synced. Under its final name a file
/// is whole or absent, as with [`write_files`], which syncs each file: this is for batches of
/// thousands (a ping campaign records one envelope per PoC), where a sync per file would cost
/// more than the rest of the work. Elsewhere than Linux each file is synced.
pub fn write_files_batch(dir: &Path, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    write_and_rename(dir, files, Syncs::FileSystem)
}

/// How [`write_and_rename`] makes the temporary files durable before renaming them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Syncs {
    /// One `fsync` per file.
    EachFile,
    /// One `syncfs` for all (Linux; elsewhere one `fsync` per file).
    FileSystem,
}

/// Writes `files` to temporary names in `dir`, makes them durable as `syncs` says, renames
/// them into place in order, then syncs the folder.
fn write_and_rename(dir: &Path, files: &[(String, Vec<u8>)], syncs: Syncs) -> anyhow::Result<()> {
    if files.is_empty() {
        return Ok(());
    }
    let tmp = |name: &str| dir.join(format!(".{name}.tmp"));
    for (name, bytes) in files {
        let path = tmp(name);
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&path)
            .with_context(|| format!("creating {}", path.display()))?;
        file.write_all(bytes)
            .and_then(|_| match syncs {
                Syncs::EachFile => file.sync_all(),
                Syncs::FileSystem => sync_each(&file),
            })
            .with_context(|| format!("writing {}", path.display()))?;
        if syncs == Syncs::EachFile {
            counted_sync();
        }
    }
    let folder = fs::File::open(dir).with_context(|| format!("opening {}", dir.display()))?;
    if syncs == Syncs::FileSystem {
        counted_sync();
        sync_all_of(&folder).with_context(|| format!("syncing the files of {}", dir.display()))?;
    }
    for (name, _) in files {
        let to = dir.join(name);
        fs::rename(tmp(name), &to).with_context(|| format!("renaming to {}", to.display()))?;
    }
    counted_sync();
    folder
        .sync_all()
        .with_context(|| format!("syncing {}", dir.display()))
}

#[cfg(test)]
thread_local! {
    static SYNCS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts a sync of [`write_files`], [`write_files_batch`] or [`sync_dir`] (tests only).
fn counted_sync() {
    #[cfg(test)]
    SYNCS.with(|n| n.set(n.get() + 1));
}

/// Syncs [`write_files`], [`write_files_batch`] and [`sync_dir`] asked on this thread so far (tests only;
/// on Linux, a batch counts two).
#[cfg(test)]
pub(crate) fn syncs_on_this_thread() -> usize {
    SYNCS.with(|n| n.get())
}

/// On Linux nothing: the whole file system is synced once afterwards ([`sync_all_of`]).
#[cfg(target_os = "linux")]
fn sync_each(_file: &fs::File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn sync_each(file: &fs::File) -> std::io::Result<()> {
    file.sync_all()
}

/// Syncs every file of the file system holding `folder` (one `syncfs`).
#[cfg(target_os = "linux")]
fn sync_all_of(folder: &fs::File) -> std::io::Result<()> {
    rustix::fs::syncfs(folder).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn sync_all_of(_folder: &fs::File) -> std::io::Result<()> {
    Ok(())
}

/// Writes a new file (0600); refuses to overwrite.
pub fn write_new(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating {} (it must not exist yet)", path.display()))?;
    file.write_all(bytes)
        .and_then(|_| file.sync_all())
        .with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn write_files_puts_whole_private_files_in_place_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("b.toml"), b"old").unwrap();
        let files = vec![
            ("a.env".to_string(), b"first".to_vec()),
            ("b.toml".to_string(), b"replaced".to_vec()),
        ];
        write_files(dir.path(), &files).unwrap();
        assert_eq!(fs::read(dir.path().join("a.env")).unwrap(), b"first");
        assert_eq!(fs::read(dir.path().join("b.toml")).unwrap(), b"replaced");
        let mode = fs::metadata(dir.path().join("a.env"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }
}

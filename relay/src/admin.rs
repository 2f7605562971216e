//! The admin socket and the backup and restore commands built on it.
//!
//! A running relay holds the store's lock, so `poc-relay backup` cannot open the store
//! itself: it asks the relay through `<data_dir>/admin.sock`, a Unix socket of mode 0600 in
//! the relay's 0700 data directory (only the relay's own user reaches it). The socket knows
//! one command, `backup`, answered with a consistent snapshot (see
//! [`crate::store::backup`]). When no relay runs, the commands open the store directly.

use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::io::AsyncReadExt;
use tokio::net::UnixListener;
use tokio::sync::Semaphore;

use crate::access::Access;
use crate::config::RelayConfig;
use crate::store::backup::verify;
use crate::store::{BackupSummary, SledStore, Store};

const BACKUP_COMMAND: &[u8] = b"backup\n";
/// Longest wait for the reader of a backup to take more bytes.
const BACKUP_STALL: Duration = Duration::from_secs(10);

/// Path of the admin socket of a store in `data_dir`.
pub fn socket_path(data_dir: &Path) -> PathBuf {
    data_dir.join("admin.sock")
}

/// Binds the admin socket; the returned future serves it until it is dropped. A stale
/// socket left by a crash is replaced.
pub(crate) fn serve(
    data_dir: &Path,
    store: SledStore,
) -> anyhow::Result<impl std::future::Future<Output = anyhow::Result<()>> + Send + 'static> {
    let path = socket_path(data_dir);
    match std::fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("removing {}", path.display())),
    }
    let listener =
        UnixListener::bind(&path).with_context(|| format!("binding {}", path.display()))?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
        .with_context(|| format!("restricting {}", path.display()))?;
    // One snapshot at a time: each holds the writers back while it runs.
    let one = Arc::new(Semaphore::new(1));
    Ok(async move {
        loop {
            let stream = match listener.accept().await {
                Ok((stream, _)) => stream,
                Err(e) => {
                    tracing::warn!(error = %e, "admin socket: accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            };
            let store = store.clone();
            let one = one.clone();
            tokio::spawn(async move {
                if let Err(e) = answer(stream, store, one).await {
                    tracing::warn!(error = %e, "admin request failed");
                }
            });
        }
    })
}

async fn answer(
    mut stream: tokio::net::UnixStream,
    store: SledStore,
    one: Arc<Semaphore>,
) -> anyhow::Result<()> {
    let mut command = [0u8; BACKUP_COMMAND.len()];
    tokio::time::timeout(Duration::from_secs(5), stream.read_exact(&mut command))
        .await
        .context("admin command timed out")??;
    if command != BACKUP_COMMAND {
        anyhow::bail!("unknown admin command");
    }
    let _turn = one.acquire_owned().await?;
    let stream = stream.into_std()?;
    stream.set_nonblocking(false)?;
    // Writers wait while a snapshot is taken: a reader that stops reading ends the backup
    // (and frees them) instead of holding them indefinitely.
    stream.set_write_timeout(Some(BACKUP_STALL))?;
    let summary = tokio::task::spawn_blocking(move || {
        let mut stream = stream;
        store.backup(&mut stream)
    })
    .await??;
    tracing::info!(
        envelopes = summary.envelopes,
        bytes = summary.bytes,
        "backup taken"
    );
    Ok(())
}

/// Writes a backup of the relay configured by `config` to `out` (which must not exist):
/// through the running relay if there is one, else from the store directly. The file is
/// verified and synced before it takes its final name.
pub fn backup(config: &RelayConfig, out: &Path) -> anyhow::Result<BackupSummary> {
    if out.exists() {
        anyhow::bail!("{} already exists; choose a new file name", out.display());
    }
    let mut partial = out.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&partial)
        .with_context(|| {
            format!(
                "creating {} (a backup in progress, or left by an interrupted one?)",
                partial.display()
            )
        })?;
    let result = write_backup(config, &mut file).and_then(|()| {
        file.sync_all().context("syncing the backup")?;
        let reader = std::fs::File::open(&partial)?;
        verify(reader).context("the backup written does not verify")
    });
    match result {
        Ok(summary) => {
            std::fs::rename(&partial, out)
                .with_context(|| format!("renaming the backup to {}", out.display()))?;
            // The new name survives a power cut only once its directory is synced.
            let dir = match out.parent() {
                Some(dir) if !dir.as_os_str().is_empty() => dir,
                _ => Path::new("."),
            };
            std::fs::File::open(dir)
                .and_then(|dir| dir.sync_all())
                .with_context(|| format!("syncing the directory of {}", out.display()))?;
            Ok(summary)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

fn write_backup(config: &RelayConfig, file: &mut std::fs::File) -> anyhow::Result<()> {
    let socket = socket_path(&config.data_dir);
    match std::os::unix::net::UnixStream::connect(&socket) {
        Ok(mut stream) => {
            stream.write_all(BACKUP_COMMAND)?;
            stream.shutdown(std::net::Shutdown::Write)?;
            let copied = std::io::copy(&mut stream, file).context("receiving the backup")?;
            if copied == 0 {
                anyhow::bail!("the running relay sent no backup; see its log");
            }
            Ok(())
        }
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused
            ) =>
        {
            // No relay answers: the store can be opened here (its lock says if one runs).
            let store = open_stopped(config)?;
            store.backup(file)?;
            Ok(())
        }
        Err(e) => Err(e).with_context(|| format!("connecting to {}", socket.display())),
    }
}

fn open_stopped(config: &RelayConfig) -> anyhow::Result<SledStore> {
    SledStore::open(&config.data_dir, config.limits.cache_bytes).with_context(|| {
        format!(
            "cannot open the store in {}: if the relay is running, stop it first (or check that \
             its admin socket {} is reachable)",
            config.data_dir.display(),
            socket_path(&config.data_dir).display()
        )
    })
}

/// Restores `backup` into the stopped relay configured by `config`, whose store must be
/// empty. The stored directory must verify under the configured custodian key.
pub fn restore(config: &RelayConfig, backup: &Path) -> anyhow::Result<BackupSummary> {
    // Check the file before touching (or creating) the store.
    verify(open_file(backup)?)
        .with_context(|| format!("{} cannot be restored", backup.display()))?;
    // A store created here gets the same private mode as one made by `poc-relay init`.
    if !config.data_dir.exists() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&config.data_dir)
            .with_context(|| format!("creating {}", config.data_dir.display()))?;
    }
    let store = open_stopped(config)?;
    let summary = store
        .restore(|| open_file(backup))
        .with_context(|| format!("restoring {}", backup.display()))?;
    if let Some(published) = store.directory()? {
        let custodian = config
            .custodian()
            .map_err(|e| anyhow::anyhow!("invalid custodian_key: {e}"))?;
        Access::verified(custodian, &published.access_list, None).context(
            "the restored directory does not verify under this config's custodian key: \
             the relay will not start with it",
        )?;
    }
    Ok(summary)
}

fn open_file(path: &Path) -> std::io::Result<impl Read> {
    std::fs::File::open(path)
}

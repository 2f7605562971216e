//! The backing directory: read into the [`Tree`] at mount, rewritten from its durable state
//! when the file system is unmounted (which is itself a power cut: nothing unsynced is kept).
//!
//! Regular files and directories only; sockets and FIFOs are not carried over (a socket
//! file does not outlive the process that bound it anyway).

use std::ffi::OsString;
use std::io;
use std::path::Path;

use super::model::{Dir, File, Kind, Tree, ROOT};

fn errno(e: rustix::io::Errno) -> io::Error {
    io::Error::from_raw_os_error(e.raw_os_error())
}

/// Reads `backing` into a tree whose whole state is durable.
pub fn load(backing: &Path, tree: &mut Tree) -> io::Result<()> {
    let mut stack = vec![(backing.to_path_buf(), ROOT)];
    while let Some((path, dir)) = stack.pop() {
        for entry in std::fs::read_dir(&path)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            let perm = {
                use std::os::unix::fs::PermissionsExt;
                (entry.metadata()?.permissions().mode() & 0o7777) as u16
            };
            if kind.is_dir() {
                let ino = tree
                    .create(dir, &entry.file_name(), Kind::Dir(Dir::default()), perm)
                    .map_err(errno)?;
                stack.push((entry.path(), ino));
            } else if kind.is_file() {
                let bytes = std::fs::read(entry.path())?;
                let ino = tree
                    .create(dir, &entry.file_name(), Kind::File(File::default()), perm)
                    .map_err(errno)?;
                tree.write(ino, 0, &bytes).map_err(errno)?;
            }
        }
    }
    tree.settle();
    Ok(())
}

/// Replaces the contents of `backing` with the durable state of `tree`.
pub fn save(tree: &Tree, backing: &Path) -> io::Result<()> {
    for entry in std::fs::read_dir(backing)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    let mut stack: Vec<(std::path::PathBuf, u64)> = vec![(backing.to_path_buf(), ROOT)];
    while let Some((path, dir)) = stack.pop() {
        let entries: Vec<(OsString, u64)> = tree.durable_entries(dir).map_err(errno)?;
        for (name, ino) in entries {
            let node = tree.node(ino).map_err(errno)?;
            let target = path.join(&name);
            match &node.kind {
                Kind::Dir(_) => {
                    std::fs::create_dir(&target)?;
                    stack.push((target, ino));
                }
                Kind::File(file) => std::fs::write(&target, file.durable.to_vec())?,
                Kind::Special(_) => {}
            }
        }
    }
    Ok(())
}

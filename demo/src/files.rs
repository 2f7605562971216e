//! Searching every file under a directory for byte strings: how the demo and the end-to-end
//! tests show that plaintext never reaches the relay's disk. Does not follow symbolic links.

use std::path::{Path, PathBuf};

use anyhow::Context;

/// Files under `dir` whose bytes contain any of `needles`: (file, needle).
pub fn find_in_files(dir: &Path, needles: &[&[u8]]) -> anyhow::Result<Vec<(PathBuf, String)>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        let meta = std::fs::symlink_metadata(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        if meta.is_dir() {
            for entry in std::fs::read_dir(&path)? {
                stack.push(entry?.path());
            }
        } else if meta.is_file() {
            let bytes =
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            for needle in needles {
                if !needle.is_empty() && bytes.windows(needle.len()).any(|w| w == *needle) {
                    found.push((path.clone(), String::from_utf8_lossy(needle).into_owned()));
                }
            }
        }
    }
    Ok(found)
}

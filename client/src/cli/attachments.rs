//! Saving a message's attachments: names from the sender are made safe, nothing is
//! overwritten, files carried in parts are written only once they checked out.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::Context;
use poc_proto::message::PARTS_MEDIA_TYPE;
use poc_proto::EnvelopeId;

use crate::cli::session::progress_bar;
use crate::i18n::{screens, Lang};
use crate::mailbox::Verified;
use crate::ops::chunks::State;
use crate::ops::file_names::safe_file_name;
use crate::ops::{self, Identity};
use crate::trust::TrustedDirectory;

/// A free path in `dir` for `name`: never an existing file (a numbered name instead).
fn free_path(dir: &Path, name: &str) -> PathBuf {
    let mut path = dir.join(name);
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = dir.join(format!("{n}-{name}"));
    }
    path
}

/// What saving a message's attachments did.
#[derive(Debug, Default)]
pub(crate) struct Saving {
    /// The files written.
    pub saved: Vec<String>,
    /// The state of each file carried in parts, by position among the attachments.
    pub states: Vec<(usize, State)>,
}

/// Writes each attachment of `message` (envelope `id`) to a new file in `dir`: inline ones
/// as they are, those carried in parts only once every part and the whole file checked out
/// (written to a hidden file first, put in place after the check, removed otherwise).
pub(crate) fn save_attachments(
    identity: &Identity,
    directory: &TrustedDirectory,
    dir: &Path,
    id: &EnvelopeId,
    verified: &Verified,
    lang: Lang,
) -> anyhow::Result<Saving> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut saving = Saving::default();
    let announced = ops::chunks::announced(&verified.message);
    for (position, a) in verified.message.attachments.iter().enumerate() {
        let name = safe_file_name(&a.name);
        if a.media_type != PARTS_MEDIA_TYPE {
            let path = free_path(dir, &name);
            crate::home::write_new(&path, &a.data)?;
            saving.saved.push(path.display().to_string());
            continue;
        }
        let file = match &announced {
            Ok(files) => files.iter().find(|f| f.position == position),
            Err(e) => {
                saving.states.push((position, State::Invalid(e.clone())));
                continue;
            }
        };
        let Some(file) = file else { continue };
        let partial = dir.join(format!(
            ".{name}.{}.partial",
            crate::trust::hex(&poc_keys::random_bytes::<8>())
        ));
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&partial)
            .with_context(|| format!("creating {}", partial.display()))?;
        let (bar, mut progress) = progress_bar(screens::attachment_checking_parts(lang));
        let state = ops::chunks::reassemble(
            identity,
            directory,
            (id, verified),
            file,
            &mut |data| {
                out.write_all(data)
                    .with_context(|| format!("writing {}", partial.display()))
            },
            &mut progress,
        );
        bar.finish_and_clear();
        let state = state.and_then(|state| {
            if state == State::Complete {
                out.sync_all()
                    .with_context(|| format!("writing {}", partial.display()))?;
                let path = free_path(dir, &name);
                // A link, not a rename: it never replaces a file that appeared meanwhile.
                std::fs::hard_link(&partial, &path)
                    .with_context(|| format!("creating {}", path.display()))?;
                saving.saved.push(path.display().to_string());
            }
            Ok(state)
        });
        std::fs::remove_file(&partial)
            .with_context(|| format!("removing {}", partial.display()))?;
        saving.states.push((position, state?));
    }
    Ok(saving)
}

#[cfg(test)]
mod tests {
    use crate::ops::file_names::{safe_file_name, NAME_MAX, SAFE_NAME_MAX};

    /// The longest name saving makes of a safe name: a numbered hidden partial file.
    fn longest_made(safe: &str) -> String {
        format!(".9999999-{safe}.{}.partial", "0".repeat(16))
    }

    #[test]
    fn long_names_are_cut_on_a_character_boundary_keeping_the_extension() {
        // Short names stay as they are.
        assert_eq!(safe_file_name("report.pdf"), "report.pdf");
        let exact = format!("{}.pdf", "a".repeat(SAFE_NAME_MAX - 4));
        assert_eq!(safe_file_name(&exact), exact);
        // 300 ASCII bytes.
        let long = format!("{}.pdf", "a".repeat(296));
        let safe = safe_file_name(&long);
        assert_eq!(safe.len(), SAFE_NAME_MAX);
        assert!(safe.ends_with(".pdf") && safe.starts_with("aaa"), "{safe}");
        assert!(longest_made(&safe).len() <= NAME_MAX);
        // Multi-byte characters (3 bytes in Chinese, 2 in Arabic, 4 for an emoji): the cut
        // never falls inside one, whatever the offset.
        for unit in ["报", "ت", "🔒", "aé"] {
            for pad in 0..4 {
                let long = format!("{}{}.tar.gz", "x".repeat(pad), unit.repeat(200));
                let safe = safe_file_name(&long);
                assert!(safe.len() <= SAFE_NAME_MAX, "{}", safe.len());
                assert!(safe.len() > SAFE_NAME_MAX - 4, "{}", safe.len());
                assert!(safe.ends_with(".gz"), "{safe}");
                assert!(long.starts_with(safe.trim_end_matches(".gz")), "{safe}");
                assert!(longest_made(&safe).len() <= NAME_MAX);
            }
        }
        // An "extension" too long to be one is cut like the rest of the name.
        let odd = format!("a.{}", "b".repeat(400));
        let safe = safe_file_name(&odd);
        assert_eq!(safe.len(), SAFE_NAME_MAX);
        assert!(safe.starts_with("a.bbb"), "{safe}");
        // No extension.
        assert_eq!(
            safe_file_name(&"é".repeat(300)),
            "é".repeat(SAFE_NAME_MAX / 2)
        );
    }

    #[test]
    fn long_hostile_names_are_still_made_safe() {
        let hostile = format!(
            "{}/../{}\u{0}\n.exe",
            "../".repeat(100),
            "\u{202E}".repeat(50)
        );
        let safe = safe_file_name(&hostile);
        assert!(!safe.contains('/') && !safe.contains('\u{202E}'), "{safe}");
        assert!(!safe.chars().any(char::is_control), "{safe}");
        assert!(
            safe.len() <= SAFE_NAME_MAX && safe.ends_with(".exe"),
            "{safe}"
        );
        let dots = safe_file_name(&".".repeat(400));
        assert!(dots.len() <= SAFE_NAME_MAX && dots != "." && dots != "..");
        assert!(!dots.contains('/'));
    }

    #[test]
    fn attachment_names_cannot_escape_or_disguise() {
        assert_eq!(safe_file_name("../../etc/passwd"), ".._.._etc_passwd");
        assert_eq!(safe_file_name(".."), "attachment");
        assert_eq!(safe_file_name("report\u{202E}fdp.exe"), "reportfdp.exe");
        assert_eq!(safe_file_name("a\u{2066}b\u{0007}c"), "ab_c");
    }
}

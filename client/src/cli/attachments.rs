//! Saving a message's attachments: names from the sender are made safe, nothing is
//! overwritten.

use anyhow::Context;

/// A file name from a sender, safe to create in a folder: one name component, no control or
/// direction-formatting characters (which could disguise `exe` as `pdf`), never `.` or `..`.
pub(crate) fn safe_file_name(name: &str) -> String {
    let invisible =
        |c: char| matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2069 | 0xFEFF);
    let name: String = name
        .chars()
        .filter(|c| !invisible(*c))
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    if name.is_empty() || name == "." || name == ".." {
        "attachment".to_owned()
    } else {
        name
    }
}

pub(crate) fn save_attachments(
    dir: &std::path::Path,
    message: &poc_proto::Message,
) -> anyhow::Result<Vec<String>> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut saved = Vec::new();
    for a in &message.attachments {
        let name = safe_file_name(&a.name);
        // Never overwrite: a second file of the same name gets a numbered name.
        let mut path = dir.join(&name);
        let mut n = 1;
        while path.exists() {
            n += 1;
            path = dir.join(format!("{n}-{name}"));
        }
        crate::home::write_new(&path, &a.data)?;
        saved.push(path.display().to_string());
    }
    Ok(saved)
}

#[cfg(test)]
mod tests {
    use super::safe_file_name;

    #[test]
    fn attachment_names_cannot_escape_or_disguise() {
        assert_eq!(safe_file_name("../../etc/passwd"), ".._.._etc_passwd");
        assert_eq!(safe_file_name(".."), "attachment");
        assert_eq!(safe_file_name("report\u{202E}fdp.exe"), "reportfdp.exe");
        assert_eq!(safe_file_name("a\u{2066}b\u{0007}c"), "ab_c");
    }
}

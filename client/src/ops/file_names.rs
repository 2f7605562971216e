//! File names from senders made safe to save: one name component, no control or
//! direction-formatting characters, bounded in length. The command line saves attachments
//! under these names and `poc ui` offers them for download under them.

/// Most bytes in a file name on the file systems a PoC uses (NAME_MAX on Linux and macOS).
pub const NAME_MAX: usize = 255;

/// What saving adds to a safe name: the hidden file a file carried in parts is written to
/// first (`.NAME.<16 hex>.partial`), and the number put before a name already taken
/// (`N-NAME`, room for N up to 9999999).
const NAME_ADDED: usize = ".".len() + ".".len() + 16 + ".partial".len() + "9999999-".len();

/// Most bytes of a safe name, so that every name saving makes of it fits in [`NAME_MAX`].
pub const SAFE_NAME_MAX: usize = NAME_MAX - NAME_ADDED;

/// Longest extension (with its dot) kept whole when a long name is shortened.
const EXTENSION_MAX: usize = 32;

/// A file name from a sender, safe to create in a folder: one name component, no control or
/// direction-formatting characters (which could disguise `exe` as `pdf`), never `.` or `..`,
/// and short enough ([`SAFE_NAME_MAX`] bytes) that it can still be saved under the names
/// saving makes of it: a longer one is cut on a character boundary, keeping its extension.
pub fn safe_file_name(name: &str) -> String {
    shorten(&clean_file_name(name), SAFE_NAME_MAX)
}

/// `name` cut to at most `max` bytes on a UTF-8 character boundary, keeping its extension
/// (up to [`EXTENSION_MAX`] bytes, dot included) when it has one.
fn shorten(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_owned();
    }
    let extension = match name.rfind('.') {
        Some(dot) if dot > 0 && name.len() - dot <= EXTENSION_MAX => &name[dot..],
        _ => "",
    };
    let stem = &name[..name.len() - extension.len()];
    let mut end = max - extension.len();
    while !stem.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{extension}", &stem[..end])
}

/// [`safe_file_name`] before its length is bounded.
fn clean_file_name(name: &str) -> String {
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
        "attachment".to_owned() // canonical, not translated: the documented default name
    } else {
        name
    }
}

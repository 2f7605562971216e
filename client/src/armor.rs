//! Text armour for binary files that travel by e-mail or note verbale annex
//! (enrolment requests): base64 between BEGIN/END lines, with readable comment lines above.

use data_encoding::BASE64;

/// Wraps `bytes` as armoured text with `comments` (one `# ` line each) above it.
pub fn armor(label: &str, comments: &[String], bytes: &[u8]) -> String {
    let mut out = String::new();
    for comment in comments {
        out.push_str("# ");
        out.push_str(comment);
        out.push('\n');
    }
    out.push_str(&format!("-----BEGIN {label}-----\n"));
    let encoded = BASE64.encode(bytes);
    for chunk in encoded.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// Why armoured text could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ArmorError {
    /// No BEGIN/END lines with this label.
    #[error("not a {0} file: the BEGIN/END lines are missing")]
    Missing(String),
    /// The base64 is damaged.
    #[error("the {0} is damaged: invalid base64")]
    Base64(String),
}

/// Extracts the bytes between the BEGIN and END lines; other lines are ignored.
pub fn dearmor(label: &str, text: &str) -> Result<Vec<u8>, ArmorError> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let mut inside = false;
    let mut body = String::new();
    let mut closed = false;
    for line in text.lines().map(str::trim) {
        if line == begin {
            inside = true;
        } else if line == end {
            closed = inside;
            break;
        } else if inside {
            body.push_str(line);
        }
    }
    if !closed {
        return Err(ArmorError::Missing(label.to_lowercase()));
    }
    BASE64
        .decode(body.as_bytes())
        .map_err(|_| ArmorError::Base64(label.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        let text = armor("POC TEST", &["hello".into()], &[1, 2, 3, 250]);
        assert!(text.starts_with("# hello\n-----BEGIN POC TEST-----\n"));
        assert_eq!(dearmor("POC TEST", &text).unwrap(), vec![1, 2, 3, 250]);
        assert!(matches!(
            dearmor("POC OTHER", &text),
            Err(ArmorError::Missing(_))
        ));
        let broken = text.replace("AQID", "A!ID");
        assert!(matches!(
            dearmor("POC TEST", &broken),
            Err(ArmorError::Base64(_))
        ));
    }
}

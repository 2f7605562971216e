//! PoC ids, roles and State or organisation codes as people type them: case does not matter
//! (`mar.technical` is `MAR.technical`, `mar` is `MAR`), a near miss of a role gets a
//! "did you mean", and what comes out is always the canonical form.
//!
//! Every command that takes an id, a role or a recipient token parses it here: PoC id and
//! role arguments through the clap value parsers of `cli::args`, recipient lists (`--to` of
//! `send` and `ping start`, `to` of message files and exercise scenarios) through
//! `ops::send::check_tokens` and `ops::send::expand`. This module knows nothing of the
//! directory: whether an id exists, and the closest one if not, is for the operations that
//! hold a directory (`ops::send::not_reachable`).

use poc_proto::{PocId, PocIdError, Role};

/// The roles, as written in PoC ids.
const ROLES: [&str; 3] = ["diplomatic", "technical", "custodian"];

/// Why a typed id, role or recipient is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Not a PoC id, with the proto's reason and a suggestion if one is close.
    #[error("{0}{1}")]
    Id(PocIdError, String),
    /// Neither a PoC id nor an organisation code.
    #[error("`{0}` is neither a PoC id (e.g. MEX.technical) nor an organisation code (e.g. MEX)")]
    Recipient(String),
}

/// A typed id or code in canonical case: the organisation code upper case, the rest of a PoC
/// id lower case, surrounding blanks removed (`mar.Technical ` is `MAR.technical`, `mar` is
/// `MAR`).
pub fn normalise(token: &str) -> String {
    let token = token.trim();
    match token.split_once('.') {
        Some((org, rest)) => format!("{}.{}", org.to_ascii_uppercase(), rest.to_ascii_lowercase()),
        None => token.to_ascii_uppercase(),
    }
}

/// Parses a PoC id typed by a person, in any case; a misspelt role gets the id it was
/// probably meant to be (`FRA.tecnical`: did you mean FRA.technical?).
pub fn parse_id(text: &str) -> Result<PocId, IdError> {
    let canonical = normalise(text);
    canonical.parse().map_err(|e| {
        let hint = match &e {
            PocIdError::Role(role) => crate::compose::did_you_mean(role, ROLES)
                .and_then(|near| {
                    let mut parts: Vec<&str> = canonical.split('.').collect();
                    *parts.get_mut(1)? = near;
                    Some(format!(" (did you mean {}?)", parts.join(".")))
                })
                .unwrap_or_default(),
            _ => String::new(),
        };
        IdError::Id(e, hint)
    })
}

/// Parses a role in any case (`Technical` is `technical`), with a "did you mean" for a near
/// miss.
pub fn parse_role(text: &str) -> Result<Role, IdError> {
    let lower = text.trim().to_ascii_lowercase();
    lower.parse().map_err(|e| {
        let hint = crate::compose::did_you_mean(&lower, ROLES)
            .map(|near| format!(" (did you mean {near}?)"))
            .unwrap_or_default();
        IdError::Id(e, hint)
    })
}

/// Checks one recipient token (a PoC id, or a State or organisation code standing for all
/// its PoCs) and returns it in canonical case; a blank token stays blank (callers skip it).
pub fn recipient(token: &str) -> Result<String, IdError> {
    let canonical = normalise(token);
    if canonical.is_empty() {
        return Ok(canonical);
    }
    if canonical.contains('.') {
        return parse_id(&canonical).map(|id| id.to_string());
    }
    if (2..=10).contains(&canonical.len()) && canonical.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(canonical)
    } else {
        Err(IdError::Recipient(token.trim().to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_any_case_come_out_canonical() {
        for typed in [
            "mar.technical",
            "MAR.TECHNICAL",
            " Mar.Technical ",
            "MAR.technical",
        ] {
            assert_eq!(parse_id(typed).unwrap().to_string(), "MAR.technical");
        }
        assert_eq!(
            parse_id("mex.Diplomatic.2").unwrap().to_string(),
            "MEX.diplomatic.2"
        );
        assert_eq!(
            parse_id("unoda.CUSTODIAN").unwrap().to_string(),
            "UNODA.custodian"
        );
    }

    #[test]
    fn a_misspelt_role_gets_the_id_it_was_meant_to_be() {
        let e = parse_id("fra.tecnical").unwrap_err().to_string();
        assert!(e.contains("`tecnical` is not a role"), "{e}");
        assert!(e.ends_with("(did you mean FRA.technical?)"), "{e}");
        let e = parse_id("mex.diplomatc.2").unwrap_err().to_string();
        assert!(e.ends_with("(did you mean MEX.diplomatic.2?)"), "{e}");
        // Far from every role: the reason alone.
        let e = parse_id("fra.police").unwrap_err().to_string();
        assert!(!e.contains("did you mean"), "{e}");
    }

    #[test]
    fn malformed_ids_are_still_refused_whatever_the_case() {
        for typed in [
            "f.technical",
            "fra",
            "fra.technical.1",
            "fr4.technical",
            "",
            "..",
        ] {
            assert!(parse_id(typed).is_err(), "{typed}");
        }
    }

    #[test]
    fn roles_ignore_case_and_suggest_a_near_miss() {
        assert_eq!(parse_role("Technical").unwrap(), Role::Technical);
        assert_eq!(parse_role("DIPLOMATIC").unwrap(), Role::Diplomatic);
        let e = parse_role("technicl").unwrap_err().to_string();
        assert!(e.ends_with("(did you mean technical?)"), "{e}");
    }

    #[test]
    fn recipients_are_ids_or_codes_in_canonical_case() {
        assert_eq!(recipient("mar").unwrap(), "MAR");
        assert_eq!(recipient(" osce ").unwrap(), "OSCE");
        assert_eq!(recipient("mar.technical").unwrap(), "MAR.technical");
        assert_eq!(recipient("  ").unwrap(), "");
        let e = recipient("m4r").unwrap_err().to_string();
        assert!(e.contains("`m4r` is neither a PoC id"), "{e}");
        assert!(recipient("f").is_err());
        let e = recipient("mar.tecnical").unwrap_err().to_string();
        assert!(e.ends_with("(did you mean MAR.technical?)"), "{e}");
    }
}

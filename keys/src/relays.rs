//! The relay list of a directory: its bounds, and directory format v3, which describes each
//! relay (operator, region) and states `k`.
//!
//! What is signed: the custodian key over `"poc/directory/v3" | 0 | body`, where the body is
//! `encode(RelayDirectory)` and starts with [`DIRECTORY_V3_FORMAT`]. Everything else in a v3
//! directory (teams, one-key entries, revocations, rotations) is checked as in format v2.
//!
//! The bounds hold for the relays of every format: at most [`MAX_DIRECTORY_RELAYS`], addresses
//! `host:port` of at most [`MAX_RELAY_ADDRESS_CHARS`] characters, operator and region of at
//! most [`MAX_RELAY_OPERATOR_CHARS`] and [`MAX_RELAY_REGION_CHARS`] characters without control,
//! invisible or direction-changing characters, no address and no pin listed twice, and
//! `1 <= k <= relays`. A v1 or v2 directory states no `k`: it is read as 1.
//!
//! It does not choose or contact relays (that is the client's), nor decide which directory is
//! in force.

use std::collections::HashSet;

use poc_proto::limits::{
    MAX_DIRECTORY_RELAYS, MAX_RELAY_ADDRESS_CHARS, MAX_RELAY_OPERATOR_CHARS, MAX_RELAY_REGION_CHARS,
};
use poc_proto::{
    decode, PublicKeyBytes, RelayDirectory, RelayEntry, RelayInfo, SignedDirectory,
    DIRECTORY_V3_FORMAT,
};

use crate::directory::{check_custodian, encoded, malformed, DirectoryError};
use crate::identity::PocKey;
use crate::signing::domain;
use crate::team::{is_format, verify_pocs, VerifiedTeam};

/// Why a relay list is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RelayListError {
    /// A v3 directory lists no relay.
    #[error("the directory lists no relay")]
    Empty,
    /// More relays than allowed.
    #[error("the directory lists {0} relays, limit {MAX_DIRECTORY_RELAYS}")]
    TooMany(usize),
    /// An address is not `host:port` or is too long.
    #[error(
        "relay address {0:?} is not host:port of at most {MAX_RELAY_ADDRESS_CHARS} characters"
    )]
    BadAddress(String),
    /// An operator name is too long or has control, invisible or direction-changing characters.
    #[error("the operator of relay {0} is longer than {MAX_RELAY_OPERATOR_CHARS} characters, has control or invisible characters, or surrounding spaces")]
    BadOperator(String),
    /// A region is too long or has control, invisible or direction-changing characters.
    #[error("the region of relay {0} is longer than {MAX_RELAY_REGION_CHARS} characters, has control or invisible characters, or surrounding spaces")]
    BadRegion(String),
    /// An address is listed twice.
    #[error("relay {0} is listed twice")]
    DuplicateAddress(String),
    /// A TLS pin is listed twice.
    #[error("relays {0} and {1} have the same TLS pin")]
    DuplicatePin(String, String),
    /// `k` is 0 or larger than the number of relays.
    #[error("k is {k}, but must be from 1 to the number of relays ({relays})")]
    BadK {
        /// The `k` stated.
        k: u8,
        /// How many relays are listed.
        relays: usize,
    },
}

/// The `k` a list of `relays` relays has unless the custodian sets another: 2 with three or
/// more relays, else 1.
pub fn default_k(relays: usize) -> u8 {
    if relays >= 3 {
        2
    } else {
        1
    }
}

/// Checks an address: `host:port`, a non-empty host without white space or control
/// characters, a port from 1 to 65535, at most [`MAX_RELAY_ADDRESS_CHARS`] characters.
pub fn check_address(address: &str) -> Result<(), RelayListError> {
    let bad = || RelayListError::BadAddress(address.to_owned());
    if address.chars().count() > MAX_RELAY_ADDRESS_CHARS
        || address
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || is_format(c))
    {
        return Err(bad());
    }
    let (host, port) = address.rsplit_once(':').ok_or_else(bad)?;
    match port.parse::<u16>() {
        Ok(p) if p > 0 && !host.is_empty() && !port.starts_with('+') => Ok(()),
        _ => Err(bad()),
    }
}

/// Whether `text` is a valid operator or region: at most `limit` characters, no control,
/// invisible or direction-changing character, no surrounding white space. Empty is valid.
pub fn is_relay_text(text: &str, limit: usize) -> bool {
    text.chars().count() <= limit
        && !text.chars().any(|c| c.is_control() || is_format(c))
        && text.trim() == text
}

/// Checks one relay on its own (see [`check_relays`] for the list).
pub fn check_relay(relay: &RelayEntry) -> Result<(), RelayListError> {
    check_address(&relay.address)?;
    if !is_relay_text(&relay.operator, MAX_RELAY_OPERATOR_CHARS) {
        return Err(RelayListError::BadOperator(relay.address.clone()));
    }
    if !is_relay_text(&relay.region, MAX_RELAY_REGION_CHARS) {
        return Err(RelayListError::BadRegion(relay.address.clone()));
    }
    Ok(())
}

/// Checks a relay list and its `k`: 1 to [`MAX_DIRECTORY_RELAYS`] relays, each valid, no
/// address (compared without case) or pin twice, `1 <= k <= relays`.
pub fn check_relays(relays: &[RelayEntry], k: u8) -> Result<(), RelayListError> {
    if relays.is_empty() {
        return Err(RelayListError::Empty);
    }
    if relays.len() > MAX_DIRECTORY_RELAYS {
        return Err(RelayListError::TooMany(relays.len()));
    }
    let mut addresses = HashSet::new();
    let mut pins: std::collections::HashMap<[u8; 32], &str> = std::collections::HashMap::new();
    for relay in relays {
        check_relay(relay)?;
        if !addresses.insert(relay.address.to_ascii_lowercase()) {
            return Err(RelayListError::DuplicateAddress(relay.address.clone()));
        }
        if let Some(other) = pins.insert(relay.tls_pin, &relay.address) {
            return Err(RelayListError::DuplicatePin(
                other.to_owned(),
                relay.address.clone(),
            ));
        }
    }
    if k == 0 || usize::from(k) > relays.len() {
        return Err(RelayListError::BadK {
            k,
            relays: relays.len(),
        });
    }
    Ok(())
}

/// The relays of a v1 or v2 directory as v3 describes them (no operator, no region), checked
/// by the same bounds; such a directory may list none. Its `k` is 1.
pub fn relays_of_v2(relays: &[RelayInfo]) -> Result<Vec<RelayEntry>, RelayListError> {
    let relays: Vec<RelayEntry> = relays
        .iter()
        .map(|r| RelayEntry {
            address: r.address.clone(),
            tls_pin: r.tls_pin,
            operator: String::new(),
            region: String::new(),
        })
        .collect();
    if !relays.is_empty() {
        check_relays(&relays, 1)?;
    }
    Ok(relays)
}

/// Signs a v3 directory with the custodian key. Its `format` must be [`DIRECTORY_V3_FORMAT`]
/// and its relay list within bounds.
pub fn sign_relay_directory(
    custodian: &PocKey,
    directory: &RelayDirectory,
) -> Result<SignedDirectory, DirectoryError> {
    if directory.format != DIRECTORY_V3_FORMAT {
        return Err(DirectoryError::UnknownFormat(directory.format));
    }
    check_relays(&directory.relays, directory.k)?;
    let body = encoded(directory, "directory")?;
    let signature = custodian.sign(domain::DIRECTORY_V3, &[&body]);
    Ok(SignedDirectory { body, signature })
}

/// Whether a directory body is in format v3.
pub fn is_v3(body: &[u8]) -> bool {
    body.get(..2) == Some(&DIRECTORY_V3_FORMAT[..])
}

/// Verifies a signed v3 directory against the pinned custodian key (following signed
/// custodian key rotations): the signature, every PoC as in format v2, and the relay list
/// (see [`check_relays`]).
pub fn verify_relay_directory(
    pinned: &PublicKeyBytes,
    signed: &SignedDirectory,
) -> Result<(RelayDirectory, Vec<VerifiedTeam>), DirectoryError> {
    if !is_v3(&signed.body) {
        let mut format = [0u8; 2];
        for (to, from) in format.iter_mut().zip(&signed.body) {
            *to = *from;
        }
        return Err(DirectoryError::UnknownFormat(format));
    }
    // Decoding before the signature check is safe: the codec is bounded and total.
    let directory: RelayDirectory = decode(&signed.body).map_err(malformed("directory"))?;
    check_custodian(
        pinned,
        &directory.custodian_rotations,
        &directory.custodian_key,
        domain::DIRECTORY_V3,
        signed,
    )?;
    check_relays(&directory.relays, directory.k)?;
    let teams = verify_pocs(&directory.teams, &directory.entries, &directory.revoked)?;
    Ok((directory, teams))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::sign_entry;
    use crate::team::sign_team_directory;
    use crate::verified::{verify_any_directory, DirectoryFormat};
    use poc_proto::{EntryBody, TeamDirectory, DIRECTORY_V2_FORMAT};

    fn relay(address: &str, pin: u8) -> RelayEntry {
        RelayEntry {
            address: address.into(),
            tls_pin: [pin; 32],
            operator: "UNODA".into(),
            region: "Europe".into(),
        }
    }

    fn directory(custodian: &PocKey, relays: Vec<RelayEntry>, k: u8) -> RelayDirectory {
        let member = PocKey::generate();
        let entry = sign_entry(
            &member,
            EntryBody {
                id: "MEX.technical".parse().unwrap(),
                org_name: "CERT-MX".into(),
                webpage: None,
                emails: vec![],
                phones: vec![],
                languages: vec!["es".into()],
                time_zone: None,
                signing_key: member.signing_public(),
                encryption_key: member.public().encryption.to_string(),
                created_at: 1,
                updated_at: 1,
            },
        )
        .unwrap();
        RelayDirectory {
            format: DIRECTORY_V3_FORMAT,
            serial: 4,
            issued_at: 10,
            expires_at: 20,
            previous_digest: None,
            custodian_key: custodian.signing_public(),
            custodian_rotations: vec![],
            teams: vec![],
            entries: vec![entry],
            revoked: vec![],
            relays,
            k,
        }
    }

    /// Signs `directory` under the v3 domain without the signer's own checks, as a hostile
    /// custodian file could be.
    fn sign_unchecked(custodian: &PocKey, directory: &RelayDirectory) -> SignedDirectory {
        let body = encoded(directory, "directory").unwrap();
        SignedDirectory {
            signature: custodian.sign(domain::DIRECTORY_V3, &[&body]),
            body,
        }
    }

    #[test]
    fn a_v3_directory_round_trips_with_its_relays_and_k() {
        let custodian = PocKey::generate();
        let relays = vec![
            relay("relay-a.example:4433", 1),
            relay("relay-b.example:4433", 2),
            relay("[2001:db8::1]:4433", 3),
        ];
        let dir = directory(&custodian, relays.clone(), 2);
        let signed = sign_relay_directory(&custodian, &dir).unwrap();
        assert_eq!(signed.body[..2], DIRECTORY_V3_FORMAT);
        let verified = verify_any_directory(&custodian.signing_public(), &signed).unwrap();
        assert_eq!(verified.format, DirectoryFormat::V3);
        assert_eq!(verified.relays, relays);
        assert_eq!(verified.k, 2);
        assert_eq!(verified.teams.len(), 1);
        // The v2 verifier does not take it for a v2 directory.
        assert!(crate::team::verify_team_directory(&custodian.signing_public(), &signed).is_err());
        // Signed under another format's domain, it is refused.
        for other in [domain::DIRECTORY, domain::DIRECTORY_V2] {
            let cross = SignedDirectory {
                signature: custodian.sign(other, &[&signed.body]),
                body: signed.body.clone(),
            };
            assert!(matches!(
                verify_any_directory(&custodian.signing_public(), &cross),
                Err(DirectoryError::BadCustodianSignature(_))
            ));
        }
        // Another custodian's signature is refused.
        let forged = sign_relay_directory(&PocKey::generate(), &dir).unwrap();
        assert!(verify_any_directory(&custodian.signing_public(), &forged).is_err());
    }

    #[test]
    fn a_v2_directory_still_verifies_with_k_1() {
        let custodian = PocKey::generate();
        let v2 = TeamDirectory {
            format: DIRECTORY_V2_FORMAT,
            serial: 3,
            issued_at: 10,
            expires_at: 20,
            previous_digest: None,
            custodian_key: custodian.signing_public(),
            custodian_rotations: vec![],
            teams: vec![],
            entries: directory(&custodian, vec![], 1).entries,
            revoked: vec![],
            relays: vec![RelayInfo {
                address: "relay.example:4433".into(),
                tls_pin: [7; 32],
            }],
        };
        let signed = sign_team_directory(&custodian, &v2).unwrap();
        let verified = verify_any_directory(&custodian.signing_public(), &signed).unwrap();
        assert_eq!(verified.format, DirectoryFormat::V2);
        assert_eq!(verified.k, 1);
        assert_eq!(verified.relays.len(), 1);
        assert_eq!(verified.relays[0].address, "relay.example:4433");
        assert_eq!(verified.relays[0].operator, "");
    }

    #[test]
    fn default_k_is_two_from_three_relays() {
        assert_eq!(default_k(1), 1);
        assert_eq!(default_k(2), 1);
        assert_eq!(default_k(3), 2);
        assert_eq!(default_k(MAX_DIRECTORY_RELAYS), 2);
    }

    #[test]
    fn every_bound_is_a_typed_refusal_when_signing_and_when_verifying() {
        let custodian = PocKey::generate();
        let a = || relay("a.example:4433", 1);
        let b = || relay("b.example:4433", 2);
        let with = |f: &dyn Fn(&mut RelayEntry)| {
            let mut r = b();
            f(&mut r);
            vec![a(), r]
        };
        let too_many: Vec<RelayEntry> = (0..=MAX_DIRECTORY_RELAYS)
            .map(|i| relay(&format!("r{i}.example:4433"), i as u8))
            .collect();
        let long = |n: usize| "x".repeat(n);
        let cases: Vec<(Vec<RelayEntry>, u8, RelayListError)> = vec![
            (vec![], 1, RelayListError::Empty),
            (too_many.clone(), 1, RelayListError::TooMany(too_many.len())),
            (
                vec![a(), a()],
                1,
                RelayListError::DuplicateAddress("a.example:4433".into()),
            ),
            (
                with(&|r| r.address = "A.EXAMPLE:4433".into()),
                1,
                RelayListError::DuplicateAddress("A.EXAMPLE:4433".into()),
            ),
            (
                with(&|r| r.tls_pin = [1; 32]),
                1,
                RelayListError::DuplicatePin("a.example:4433".into(), "b.example:4433".into()),
            ),
            (vec![a(), b()], 0, RelayListError::BadK { k: 0, relays: 2 }),
            (vec![a(), b()], 3, RelayListError::BadK { k: 3, relays: 2 }),
            (
                with(&|r| r.operator = "Evil\u{202E}gro".into()),
                1,
                RelayListError::BadOperator("b.example:4433".into()),
            ),
            (
                with(&|r| r.operator = "line\nbreak".into()),
                1,
                RelayListError::BadOperator("b.example:4433".into()),
            ),
            (
                with(&|r| r.operator = long(MAX_RELAY_OPERATOR_CHARS + 1)),
                1,
                RelayListError::BadOperator("b.example:4433".into()),
            ),
            (
                with(&|r| r.region = " Europe".into()),
                1,
                RelayListError::BadRegion("b.example:4433".into()),
            ),
            (
                with(&|r| r.region = "\u{200B}".into()),
                1,
                RelayListError::BadRegion("b.example:4433".into()),
            ),
            (
                with(&|r| r.region = long(MAX_RELAY_REGION_CHARS + 1)),
                1,
                RelayListError::BadRegion("b.example:4433".into()),
            ),
        ];
        for (relays, k, expected) in cases {
            assert_eq!(check_relays(&relays, k), Err(expected.clone()));
            let dir = directory(&custodian, relays, k);
            assert!(sign_relay_directory(&custodian, &dir).is_err());
            match verify_any_directory(
                &custodian.signing_public(),
                &sign_unchecked(&custodian, &dir),
            ) {
                Err(DirectoryError::Relays(e)) => assert_eq!(e, expected),
                other => panic!("expected {expected:?}, got {other:?}"),
            }
        }
        // At the limits, the list is accepted.
        let mut at_limit: Vec<RelayEntry> = too_many;
        at_limit.pop();
        at_limit[0].operator = long(MAX_RELAY_OPERATOR_CHARS);
        at_limit[0].region = long(MAX_RELAY_REGION_CHARS);
        assert_eq!(check_relays(&at_limit, 16), Ok(()));
        // Empty operator and region are allowed; right-to-left text without controls too.
        let mut plain = a();
        plain.operator = "مركز الأمم المتحدة".into();
        plain.region = String::new();
        assert_eq!(check_relays(&[plain], 1), Ok(()));
    }

    #[test]
    fn addresses_are_host_and_port() {
        for good in ["relay.example:4433", "127.0.0.1:1", "[::1]:65535"] {
            assert_eq!(check_address(good), Ok(()), "{good}");
        }
        let long_host = format!("{}:4433", "h".repeat(MAX_RELAY_ADDRESS_CHARS));
        for bad in [
            "",
            "relay.example",
            ":4433",
            "relay.example:0",
            "relay.example:65536",
            "relay.example:+443",
            "relay example:4433",
            "relay.example:4433\n",
            "relay\u{202E}.example:4433",
            long_host.as_str(),
        ] {
            assert_eq!(
                check_address(bad),
                Err(RelayListError::BadAddress(bad.into())),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn a_v2_directory_with_a_bad_relay_list_is_refused() {
        let custodian = PocKey::generate();
        let twice = RelayInfo {
            address: "relay.example:4433".into(),
            tls_pin: [7; 32],
        };
        let v2 = TeamDirectory {
            format: DIRECTORY_V2_FORMAT,
            serial: 3,
            issued_at: 10,
            expires_at: 20,
            previous_digest: None,
            custodian_key: custodian.signing_public(),
            custodian_rotations: vec![],
            teams: vec![],
            entries: vec![],
            revoked: vec![],
            relays: vec![twice.clone(), twice],
        };
        let signed = sign_team_directory(&custodian, &v2).unwrap();
        assert!(matches!(
            verify_any_directory(&custodian.signing_public(), &signed),
            Err(DirectoryError::Relays(RelayListError::DuplicateAddress(_)))
        ));
    }
}

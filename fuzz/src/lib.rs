//! Fixed identities and a fixed verified directory shared by the fuzz targets and the seed
//! generator (`cargo run --example seeds`), so that generated seeds decrypt and verify under
//! the keys the targets use. These keys are public test values, never real identities.

#![forbid(unsafe_code)]

use std::sync::OnceLock;

use poc_client::trust::TrustedDirectory;
use poc_keys::directory::{directory_digest, sign_directory, sign_entry};
use poc_keys::keystore::from_plaintext;
use poc_keys::PocKey;
use poc_proto::{Directory, Entry, EntryBody, PocId};

/// A fixed identity, built through the keystore plaintext parser.
fn fixed_key(seed: u8, age_identity: &str) -> PocKey {
    let seed_hex: String = std::iter::repeat_n(format!("{seed:02x}"), 32).collect();
    let text = format!("poc-keystore-v1\n{seed_hex}\n{age_identity}\n");
    match from_plaintext(text.as_bytes()) {
        Ok(key) => key,
        Err(e) => panic!("fixed test key does not parse: {e}"),
    }
}

/// The identity the targets decrypt with: `FRA.technical`.
pub fn me() -> &'static PocKey {
    static KEY: OnceLock<PocKey> = OnceLock::new();
    KEY.get_or_init(|| {
        fixed_key(
            1,
            "AGE-SECRET-KEY-1DGWZE4X8Z9UHCRM9246FTCZTUJ35Y8HVQDVALHH8GWHQA5GMSN6QJ9EJDG",
        )
    })
}

/// The custodian: `UNODA.custodian`, the pinned directory key.
pub fn custodian() -> &'static PocKey {
    static KEY: OnceLock<PocKey> = OnceLock::new();
    KEY.get_or_init(|| {
        fixed_key(
            2,
            "AGE-SECRET-KEY-1YXXAQJ4L9MW6PA7DTP6MNH4EJ4ACTN0QRQTWU5HRUU2RXQ983M2SK0EUUV",
        )
    })
}

/// Another member, the sender of seed messages: `MEX.diplomatic`.
pub fn member() -> &'static PocKey {
    static KEY: OnceLock<PocKey> = OnceLock::new();
    KEY.get_or_init(|| {
        fixed_key(
            3,
            "AGE-SECRET-KEY-162W7FVGRYEKTYKM8EEMNLMYJ9XKRKV3KFHZYE2GLSV4L6S547MDSMDKPNZ",
        )
    })
}

/// PoC id from a literal.
pub fn id(text: &str) -> PocId {
    match text.parse() {
        Ok(id) => id,
        Err(e) => panic!("fixed PoC id does not parse: {e}"),
    }
}

/// A self-signed entry for `key`.
pub fn entry(key: &PocKey, poc: &str) -> Entry {
    let body = EntryBody {
        id: id(poc),
        org_name: format!("Organisation of {poc}"),
        webpage: Some("https://example.org".into()),
        emails: vec!["poc@example.org".into()],
        phones: vec!["+1 555 0100".into()],
        languages: vec!["en".into(), "fr".into()],
        time_zone: Some("Europe/Paris".into()),
        signing_key: key.signing_public(),
        encryption_key: key.public().encryption.to_string(),
        created_at: 1_700_000_000,
        updated_at: 1_700_000_000,
    };
    match sign_entry(key, body) {
        Ok(entry) => entry,
        Err(e) => panic!("cannot sign a fixed entry: {e}"),
    }
}

/// The directory (serial 1) with the three fixed identities.
pub fn directory_value() -> Directory {
    Directory {
        serial: 1,
        issued_at: 1_700_000_000,
        expires_at: 4_000_000_000,
        previous_digest: None,
        custodian_key: custodian().signing_public(),
        custodian_rotations: vec![],
        entries: vec![
            entry(me(), "FRA.technical"),
            entry(member(), "MEX.diplomatic"),
            entry(custodian(), "UNODA.custodian"),
        ],
        revoked: vec![],
        relays: vec![],
    }
}

/// The fixed directory, signed by the custodian and verified.
pub fn directory() -> &'static TrustedDirectory {
    static DIR: OnceLock<TrustedDirectory> = OnceLock::new();
    DIR.get_or_init(|| {
        let directory = directory_value();
        let signed = match sign_directory(custodian(), &directory) {
            Ok(signed) => signed,
            Err(e) => panic!("cannot sign the fixed directory: {e}"),
        };
        let directory = match poc_keys::verified::verify_any_directory(
            &custodian().signing_public(),
            &signed,
        ) {
            Ok(directory) => directory,
            Err(e) => panic!("the fixed directory does not verify: {e}"),
        };
        TrustedDirectory {
            digest: directory_digest(&signed),
            signed,
            directory,
        }
    })
}

/// Splits a fuzz input into a mode byte and the rest.
pub fn mode(data: &[u8]) -> Option<(u8, &[u8])> {
    data.split_first().map(|(m, rest)| (*m, rest))
}

/// Decodes `data` as `T` with the wire codec; for a value that decodes, checks that it
/// re-encodes to exactly `data` (the codec accepts only the one encoding of a value) and that
/// the re-encoding decodes to the same value.
pub fn decode_checked<T>(data: &[u8]) -> Option<T>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let value: T = poc_proto::decode(data).ok()?;
    let again = match poc_proto::encode(&value) {
        Ok(bytes) => bytes,
        Err(e) => panic!("a decoded value does not re-encode: {e}"),
    };
    assert_eq!(again, data, "a decoded value re-encodes to other bytes");
    match poc_proto::decode::<T>(&again) {
        Ok(back) => assert_eq!(back, value, "re-encoding decodes to another value"),
        Err(e) => panic!("a re-encoded value does not decode: {e}"),
    }
    Some(value)
}

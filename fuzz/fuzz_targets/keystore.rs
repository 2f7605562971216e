//! Keystores: mode 0, `keystore::from_plaintext` (the decrypted identity file); mode 1,
//! `keystore::open_bytes` on the input as an identity file, except that files with a
//! passphrase (scrypt) stanza are only parsed, not opened: scrypt at the accepted work
//! factors costs up to gigabytes and seconds per run (see README.md).
#![no_main]

use age::secrecy::SecretString;
use libfuzzer_sys::fuzz_target;
use poc_keys::keystore::{from_plaintext, open_bytes};

fuzz_target!(|data: &[u8]| {
    let Some((mode, rest)) = poc_fuzz::mode(data) else {
        return;
    };
    if mode & 1 == 0 {
        let _ = from_plaintext(rest);
    } else {
        match age::Decryptor::new_buffered(rest) {
            Ok(decryptor) if decryptor.is_scrypt() => {}
            _ => {
                let _ = open_bytes(rest, &SecretString::from("passphrase".to_owned()));
            }
        }
    }
});

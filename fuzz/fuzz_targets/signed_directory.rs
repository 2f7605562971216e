//! Signed directories of either format: mode 0, `decode::<SignedDirectory>` (the local
//! `directory.bin`, bundle contents) and `verify_any_directory` against the pinned key; mode
//! 1, the input as a v1 directory body and mode 3 as a v2 body, signed here by the custodian,
//! so that every entry, team and member check and the entry view run; mode 2, the input as an
//! encrypted directory (`open_directory`). Every accepted directory must stop verifying when
//! one byte of its body changes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use poc_keys::directory::open_directory;
use poc_keys::verified::verify_any_directory;
use poc_proto::{SignatureBytes, SignedDirectory};

fn check(signed: &SignedDirectory) {
    let pinned = poc_fuzz::custodian().signing_public();
    let Ok(directory) = verify_any_directory(&pinned, signed) else {
        return;
    };
    for team in &directory.teams {
        let _ = serde_json::to_string(&poc_client::ops::view::EntryView::of_team(team));
    }
    let _ = poc_client::render::time(directory.expires_at);
    if !signed.body.is_empty() {
        let mut flipped = signed.clone();
        let i = signed.body.len() / 2;
        flipped.body[i] ^= 0x01;
        assert!(
            verify_any_directory(&pinned, &flipped).is_err(),
            "a directory with a flipped byte still verifies"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((mode, rest)) = poc_fuzz::mode(data) else {
        return;
    };
    match mode % 4 {
        0 => {
            if let Some(signed) = poc_fuzz::decode_checked::<SignedDirectory>(rest) {
                check(&signed);
            }
        }
        1 => {
            let signature: SignatureBytes =
                poc_fuzz::custodian().sign(poc_keys::signing::domain::DIRECTORY, &[rest]);
            check(&SignedDirectory {
                body: rest.to_vec(),
                signature,
            });
        }
        3 => {
            let mut body = poc_proto::DIRECTORY_V2_FORMAT.to_vec();
            body.extend_from_slice(rest);
            let signature: SignatureBytes =
                poc_fuzz::custodian().sign(poc_keys::signing::domain::DIRECTORY_V2, &[&body]);
            check(&SignedDirectory { body, signature });
        }
        _ => {
            if let Ok(signed) = open_directory(poc_fuzz::me(), rest) {
                check(&signed);
            }
        }
    }
});

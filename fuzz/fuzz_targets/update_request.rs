//! Update requests (contact changes and key rotations sent to the custodian): mode 0,
//! `decode::<EntryUpdate>` and the custodian's `requests::check` with the sender's directory
//! key; mode 1, the input as an entry body self-signed here by the sender, so that the
//! rotation and key checks after the self-signature are reached.
#![no_main]

use libfuzzer_sys::fuzz_target;
use poc_client::ops::requests::check;
use poc_keys::directory::sign_entry;
use poc_proto::{EntryBody, EntryUpdate, KeyRotation};

fuzz_target!(|data: &[u8]| {
    let Some((mode, rest)) = poc_fuzz::mode(data) else {
        return;
    };
    let sender = poc_fuzz::member();
    if mode & 1 == 0 {
        if let Some(update) = poc_fuzz::decode_checked::<EntryUpdate>(rest) {
            let _ = check(&update.entry.body.id, &sender.signing_public(), &update);
        }
    } else if let Some(body) = poc_fuzz::decode_checked::<EntryBody>(rest) {
        let id = body.id.clone();
        let new_key = body.signing_key;
        let Ok(entry) = sign_entry(sender, body) else {
            return;
        };
        let rotation = Some(KeyRotation {
            old_key: sender.signing_public(),
            new_key,
            signature: sender.sign(
                poc_keys::signing::domain::ROTATION,
                &[&sender.signing_public().0, &new_key.0],
            ),
        });
        for rotation in [None, rotation] {
            let update = EntryUpdate {
                entry: entry.clone(),
                rotation,
            };
            let _ = check(&id, &sender.signing_public(), &update);
        }
    }
});

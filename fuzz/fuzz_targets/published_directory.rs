//! `decode::<PublishedDirectory>` (Publish requests at the relay, GetDirectory answers at the
//! client), the relay's access-list verification against the pinned custodian key, and the
//! client's opening of the encrypted directory with its identity.
#![no_main]

use libfuzzer_sys::fuzz_target;
use poc_keys::directory::{open_directory, verify_access_list};
use poc_keys::verified::verify_any_directory;
use poc_proto::PublishedDirectory;

fuzz_target!(|data: &[u8]| {
    let Some(published) = poc_fuzz::decode_checked::<PublishedDirectory>(data) else {
        return;
    };
    let pinned = poc_fuzz::custodian().signing_public();
    let _ = verify_access_list(&pinned, &published.access_list);
    if let Ok(signed) = open_directory(poc_fuzz::me(), &published.sealed_directory) {
        let _ = verify_any_directory(&pinned, &signed);
    }
});

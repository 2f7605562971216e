//! Invitations (TOML handed out by the custodian): `Invite::parse`, as `poc join` reads them.
//! A parsed invite must survive `to_text` -> `parse` unchanged.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use poc_client::invite::Invite;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let origin = Path::new("invite.toml");
    if let Ok(invite) = Invite::parse(text, origin) {
        let again = match invite.to_text() {
            Ok(again) => again,
            Err(e) => panic!("a parsed invite does not re-encode: {e}"),
        };
        match Invite::parse(&again, origin) {
            Ok(back) => assert_eq!(back, invite),
            Err(e) => panic!("a re-encoded invite does not parse: {e}"),
        }
    }
});

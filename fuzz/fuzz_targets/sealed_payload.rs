//! Sealed payload opening: `mailbox::verify` on an envelope whose payload is either the input
//! itself (mode byte odd: age ciphertext, through `decrypt_own`) or the input encrypted to
//! the fuzzing identity (mode byte even: the decrypted plaintext, i.e. `decode::<Sealed>`,
//! the signature check and `decode::<Message>`), plus `decrypt_own` and `decode::<Sealed>`
//! directly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use poc_proto::limits::MAX_SEALED_BYTES;
use poc_proto::{Envelope, EnvelopeId, Priority, Sealed, ENVELOPE_VERSION};

fuzz_target!(|data: &[u8]| {
    let Some((mode, rest)) = poc_fuzz::mode(data) else {
        return;
    };
    let me = poc_fuzz::me();
    let payload = if mode & 1 == 1 {
        let _ = poc_keys::seal::decrypt_own(me, rest, MAX_SEALED_BYTES);
        rest.to_vec()
    } else {
        let _ = poc_fuzz::decode_checked::<Sealed>(rest);
        match poc_keys::seal::encrypt_to(&me.public().encryption, rest) {
            Ok(payload) => payload,
            Err(e) => panic!("cannot encrypt: {e}"),
        }
    };
    let envelope = Envelope {
        version: ENVELOPE_VERSION,
        id: EnvelopeId([7; 16]),
        to: me.mailbox(),
        priority: Priority::High,
        expires_at: 1_900_000_000,
        payload,
    };
    let _ = poc_client::mailbox::verify(
        me,
        &poc_fuzz::id("FRA.technical"),
        poc_fuzz::directory(),
        &envelope,
    );
});

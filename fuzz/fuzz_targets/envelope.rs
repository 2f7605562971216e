//! `decode::<Envelope>` (fetched envelopes, local inbox files), then the client's full reading
//! path `mailbox::verify` (version, addressee, age decryption, `Sealed`, signature, message,
//! sender checks), with the envelope re-addressed to the fuzzing identity so decryption runs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use poc_proto::Envelope;

fuzz_target!(|data: &[u8]| {
    let Some(mut envelope) = poc_fuzz::decode_checked::<Envelope>(data) else {
        return;
    };
    let me = poc_fuzz::me();
    let _ = poc_keys::open(me, &envelope);
    envelope.to = me.mailbox();
    let _ = poc_client::mailbox::verify(
        me,
        &poc_fuzz::id("FRA.technical"),
        poc_fuzz::directory(),
        &envelope,
    );
});

//! `decode::<Message>` (the body inside a verified envelope) and everything the client does
//! with a decoded message's content: list headline, labelled view in every UI language,
//! JSON view, and for update requests the custodian's check.
#![no_main]

use libfuzzer_sys::fuzz_target;
use poc_client::i18n::Lang;
use poc_client::mailbox::Verified;
use poc_proto::{EnvelopeId, Message, MessageKind, Priority, SignatureBytes};

fuzz_target!(|data: &[u8]| {
    let Some(message) = poc_fuzz::decode_checked::<Message>(data) else {
        return;
    };
    let _ = poc_client::render::headline(&message);
    let _ = poc_client::render::fields(&message);
    let _ = poc_client::ops::view::field_map(&message);
    if let MessageKind::EntryUpdate(update) = &message.kind {
        let _ = poc_client::ops::requests::check(
            &message.from,
            &poc_fuzz::member().signing_public(),
            update,
        );
    }
    let verified = Verified {
        sender: message.from.clone(),
        member: String::new(),
        sender_key: poc_fuzz::member().signing_public(),
        signed_body: data.to_vec(),
        message,
        signature: SignatureBytes([0; 64]),
    };
    let id = EnvelopeId([1; 16]);
    let _ = serde_json::to_string(&poc_client::ops::view::MessageView::of(
        &id,
        Priority::Medium,
        &verified,
    ));
    for lang in Lang::ALL {
        let _ = poc_client::cli::show::message(&id, Priority::High, &verified, None, 1, lang);
    }
});

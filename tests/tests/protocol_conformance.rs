//! What an outside implementation of docs/PROTOCOL.md meets at a real `poc-relay` on
//! loopback, where the document states a transport or encoding rule: the handshake without
//! the `poc/1` ALPN, the TLS 1.3 cipher suites the relay accepts (each with its own exporter
//! hash, §1 and §4), and requests whose integers are not in their shortest varint form (§2).

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use poc_client::transport::PinnedKeyVerifier;
use poc_proto::framing::PREFIX_BYTES;
use poc_proto::limits::MAX_FRAME_BYTES;
use poc_proto::request::{ALPN, PROTOCOL_VERSION};
use poc_proto::{decode, encode, frame, unframe, ErrorCode, Request, Response};
use poc_tests::raw::{endpoint, is_ok, pin, raw_client_config, raw_connect, raw_connect_with, Raw};
use poc_tests::Network;
use rustls::crypto::ring::{cipher_suite, default_provider};
use rustls::SupportedCipherSuite;

/// A client configuration offering `alpn` (none if empty) and preferring `suites` in order.
fn client_config(
    pin: [u8; 32],
    alpn: &[&[u8]],
    suites: &[SupportedCipherSuite],
) -> quinn::ClientConfig {
    let mut provider = default_provider();
    if !suites.is_empty() {
        provider.cipher_suites = suites.to_vec();
    }
    let provider = Arc::new(provider);
    let mut tls = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(&[&rustls::version::TLS13])
        .unwrap()
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(PinnedKeyVerifier::new(pin, provider)))
        .with_no_client_auth();
    tls.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    tls.enable_early_data = false;
    let crypto = quinn::crypto::rustls::QuicClientConfig::try_from(tls).unwrap();
    quinn::ClientConfig::new(Arc::new(crypto))
}

/// Sends `body` as one framed request on a new stream and decodes the answer.
async fn call_bytes(raw: &Raw, body: &[u8]) -> Response {
    let (mut send, mut recv) = raw.conn.open_bi().await.expect("open stream");
    send.write_all(&frame(body)).await.unwrap();
    send.finish().unwrap();
    let bytes = recv
        .read_to_end(PREFIX_BYTES + MAX_FRAME_BYTES)
        .await
        .expect("answer");
    decode(unframe(&bytes, MAX_FRAME_BYTES).unwrap()).unwrap()
}

fn malformed(response: &Response) -> bool {
    matches!(response, Response::Error(e) if e.code == ErrorCode::Malformed)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_poc_alpn_the_tls_handshake_fails_with_no_application_protocol() {
    let net = Network::setup(&[]);
    // TLS alert no_application_protocol (120), carried as the QUIC CRYPTO_ERROR 0x100 + 120.
    let expected = quinn::TransportErrorCode::crypto(120);
    for alpn in [&[][..], &[&b"poc/2"[..]][..], &[&b"h3"[..]][..]] {
        let endpoint = endpoint(client_config(pin(&net), alpn, &[]));
        match raw_connect_with(endpoint, &net).await {
            Err(quinn::ConnectionError::ConnectionClosed(close)) => {
                assert_eq!(close.error_code, expected, "{alpn:?}: {close}");
            }
            other => panic!("{alpn:?}: expected the handshake to fail, got {other:?}"),
        }
    }
    // Offered among others, `poc/1` is chosen.
    let endpoint = endpoint(client_config(pin(&net), &[b"h3", ALPN], &[]));
    let raw = raw_connect_with(endpoint, &net).await.unwrap();
    assert!(matches!(
        raw.call(&Request::Hello {
            version: PROTOCOL_VERSION
        })
        .await,
        Response::Challenge { .. }
    ));
    // A client of version 1 (whose Fetch answers lack the submitters) is stopped at login,
    // with a sentence that says what to do.
    match raw.call(&Request::Hello { version: 1 }).await {
        Response::Error(e) => {
            assert_eq!(e.code, ErrorCode::UnsupportedVersion, "{e:?}");
            assert!(e.detail.contains("upgrade"), "{e:?}");
        }
        other => panic!("expected UnsupportedVersion, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_tls_1_3_suite_is_accepted_and_its_exporter_logs_in() {
    let net = Network::setup(&["FRA.technical"]);
    let fra = net.poc("FRA.technical").unlock().unwrap();
    // quinn needs TLS_AES_128_GCM_SHA256 among the client's suites (QUIC Initial packets);
    // the relay follows the client's order, so the first one listed is negotiated.
    for suites in [
        vec![
            cipher_suite::TLS13_AES_256_GCM_SHA384,
            cipher_suite::TLS13_AES_128_GCM_SHA256,
        ],
        vec![cipher_suite::TLS13_AES_128_GCM_SHA256],
        vec![
            cipher_suite::TLS13_CHACHA20_POLY1305_SHA256,
            cipher_suite::TLS13_AES_128_GCM_SHA256,
        ],
    ] {
        let endpoint = endpoint(client_config(pin(&net), &[ALPN], &suites));
        let raw = raw_connect_with(endpoint, &net).await.unwrap();
        let answer = raw.login(&fra).await;
        assert!(
            matches!(answer, Response::Authenticated { .. }),
            "{:?}: {answer:?}",
            suites[0].suite()
        );
    }
    // The client's own configuration (the default provider) logs in too.
    let raw = raw_connect_with(endpoint(raw_client_config(pin(&net), false, true)), &net)
        .await
        .unwrap();
    assert!(is_ok(&raw.login(&fra).await));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_with_an_integer_in_a_longer_form_is_refused_as_malformed() {
    let net = Network::setup(&["FRA.technical"]);
    let fra = net.poc("FRA.technical").unlock().unwrap();
    let raw = raw_connect(&net).await.unwrap();

    // Before login: Hello { version: 2 } is `00 02`.
    let hello = encode(&Request::Hello { version: 2 }).unwrap();
    assert_eq!(hello, [0x00, 0x02]);
    for long in [
        &[0x00, 0xfb, 0x02, 0x00][..], // the version as fb + u16
        &[0xfb, 0x00, 0x00, 0x02][..], // the variant index as fb + u16
        &[0xfc, 0, 0, 0, 0, 0x02][..], // the variant index as fc + u32
    ] {
        let answer = call_bytes(&raw, long).await;
        assert!(malformed(&answer), "{long:02x?}: {answer:?}");
    }
    assert!(matches!(
        call_bytes(&raw, &hello).await,
        Response::Challenge { .. }
    ));

    // After login: Fetch { after: None, limit: 10 } is `03 00 0a`.
    assert!(is_ok(&raw.login(&fra).await));
    let fetch = encode(&Request::Fetch {
        after: None,
        limit: 10,
    })
    .unwrap();
    assert_eq!(fetch, [0x03, 0x00, 0x0a]);
    let long = [0x03, 0x00, 0xfb, 0x0a, 0x00];
    let answer = call_bytes(&raw, &long).await;
    assert!(malformed(&answer), "{answer:?}");
    // A length in a longer form: Delete with an empty list written `fb 00 00`.
    let answer = call_bytes(&raw, &[0x04, 0xfb, 0x00, 0x00]).await;
    assert!(malformed(&answer), "{answer:?}");
    assert!(matches!(
        call_bytes(&raw, &[0x04, 0x00]).await,
        Response::Deleted { count: 0 }
    ));
    assert!(matches!(
        call_bytes(&raw, &fetch).await,
        Response::Envelopes { .. }
    ));
}

//! An in-process relay on loopback, driven by a manual clock, and a hand-made QUIC client
//! that speaks the protocol frame by frame.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used, dead_code)]

use std::sync::Arc;
use std::time::Duration;

use poc_keys::PocKey;
use poc_proto::framing::PREFIX_BYTES;
use poc_proto::limits::MAX_FRAME_BYTES;
use poc_proto::request::{ALPN, PROTOCOL_VERSION, SERVER_NAME};
use poc_proto::{
    decode, encode, frame, unframe, Envelope, EnvelopeId, ErrorCode, MailboxId, Priority, Request,
    Response, ENVELOPE_VERSION,
};
use poc_relay::{Limits, ManualClock, RunningRelay};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};

/// 2024-01-31T23:59:00Z: a minute before a month ends.
pub const START: u64 = 1_706_745_540;

/// A relay whose only member is its custodian (no directory published yet).
pub struct TestRelay {
    pub dir: tempfile::TempDir,
    pub custodian: PocKey,
    pub clock: ManualClock,
    pub relay: RunningRelay,
    pub data_dir: std::path::PathBuf,
}

/// Starts a relay with the default limits changed by `limits`, its clock standing at
/// [`START`].
pub async fn relay(limits: impl FnOnce(&mut Limits)) -> TestRelay {
    let dir = tempfile::tempdir().unwrap();
    let custodian = PocKey::generate();
    let mut config = poc_relay::init::init(
        &dir.path().join("relay"),
        "127.0.0.1:0".parse().unwrap(),
        &custodian.signing_public(),
    )
    .unwrap()
    .config;
    limits(&mut config.limits);
    let clock = ManualClock::new(START);
    let relay = poc_relay::start_with_clock(&config, clock.clock())
        .await
        .unwrap();
    TestRelay {
        dir,
        custodian,
        clock,
        relay,
        data_dir: config.data_dir,
    }
}

impl TestRelay {
    /// A connection, or the relay's refusal of it.
    pub async fn connect(&self) -> Result<Raw, quinn::ConnectionError> {
        let mut endpoint = quinn::Endpoint::client(([127, 0, 0, 1], 0).into()).unwrap();
        endpoint.set_default_client_config(client_config(self.relay.tls_pin));
        let conn = endpoint
            .connect(self.relay.local_addr, SERVER_NAME)
            .unwrap()
            .await?;
        Ok(Raw {
            _endpoint: endpoint,
            conn,
        })
    }

    /// A connection as soon as the relay has a slot for one (it frees a slot when its task
    /// for a closed connection ends, a moment after the close reaches the client).
    pub async fn connect_when_free(&self) -> Raw {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        loop {
            match self.connect().await {
                Ok(raw) => return raw,
                Err(e) if tokio::time::Instant::now() >= deadline => {
                    panic!("no connection slot was freed within 5 s: {e}")
                }
                Err(_) => tokio::task::yield_now().await,
            }
        }
    }

    /// A connection logged in as the custodian.
    pub async fn custodian_connection(&self) -> Raw {
        let raw = self.connect().await.unwrap();
        let answer = raw.login(&self.custodian).await;
        assert!(
            matches!(answer, Response::Authenticated { .. }),
            "{answer:?}"
        );
        raw
    }

    /// An envelope for the custodian's mailbox, expiring at `expires_at` (unix seconds).
    pub fn envelope(&self, i: u8, expires_at: u64) -> Envelope {
        Envelope {
            version: ENVELOPE_VERSION,
            id: EnvelopeId([i; 16]),
            to: self.mailbox(),
            priority: Priority::Low,
            expires_at,
            payload: vec![i; 256],
        }
    }

    pub fn mailbox(&self) -> MailboxId {
        self.custodian.mailbox()
    }
}

/// A QUIC connection made by hand.
pub struct Raw {
    _endpoint: quinn::Endpoint,
    pub conn: quinn::Connection,
}

impl Raw {
    pub async fn call(&self, request: &Request) -> Response {
        let (mut send, mut recv) = self.conn.open_bi().await.expect("open stream");
        send.write_all(&frame(&encode(request).unwrap()))
            .await
            .unwrap();
        send.finish().unwrap();
        let bytes = recv
            .read_to_end(PREFIX_BYTES + MAX_FRAME_BYTES)
            .await
            .expect("answer");
        decode(unframe(&bytes, MAX_FRAME_BYTES).unwrap()).unwrap()
    }

    pub async fn hello(&self) -> Response {
        self.call(&Request::Hello {
            version: PROTOCOL_VERSION,
        })
        .await
    }

    pub async fn login(&self, key: &PocKey) -> Response {
        let Response::Challenge { nonce, .. } = self.hello().await else {
            panic!("no challenge");
        };
        let mut exporter = [0u8; poc_keys::auth::EXPORTER_LEN];
        self.conn
            .export_keying_material(&mut exporter, poc_keys::auth::EXPORTER_LABEL, b"")
            .unwrap();
        self.call(&Request::Auth {
            signing_key: key.signing_public(),
            signature: poc_keys::auth::prove(key, &nonce, &exporter),
        })
        .await
    }

    /// Waits (at most 5 s of real time) until the relay closes this connection.
    pub async fn closed_by_relay(&self) -> quinn::ConnectionError {
        tokio::time::timeout(Duration::from_secs(5), self.conn.closed())
            .await
            .expect("the relay did not close the connection")
    }
}

pub fn refusal(response: &Response) -> ErrorCode {
    match response {
        Response::Error(e) => e.code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn client_config(pin: [u8; 32]) -> quinn::ClientConfig {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut tls = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(&[&rustls::version::TLS13])
        .unwrap()
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(Pinned { pin, provider }))
        .with_no_client_auth();
    tls.alpn_protocols = vec![ALPN.to_vec()];
    let crypto = quinn::crypto::rustls::QuicClientConfig::try_from(tls).unwrap();
    let mut config = quinn::ClientConfig::new(Arc::new(crypto));
    let mut transport = quinn::TransportConfig::default();
    transport.keep_alive_interval(Some(Duration::from_secs(1)));
    config.transport_config(Arc::new(transport));
    config
}

/// Trusts the relay by the pin of its TLS public key, as the real client does.
#[derive(Debug)]
struct Pinned {
    pin: [u8; 32],
    provider: Arc<rustls::crypto::CryptoProvider>,
}

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match poc_keys::tls_pin::spki_pin(end_entity) {
            Ok(pin) if pin == self.pin => Ok(ServerCertVerified::assertion()),
            _ => Err(rustls::Error::General("TLS pin mismatch".into())),
        }
    }

    fn verify_tls12_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Err(rustls::Error::General("TLS 1.2 is not used".into()))
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

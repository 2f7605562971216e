//! Hand-made QUIC clients for the relay's defence tests: they speak the wire protocol of
//! `docs/PROTOCOL.md` directly, to do what the real client never does (stall, replay, flood,
//! log in twice), and small helpers those tests share.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use poc_client::ops::Identity;
use poc_client::transport::PinnedKeyVerifier;
use poc_keys::PocKey;
use poc_proto::framing::PREFIX_BYTES;
use poc_proto::limits::MAX_FRAME_BYTES;
use poc_proto::request::{ALPN, PROTOCOL_VERSION, SERVER_NAME};
use poc_proto::{decode, encode, frame, unframe, ErrorCode, Request, Response};

use crate::Network;

/// Sets `key = value` in the relay's config (top-level keys are added at the top).
pub fn set_config(config: &Path, key: &str, value: &str) {
    let text = std::fs::read_to_string(config).unwrap();
    let prefix = format!("{key} = ");
    let mut found = false;
    let mut lines: Vec<String> = text
        .lines()
        .map(|line| {
            if line.starts_with(&prefix) {
                found = true;
                format!("{key} = {value}")
            } else {
                line.to_owned()
            }
        })
        .collect();
    if !found {
        lines.insert(0, format!("{key} = {value}"));
    }
    std::fs::write(config, lines.join("\n") + "\n").unwrap();
}

/// A QUIC connection made by hand, to do what the real client never does.
#[derive(Debug)]
pub struct Raw {
    /// Kept open for as long as the connection.
    pub endpoint: quinn::Endpoint,
    /// The connection.
    pub conn: quinn::Connection,
}

pub fn raw_client_config(pin: [u8; 32], early_data: bool, keep_alive: bool) -> quinn::ClientConfig {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut tls = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(&[&rustls::version::TLS13])
        .unwrap()
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(PinnedKeyVerifier::new(pin, provider)))
        .with_no_client_auth();
    tls.alpn_protocols = vec![ALPN.to_vec()];
    tls.enable_early_data = early_data;
    let crypto = quinn::crypto::rustls::QuicClientConfig::try_from(tls).unwrap();
    let mut config = quinn::ClientConfig::new(Arc::new(crypto));
    let mut transport = quinn::TransportConfig::default();
    transport.keep_alive_interval(keep_alive.then_some(Duration::from_secs(1)));
    config.transport_config(Arc::new(transport));
    config
}

pub fn endpoint(config: quinn::ClientConfig) -> quinn::Endpoint {
    let mut endpoint = quinn::Endpoint::client(([127, 0, 0, 1], 0).into()).unwrap();
    endpoint.set_default_client_config(config);
    endpoint
}

pub async fn raw_connect(net: &Network) -> Result<Raw, quinn::ConnectionError> {
    let endpoint = endpoint(raw_client_config(pin(net), false, true));
    raw_connect_with(endpoint, net).await
}

/// [`raw_connect`] once a slot is free: the relay frees a connection's slot when its task for
/// that connection ends, a moment after the close reaches the client.
pub async fn raw_connect_when_freed(net: &Network) -> Raw {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        match raw_connect(net).await {
            Ok(raw) => return raw,
            Err(e) if tokio::time::Instant::now() >= deadline => {
                panic!("no connection slot was freed within 5 s: {e}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

pub async fn raw_connect_with(
    endpoint: quinn::Endpoint,
    net: &Network,
) -> Result<Raw, quinn::ConnectionError> {
    let conn = endpoint
        .connect(net.relay.address.parse().unwrap(), SERVER_NAME)
        .unwrap()
        .await?;
    Ok(Raw { endpoint, conn })
}

pub fn pin(net: &Network) -> [u8; 32] {
    poc_keys::tls_pin::pin_from_text(&net.relay.pin).unwrap()
}

impl Raw {
    /// Connects to the relay at `address` whose TLS pin is `pin`, from 127.0.0.1 (keep-alive
    /// on), without logging in.
    pub async fn connect_to(address: SocketAddr, pin: [u8; 32]) -> anyhow::Result<Raw> {
        let mut endpoint = quinn::Endpoint::client(([127, 0, 0, 1], 0).into())?;
        endpoint.set_default_client_config(raw_client_config(pin, false, true));
        let conn = endpoint.connect(address, SERVER_NAME)?.await?;
        Ok(Raw { endpoint, conn })
    }

    /// Sends `request` on a stream of its own and reads the answer.
    pub async fn try_call(&self, request: &Request) -> anyhow::Result<Response> {
        let (mut send, mut recv) = self.conn.open_bi().await.context("opening a stream")?;
        send.write_all(&frame(&encode(request)?)).await?;
        send.finish()?;
        let bytes = recv
            .read_to_end(PREFIX_BYTES + MAX_FRAME_BYTES)
            .await
            .context("reading the answer")?;
        Ok(decode(unframe(&bytes, MAX_FRAME_BYTES)?)?)
    }

    pub async fn call(&self, request: &Request) -> Response {
        self.try_call(request).await.unwrap()
    }

    pub fn exporter(&self) -> [u8; poc_keys::auth::EXPORTER_LEN] {
        let mut out = [0u8; poc_keys::auth::EXPORTER_LEN];
        self.conn
            .export_keying_material(&mut out, poc_keys::auth::EXPORTER_LABEL, b"")
            .unwrap();
        out
    }

    pub async fn challenge(&self) -> [u8; 32] {
        match self
            .call(&Request::Hello {
                version: PROTOCOL_VERSION,
            })
            .await
        {
            Response::Challenge { nonce, .. } => nonce,
            other => panic!("expected a challenge, got {other:?}"),
        }
    }

    /// Logs in with `identity`; returns the relay's answer.
    pub async fn login(&self, identity: &Identity) -> Response {
        self.try_login(&identity.key).await.unwrap()
    }

    /// Logs in with `key`; returns the relay's answer to the login.
    pub async fn try_login(&self, key: &PocKey) -> anyhow::Result<Response> {
        let nonce = match self
            .try_call(&Request::Hello {
                version: PROTOCOL_VERSION,
            })
            .await?
        {
            Response::Challenge { nonce, .. } => nonce,
            other => anyhow::bail!("expected a challenge, got {other:?}"),
        };
        let mut exporter = [0u8; poc_keys::auth::EXPORTER_LEN];
        self.conn
            .export_keying_material(&mut exporter, poc_keys::auth::EXPORTER_LABEL, b"")
            .map_err(|e| anyhow::anyhow!("no keying material: {e:?}"))?;
        let signature = poc_keys::auth::prove(key, &nonce, &exporter);
        self.try_call(&Request::Auth {
            signing_key: key.signing_public(),
            signature,
        })
        .await
    }
}

pub fn refusal(response: &Response) -> ErrorCode {
    match response {
        Response::Error(e) => e.code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

pub fn is_ok(response: &Response) -> bool {
    !matches!(response, Response::Error(_))
}

/// Turns on the relay's metrics endpoint on a free loopback port; returns the port. Takes
/// effect at the relay's next start.
pub fn enable_metrics(net: &Network) -> u16 {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    set_config(
        &net.relay.config,
        "metrics_listen",
        &format!("\"127.0.0.1:{port}\""),
    );
    port
}

/// The whole HTTP answer of the relay's metrics endpoint on `port`.
pub fn metrics_text(port: u16) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(b"GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    text
}

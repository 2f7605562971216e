//! Connection to a relay: QUIC with a pinned TLS key, login, and one method per request.

mod pin;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use poc_keys::PocKey;
use poc_proto::framing::PREFIX_BYTES;
use poc_proto::limits::{MAX_FETCH_LIMIT, MAX_FRAME_BYTES, MAX_SUBMIT_BATCH};
use poc_proto::request::{ALPN, PROTOCOL_VERSION};
use poc_proto::{
    decode, encode, frame, unframe, Envelope, EnvelopeId, MailboxId, Notify, PublishedDirectory,
    RelayError, Request, Response,
};

pub use pin::PinnedKeyVerifier;

use crate::home::RelayAddress;

/// How long to wait for the relay to answer a connection attempt.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long to wait for the answer to one request.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// Why talking to the relay failed.
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    /// The relay address is not usable.
    #[error("cannot resolve the relay address {0}")]
    Resolve(String),
    /// No connection could be established.
    #[error("cannot connect to the relay at {address}: {reason}")]
    Connect {
        /// Relay address.
        address: String,
        /// Why (includes a pin mismatch).
        reason: String,
    },
    /// The connection broke during a request.
    #[error("the connection to the relay was lost: {0}")]
    Lost(String),
    /// The relay did not answer in time.
    #[error("the relay did not answer within {0:?}")]
    Timeout(Duration),
    /// The relay answered with an error.
    #[error("the relay refused: {0}")]
    Refused(RelayError),
    /// The relay answered something this client does not understand.
    #[error("unexpected answer from the relay: {0}")]
    Protocol(String),
}

/// An authenticated connection to a relay.
#[derive(Debug)]
pub struct RelayClient {
    endpoint: quinn::Endpoint,
    connection: quinn::Connection,
    /// This client's mailbox.
    pub mailbox: MailboxId,
    /// Whether the relay recognised the custodian key.
    pub custodian: bool,
}

fn client_config(pin: [u8; 32]) -> Result<quinn::ClientConfig, TransportError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let setup = |e: &dyn std::fmt::Display| TransportError::Protocol(format!("TLS setup: {e}"));
    let mut tls = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(&[&rustls::version::TLS13])
        .map_err(|e| setup(&e))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(PinnedKeyVerifier::new(pin, provider)))
        .with_no_client_auth();
    tls.alpn_protocols = vec![ALPN.to_vec()];
    tls.enable_early_data = false;
    let crypto = quinn::crypto::rustls::QuicClientConfig::try_from(tls).map_err(|e| setup(&e))?;
    let mut config = quinn::ClientConfig::new(Arc::new(crypto));
    let mut transport = quinn::TransportConfig::default();
    transport.keep_alive_interval(Some(Duration::from_secs(10)));
    config.transport_config(Arc::new(transport));
    Ok(config)
}

impl RelayClient {
    /// Connects, checks the relay's pinned key, and logs in with `key`.
    pub async fn connect(relay: &RelayAddress, key: &PocKey) -> Result<Self, TransportError> {
        let mut client = Self::open(relay, key.mailbox()).await?;
        client.login(key).await?;
        Ok(client)
    }

    /// Opens the QUIC connection (relay key checked against the pin) without logging in.
    /// Every request but Hello and Auth is refused on such a connection; [`Self::connect`] is
    /// what clients use.
    pub async fn open(relay: &RelayAddress, mailbox: MailboxId) -> Result<Self, TransportError> {
        let pin = relay
            .pin()
            .map_err(|e| TransportError::Resolve(format!("{}: {e:#}", relay.address)))?;
        let address: SocketAddr = tokio::net::lookup_host(&relay.address)
            .await
            .map_err(|_| TransportError::Resolve(relay.address.clone()))?
            .next()
            .ok_or_else(|| TransportError::Resolve(relay.address.clone()))?;
        let bind: SocketAddr = if address.is_ipv4() {
            ([0, 0, 0, 0], 0).into()
        } else {
            ([0u16; 8], 0).into()
        };
        let connect_err = |reason: String| TransportError::Connect {
            address: relay.address.clone(),
            reason,
        };
        let mut endpoint = quinn::Endpoint::client(bind).map_err(|e| connect_err(e.to_string()))?;
        endpoint.set_default_client_config(client_config(pin)?);
        let connecting = endpoint
            .connect(address, poc_proto::request::SERVER_NAME)
            .map_err(|e| connect_err(e.to_string()))?;
        let connection = match tokio::time::timeout(CONNECT_TIMEOUT, connecting).await {
            Ok(Ok(connection)) => connection,
            Ok(Err(e)) => return Err(connect_err(e.to_string())),
            Err(_) => {
                return Err(connect_err(format!(
                    "no answer within {CONNECT_TIMEOUT:?}; is the relay running?"
                )))
            }
        };
        Ok(RelayClient {
            endpoint,
            connection,
            mailbox,
            custodian: false,
        })
    }

    async fn login(&mut self, key: &PocKey) -> Result<(), TransportError> {
        let nonce = match self
            .call(&Request::Hello {
                version: PROTOCOL_VERSION,
            })
            .await?
        {
            Response::Challenge { nonce, .. } => nonce,
            other => return Err(unexpected(&other)),
        };
        let mut exporter = [0u8; poc_keys::auth::EXPORTER_LEN];
        self.connection
            .export_keying_material(&mut exporter, poc_keys::auth::EXPORTER_LABEL, b"")
            .map_err(|_| TransportError::Protocol("no TLS exporter".into()))?;
        let signature = poc_keys::auth::prove(key, &nonce, &exporter);
        match self
            .call(&Request::Auth {
                signing_key: key.signing_public(),
                signature,
            })
            .await?
        {
            Response::Authenticated { mailbox, custodian } => {
                self.mailbox = mailbox;
                self.custodian = custodian;
                Ok(())
            }
            other => Err(unexpected(&other)),
        }
    }

    /// Sends one request on its own stream and reads the answer. Relay refusals become
    /// [`TransportError::Refused`].
    pub async fn call(&self, request: &Request) -> Result<Response, TransportError> {
        let body = encode(request).map_err(|e| TransportError::Protocol(e.to_string()))?;
        let exchange = async {
            let (mut send, mut recv) = self
                .connection
                .open_bi()
                .await
                .map_err(|e| TransportError::Lost(e.to_string()))?;
            send.write_all(&frame(&body))
                .await
                .map_err(|e| TransportError::Lost(e.to_string()))?;
            let _ = send.finish();
            recv.read_to_end(PREFIX_BYTES + MAX_FRAME_BYTES)
                .await
                .map_err(|e| TransportError::Lost(e.to_string()))
        };
        let bytes = tokio::time::timeout(REQUEST_TIMEOUT, exchange)
            .await
            .map_err(|_| TransportError::Timeout(REQUEST_TIMEOUT))??;
        let body = unframe(&bytes, MAX_FRAME_BYTES)
            .map_err(|e| TransportError::Protocol(e.to_string()))?;
        match decode::<Response>(body).map_err(|e| TransportError::Protocol(e.to_string()))? {
            Response::Error(e) => Err(TransportError::Refused(e)),
            response => Ok(response),
        }
    }

    /// Submits envelopes (in batches); returns (stored, duplicates). Returns only when the
    /// relay has them on disk.
    pub async fn submit(&self, envelopes: Vec<Envelope>) -> Result<(u32, u32), TransportError> {
        let mut totals = (0, 0);
        let mut rest = envelopes;
        while !rest.is_empty() {
            let tail = rest.split_off(rest.len().min(MAX_SUBMIT_BATCH));
            match self.call(&Request::Submit { envelopes: rest }).await? {
                Response::Submitted { stored, duplicates } => {
                    totals.0 += stored;
                    totals.1 += duplicates;
                }
                other => return Err(unexpected(&other)),
            }
            rest = tail;
        }
        Ok(totals)
    }

    /// Fetches every waiting envelope, high priority first, and how many envelopes for this
    /// mailbox the relay refused because it was full since the previous fetch.
    pub async fn fetch_all(&self) -> Result<(Vec<Envelope>, u64), TransportError> {
        let mut all = Vec::new();
        let mut refused = 0;
        let mut after = None;
        loop {
            match self
                .call(&Request::Fetch {
                    after,
                    limit: MAX_FETCH_LIMIT,
                })
                .await?
            {
                Response::Envelopes {
                    envelopes,
                    next,
                    refused_while_full,
                } => {
                    all.extend(envelopes);
                    refused += refused_while_full;
                    match next {
                        Some(cursor) => after = Some(cursor),
                        None => return Ok((all, refused)),
                    }
                }
                other => return Err(unexpected(&other)),
            }
        }
    }

    /// Deletes envelopes from this client's mailbox.
    pub async fn delete(&self, ids: Vec<EnvelopeId>) -> Result<u32, TransportError> {
        let mut total = 0;
        for chunk in ids.chunks(poc_proto::limits::MAX_DELETE_BATCH) {
            match self
                .call(&Request::Delete {
                    ids: chunk.to_vec(),
                })
                .await?
            {
                Response::Deleted { count } => total += count,
                other => return Err(unexpected(&other)),
            }
        }
        Ok(total)
    }

    /// Downloads the published directory if newer than `have_serial`.
    pub async fn get_directory(
        &self,
        have_serial: u64,
    ) -> Result<Option<PublishedDirectory>, TransportError> {
        match self.call(&Request::GetDirectory { have_serial }).await? {
            Response::Directory(published) => Ok(published),
            other => Err(unexpected(&other)),
        }
    }

    /// Publishes a directory (custodian only); returns the serial in force.
    pub async fn publish(&self, published: PublishedDirectory) -> Result<u64, TransportError> {
        match self.call(&Request::PublishDirectory(published)).await? {
            Response::Published { serial } => Ok(serial),
            other => Err(unexpected(&other)),
        }
    }

    /// Asks the relay to push a notice for every new envelope in this mailbox.
    pub async fn subscribe(&self) -> Result<(), TransportError> {
        match self.call(&Request::Subscribe).await? {
            Response::Subscribed => Ok(()),
            other => Err(unexpected(&other)),
        }
    }

    /// Waits for the next pushed notice (after [`RelayClient::subscribe`]).
    pub async fn next_notify(&self) -> Result<Notify, TransportError> {
        let mut recv = self
            .connection
            .accept_uni()
            .await
            .map_err(|e| TransportError::Lost(e.to_string()))?;
        let bytes = recv
            .read_to_end(PREFIX_BYTES + 1024)
            .await
            .map_err(|e| TransportError::Lost(e.to_string()))?;
        let body = unframe(&bytes, 1024).map_err(|e| TransportError::Protocol(e.to_string()))?;
        decode(body).map_err(|e| TransportError::Protocol(e.to_string()))
    }

    /// Relay statistics (custodian only).
    pub async fn stats(&self) -> Result<poc_proto::RelayStats, TransportError> {
        match self.call(&Request::Stats).await? {
            Response::Stats(stats) => Ok(stats),
            other => Err(unexpected(&other)),
        }
    }

    /// Closes the connection politely.
    pub async fn close(self) {
        self.connection.close(0u32.into(), b"bye");
        let _ = tokio::time::timeout(Duration::from_secs(1), self.endpoint.wait_idle()).await;
    }
}

fn unexpected(response: &Response) -> TransportError {
    let name = format!("{response:?}");
    TransportError::Protocol(name.chars().take(40).collect())
}

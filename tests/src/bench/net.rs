//! What every measurement runs against: a real `poc-relay` child process with raised limits
//! and a generated, custodian-signed directory published to it; or the bare quinn server
//! (no storage, no authentication) that gives the transport ceiling.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context};
use poc_client::home::{Home, PocConfig, RelayAddress};
use poc_client::ops::Identity;
use poc_client::transport::{ClientOptions, PinnedKeyVerifier, RelayClient, RetryPolicy};
use poc_client::trust::{self, TrustedDirectory};
use poc_keys::directory::{
    directory_digest, seal_directory, sign_access_list, sign_directory, sign_entry,
};
use poc_keys::PocKey;
use poc_proto::framing::PREFIX_BYTES;
use poc_proto::limits::MAX_FRAME_BYTES;
use poc_proto::request::{ALPN, SERVER_NAME};
use poc_proto::{
    decode, encode, frame, unframe, AccessList, Directory, Entry, EntryBody, Envelope, MailboxId,
    Member, PocId, PublishedDirectory, RelayInfo, Request, Response,
};

use crate::RelayProcess;

/// Relay limits the benchmark raises above the defaults, with the values it sets. The
/// defaults protect a relay from one PoC; the benchmark is many PoCs at full speed.
pub const RAISED_LIMITS: [(&str, &str); 11] = [
    ("max_connections", "20000"),
    ("max_unauthenticated", "1024"),
    ("max_unauthenticated_per_address", "1024"),
    ("requests_per_sec_before_login", "1000000"),
    ("request_burst_before_login", "1000000"),
    ("max_connections_per_key", "64"),
    ("requests_per_sec", "1000000"),
    ("request_burst", "1000000"),
    ("mailbox_max_envelopes", "100000000"),
    ("mailbox_max_bytes", "1099511627776"),
    ("max_streams_per_connection", "256"),
];

/// One generated PoC. Its key is leaked: benchmark identities live until the process exits
/// (tasks spawned on the runtime can then hold clients that borrow them).
#[derive(Debug, Clone)]
pub struct Poc {
    /// Its id.
    pub id: PocId,
    /// Its key.
    pub key: &'static PocKey,
}

impl Poc {
    /// Its mailbox.
    pub fn mailbox(&self) -> MailboxId {
        self.key.mailbox()
    }
}

/// The id of generated PoC number `n`: organisation `AAA`, `AAB`, ... (two PoCs each, one
/// diplomatic, one technical).
pub fn poc_id(n: usize) -> anyhow::Result<PocId> {
    let mut org = String::new();
    let mut rest = n / 2;
    for _ in 0..3 {
        org.insert(0, char::from(b'A' + (rest % 26) as u8));
        rest /= 26;
    }
    if rest > 0 {
        bail!("more than {} generated PoCs", 2 * 26 * 26 * 26);
    }
    let role = if n.is_multiple_of(2) {
        "diplomatic"
    } else {
        "technical"
    };
    Ok(format!("{org}.{role}").parse()?)
}

/// A self-signed entry for `key`, with contact details of a realistic size.
pub fn entry_for(id: &PocId, key: &PocKey, now: u64) -> anyhow::Result<Entry> {
    let name = id.to_string().to_lowercase().replace('.', "-");
    let body = EntryBody {
        id: id.clone(),
        org_name: format!("Organisation of {id}"),
        webpage: Some(format!("https://{name}.example")),
        emails: vec![format!("{name}@pocs.example")],
        phones: vec!["+41 22 917 1234".into()],
        languages: vec!["en".into(), "fr".into()],
        time_zone: Some("Europe/Zurich".into()),
        signing_key: key.signing_public(),
        encryption_key: key.public().encryption.to_string(),
        created_at: now,
        updated_at: now,
    };
    Ok(sign_entry(key, body)?)
}

/// Connection settings of benchmark clients: no retries (a failure is a failure of the run).
pub fn client_options() -> ClientOptions {
    ClientOptions {
        retry: RetryPolicy::none(),
        ..ClientOptions::default()
    }
}

/// The same, retrying for up to 30 s (for the many short connections of a campaign).
pub fn retrying_client_options() -> ClientOptions {
    ClientOptions {
        retry: RetryPolicy::within(Duration::from_secs(30)),
        ..ClientOptions::default()
    }
}

/// A relay process with a published directory of generated PoCs and a custodian home.
#[derive(Debug)]
pub struct BenchNet {
    /// The relay process (its data directory is `root/relay`).
    pub relay: RelayProcess,
    /// Where clients connect.
    pub address: RelayAddress,
    /// The custodian, with a home holding its config and the accepted directory.
    pub custodian: Identity,
    /// The PoCs, in directory order (the custodian excluded).
    pub pocs: Vec<Poc>,
    /// The directory as the custodian holds it.
    pub directory: TrustedDirectory,
    /// Removed last.
    pub root: tempfile::TempDir,
}

/// Rewrites `name = ...` lines of a relay config.
fn set_limits(config: &Path, limits: &[(&str, &str)]) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(config).with_context(|| format!("reading {}", config.display()))?;
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for (name, value) in limits {
        let prefix = format!("{name} = ");
        let line = lines
            .iter_mut()
            .find(|l| l.starts_with(&prefix))
            .with_context(|| format!("the relay configuration has no `{name}` to set"))?;
        *line = format!("{prefix}{value}");
    }
    std::fs::write(config, lines.join("\n") + "\n")
        .with_context(|| format!("writing {}", config.display()))
}

impl BenchNet {
    /// Generates `pocs` identities and a custodian, starts a relay with raised limits,
    /// publishes the signed directory (encrypted to every member) with its access list, and
    /// installs it in the custodian's home.
    pub fn start(runtime: &tokio::runtime::Runtime, pocs: usize) -> anyhow::Result<Self> {
        Self::start_with_limits(runtime, pocs, &RAISED_LIMITS)
    }

    /// The same, with the relay's `limits` set to these values instead of
    /// [`RAISED_LIMITS`] (every other limit keeps its default).
    pub fn start_with_limits(
        runtime: &tokio::runtime::Runtime,
        pocs: usize,
        limits: &[(&str, &str)],
    ) -> anyhow::Result<Self> {
        let root = tempfile::Builder::new().prefix("poc-bench").tempdir()?;
        let now = poc_client::clock::Clock::system().now();
        let custodian_key = PocKey::generate();
        let custodian_id: PocId = "UNODA.custodian".parse()?;
        let mut entries = vec![entry_for(&custodian_id, &custodian_key, now)?];
        let mut generated = Vec::with_capacity(pocs);
        for n in 0..pocs {
            let id = poc_id(n)?;
            let key: &'static PocKey = Box::leak(Box::new(PocKey::generate()));
            entries.push(entry_for(&id, key, now)?);
            generated.push(Poc { id, key });
        }

        let mut relay = RelayProcess::init_and_start(
            &root.path().join("relay"),
            &custodian_key.signing_public().to_string(),
        );
        set_limits(&relay.config, limits)?;
        relay.restart();
        let address = RelayAddress {
            address: relay.address.clone(),
            tls_pin: relay.pin.clone(),
        };

        let directory = Directory {
            serial: 1,
            issued_at: now,
            expires_at: now + 30 * 86_400,
            previous_digest: None,
            custodian_key: custodian_key.signing_public(),
            custodian_rotations: Vec::new(),
            revoked: Vec::new(),
            relays: vec![RelayInfo {
                address: address.address.clone(),
                tls_pin: address.pin()?,
            }],
            entries,
        };
        let signed = sign_directory(&custodian_key, &directory)?;
        let recipients: Vec<age::x25519::Recipient> = directory
            .entries
            .iter()
            .map(|e| poc_keys::PocPublic::parse_encryption_key(&e.body.encryption_key))
            .collect::<Result<_, _>>()?;
        let sealed_directory = seal_directory(&signed, &recipients)?;
        let access_list = sign_access_list(
            &custodian_key,
            &AccessList {
                serial: directory.serial,
                issued_at: now,
                custodian_key: custodian_key.signing_public(),
                custodian_rotations: Vec::new(),
                sealed_directory_digest: poc_keys::directory::sealed_directory_digest(
                    &sealed_directory,
                ),
                members: directory
                    .entries
                    .iter()
                    .map(|e| Member {
                        signing_key: e.body.signing_key,
                        custodian: e.body.signing_key == custodian_key.signing_public(),
                    })
                    .collect(),
            },
        )?;
        runtime.block_on(async {
            let client = RelayClient::connect_with(&address, &custodian_key, client_options())
                .await
                .context("connecting as the custodian")?;
            let published = client
                .publish(PublishedDirectory {
                    access_list,
                    sealed_directory,
                })
                .await
                .context("publishing the directory");
            client.close().await;
            published
        })?;

        let home = Home::new(root.path().join("custodian"));
        home.ensure_dir("")?;
        let config = PocConfig {
            id: custodian_id,
            custodian_key: custodian_key.signing_public(),
            relay: Some(address.clone()),
            max_attachment_bytes: None,
        };
        home.save_config(&config)?;
        trust::accept(
            &home,
            &config.custodian_key,
            signed.clone(),
            poc_client::clock::Clock::system().now(),
        )?;
        let trusted = TrustedDirectory {
            digest: directory_digest(&signed),
            directory: poc_keys::verified::verify_any_directory(
                &custodian_key.signing_public(),
                &signed,
            )?,
            signed,
        };
        Ok(BenchNet {
            relay,
            address,
            custodian: Identity {
                home,
                config,
                key: custodian_key,
                archived: Vec::new(),
                clock: poc_client::clock::Clock::system(),
                options: client_options(),
                journal: Default::default(),
                unreached: Default::default(),
                owed_handed: Default::default(),
            },
            pocs: generated,
            directory: trusted,
            root,
        })
    }
}

/// The bare quinn server: the relay's TLS and transport configuration, one request per
/// bidirectional stream, each answered with a fixed `Submitted` frame once it is read. No
/// decoding, no authentication, no storage.
#[derive(Debug)]
pub struct BareServer {
    /// Where it listens.
    pub address: SocketAddr,
    /// Its TLS pin.
    pub pin: [u8; 32],
    endpoint: quinn::Endpoint,
}

impl BareServer {
    /// Starts it on 127.0.0.1 (an OS-chosen port) on the current runtime.
    pub fn start() -> anyhow::Result<Self> {
        let (cert, key) = poc_relay::tls::generate()?;
        let pin = poc_keys::tls_pin::spki_pin(&cert)?;
        let limits = poc_relay::config::Limits {
            max_streams_per_connection: 256,
            ..poc_relay::config::Limits::default()
        };
        let config = poc_relay::tls::server_config(cert, key, &limits)?;
        let endpoint = quinn::Endpoint::server(config, ([127, 0, 0, 1], 0).into())?;
        let address = endpoint.local_addr()?;
        let answer = Arc::new(frame(&encode(&Response::Submitted {
            stored: 0,
            duplicates: 0,
        })?));
        let accept = endpoint.clone();
        tokio::spawn(async move {
            while let Some(incoming) = accept.accept().await {
                let answer = answer.clone();
                tokio::spawn(async move {
                    let Ok(connection) = incoming.await else {
                        return;
                    };
                    while let Ok((mut send, mut recv)) = connection.accept_bi().await {
                        let answer = answer.clone();
                        tokio::spawn(async move {
                            if recv
                                .read_to_end(PREFIX_BYTES + MAX_FRAME_BYTES)
                                .await
                                .is_ok()
                                && send.write_all(&answer).await.is_ok()
                            {
                                let _ = send.finish();
                            }
                        });
                    }
                });
            }
        });
        Ok(BareServer {
            address,
            pin,
            endpoint,
        })
    }
}

impl Drop for BareServer {
    fn drop(&mut self) {
        self.endpoint.close(0u32.into(), b"done");
    }
}

/// A client of the bare server: same TLS settings as [`RelayClient`], same request framing.
#[derive(Debug)]
pub struct BareClient {
    endpoint: quinn::Endpoint,
    connection: quinn::Connection,
}

impl BareClient {
    /// Connects (own UDP socket, like every [`RelayClient`]).
    pub async fn connect(server: SocketAddr, pin: [u8; 32]) -> anyhow::Result<Self> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut tls = rustls::ClientConfig::builder_with_provider(provider.clone())
            .with_protocol_versions(&[&rustls::version::TLS13])?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(PinnedKeyVerifier::new(pin, provider)))
            .with_no_client_auth();
        tls.alpn_protocols = vec![ALPN.to_vec()];
        let crypto = quinn::crypto::rustls::QuicClientConfig::try_from(tls)?;
        let mut config = quinn::ClientConfig::new(Arc::new(crypto));
        let mut transport = quinn::TransportConfig::default();
        transport.keep_alive_interval(Some(poc_client::transport::KEEP_ALIVE));
        config.transport_config(Arc::new(transport));
        let mut endpoint = quinn::Endpoint::client(([0, 0, 0, 0], 0).into())?;
        endpoint.set_default_client_config(config);
        let connection = endpoint.connect(server, SERVER_NAME)?.await?;
        Ok(BareClient {
            endpoint,
            connection,
        })
    }

    /// Sends a Submit frame exactly as [`RelayClient::submit`] does and reads the answer.
    pub async fn submit(&self, envelopes: Vec<Envelope>) -> anyhow::Result<()> {
        let body = encode(&Request::Submit { envelopes })?;
        let (mut send, mut recv) = self.connection.open_bi().await?;
        send.write_all(&frame(&body)).await?;
        let _ = send.finish();
        let bytes = recv.read_to_end(PREFIX_BYTES + MAX_FRAME_BYTES).await?;
        match decode::<Response>(unframe(&bytes, MAX_FRAME_BYTES)?)? {
            Response::Submitted { .. } => Ok(()),
            other => bail!("unexpected answer {other:?}"),
        }
    }

    /// Closes the connection.
    pub async fn close(self) {
        self.connection.close(0u32.into(), b"bye");
        let _ = tokio::time::timeout(Duration::from_secs(1), self.endpoint.wait_idle()).await;
    }
}

/// A client of either target, used by the same load loops.
// At most a few dozen exist at once; boxing the larger variant would gain nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Client {
    /// A logged-in [`RelayClient`].
    Relay(RelayClient<'static>),
    /// A [`BareClient`].
    Bare(BareClient),
}

/// Where load goes.
#[derive(Debug, Clone)]
pub enum Target {
    /// The relay.
    Relay(RelayAddress),
    /// The bare server.
    Bare(SocketAddr, [u8; 32]),
}

impl Client {
    /// Connects `key` (logging in) to the relay, or opens a connection to the bare server.
    pub async fn connect(target: &Target, key: &'static PocKey) -> anyhow::Result<Self> {
        Ok(match target {
            Target::Relay(address) => {
                Client::Relay(RelayClient::connect_with(address, key, client_options()).await?)
            }
            Target::Bare(address, pin) => Client::Bare(BareClient::connect(*address, *pin).await?),
        })
    }

    /// Submits one batch; returns when it is acknowledged.
    pub async fn submit(&self, envelopes: Vec<Envelope>) -> anyhow::Result<()> {
        match self {
            Client::Relay(client) => {
                client.submit(envelopes).await?;
                Ok(())
            }
            Client::Bare(client) => client.submit(envelopes).await,
        }
    }

    /// Closes the connection.
    pub async fn close(self) {
        match self {
            Client::Relay(client) => client.close().await,
            Client::Bare(client) => client.close().await,
        }
    }
}

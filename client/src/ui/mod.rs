//! # `poc ui`: PoC Relay in a browser
//!
//! A web interface on the loopback address of the PoC's own machine, for people who do not
//! use a terminal: diplomats, custodian staff. It serves pages rendered from compile-time
//! templates (askama, which escapes every value) and the vendored htmx script; every page
//! reads and changes state through [`crate::ops`], the same operations as the command line,
//! so no rule, check or cryptography is written here a second time (a test reads this
//! module's source to hold it to that).
//!
//! What this module does: bind to loopback ([`serve`]), admit only this user's browser
//! ([`guard`]: Host, launch secret, cookie, origin, CSRF token, security headers), hold the
//! unlocked identity with an idle lock ([`session`]), and render pages ([`pages`]).
//! What it does not do: listen on any other address, load anything from another origin,
//! keep a passphrase (it opens the keystore and is dropped), or serve more than one home.

pub mod assets;
pub mod guard;
pub mod page;
pub mod pages;
pub mod runs;
pub mod session;
pub mod words;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

use crate::clock::Clock;
use crate::home::Home;
use crate::ops::ClientOptions;
use session::Ui;

/// How `poc ui` listens.
#[derive(Debug, Clone)]
pub struct Listen {
    /// A loopback address (127.0.0.1 by default, or ::1).
    pub address: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
}

/// The address is not a loopback address: the UI never listens on a network.
#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not a loopback address: `poc ui` listens only on this computer (use 127.0.0.1 or ::1)")]
pub struct NotLoopback(pub IpAddr);

/// How often the idle lock is checked while nobody uses the pages.
const IDLE_CHECK: Duration = Duration::from_secs(5);

/// Every route of the interface, behind the [`guard`].
pub fn router(ui: Arc<Ui>) -> Router {
    Router::new()
        .route("/", get(pages::inbox::page))
        .route("/inbox/list", get(pages::inbox::refresh))
        .route("/message/{id}", get(pages::message::page))
        .route("/message/{id}/ack", post(pages::message::ack))
        .route("/message/{id}/print", get(pages::message::print))
        .route(
            "/message/{id}/attachment/{n}",
            get(pages::message::attachment),
        )
        .route("/thread/{id}", get(pages::thread::page))
        .route("/directory", get(pages::directory::page))
        .route("/team", get(pages::team::page))
        .route(
            "/profile",
            get(pages::profile::page).post(pages::profile::update),
        )
        .route("/profile/rotate", post(pages::profile::rotate))
        .route(
            "/message/{id}/reply",
            get(pages::reply::page).post(pages::reply::reply),
        )
        .route(
            "/compose",
            get(pages::compose::page)
                .post(pages::compose::send)
                .layer(DefaultBodyLimit::max(pages::compose::BODY_LIMIT)),
        )
        .route(
            "/unlock",
            get(pages::unlock::page).post(pages::unlock::unlock),
        )
        .route("/lock", post(pages::unlock::lock))
        .route("/lang", post(pages::unlock::lang))
        .route("/custodian", get(pages::custodian::page))
        .route("/custodian/enrol", post(pages::custodian::preview))
        .route("/custodian/enrol/add", post(pages::custodian::add))
        .route(
            "/custodian/members/add",
            post(pages::custodian_members::add),
        )
        .route(
            "/custodian/requests/{id}/approve",
            post(pages::custodian::approve),
        )
        .route(
            "/custodian/requests/{id}/reject",
            post(pages::custodian::reject),
        )
        .route("/custodian/publish", post(pages::custodian::publish))
        .route("/custodian/revoke", post(pages::custodian::revoke))
        .route("/campaigns", get(pages::campaigns::list))
        .route("/campaigns/start", post(pages::campaigns::start))
        .route("/campaigns/{id}", get(pages::campaigns::show))
        .route("/campaigns/{id}/status", get(pages::campaigns::status))
        .route("/campaigns/{id}/remind", post(pages::campaigns::remind))
        .route("/campaigns/{id}/report", get(pages::campaigns::report))
        .route("/campaigns/{id}/bundle", get(pages::campaigns::bundle))
        .route("/exercises", get(pages::exercises::list))
        .route("/exercises/preview", post(pages::exercises::preview))
        .route("/exercises/run", post(pages::exercises::run))
        .route("/exercises/{id}", get(pages::exercises::show))
        .route("/exercises/{id}/status", get(pages::exercises::status))
        .route("/exercises/{id}/report", get(pages::exercises::report))
        .route("/exercises/{id}/report.json", get(pages::exercises::json))
        .route("/assets/{name}", get(assets::asset))
        .fallback(fallback)
        .layer(axum::middleware::from_fn_with_state(
            ui.clone(),
            guard::guard,
        ))
        .with_state(ui)
}

async fn fallback(
    axum::extract::State(ui): axum::extract::State<Arc<Ui>>,
) -> axum::response::Response {
    page::not_found(&ui).await
}

/// Where `poc ui` serves (`poc ui --json` prints it as its one document, at start).
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct Serving {
    /// The address to open, with its one-time secret: `http://127.0.0.1:PORT/launch?secret=...`.
    pub url: String,
    /// The bound address and port (loopback).
    pub address: String,
}

/// A bound listener and the state of the launch, before it serves.
#[derive(Debug)]
pub struct Bound {
    listener: tokio::net::TcpListener,
    ui: Arc<Ui>,
    /// The address to open: `http://ADDRESS:PORT/launch?secret=...` (works once).
    pub url: String,
    /// The bound address and port.
    pub address: SocketAddr,
}

/// Binds `listen` (loopback only) for `home`.
pub async fn bind(
    home: Home,
    clock: Clock,
    options: ClientOptions,
    listen: &Listen,
) -> anyhow::Result<Bound> {
    if !listen.address.is_loopback() {
        return Err(NotLoopback(listen.address).into());
    }
    home.config()?;
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(listen.address, listen.port))
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "cannot listen on {}:{}: {e} (choose another port with --port, or 0 for any free one)",
                listen.address,
                listen.port
            )
        })?;
    let address = listener.local_addr()?;
    let ui = Arc::new(Ui::new(home, clock, options, address)?);
    let url = format!("http://{address}/launch?secret={}", ui.launch_secret());
    Ok(Bound {
        listener,
        ui,
        url,
        address,
    })
}

/// The file of the home that opens the browser on the launch address.
const LAUNCH_FILE: &str = "ui-launch.html";

impl Bound {
    /// Writes the launch address into a page only the user can read (mode 0600, in the home),
    /// which sends the browser on to it: the browser is opened on this file, so the secret is
    /// never on a command line other users of the machine can list. The file is removed once
    /// the address is used, and when `poc ui` stops. Returns the page's `file:` URL, for the
    /// browser.
    pub fn launch_page(&self) -> anyhow::Result<String> {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let path = self.ui.home.path(LAUNCH_FILE);
        let _ = std::fs::remove_file(&path);
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
        writeln!(
            file,
            "<!doctype html><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\"><meta http-equiv=\"refresh\" content=\"0;url={url}\"><title>PoC Relay</title><a href=\"{url}\">PoC Relay</a>",
            url = self.url
        )?;
        self.ui.set_launch_file(path.clone());
        Ok(format!("file://{}", path.display()))
    }

    /// Serves until `stop` completes; the identity is locked (its keys zeroized) on the way
    /// out.
    pub async fn serve(
        self,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let ui = self.ui.clone();
        let idle = tokio::spawn({
            let ui = ui.clone();
            async move {
                loop {
                    tokio::time::sleep(IDLE_CHECK).await;
                    if ui.lock_if_idle().await {
                        tracing::info!("locked after the idle time");
                    }
                }
            }
        });
        let served = axum::serve(self.listener, router(ui.clone()))
            .with_graceful_shutdown(stop)
            .await;
        idle.abort();
        ui.remove_launch_file();
        ui.lock().await;
        served.map_err(Into::into)
    }
}

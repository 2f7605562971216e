//! `poc ui`: serves the browser interface ([`crate::ui`]) until Ctrl-C or SIGTERM. The
//! address goes to stdout (one line, for scripts), the explanation to stderr.

use std::io::Write;
use std::net::IpAddr;

use crate::cli::output::Report;
use crate::cli::session::Session;
use crate::ui::{self, Listen};

/// Runs `poc ui`.
pub async fn run(
    home: &Session,
    address: IpAddr,
    port: u16,
    no_browser: bool,
) -> anyhow::Result<Report> {
    let bound = ui::bind(
        home.home.clone(),
        home.clock.clone(),
        home.options.clone(),
        &Listen { address, port },
    )
    .await?;
    let [listening, stop] = ui::pages::unlock::listening(home.lang);
    crate::cli::stderr_line(listening);
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", bound.url)?;
        out.flush()?;
    }
    crate::cli::stderr_line(stop);
    if !no_browser {
        // No browser is not an error: the address is printed above.
        if let Err(e) = webbrowser::open(&bound.url) {
            tracing::info!("no browser opened: {e}");
        }
    }
    bound.serve(stopped()).await?;
    Ok(Report::streamed())
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
async fn stopped() {
    use tokio::signal::unix::{signal, SignalKind};
    let (Ok(mut interrupt), Ok(mut terminate)) = (
        signal(SignalKind::interrupt()),
        signal(SignalKind::terminate()),
    ) else {
        std::future::pending::<()>().await;
        return;
    };
    tokio::select! {
        _ = interrupt.recv() => {}
        _ = terminate.recv() => {}
    }
}

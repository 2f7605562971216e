//! `poc ui`: serves the browser interface ([`crate::ui`]) until Ctrl-C or SIGTERM. The
//! address goes to stdout at start (one line, or with `--json` one document), the
//! explanation to stderr.

use std::net::IpAddr;

use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::i18n::Lang;
use crate::ui::{self, Listen, Serving};

impl Output for Serving {
    const COMMAND: &'static str = "ui";

    fn text(&self, _lang: Lang) -> String {
        format!("{}\n", self.url)
    }
}

/// Runs `poc ui`.
pub async fn run(
    home: &Session,
    address: IpAddr,
    port: u16,
    no_browser: bool,
    json_output: bool,
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
    let serving = Report::of(
        &Serving {
            url: bound.url.clone(),
            address: bound.address.to_string(),
        },
        home.lang,
    )?;
    if json_output {
        crate::cli::emit_json(&format!("{}\n", serving.json()));
    } else {
        crate::cli::emit(serving.text());
    }
    crate::cli::stderr_line(stop);
    if !no_browser {
        // No browser is not an error: the address is printed above.
        let opened = bound
            .launch_page()
            .and_then(|page| Ok(webbrowser::open(&page)?));
        if let Err(e) = opened {
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

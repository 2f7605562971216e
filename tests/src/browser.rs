//! Headless Chromium driven over WebDriver (`chromedriver` and `fantoccini`), for the
//! browser tests of `poc ui`. The test command (`tests/run.sh`) installs Debian's
//! `chromium` and `chromium-driver` when they are missing.

use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `chromedriver` process and a headless Chromium session through it.
#[derive(Debug)]
pub struct Browser {
    driver: Child,
    /// The WebDriver session.
    pub client: fantoccini::Client,
    _profile: tempfile::TempDir,
}

/// The programs, as Debian installs them.
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

impl Browser {
    /// Starts `chromedriver` on a free port and opens a headless Chromium window of
    /// `width` x `height` (a phone is 390 wide).
    pub async fn start(width: u32, height: u32) -> Browser {
        for program in [CHROMEDRIVER, CHROMIUM] {
            assert!(
                std::path::Path::new(program).exists(),
                "{program} is missing: install Debian's chromium and chromium-driver (tests/run.sh does)"
            );
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        // Its own process group: the browsers it starts end with it (see `Drop`), also when a
        // test fails before `close`.
        let driver = Command::new(CHROMEDRIVER)
            .process_group(0)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting chromedriver");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "chromedriver did not start"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // The workspace builds rustls with ring only; WebDriver is plain HTTP on loopback.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let profile = tempfile::tempdir().expect("a profile directory");
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".to_owned(),
            serde_json::json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--no-first-run",
                    "--lang=en-US",
                    format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            }),
        );
        let client = fantoccini::ClientBuilder::rustls()
            .expect("a WebDriver client")
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a Chromium session");
        Browser {
            driver,
            client,
            _profile: profile,
        }
    }

    /// Waits (at most 60 s) until `script` returns `true` in the page.
    pub async fn wait_until(&self, what: &str, script: &str) {
        let started = Instant::now();
        loop {
            let value = self
                .client
                .execute(&format!("return Boolean({script});"), vec![])
                .await;
            if matches!(value, Ok(serde_json::Value::Bool(true))) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "waited 60 s for {what}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The value of a script expression in the page.
    pub async fn eval(&self, expression: &str) -> serde_json::Value {
        self.client
            .execute(&format!("return {expression};"), vec![])
            .await
            .expect("running a script in the page")
    }

    /// Saves a screenshot of the page to `docs/ui/NAME.png` when `POC_WRITE_SCREENSHOTS` is
    /// set (the README shows them); otherwise only checks that one can be taken.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("a screenshot");
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        if std::env::var_os("POC_WRITE_SCREENSHOTS").is_some() {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/ui");
            std::fs::create_dir_all(&dir).expect("docs/ui");
            std::fs::write(dir.join(format!("{name}.png")), png).expect("writing a screenshot");
        }
    }

    /// Ends the session and the driver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        self.end_driver();
    }

    /// Kills chromedriver's process group (the driver and every Chromium it started) while
    /// the driver is still running, then reaps it. Nothing is signalled once it was reaped:
    /// its id could belong to another process by then.
    fn end_driver(&mut self) {
        if matches!(self.driver.try_wait(), Ok(None)) {
            if let Some(group) =
                rustix::process::Pid::from_raw(i32::try_from(self.driver.id()).unwrap_or(0))
            {
                let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
            }
            let _ = self.driver.kill();
        }
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        self.end_driver();
    }
}

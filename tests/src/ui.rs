//! `poc ui` under test: the process, its printed address, and a plain HTTP/1.1 client that
//! sends exactly the headers a test gives (a wrong `Host`, a foreign `Origin`, no cookie),
//! which a browser would not let a test do. The browser tests drive Chromium instead
//! (`tests/tests/ui_browser*.rs`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::{bins, PocHome};

/// A running `poc ui --no-browser` of one home.
#[derive(Debug)]
pub struct UiProcess {
    child: Child,
    /// The printed address, with its one-time secret.
    pub url: String,
    /// `127.0.0.1:PORT`.
    pub host: String,
}

impl UiProcess {
    /// Starts `poc ui --no-browser` for `home` and reads the address it prints.
    pub fn start(home: &PocHome) -> UiProcess {
        Self::start_with(home, &[])
    }

    /// The same with more arguments (`--port`, `--address`).
    pub fn start_with(home: &PocHome, args: &[&str]) -> UiProcess {
        let mut all = vec!["--no-browser"];
        all.extend_from_slice(args);
        Self::spawn(home, &all)
    }

    /// Starts `poc ui` as a person does, opening "the browser" (`BROWSER` is `true`, which
    /// opens nothing): it writes the launch page into the home (see
    /// [`UiProcess::launch_file`]).
    pub fn start_opening_browser(home: &PocHome) -> UiProcess {
        Self::spawn(home, &[])
    }

    /// The page `poc ui` writes for the browser to open, once it is there (at most 30 s).
    pub fn launch_file(home: &PocHome) -> std::path::PathBuf {
        let path = home.dir.join("ui-launch.html");
        let started = std::time::Instant::now();
        while !path.exists() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "poc ui wrote no launch page"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        path
    }

    fn spawn(home: &PocHome, args: &[&str]) -> UiProcess {
        let mut child = Command::new(&bins().poc)
            .arg("--home")
            .arg(&home.dir)
            .arg("ui")
            .args(args)
            .env_remove("POC_PASSPHRASE")
            .env_remove("POC_HOME")
            .env_remove("RUST_LOG")
            .env("BROWSER", "true")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting poc ui");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("reading the address of poc ui");
        let url = line.trim().to_owned();
        assert!(url.starts_with("http://"), "poc ui printed {url:?}");
        let host = url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        UiProcess { child, url, host }
    }

    /// The address without the secret: `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.host)
    }

    /// The path and query of the printed address (`/launch?secret=...`).
    pub fn launch_path(&self) -> String {
        self.url.trim_start_matches(&self.origin()).to_owned()
    }

    /// Exchanges the printed address for the session: the cookie, and the CSRF token read
    /// from a page.
    pub fn admit(&self) -> Session {
        let launch = self.request("GET", &self.launch_path(), &[("Host", &self.host)], b"");
        assert_eq!(launch.status, 200, "{launch:?}");
        assert!(launch.text().contains("url=/"), "moves on to /: {launch:?}");
        let set_cookie = launch.header("set-cookie").expect("a session cookie");
        let cookie = set_cookie
            .split(';')
            .next()
            .expect("cookie pair")
            .to_owned();
        let page = self.request(
            "GET",
            "/unlock",
            &[("Host", &self.host), ("Cookie", &cookie)],
            b"",
        );
        assert_eq!(page.status, 200, "{page:?}");
        let body = page.text();
        let csrf = body
            .split("name=\"csrf-token\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the CSRF token in the page")
            .to_owned();
        Session { cookie, csrf }
    }

    /// Sends one request with exactly `headers` (and `Content-Length` when there is a body).
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> HttpResponse {
        let mut stream = TcpStream::connect(&self.host).expect("connecting to poc ui");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .expect("timeout");
        let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !body.is_empty() || method == "POST" {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        stream
            .write_all(head.as_bytes())
            .expect("writing the request");
        stream.write_all(body).expect("writing the body");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("reading the response");
        HttpResponse::parse(&raw)
    }

    /// A request as the UI's own pages make it: right Host, cookie, Origin, same-origin
    /// fetch, CSRF token; `extra` headers added.
    pub fn as_page(
        &self,
        session: &Session,
        method: &str,
        path: &str,
        extra: &[(&str, &str)],
        body: &[u8],
    ) -> HttpResponse {
        let origin = self.origin();
        let mut headers = vec![
            ("Host", self.host.as_str()),
            ("Cookie", session.cookie.as_str()),
            ("Origin", origin.as_str()),
            ("Sec-Fetch-Site", "same-origin"),
            ("X-CSRF-Token", session.csrf.as_str()),
            ("HX-Request", "true"),
        ];
        headers.extend_from_slice(extra);
        self.request(method, path, &headers, body)
    }

    /// Unlocks the identity with `passphrase` (idle limit: the default).
    pub fn unlock(&self, session: &Session, passphrase: &str) -> HttpResponse {
        let body = format!("passphrase={}", form_encode(passphrase));
        self.as_page(
            session,
            "POST",
            "/unlock",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            body.as_bytes(),
        )
    }
}

impl Drop for UiProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The cookie and CSRF token of an admitted browser.
#[derive(Debug, Clone)]
pub struct Session {
    /// `poc_ui=...`.
    pub cookie: String,
    /// The CSRF token.
    pub csrf: String,
}

/// A response: status, headers (names lower case), body.
#[derive(Debug)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The headers, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body (chunked transfer decoded).
    pub body: Vec<u8>,
}

impl HttpResponse {
    fn parse(raw: &[u8]) -> HttpResponse {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete response head");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .expect("a status line");
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let mut body = raw[split + 4..].to_vec();
        if headers
            .iter()
            .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"))
        {
            body = dechunk(&body);
        }
        HttpResponse {
            status,
            headers,
            body,
        }
    }

    /// The first value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = body.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&body[..end])
                .split(';')
                .next()
                .unwrap_or("0")
                .trim(),
            16,
        )
        .unwrap_or(0);
        if size == 0 {
            return out;
        }
        let start = end + 2;
        out.extend_from_slice(&body[start..(start + size).min(body.len())]);
        body = body.get(start + size + 2..).unwrap_or(&[]);
    }
}

/// `application/x-www-form-urlencoded` encoding of a value.
pub fn form_encode(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

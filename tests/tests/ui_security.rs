//! `poc ui` admits only the browser of the person who started it: each rule of the
//! local web interface's security, over plain HTTP against the real binary.

use poc_tests::ui::UiProcess;
use poc_tests::Network;

#[test]
fn only_the_launching_browser_gets_in_and_every_change_is_same_origin_with_a_token() {
    let net = Network::setup(&["FRA.technical"]);
    let home = net.poc("FRA.technical");
    let ui = UiProcess::start(home);
    let host = ui.host.clone();

    // Wrong Host (DNS rebinding): refused, even with the launch secret.
    let rebound = ui.request(
        "GET",
        &ui.launch_path(),
        &[("Host", "attacker.example:80")],
        b"",
    );
    assert_eq!(rebound.status, 403);
    assert_eq!(rebound.header("x-poc-refusal"), Some("wrong-host"));
    let port = host.split(':').nth(1).unwrap();
    let other_port = ui.request("GET", "/", &[("Host", "127.0.0.1:1")], b"");
    assert_eq!(other_port.header("x-poc-refusal"), Some("wrong-host"));

    // No secret, no cookie: 403 on every page and asset.
    for path in ["/", "/unlock", "/inbox/list", "/assets/app.js", "/nothing"] {
        let r = ui.request("GET", path, &[("Host", &host)], b"");
        assert_eq!(r.status, 403, "{path}");
        assert_eq!(r.header("x-poc-refusal"), Some("no-session"), "{path}");
    }
    let wrong_secret = ui.request("GET", "/launch?secret=00", &[("Host", &host)], b"");
    assert_eq!(wrong_secret.status, 403);

    // The secret is exchanged once for an HttpOnly, SameSite=Strict cookie, and the
    // browser is sent to `/` (the secret leaves the address bar).
    let localhost = format!("localhost:{port}");
    let session = ui.admit();
    assert!(session.cookie.starts_with("poc_ui="));
    let again = ui.request("GET", &ui.launch_path(), &[("Host", &localhost)], b"");
    assert_eq!(again.status, 403, "the printed address works once");
    assert_eq!(again.header("x-poc-refusal"), Some("launch-used"));
    let page = ui.request(
        "GET",
        "/unlock",
        &[("Host", &localhost), ("Cookie", &session.cookie)],
        b"",
    );
    assert_eq!(page.status, 200, "localhost with the port is the same UI");

    // Every response carries the strict headers and no CORS header.
    for r in [&rebound, &page] {
        let csp = r.header("content-security-policy").unwrap();
        assert!(csp.contains("default-src 'none'"), "{csp}");
        assert!(csp.contains("script-src 'self'"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"));
        assert_eq!(r.header("x-frame-options"), Some("DENY"));
        assert_eq!(r.header("referrer-policy"), Some("no-referrer"));
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert!(r.header("access-control-allow-origin").is_none());
    }
    let set_cookie = ui
        .request(
            "GET",
            "/",
            &[("Host", &host), ("Cookie", &session.cookie)],
            b"",
        )
        .header("set-cookie")
        .map(str::to_owned);
    assert!(set_cookie.is_none(), "the cookie is set once, at launch");

    // A cross-origin POST (a page of another site), a POST without Origin, a cross-site
    // fetch, and a POST without or with a wrong CSRF token: all refused before any work.
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    let body = format!(
        "passphrase={}",
        poc_tests::ui::form_encode(&home.passphrase)
    );
    let base = |origin: &'static str| {
        vec![
            ("Host", host.clone()),
            ("Cookie", session.cookie.clone()),
            ("Origin", origin.to_owned()),
            ("X-CSRF-Token", session.csrf.clone()),
            (
                "Content-Type",
                "application/x-www-form-urlencoded".to_owned(),
            ),
        ]
    };
    let send = |headers: Vec<(&str, String)>| {
        let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        ui.request("POST", "/unlock", &headers, body.as_bytes())
    };
    let cross = send(base("https://attacker.example"));
    assert_eq!(cross.header("x-poc-refusal"), Some("cross-origin"));
    let mut no_origin = base("");
    no_origin.retain(|(n, _)| *n != "Origin");
    assert_eq!(
        send(no_origin).header("x-poc-refusal"),
        Some("cross-origin")
    );
    let mut cross_site = base("");
    cross_site.retain(|(n, _)| *n != "Origin");
    cross_site.push(("Origin", ui.origin()));
    cross_site.push(("Sec-Fetch-Site", "cross-site".to_owned()));
    assert_eq!(
        send(cross_site).header("x-poc-refusal"),
        Some("cross-origin")
    );
    let mut no_token = base("");
    no_token.retain(|(n, _)| *n != "Origin" && *n != "X-CSRF-Token");
    no_token.push(("Origin", ui.origin()));
    assert_eq!(
        send(no_token.clone()).header("x-poc-refusal"),
        Some("no-csrf")
    );
    no_token.push(("X-CSRF-Token", "0".repeat(64)));
    assert_eq!(send(no_token).header("x-poc-refusal"), Some("no-csrf"));
    // None of those unlocked anything.
    let inbox = ui.as_page(&session, "GET", "/", &[], b"");
    assert_eq!(inbox.header("hx-redirect"), Some("/unlock"), "{inbox:?}");

    // The page's own request passes; a wrong passphrase is said on the form.
    let wrong = ui.unlock(&session, "not the passphrase");
    assert_eq!(wrong.status, 422);
    assert!(!wrong.text().contains("not the passphrase"));
    let unlocked = ui.unlock(&session, &home.passphrase);
    assert_eq!(unlocked.header("hx-redirect"), Some("/"), "{unlocked:?}");
    let _ = form;

    // The passphrase is in no page.
    let inbox = ui.as_page(&session, "GET", "/", &[], b"");
    assert_eq!(inbox.status, 200);
    assert!(!inbox.text().contains(&home.passphrase));
}

#[test]
fn a_non_loopback_address_is_refused_at_start() {
    let net = Network::setup(&[]);
    let run = net
        .custodian
        .poc(&["ui", "--no-browser", "--address", "0.0.0.0"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("not a loopback address"),
        "{}",
        run.stderr
    );
}

#[test]
fn text_from_another_party_is_rendered_escaped() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)> & '";
    let sent = net.poc("MEX.technical").json(&[
        "send",
        "--to",
        "FRA.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        &format!("subject={hostile}"),
        "--field",
        &format!("text={hostile}\nsecond line"),
    ]);
    let id = sent["sent"][0]["id"].as_str().unwrap().to_owned();
    let ui = UiProcess::start(fra);
    let session = ui.admit();
    ui.unlock(&session, &fra.passphrase);
    let list = ui.as_page(&session, "GET", "/inbox/list", &[], b"");
    assert_eq!(list.status, 200, "{list:?}");
    let read = ui.as_page(&session, "GET", &format!("/message/{id}"), &[], b"");
    assert_eq!(read.status, 200, "{read:?}");
    for page in [list.text(), read.text()] {
        // askama writes the characters that matter as numeric references.
        assert!(
            page.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
            "{page}"
        );
        assert!(
            page.contains("&#34;&#62;&#60;img src=x onerror=alert(2)&#62;"),
            "{page}"
        );
        assert!(!page.contains("<script>alert"), "{page}");
        assert!(!page.contains("<img src=x"), "{page}");
        assert!(!page.contains("onerror=alert(2)>"), "{page}");
    }
}

#[test]
fn json_output_gives_the_address_as_one_document() {
    use std::io::BufRead;
    let net = Network::setup(&[]);
    let mut child = net.custodian.spawn(&["--json", "ui", "--no-browser"]);
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let document: serde_json::Value = serde_json::from_str(&line).unwrap();
    poc_tests::check_document(&document);
    assert_eq!(document["command"], "ui");
    let address = document["address"].as_str().unwrap();
    assert!(address.starts_with("127.0.0.1:"), "{document}");
    let url = document["url"].as_str().unwrap();
    assert!(
        url.starts_with(&format!("http://{address}/launch?secret=")),
        "{document}"
    );
}

#[test]
fn pages_of_other_local_origins_get_nothing_but_a_navigation() {
    let net = Network::setup(&["FRA.technical"]);
    let home = net.poc("FRA.technical");
    let ui = UiProcess::start(home);
    let session = ui.admit();
    let host = ui.host.clone();
    let get = |extra: &[(&str, &str)]| {
        let mut headers = vec![("Host", host.as_str()), ("Cookie", session.cookie.as_str())];
        headers.extend_from_slice(extra);
        ui.request("GET", "/unlock", &headers, b"")
    };
    // A page on another port of 127.0.0.1 is "same-site" and its requests carry the cookie:
    // an image, a script or a fetch of it is refused...
    for (mode, dest) in [
        ("no-cors", "image"),
        ("no-cors", "script"),
        ("cors", "empty"),
        ("navigate", "iframe"),
    ] {
        for site in ["same-site", "cross-site"] {
            let r = get(&[
                ("Sec-Fetch-Site", site),
                ("Sec-Fetch-Mode", mode),
                ("Sec-Fetch-Dest", dest),
            ]);
            assert_eq!(r.status, 403, "{site} {mode} {dest}");
            assert_eq!(r.header("x-poc-refusal"), Some("cross-origin"));
        }
    }
    // ...a link the user follows to a page is not, nor the pages' own requests.
    let followed = get(&[
        ("Sec-Fetch-Site", "same-site"),
        ("Sec-Fetch-Mode", "navigate"),
        ("Sec-Fetch-Dest", "document"),
    ]);
    assert_eq!(followed.status, 200);
    let own = get(&[
        ("Sec-Fetch-Site", "same-origin"),
        ("Sec-Fetch-Mode", "cors"),
    ]);
    assert_eq!(own.status, 200);

    // A cookie of the same name planted with a narrower path by another server on this host
    // comes first; the real one still counts.
    let planted = format!("poc_ui=planted; {}", session.cookie);
    let r = ui.request(
        "GET",
        "/unlock",
        &[("Host", &host), ("Cookie", &planted)],
        b"",
    );
    assert_eq!(r.status, 200);

    // A page that rebound its name to this address learns nothing from the refusal.
    let rebound = ui.request("GET", "/", &[("Host", "attacker.example")], b"");
    assert_eq!(rebound.status, 403);
    assert!(rebound.body.is_empty(), "{}", rebound.text());
}

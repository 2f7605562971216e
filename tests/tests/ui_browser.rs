//! `poc ui` in a real browser: headless Chromium over WebDriver, through a real relay on
//! loopback, with the other PoCs on the command line.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use fantoccini::Locator;
use poc_tests::browser::Browser;
use poc_tests::ui::UiProcess;
use poc_tests::{Network, PocHome};

/// Opens the printed address of `ui` in `browser` and unlocks `home`'s identity there.
async fn open_and_unlock(browser: &Browser, ui: &UiProcess, home: &PocHome) {
    browser.client.goto(&ui.url).await.unwrap();
    browser
        .wait_until("the unlock page", "document.getElementById('passphrase')")
        .await;
    unlock(browser, home).await;
}

/// Types `home`'s passphrase into the unlock page and waits for the inbox.
async fn unlock(browser: &Browser, home: &PocHome) {
    let c = &browser.client;
    c.find(Locator::Css("#passphrase"))
        .await
        .unwrap()
        .send_keys(&home.passphrase)
        .await
        .unwrap();
    c.find(Locator::Css("form.unlock button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_until("the inbox", "document.getElementById('inbox-list')")
        .await;
}

/// Clicks the element `css`.
async fn click(browser: &Browser, css: &str) {
    browser
        .client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_diplomat_unlocks_sees_a_high_notice_arrive_reads_and_acknowledges_it() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical").clone();
    let mex = net.poc("MEX.technical").clone();
    let ui = UiProcess::start_opening_browser(&fra);
    let browser = Browser::start(1280, 900).await;
    let c = &browser.client;

    // The browser opens the page `poc ui` wrote for it (only the user can read it: the
    // secret is on no command line); it admits the browser, leaves the address bar, and is
    // removed. A locked identity leads to the unlock page.
    let launch = UiProcess::launch_file(&fra);
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&launch).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
    assert!(std::fs::read_to_string(&launch).unwrap().contains(&ui.url));
    c.goto(&format!("file://{}", launch.display()))
        .await
        .unwrap();
    browser
        .wait_until("the unlock page", "document.getElementById('passphrase')")
        .await;
    let address = c.current_url().await.unwrap();
    assert!(!address.as_str().contains("secret"), "{address}");
    assert_eq!(address.as_str(), format!("{}/unlock", ui.origin()));
    assert!(!launch.exists(), "the launch page is removed once used");
    browser.screenshot("unlock").await;
    unlock(&browser, &fra).await;

    // A HIGH notice sent by another PoC's CLI appears without a reload: a value set in the
    // page before is still there after.
    browser.eval("(window.pocMarker = 'same page')").await;
    // Notifications are allowed: a stand-in records what the page would show.
    browser
        .eval(
            "(window.pocNotified = [], window.Notification = class { \
               static permission = 'granted'; \
               constructor(text, options) { window.pocNotified.push([text, options.tag]); } }, 1)",
        )
        .await;
    let summary = "Ransomware at the national grid operator: l'AS64500 affected";
    let sent = mex.json(&[
        "send",
        "--to",
        "FRA.technical",
        "--type",
        "incident",
        "--priority",
        "high",
        "--tlp",
        "amber",
        "--field",
        &format!("summary={summary}"),
        "--field",
        "description=Encrypted SCADA historians.\nSecond line.",
    ]);
    let id = sent["sent"][0]["id"].as_str().unwrap().to_owned();
    browser
        .wait_until(
            "the notice in the inbox",
            &format!("document.querySelector('tr[data-id=\"{id}\"]')"),
        )
        .await;
    assert_eq!(browser.eval("window.pocMarker").await, "same page");
    let row = browser
        .eval(&format!(
            "document.querySelector('tr[data-id=\"{id}\"]').innerText"
        ))
        .await;
    let row = row.as_str().unwrap();
    assert!(row.contains(summary), "{row}");
    assert!(row.contains("TLP:AMBER"), "{row}");
    assert_eq!(
        browser
            .eval(&format!(
                "document.querySelector('tr[data-id=\"{id}\"]').hasAttribute('data-notify')"
            ))
            .await,
        true,
        "an unread HIGH message raises a notification"
    );
    // One notification for it, in the UI's own words: nothing of the message in it.
    browser
        .wait_until("the notification", "window.pocNotified.length > 0")
        .await;
    let notified = browser.eval("window.pocNotified").await;
    let notified = notified.as_array().unwrap();
    assert_eq!(notified.len(), 1, "{notified:?}");
    assert_eq!(notified[0][1], id.as_str());
    assert!(!notified[0][0].as_str().unwrap().contains("Ransomware"));
    browser.screenshot("inbox").await;

    // Read it: the signature state is at the top, the text as it was sent.
    c.find(Locator::Css(&format!("tr[data-id=\"{id}\"] a")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_until("the message", "document.querySelector('.signature.ok')")
        .await;
    let text = browser
        .eval("document.querySelector('main').innerText")
        .await;
    let text = text.as_str().unwrap();
    assert!(text.contains(summary), "{text}");
    assert!(
        text.contains("Encrypted SCADA historians.\nSecond line."),
        "{text}"
    );
    browser.screenshot("read").await;

    // Acknowledge with one click; the sender's CLI shows the verified receipt.
    c.find(Locator::Css("#ack"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_until("the acknowledgement", "document.getElementById('ack-sent')")
        .await;
    let inbox = mex.json(&["inbox"]);
    let receipt = poc_tests::messages(&inbox)
        .into_iter()
        .find(|m| m["receipt_for"] == id.as_str())
        .unwrap_or_else(|| panic!("no receipt for {id} in {inbox}"));
    assert_eq!(receipt["status"], "receipt_confirmed", "{receipt}");
    assert_eq!(receipt["from"], "FRA.technical");

    // Arabic: the whole page turns right to left, in the same window.
    c.goto(&format!("{}/", ui.origin())).await.unwrap();
    browser
        .wait_until("the inbox", "document.getElementById('lang-select')")
        .await;
    c.find(Locator::Css("#lang-select"))
        .await
        .unwrap()
        .select_by_value("ar")
        .await
        .unwrap();
    browser
        .wait_until("the Arabic page", "document.documentElement.lang === 'ar'")
        .await;
    assert_eq!(browser.eval("document.documentElement.dir").await, "rtl");
    assert_eq!(
        browser
            .eval("getComputedStyle(document.querySelector('main')).direction")
            .await,
        "rtl"
    );
    browser.screenshot("inbox-ar").await;

    // Phone width: the page fits without scrolling sideways.
    c.set_window_size(390, 844).await.unwrap();
    c.goto(&format!("{}/message/{id}", ui.origin()))
        .await
        .unwrap();
    browser
        .wait_until("the message", "document.querySelector('.signature.ok')")
        .await;
    assert_eq!(
        browser
            .eval("document.documentElement.scrollWidth <= window.innerWidth")
            .await,
        true,
        "the message fits a phone's width"
    );
    browser.screenshot("read-phone-ar").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_diplomat_writes_in_french_and_the_recipient_verifies_it_byte_for_byte() {
    let net = Network::setup(&["FRA.diplomatic", "MAR.diplomatic"]);
    let fra = net.poc("FRA.diplomatic").clone();
    let mar = net.poc("MAR.diplomatic").clone();
    let ui = UiProcess::start(&fra);
    let browser = Browser::start(1280, 1400).await;
    open_and_unlock(&browser, &ui, &fra).await;
    let c = &browser.client;
    c.goto(&format!("{}/compose", ui.origin())).await.unwrap();
    browser
        .wait_until(
            "the compose form",
            "document.getElementById('compose-form')",
        )
        .await;

    // The request typed as a person types it: an apostrophe and a line break.
    click(&browser, "#kind-assistance").await;
    click(&browser, "input[name=to][value='MAR.diplomatic']").await;
    click(&browser, "#priority-medium").await;
    let details = "Ministère de l'Europe\nl'AS64500 : conservez les journaux.";
    c.find(Locator::Css("#f-assistance-details"))
        .await
        .unwrap()
        .send_keys(details)
        .await
        .unwrap();
    c.find(Locator::Css("#f-assistance-reference"))
        .await
        .unwrap()
        .send_keys("MEAE-2026-17")
        .await
        .unwrap();
    browser.eval("(window.scrollTo(0, 0), true)").await;
    browser.screenshot("compose").await;
    click(&browser, "#compose-form button[type=submit]").await;
    browser
        .wait_until(
            "the sent envelopes",
            "document.querySelector('section.sent')",
        )
        .await;

    // The recipient's command line verifies it, and the text is byte for byte as typed.
    let inbox = mar.json(&["inbox"]);
    let request = poc_tests::messages(&inbox)
        .into_iter()
        .find(|m| m["type"] == "assistance")
        .unwrap_or_else(|| panic!("no assistance request in {inbox}"));
    assert_eq!(request["status"], "verified", "{request}");
    assert_eq!(request["from"], "FRA.diplomatic");
    let read = mar.json(&["read", request["id"].as_str().unwrap()]);
    assert_eq!(read["fields"]["details"], details, "{read:#}");
    assert_eq!(read["fields"]["reference"], "MEAE-2026-17");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_custodian_enrols_a_poc_and_a_campaign_answered_from_the_ui_reports_it_on_time() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let gbr = net.invite_and_init("GBR.technical");
    let request = std::fs::read_to_string(gbr.dir.join("enrolment-request.txt")).unwrap();
    let custodian_ui = UiProcess::start(&net.custodian);
    let custodian = Browser::start(1280, 1400).await;
    open_and_unlock(&custodian, &custodian_ui, &net.custodian).await;
    let c = &custodian.client;

    // Enrolment: the request pasted, its fingerprint confirmed by phone, added, published.
    c.goto(&format!("{}/custodian", custodian_ui.origin()))
        .await
        .unwrap();
    custodian
        .wait_until(
            "the custodian's page",
            "document.getElementById('enrol-text')",
        )
        .await;
    custodian
        .client
        .execute(
            "document.getElementById('enrol-text').value = arguments[0]; return true;",
            vec![serde_json::Value::String(request)],
        )
        .await
        .unwrap();
    click(&custodian, "#enrol-form button[type=submit]").await;
    custodian
        .wait_until(
            "the fingerprint",
            "document.getElementById('shown-fingerprint')",
        )
        .await;
    click(&custodian, "#enrol-confirmed").await;
    click(&custodian, "#enrol-result form button[type=submit]").await;
    custodian
        .wait_until(
            "the entry added",
            "!document.getElementById('enrol-confirmed')",
        )
        .await;
    click(&custodian, "#publish").await;
    custodian
        .wait_until(
            "the publication",
            "document.getElementById('publish-result').innerText.length > 0",
        )
        .await;
    gbr.poc(&["directory", "sync"]).ok();
    let listed = gbr.json(&["directory", "list"]);
    assert!(listed.to_string().contains("GBR.technical"), "{listed}");

    // A campaign to FRA and MEX, started from the page.
    c.goto(&format!("{}/campaigns", custodian_ui.origin()))
        .await
        .unwrap();
    custodian
        .wait_until("the campaigns", "document.getElementById('start-to')")
        .await;
    c.find(Locator::Css("#start-to"))
        .await
        .unwrap()
        .send_keys("FRA.technical, MEX.technical")
        .await
        .unwrap();
    click(&custodian, "#start-form button[type=submit]").await;
    custodian
        .wait_until(
            "the campaign page",
            "document.getElementById('campaign-status')",
        )
        .await;
    let address = c.current_url().await.unwrap();
    let campaign = address.path().trim_start_matches("/campaigns/").to_owned();

    // FRA answers from its own browser: the ping is in its inbox, one click acknowledges it.
    let fra = net.poc("FRA.technical").clone();
    let fra_ui = UiProcess::start(&fra);
    let analyst = Browser::start(1280, 900).await;
    open_and_unlock(&analyst, &fra_ui, &fra).await;
    analyst
        .wait_until(
            "the ping",
            "Array.from(document.querySelectorAll('#inbox-list tr[data-id]')).length >= 2",
        )
        .await;
    let inbox = fra.json(&["inbox", "--offline"]);
    let ping = poc_tests::messages(&inbox)
        .into_iter()
        .find(|m| m["type"] == "ping")
        .expect("the ping in FRA's inbox");
    let ping_id = ping["id"].as_str().unwrap().to_owned();
    analyst
        .client
        .goto(&format!("{}/message/{ping_id}", fra_ui.origin()))
        .await
        .unwrap();
    analyst
        .wait_until("the ping", "document.getElementById('ack')")
        .await;
    click(&analyst, "#ack").await;
    analyst
        .wait_until("the answer sent", "document.getElementById('ack-sent')")
        .await;

    // The report page shows FRA on time and MEX without an answer.
    c.goto(&format!(
        "{}/campaigns/{campaign}/report",
        custodian_ui.origin()
    ))
    .await
    .unwrap();
    custodian
        .wait_until(
            "FRA on time",
            "document.querySelector('tr[data-poc=\"FRA.technical\"][data-outcome=\"on-time\"]')",
        )
        .await;
    assert_eq!(
        custodian
            .eval("document.querySelector('tr[data-poc=\"MEX.technical\"]').dataset.outcome")
            .await,
        "no-answer"
    );
    custodian.screenshot("campaign-report").await;
    let report = net
        .custodian
        .json(&["ping", "report", &campaign, "--format", "json"]);
    assert!(report.to_string().contains("on_time"), "{report}");
    analyst.close().await;
    custodian.close().await;
}

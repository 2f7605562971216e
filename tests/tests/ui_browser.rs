//! `poc ui` in a real browser: headless Chromium over WebDriver, through a real relay on
//! loopback, with the other PoCs on the command line.

use fantoccini::Locator;
use poc_tests::browser::Browser;
use poc_tests::ui::UiProcess;
use poc_tests::Network;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_diplomat_unlocks_sees_a_high_notice_arrive_reads_and_acknowledges_it() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical").clone();
    let mex = net.poc("MEX.technical").clone();
    let ui = UiProcess::start(&fra);
    let browser = Browser::start(1280, 900).await;
    let c = &browser.client;

    // The printed address admits the browser and leaves the address bar; a locked identity
    // leads to the unlock page.
    c.goto(&ui.url).await.unwrap();
    browser
        .wait_until("the unlock page", "document.getElementById('passphrase')")
        .await;
    let address = c.current_url().await.unwrap();
    assert!(!address.as_str().contains("secret"), "{address}");
    browser.screenshot("unlock").await;
    c.find(Locator::Css("#passphrase"))
        .await
        .unwrap()
        .send_keys(&fra.passphrase)
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

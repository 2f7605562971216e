//! Contact details are checked the same way by `poc init` and `poc update`, through the real
//! binaries: a bad field is refused with a sentence naming it, and nothing is created or sent.

use poc_tests::{Network, PocHome};

#[test]
fn poc_update_refuses_bad_fields_and_sends_nothing() {
    let net = Network::setup(&["FRA.technical"]);
    let fra = net.poc("FRA.technical");
    for (args, names) in [
        (
            &["update", "--email", "cert-fr.pocs.example"][..],
            "e-mail address 1 (--email) is not an e-mail address",
        ),
        (
            &["update", "--phone", "+33 1 00 00 00 00,none"][..],
            "telephone number 2 (--phone)",
        ),
        (&["update", "--lang", "fr,français"][..], "(--lang)"),
        (&["update", "--webpage", "cert.example"][..], "(--webpage)"),
        (
            &["update", "--time-zone", "Paris (UTC+1)"][..],
            "(--time-zone)",
        ),
        (&["update", "--org-name", "\t"][..], "(--org-name)"),
    ] {
        let run = fra.poc(args);
        assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains(names), "{args:?}: {}", run.stderr);
    }
    let queue = net.custodian.json(&["custodian", "requests"]);
    assert_eq!(queue["requests"].as_array().unwrap().len(), 0, "{queue}");

    // A valid update goes through.
    fra.json(&["update", "--email", "cert-fr-new@pocs.example"]);
    let queue = net.custodian.json(&["custodian", "requests"]);
    assert_eq!(queue["requests"].as_array().unwrap().len(), 1, "{queue}");
}

#[test]
fn poc_init_refuses_a_bad_field_and_creates_nothing() {
    let net = Network::setup(&[]);
    let invite = net.root.path().join("invite-MEX.technical.toml");
    net.custodian
        .poc(&[
            "custodian",
            "invite",
            "MEX.technical",
            "--out",
            invite.to_str().unwrap(),
        ])
        .ok();
    let home = PocHome::new(net.root.path().join("MEX"), "passphrase of MEX");
    let run = home.poc(&[
        "init",
        "--yes",
        "--invite",
        invite.to_str().unwrap(),
        "--org-name",
        "CERT-MX",
        "--email",
        "cert@cert.mx.example",
        "--lang",
        "es_MX",
    ]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("`es_MX` (--lang) is not a BCP 47 language tag"),
        "{}",
        run.stderr
    );
    assert!(!home.dir.join("identity.age").exists());
    assert!(!home.dir.join("enrolment-request.txt").exists());
}

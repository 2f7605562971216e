//! Everyday messaging through the real binaries: templates in the six UN languages, priority,
//! push with an on-high hook, tampering by the relay, threads, forwarding to an authority
//! outside the directory (checked with the Debian `age` tool), export and attachments.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use poc_client::i18n::{self, Lang};
use poc_proto::{EnvelopeId, Priority, PublicKeyBytes, SignatureBytes};
use poc_relay::store::SledStore;
use poc_tests::{bins, messages, unopened_with, Network};

/// Content in each language: must come back untouched.
fn sample(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "هجوم فدية على أنظمة الميناء",
        Lang::Zh => "港口系统遭勒索软件攻击",
        Lang::En => "Ransomware on port systems",
        Lang::Fr => "Rançongiciel sur les systèmes du port",
        Lang::Ru => "Программа-вымогатель в системах порта",
        Lang::Es => "Ransomware en los sistemas del puerto",
    }
}

#[test]
fn every_template_in_every_un_language_round_trips_and_renders() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    for lang in Lang::ALL {
        let text = sample(lang);
        let code = lang.code();
        let sends: [(&str, Vec<String>, &str, &str); 3] = [
            (
                "incident",
                vec![
                    format!("summary={text}"),
                    "incident_class=malicious-code".into(),
                ],
                "summary",
                "incident_class",
            ),
            (
                "assistance",
                vec![format!("details={text}"), "nature=coordination".into()],
                "details",
                "nature",
            ),
            (
                "response",
                vec![format!("text={text}"), "status=channelled".into()],
                "text",
                "status",
            ),
        ];
        for (kind, fields, content_key, fixed_key) in sends {
            let mut args = vec![
                "send",
                "--to",
                "MEX.technical",
                "--type",
                kind,
                "--priority",
                "medium",
                "--lang",
                code,
            ];
            for f in &fields {
                args.push("--field");
                args.push(f);
            }
            let sent = fra.json(&args);
            let id = sent["sent"][0]["id"].as_str().unwrap().to_owned();

            let json = mex.json(&["read", &id]);
            assert_eq!(json["language"], code);
            assert_eq!(
                json["fields"][content_key], text,
                "{kind} in {code}: content changed"
            );

            let shown = mex.poc(&["read", &id, "--lang", code]);
            shown.ok();
            let out = &shown.stdout;
            assert!(out.contains(text), "{kind}/{code}: content missing:\n{out}");
            let content_label = i18n::label(content_key, lang).unwrap();
            let fixed_label = i18n::label(fixed_key, lang).unwrap();
            assert!(
                out.contains(content_label) && out.contains(fixed_label),
                "{kind}/{code}: labels missing:\n{out}"
            );
            let set = if fixed_key == "incident_class" {
                "incident_class"
            } else {
                fixed_key
            };
            let canonical = json["fields"][fixed_key].as_str().unwrap();
            assert!(
                out.contains(i18n::value(set, canonical, lang).unwrap()),
                "{kind}/{code}: fixed value untranslated:\n{out}"
            );
            assert!(
                out.contains(i18n::value("type", kind, lang).unwrap()),
                "{kind}/{code}: type untranslated:\n{out}"
            );
            if lang.is_rtl() {
                // No line mixes an Arabic label with the (left-to-right) envelope id or content.
                for line in out.lines().filter(|l| l.contains(content_label)) {
                    assert!(
                        line.starts_with('\u{2067}') && !line.contains(text),
                        "RTL label line mixes directions: {line:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn high_priority_arrivals_are_pushed_and_fire_the_hook_once_each() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    let log = net.root.path().join("hook.log");
    let hook = format!(
        "echo \"$POC_ENVELOPE_ID $POC_SENDER $POC_PRIORITY $POC_TYPE\" >> {}",
        log.display()
    );
    let mut watcher = Command::new(&bins().poc)
        .arg("--home")
        .arg(&mex.dir)
        .args(["inbox", "--watch", "--on-high", &hook])
        .env("POC_PASSPHRASE", &mex.passphrase)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (lines_tx, printed) = std::sync::mpsc::channel();
    let watch_out = watcher.stdout.take().unwrap();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(watch_out).lines() {
            let Ok(line) = line else { break };
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });

    let mut high = Vec::new();
    for priority in ["low", "high", "medium", "high"] {
        let sent = fra.json(&[
            "send",
            "--to",
            "MEX.technical",
            "--type",
            "text",
            "--priority",
            priority,
            "--field",
            &format!("text={priority} message"),
        ]);
        if priority == "high" {
            high.push(sent["sent"][0]["id"].as_str().unwrap().to_owned());
        }
    }
    let lines = |path: &std::path::Path| {
        std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while lines(&log).len() < 2 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    // Another low-priority arrival must not fire it again.
    fra.json(&[
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=late",
    ]);
    let mut stdout = String::new();
    let mut wait_for = |word: &str| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !stdout.contains(word) && Instant::now() < deadline {
            match printed.recv_timeout(Duration::from_millis(500)) {
                Ok(line) => {
                    stdout.push_str(&line);
                    stdout.push('\n');
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
    };
    wait_for("late");
    // Then a medium one, in a later fetch. The watch handles arrivals one at a time and runs
    // an arrival's hook before it reports the next: once this one is printed, a hook the
    // low-priority arrival wrongly fired would have run.
    fra.json(&[
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "text",
        "--priority",
        "medium",
        "--field",
        "text=final",
    ]);
    wait_for("final");
    let _ = watcher.kill();
    let _ = watcher.wait();

    let mut fired = lines(&log);
    fired.sort();
    let mut expected: Vec<String> = high
        .iter()
        .map(|id| format!("{id} FRA.technical high text"))
        .collect();
    expected.sort();
    assert_eq!(
        fired, expected,
        "the hook fires exactly once per high-priority envelope"
    );
    for word in [
        "low message",
        "medium message",
        "high message",
        "late",
        "final",
    ] {
        assert!(
            stdout.contains(word),
            "watch did not print the `{word}` arrival:\n{stdout}"
        );
    }

    // The inbox lists high before medium before low.
    let inbox = mex.json(&["inbox", "--offline"]);
    let order: Vec<String> = messages(&inbox)
        .iter()
        .map(|i| i["priority"].as_str().unwrap().to_owned())
        .collect();
    let mut sorted = order.clone();
    sorted.sort_by_key(|p| p.parse::<Priority>().unwrap());
    assert_eq!(order, sorted);
}

#[test]
fn watch_with_json_prints_one_inbox_item_document_per_line_per_arrival() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    let out = net.root.path().join("watch.jsonl");
    let mut watcher = Command::new(&bins().poc)
        .arg("--home")
        .arg(&mex.dir)
        // A hook that prints: its output must not land among the documents.
        .args([
            "--json",
            "inbox",
            "--watch",
            "--on-high",
            "echo hook output",
        ])
        .env("POC_PASSPHRASE", &mex.passphrase)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut sent = Vec::new();
    for (priority, text) in [("high", "first arrival"), ("low", "second arrival")] {
        let s = fra.json(&[
            "send",
            "--to",
            "MEX.technical",
            "--type",
            "text",
            "--priority",
            priority,
            "--field",
            &format!("text={text}"),
        ]);
        sent.push(s["sent"][0]["id"].as_str().unwrap().to_owned());
    }
    // Every complete line (the last may still be being written) is one document.
    let documents = || -> Vec<serde_json::Value> {
        let text = std::fs::read_to_string(&out).unwrap_or_default();
        let complete = &text[..text.rfind('\n').map_or(0, |end| end + 1)];
        complete
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .filter(|d: &serde_json::Value| d["type"] != "directory_notice")
            .collect()
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while documents().len() < 2 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = watcher.kill();
    let _ = watcher.wait();
    let documents = documents();
    assert_eq!(documents.len(), 2, "{documents:?}");
    for (document, (id, summary)) in documents
        .iter()
        .zip(sent.iter().zip(["first arrival", "second arrival"]))
    {
        poc_tests::check_document(document);
        assert_eq!(document["command"], "inbox --watch", "{document}");
        assert_eq!(document["id"], id.as_str(), "{document}");
        assert_eq!(document["from"], "FRA.technical", "{document}");
        assert_eq!(document["status"], "verified", "{document}");
        assert_eq!(document["summary"], summary, "{document}");
        assert!(
            document["fetched_at"]
                .as_str()
                .is_some_and(|t| t.ends_with('Z')),
            "{document}"
        );
    }
}

#[test]
fn a_priority_changed_by_the_relay_is_detected() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical").clone();
    let mex = net.poc("MEX.technical").clone();
    let sent = fra.json(&[
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=routine",
    ]);
    let id: EnvelopeId = sent["sent"][0]["id"].as_str().unwrap().parse().unwrap();
    let shown = mex.json(&["directory", "show", "MEX.technical"]);
    let key: PublicKeyBytes = shown["signing_key"].as_str().unwrap().parse().unwrap();
    net.relay.kill();
    {
        let store = SledStore::open(&net.relay.data_dir.join("store"), 1 << 20).unwrap();
        assert!(store
            .tamper_with(&poc_keys::mailbox_id(&key), &id, |e| e.priority =
                Priority::High)
            .unwrap());
    }
    net.relay.start();
    let inbox = mex.json(&["inbox"]);
    // It is set apart from the verified items, in the group of its submitter.
    assert!(messages(&inbox)
        .iter()
        .all(|i| i["id"] != id.to_string().as_str()));
    let item = unopened_with(&inbox, &id.to_string());
    assert_eq!(item["invalid"], "signature_failed", "{item}");
    assert!(
        item["error"].as_str().unwrap().contains("signature"),
        "{item}"
    );
    // Answering it is refused as a verification failure, with one error document.
    let reply = mex
        .poc(&["--json", "reply", &id.to_string(), "--status", "received"])
        .json_error();
    assert_eq!(reply["kind"], "verification", "{reply}");
    assert_eq!(reply["exit_code"], 1, "{reply}");
    let read = mex.poc(&["read", &id.to_string()]);
    assert_eq!(read.code, 1);
    assert!(
        read.stderr.contains("signature/decryption failed"),
        "{}",
        read.stderr
    );
}

#[test]
fn threads_replies_exports_attachments_and_forwarding_to_an_age_recipient() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    let iocs = net.root.path().join("indicators.txt");
    std::fs::write(&iocs, "198.51.100.7\nbad.example\n").unwrap();
    let sent = fra.json(&[
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "incident",
        "--priority",
        "high",
        "--field",
        "summary=Port ransomware",
        "--attach",
        iocs.to_str().unwrap(),
    ]);
    let root = sent["sent"][0]["id"].as_str().unwrap().to_owned();

    // Attachment inside the encryption, saved by the reader.
    let saved = net.root.path().join("saved");
    let read = mex.json(&["read", &root, "--save-attachments", saved.to_str().unwrap()]);
    assert_eq!(read["attachments"][0]["name"], "indicators.txt");
    assert_eq!(
        std::fs::read(saved.join("indicators.txt")).unwrap(),
        std::fs::read(&iocs).unwrap()
    );

    // Reply in the thread; both sides see the whole conversation.
    let reply = mex.json(&[
        "reply",
        &root[..10],
        "--status",
        "channelled",
        "--text",
        "Passed to the national police",
    ]);
    assert_eq!(reply["sent"][0]["to"], "FRA.technical");
    assert_eq!(reply["in_reply_to"], root.as_str());
    assert_eq!(reply["thread"], root.as_str());
    assert_eq!(reply["status"], "channelled");
    let thread = fra.json(&["thread", &root]);
    let msgs = thread["messages"].as_array().unwrap();
    assert_eq!(thread["root"], root.as_str());
    assert_eq!(msgs.len(), 2, "{thread}");
    assert_eq!(msgs[0]["outgoing"], true);
    assert_eq!(msgs[0]["state"], "sent");
    assert_eq!(msgs[1]["state"], "verified");
    assert_eq!(msgs[1]["from"], "MEX.technical");
    assert_eq!(msgs[1]["verified"], true);
    assert_eq!(msgs[1]["fields"]["status"], "channelled");
    let their_view = mex.json(&["thread", reply["sent"][0]["id"].as_str().unwrap()]);
    assert_eq!(their_view["messages"].as_array().unwrap().len(), 2);
    // An id that is nowhere: not found, exit code 1, one error document.
    let missing = fra.poc(&["--json", "thread", "ffffffffffff"]).json_error();
    assert_eq!(missing["kind"], "not_found", "{missing}");
    assert_eq!(missing["exit_code"], 1, "{missing}");

    // Export with evidence; the signature checks out on the exact signed bytes.
    let export = mex.json(&["export", &root, "--format", "json"]);
    assert_eq!(export["format"], "poc-evidence-v2");
    check_evidence(&export);

    // Forward to a national authority: a standard age file the `age` tool opens.
    let key_file = net.root.path().join("authority.key");
    let keygen = Command::new("age-keygen")
        .arg("-o")
        .arg(&key_file)
        .output()
        .expect("age-keygen (Debian package `age`) is needed");
    assert!(keygen.status.success());
    let recipient = String::from_utf8_lossy(&keygen.stderr)
        .split_whitespace()
        .last()
        .unwrap()
        .to_owned();
    let out = net.root.path().join("for-police.age");
    mex.json(&[
        "forward",
        &root,
        "--age-recipient",
        &recipient,
        "--out",
        out.to_str().unwrap(),
    ]);
    let opened = Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(&key_file)
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        opened.status.success(),
        "age -d failed: {}",
        String::from_utf8_lossy(&opened.stderr)
    );
    let forwarded: serde_json::Value = serde_json::from_slice(&opened.stdout).unwrap();
    assert_eq!(forwarded["message"]["fields"]["summary"], "Port ransomware");
    assert_eq!(forwarded["sender"]["id"], "FRA.technical");
    check_evidence(&forwarded);
}

/// Checks an exported signature with plain ed25519 over the exported signing input.
#[allow(clippy::unwrap_used)] // a test helper: a panic is the failure report
fn check_evidence(evidence: &serde_json::Value) {
    use data_encoding::{BASE64, HEXLOWER};
    let key: PublicKeyBytes = evidence["sender"]["ed25519_public_key"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let sig: [u8; 64] = HEXLOWER
        .decode(evidence["signature"]["value"].as_str().unwrap().as_bytes())
        .unwrap()
        .try_into()
        .unwrap();
    let input = BASE64
        .decode(
            evidence["signature"]["signing_input_base64"]
                .as_str()
                .unwrap()
                .as_bytes(),
        )
        .unwrap();
    let domain = b"poc/msg/v1\0";
    assert!(input.starts_with(domain));
    let verifying = poc_keys::verifying_key(&key).unwrap();
    let signature = ed25519_dalek::Signature::from_bytes(&SignatureBytes(sig).0);
    verifying
        .verify_strict(&input, &signature)
        .expect("the exported signature verifies");
}

#[test]
fn templates_from_files_and_whole_states_and_invalid_input_sends_nothing() {
    let net = Network::setup(&["FRA.diplomatic", "MEX.technical", "MEX.diplomatic"]);
    let fra = net.poc("FRA.diplomatic");
    let template = net.root.path().join("request.toml");
    fra.poc(&[
        "compose",
        "--type",
        "assistance",
        "--out",
        template.to_str().unwrap(),
    ])
    .ok();
    let mut text = std::fs::read_to_string(&template).unwrap();
    // The template comes with `to` and `priority` empty: fill them in.
    assert!(text.contains("to = []") && text.contains("priority = \"\""));
    text = text.replacen("to = []", "to = [\"MEX\"]", 1);
    text = text.replacen("priority = \"\"", "priority = \"high\"", 1);
    text.push_str(
        "nature = \"investigation\"\ndetails = \"Please preserve the logs of AS64500\"\n",
    );
    std::fs::write(&template, text).unwrap();
    // Every PoC of a State, without a terminal: --yes.
    let sent = fra.json(&["send", "--yes", "--file", template.to_str().unwrap()]);
    let mut to: Vec<&str> = sent["sent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["to"].as_str().unwrap())
        .collect();
    to.sort();
    assert_eq!(to, vec!["MEX.diplomatic", "MEX.technical"]);
    let read = net
        .poc("MEX.diplomatic")
        .json(&["read", sent["sent"][0]["id"].as_str().unwrap()]);
    assert_eq!(read["type"], "assistance");
    assert_eq!(read["fields"]["nature"], "investigation");

    let bad: [&[&str]; 5] = [
        &[
            "send",
            "--to",
            "MEX.technical",
            "--type",
            "incident",
            "--priority",
            "high",
            "--field",
            "colour=red",
        ],
        &[
            "send",
            "--to",
            "MEX.technical",
            "--type",
            "assistance",
            "--priority",
            "high",
            "--field",
            "nature=money",
        ],
        &[
            "send",
            "--to",
            "MEX.technical",
            "--type",
            "incident",
            "--priority",
            "high",
            "--field",
            "incident_class=hacking",
        ],
        &[
            "send",
            "--to",
            "MEX.technical",
            "--type",
            "response",
            "--priority",
            "high",
        ],
        &[
            "send",
            "--to",
            "USA",
            "--yes",
            "--type",
            "text",
            "--priority",
            "high",
            "--field",
            "text=x",
        ],
    ];
    for args in bad {
        let run = fra.poc(args);
        assert_eq!(run.code, 2, "{args:?} was accepted");
        assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {}", run.stderr);
    }
    let wrong_file = net.root.path().join("wrong.toml");
    std::fs::write(
        &wrong_file,
        "type = \"text\"\npriority = \"high\"\nurgency = \"now\"\n[fields]\ntext = \"x\"\n",
    )
    .unwrap();
    let run = fra.poc(&[
        "send",
        "--to",
        "MEX.technical",
        "--file",
        wrong_file.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("urgency"), "{}", run.stderr);
    // Attachments above the configured limit are refused before sending.
    let config = fra.dir.join("poc.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("max_attachment_bytes = 1000\n{text}")).unwrap();
    let big = net.root.path().join("big.bin");
    std::fs::write(&big, vec![7u8; 1001]).unwrap();
    let run = fra.poc(&[
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=x",
        "--attach",
        big.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("attachments too large: 1001 bytes in all, limit 1000"),
        "{}",
        run.stderr
    );

    let inbox = net.poc("MEX.technical").json(&["inbox"]);
    assert_eq!(
        messages(&inbox).len(),
        1,
        "only the valid request arrived: {inbox}"
    );
}

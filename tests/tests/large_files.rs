//! Attachments too large for one envelope, through the real binaries and a real relay: sent
//! as parts of the message, reassembled and checked against the SHA-256 in the signed message
//! at the reader, reported when a part is missing or altered; and the one limit, the same in
//! the help, the error and `poc.toml`.

// Test code: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use poc_proto::limits::{ATTACHMENT_PART_BYTES, MAX_ATTACHMENT_BYTES};
use poc_tests::{local_ids, messages, unrepeating_bytes, Network, PocHome};

/// Sends `files` from `from` to MEX.technical; returns the message's envelope id.
fn send_with(from: &PocHome, files: &[&Path]) -> String {
    let mut args = vec![
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "incident",
        "--priority",
        "high",
        "--field",
        "summary=Disk image of the compromised server",
    ];
    for f in files {
        args.extend(["--attach", f.to_str().unwrap()]);
    }
    let sent = from.json(&args);
    let sent = sent["sent"].as_array().unwrap().clone();
    assert_eq!(sent.len(), 1, "one message per recipient: {sent:?}");
    sent[0]["id"].as_str().unwrap().to_owned()
}

#[test]
fn a_file_of_several_mib_travels_in_parts_and_is_saved_only_whole_and_checked() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    let size = 5 * 1024 * 1024 + 123;
    let big = net.root.path().join("disk.img");
    std::fs::write(&big, unrepeating_bytes(size, 7)).unwrap();
    let small = net.root.path().join("indicators.txt");
    std::fs::write(&small, b"198.51.100.7\nbad.example\n").unwrap();

    // What was waiting before (the custodian's directory notice) is fetched first.
    mex.json(&["inbox"]);
    let before = local_ids(&mex.dir);
    let id = send_with(fra, &[&big, &small]);

    // The reader lists one message: the parts are not messages of their own.
    let inbox = mex.json(&["inbox"]);
    let listed = messages(&inbox);
    assert_eq!(listed.len(), 1, "{inbox}");
    assert_eq!(listed[0]["id"], id.as_str());
    let parts = size.div_ceil(ATTACHMENT_PART_BYTES);
    assert_eq!(
        local_ids(&mex.dir).difference(&before).count(),
        1 + parts,
        "the message and its parts"
    );

    let out = net.root.path().join("received");
    let read = mex.json(&["read", &id, "--save-attachments", out.to_str().unwrap()]);
    let result = &read;
    let attachments = result["attachments"].as_array().unwrap();
    // Inline files keep their place before the announced ones.
    assert_eq!(attachments[0]["name"], "indicators.txt");
    assert_eq!(attachments[0]["parts"], serde_json::Value::Null);
    assert_eq!(attachments[1]["name"], "disk.img");
    assert_eq!(attachments[1]["media_type"], "application/octet-stream");
    assert_eq!(attachments[1]["size"], size);
    assert_eq!(attachments[1]["parts"]["total"], parts);
    assert_eq!(attachments[1]["parts"]["state"], "complete");
    assert_eq!(
        std::fs::read(out.join("disk.img")).unwrap(),
        unrepeating_bytes(size, 7),
        "the file comes back byte for byte"
    );
    assert_eq!(
        std::fs::read(out.join("indicators.txt")).unwrap(),
        b"198.51.100.7\nbad.example\n"
    );
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        2,
        "nothing else is left in the folder"
    );

    // The text view says the file is whole and checked.
    let text = mex.poc(&["read", &id, "--lang", "en"]);
    text.ok();
    assert!(
        text.stdout.contains("disk.img") && text.stdout.contains("complete, SHA-256 checked"),
        "{}",
        text.stdout
    );
}

#[test]
fn a_missing_part_is_counted_and_an_altered_one_is_invalid_and_neither_is_saved() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    let size = 2 * ATTACHMENT_PART_BYTES + 1000;
    let big = net.root.path().join("capture.pcap");
    std::fs::write(&big, unrepeating_bytes(size, 11)).unwrap();

    mex.json(&["inbox"]);
    let before = local_ids(&mex.dir);
    // A first message: one of its parts is altered on the reader's disk.
    let altered = send_with(fra, &[&big]);
    mex.json(&["inbox"]);
    let first_parts: Vec<String> = local_ids(&mex.dir)
        .difference(&before)
        .filter(|i| **i != altered)
        .cloned()
        .collect();
    assert_eq!(first_parts.len(), 3);
    // A second one: one of its parts is lost.
    let missing = send_with(fra, &[&big]);
    let before = local_ids(&mex.dir);
    mex.json(&["inbox"]);
    let second_parts: Vec<String> = local_ids(&mex.dir)
        .difference(&before)
        .filter(|i| **i != missing)
        .cloned()
        .collect();
    assert_eq!(second_parts.len(), 3);

    let env = |id: &str| mex.dir.join("inbox").join(format!("{id}.env"));
    let mut bytes = std::fs::read(env(&first_parts[1])).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    std::fs::write(env(&first_parts[1]), bytes).unwrap();
    std::fs::remove_file(env(&second_parts[2])).unwrap();

    let out = net.root.path().join("received");
    for (id, state) in [(&altered, "invalid"), (&missing, "incomplete")] {
        let run = mex.poc(&[
            "--json",
            "read",
            id,
            "--lang",
            "en",
            "--save-attachments",
            out.to_str().unwrap(),
        ]);
        let read = run.document();
        let parts = &read["attachments"][0]["parts"];
        assert_eq!(parts["state"], state, "{read}");
        assert_eq!(parts["total"], 3);
        assert_eq!(read["saved"], serde_json::json!([]), "{read}");
        if state == "invalid" {
            let reason = parts["reason"].as_str().unwrap();
            assert!(reason.starts_with("part "), "{reason}");
            assert!(reason.contains("signature/decryption failed"), "{reason}");
            assert!(
                run.stderr
                    .contains("capture.pcap not saved: INVALID: part "),
                "{}",
                run.stderr
            );
        } else {
            assert_eq!(parts["received"], 2);
            assert!(
                run.stderr
                    .contains("capture.pcap not saved: 2 of 3 parts received; run `poc inbox`"),
                "{}",
                run.stderr
            );
        }
    }
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        0,
        "no file, whole or partial, is left behind"
    );
    // The text view says the same.
    let text = mex.poc(&["read", &missing, "--lang", "en"]);
    assert!(
        text.stdout.contains("2 of 3 parts received"),
        "{}",
        text.stdout
    );
}

#[test]
fn the_limit_is_one_constant_in_the_help_the_error_and_poc_toml() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    assert_eq!(MAX_ATTACHMENT_BYTES, 64 * 1024 * 1024);
    let help = fra.poc(&["send", "--help"]);
    help.ok();
    assert!(
        help.stdout.contains("64 MiB in all at most"),
        "{}",
        help.stdout
    );
    assert!(!help.stdout.contains("512 KiB in all"), "{}", help.stdout);

    // poc.toml cannot raise the limit: a file one byte over it is refused from its size,
    // before it is read (it is sparse: nothing of it is on disk).
    let config = fra.dir.join("poc.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!(
            "max_attachment_bytes = {}\n{text}",
            4 * MAX_ATTACHMENT_BYTES
        ),
    )
    .unwrap();
    let over = net.root.path().join("over.bin");
    std::fs::File::create(&over)
        .unwrap()
        .set_len(MAX_ATTACHMENT_BYTES as u64 + 1)
        .unwrap();
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
        over.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "attachments too large: {} bytes in all, limit {} bytes (64 MiB; max_attachment_bytes in poc.toml may lower it, not raise it); nothing was sent",
            MAX_ATTACHMENT_BYTES + 1,
            MAX_ATTACHMENT_BYTES
        )),
        "{}",
        run.stderr
    );
    let inbox = net.poc("MEX.technical").json(&["inbox"]);
    assert_eq!(messages(&inbox).len(), 0, "{inbox}");
}

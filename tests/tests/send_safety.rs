//! Sends that cannot surprise anyone, through the real binaries: a TLP:RED message to every PoC
//! of a State is confirmed on a terminal (answered on a pseudo-terminal), refused without one
//! unless `--yes`; ids are case-insensitive; the content language is what the sender said or
//! "unspecified"; an absent PoC gets its own sentence.

use poc_tests::{messages, Network};

/// A TLP:RED text to every PoC of Morocco.
const RED_TO_MOROCCO: &[&str] = &[
    "send",
    "--to",
    "mar",
    "--type",
    "text",
    "--priority",
    "low",
    "--tlp",
    "red",
    "--field",
    "text=eyes only",
];

fn inbox_count(net: &Network, id: &str) -> usize {
    messages(&net.poc(id).json(&["inbox"])).len()
}

#[test]
fn a_red_message_to_a_state_is_confirmed_on_the_terminal() {
    let net = Network::setup(&["FRA.technical", "MAR.technical", "MAR.diplomatic"]);
    let fra = net.poc("FRA.technical");

    // "n": nothing leaves. The question is in the reader's language (French for this PoC).
    let mut terminal = fra.on_terminal(RED_TO_MOROCCO);
    let question = terminal.expect("[o/N]");
    assert!(
        question.contains("TLP:RED")
            && question.contains("2 personnes (Maroc)")
            && question.contains("MAR.technical")
            && question.contains("MAR.diplomatic"),
        "{question}"
    );
    terminal.answer("n");
    let (code, rest) = terminal.finish();
    assert_ne!(code, 0, "{rest}");
    assert!(
        rest.contains("Rien n'a été envoyé.") && rest.contains("not confirmed; nothing was sent"),
        "{rest}"
    );
    assert_eq!(inbox_count(&net, "MAR.technical"), 0);
    assert_eq!(inbox_count(&net, "MAR.diplomatic"), 0);

    // "y": both get it.
    let mut terminal = fra.on_terminal(RED_TO_MOROCCO);
    terminal.expect("Envoyer ? [o/N]");
    terminal.answer("y");
    let (code, rest) = terminal.finish();
    assert_eq!(code, 0, "{rest}");
    assert_eq!(inbox_count(&net, "MAR.technical"), 1);
    assert_eq!(inbox_count(&net, "MAR.diplomatic"), 1);
}

#[test]
fn without_a_terminal_a_state_wide_send_needs_yes() {
    let net = Network::setup(&["FRA.technical", "MAR.technical", "MAR.diplomatic"]);
    let fra = net.poc("FRA.technical");

    let refused = fra.poc(RED_TO_MOROCCO);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("add --yes") && refused.stderr.contains("nothing was sent"),
        "{}",
        refused.stderr
    );
    assert_eq!(inbox_count(&net, "MAR.technical"), 0);

    let mut args = RED_TO_MOROCCO.to_vec();
    args.push("--yes");
    fra.poc(&args).ok();
    assert_eq!(inbox_count(&net, "MAR.technical"), 1);
    assert_eq!(inbox_count(&net, "MAR.diplomatic"), 1);
}

#[test]
fn ids_ignore_case_and_the_language_is_never_guessed() {
    let net = Network::setup(&["FRA.technical", "MAR.technical"]);
    let fra = net.poc("FRA.technical");
    let mar = net.poc("MAR.technical");

    // A lower-case id reaches MAR.technical; no --lang: the message says "und".
    let sent = fra.json(&[
        "send",
        "--to",
        "mar.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=hello",
    ]);
    let id = sent["sent"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(sent["sent"][0]["to"], "MAR.technical");
    let read = mar.json(&["read", &id]);
    assert_eq!(read["language"], "und");
    let shown = mar.poc(&["read", &id]).ok().stdout.clone();
    // Shown in the reader's language (French for this PoC).
    assert!(shown.contains("non précisée"), "{shown}");

    // What the sender says is kept.
    let sent = fra.json(&[
        "send",
        "--to",
        "MAR.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--lang",
        "en",
        "--field",
        "text=hello",
    ]);
    let id = sent["sent"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(mar.json(&["read", &id])["language"], "en");

    // directory show: case-insensitive, and an absent id is named as such.
    let shown = fra
        .poc(&["directory", "show", "mar.technical"])
        .ok()
        .stdout
        .clone();
    assert!(shown.contains("MAR.technical"), "{shown}");
    let absent = fra.poc(&["directory", "show", "KEN.technical"]);
    assert_ne!(absent.code, 0);
    assert!(
        absent
            .stderr
            .contains("KEN.technical is not in the directory")
            && !absent.stderr.contains("local inbox"),
        "{}",
        absent.stderr
    );
    // A typing slip gets a suggestion.
    let slip = fra.poc(&[
        "send",
        "--to",
        "MRA.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=x",
    ]);
    assert_eq!(slip.code, 2);
    assert!(
        slip.stderr.contains("Did you mean MAR.technical?"),
        "{}",
        slip.stderr
    );
}

//! `poc inbox`: fetch and list the local inbox, or with `--watch` report arrivals as the
//! relay pushes them.
//!
//! With `--watch --json`, stdout carries one JSON document per line, one per arrival: the
//! same item `poc inbox` lists, with `schema` and `command` (`inbox --watch`) next to its
//! fields (see [`Arrival`]). Nothing is printed when the watch stops.

use crate::cli::colour::{self, ColorChoice};
use crate::cli::output::{Output, Report};
use crate::cli::session::Session;
use crate::cli::session::{short, unlock, warn_fetched};
use crate::i18n::phrases::{self, InboxColumn, Text};
use crate::i18n::{screens, Label, Lang, MessageType, Translated};
use crate::mailbox::ReceiptCheck;
use crate::ops::inbox::{self, Inbox, Item};
use crate::ops::unopened::Unopened;
use crate::ops::watch::{self, Arrival, Event};
use crate::render::{self, time};
use crate::terminal::{Style, Styled};
use poc_proto::Priority;

/// The column headers of [`row`], in `lang`.
fn headers_of(lang: Lang) -> Vec<&'static str> {
    InboxColumn::ALL.iter().map(|c| c.text(lang)).collect()
}

/// The table row of one inbox item, in `lang` (names and summaries as written).
fn row(item: &Item, lang: Lang) -> Vec<String> {
    let (from, kind, tlp, what, status) = match &item.verdict {
        Ok(v) => {
            let sender = v.sender.to_string();
            let status = match &item.receipt {
                None if item.status == inbox::Status::TeamSent => {
                    screens::inbox_team_sent(lang, &v.sender_name(), &v.message.to.to_string())
                }
                Some(ReceiptCheck::Confirmed {
                    envelope,
                    received_at,
                }) => phrases::inbox_receipt(
                    lang,
                    &v.sender_name(),
                    &short(envelope),
                    &time(*received_at),
                ),
                Some(ReceiptCheck::UnknownEnvelope(e)) => {
                    phrases::inbox_receipt_unknown(lang, &short(e))
                }
                Some(ReceiptCheck::WrongSigner {
                    envelope,
                    addressee,
                }) => phrases::inbox_receipt_wrong_signer(
                    lang,
                    &short(envelope),
                    &sender,
                    &addressee.to_string(),
                ),
                None if item.status == inbox::Status::PingNotFromCustodian => {
                    Text::InboxPingNotFromCustodian.text(lang).to_owned()
                }
                None if item.acked_by.is_some() => {
                    screens::inbox_acked_by(lang, item.acked_by.as_deref().unwrap_or_default())
                }
                None if item.acked_at.is_some() => Text::InboxAcknowledged.text(lang).to_owned(),
                None => Text::InboxVerified.text(lang).to_owned(),
            };
            let exercise = if v.message.exercise {
                format!("[{}] ", Label::Exercise.text(lang))
            } else {
                String::new()
            };
            (
                sender,
                MessageType::of(&v.message.kind).text(lang).to_owned(),
                v.message.tlp.to_string(),
                format!("{exercise}{}", render::headline_in(&v.message, lang)),
                status,
            )
        }
        Err(e) => (
            "?".into(),
            "?".into(),
            "?".into(),
            String::new(),
            phrases::inbox_invalid(lang, &e.to_string()),
        ),
    };
    // An envelope that does not verify has no priority anyone vouches for.
    let priority = if item.verified {
        item.priority.text(lang).to_uppercase()
    } else {
        "?".to_owned()
    };
    vec![short(&item.id), priority, from, kind, tlp, what, status]
}

impl Output for Inbox {
    const COMMAND: &'static str = "inbox";

    fn text(&self, lang: Lang) -> String {
        listing(self, lang, &render::reader_zone(), None).render(false)
    }
}

/// The columns of the listing that give up width when the terminal is narrow, in order:
/// summary, status, sender, type.
const SHRINK: [usize; 4] = [7, 8, 4, 5];

/// The inbox for people: per item an unread marker, the short id `poc read` accepts, the
/// priority, the local time it was fetched in `zone`, then the cells of [`row`]; fitted to
/// `max_width` columns when given. Only the CLI's own labels (headers, a high priority, the
/// unread marker) are styled; what senders wrote stays plain.
fn listing(
    inbox: &Inbox,
    lang: Lang,
    zone: &jiff::tz::TimeZone,
    max_width: Option<usize>,
) -> Styled {
    let mut text = Styled::new();
    if let Some(f) = &inbox.fetched {
        text.plain(phrases::inbox_fetched(lang, f.new as u64) + "\n");
    }
    if inbox.items.is_empty() && inbox.unopened.is_empty() {
        text.plain(Text::InboxEmpty.text(lang).to_owned() + "\n");
    } else if !inbox.items.is_empty() {
        let mut headers = vec![String::new()];
        headers.extend(headers_of(lang).into_iter().map(str::to_owned));
        headers.insert(3, screens::inbox_received_column(lang));
        let rows: Vec<Vec<String>> = inbox
            .items
            .iter()
            .map(|item| {
                let mut cells = row(item, lang);
                cells.insert(0, marker(item, lang));
                cells.insert(3, render::local_time(item.fetched_at.0, zone));
                cells
            })
            .collect();
        let fitted = render::fit(&headers, &rows, &SHRINK, max_width);
        let header_styles = vec![Some(Style::Header); fitted.headers.len()];
        push_line(&mut text, &fitted.headers, &header_styles, &fitted.widths);
        for (cells, item) in fitted.rows.iter().zip(&inbox.items) {
            let mut styles = vec![None; cells.len()];
            styles[0] = Some(Style::Unread);
            if item.verified && item.priority == Priority::High {
                styles[2] = Some(Style::High);
            }
            push_line(&mut text, cells, &styles, &fitted.widths);
        }
    }
    text.plain(unopened_lines(&inbox.unopened, lang));
    text.plain(orphan_lines(&inbox.orphan_parts, lang));
    text
}

/// One line per sender of attachment parts that no message names, with their count and size.
fn orphan_lines(groups: &[crate::ops::orphans::OrphanParts], lang: Lang) -> String {
    groups
        .iter()
        .map(|group| {
            screens::inbox_orphan_parts(
                lang,
                group.count,
                &super::delete::size_text(group.bytes),
                &group.from,
            ) + "\n"
        })
        .collect()
}

/// The unread marker of an item: empty once `poc read` showed it, and for the team's own
/// outgoing messages (nothing new to answer).
fn marker(item: &Item, lang: Lang) -> String {
    if item.read || item.status == inbox::Status::TeamSent {
        String::new()
    } else {
        screens::inbox_unread(lang)
    }
}

/// One line of fitted cells, padded to `widths`, two spaces apart, without trailing spaces.
fn push_line(text: &mut Styled, cells: &[String], styles: &[Option<Style>], widths: &[usize]) {
    let last = cells.iter().rposition(|c| !c.is_empty()).unwrap_or(0);
    for (i, cell) in cells.iter().enumerate().take(last + 1) {
        match styles.get(i).copied().flatten() {
            Some(style) => text.styled(style, cell.clone()),
            None => text.plain(cell.clone()),
        }
        if i < last {
            let pad = widths
                .get(i)
                .copied()
                .unwrap_or(0)
                .saturating_sub(render::width(cell))
                + 2;
            text.plain(" ".repeat(pad));
        }
    }
    text.plain("\n");
}

/// One line per key whose envelopes cannot be opened or verified, with their count.
fn unopened_lines(groups: &[Unopened], lang: Lang) -> String {
    let mut text = String::new();
    for group in groups {
        let submitter = group.submitter.as_deref().unwrap_or("?");
        text.push_str(&phrases::inbox_unopened(
            lang,
            group.count,
            submitter,
            &group.error,
        ));
        text.push('\n');
    }
    text
}

impl Output for Arrival<'_> {
    const COMMAND: &'static str = "inbox --watch";

    /// One line with the cells of the item's line in the listing, in the same order: the
    /// unread marker, the short id, the priority, the local time it was fetched, the sender,
    /// the type, the TLP label, the summary and the status (not padded: lines come one by
    /// one).
    fn text(&self, lang: Lang) -> String {
        watch_line(self.item, lang, &render::reader_zone())
    }
}

/// The line of `inbox --watch` for `item`, its received time in `zone` (see [`Arrival`]'s
/// text).
fn watch_line(item: &Item, lang: Lang, zone: &jiff::tz::TimeZone) -> String {
    let mut cells = row(item, lang);
    cells.insert(0, marker(item, lang));
    cells.insert(3, render::local_time(item.fetched_at.0, zone));
    format!("{}\n", render::row_line(&cells))
}

/// Runs `poc inbox`.
pub async fn run(
    home: &Session,
    offline: bool,
    watch: Option<Watch>,
    json_output: bool,
    color: ColorChoice,
) -> anyhow::Result<Report> {
    let identity = unlock(home).await?;
    if let Some(watch) = watch {
        let lang = home.lang;
        let options = watch::link_options(&identity.options, watch.on_lost.after);
        let identity = identity.with_options(options);
        return watch_inbox(&identity, &watch, json_output, lang).await;
    }
    let inbox = {
        let done = std::sync::Arc::new(std::sync::Mutex::new(inbox::FetchProgress::default()));
        let listener = (!offline)
            .then(|| tell_interruption(done.clone(), home.lang))
            .transpose()?;
        let (bar, mut show) = fetch_progress(home.lang);
        let mut progress = |p: inbox::FetchProgress| {
            *done.lock().unwrap_or_else(|e| e.into_inner()) = p;
            show(p);
        };
        let inbox = inbox::inbox(&identity, offline, &mut progress).await;
        if let Some(listener) = listener {
            listener.abort();
        }
        bar.finish_and_clear();
        inbox?
    };
    if let Some(fetched) = &inbox.fetched {
        warn_fetched(fetched, home.lang);
    }
    let colour = colour::colour_on(color, &colour::Surroundings::of_process());
    let text = listing(
        &inbox,
        home.lang,
        &render::reader_zone(),
        colour::terminal_width(),
    );
    Report::styled(&inbox, &text, colour)
}

/// A line on stderr that follows a fetch page by page (envelopes, bytes, pages), shown from
/// the first page on when stderr is a terminal.
fn fetch_progress(lang: Lang) -> (indicatif::ProgressBar, impl FnMut(inbox::FetchProgress)) {
    let bar = indicatif::ProgressBar::new_spinner();
    let handle = bar.clone();
    (bar, move |done: inbox::FetchProgress| {
        handle.set_message(screens::inbox_fetch_progress(
            lang,
            done.envelopes,
            &super::delete::size_text(done.bytes),
            done.pages,
        ));
        handle.tick();
    })
}

/// Until aborted, listens for SIGINT and SIGTERM; on either, says on stderr how far the
/// fetch went (`done`: pages stored and deleted at the relay) and that the rest is still at
/// the relay, then ends the process with 128 + the signal number (130, 143).
fn tell_interruption(
    done: std::sync::Arc<std::sync::Mutex<inbox::FetchProgress>>,
    lang: Lang,
) -> anyhow::Result<tokio::task::JoinHandle<()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(tokio::spawn(async move {
        let code = tokio::select! {
            _ = interrupt.recv() => 130,
            _ = terminate.recv() => 143,
        };
        let done = *done.lock().unwrap_or_else(|e| e.into_inner());
        crate::cli::stderr_line(&screens::inbox_fetch_interrupted(
            lang,
            done.envelopes,
            &super::delete::size_text(done.bytes),
        ));
        std::process::exit(code);
    }))
}

/// The options of `poc inbox --watch`.
#[derive(Debug)]
pub struct Watch {
    /// `--on-high`.
    pub on_high: Option<String>,
    /// `--auto-ack-pings`.
    pub auto_ack_pings: bool,
    /// `--on-lost` and `--lost-after`.
    pub on_lost: watch::OnLost,
}

/// `poc inbox --watch`: prints each arrival as it comes (a line of text, or one JSON
/// document per line), warnings and the state of the link to the relay on stderr, until
/// Ctrl-C.
async fn watch_inbox(
    identity: &crate::ops::Identity,
    options: &Watch,
    json_output: bool,
    lang: Lang,
) -> anyhow::Result<Report> {
    crate::cli::stderr_line(Text::InboxWatching.text(lang));
    let print = |event: Event<'_>| match event {
        Event::Arrived(arrival) => match Report::of(&arrival, lang) {
            Ok(report) if json_output => crate::cli::emit_json(&format!("{}\n", report.json())),
            Ok(report) => crate::cli::emit(report.text()),
            Err(e) => crate::cli::stderr_line(&screens::arrival_failed(lang, &format!("{e:#}"))),
        },
        Event::Warning(warning) => crate::cli::stderr_line(&screens::warning(lang, &warning)),
        Event::Reconnecting { error, retry_secs } => {
            crate::cli::stderr_line(&screens::reconnecting(lang, &error.to_string(), retry_secs))
        }
        Event::Connected { address } => {
            crate::cli::stderr_line(&screens::watch_connected(lang, &address))
        }
        Event::Lost { address, seconds } => {
            crate::cli::stderr_line(&screens::relay_lost(lang, &address, seconds))
        }
        Event::Back { address } => crate::cli::stderr_line(&screens::relay_back(lang, &address)),
    };
    let watching = watch::watch(
        identity,
        options.on_high.as_deref(),
        options.auto_ack_pings,
        &options.on_lost,
        print,
    );
    tokio::select! {
        result = watching => result?,
        _ = tokio::signal::ctrl_c() => {}
    }
    Ok(Report::streamed())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::inbox::test_item;
    use poc_proto::EnvelopeId;

    fn verified(subject: &str) -> crate::mailbox::Verified {
        crate::mailbox::Verified {
            member: String::new(),
            sender: "FRA.technical".parse().expect("test value"),
            sender_key: poc_proto::PublicKeyBytes([1; 32]),
            signed_body: Vec::new(),
            message: poc_proto::Message {
                from: "FRA.technical".parse().expect("test value"),
                to: "MEX.technical".parse().expect("test value"),
                sent_at: 0,
                thread: None,
                language: "en".into(),
                tlp: poc_proto::Tlp::Green,
                exercise: false,
                kind: poc_proto::MessageKind::Text(poc_proto::TextMessage {
                    subject: Some(subject.into()),
                    text: String::new(),
                }),
                attachments: Vec::new(),
            },
            signature: poc_proto::SignatureBytes([0; 64]),
        }
    }

    fn inbox(items: Vec<Item>) -> Inbox {
        Inbox {
            fetched: None,
            items,
            unopened: Vec::new(),
            orphan_parts: Vec::new(),
            lang: Lang::En,
        }
    }

    fn utc() -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::UTC
    }

    #[test]
    fn parts_no_message_names_get_a_line_per_sender_with_the_command_that_removes_them() {
        let mut listed = inbox(Vec::new());
        listed.orphan_parts = vec![crate::ops::orphans::OrphanParts {
            from: "XXX.technical".into(),
            count: 12,
            bytes: 48 * 1024 * 1024,
            ids: Vec::new(),
        }];
        let text = listing(&listed, Lang::En, &utc(), None).render(false);
        assert!(
            text.contains("12 attachment parts (48.00 MiB) from XXX.technical that no message names; `poc delete --orphans --from XXX.technical` removes them"),
            "{text}"
        );
        let french = listing(&listed, Lang::Fr, &utc(), None).render(false);
        assert!(french.contains("qu'aucun message ne nomme"), "{french}");
    }

    const CHINESE: &str =
        "关键基础设施遭受勒索软件攻击，港口物流系统全部停止运行，请立即提供技术援助和入侵指标";
    const ARABIC: &str =
        "هجوم ببرمجيات الفدية على البنية التحتية الحيوية في الميناء، نرجو المساعدة التقنية العاجلة";

    #[test]
    fn lines_fit_the_width_with_wide_and_right_to_left_text_and_ids_stay_whole() {
        let items = vec![
            test_item(
                EnvelopeId([0xab; 16]),
                Priority::High,
                0,
                false,
                Ok(verified(CHINESE)),
            ),
            test_item(
                EnvelopeId([0xcd; 16]),
                Priority::Low,
                0,
                true,
                Ok(verified(ARABIC)),
            ),
        ];
        let unfitted = listing(&inbox(items), Lang::En, &utc(), None).render(false);
        assert!(
            unfitted.lines().any(|l| render::width(l) > 120),
            "{unfitted}"
        );
        let items = vec![
            test_item(
                EnvelopeId([0xab; 16]),
                Priority::High,
                0,
                false,
                Ok(verified(CHINESE)),
            ),
            test_item(
                EnvelopeId([0xcd; 16]),
                Priority::Low,
                0,
                true,
                Ok(verified(ARABIC)),
            ),
        ];
        for max in [150, 120, 100] {
            let text =
                listing(&inbox(items_again(&items)), Lang::En, &utc(), Some(max)).render(false);
            for line in text.lines() {
                assert!(
                    render::width(line) <= max,
                    "{max}: {line:?} is {}",
                    render::width(line)
                );
            }
            let lines: Vec<&str> = text.lines().collect();
            assert!(lines[1].contains("abababababab") && lines[2].contains("cdcdcdcdcdcd"));
            // The wide text is cut, with a mark, at a character boundary.
            assert!(
                lines[1].contains('…') && lines[1].contains("关键"),
                "{text}"
            );
            assert!(
                lines[2].contains('…') && lines[2].contains("هجوم"),
                "{text}"
            );
        }
        // Headers are in the reader's language, the received time in the given zone.
        let items = items_again(&items);
        let tokyo = jiff::tz::TimeZone::fixed(jiff::tz::offset(9));
        let fr = listing(&inbox(items), Lang::Fr, &tokyo, Some(200)).render(false);
        let header = fr.lines().next().unwrap_or_default();
        assert!(
            header.contains("REÇU") && header.contains("PRIORITÉ"),
            "{fr}"
        );
        assert!(
            fr.contains("1970-01-01 09:00") && fr.contains("nouveau"),
            "{fr}"
        );
    }

    fn items_again(items: &[Item]) -> Vec<Item> {
        items
            .iter()
            .map(|i| {
                let subject = match &i.verdict {
                    Ok(v) => render::headline(&v.message),
                    Err(_) => String::new(),
                };
                test_item(
                    i.id,
                    i.priority,
                    i.fetched_at.0,
                    i.read,
                    Ok(verified(&subject)),
                )
            })
            .collect()
    }

    /// Every escape sequence in `text`: what follows each ESC up to its final letter.
    fn sequences(text: &str) -> Vec<String> {
        text.split('\u{1b}')
            .skip(1)
            .map(|rest| {
                let end = rest
                    .find(|c: char| c.is_ascii_alphabetic())
                    .map_or(rest.len(), |i| i + 1);
                rest[..end].to_owned()
            })
            .collect()
    }

    #[test]
    fn colour_marks_only_our_labels_and_sender_text_cannot_add_codes() {
        let hostile = "\u{1b}[2J\u{1b}]8;;https://evil.example\u{1b}\\click\u{1b}[31mHIGH\u{9b}0m";
        let items = || {
            vec![
                test_item(
                    EnvelopeId([1; 16]),
                    Priority::High,
                    0,
                    false,
                    Ok(verified(hostile)),
                ),
                test_item(
                    EnvelopeId([2; 16]),
                    Priority::Low,
                    0,
                    true,
                    Ok(verified("calm")),
                ),
            ]
        };
        let plain = listing(&inbox(items()), Lang::En, &utc(), Some(200)).render(false);
        assert!(
            !plain.contains('\u{1b}') && !plain.contains('\u{9b}'),
            "{plain:?}"
        );
        assert!(
            plain.contains("\\x1b[2J") && plain.contains("\\x9b0m"),
            "{plain}"
        );

        let coloured = listing(&inbox(items()), Lang::En, &utc(), Some(200)).render(true);
        assert!(!coloured.contains('\u{9b}'));
        // Only our codes: header underline, high in bold red, unread in bold, and resets.
        for code in sequences(&coloured) {
            assert!(
                ["[4m", "[1;31m", "[1m", "[0m"].contains(&code.as_str()),
                "{code:?}"
            );
        }
        assert!(
            coloured.contains("\u{1b}[1;31mHIGH\u{1b}[0m"),
            "{coloured:?}"
        );
        assert!(coloured.contains("\u{1b}[1mnew\u{1b}[0m"), "{coloured:?}");
        // The low, read message: its priority plain and no marker.
        let low = coloured
            .lines()
            .find(|l| l.contains("calm"))
            .unwrap_or_default();
        assert!(!low.contains('\u{1b}'), "{low:?}");
        // The hostile text is shown escaped, coloured or not.
        assert!(
            coloured.contains("\\x1b[2J") && coloured.contains("\\x1b]8;;https://evil.example")
        );
        // Without colour the lines are those of the coloured text minus its codes.
        let stripped = coloured
            .replace("\u{1b}[4m", "")
            .replace("\u{1b}[1;31m", "")
            .replace("\u{1b}[1m", "")
            .replace("\u{1b}[0m", "");
        assert_eq!(stripped, plain);
    }

    /// The cells of a line: what two spaces or more separate.
    fn cells(line: &str) -> Vec<&str> {
        line.split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect()
    }

    #[test]
    fn a_watch_line_has_the_cells_of_the_listing_line_with_the_unread_marker() {
        let items = || {
            vec![
                test_item(
                    EnvelopeId([0xab; 16]),
                    Priority::High,
                    0,
                    false,
                    Ok(verified("Ransomware at the port")),
                ),
                test_item(
                    EnvelopeId([0xcd; 16]),
                    Priority::Low,
                    0,
                    true,
                    Ok(verified("Already read")),
                ),
            ]
        };
        let tokyo = jiff::tz::TimeZone::fixed(jiff::tz::offset(9));
        for lang in Lang::ALL {
            let listed = listing(&inbox(items()), lang, &tokyo, None).render(false);
            for item in items() {
                let watched = watch_line(&item, lang, &tokyo);
                let short = short(&item.id);
                let line = listed
                    .lines()
                    .find(|l| l.contains(&short))
                    .unwrap_or_default();
                assert_eq!(cells(&watched), cells(line), "{lang:?}:\n{watched}{listed}");
                assert!(watched.contains("1970-01-01 09:00"), "{watched}");
                assert_eq!(
                    watched.starts_with(&screens::inbox_unread(lang)),
                    !item.read,
                    "{lang:?}: {watched}"
                );
            }
        }
    }
}

//! Typed keys of the command screens other than messages, the inbox and campaign reports:
//! the PoC's and the custodian's commands, exercises, ping campaigns, and the lines printed
//! on stderr (warnings, progress).
//!
//! Fixed texts are [`Translated`] enums; sentences with arguments are functions declared
//! with `sentences!`, whose `fl!` calls check at compile time that the message and its
//! arguments exist in the English file. Arguments are data (ids, paths, times, counts,
//! command lines) and are never translated. This module does not decide which language a
//! reader gets (see `cli::session::reader_lang`).

use i18n_embed_fl::fl;

use super::catalog::loader;
use super::Lang;
use crate::ops::exercise::Verdict;
use crate::ops::requests::ChangedField;
use crate::translated;

/// Fixed words and sentences of the command screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Word {
    /// "(none)": a value not set.
    None,
    /// "exercise": marks an exercise campaign in `ping list`.
    Exercise,
    /// Progress bar of `ping start`.
    SendingPings,
    /// Progress bar of `ping remind`.
    SendingReminders,
    /// Last line of `whoami`.
    UnlockHint,
    /// The question of `custodian add` before accepting a fingerprint.
    ConfirmFingerprint,
    /// `custodian requests` with an empty queue.
    NoUpdateRequests,
    /// State of an update request not decided yet.
    RequestPending,
    /// An inject expects an acknowledgement.
    ExpectAck,
    /// An inject expects a reply (any status).
    ExpectReply,
}

translated!(Word, "word", {
    None = "none" => "screen-none",
    Exercise = "exercise" => "screen-exercise",
    SendingPings = "sending-pings" => "screen-sending-pings",
    SendingReminders = "sending-reminders" => "screen-sending-reminders",
    UnlockHint = "unlock-hint" => "screen-unlock-hint",
    ConfirmFingerprint = "confirm-fingerprint" => "screen-confirm-fingerprint",
    NoUpdateRequests = "no-update-requests" => "screen-no-update-requests",
    RequestPending = "request-pending" => "screen-request-pending",
    ExpectAck = "expect-ack" => "screen-expect-ack",
    ExpectReply = "expect-reply" => "screen-expect-reply",
});

/// Column headers of the command screens' tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Column {
    Id,
    Organisation,
    Languages,
    Fingerprint,
    Source,
    Consent,
    LastConfirmed,
    Exercise,
    Name,
    Started,
    InjectsSent,
    Inject,
    Poc,
    Expected,
    Acknowledged,
    Replied,
    Verdict,
    Campaigns,
    OnTime,
    Late,
    Invalid,
    NoAnswer,
    ResponseRate,
    Month,
}

translated!(Column, "column", {
    Id = "id" => "column-id",
    Organisation = "organisation" => "column-organisation",
    Languages = "languages" => "column-languages",
    Fingerprint = "fingerprint" => "column-fingerprint",
    Source = "source" => "column-source",
    Consent = "consent" => "column-consent",
    LastConfirmed = "last_confirmed" => "column-last-confirmed",
    Exercise = "exercise" => "column-exercise",
    Name = "name" => "column-name",
    Started = "started" => "column-started",
    InjectsSent = "injects_sent" => "column-injects-sent",
    Inject = "inject" => "column-inject",
    Poc = "poc" => "column-poc",
    Expected = "expected" => "column-expected",
    Acknowledged = "acknowledged" => "column-acknowledged",
    Replied = "replied" => "column-replied",
    Verdict = "verdict" => "column-verdict",
    Campaigns = "campaigns" => "column-campaigns",
    OnTime = "on_time" => "column-on-time",
    Late = "late" => "column-late",
    Invalid = "invalid" => "column-invalid",
    NoAnswer = "no_answer" => "column-no-answer",
    ResponseRate = "response_rate" => "column-response-rate",
    Month = "month" => "column-month",
});

/// Headers of a table, in `lang`.
pub fn headers(lang: Lang, columns: &[Column]) -> Vec<&'static str> {
    use super::Translated;
    columns.iter().map(|c| c.text(lang)).collect()
}

// The canonical names are the JSON names of the fields.
translated!(ChangedField, "changed_field", {
    Entry = "entry" => "changed-field-entry",
    OrgName = "org_name" => "changed-field-org-name",
    Emails = "emails" => "changed-field-emails",
    Phones = "phones" => "changed-field-phones",
    Languages = "languages" => "changed-field-languages",
    Webpage = "webpage" => "changed-field-webpage",
    TimeZone = "time_zone" => "changed-field-time-zone",
    Key = "key" => "changed-field-key",
    Member = "member" => "changed-field-member",
});

// The canonical names are the JSON names of the verdicts.
translated!(Verdict, "exercise_verdict", {
    Met = "met" => "exercise-verdict-met",
    Late = "late" => "exercise-verdict-late",
    Missing = "missing" => "exercise-verdict-missing",
    Pending = "pending" => "exercise-verdict-pending",
    WrongStatus = "wrong_status" => "exercise-verdict-wrong-status",
});

/// Declares one function per sentence: `name(args) => "fluent-id";`, each formatting the
/// message in the given language with its arguments, and [`SENTENCE_IDS`] for the tests.
macro_rules! sentences {
    ($( $(#[$doc:meta])* $name:ident($($arg:ident: $ty:ty),*) => $id:literal; )+) => {
        $(
            $(#[$doc])*
            pub fn $name(lang: Lang $(, $arg: $ty)*) -> String {
                fl!(loader(lang), $id $(, $arg = $arg)*)
            }
        )+
        /// Fluent ids of the sentences above, for the completeness tests.
        #[cfg(test)]
        pub(super) const SENTENCE_IDS: &[&str] = &[$($id,)+];

        /// Every sentence above formatted in `lang`, with `n` as every number and a sample
        /// text as every text argument (in the order of [`SENTENCE_IDS`]).
        #[cfg(test)]
        pub(super) fn samples(lang: Lang, n: u64) -> Vec<String> {
            vec![$($name(lang $(, <$ty as Sample>::sample(n))*),)+]
        }
    };
}

/// A sample argument of a sentence, for the tests.
#[cfg(test)]
trait Sample {
    fn sample(n: u64) -> Self;
}

#[cfg(test)]
impl Sample for &'static str {
    fn sample(_: u64) -> Self {
        "FRA.technical"
    }
}

#[cfg(test)]
impl Sample for u64 {
    fn sample(n: u64) -> Self {
        n
    }
}

sentences! {
    /// "warning: TEXT" on stderr.
    warning(text: &str) => "line-warning";
    /// The relay's mailbox of this PoC was full and turned `count` envelopes away.
    mailbox_full(count: u64) => "line-mailbox-full";
    /// The local directory could not be refreshed.
    refresh_failed(error: &str) => "line-refresh-failed";
    /// The directory in force has expired.
    directory_expired(serial: u64, time: &str) => "line-directory-expired";
    /// A published key rotation was taken over.
    key_switched(fingerprint: &str) => "line-key-switched";
    /// `inbox --watch` could not show an arrival.
    arrival_failed(error: &str) => "line-arrival-failed";
    /// `inbox --watch` lost the relay and reconnects.
    reconnecting(error: &str, seconds: u64) => "line-reconnecting";
    /// PoCs not pinged because their mailbox is full.
    not_pinged(pocs: &str) => "line-not-pinged";
    /// `send --lang` with a language outside the six.
    language_not_un(tag: &str) => "line-language-not-un";
    /// First line of `exercise run`.
    exercise_start(name: &str, count: u64, speed: u64) => "line-exercise-start";
    /// One inject sent by `exercise run`.
    inject_sent(time: &str, inject: &str, to: &str, envelope: &str, deadline: &str) => "line-inject-sent";
    /// `custodian add`: who the request is from.
    request_from(id: &str, org: &str) => "line-request-from";
    /// `custodian add`: the fingerprint to confirm.
    fingerprint(fingerprint: &str) => "line-fingerprint";
    /// `custodian invite`: the invitation handed out was imported.
    pending_invitation(source: &str, consent: &str) => "line-pending-invitation";

    /// `ack`.
    ack_sent(id: &str, envelope: &str, to: &str) => "result-ack-sent";
    /// `compose --out`.
    template_written(path: &str, command: &str) => "result-template-written";
    /// `export` when the evidence cannot be written.
    export_failed(error: &str) => "result-export-failed";
    /// `forward`: the file written.
    forwarded(id: &str, file: &str, recipient: &str) => "result-forwarded";
    /// `forward`: how the authority opens it.
    forward_open(command: &str) => "result-forward-open";
    /// `init`: the identity created.
    initialised(id: &str, home: &str) => "result-initialised";
    /// `init`: what to do next.
    initialised_next() => "result-initialised-next";
    /// `init`: the request file.
    enrolment_request(file: &str) => "result-enrolment-request";
    /// `read --save-attachments`: one file saved.
    saved(path: &str) => "result-saved";
    /// `reply`.
    replied(id: &str, status: &str, to: &str) => "result-replied";
    /// `send`: one envelope.
    sent(id: &str, to: &str, priority: &str) => "result-sent";
    /// `update`.
    update_sent(id: &str, to: &str) => "result-update-sent";
    /// `keys rotate`: the new key and the request.
    rotation_sent(fingerprint: &str, id: &str, to: &str) => "result-rotation-sent";
    /// `keys rotate`: what to do next.
    rotation_next() => "result-rotation-next";
    /// `whoami`: the PoC id.
    whoami_id(id: &str) => "result-whoami-id";
    /// `whoami`: the home folder.
    whoami_home(home: &str) => "result-whoami-home";
    /// `whoami`: the pinned custodian key.
    whoami_custodian(fingerprint: &str) => "result-whoami-custodian";
    /// `whoami`: the relay.
    whoami_relay(relay: &str) => "result-whoami-relay";
    /// `directory list`: the count below the table.
    directory_listed(count: u64, serial: u64) => "result-directory-listed";
    /// `directory sync`: the first directory.
    directory_accepted(serial: u64) => "result-directory-accepted";
    /// `directory sync`: a newer directory.
    directory_updated(from: u64, serial: u64) => "result-directory-updated";
    /// `directory sync`: nothing newer.
    directory_current(serial: u64) => "result-directory-current";
    /// `directory verify`: what was verified.
    directory_verified(serial: u64, count: u64) => "result-directory-verified";
    /// `directory verify`: issue and expiry.
    directory_dates(issued: &str, expires: &str) => "result-directory-dates";
    /// `directory verify`: the digest.
    directory_digest(digest: &str) => "result-directory-digest";

    /// `custodian add`.
    custodian_added(id: &str) => "custodian-added";
    /// `custodian add` of an entry already accepted.
    custodian_already_added(id: &str) => "custodian-already-added";
    /// `custodian approve`.
    custodian_approved(id: &str, from: &str) => "custodian-approved";
    /// `custodian reject`.
    custodian_rejected(id: &str, from: &str) => "custodian-rejected";
    /// `custodian import`: the contacts imported.
    custodian_imported(count: u64, ids: &str) => "custodian-imported";
    /// `custodian import`: the contacts already present.
    custodian_already_present(ids: &str) => "custodian-already-present";
    /// `custodian import`: the States without consent.
    custodian_skipped(source: &str, states: &str) => "custodian-skipped";
    /// `custodian init`: the identity created.
    custodian_created(id: &str, home: &str) => "custodian-created";
    /// The custodian key.
    custodian_key(key: &str) => "custodian-key";
    /// The custodian key's fingerprint.
    custodian_fingerprint(fingerprint: &str) => "custodian-fingerprint";
    /// `custodian init`: the public key file.
    custodian_key_written(file: &str) => "custodian-key-written";
    /// `custodian init`: the next command.
    custodian_next(command: &str) => "custodian-next";
    /// `custodian init`: the command after it.
    custodian_then(command: &str) => "custodian-then";
    /// `custodian invite --out`.
    custodian_invitation_written(id: &str, file: &str) => "custodian-invitation-written";
    /// `custodian publish`.
    custodian_published(serial: u64, count: u64, notified: u64) => "custodian-published";
    /// `custodian relay`.
    custodian_relay_set(address: &str, pin: &str) => "custodian-relay-set";
    /// State of an approved update request.
    custodian_request_approved(time: &str) => "custodian-request-approved";
    /// State of a rejected update request.
    custodian_request_rejected(time: &str) => "custodian-request-rejected";
    /// One update request: id, sender, state.
    custodian_request_line(id: &str, from: &str, state: &str) => "custodian-request-line";
    /// `custodian review`: the period.
    custodian_review_period(period: &str) => "custodian-review-period";
    /// `custodian review`: entries not confirmed.
    custodian_review_stale(count: u64) => "custodian-review-stale";
    /// `custodian review`: one entry not confirmed.
    custodian_review_stale_entry(id: &str, org: &str, time: &str) => "custodian-review-stale-entry";
    /// `custodian review`: campaigns in the period.
    custodian_review_campaigns(count: u64) => "custodian-review-campaigns";
    /// `custodian review`: the relay's counts.
    custodian_review_relay(members: u64, serial: u64, waiting: u64) => "custodian-review-relay";
    /// `custodian revoke`.
    custodian_revoked(fingerprint: &str, id: &str) => "custodian-revoked";
    /// `custodian rotate`.
    custodian_rotated(key: &str, fingerprint: &str, serial: u64) => "custodian-rotated";
    /// `custodian show`: the relay.
    custodian_relay(relay: &str) => "custodian-relay";
    /// `custodian show`: a relay address and its pin.
    custodian_relay_pinned(address: &str, pin: &str) => "custodian-relay-pinned";
    /// `custodian show`: the last directory published.
    custodian_directory_published(serial: u64) => "custodian-directory-published";
    /// `custodian show`: no directory published yet.
    custodian_directory_unpublished() => "custodian-directory-unpublished";
    /// `custodian stale`.
    custodian_stale(count: u64, period: &str) => "custodian-stale";

    /// `exercise run`.
    exercise_finished(id: &str, command: &str) => "exercise-finished";
    /// An inject expects a reply with this status.
    exercise_expect_reply_status(status: &str) => "exercise-expect-reply-status";
    /// The reply to an inject.
    exercise_replied_at(status: &str, time: &str) => "exercise-replied-at";
    /// `exercise report`: first line.
    exercise_report_header(id: &str, name: &str, started: &str, speed: u64) => "exercise-report-header";
    /// `exercise report`: last line.
    exercise_expectations_met(met: u64, count: u64) => "exercise-expectations-met";

    /// `ping remind`.
    ping_reminded(count: u64, pocs: &str) => "ping-reminded";
    /// `ping report --out`.
    ping_report_written(path: &str) => "ping-report-written";
    /// `ping report --bundle`.
    ping_bundle_written(path: &str, command: &str) => "ping-bundle-written";
    /// `ping verify`.
    ping_bundle_verified(count: u64) => "ping-bundle-verified";
    /// `ping verify`: one acknowledgement that fails.
    ping_answer_failed(failure: &str) => "ping-answer-failed";

    // The outbox: `poc sent`, and what an interrupted or failed send says.
    /// `poc sent`: header of the recipient column.
    sent_column_to() => "sent-column-to";
    /// `poc sent`: header of the time column.
    sent_column_time() => "sent-column-time";
    /// A record prepared: nothing sent.
    sent_state_prepared() => "sent-state-prepared";
    /// A record submitted without an answer: it may have been sent.
    sent_state_submitted() => "sent-state-submitted";
    /// A record the relay stored.
    sent_state_stored() => "sent-state-stored";
    /// An unfinished record whose lifetime is over.
    sent_expired() => "sent-expired";
    /// `poc sent` with no record.
    sent_none() => "sent-none";
    /// `poc sent`: how many are unfinished and the command that finishes them.
    sent_unfinished(count: u64, command: &str) => "sent-unfinished";
    /// `poc sent --resend-all` with nothing left to send.
    sent_nothing_to_resend() => "sent-nothing-to-resend";
    /// `poc sent --resend`: one record and its state.
    sent_resent(id: &str, to: &str, state: &str) => "sent-resent";
    /// First line on stderr of an interrupted run that recorded envelopes.
    outbox_interrupted() => "outbox-interrupted";
    /// An interrupted run that recorded nothing.
    outbox_nothing_sent() => "outbox-nothing-sent";
    /// An envelope the relay stored.
    outbox_stored(id: &str, to: &str) => "outbox-stored";
    /// An envelope submitted without an answer.
    outbox_submitted(id: &str, to: &str) => "outbox-submitted";
    /// An envelope recorded but not sent.
    outbox_prepared(id: &str, to: &str) => "outbox-prepared";
    /// How to finish the send.
    outbox_finish(command: &str) => "outbox-finish";

    // Large attachments (files carried in parts).
    /// The one line of an attachment part in lists.
    attachment_part_headline(part: u64, message: &str) => "attachment-part-headline";
    /// A file carried in parts, every part checked.
    attachment_complete() => "attachment-complete";
    /// A file carried in parts, some not received yet.
    attachment_incomplete(received: u64, total: u64) => "attachment-incomplete";
    /// A file carried in parts that does not check out.
    attachment_invalid(reason: &str) => "attachment-invalid";
    /// `read --save-attachments`: a file that could not be saved.
    attachment_not_saved(name: &str, state: &str) => "attachment-not-saved";
    /// Progress bar of `send` with large attachments.
    attachment_sending_parts() => "attachment-sending-parts";
    /// Progress bar of `read --save-attachments` with large attachments.
    attachment_checking_parts() => "attachment-checking-parts";

    // The custodian's HTML campaign report.
    /// Title of a campaign without a note: "Ping campaign of T".
    report_html_untitled(started: &str) => "report-html-untitled";
    /// The campaign id under the title.
    report_html_campaign_id(id: &str) => "report-html-campaign-id";
    /// The time zone of every time in the page.
    report_html_times() => "report-html-times";
    /// Heading of the PoCs to follow up.
    report_html_follow_up() => "report-html-follow-up";
    /// "N PoCs gave no valid answer: call or write to them."
    report_html_follow_up_intro(count: u64) => "report-html-follow-up-intro";
    /// Every PoC answered.
    report_html_follow_up_none() => "report-html-follow-up-none";
    /// Column: the organisation's name.
    report_html_organisation() => "report-html-organisation";
    /// Column: e-mail addresses.
    report_html_email() => "report-html-email";
    /// Column: telephone numbers.
    report_html_phone() => "report-html-phone";
    /// The proof bundle file and its SHA-256.
    report_html_bundle(file: &str, sha256: &str) => "report-html-bundle";
    /// No bundle written; `command` writes one.
    report_html_no_bundle(command: &str) => "report-html-no-bundle";
    /// The custodian key's fingerprint.
    report_html_custodian(fingerprint: &str) => "report-html-custodian";
    /// One bar of a chart, as text: "LABEL: N".
    report_html_chart_item(label: &str, count: u64) => "report-html-chart-item";

    // Terminal: passphrase questions, the custodian fingerprint at enrolment, guided send.
    /// The passphrase of an existing identity.
    passphrase_prompt(id: &str, home: &str) => "passphrase-prompt";
    /// A new passphrase.
    passphrase_prompt_new(id: &str, home: &str) => "passphrase-prompt-new";
    /// The new passphrase again.
    passphrase_prompt_repeat() => "passphrase-prompt-repeat";
    /// A wrong passphrase, `left` tries left.
    passphrase_wrong(left: u64) => "passphrase-wrong";
    /// The two new passphrases differ.
    passphrase_differ() => "passphrase-differ";
    /// An empty new passphrase.
    passphrase_empty() => "passphrase-empty";
    /// A new passphrase shorter than `min` characters.
    passphrase_too_short(min: u64) => "passphrase-too-short";
    /// A new passphrase too easy to guess, for `reason`.
    passphrase_weak(reason: &str, score: u64, needed: u64) => "passphrase-weak";
    /// Reason: a keyboard pattern.
    passphrase_reason_keyboard() => "passphrase-reason-keyboard";
    /// Reason: repeats.
    passphrase_reason_repeats() => "passphrase-reason-repeats";
    /// Reason: a common password.
    passphrase_reason_common() => "passphrase-reason-common";
    /// Reason: a sequence.
    passphrase_reason_sequence() => "passphrase-reason-sequence";
    /// Reason: a date or a year.
    passphrase_reason_dates() => "passphrase-reason-dates";
    /// Reason: a single word.
    passphrase_reason_word() => "passphrase-reason-word";
    /// Reason: names.
    passphrase_reason_names() => "passphrase-reason-names";
    /// Reason: no single cause.
    passphrase_reason_guessable() => "passphrase-reason-guessable";
    /// `init`: the custodian fingerprint of the invitation.
    init_custodian_fingerprint(id: &str, fingerprint: &str) => "init-custodian-fingerprint";
    /// `init`: how to check it.
    init_compare() => "init-compare";
    /// `init`: the question.
    init_confirm() => "init-confirm";
    /// Guided `send`: the recipient.
    guided_to() => "guided-to";
    /// Guided `send`: the one PoC an answer named.
    guided_to_chosen(poc: &str) => "guided-to-chosen";
    /// Guided `send`: no PoC matches.
    guided_to_none(answer: &str) => "guided-to-none";
    /// Guided send: no PoC matches the recipient typed, but one id is close.
    guided_to_close(answer: &str, close: &str) => "guided-to-close";
    /// Guided `send`: pick one of `count` PoCs.
    guided_to_pick(count: u64) => "guided-to-pick";
    /// Guided `send`: the type.
    guided_type(choices: &str) => "guided-type";
    /// Guided `send`: the priority.
    guided_priority(choices: &str) => "guided-priority";
    /// Guided `send`: the TLP label.
    guided_tlp(choices: &str, default: &str) => "guided-tlp";
    /// Guided `send`: a template field.
    guided_field(label: &str, field: &str) => "guided-field";
    /// Guided `send`: a template field with fixed values.
    guided_field_choice(label: &str, field: &str, choices: &str) => "guided-field-choice";
    /// Guided `send`: the last question.
    guided_confirm() => "guided-confirm";
    // Recipients, confirmations and message language (send, forward, compose).
    /// The hint after a yes/no question.
    prompt_yes_no() => "prompt-yes-no";
    /// The answers that mean yes, separated by commas (`y` and `yes` always do).
    prompt_yes_words() => "prompt-yes-words";
    /// Confirmation of a TLP:RED or AMBER+STRICT message to several people.
    confirm_send_tlp(tlp: &str, count: u64, recipients: &str) => "confirm-send-tlp";
    /// Confirmation of a TLP:RED or AMBER+STRICT message through State codes.
    confirm_send_tlp_states(tlp: &str, count: u64, states: &str, recipients: &str) => "confirm-send-tlp-states";
    /// Confirmation of a message to every PoC of one or more States.
    confirm_send_states(count: u64, states: &str, recipients: &str) => "confirm-send-states";
    /// `forward` of a RED or AMBER+STRICT notice.
    forward_warning(tlp: &str, recipient: &str) => "line-forward-warning";
    /// The question after [`forward_warning`].
    confirm_forward() => "confirm-forward";
    /// A confirmation answered no.
    not_sent() => "line-not-sent";
    /// `--tlp white` is sent as CLEAR.
    tlp_white() => "line-tlp-white";
    /// A message whose sender did not say its language.
    language_unspecified() => "language-unspecified";

    // Inbox for people: received time, unread marker, reading and answering a ping.
    /// `inbox`: header of the column of the local time an envelope was fetched.
    inbox_received_column() => "inbox-column-received";
    /// `inbox`: the marker of a message `poc read` has not shown yet.
    inbox_unread() => "inbox-unread";
    /// `read` of a custodian ping before its deadline: how to answer.
    read_ping_answer(id: &str, deadline: &str) => "read-ping-answer";
    /// `read` of a custodian ping past its deadline: late, and how to answer anyway.
    read_ping_late(id: &str, deadline: &str) => "read-ping-late";
    /// `read` of a custodian ping already answered.
    read_ping_answered(time: &str) => "read-ping-answered";
    /// `ack` of a custodian ping already answered: nothing sent again.
    ack_ping_already(time: &str) => "ack-ping-already";

    // Relay down and directory expiry.
    /// The relay has not answered a connection at once.
    connecting_relay(address: &str) => "line-connecting-relay";
    /// Relays of the directory a command did not reach (comma-separated addresses).
    relays_not_reached(relays: &str) => "line-relays-not-reached";
    /// `inbox --watch`: a connection made.
    watch_connected(address: &str) => "line-watch-connected";
    /// `inbox --watch`: the relay not reached for a while.
    relay_lost(address: &str, seconds: u64) => "line-relay-lost";
    /// `inbox --watch`: the relay reached again after it was lost.
    relay_back(address: &str) => "line-relay-back";
    /// `inbox --watch`: the `--on-lost` command failed.
    on_lost_failed(error: &str) => "line-on-lost-failed";
    /// A newer directory arrived already expired; the valid one stays in force.
    directory_offered_expired(offered: u64, time: &str, serial: u64) => "line-directory-offered-expired";

    // State names in the reader's language (directory entries).
    /// `directory show`: the label of the State's name.
    directory_entry_state() => "directory-entry-state";
    /// `directory list`: the header of the State column.
    directory_column_state() => "directory-column-state";

    // Attachment parts in the outbox.
    /// An interrupted or failed send: how far the attachment parts of one message went.
    outbox_parts(id: &str, to: &str, total: u64, stored: u64, submitted: u64, prepared: u64) => "outbox-parts";
    /// `sent`: how many of a message's attachment parts the relay stored.
    sent_parts(stored: u64, total: u64) => "sent-parts";

    // Paged fetch, orphan parts and local deletion.
    /// `inbox`: progress of a fetch, after each page.
    inbox_fetch_progress(envelopes: u64, size: &str, pages: u64) => "inbox-fetch-progress";
    /// `inbox`: parts one sender signed that no message names.
    inbox_orphan_parts(count: u64, size: &str, sender: &str) => "inbox-orphan-parts";
    /// `delete`: the question before deleting.
    confirm_delete(messages: u64, parts: u64, size: &str) => "confirm-delete";
    /// `delete`: what was deleted.
    deleted(messages: u64, parts: u64, size: &str) => "line-deleted";
    /// `delete --orphans`: there were none.
    nothing_to_delete() => "line-nothing-to-delete";
    /// `inbox` interrupted during a fetch: how far it went, and that nothing is lost.
    inbox_fetch_interrupted(envelopes: u64, size: &str) => "line-fetch-interrupted";

    // Ping campaigns and directory notices through the outbox.
    /// Interrupted or failed `ping start` / `ping remind`: where the pings of one campaign stand.
    outbox_campaign(campaign: &str, stored: u64, submitted: u64, prepared: u64) => "outbox-campaign";

    // Teams: members of a PoC.
    /// `custodian invite --member --out`.
    custodian_member_invitation_written(label: &str, id: &str, file: &str) => "custodian-member-invitation-written";
    /// `custodian add` of a member request.
    custodian_member_added(label: &str, id: &str, members: &str) => "custodian-member-added";
    /// `custodian add` of a member already added.
    custodian_member_already_added(label: &str, id: &str) => "custodian-member-already-added";
    /// A member request, before it is co-signed or added.
    member_request_from(label: &str, id: &str) => "member-request-from";
    /// `custodian add`: the request is co-signed by a current member.
    member_request_cosigned(by: &str) => "member-request-cosigned";
    /// `custodian revoke --member`.
    custodian_member_revoked(fingerprint: &str, label: &str, id: &str, members: &str) => "custodian-member-revoked";
    /// `init` from a member invitation.
    initialised_member(label: &str, id: &str, home: &str) => "result-initialised-member";
    /// `init` from a member invitation: where the request is.
    member_request_written(path: &str) => "result-member-request";
    /// `init` from a member invitation: what to do next.
    initialised_member_next(id: &str) => "result-initialised-member-next";
    /// `team cosign`: done.
    team_cosigned(label: &str, id: &str, file: &str) => "team-cosigned";
    /// `team cosign` by the one key of a PoC: it becomes the first member.
    team_cosigned_first(label: &str) => "team-cosigned-first";
    /// `team cosign`: the question.
    team_cosign_confirm() => "team-cosign-confirm";
    /// `team list`: the heading.
    team_heading(id: &str, count: u64, serial: u64) => "team-heading";
    /// `team list`, `whoami`, `directory show`: one member.
    team_member(name: &str, fingerprint: &str) => "team-member";
    /// After a member: who co-signed it.
    team_member_cosigned(by: &str) => "team-member-cosigned";
    /// After a member: it is this device.
    team_member_you() => "team-member-you";
    // Team members: own key rotation, removal requests, members shown.
    /// Headline of a member's request for a new key of its own.
    member_key_request(id: &str, label: &str) => "member-key-request";
    /// Headline of a member's request to remove a member.
    member_removal_request(id: &str, label: &str) => "member-removal-request";
    /// `team remove`: the request is sent.
    team_removal_sent(to: &str, label: &str, id: &str, envelope: &str) => "team-removal-sent";
    /// `whoami`, `custodian show`: the heading of a PoC's members.
    members_of(id: &str) => "members-of";

    // Team history: the team's own outgoing messages and acknowledgements.
    /// `inbox`: the status of the team's own outgoing message.
    inbox_team_sent(sender: &str, to: &str) => "inbox-team-sent";
    /// `inbox`: the status of a message a co-member acknowledged.
    inbox_acked_by(member: &str) => "inbox-acked-by";
    /// `send`, `ack`, `reply`: co-members whose copy the relay did not store.
    send_team_copy_not_stored(id: &str, labels: &str) => "send-team-copy-not-stored";

    // Disk faults.
    /// After an error: the disk that holds the home is full.
    disk_full() => "disk-full";

    // Relay list: the custodian's relay commands and `directory relays`.
    /// `custodian relay add`: done.
    relay_added(address: &str, count: u64, k: u64) => "relay-added";
    /// `custodian relay remove`: done.
    relay_removed(address: &str, count: u64, k: u64) => "relay-removed";
    /// `custodian relays --k`: done.
    relays_k_set(k: u64, count: u64) => "relays-k-set";
    /// `custodian relay list`: heading of the list in force.
    relay_list_in_force(serial: u64, k: u64) => "relay-list-in-force";
    /// `custodian relay list`: no directory published yet.
    relay_list_nothing_published() => "relay-list-nothing-published";
    /// `custodian relay list`: heading of the next publication's list.
    relay_list_next(k: u64) => "relay-list-next";
    /// One relay of a list.
    relay_line(address: &str, operator: &str, region: &str, pin: &str) => "relay-line";
    /// `custodian relay list`: the relays the next publication adds.
    relay_pending_added(addresses: &str) => "relay-pending-added";
    /// `custodian relay list`: the relays the next publication removes.
    relay_pending_removed(addresses: &str) => "relay-pending-removed";
    /// `custodian relay list`: the relays whose description changes.
    relay_pending_changed(addresses: &str) => "relay-pending-changed";
    /// `custodian relay list`: the new k.
    relay_pending_k(k: u64) => "relay-pending-k";
    /// `custodian relay list`: heading of the pending changes.
    relay_pending_publish() => "relay-pending-publish";
    /// `custodian relay list`: nothing is pending.
    relay_no_change() => "relay-no-change";
    /// `directory relays`: heading.
    directory_relays(serial: u64, count: u64, k: u64) => "directory-relays";
    /// `directory relays`: the directory lists none, the configured relay is used.
    directory_relays_configured() => "directory-relays-configured";
}

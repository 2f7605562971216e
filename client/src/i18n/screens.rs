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

    // Relay down and directory expiry.
    /// The relay has not answered a connection at once.
    connecting_relay(address: &str) => "line-connecting-relay";
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
}

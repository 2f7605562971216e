//! Typed keys of the `poc` command's own output: column headers, status words, units, and
//! sentences with counts (Fluent plurals) or names in them.
//!
//! Fixed texts are [`Translated`] enums; texts with arguments are functions whose `fl!` call
//! checks at compile time that the message and its arguments exist in the English file.
//! Arguments are data (ids, times, counts) and are never translated.

use i18n_embed_fl::fl;
use poc_proto::Role;

use super::catalog::loader;
use super::{Lang, Translated};
use crate::translated;

/// Fixed texts of the command output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Text {
    /// "(no summary)": list line of an incident notification without summary or reference.
    NoSummary,
    /// "(no details)": list line of an assistance request without details or reference.
    NoDetails,
    /// "ping acknowledged": list line of a ping acknowledgement.
    PingAcknowledged,
    /// "automatic", as in "ping acknowledged (automatic)".
    Automatic,
    /// "verified": inbox status of a message whose signature was verified.
    InboxVerified,
    /// "verified, acknowledged": the same, with a receipt sent back.
    InboxAcknowledged,
    /// "WARNING: claims to be a communication check (ping), not from the custodian": inbox
    /// status of a ping signed by a key other than the custodian key in force.
    InboxPingNotFromCustodian,
    /// "inbox empty".
    InboxEmpty,
    /// "watching for new envelopes (Ctrl-C to stop)".
    InboxWatching,
    /// "sent by this PoC": thread item written by the reader.
    ThreadSentByThisPoc,
    /// "signature verified": thread item from another PoC.
    ThreadSignatureVerified,
    /// "(passed)", after a deadline in the past.
    DeadlinePassed,
    /// "all": the group of every PoC of a campaign report.
    ReportAll,
    /// Title of the latency chart of a campaign report.
    ReportLatencyChart,
    /// "By group" heading of a campaign report.
    ReportByGroup,
    /// "By PoC" heading of a campaign report.
    ReportByPoc,
}

translated!(Text, "text", {
    NoSummary = "no-summary" => "headline-no-summary",
    NoDetails = "no-details" => "headline-no-details",
    PingAcknowledged = "ping-acknowledged" => "headline-ping-ack",
    Automatic = "automatic" => "word-automatic",
    InboxVerified = "inbox-verified" => "inbox-status-verified",
    InboxAcknowledged = "inbox-acknowledged" => "inbox-status-acknowledged",
    InboxPingNotFromCustodian = "inbox-ping-not-from-custodian" => "inbox-status-ping-not-custodian",
    InboxEmpty = "inbox-empty" => "inbox-empty",
    InboxWatching = "inbox-watching" => "inbox-watching",
    ThreadSentByThisPoc = "thread-sent-by-this-poc" => "thread-sent-by-this-poc",
    ThreadSignatureVerified = "thread-signature-verified" => "thread-signature-verified",
    DeadlinePassed = "deadline-passed" => "ping-deadline-passed",
    ReportAll = "all" => "report-group-all",
    ReportLatencyChart = "latency-chart" => "report-latency-chart",
    ReportByGroup = "by-group" => "report-by-group",
    ReportByPoc = "by-poc" => "report-by-poc",
});

/// Column headers of `poc inbox` (upper case where the script has case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum InboxColumn {
    Id,
    Priority,
    From,
    Type,
    Tlp,
    Summary,
    Status,
}

translated!(InboxColumn, "inbox_column", {
    Id = "id" => "inbox-column-id",
    Priority = "priority" => "inbox-column-priority",
    From = "from" => "inbox-column-from",
    Type = "type" => "inbox-column-type",
    Tlp = "tlp" => "inbox-column-tlp",
    Summary = "summary" => "inbox-column-summary",
    Status = "status" => "inbox-column-status",
});

/// Column headers of `poc ping list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum PingColumn {
    Campaign,
    Started,
    Deadline,
    Pocs,
}

translated!(PingColumn, "ping_column", {
    Campaign = "campaign" => "ping-column-campaign",
    Started = "started" => "ping-column-started",
    Deadline = "deadline" => "ping-column-deadline",
    Pocs = "pocs" => "ping-column-pocs",
});

/// Column headers of a campaign report (the text table shows them in upper case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum ReportColumn {
    Poc,
    Result,
    Latency,
    Problems,
    Group,
    Pocs,
    OnTime,
    Late,
    NoAnswer,
    Invalid,
    ResponseRate,
}

translated!(ReportColumn, "report_column", {
    Poc = "poc" => "report-column-poc",
    Result = "result" => "report-column-result",
    Latency = "latency" => "report-column-latency",
    Problems = "problems" => "report-column-problems",
    Group = "group" => "report-column-group",
    Pocs = "pocs" => "report-column-pocs",
    OnTime = "on_time" => "report-column-on-time",
    Late = "late" => "report-column-late",
    NoAnswer = "no_answer" => "report-column-no-answer",
    Invalid = "invalid" => "report-column-invalid",
    ResponseRate = "response_rate" => "report-column-response-rate",
});

/// The verdict on one PoC of a ping campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum ReportOutcome {
    OnTime,
    OnTimeAutomatic,
    Late,
    LateAutomatic,
    NoAnswer,
    Invalid,
}

translated!(ReportOutcome, "report_outcome", {
    OnTime = "on_time" => "report-outcome-on-time",
    OnTimeAutomatic = "on_time_automatic" => "report-outcome-on-time-automatic",
    Late = "late" => "report-outcome-late",
    LateAutomatic = "late_automatic" => "report-outcome-late-automatic",
    NoAnswer = "no_answer" => "report-outcome-no-answer",
    Invalid = "invalid" => "report-outcome-invalid",
});

/// Labels of the directory entry view (`poc directory show`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum EntryLabel {
    Id,
    Organisation,
    Role,
    Fingerprint,
    Languages,
    Email,
    Phone,
    Webpage,
    TimeZone,
    Updated,
}

translated!(EntryLabel, "entry_label", {
    Id = "id" => "entry-id",
    Organisation = "organisation" => "entry-organisation",
    Role = "role" => "entry-role",
    Fingerprint = "fingerprint" => "entry-fingerprint",
    Languages = "languages" => "entry-languages",
    Email = "email" => "entry-email",
    Phone = "phone" => "entry-phone",
    Webpage = "webpage" => "entry-webpage",
    TimeZone = "time_zone" => "entry-time-zone",
    Updated = "updated" => "entry-updated",
});

/// "5 s", "1 min", "3 h" or "2 days" in `lang`.
pub fn seconds(lang: Lang, count: u64) -> String {
    fl!(loader(lang), "unit-seconds", count = count)
}

/// Minutes, see [`seconds`].
pub fn minutes(lang: Lang, count: u64) -> String {
    fl!(loader(lang), "unit-minutes", count = count)
}

/// Hours, see [`seconds`].
pub fn hours(lang: Lang, count: u64) -> String {
    fl!(loader(lang), "unit-hours", count = count)
}

/// Days, see [`seconds`].
pub fn days(lang: Lang, count: u64) -> String {
    fl!(loader(lang), "unit-days", count = count)
}

/// A duration as its non-zero units, largest first: "1 day 2 h 5 s" ("0 s" for zero).
pub fn duration(lang: Lang, secs: u64) -> String {
    let parts = [
        (secs / 86_400, days as fn(Lang, u64) -> String),
        (secs / 3600 % 24, hours),
        (secs / 60 % 60, minutes),
        (secs % 60, seconds),
    ];
    let words: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| unit(lang, *n))
        .collect();
    if words.is_empty() {
        seconds(lang, 0)
    } else {
        words.join(" ")
    }
}

/// A size in bytes: "1 byte", "512 bytes".
pub fn bytes(lang: Lang, count: u64) -> String {
    fl!(loader(lang), "unit-bytes", count = count)
}

/// "receipt for ENVELOPE".
pub fn receipt_for(lang: Lang, envelope: &str) -> String {
    fl!(loader(lang), "headline-receipt", envelope = envelope)
}

/// "key rotation request for POC".
pub fn key_rotation_request(lang: Lang, entry: &str) -> String {
    fl!(loader(lang), "headline-key-rotation", entry = entry)
}

/// "update request for POC".
pub fn entry_update_request(lang: Lang, entry: &str) -> String {
    fl!(loader(lang), "headline-entry-update", entry = entry)
}

/// "directory serial N published".
pub fn directory_published(lang: Lang, serial: u64) -> String {
    fl!(loader(lang), "headline-directory-notice", serial = serial)
}

/// "communication check, answer by TIME".
pub fn ping_answer_by(lang: Lang, deadline: &str) -> String {
    fl!(loader(lang), "headline-ping", deadline = deadline)
}

/// Inbox status "INVALID: REASON".
pub fn inbox_invalid(lang: Lang, reason: &str) -> String {
    fl!(loader(lang), "inbox-status-invalid", reason = reason)
}

/// Inbox status of a verified receipt: "verified receipt: SENDER received ENVELOPE at TIME".
pub fn inbox_receipt(lang: Lang, sender: &str, envelope: &str, time: &str) -> String {
    fl!(
        loader(lang),
        "inbox-status-receipt",
        sender = sender,
        envelope = envelope,
        time = time
    )
}

/// Inbox warning: a receipt for an envelope this PoC did not send.
pub fn inbox_receipt_unknown(lang: Lang, envelope: &str) -> String {
    fl!(
        loader(lang),
        "inbox-status-receipt-unknown",
        envelope = envelope
    )
}

/// Inbox warning: a receipt signed by another PoC than the addressee.
pub fn inbox_receipt_wrong_signer(
    lang: Lang,
    envelope: &str,
    signer: &str,
    addressee: &str,
) -> String {
    fl!(
        loader(lang),
        "inbox-status-receipt-wrong-signer",
        envelope = envelope,
        signer = signer,
        addressee = addressee
    )
}

/// "INVALID: N envelope(s) that cannot be opened or verified, submitted by SUBMITTER
/// (REASON)": one line of `poc inbox` for every key whose envelopes fail.
pub fn inbox_unopened(lang: Lang, count: u64, submitter: &str, reason: &str) -> String {
    fl!(
        loader(lang),
        "inbox-unopened",
        count = count,
        submitter = submitter,
        reason = reason
    )
}

/// "fetched N new envelope(s)", with the plural of `lang`.
pub fn inbox_fetched(lang: Lang, count: u64) -> String {
    fl!(loader(lang), "inbox-fetched", count = count)
}

/// "thread ROOT: N message(s)".
pub fn thread_header(lang: Lang, root: &str, count: u64) -> String {
    fl!(loader(lang), "thread-header", root = root, count = count)
}

/// "campaign ID started: N PoCs pinged, deadline TIME".
pub fn ping_started(lang: Lang, id: &str, count: u64, deadline: &str) -> String {
    fl!(
        loader(lang),
        "ping-started",
        id = id,
        count = count,
        deadline = deadline
    )
}

/// "follow it with: COMMAND".
pub fn ping_follow(lang: Lang, command: &str) -> String {
    fl!(loader(lang), "ping-follow", command = command)
}

/// The figures of one campaign, for [`ping_status`].
#[derive(Debug, Clone, Copy)]
pub struct PingFigures<'a> {
    /// Campaign id.
    pub id: &'a str,
    /// PoCs pinged.
    pub targets: u64,
    /// Valid acknowledgements before the deadline.
    pub on_time: u64,
    /// Valid acknowledgements after the deadline.
    pub late: u64,
    /// No acknowledgement.
    pub no_answer: u64,
    /// Invalid acknowledgements.
    pub invalid: u64,
    /// Response rate, in whole percent.
    pub rate_percent: u64,
    /// The deadline, as displayed.
    pub deadline: &'a str,
}

/// "campaign ID: N PoCs; on time A, late B, no answer C, INVALID D; response rate R%;
/// deadline TIME".
pub fn ping_status(lang: Lang, f: PingFigures<'_>) -> String {
    fl!(
        loader(lang),
        "ping-status",
        id = f.id,
        count = f.targets,
        on_time = f.on_time,
        late = f.late,
        no_answer = f.no_answer,
        invalid = f.invalid,
        rate = f.rate_percent,
        deadline = f.deadline
    )
}

/// Report group of the PoCs of one role.
pub fn report_role(lang: Lang, role: Role) -> String {
    fl!(loader(lang), "report-group-role", role = role.text(lang))
}

/// Report group of the PoCs of one State: its code, with its name in `lang` for a State
/// ("MAR (Maroc)").
pub fn report_state(lang: Lang, state: &str) -> String {
    let state = match crate::states::name(state, lang) {
        Some(name) => format!("{state} ({name})"),
        None => state.to_owned(),
    };
    fl!(loader(lang), "report-group-state", state = state)
}

/// Title of a campaign report: "Ping campaign ID".
pub fn report_title(lang: Lang, id: &str) -> String {
    fl!(loader(lang), "report-title", id = id)
}

/// First word of the text report: "campaign ID".
pub fn report_campaign(lang: Lang, id: &str) -> String {
    fl!(loader(lang), "report-campaign", id = id)
}

/// Second line of the text report: "started T, deadline T, directory serial N, N PoCs".
pub fn report_summary_line(
    lang: Lang,
    started: &str,
    deadline: &str,
    serial: u64,
    count: u64,
) -> String {
    fl!(
        loader(lang),
        "report-summary-line",
        started = started,
        deadline = deadline,
        serial = serial,
        count = count
    )
}

/// Introduction of the HTML report.
pub fn report_intro(lang: Lang, started: &str, deadline: &str, serial: u64) -> String {
    fl!(
        loader(lang),
        "report-intro",
        started = started,
        deadline = deadline,
        serial = serial
    )
}

/// "Response rate R% (A of N PoCs)".
pub fn report_response_rate(lang: Lang, rate_percent: u64, answered: u64, count: u64) -> String {
    fl!(
        loader(lang),
        "report-response-rate",
        rate = rate_percent,
        answered = answered,
        count = count
    )
}

/// "!!! N PoC(s) with INVALID acknowledgements: check them !!!".
pub fn report_invalid_warning(lang: Lang, count: u64) -> String {
    fl!(loader(lang), "report-invalid-warning", count = count)
}

/// Fluent ids of the messages with arguments above, for the completeness tests.
#[cfg(test)]
pub(super) const WITH_ARGUMENTS: &[&str] = &[
    "unit-seconds",
    "unit-minutes",
    "unit-hours",
    "unit-days",
    "unit-bytes",
    "headline-receipt",
    "headline-key-rotation",
    "headline-entry-update",
    "headline-directory-notice",
    "headline-ping",
    "inbox-status-invalid",
    "inbox-status-receipt",
    "inbox-status-receipt-unknown",
    "inbox-status-receipt-wrong-signer",
    "inbox-fetched",
    "inbox-unopened",
    "thread-header",
    "ping-started",
    "ping-follow",
    "ping-status",
    "report-group-role",
    "report-group-state",
    "report-title",
    "report-campaign",
    "report-summary-line",
    "report-intro",
    "report-response-rate",
    "report-invalid-warning",
];

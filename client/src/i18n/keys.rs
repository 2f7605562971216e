//! Typed keys of message fields: the field labels and every set of fixed values a field may
//! take (priority, TLP, nature of a request, status of a response, incident class, message
//! type, PoC role, yes/no).
//!
//! Each set is an enum implementing [`Translated`]: the list of valid values, the Rust enum
//! and the Fluent ids come from one declaration, so they cannot disagree. Where the protocol
//! already has the enum (`Priority`, `Tlp`, `Nature`, `ResponseStatus`, `Role`), the
//! translation is attached to it; the other sets are declared here.

use poc_proto::{MessageKind, Nature, Priority, ResponseStatus, Role, Tlp};

use crate::translated;

/// Labels of message fields, keyed by the canonical field names used in templates, files and
/// JSON output (`in_reply_to`, `incident_class`...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Label {
    Envelope,
    From,
    To,
    Priority,
    Handling,
    Type,
    Sent,
    Language,
    Signature,
    InReplyTo,
    Attachments,
    Exercise,
    Verified,
    VerifiedAgainst,
    Reference,
    Summary,
    Description,
    IncidentClass,
    TimeDetected,
    AffectedSector,
    AffectedSystems,
    Indicators,
    ActionsTaken,
    AssistanceRequested,
    RequestedResponseTime,
    FollowUpContact,
    Nature,
    RelatedIncident,
    Details,
    LegalContext,
    Status,
    Text,
    Subject,
    Acknowledges,
    ReceivedAt,
    Entry,
    Organisation,
    Email,
    Phone,
    Languages,
    NewKey,
    DirectorySerial,
    Digest,
    Campaign,
    Deadline,
    Note,
    Automatic,
    Part,
    Member,
    Reason,
}

translated!(Label, "label", {
    Envelope = "envelope" => "label-envelope",
    From = "from" => "label-from",
    To = "to" => "label-to",
    Priority = "priority" => "label-priority",
    Handling = "handling" => "label-handling",
    Type = "type" => "label-type",
    Sent = "sent" => "label-sent",
    Language = "language" => "label-language",
    Signature = "signature" => "label-signature",
    InReplyTo = "in_reply_to" => "label-in-reply-to",
    Attachments = "attachments" => "label-attachments",
    Exercise = "exercise" => "label-exercise",
    Verified = "verified" => "label-verified",
    VerifiedAgainst = "verified_against" => "label-verified-against",
    Reference = "reference" => "label-reference",
    Summary = "summary" => "label-summary",
    Description = "description" => "label-description",
    IncidentClass = "incident_class" => "label-incident-class",
    TimeDetected = "time_detected" => "label-time-detected",
    AffectedSector = "affected_sector" => "label-affected-sector",
    AffectedSystems = "affected_systems" => "label-affected-systems",
    Indicators = "indicators" => "label-indicators",
    ActionsTaken = "actions_taken" => "label-actions-taken",
    AssistanceRequested = "assistance_requested" => "label-assistance-requested",
    RequestedResponseTime = "requested_response_time" => "label-requested-response-time",
    FollowUpContact = "follow_up_contact" => "label-follow-up-contact",
    Nature = "nature" => "label-nature",
    RelatedIncident = "related_incident" => "label-related-incident",
    Details = "details" => "label-details",
    LegalContext = "legal_context" => "label-legal-context",
    Status = "status" => "label-status",
    Text = "text" => "label-text",
    Subject = "subject" => "label-subject",
    Acknowledges = "acknowledges" => "label-acknowledges",
    ReceivedAt = "received_at" => "label-received-at",
    Entry = "entry" => "label-entry",
    Organisation = "organisation" => "label-organisation",
    Email = "email" => "label-email",
    Phone = "phone" => "label-phone",
    Languages = "languages" => "label-languages",
    NewKey = "new_key" => "label-new-key",
    DirectorySerial = "directory_serial" => "label-directory-serial",
    Digest = "digest" => "label-digest",
    Campaign = "campaign" => "label-campaign",
    Deadline = "deadline" => "label-deadline",
    Note = "note" => "label-note",
    Automatic = "automatic" => "label-automatic",
    Part = "part" => "label-part",
    Member = "member" => "label-member",
    Reason = "reason" => "label-reason",
});

translated!(Priority, "priority", {
    High = "high" => "priority-high",
    Medium = "medium" => "priority-medium",
    Low = "low" => "priority-low",
});

// FIRST TLP 2.0 labels are not translated: every language file holds the English form.
translated!(Tlp, "tlp", {
    Clear = "clear" => "tlp-clear",
    Green = "green" => "tlp-green",
    Amber = "amber" => "tlp-amber",
    AmberStrict = "amber+strict" => "tlp-amber-strict",
    Red = "red" => "tlp-red",
});

translated!(Nature, "nature", {
    Information = "information" => "nature-information",
    Mitigation = "mitigation" => "nature-mitigation",
    Investigation = "investigation" => "nature-investigation",
    Coordination = "coordination" => "nature-coordination",
    Other = "other" => "nature-other",
});

translated!(ResponseStatus, "status", {
    Received = "received" => "status-received",
    Channelled = "channelled" => "status-channelled",
    InProgress = "in_progress" => "status-in-progress",
    Resolved = "resolved" => "status-resolved",
    Declined = "declined" => "status-declined",
});

translated!(Role, "role", {
    Diplomatic = "diplomatic" => "role-diplomatic",
    Technical = "technical" => "role-technical",
    Custodian = "custodian" => "role-custodian",
});

/// Incident classes: the top-level classes of the ENISA / RSIT reference incident
/// classification taxonomy (the protocol carries the canonical name as text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum IncidentClass {
    AbusiveContent,
    MaliciousCode,
    InformationGathering,
    IntrusionAttempts,
    Intrusions,
    Availability,
    InformationContentSecurity,
    Fraud,
    Vulnerable,
    Other,
    Test,
}

translated!(IncidentClass, "incident_class", {
    AbusiveContent = "abusive-content" => "incident-class-abusive-content",
    MaliciousCode = "malicious-code" => "incident-class-malicious-code",
    InformationGathering = "information-gathering" => "incident-class-information-gathering",
    IntrusionAttempts = "intrusion-attempts" => "incident-class-intrusion-attempts",
    Intrusions = "intrusions" => "incident-class-intrusions",
    Availability = "availability" => "incident-class-availability",
    InformationContentSecurity = "information-content-security" => "incident-class-information-content-security",
    Fraud = "fraud" => "incident-class-fraud",
    Vulnerable = "vulnerable" => "incident-class-vulnerable",
    Other = "other" => "incident-class-other",
    Test = "test" => "incident-class-test",
});

/// Message types; the canonical names are those of [`MessageKind::name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum MessageType {
    Incident,
    Assistance,
    Response,
    Text,
    Receipt,
    EntryUpdate,
    DirectoryNotice,
    Ping,
    PingAck,
    AttachmentPart,
}

translated!(MessageType, "type", {
    Incident = "incident" => "type-incident",
    Assistance = "assistance" => "type-assistance",
    Response = "response" => "type-response",
    Text = "text" => "type-text",
    Receipt = "receipt" => "type-receipt",
    EntryUpdate = "entry-update" => "type-entry-update",
    DirectoryNotice = "directory-notice" => "type-directory-notice",
    Ping = "ping" => "type-ping",
    PingAck = "ping-ack" => "type-ping-ack",
    AttachmentPart = "attachment-part" => "type-attachment-part",
});

impl MessageType {
    /// The type of a message.
    pub fn of(kind: &MessageKind) -> Self {
        match kind {
            MessageKind::IncidentNotification(_) => MessageType::Incident,
            MessageKind::AssistanceRequest(_) => MessageType::Assistance,
            MessageKind::Response(_) => MessageType::Response,
            MessageKind::Text(_) => MessageType::Text,
            MessageKind::Receipt(_) => MessageType::Receipt,
            MessageKind::EntryUpdate(_) => MessageType::EntryUpdate,
            MessageKind::DirectoryNotice(_) => MessageType::DirectoryNotice,
            MessageKind::Ping(_) => MessageType::Ping,
            MessageKind::PingAck(_) => MessageType::PingAck,
            MessageKind::AttachmentPart(_) => MessageType::AttachmentPart,
            // Requests to the custodian about a team's members are update requests too.
            MessageKind::MemberKeyUpdate(_) | MessageKind::MemberRemoval(_) => {
                MessageType::EntryUpdate
            }
        }
    }
}

/// A yes/no field (e.g. whether an acknowledgement was sent automatically); the canonical
/// names are Rust's `bool` texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum YesNo {
    Yes,
    No,
}

translated!(YesNo, "yes_no", {
    Yes = "true" => "yes-no-true",
    No = "false" => "yes-no-false",
});

impl From<bool> for YesNo {
    fn from(value: bool) -> Self {
        if value {
            YesNo::Yes
        } else {
            YesNo::No
        }
    }
}

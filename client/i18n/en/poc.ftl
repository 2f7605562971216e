# PoC Relay client, English: labels, fixed values and messages of the `poc` command.
# Content written by the sender of a message is never translated; only what is here is.
# Every message id exists in all six languages (checked by the client's tests).

## Field labels of messages

label-envelope = Envelope
label-from = From
label-to = To
label-priority = Priority
label-handling = Handling (TLP)
label-type = Message type
label-sent = Sent
label-language = Language
label-signature = Signature
label-in-reply-to = In reply to
label-attachments = Attachments
label-exercise = EXERCISE
label-verified = Verified
label-verified-against = verified against directory serial
label-reference = Reference
label-summary = Summary
label-description = Description
label-incident-class = Incident class
label-time-detected = Time detected
label-affected-sector = Affected sector
label-affected-systems = Affected systems
label-indicators = Indicators of compromise
label-actions-taken = Actions taken
label-assistance-requested = Assistance requested
label-requested-response-time = Requested response time
label-follow-up-contact = Follow-up contact
label-nature = Nature of request
label-related-incident = Related incident
label-details = Details
label-legal-context = Legal or diplomatic context
label-status = Status
label-text = Text
label-subject = Subject
label-acknowledges = Acknowledges receipt of
label-received-at = Received at
label-entry = Directory entry
label-organisation = Organisation
label-email = Email
label-phone = Telephone
label-languages = Working languages
label-new-key = New public key
label-directory-serial = Directory serial
label-digest = Digest

## Priorities

priority-high = High
priority-medium = Medium
priority-low = Low

## Natures of an assistance request

nature-information = Information
nature-mitigation = Mitigation
nature-investigation = Investigation
nature-coordination = Coordination
nature-other = Other

## Statuses of a response

status-received = Received
status-channelled = Channelled to the competent national authority
status-in-progress = In progress
status-resolved = Resolved
status-declined = Declined

## Incident classes: top-level classes of the ENISA / RSIT reference taxonomy

incident-class-abusive-content = Abusive content
incident-class-malicious-code = Malicious code
incident-class-information-gathering = Information gathering
incident-class-intrusion-attempts = Intrusion attempts
incident-class-intrusions = Intrusions
incident-class-availability = Availability
incident-class-information-content-security = Information content security
incident-class-fraud = Fraud
incident-class-vulnerable = Vulnerable
incident-class-other = Other
incident-class-test = Test

## Message types

type-incident = Incident notification
type-assistance = Assistance request
type-response = Response
type-text = Message
type-receipt = Acknowledgement of receipt
type-entry-update = Directory entry update request
type-directory-notice = Directory update notice

## Field labels of communication checks (pings) and their acknowledgements

label-campaign = Campaign
label-deadline = Deadline
label-note = Note
label-automatic = Sent automatically

## Message types added with communication checks

type-ping = Communication check
type-ping-ack = Communication check acknowledgement

## Handling labels: FIRST TLP 2.0 labels are not translated

tlp-clear = TLP:CLEAR
tlp-green = TLP:GREEN
tlp-amber = TLP:AMBER
tlp-amber-strict = TLP:AMBER+STRICT
tlp-red = TLP:RED

## Roles of Points of Contact

role-diplomatic = Diplomatic
role-technical = Technical
role-custodian = Directory custodian

## Yes and no

yes-no-true = Yes
yes-no-false = No

## Directory entry view

entry-id = Id
entry-organisation = Organisation
entry-role = Role
entry-fingerprint = Fingerprint
entry-languages = Languages
entry-email = E-mail
entry-phone = Phone
entry-webpage = Web page
entry-time-zone = Time zone
entry-updated = Updated

## Units of time and size

unit-seconds = { $count } s
unit-minutes = { $count } min
unit-hours = { $count } h
unit-days =
    { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
unit-bytes =
    { $count ->
        [one] { $count } byte
       *[other] { $count } bytes
    }
word-automatic = automatic

## One-line descriptions of messages in lists (the content itself is never translated)

headline-no-summary = (no summary)
headline-no-details = (no details)
headline-receipt = receipt for { $envelope }
headline-key-rotation = key rotation request for { $entry }
headline-entry-update = update request for { $entry }
headline-directory-notice = directory serial { $serial } published
headline-ping = communication check, answer by { $deadline }
headline-ping-ack = ping acknowledged

## Inbox: column headers, status of each envelope, fetch results

inbox-column-id = ID
inbox-column-priority = PRIORITY
inbox-column-from = FROM
inbox-column-type = TYPE
inbox-column-tlp = TLP
inbox-column-summary = SUMMARY
inbox-column-status = STATUS
inbox-status-verified = verified
inbox-status-acknowledged = verified, acknowledged
inbox-status-invalid = INVALID: { $reason }
inbox-status-receipt = verified receipt: { $sender } received { $envelope } at { $time }
inbox-status-receipt-unknown = WARNING: receipt for { $envelope } which this PoC did not send
inbox-status-receipt-wrong-signer = WARNING: receipt for { $envelope } signed by { $signer } but it was sent to { $addressee }
inbox-fetched =
    { $count ->
        [one] fetched { $count } new envelope
       *[other] fetched { $count } new envelopes
    }
inbox-empty = inbox empty
inbox-unopened =
    { $count ->
        [one] INVALID: { $count } envelope that cannot be opened or verified, submitted by { $submitter } ({ $reason })
       *[other] INVALID: { $count } envelopes that cannot be opened or verified, submitted by { $submitter } ({ $reason })
    }
inbox-watching = watching for new envelopes (Ctrl-C to stop)

## Threads

thread-header =
    { $count ->
        [one] thread { $root }: { $count } message
       *[other] thread { $root }: { $count } messages
    }
thread-sent-by-this-poc = sent by this PoC
thread-signature-verified = signature verified

## Communication checks (ping campaigns)

ping-column-campaign = CAMPAIGN
ping-column-started = STARTED
ping-column-deadline = DEADLINE
ping-column-pocs = POCS
ping-started =
    { $count ->
        [one] campaign { $id } started: { $count } PoC pinged, deadline { $deadline }
       *[other] campaign { $id } started: { $count } PoCs pinged, deadline { $deadline }
    }
ping-follow = follow it with: { $command }
ping-status = campaign { $id }: { $count } PoCs; on time { $on_time }, late { $late }, no answer { $no_answer }, INVALID { $invalid }; response rate { $rate }%; deadline { $deadline }
ping-deadline-passed = (passed)

## Campaign reports

report-outcome-on-time = on time
report-outcome-on-time-automatic = on time (automatic)
report-outcome-late = late
report-outcome-late-automatic = late (automatic)
report-outcome-no-answer = no answer
report-outcome-invalid = INVALID
report-column-poc = PoC
report-column-result = Result
report-column-latency = Latency
report-column-problems = Problems
report-column-group = Group
report-column-pocs = PoCs
report-column-on-time = On time
report-column-late = Late
report-column-no-answer = No answer
report-column-invalid = Invalid
report-column-response-rate = Response rate
report-group-all = all
report-group-role = role { $role }
report-group-state = State { $state }
report-title = Ping campaign { $id }
report-campaign = campaign { $id }
report-summary-line =
    { $count ->
        [one] started { $started }, deadline { $deadline }, directory serial { $serial }, { $count } PoC
       *[other] started { $started }, deadline { $deadline }, directory serial { $serial }, { $count } PoCs
    }
report-intro = Started { $started }, deadline { $deadline }, directory serial { $serial }. Every acknowledgement was verified against the signed directory.
report-response-rate =
    { $count ->
        [one] Response rate { $rate }% ({ $answered } of { $count } PoC)
       *[other] Response rate { $rate }% ({ $answered } of { $count } PoCs)
    }
report-latency-chart = Latency of valid acknowledgements
report-by-group = By group
report-by-poc = By PoC
report-invalid-warning =
    { $count ->
        [one] !!! { $count } PoC with INVALID acknowledgements: check it !!!
       *[other] !!! { $count } PoCs with INVALID acknowledgements: check them !!!
    }

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
inbox-status-ping-not-custodian = WARNING: claims to be a communication check (ping), not from the custodian
inbox-fetched =
    { $count ->
        [one] fetched { $count } new envelope
       *[other] fetched { $count } new envelopes
    }
inbox-empty = inbox empty
inbox-unopened =
    { $count ->
        [one] INVALID: { $count } envelope that cannot be opened or verified, submitted, according to the relay, by { $submitter } ({ $reason })
       *[other] INVALID: { $count } envelopes that cannot be opened or verified, submitted, according to the relay, by { $submitter } ({ $reason })
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

## Words shared by the command screens

screen-none = (none)
screen-exercise = exercise
screen-sending-pings = sending pings
screen-sending-reminders = sending reminders
screen-unlock-hint = (unlock with any command to see the key fingerprint)
screen-confirm-fingerprint = Does this fingerprint match what the PoC read to you?
screen-no-update-requests = no update requests
screen-request-pending = pending
screen-expect-ack = acknowledgement
screen-expect-reply = reply

## Column headers of the command screens (upper case where the script has case)

column-id = ID
column-organisation = ORGANISATION
column-languages = LANGUAGES
column-fingerprint = FINGERPRINT
column-source = SOURCE
column-consent = CONSENT
column-last-confirmed = LAST CONFIRMED
column-exercise = EXERCISE
column-name = NAME
column-started = STARTED
column-injects-sent = INJECTS SENT
column-inject = INJECT
column-poc = POC
column-expected = EXPECTED
column-acknowledged = ACKNOWLEDGED
column-replied = REPLIED
column-verdict = VERDICT
column-campaigns = CAMPAIGNS
column-on-time = ON TIME
column-late = LATE
column-invalid = INVALID
column-no-answer = NO ANSWER
column-response-rate = RESPONSE RATE
column-month = MONTH

## Fields an update request changes

changed-field-entry = entry
changed-field-org-name = organisation
changed-field-emails = e-mail
changed-field-phones = telephone
changed-field-languages = languages
changed-field-webpage = web page
changed-field-time-zone = time zone
changed-field-key = key

## Verdicts of exercise expectations

exercise-verdict-met = met
exercise-verdict-late = late
exercise-verdict-missing = missing
exercise-verdict-pending = pending
exercise-verdict-wrong-status = wrong status

## Lines on stderr

line-warning = warning: { $text }
line-mailbox-full = your mailbox at the relay was full: { $count } envelope(s) sent to you were refused (their senders were told); fetch more often or ask the relay operator to raise the quota
line-refresh-failed = warning: could not refresh the directory from the relay: { $error }
line-directory-expired = WARNING: the directory (serial { $serial }) expired at { $time }; contact details may be out of date. Ask the custodian to publish a new one.
line-key-switched = switched to the new key { $fingerprint } (published by the custodian); the old key is retired
line-arrival-failed = warning: cannot show an arrival: { $error }
line-reconnecting = connection to the relay lost ({ $error }); reconnecting in { $seconds } s
line-not-pinged = warning: not pinged, their relay mailbox is full: { $pocs }
line-language-not-un = note: { $tag } is not one of the six UN languages; readers see labels in their own language anyway
line-exercise-start =
    { $count ->
        [one] exercise "{ $name }": { $count } inject, time compressed { $speed }x
       *[other] exercise "{ $name }": { $count } injects, time compressed { $speed }x
    }
line-inject-sent = { $time } inject { $inject } sent to { $to } ({ $envelope }), answer expected by { $deadline }
line-request-from = request from { $id } ({ $org })
line-fingerprint = fingerprint: { $fingerprint }
line-pending-invitation = handing out the pending invitation imported from { $source } (consent { $consent })

## Results of the PoC's commands

result-ack-sent = signed receipt { $id } for { $envelope } sent to { $to }
result-template-written = template written to { $path }; edit it, then: { $command }
result-export-failed = cannot write the evidence as JSON: { $error }
result-forwarded = { $id } written to { $file } as an age file for { $recipient }
result-forward-open = the authority opens it with: { $command }
result-initialised = created identity { $id } in { $home }
result-initialised-next = next: send the request file to the custodian and read them the fingerprint by phone; once they have published the directory, run `poc directory sync`.
result-enrolment-request = enrolment request: { $file }
result-saved = saved { $path }
result-replied = response { $id } ({ $status }) sent to { $to }
result-sent = sent { $id } to { $to } (priority { $priority }): stored by the relay
result-update-sent = update request { $id } sent to { $to }; it takes effect when the custodian approves and publishes
result-rotation-sent = new key { $fingerprint } created (same passphrase); rotation request { $id } sent to { $to }
result-rotation-next = read the new fingerprint to the custodian; the switch happens after they approve and publish
result-whoami-id = id: { $id }
result-whoami-home = home: { $home }
result-whoami-custodian = custodian: { $fingerprint }
result-whoami-relay = relay: { $relay }
result-directory-listed =
    { $count ->
        [one] { $count } PoC, directory serial { $serial }
       *[other] { $count } PoCs, directory serial { $serial }
    }
result-directory-accepted = directory serial { $serial } accepted (verified against the pinned custodian key)
result-directory-updated = directory updated: serial { $from } -> { $serial } (verified against the pinned custodian key)
result-directory-current = directory up to date (serial { $serial })
result-directory-verified =
    { $count ->
        [one] directory serial { $serial } verified: signed by the pinned custodian key, { $count } entry with a valid self-signature
       *[other] directory serial { $serial } verified: signed by the pinned custodian key, { $count } entries with valid self-signatures
    }
result-directory-dates = issued { $issued }, expires { $expires }
result-directory-digest = digest { $digest }

## Results of the custodian's commands

custodian-added = { $id } accepted; it will be in the next directory (`poc custodian publish`)
custodian-already-added = { $id } is already accepted (unchanged)
custodian-approved = approved { $id } from { $from }; run `poc custodian publish` to put it in force
custodian-rejected = rejected { $id } from { $from }
custodian-imported =
    { $count ->
        [one] imported { $count } contact as a pending invitation: { $ids }
       *[other] imported { $count } contacts as pending invitations: { $ids }
    }
custodian-already-present = already present: { $ids }
custodian-skipped = skipped (no consent on record for { $source }): { $states }
custodian-created = custodian identity { $id } created in { $home }
custodian-key = custodian key: { $key }
custodian-fingerprint = fingerprint: { $fingerprint }
custodian-key-written = written to { $file }
custodian-next = next: { $command }
custodian-then = then: { $command }
custodian-invitation-written = invitation for { $id } written to { $file }
custodian-published =
    { $count ->
        [one] directory serial { $serial } published with { $count } entry; the relay now admits exactly these keys; { $notified } members notified
       *[other] directory serial { $serial } published with { $count } entries; the relay now admits exactly these keys; { $notified } members notified
    }
custodian-relay-set = relay set to { $address } (pin { $pin })
custodian-request-approved = approved { $time }
custodian-request-rejected = rejected { $time }
custodian-request-line = { $id }  from { $from }  { $state }
custodian-review-period = review of the last { $period }
custodian-review-stale = entries not confirmed in that time: { $count }
custodian-review-stale-entry = { $id }  { $org }  last confirmed { $time }
custodian-review-campaigns = ping campaigns in that time: { $count }
custodian-review-relay = relay: { $members } members, directory serial { $serial }, { $waiting } envelopes waiting
custodian-revoked = key { $fingerprint } of { $id } revoked; it stops working at the relay with the next `poc custodian publish`
custodian-rotated = custodian key rotated to { $key } ({ $fingerprint }); directory serial { $serial } signed by it and published; PoCs follow the signed hand-over
custodian-relay = relay: { $relay }
custodian-relay-pinned = { $address } (pin { $pin })
custodian-directory-published = published: serial { $serial }
custodian-directory-unpublished = published: never
custodian-stale =
    { $count ->
        [one] { $count } entry not confirmed for { $period }
       *[other] { $count } entries not confirmed for { $period }
    }

## Exercises

exercise-finished = exercise { $id } finished sending; after-action report: { $command }
exercise-expect-reply-status = reply { $status }
exercise-replied-at = { $status } at { $time }
exercise-report-header = exercise { $id } "{ $name }", started { $started } (time x{ $speed })
exercise-expectations-met = { $met } of { $count } expectations met

## Ping campaigns: the commands' other lines

ping-reminded =
    { $count ->
        [one] reminded { $count } PoC: { $pocs }
       *[other] reminded { $count } PoCs: { $pocs }
    }
ping-report-written = report written to { $path }
ping-bundle-written = proof bundle written to { $path } (check with: { $command })
ping-bundle-verified =
    { $count ->
        [one] bundle verified: { $count } acknowledgement, its signature valid
       *[other] bundle verified: { $count } acknowledgements, all signatures valid
    }
ping-answer-failed = FAILED: { $failure }

## The outbox: `poc sent`, and what an interrupted or failed send says

sent-column-to = TO
sent-column-time = SENT
sent-state-prepared = prepared (not sent)
sent-state-submitted = submitted (may have been sent)
sent-state-stored = stored at the relay
sent-expired = expired, can no longer be sent
sent-none = Nothing sent yet.
sent-unfinished = Not yet stored at the relay: { $count }. Finish with: { $command }
sent-nothing-to-resend = Nothing to send again: every envelope asked for is stored at the relay, or its lifetime is over (see `poc sent`).
sent-resent = { $id } to { $to }: { $state }
outbox-interrupted = Interrupted.
outbox-nothing-sent = Interrupted: nothing was sent.
outbox-stored = stored at the relay: { $id } to { $to }
outbox-submitted = may have been sent (submitted, no answer from the relay): { $id } to { $to }
outbox-prepared = not sent: { $id } to { $to }
outbox-finish = Every envelope is kept in the outbox (`poc sent`). To finish the send without anyone getting a second copy: { $command }

## Large attachments (files carried in parts)

type-attachment-part = Attachment part
label-part = Part
attachment-part-headline = part { $part } of a file of message { $message }
attachment-complete = complete, SHA-256 checked
attachment-incomplete = { $received } of { $total } parts received
attachment-invalid = INVALID: { $reason }
attachment-not-saved = { $name } not saved: { $state }; run `poc inbox` to fetch the missing parts, then save again
attachment-sending-parts = sending attachment parts
attachment-checking-parts = checking attachment parts

## The custodian's HTML campaign report.
report-html-untitled = Ping campaign of { $started }
report-html-campaign-id = Campaign { $id }
report-html-times = All times are in UTC.
report-html-follow-up = To follow up
report-html-follow-up-intro =
    { $count ->
        [one] { $count } PoC gave no valid answer: call or write to it.
       *[other] { $count } PoCs gave no valid answer: call or write to them.
    }
report-html-follow-up-none = Every PoC gave a valid answer.
report-html-organisation = Organisation
report-html-email = E-mail
report-html-phone = Telephone
report-html-bundle = Proof bundle: { $file } (SHA-256 { $sha256 })
report-html-no-bundle = No proof bundle was written with this report ({ $command } writes one).
report-html-custodian = Custodian key fingerprint: { $fingerprint }
report-html-chart-item =
    { $count ->
        [one] { $label }: { $count } PoC
       *[other] { $label }: { $count } PoCs
    }

## Terminal: passphrase questions, the custodian fingerprint at enrolment, guided send

passphrase-prompt = Passphrase of { $id } (home { $home }):
passphrase-prompt-new = New passphrase for { $id } (home { $home }):
passphrase-prompt-repeat = Type the new passphrase again:
passphrase-wrong =
    { $left ->
        [one] Wrong passphrase; { $left } try left.
       *[other] Wrong passphrase; { $left } tries left.
    }
passphrase-differ = The two passphrases differ; choose it again.
passphrase-empty = The passphrase is empty; type one.
passphrase-too-short = Too short: use at least { $min } characters.
passphrase-weak = This passphrase is too easy to guess: { $reason } (strength { $score } of 4, { $needed } needed). Use several uncommon words, or a longer phrase.
passphrase-reason-keyboard = a keyboard pattern
passphrase-reason-repeats = repeated characters or words
passphrase-reason-common = a common password
passphrase-reason-sequence = a sequence
passphrase-reason-dates = a date or a year
passphrase-reason-word = a single word
passphrase-reason-names = names
passphrase-reason-guessable = too few possible guesses
init-custodian-fingerprint = Invitation for { $id }. Fingerprint of the custodian key: { $fingerprint }
init-compare = Ask the custodian to read its fingerprint to you over the phone, and compare every group.
init-confirm = Does this fingerprint match what the custodian read to you?
guided-to = To (a PoC id, a State code, or part of a name):
guided-to-chosen = To: { $poc }
guided-to-none = No PoC of the directory matches “{ $answer }”.
guided-to-close = No PoC of the directory matches “{ $answer }”: did you mean { $close }?
guided-to-pick = Which one (1 to { $count }, or its id)?
guided-type = Type ({ $choices }):
guided-priority = Priority ({ $choices }):
guided-tlp = TLP label ({ $choices }) [{ $default }]:
guided-field = { $label } ({ $field }; Enter to leave empty):
guided-field-choice = { $label } ({ $field }: { $choices }; Enter to leave empty):
guided-confirm = Send this message?

# Recipients, confirmations and message language (send, forward, compose)
prompt-yes-no = [y/N]
prompt-yes-words = y, yes
confirm-send-tlp = This message is TLP:{ $tlp } and will go to { $count ->
        [one] one person
       *[other] { $count } people
    }: { $recipients }. Send?
confirm-send-tlp-states = This message is TLP:{ $tlp } and will go to { $count ->
        [one] one person
       *[other] { $count } people
    } of { $states }: { $recipients }. Send?
confirm-send-states = This message will go to { $count ->
        [one] one person
       *[other] { $count } people
    } of { $states }: { $recipients }. Send?
line-forward-warning = warning: this notice is TLP:{ $tlp }; forwarding takes its evidence outside the directory, to { $recipient }
confirm-forward = Forward it?
line-not-sent = Nothing was sent.
line-tlp-white = note: TLP:WHITE is called TLP:CLEAR since TLP 2.0; the message is labelled CLEAR
language-unspecified = unspecified

# Inbox for people: received time, unread marker, reading and answering a ping.
inbox-column-received = RECEIVED
inbox-unread = new
read-ping-answer = To answer this ping: poc ack { $id } (before { $deadline }).
read-ping-late = This ping is late: its deadline ({ $deadline }) has passed. Answer anyway with poc ack { $id }; the custodian will count the answer as late.
read-ping-answered = You answered this ping at { $time }.
ack-ping-already = You already answered this ping at { $time }: that first answer stands, and nothing was sent again.

## Relay down and directory expiry: lines on stderr

line-connecting-relay = connecting to the relay at { $address }…
line-relays-not-reached = not reached this time: { $relays }; the copies they lack are sent by the next command that reaches them
line-watch-connected = connected to the relay at { $address }
line-relay-lost = the relay at { $address } has not been reached for { $seconds } s
line-relay-back = the relay at { $address } is reachable again
line-on-lost-failed = warning: the --on-lost command failed: { $error }
line-directory-offered-expired = WARNING: the custodian's directory serial { $offered } had already expired ({ $time }) when it arrived; the directory in force (serial { $serial }) is still valid and stays in use. Ask the custodian to publish a new one.

# State names in the reader's language (directory entries)
directory-entry-state = State
directory-column-state = STATE

# Attachment parts in the outbox.
outbox-parts = attachment parts of { $id } to { $to }: { $stored } of { $total } stored at the relay, { $submitted } may have been sent, { $prepared } not sent
sent-parts = { $stored } of { $total } parts stored

# Paged fetch, orphan parts and local deletion.
inbox-fetch-progress = fetching: { $envelopes } envelopes ({ $size }) stored and removed from the relay, { $pages } pages
inbox-orphan-parts = { $count ->
        [one] one attachment part
       *[other] { $count } attachment parts
    } ({ $size }) from { $sender } that no message names; `poc delete --orphans --from { $sender }` removes them
confirm-delete = Delete from this computer { $messages ->
        [one] one message
       *[other] { $messages } messages
    } and { $parts ->
        [one] one attachment part
       *[other] { $parts } attachment parts
    } ({ $size })? The relay no longer holds them: they will be gone.
line-deleted = Deleted from this computer: { $messages ->
        [one] one message
       *[other] { $messages } messages
    } and { $parts ->
        [one] one attachment part
       *[other] { $parts } attachment parts
    } ({ $size }).
line-nothing-to-delete = Nothing to delete.
line-fetch-interrupted = Interrupted. { $envelopes } envelopes ({ $size }) were stored in this home and removed from the relay; anything not stored is still at the relay: run `poc inbox` again to fetch it.

# Ping campaigns and directory notices through the outbox.
outbox-campaign = campaign { $campaign }: { $stored } pings stored at the relay, { $submitted } may have been sent (submitted, no answer from the relay), { $prepared } not sent

# Teams: members of a PoC.
custodian-member-invitation-written = invitation for member "{ $label }" of { $id } written to { $file }
custodian-member-added = member "{ $label }" added to { $id } (members: { $members }); it can act for { $id } after the next `poc custodian publish`
custodian-member-already-added = member "{ $label }" of { $id } was already added; nothing changed
member-request-from = request from a new member "{ $label }" of { $id }
member-request-cosigned = co-signed by the member "{ $by }" of the same PoC: no check by phone is needed
custodian-member-revoked = key { $fingerprint } of member "{ $label }" of { $id } revoked; { $id } goes on with { $members }; it takes effect at the relay with the next `poc custodian publish`
result-initialised-member = created the keys of member "{ $label }" of { $id } in { $home }
result-member-request = member request: { $path }
result-initialised-member-next = Next: give the request file to a current member of { $id } and show them this fingerprint; they co-sign it (`poc team cosign FILE`) and send it to the custodian. Once the custodian has published, run `poc directory sync`.
team-cosigned = co-signed the request of "{ $label }" for { $id }: { $file }; send this file to the custodian (`poc custodian add FILE`)
team-cosigned-first = This key joins the request as the member "{ $label }": from the next publication your PoC is a team.
team-cosign-confirm = Does this fingerprint match the one on the new member's screen?
team-heading = { $id }: { $count ->
    [one] 1 member
   *[other] { $count } members
} (directory serial { $serial })
team-member = { $name }, fingerprint { $fingerprint }
team-member-cosigned = co-signed by { $by }
team-member-you = this device

# Team members: own key rotation, removal requests, members shown.
label-member = Team member
label-reason = Reason
changed-field-member = member
member-key-request = new key for member "{ $label }" of { $id }
member-removal-request = removal of member "{ $label }" of { $id }
team-removal-sent = asked the custodian ({ $to }) to remove member "{ $label }" of { $id } (request { $envelope }); it takes effect once the custodian approves it and publishes
members-of = members of { $id }:

## Team history: the team's own outgoing messages and acknowledgements
inbox-team-sent = sent by { $sender } to { $to }
inbox-acked-by = acknowledged by { $member }
send-team-copy-not-stored = { $id }: your team's copy for { $labels } was not stored (their mailbox at the relay is full); the recipient has the message.

## poc ui: the browser interface
ui-title = PoC Relay
ui-nav-inbox = Inbox
ui-nav-compose = Write
ui-nav-directory = Directory
ui-nav-custodian = Custodian
ui-nav-campaigns = Ping campaigns
ui-nav-team = Team
ui-nav-profile = My contact details
ui-lock = Lock
ui-language = Language
ui-skip-to-content = Skip to content
ui-unlock-help = Your keys stay on this computer. The passphrase unlocks them for this window only; they are locked again after the idle time below, or when you close PoC Relay.
ui-passphrase = Passphrase
ui-idle-minutes = Lock after (minutes idle)
ui-idle-help = From 1 to 480 minutes.
ui-unlock = Unlock
ui-wrong-passphrase = Wrong passphrase: type it again (it is case-sensitive).
ui-locked = Locked. Unlock again to continue.
ui-inbox-empty = No messages.
ui-inbox-new = new
ui-inbox-refresh = Fetch now
ui-inbox-live = New messages appear here without reloading the page.
ui-notify-enable = Alert me for HIGH priority
ui-notify-high = HIGH priority message received
ui-unread = Unread
ui-received = Received
ui-invalid = INVALID
ui-invalid-help = This message cannot be trusted: its signature or its sender did not verify. Do not act on it; tell the custodian.
ui-signature-verified = Signature verified against the directory
ui-signature-invalid = Signature NOT verified
ui-acknowledge = Acknowledge receipt
ui-acknowledged = Acknowledged
ui-ack-sent = Signed acknowledgement sent.
ui-reply = Reply
ui-thread-title = Conversation
ui-print = Print record
ui-download = Download
ui-back = Back
ui-error-title = Something went wrong
ui-forbidden-title = Access refused
ui-forbidden-help = Open the address that `poc ui` printed in its terminal, in this browser.
ui-launch-used = This address was already used once. Stop `poc ui` and start it again for a new one. If you did not open it yourself, someone else on this computer may have: tell your IT security officer.
ui-not-found = Not found: this page or message does not exist here.
ui-ping-answer-by = This is a communication check from the custodian: acknowledge it before
ui-ping-late = This communication check is late: its deadline has passed. Acknowledge it anyway; the custodian counts the answer as late
ui-listening = PoC Relay is open in your browser at this address (only this computer can reach it; the address works once):
ui-stop-hint = Press Ctrl-C here to stop it; your keys are locked when it stops.
ui-print-title = Record of a message
ui-printed-at = Record made on
ui-signed-by = Signed by
ui-signer-key = Fingerprint of the signing key
ui-verified-against = Signature verified against the directory, serial
ui-receipt-sent = Signed acknowledgement of receipt sent on
ui-no-receipt = No acknowledgement of receipt sent yet.
ui-print-button = Print or save as PDF
ui-thread-sent = sent by this PoC
ui-thread-received = received, signature verified
ui-directory-title = Directory of Points of Contact
ui-directory-serial = Directory in force, serial
ui-country = State
ui-role = Role
ui-organisation = Organisation
ui-languages = Languages
ui-time-zone = Time zone
ui-contact = Contact
ui-members = Members
ui-profile-help = Changes are sent to the custodian as a signed request; they appear in the directory once the custodian approves and publishes them.
ui-emails = E-mail addresses
ui-phones = Telephone numbers
ui-webpage = Web page
ui-list-help = One per line.
ui-send-update = Send the request to the custodian
ui-update-sent = Request sent to the custodian.
ui-rotate-title = Replace my keys
ui-rotate-help = Creates a new key pair on this computer and asks the custodian to switch to it. Read the new fingerprint to the custodian by telephone when asked. The old key keeps working until the custodian publishes the change.
ui-rotate-confirm = I want to replace the keys of this computer.
ui-rotate-button = Create new keys and ask the custodian
ui-rotate-sent = New keys created and the request sent. Fingerprint to read to the custodian:
ui-team-title = Members of this Point of Contact
ui-team-you = this computer
ui-fingerprint = Fingerprint
ui-added-at = Added
ui-cosigned-by = Co-signed by
ui-one-key = This Point of Contact is held by one key.


## poc ui: writing a message and replying
ui-compose-title = Write a message
ui-compose-kind = Message type
ui-compose-recipients = Recipients
ui-compose-recipients-help = Tick one or more PoCs, or every PoC of a State.
ui-compose-every-poc = every PoC
ui-compose-priority = Priority
ui-compose-priority-high-help = needs attention now, day or night
ui-compose-priority-medium-help = within the working day
ui-compose-priority-low-help = for information, no hurry
ui-compose-tlp = Handling (TLP)
ui-compose-tlp-clear-help = no limit on sharing
ui-compose-tlp-green-help = may be shared within the community, not publicly
ui-compose-tlp-amber-help = only within the recipient's organisation and its clients, on a need-to-know basis
ui-compose-tlp-amber-strict-help = only within the recipient's organisation
ui-compose-tlp-red-help = for the named recipients only, no further sharing
ui-compose-language = Language of the message
ui-compose-language-unspecified = not specified
ui-compose-exercise = Part of an exercise
ui-compose-attachments = Attachments
ui-compose-attachments-help = The files travel encrypted inside the message. Largest total:
ui-compose-fields = Content
ui-compose-fields-help = Fill in what you know; every field is optional except the text of a text message.
ui-compose-choose = choose
ui-compose-send = Send
ui-compose-confirm-title = Confirm before sending
ui-compose-confirm-tick = I have checked the recipients and the handling label: send it.
ui-compose-not-sent-yet = Nothing has been sent yet.
ui-compose-sent-title = Sent
ui-compose-sent-help = The relay holds one envelope for each recipient:
ui-compose-envelope = Envelope
ui-compose-recipient = Recipient
ui-compose-team-copy-missing = Not kept in the shared history of these members of your PoC (their mailbox is full):
ui-compose-write-another = Write another message
ui-compose-no-directory = There is no directory on this computer yet: open the inbox once to fetch it, then come back.
ui-compose-help-reference = your own reference for this case
ui-compose-help-summary = one line: what happened
ui-compose-help-description = what you know so far, in your own words
ui-compose-help-incident-class = the class of the reference taxonomy
ui-compose-help-time-detected = when it was detected, with the time zone
ui-compose-help-affected-sector = energy, health, finance, government…
ui-compose-help-affected-systems = which systems or services are hit
ui-compose-help-indicators = addresses, domains, hashes: one per line
ui-compose-help-actions-taken = what you have done already
ui-compose-help-assistance-requested = what you ask of the recipient
ui-compose-help-requested-response-time = by when you need an answer
ui-compose-help-follow-up-contact = who to call or write to about it
ui-compose-help-nature = what kind of help you ask for
ui-compose-help-related-incident = the reference of the incident it concerns
ui-compose-help-details = the request in your own words
ui-compose-help-legal-context = the legal basis or framework, if any
ui-compose-help-subject = one line
ui-compose-help-text = the message, as you want it read
ui-compose-reply-title = Reply with a status
ui-compose-reply-to = In reply to
ui-compose-reply-status-help = where the matter stands on your side
ui-compose-reply-tlp-original = as the original message
ui-compose-reply-sent = Reply sent:


## The custodian's pages of the browser interface
ui-custodian-title = Directory custodian
ui-custodian-enrol-title = Enrolment request
ui-custodian-enrol-help = Open the enrolment-request.txt file the PoC sent you, or paste its text.
ui-custodian-enrol-file = Request file
ui-custodian-enrol-paste = Or paste the request
ui-custodian-enrol-show = Show the request
ui-custodian-enrol-empty = Choose a request file or paste its text first.
ui-custodian-fingerprint-help = Read this fingerprint to the PoC by phone; they read theirs with poc whoami. Approve only if every group matches.
ui-custodian-confirm-fingerprint = I confirmed this fingerprint with the PoC by phone
ui-custodian-approve = Approve
ui-custodian-reject = Reject
ui-custodian-added = Added. Publish the directory to include it.
ui-custodian-already-added = This request was already added.
ui-custodian-not-confirmed = Nothing was added: tick the box once you have confirmed the fingerprint with the PoC by phone.
ui-custodian-updates-title = Update requests
ui-custodian-no-updates = No update request is waiting.
ui-custodian-rotation = This request changes a signing key: confirm the new fingerprint with the PoC by phone before approving.
ui-custodian-reason = Reason
ui-custodian-approved = Approved. Publish the directory to apply it.
ui-custodian-rejected = Rejected.
ui-custodian-publish-title = Publish the directory
ui-custodian-publish-help = Signs every accepted entry into a new directory, valid for 90 days, and tells every PoC.
ui-custodian-publish = Publish
ui-custodian-published = Directory published
ui-custodian-serial = Serial
ui-custodian-entries = Entries
ui-custodian-notified = PoCs notified
ui-custodian-revoke-title = Revoke a PoC
ui-custodian-revoke-help = Its keys leave the next directory and are listed as revoked; the reason is published with them.
ui-custodian-revoke = Revoke…
ui-custodian-revoke-ask = Revoke the keys of this PoC? This cannot be undone: it will need new keys from a new invitation.
ui-custodian-revoke-confirm = Yes, revoke its keys
ui-custodian-revoked = Revoked. Publish the directory to apply it.
ui-custodian-campaigns-title = Ping campaigns
ui-custodian-no-campaigns = No campaign yet.
ui-custodian-start-title = Start a campaign
ui-custodian-target-all = Every PoC in the directory
ui-custodian-target-to = PoC ids or State codes (comma-separated)
ui-custodian-target-role = Only this role
ui-custodian-any-role = Any role
ui-custodian-deadline = Time to answer (e.g. 72h, 3d)
ui-custodian-note = Note shown to the PoCs
ui-custodian-exercise = Part of an exercise
ui-custodian-start = Start the campaign
ui-custodian-live = This status refreshes by itself every 5 seconds.
ui-custodian-remind = Remind those who have not answered
ui-custodian-reminded = Reminded:
ui-custodian-nobody-to-remind = Everyone has answered: nobody to remind.
ui-custodian-not-pinged = Not reached (relay mailbox full):
ui-custodian-report = Report
ui-custodian-bundle = Download the proof bundle
ui-custodian-bundle-help = Anyone can re-verify it offline with poc ping verify and the custodian's public key.
ui-custodian-answered-by = Answered by
ui-custodian-chart-outcomes = Answers
ui-custodian-by-role = By role
ui-custodian-by-state = By State
ui-custodian-exercise-mark = EXERCISE
ui-custodian-status = Status

## Browser interface: member requests in the custodian's enrolment box, and the message types of the compose form
ui-members-box-help = The same box takes a member request (member-request.txt): a new person or device for a PoC already in the directory.
ui-members-title = Member request
ui-members-label = Member label
ui-members-poc = Point of Contact
ui-members-cosigned-help = A current member of this PoC co-signed the request and vouches for the new key: no phone confirmation is needed.
ui-members-not-cosigned-help = Nobody in this PoC co-signed the request: call the PoC on a number you already know and compare this fingerprint before adding it.
ui-members-after = Members after the addition
ui-members-add = Add this member
ui-members-added = Member added. Publish the directory so that it can act for the PoC.
ui-members-already-added = This member was already added: nothing changed.
ui-members-not-confirmed = Nothing was added: nobody in the PoC co-signed this request, so tick the box once you have confirmed the fingerprint by phone.
ui-members-not-a-request = This is neither an enrolment request nor a member request: choose the file the PoC sent, or paste all of its text from the BEGIN line to the END line.
ui-compose-kind-incident-help = tell other PoCs about an incident: what happened, its class, its indicators and what you did
ui-compose-kind-assistance-help = ask another State for help: what you need, by when, and under which legal framework
ui-compose-kind-response-help = tell a sender where their notification or request stands (received, in progress, resolved...); to answer one message in its thread, use Reply on that message
ui-compose-kind-text-help = any other message, with a subject and a text
ui-compose-help-status = where the matter stands on your side (required for a status response)

## poc ui: the custodian's exercises
ui-exercise-nav = Exercises
ui-exercise-title = Exercises run from this home
ui-exercise-no-exercises = No exercise has been run from this home yet.
ui-exercise-run-title = Run an exercise
ui-exercise-run-help = Choose a scenario file or paste its text. You will see every inject before anything is sent.
ui-exercise-file = Scenario file (TOML)
ui-exercise-paste = Or paste the scenario
ui-exercise-speed = Speed
ui-exercise-speed-help = 1 plays the scenario in real time; 60 plays one minute per second.
ui-exercise-preview = Show the injects
ui-exercise-preview-help = Nothing has been sent yet. Check who receives what and when, then run the exercise.
ui-exercise-run = Run the exercise now
ui-exercise-recipients = Recipients
ui-exercise-type = Message
ui-exercise-at = Sent after
ui-exercise-deadline = Time to answer
ui-exercise-live = This page updates itself; you may leave it and come back. Injects leave only while this home is unlocked.
ui-exercise-running = Running
ui-exercise-waiting-unlock = Waiting: the identity is locked. Unlock to send the next inject.
ui-exercise-finished = Every inject has been sent.
ui-exercise-failed = Stopped by an error:
ui-exercise-sent-of-due = Envelopes sent / due
ui-exercise-next-due = Next inject
ui-exercise-report = After-action report
ui-exercise-download-json = Download the report (JSON)
ui-exercise-empty = Choose a scenario file or paste a scenario first.
ui-exercise-bad-speed = The speed must be a whole number from 1 to 100000; correct it and try again.
ui-exercise-in-inject = In inject
ui-exercise-fault-unreadable = The scenario file cannot be read as text; choose the TOML file of the scenario.
ui-exercise-fault-toml = The scenario is not valid TOML or has fields a scenario does not have; correct it and try again. Nothing was sent.
ui-exercise-fault-no-injects = The scenario has no [[inject]]; add at least one and try again. Nothing was sent.
ui-exercise-fault-duration = A time in the scenario is not a duration (write it like 30m or 2h); correct it and try again. Nothing was sent.
ui-exercise-fault-value = A priority, TLP label or expected status in the scenario does not exist; correct it and try again. Nothing was sent.
ui-exercise-fault-recipients = A recipient of the scenario is not in the directory (use PoC ids like MEX.technical or State codes); correct it and try again. Nothing was sent.
ui-exercise-fault-message = An inject's message type or fields are not those of a template; correct them and try again. Nothing was sent.

## Disk faults
disk-full = The disk that holds your PoC home is full: free some space, then run the command again.

## Relay list: the custodian's relay commands and `directory relays`
relay-added = relay { $address } added to the next directory (relays: { $count }, k = { $k }); publish it with `poc custodian publish`
relay-removed = relay { $address } removed from the next directory (relays: { $count }, k = { $k }); publish it with `poc custodian publish`
relays-k-set = the next directory sets k = { $k } (relays: { $count }): an envelope counts as stored once k relays hold it; publish it with `poc custodian publish`
relay-list-in-force = Relays of directory { $serial } in force (k = { $k }):
relay-list-nothing-published = No directory is published yet.
relay-list-next = Relays of the next publication (k = { $k }):
relay-line = { $address }  operator: { $operator }  region: { $region }  pin { $pin }
relay-pending-added = to add: { $addresses }
relay-pending-removed = to remove: { $addresses }
relay-pending-changed = to change: { $addresses }
relay-pending-k = k becomes { $k }
relay-pending-publish = Waiting for `poc custodian publish`:
relay-no-change = No change waits for publication.
directory-relays = Directory { $serial } (relays: { $count }, k = { $k }): an envelope counts as stored once k relays hold it:
directory-relays-configured = The directory lists no relay: this home uses the relay it was set up with (k = 1):

//! Command-line arguments of `poc`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use poc_proto::{PocId, Priority, Role, Tlp};

use crate::compose::Kind;

/// PoC Relay: end-to-end encrypted, signed communication between the Points of Contact of the
/// UN Global PoC Directory (ICT security).
///
/// Technical PoCs send incident notifications, diplomatic PoCs send assistance requests;
/// every message is signed, encrypted to the recipient's key from the custodian-signed
/// directory, and carried by a relay that cannot read it.
///
/// Getting started as a PoC: `poc init --invite FILE ...`, send the request file to the
/// custodian, then `poc directory sync`, `poc send`, `poc inbox`, `poc read`, `poc ack`.
/// To see everything at once: `poc-demo`, a separate program with an embedded relay.
///
/// The passphrase of the identity is read from the file named by POC_PASSPHRASE_FILE (mode
/// 0600 or 0400, for services), from POC_PASSPHRASE, or asked on the terminal.
///
/// Exit codes: 0 success; 1 verification failed or nothing found; 2 usage or runtime error.
#[derive(Debug, Parser)]
#[command(name = "poc", version, max_term_width = 100)]
pub struct Cli {
    /// Home directory of this PoC's identity and data [default: $POC_HOME, else the user data dir].
    #[arg(long, global = true, value_name = "DIR")]
    pub home: Option<PathBuf>,
    /// Print machine-readable JSON on stdout.
    #[arg(long, global = true)]
    pub json: bool,
    /// How long a command may wait for a relay that is unreachable, restarting or busy,
    /// counted from its first attempt and since each answer (e.g. 30s, 2m): connecting and
    /// retrying end by then, give or take a second (a request the relay is already answering
    /// gets its own 60 s). 0: one attempt, no retry. Pauses start at 0.25 s and double up to
    /// 4 s; each retry is reported on stderr.
    #[arg(
        long,
        global = true,
        value_name = "DURATION",
        env = "POC_RETRY_FOR",
        default_value = "30s",
        value_parser = parse_retry_for
    )]
    pub retry_for: std::time::Duration,
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create this PoC's identity from a custodian invitation and write an enrolment request.
    ///
    /// Generates an ed25519 signing key and an age X25519 encryption key, stores them
    /// encrypted with your passphrase (file mode 0600), pins the custodian key and relay from
    /// the invitation, and writes a self-signed enrolment request. Send that file to the
    /// custodian and read them the fingerprint over the phone.
    Init(InitArgs),
    /// Show this PoC's id, fingerprint, custodian and relay.
    Whoami,
    /// Read and refresh the directory of Points of Contact.
    #[command(subcommand)]
    Directory(DirectoryCommand),
    /// Send an incident notification or a text message to one or more PoCs.
    ///
    /// The message is signed with your key, encrypted to each recipient's key from the
    /// directory, padded to hide its length, and submitted to the relay. The command returns
    /// only after the relay has stored the envelopes on disk.
    #[command(
        after_help = "Example: poc send --to MEX.technical --type incident --priority high \\\n    --field summary=\"Ransomware at port\" --field indicators=198.51.100.7,evil.example"
    )]
    Send(SendArgs),
    /// Fetch new envelopes from the relay and list the inbox (highest priority first).
    ///
    /// Fetched envelopes are stored in the home directory (still encrypted) before they are
    /// removed from the relay. Receipts for messages you sent are shown as verified when the
    /// recipient's signature checks out.
    Inbox {
        /// List the local inbox without contacting the relay.
        #[arg(long, conflicts_with = "watch")]
        offline: bool,
        /// Stay connected and print each arrival as the relay pushes it (Ctrl-C to stop).
        #[arg(long)]
        watch: bool,
        /// With --watch: run this shell command for every verified high-priority arrival. It
        /// gets POC_ENVELOPE_ID, POC_SENDER, POC_PRIORITY and POC_TYPE in its environment,
        /// never the content (e.g. to page the officer on call).
        #[arg(long, value_name = "CMD", requires = "watch")]
        on_high: Option<String>,
        /// With --watch: acknowledge the custodian's pings automatically. Such
        /// acknowledgements are marked automatic, so reports tell people from machines.
        #[arg(long, requires = "watch")]
        auto_ack_pings: bool,
        /// Colour the listing: auto (when stdout is a terminal and NO_COLOR is not set),
        /// always, or never.
        #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
        color: crate::cli::colour::ColorChoice,

        /// With --watch: run this shell command (`sh -c`) once when the relay has not been
        /// reached for --lost-after, and again only after it was reached and lost again
        /// (e.g. to tell the officer on call that alerting is down). It gets POC_RELAY (the
        /// relay address) and POC_LOST_SECS in its environment.
        #[arg(long, value_name = "CMD", requires = "watch")]
        on_lost: Option<String>,
        /// With --watch: how long the relay may stay unreached before it counts as lost
        /// (logged on stderr, --on-lost run), e.g. 30s, 5m.
        #[arg(
            long,
            value_name = "DURATION",
            requires = "watch",
            default_value = "2m",
            value_parser = parse_lost_after
        )]
        lost_after: std::time::Duration,
    },
    /// Delete messages from this computer, with their attachment parts and read state.
    ///
    /// Local only: the relay deleted them when they were fetched, so they are gone for good.
    /// What you sent (`poc sent`) is kept. Asks first on a terminal.
    ///
    /// Example: poc delete 3f2a 9c41, or poc delete --orphans --from MAR.technical
    Delete {
        /// Envelope ids, or unique prefixes (as listed by `poc inbox`).
        #[arg(required_unless_present = "orphans", conflicts_with = "orphans")]
        ids: Vec<String>,
        /// Delete the attachment parts no message names (`poc inbox` lists them).
        #[arg(long)]
        orphans: bool,
        /// With --orphans: only the parts from this PoC id.
        #[arg(long, value_name = "ID", requires = "orphans")]
        from: Option<String>,
        /// Delete without asking (needed without a terminal).
        #[arg(long)]
        yes: bool,
    },
    /// Decrypt, verify and show one message, labelled in your language.
    Read {
        /// Envelope id, or a unique prefix of it (as listed by `poc inbox`).
        id: String,
        /// Language of the labels: ar, zh, en, fr, ru, es [default: your first language].
        #[arg(long)]
        lang: Option<String>,
        /// Save the message's attachments into this directory.
        #[arg(long, value_name = "DIR")]
        save_attachments: Option<PathBuf>,
    },
    /// Answer a message with a status (in its thread).
    ///
    /// Example: poc reply 3f2a --status channelled --text "Passed to the national police"
    Reply {
        /// Envelope id (or unique prefix) of the message to answer.
        id: String,
        /// received, channelled, in_progress, resolved or declined.
        #[arg(long)]
        status: String,
        /// Free text.
        #[arg(long)]
        text: Option<String>,
        /// Priority of the answer.
        #[arg(long, default_value = "medium")]
        priority: Priority,
        /// Handling label [default: the original's].
        #[arg(long)]
        tlp: Option<Tlp>,
    },
    /// Show a whole conversation in order, with each message's signature state.
    Thread {
        /// Any envelope id (or unique prefix) of the conversation.
        id: String,
        /// Language of the labels [default: your first language].
        #[arg(long)]
        lang: Option<String>,
    },
    /// Write a message as a standard age file for a national authority outside the directory.
    ///
    /// The file holds the original signed message (sender key, signature, signed bytes) so
    /// its origin stays verifiable; the authority opens it with any age tool, e.g.
    /// `age -d -i key.txt FILE`.
    Forward {
        /// Envelope id (or unique prefix).
        id: String,
        /// The authority's age public key (age1...).
        #[arg(long)]
        age_recipient: String,
        /// The file to write (must not exist).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Forward a TLP:RED or AMBER+STRICT notice without asking (needed without a terminal).
        #[arg(long)]
        yes: bool,
    },
    /// Print a message with its evidence (signature, signed bytes) for case-management systems.
    Export {
        /// Envelope id (or unique prefix).
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
    },
    /// Write a commented message template (TOML) to fill in and send with `poc send --file`.
    Compose {
        /// Which template.
        #[arg(long = "type", value_enum)]
        kind: Kind,
        /// Write to this file instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Send a signed receipt for a message back to its sender.
    ///
    /// Receipts are signed and therefore non-repudiable: the sender can prove you received
    /// the message.
    Ack {
        /// Envelope id, or a unique prefix of it.
        id: String,
    },
    /// List what you sent, with how far each envelope went; finish an interrupted send.
    ///
    /// Every envelope is recorded before it leaves: prepared (nothing sent), submitted (handed
    /// to the relay, no answer: it may have been stored), stored (the relay has it).
    /// `--resend` submits the same envelope again, so the relay keeps a single copy.
    ///
    /// Example: poc sent --resend 3f2a
    Sent {
        /// Submit these envelopes again (ids or unique prefixes, as listed).
        #[arg(long, value_name = "ID", num_args = 1.., conflicts_with = "resend_all")]
        resend: Vec<String>,
        /// Submit again every envelope not yet stored whose lifetime is not over.
        #[arg(long)]
        resend_all: bool,
    },
    /// Ask the custodian to change your directory entry (contact details).
    ///
    /// Sends a signed update request through the relay; the change takes effect when the
    /// custodian approves it and publishes the next directory. List options replace the
    /// current list.
    Update(UpdateArgs),
    /// Manage your own keys.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// The members of your PoC: people and devices acting for it, each with its own keys.
    ///
    /// A new member (a second shift laptop, a deputy) gets an invitation from the custodian
    /// (`poc custodian invite ID --member LABEL`), runs `poc init --invite FILE` on its own
    /// machine, and hands you its request file; you check its fingerprint with the person and
    /// co-sign it here, then send the co-signed file to the custodian.
    #[command(subcommand)]
    Team(TeamCommand),
    /// Custodian tools: identity, relay, invitations, enrolment, publication.
    #[command(subcommand)]
    Custodian(CustodianCommand),
    /// Custodian: communication checks (ping campaigns) and the reports that prove them.
    #[command(subcommand)]
    Ping(PingCommand),
    /// Scenario-based exercises: timed injects and the after-action report.
    #[command(subcommand)]
    Exercise(ExerciseCommand),
    /// Open PoC Relay in your web browser: the inbox, messages, writing, the directory,
    /// your team, and the custodian's pages.
    ///
    /// Serves a web interface on this computer only (127.0.0.1, a free port unless --port),
    /// prints its address with a one-time secret and opens your default browser on it. Your
    /// keys stay on this computer: unlock them in the page with your passphrase; they are
    /// locked again after the idle time you choose, and when this command stops (Ctrl-C).
    /// The address works once: to open the interface in another browser, start `poc ui`
    /// again.
    #[cfg(feature = "ui")]
    Ui {
        /// Port to listen on (0: any free port).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Loopback address to listen on: 127.0.0.1 or ::1 (any other address is refused).
        #[arg(long, default_value = "127.0.0.1")]
        address: std::net::IpAddr,
        /// Print the address but do not open a browser.
        #[arg(long)]
        no_browser: bool,
    },
    /// Not part of `poc`: explains that the demo is the separate program `poc-demo`.
    #[command(hide = true)]
    Demo,
}

/// `poc init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The invitation file from the custodian.
    #[arg(long, value_name = "FILE")]
    pub invite: PathBuf,
    /// This PoC's id; must match the invitation (e.g. FRA.technical; case does not matter).
    #[arg(long, value_parser = parse_poc_id)]
    pub id: Option<PocId>,
    #[command(flatten)]
    pub profile: ProfileArgs,
    /// Where to write the enrolment request [default: HOME/enrolment-request.txt].
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Accept the custodian fingerprint of the invitation without asking (for scripts: compare
    /// it first with the one the custodian reads to you over the phone).
    #[arg(long)]
    pub yes: bool,
}

/// Contact details of a PoC.
#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// Organisation name, e.g. "CERT-FR" or "Ministry of Foreign Affairs" (required for a new
    /// PoC; a new member of an existing PoC takes its contact details from the directory).
    #[arg(long, default_value = "", hide_default_value = true)]
    pub org_name: String,
    /// E-mail address (repeat or separate with commas; functional addresses are welcome).
    #[arg(long, value_delimiter = ',')]
    pub email: Vec<String>,
    /// Telephone number (repeat or separate with commas).
    #[arg(long, value_delimiter = ',')]
    pub phone: Vec<String>,
    /// Operational languages, preferred first (BCP 47, e.g. fr,en).
    #[arg(long, value_delimiter = ',', default_value = "en")]
    pub lang: Vec<String>,
    /// Organisation web page.
    #[arg(long)]
    pub webpage: Option<String>,
    /// IANA time zone, e.g. Europe/Paris.
    #[arg(long)]
    pub time_zone: Option<String>,
}

/// `poc update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// New organisation name.
    #[arg(long)]
    pub org_name: Option<String>,
    /// New e-mail addresses (comma-separated; replaces the list).
    #[arg(long, value_delimiter = ',')]
    pub email: Option<Vec<String>>,
    /// New telephone numbers (comma-separated; replaces the list).
    #[arg(long, value_delimiter = ',')]
    pub phone: Option<Vec<String>>,
    /// New operational languages (comma-separated; replaces the list).
    #[arg(long, value_delimiter = ',')]
    pub lang: Option<Vec<String>>,
    /// New web page.
    #[arg(long)]
    pub webpage: Option<String>,
    /// New time zone.
    #[arg(long)]
    pub time_zone: Option<String>,
}

/// `poc team ...`.
#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// List the members of your PoC in the directory in force.
    List,
    /// Vouch for a new member of your PoC: co-sign its request for the custodian.
    ///
    /// Shows the new member's label and fingerprint: compare the fingerprint with the one
    /// `poc init` showed on the new member's screen before answering yes. Writes the
    /// co-signed request, which replaces the custodian's fingerprint check by phone.
    ///
    /// Example: poc team cosign member-request.txt --out cosigned.txt
    Cosign {
        /// The member request file the new member's `poc init` wrote.
        request: PathBuf,
        /// Where to write the co-signed request [default: REQUEST with `.cosigned.txt`].
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Your own label, when your PoC is still held by your key alone (it becomes a team
        /// with this co-signature) [default: "first member"].
        #[arg(long, value_name = "LABEL")]
        my_label: Option<String>,
        /// Do not ask for confirmation (only after comparing the fingerprint another way).
        #[arg(long)]
        yes: bool,
    },
    /// Ask the custodian to remove a member of your PoC (another one, or this device).
    ///
    /// Sends a signed request through the relay; the custodian approves it
    /// (`poc custodian approve ID`) and publishes, and from then on the member's key no
    /// longer acts for your PoC nor logs in at the relay. The last member cannot be removed.
    ///
    /// Example: poc team remove "laptop 2" --reason "laptop lost"
    Remove {
        /// The member's label, as `poc team list` shows it.
        label: String,
        /// Why, published with the revocation [default: names the member who asked].
        #[arg(long, value_name = "R")]
        reason: Option<String>,
    },
}

/// `poc keys ...`.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Replace your keys (e.g. after a suspected compromise).
    ///
    /// Creates new keys under the same passphrase and sends the custodian a request signed by
    /// the current key. Once the custodian approves and publishes, the next command switches to
    /// the new key; the old key can no longer log in to the relay. Fetch your inbox first:
    /// envelopes still waiting at the relay for the old key cannot be fetched after the switch.
    /// In a team, only this device's keys change; the other members keep theirs.
    Rotate,
}

/// `poc directory ...`.
#[derive(Debug, Subcommand)]
pub enum DirectoryCommand {
    /// Download the directory from the relay if a newer one is published, verify it against
    /// the pinned custodian key, and refuse rollbacks and conflicting versions.
    Sync,
    /// List PoCs.
    List {
        /// Only this State or organisation (e.g. FRA).
        #[arg(long)]
        org: Option<String>,
        /// Only this role.
        #[arg(long, value_parser = parse_role)]
        role: Option<Role>,
        /// Only PoCs working in this language.
        #[arg(long)]
        lang: Option<String>,
    },
    /// Show one PoC with its key fingerprint.
    Show {
        /// PoC id, e.g. MEX.technical (case does not matter).
        #[arg(value_parser = parse_poc_id)]
        id: PocId,
    },
    /// Re-verify the local directory against the pinned custodian key.
    Verify,
    /// Show the relays the directory in force lists and k, how many of them must store an
    /// envelope before its sender is told it is stored.
    Relays,
}

/// A role in any case, with a "did you mean" for a near miss ([`crate::ids::parse_role`]).
fn parse_role(s: &str) -> Result<Role, String> {
    crate::ids::parse_role(s).map_err(|e| e.to_string())
}

fn parse_duration(s: &str) -> Result<u64, String> {
    crate::ops::ping::parse_duration(s).map_err(|e| e.to_string())
}

fn parse_lost_after(s: &str) -> Result<std::time::Duration, String> {
    match humantime::parse_duration(s) {
        Ok(d) if d.is_zero() => Err("the time must be longer than 0 (e.g. 30s, 5m)".into()),
        Ok(d) => Ok(d),
        Err(e) => Err(format!("`{s}` is not a duration (e.g. 30s, 5m): {e}")),
    }
}

fn parse_retry_for(s: &str) -> Result<std::time::Duration, String> {
    if s.trim() == "0" {
        return Ok(std::time::Duration::ZERO);
    }
    humantime::parse_duration(s).map_err(|e| format!("`{s}` is not a duration (e.g. 30s, 2m): {e}"))
}

/// Output formats of `poc export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The evidence as JSON, pretty-printed (`poc-evidence-v2`, docs/PROTOCOL.md); with
    /// --json it is the body of the one JSON document.
    Json,
}

/// `poc send`.
#[derive(Debug, Args)]
pub struct SendArgs {
    /// Recipients, comma-separated: PoC ids (MEX.technical) or a State or organisation code
    /// for all its PoCs (MEX); case does not matter.
    #[arg(long, value_delimiter = ',')]
    pub to: Vec<String>,
    /// Kind of message: incident, assistance, response, text [or `type` in --file].
    #[arg(long = "type", value_enum)]
    pub kind: Option<Kind>,
    /// Priority: high, medium or low [or `priority` in --file].
    #[arg(long)]
    pub priority: Option<Priority>,
    /// Traffic Light Protocol label: clear, green, amber, amber+strict, red [default: amber].
    #[arg(long, value_parser = check_tlp)]
    pub tlp: Option<String>,
    /// A template field, key=value (repeatable). Incident: reference, summary, description,
    /// incident_class, time_detected, affected_sector, affected_systems, indicators,
    /// actions_taken, assistance_requested, requested_response_time, follow_up_contact.
    /// Assistance: reference, nature, related_incident, details, requested_response_time,
    /// legal_context. Response: status, text. Text: subject, text. All optional except the
    /// text of a text message and the status of a response.
    #[arg(long = "field", value_name = "KEY=VALUE")]
    pub fields: Vec<String>,
    /// A message file written from `poc compose` (options given here take precedence).
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    // The help names the limit from its constant (poc_proto::limits::MAX_ATTACHMENT_BYTES).
    #[arg(long = "attach", value_name = "FILE", help = attach_help())]
    pub attach: Vec<PathBuf>,
    /// Language of the content [default: your first language].
    #[arg(long)]
    pub lang: Option<String>,
    /// Mark as part of an exercise.
    #[arg(long)]
    pub exercise: bool,
    /// Envelope this message answers.
    #[arg(long, value_name = "ID")]
    pub thread: Option<poc_proto::EnvelopeId>,
    /// How long the relay keeps it if not fetched (e.g. 72h, 21d).
    #[arg(long, default_value = "21d", value_parser = parse_duration)]
    pub ttl: u64,
    /// Send without asking, also TLP:RED or AMBER+STRICT to several people and to every PoC of
    /// a State (needed without a terminal: scripts).
    #[arg(long)]
    pub yes: bool,
}

/// A PoC id in any case (`mar.technical` is MAR.technical), with a "did you mean" for a
/// misspelt role: the one parser of every PoC id argument ([`crate::ids::parse_id`]).
fn parse_poc_id(s: &str) -> Result<PocId, String> {
    crate::ids::parse_id(s).map_err(|e| e.to_string())
}

/// A TLP label, kept as typed: `white` (TLP 1.0) is taken as CLEAR, and `poc send` says so.
fn check_tlp(s: &str) -> Result<String, String> {
    crate::compose::parse_tlp(s).map(|_| s.to_owned())
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Aligned text.
    Table,
    /// The evidence as JSON, pretty-printed (`poc-evidence-v2`, docs/PROTOCOL.md); with
    /// --json it is the body of the one JSON document.
    Json,
    /// One row per PoC.
    Csv,
    /// A self-contained page with charts.
    Html,
}

/// `poc exercise ...`.
#[derive(Debug, Subcommand)]
pub enum ExerciseCommand {
    /// Run a scenario: send each inject (marked EXERCISE) at its time.
    ///
    /// The scenario is a TOML file of [[inject]] tables (see docs/exercise-example.toml):
    /// at, to, type, priority, fields, expect (ack or reply), expect_status, deadline.
    Run {
        /// The scenario file.
        scenario: PathBuf,
        /// Compress time N-fold (offsets and deadlines), e.g. for a drill.
        #[arg(long, default_value = "1")]
        speed: u32,
    },
    /// List the exercises run from this home.
    List,
    /// After-action report: who acknowledged and answered what, when, against each
    /// expectation (fetches the inbox first).
    Report {
        /// Exercise id (or a unique prefix) [default: the latest].
        id: Option<String>,
    },
}

/// `poc ping ...`.
#[derive(Debug, Subcommand)]
pub enum PingCommand {
    /// Start a campaign: each selected PoC gets a ping with a fresh nonce and a deadline.
    ///
    /// PoCs answer with `poc ack ID`; the answer is signed with their directory key.
    Start {
        /// Every PoC in the directory (except the custodian).
        #[arg(long)]
        all: bool,
        /// These PoC ids or State codes (comma-separated; case does not matter).
        #[arg(long, value_delimiter = ',')]
        to: Vec<String>,
        /// Only PoCs with this role (alone: every PoC with this role).
        #[arg(long, value_parser = parse_role)]
        role: Option<Role>,
        /// Time to answer, e.g. 72h.
        #[arg(long, default_value = crate::ops::ping::DEFAULT_DEADLINE, value_parser = parse_duration)]
        deadline: u64,
        /// Mark the pings as part of an exercise.
        #[arg(long)]
        exercise: bool,
        /// A note shown to the PoCs.
        #[arg(long)]
        note: Option<String>,
    },
    /// List campaigns.
    List,
    /// Live counts of a campaign (fetches the inbox first).
    Status {
        /// Campaign id (or a unique prefix).
        campaign: String,
    },
    /// Ping again every PoC that has not answered validly.
    Remind {
        /// Campaign id (or a unique prefix).
        campaign: String,
    },
    /// Per-PoC results with every acknowledgement verified, and summaries by role and State.
    Report {
        /// Campaign id (or a unique prefix).
        campaign: String,
        /// Output format; json prints the document --json prints (with --json, that
        /// document is printed whatever the format, and --out still gets this format).
        #[arg(long, value_enum, default_value = "table")]
        format: ReportFormat,
        /// Write the report to this file instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Also write a proof bundle: the signed campaign, the signed directory and every
        /// signed acknowledgement, re-verifiable offline with `poc ping verify`.
        #[arg(long, value_name = "FILE")]
        bundle: Option<PathBuf>,
    },
    /// Re-verify a proof bundle offline, with only the custodian public key.
    ///
    /// Exits 1 and names every acknowledgement that fails if anything was altered.
    Verify {
        /// The bundle file.
        bundle: PathBuf,
        /// Custodian public key: the custodian.pub file `poc custodian init` writes, or the
        /// 64 hex characters it holds [default: the key pinned in this home].
        #[arg(long, value_name = "FILE|HEX")]
        custodian_key: Option<String>,
        /// Output format; json prints the document --json prints (with --json, that
        /// document is printed whatever the format).
        #[arg(long, value_enum, default_value = "table")]
        format: ReportFormat,
    },
}

/// `poc custodian ...`.
#[derive(Debug, Subcommand)]
pub enum CustodianCommand {
    /// Create the custodian identity; its key signs every directory.
    ///
    /// Prints the custodian public key (also written to HOME/custodian.pub): give it to
    /// `poc-relay init --custodian-key`.
    Init {
        /// The custodian's PoC id.
        #[arg(long, default_value = "UNODA.custodian", value_parser = parse_poc_id)]
        id: PocId,
        #[command(flatten)]
        profile: ProfileArgs,
    },
    /// Record the relay this home uses (ADDR --pin PIN, printed by `poc-relay init`), or
    /// change the relay list of the next directory (add, remove, list).
    ///
    /// `poc custodian relay ADDR --pin PIN` sets the relay this home connects to; until the
    /// list is changed, the directory lists that relay alone. With several relays, members
    /// send to all of them: `poc custodian relay add ADDR --pin PIN --operator NAME --region R`,
    /// then `poc custodian publish`.
    #[command(args_conflicts_with_subcommands = true, arg_required_else_help = true)]
    Relay {
        #[command(subcommand)]
        action: Option<RelayAction>,
        /// host:port of the relay this home uses.
        #[arg(requires = "pin")]
        address: Option<String>,
        /// SHA-256 pin of the relay's TLS key (64 hex characters).
        #[arg(long, requires = "address")]
        pin: Option<String>,
    },
    /// Set k, how many relays must store an envelope before its sender is told it is stored
    /// (published by the next `poc custodian publish`).
    Relays {
        /// From 1 to the number of relays (default: 2 with three relays or more, else 1).
        #[arg(long)]
        k: u64,
    },
    /// Show the custodian key, relay and accepted entries.
    Show,
    /// Write an invitation for a new PoC, or for an additional member of one.
    ///
    /// With --member, the invitation is for another person or device of an existing PoC
    /// (e.g. a second shift laptop or a deputy): it makes its own keys with `poc init`, a
    /// current member co-signs its request (`poc team cosign`), and you add and publish it.
    ///
    /// Example: poc custodian invite MEX.technical --member "on-call laptop 2" --out invite.toml
    Invite {
        /// The PoC id to invite, e.g. FRA.technical (case does not matter).
        #[arg(value_parser = parse_poc_id)]
        id: PocId,
        /// Invite an additional member of this existing PoC, with this label (unique within
        /// the PoC, e.g. "on-call laptop 2" or "deputy").
        #[arg(long, value_name = "LABEL")]
        member: Option<String>,
        /// Write to this file instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Verify an enrolment request and add it to the next directory.
    ///
    /// Shows the requester's fingerprint: confirm it with them by phone before answering yes.
    Add {
        /// The enrolment request file.
        request: PathBuf,
        /// Do not ask for confirmation (only after checking the fingerprint another way).
        #[arg(long)]
        yes: bool,
    },
    /// List update requests (contact changes, key rotations) from PoCs, with what they change.
    ///
    /// Fetches the custodian's inbox first.
    Requests,
    /// Approve an update request: the new entry goes into the next directory.
    Approve {
        /// Envelope id of the request (or a unique prefix), as listed by `requests`.
        id: String,
    },
    /// Reject an update request; the directory stays as it is.
    Reject {
        /// Envelope id of the request (or a unique prefix).
        id: String,
        /// Why (kept with the decision).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Revoke a PoC's key (lost or compromised). Takes effect at the relay at the next publish;
    /// messages signed by the key are then shown as invalid.
    ///
    /// With --member, only that member of the PoC is revoked: its key stops working and it
    /// leaves the PoC at the next publish, the other members keep acting for the PoC.
    Revoke {
        /// The PoC id (case does not matter).
        #[arg(value_parser = parse_poc_id)]
        id: PocId,
        /// Revoke only the member with this label (`poc custodian show` lists them).
        #[arg(long, value_name = "LABEL")]
        member: Option<String>,
        /// Why; published with the revocation.
        #[arg(long)]
        reason: String,
    },
    /// Yearly review: entries unchanged for the period, each PoC's answers to ping campaigns,
    /// and the relay's traffic counts by month and priority (never content or correspondents).
    Review {
        /// The period, e.g. 365d.
        #[arg(long, default_value = "365d", value_parser = parse_duration)]
        since: u64,
    },
    /// List entries not confirmed by their PoC for a given time (yearly review).
    Stale {
        /// Age threshold, e.g. 365d.
        #[arg(long, default_value = "365d", value_parser = parse_duration)]
        older_than: u64,
    },
    /// Import contacts from a regional directory export (CSV or JSON), only for States whose
    /// express consent is on record. Imported contacts become pending invitations.
    Import {
        /// The regional export (.csv or .json).
        file: PathBuf,
        /// The regional organisation, e.g. OAS or OSCE.
        #[arg(long)]
        source: String,
        /// Consent records (CSV: state,source,date,reference).
        #[arg(long, value_name = "FILE")]
        consent: PathBuf,
    },
    /// List pending invitations (imported contacts that have no keys yet).
    Invitations,
    /// Replace the custodian key: the old key signs the hand-over, the new key signs the next
    /// directory, and every PoC follows the chain from the key it pinned.
    Rotate {
        /// How long the new directory stays valid.
        #[arg(long, default_value = crate::ops::custodian::DEFAULT_VALIDITY, value_parser = parse_duration)]
        valid_for: u64,
    },
    /// Sign and publish a new directory of every accepted entry to the relay.
    Publish {
        /// How long the directory stays valid (clients warn after that).
        #[arg(long, default_value = crate::ops::custodian::DEFAULT_VALIDITY, value_parser = parse_duration)]
        valid_for: u64,
    },
}

/// The attachment limit in words, from [`poc_proto::limits::MAX_ATTACHMENT_BYTES`] (help, errors).
pub(crate) fn limit_text() -> String {
    crate::ops::send::limit_text()
}

/// What `poc send --help` says of `--attach`, with the limit from [`poc_proto::limits::MAX_ATTACHMENT_BYTES`].
pub(crate) fn attach_help() -> String {
    format!(
        "Attach a file (repeatable), carried inside the encryption; {} in all at most (files beyond {} KiB travel as parts of the message)",
        limit_text(),
        poc_proto::limits::MAX_INLINE_ATTACHMENT_BYTES / 1024
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("poc").chain(args.iter().copied()))
    }

    /// Every argument that takes a PoC id or a role goes through the one parser: any case in,
    /// the canonical id out, a near miss named.
    #[test]
    fn every_id_and_role_argument_ignores_case() {
        let id = |cli: Cli| match cli.command {
            Command::Init(init) => init.id.unwrap(),
            Command::Directory(DirectoryCommand::Show { id }) => id,
            Command::Custodian(CustodianCommand::Init { id, .. })
            | Command::Custodian(CustodianCommand::Invite { id, .. })
            | Command::Custodian(CustodianCommand::Revoke { id, .. }) => id,
            other => panic!("{other:?}"),
        };
        for (args, canonical) in [
            (
                &[
                    "init",
                    "--invite",
                    "f",
                    "--org-name",
                    "o",
                    "--id",
                    "fra.Technical",
                ][..],
                "FRA.technical",
            ),
            (
                &["directory", "show", "mex.DIPLOMATIC.2"],
                "MEX.diplomatic.2",
            ),
            (
                &[
                    "custodian",
                    "init",
                    "--org-name",
                    "o",
                    "--id",
                    "unoda.custodian",
                ],
                "UNODA.custodian",
            ),
            (&["custodian", "invite", "mar.technical"], "MAR.technical"),
            (
                &["custodian", "revoke", "Mar.Technical", "--reason", "r"],
                "MAR.technical",
            ),
        ] {
            assert_eq!(id(parse(args).unwrap()).to_string(), canonical, "{args:?}");
        }
        let refused = parse(&["custodian", "invite", "mar.tecnical"]).unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("(did you mean MAR.technical?)"),
            "{refused}"
        );
        for args in [
            &["directory", "list", "--role", "Technical"][..],
            &["ping", "start", "--role", "TECHNICAL"],
        ] {
            let role = match parse(args).unwrap().command {
                Command::Directory(DirectoryCommand::List { role, .. })
                | Command::Ping(PingCommand::Start { role, .. }) => role,
                other => panic!("{other:?}"),
            };
            assert_eq!(role, Some(Role::Technical), "{args:?}");
        }
    }
}

/// `poc custodian relay ...`: the relay list of the next directory.
#[derive(Debug, Subcommand)]
pub enum RelayAction {
    /// Add a relay to the next directory's list (the first change starts from the relay this
    /// home uses).
    Add {
        /// host:port of the relay.
        address: String,
        /// SHA-256 pin of the relay's TLS key (64 hex characters, printed by `poc-relay init`).
        #[arg(long)]
        pin: String,
        /// Who runs it, e.g. "OSCE Secretariat".
        #[arg(long, value_name = "NAME", default_value = "")]
        operator: String,
        /// Where it runs, e.g. "Europe".
        #[arg(long, value_name = "R", default_value = "")]
        region: String,
    },
    /// Remove a relay from the next directory's list.
    Remove {
        /// host:port of the relay.
        address: String,
    },
    /// Show the relays and k of the directory in force and of the next publication.
    List,
}

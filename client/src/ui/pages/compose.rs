//! Writing a message: the templates of [`crate::compose`] as a form (the message types of
//! `poc send --type`, each with what it is for, and one section of fields per type, each
//! field with its label and help), a recipient picker by country
//! name and role, priority and TLP with their meaning, attachments, and the confirmation the
//! command line asks for (TLP:RED or AMBER+STRICT to several people, every PoC of a State)
//! as a second step. The message is built, checked, sealed and sent by the same operations
//! as `poc send` ([`crate::compose::build`], [`crate::ops::send`]).
//!
//! What the person typed is sent as typed: the only change is the browser's line breaks
//! (`CR LF` in every submitted text area) back to the `LF` a terminal gives. Empty fields
//! are left out, as the guided form of the command line leaves out empty answers.

use std::sync::Arc;

use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use poc_proto::{Priority, Tlp};

use super::compose_words::ComposeText as C;
use crate::compose::{self, Kind};
use crate::i18n::{IncidentClass, Lang, Translated};
use crate::ops::{self, send};
use crate::ui::page::{self, Chrome};
use crate::ui::session::Ui;
use crate::ui::words::Ui as W;

/// The message types the form writes: those of `poc send --type` (a status response to one
/// message, in its thread, is also written from that message: [`super::reply`]).
pub const KINDS: [Kind; 4] = [Kind::Incident, Kind::Assistance, Kind::Response, Kind::Text];

/// The largest request the compose form may send: attachments at the protocol's limit and
/// the form around them (the home's own limit is checked while the files are read).
pub const BODY_LIMIT: usize = poc_proto::limits::MAX_ATTACHMENT_BYTES + 1024 * 1024;

/// Fields written on several lines.
const MULTILINE: &[&str] = &[
    "description",
    "indicators",
    "actions_taken",
    "assistance_requested",
    "details",
    "legal_context",
    "text",
];

/// One choice of a set (radio button or option).
#[derive(Debug, Clone)]
pub struct Choice {
    /// The value sent.
    pub value: String,
    /// What the reader sees.
    pub text: String,
    /// What it means, when the page says it.
    pub help: &'static str,
    /// Whether it is chosen at first.
    pub selected: bool,
}

/// One field of a template.
#[derive(Debug, Clone)]
pub struct FieldInput {
    /// The form name: `KIND.FIELD`.
    pub name: String,
    /// The element id: `f-KIND-FIELD`.
    pub id: String,
    /// The label in the reader's language.
    pub label: String,
    /// A short help.
    pub help: &'static str,
    /// A text area rather than one line.
    pub multiline: bool,
    /// The fixed values, for a field that takes one of them.
    pub choices: Vec<Choice>,
}

/// The fields of one message type.
#[derive(Debug, Clone)]
pub struct Section {
    /// `incident`, `assistance` or `text`.
    pub kind: &'static str,
    /// The type in the reader's language.
    pub title: &'static str,
    /// Its fields in template order.
    pub fields: Vec<FieldInput>,
}

#[derive(askama::Template)]
#[template(path = "compose.html")]
struct ComposePage {
    chrome: Chrome,
    kinds: Vec<Choice>,
    recipients: Vec<Choice>,
    priorities: Vec<Choice>,
    tlps: Vec<Choice>,
    languages: Vec<Choice>,
    sections: Vec<Section>,
    limit: String,
}

#[derive(askama::Template)]
#[template(path = "compose_confirm.html")]
struct ConfirmFragment {
    chrome: Chrome,
    question: String,
    confirmed_to: String,
}

/// One envelope sent: its id and recipient.
#[derive(Debug, Clone)]
pub struct SentLine {
    /// Envelope id.
    pub id: String,
    /// Recipient PoC.
    pub to: String,
}

#[derive(askama::Template)]
#[template(path = "compose_sent.html")]
struct SentFragment {
    chrome: Chrome,
    sent: Vec<SentLine>,
    team_missing: String,
}

/// The words of this area in the page's language (templates call `self.c(C::...)`).
trait Words {
    fn chrome(&self) -> &Chrome;
    fn c(&self, word: C) -> &'static str {
        word.text(self.chrome().lang)
    }
}

impl Words for ComposePage {
    fn chrome(&self) -> &Chrome {
        &self.chrome
    }
}
impl Words for ConfirmFragment {
    fn chrome(&self) -> &Chrome {
        &self.chrome
    }
}
impl Words for SentFragment {
    fn chrome(&self) -> &Chrome {
        &self.chrome
    }
}

/// The short help of template field `field`.
pub fn field_help(field: &str) -> C {
    match field {
        "reference" => C::HelpReference,
        "summary" => C::HelpSummary,
        "description" => C::HelpDescription,
        "incident_class" => C::HelpIncidentClass,
        "time_detected" => C::HelpTimeDetected,
        "affected_sector" => C::HelpAffectedSector,
        "affected_systems" => C::HelpAffectedSystems,
        "indicators" => C::HelpIndicators,
        "actions_taken" => C::HelpActionsTaken,
        "assistance_requested" => C::HelpAssistanceRequested,
        "requested_response_time" => C::HelpRequestedResponseTime,
        "follow_up_contact" => C::HelpFollowUpContact,
        "nature" => C::HelpNature,
        "related_incident" => C::HelpRelatedIncident,
        "details" => C::HelpDetails,
        "legal_context" => C::HelpLegalContext,
        "subject" => C::HelpSubject,
        "status" => C::HelpStatus,
        _ => C::HelpText,
    }
}

/// The priorities as choices with their meaning, `selected` ticked.
pub fn priority_choices(lang: crate::i18n::Lang, selected: Option<Priority>) -> Vec<Choice> {
    Priority::ALL
        .iter()
        .map(|p| Choice {
            value: p.key().to_owned(),
            text: p.text(lang).to_owned(),
            help: priority_help(*p).text(lang),
            selected: Some(*p) == selected,
        })
        .collect()
}

/// What a priority means, for its choice.
pub fn priority_help(priority: Priority) -> C {
    match priority {
        Priority::High => C::PriorityHighHelp,
        Priority::Medium => C::PriorityMediumHelp,
        Priority::Low => C::PriorityLowHelp,
    }
}

/// What a TLP label asks of the recipient.
pub fn tlp_help(tlp: Tlp) -> C {
    match tlp {
        Tlp::Clear => C::TlpClearHelp,
        Tlp::Green => C::TlpGreenHelp,
        Tlp::Amber => C::TlpAmberHelp,
        Tlp::AmberStrict => C::TlpAmberStrictHelp,
        Tlp::Red => C::TlpRedHelp,
    }
}

/// The fixed values of `set` as choices.
fn choices<T: Translated>(lang: Lang) -> Vec<Choice> {
    T::ALL
        .iter()
        .map(|v| Choice {
            value: v.key().to_owned(),
            text: v.text(lang).to_owned(),
            help: "",
            selected: false,
        })
        .collect()
}

/// The sections of fields, one per message type.
fn sections(chrome: &Chrome) -> Vec<Section> {
    let lang = chrome.lang;
    KINDS
        .iter()
        .map(|kind| Section {
            kind: kind.name(),
            title: kind_type(*kind).text(lang),
            fields: kind
                .fields()
                .iter()
                .map(|field| FieldInput {
                    name: format!("{}.{field}", kind.name()),
                    id: format!("f-{}-{field}", kind.name()),
                    label: chrome.label(field),
                    help: field_help(field).text(lang),
                    multiline: MULTILINE.contains(field),
                    choices: match *field {
                        "incident_class" => choices::<IncidentClass>(lang),
                        "nature" => choices::<poc_proto::Nature>(lang),
                        "status" => choices::<poc_proto::ResponseStatus>(lang),
                        _ => Vec::new(),
                    },
                })
                .collect(),
        })
        .collect()
}

/// What a message type is for, for its choice.
fn kind_help(kind: Kind) -> C {
    match kind {
        Kind::Incident => C::KindIncidentHelp,
        Kind::Assistance => C::KindAssistanceHelp,
        Kind::Response => C::KindResponseHelp,
        Kind::Text => C::KindTextHelp,
    }
}

fn kind_type(kind: Kind) -> crate::i18n::MessageType {
    use crate::i18n::MessageType;
    match kind {
        Kind::Incident => MessageType::Incident,
        Kind::Assistance => MessageType::Assistance,
        Kind::Response => MessageType::Response,
        Kind::Text => MessageType::Text,
    }
}

/// The recipients the picker offers: every PoC of the directory but this one, as "France —
/// technical (FRA.technical)", and every State or organisation with PoCs as "France — every
/// PoC (FRA)", sorted by the name in the reader's language.
fn recipients(identity: &ops::Identity, lang: Lang) -> anyhow::Result<Vec<Choice>> {
    let dir = ops::require_directory(identity)?;
    let me = &identity.config.id;
    let mut pocs: Vec<(String, Choice)> = Vec::new();
    let mut orgs: Vec<String> = Vec::new();
    for team in dir.teams() {
        let id = &team.body.id;
        if id == me {
            continue;
        }
        let country = crate::states::name_or_code(id.org(), lang);
        pocs.push((
            format!("{country}\u{0}1{id}"),
            Choice {
                value: id.to_string(),
                text: format!("{country} — {} ({id})", id.role().text(lang)),
                help: "",
                selected: false,
            },
        ));
        if !orgs.iter().any(|o| o == id.org()) {
            orgs.push(id.org().to_owned());
        }
    }
    for org in orgs {
        let country = crate::states::name_or_code(&org, lang);
        pocs.push((
            format!("{country}\u{0}0{org}"),
            Choice {
                text: format!("{country} — {} ({org})", C::EveryPoc.text(lang)),
                value: org,
                help: "",
                selected: false,
            },
        ));
    }
    pocs.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(pocs.into_iter().map(|(_, c)| c).collect())
}

/// `GET /compose`.
pub async fn page(State(ui): State<Arc<Ui>>, headers: HeaderMap) -> Response {
    let Some(identity) = ui.identity().await else {
        return page::to_unlock(&headers);
    };
    let lang = ui.lang();
    let picked = recipients(&identity, lang);
    let limit = crate::i18n::phrases::bytes(
        lang,
        u64::try_from(identity.config.attachment_limit()).unwrap_or(u64::MAX),
    );
    drop(identity);
    let recipients = match picked {
        Ok(r) => r,
        Err(e) => return page::failed(&ui, &headers, &e).await,
    };
    let chrome = Chrome::of(&ui, "compose").await;
    let kinds = KINDS
        .iter()
        .map(|k| Choice {
            value: k.name().to_owned(),
            text: kind_type(*k).text(lang).to_owned(),
            help: kind_help(*k).text(lang),
            selected: *k == Kind::Incident,
        })
        .collect();
    let priorities = priority_choices(lang, None);
    let tlps = Tlp::ALL
        .iter()
        .map(|t| Choice {
            value: t.key().to_owned(),
            text: t.to_string(),
            help: tlp_help(*t).text(lang),
            selected: *t == Tlp::Amber,
        })
        .collect();
    let mut languages = vec![Choice {
        value: String::new(),
        text: C::LanguageUnspecified.text(lang).to_owned(),
        help: "",
        selected: true,
    }];
    languages.extend(Lang::ALL.into_iter().map(|l| Choice {
        value: l.code().to_owned(),
        text: l.native_name().to_owned(),
        help: "",
        selected: false,
    }));
    page::render(&ComposePage {
        sections: sections(&chrome),
        chrome,
        kinds,
        recipients,
        priorities,
        tlps,
        languages,
        limit,
    })
}

/// A text as typed in a browser: its line breaks as a terminal gives them (`LF`; browsers
/// send `CR LF` from every text area). Nothing else changes.
pub fn as_typed(value: &str) -> String {
    value.replace("\r\n", "\n")
}

/// The compose form as sent.
#[derive(Debug, Default)]
struct Filled {
    kind: Option<String>,
    to: Vec<String>,
    priority: Option<String>,
    tlp: Option<String>,
    language: Option<String>,
    exercise: bool,
    /// `(KIND.FIELD, value)`.
    fields: Vec<(String, String)>,
    attachments: Vec<poc_proto::Attachment>,
    confirmed: bool,
    confirmed_to: Option<String>,
}

/// Reads the multipart form, refusing attachments over `limit` bytes in all as soon as
/// they pass it.
async fn read_form(mut form: Multipart, limit: usize) -> anyhow::Result<Filled> {
    let mut filled = Filled::default();
    let mut total: u64 = 0;
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        anyhow::anyhow!("the form could not be read ({e}); nothing was sent: send it again")
    };
    while let Some(mut field) = form.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "attachment" {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let mut data = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                total = total.saturating_add(chunk.len() as u64);
                if total > limit as u64 {
                    return Err(send::attachments_too_large(total, limit));
                }
                data.extend_from_slice(&chunk);
            }
            // A file picker left empty sends a part without a name or content.
            if file_name.is_empty() && data.is_empty() {
                continue;
            }
            anyhow::ensure!(
                !file_name.is_empty(),
                "an attachment has no file name; nothing was sent: choose the file again"
            );
            filled.attachments.push(poc_proto::Attachment {
                media_type: send::media_type(&file_name).into(),
                name: file_name,
                data,
            });
            continue;
        }
        let value = field.text().await.map_err(unreadable)?;
        match name.as_str() {
            "kind" => filled.kind = Some(value),
            "to" => filled.to.push(value),
            "priority" => filled.priority = Some(value),
            "tlp" => filled.tlp = Some(value),
            "language" => filled.language = Some(value).filter(|l| !l.is_empty()),
            "exercise" => filled.exercise = true,
            "confirm" => filled.confirmed = true,
            "confirmed_to" => filled.confirmed_to = Some(value),
            _ => filled.fields.push((name, value)),
        }
    }
    Ok(filled)
}

/// A checked message, ready to resolve and send.
struct Ready {
    tokens: Vec<String>,
    outgoing: send::Outgoing,
}

/// Checks the form as `poc send` checks its arguments: type, priority, TLP, recipients'
/// form, fields (through [`compose::build`]).
fn check(filled: &mut Filled) -> anyhow::Result<Ready> {
    let kind = Kind::from_name(filled.kind.as_deref().unwrap_or_default())?;
    let priority: Priority = match filled.priority.as_deref() {
        Some(p) if !p.is_empty() => p.parse().map_err(|e: String| anyhow::anyhow!(e))?,
        _ => anyhow::bail!("choose a priority (high, medium or low); nothing was sent"),
    };
    let tlp = match filled.tlp.as_deref() {
        Some(t) if !t.is_empty() => compose::parse_tlp(t).map_err(|e| anyhow::anyhow!(e))?.0,
        _ => Tlp::Amber,
    };
    send::check_tokens(&filled.to)?;
    let tokens = send::tokens(&filled.to);
    anyhow::ensure!(
        !tokens.is_empty(),
        "no recipient chosen: tick at least one recipient; nothing was sent"
    );
    let prefix = format!("{}.", kind.name());
    let mut pairs = Vec::new();
    for (name, value) in &filled.fields {
        let Some(field) = name.strip_prefix(&prefix) else {
            continue;
        };
        let value = as_typed(value);
        if field == "indicators" {
            // One indicator a line (commas separate them too, as on the command line).
            pairs.extend(
                value
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| format!("{field}={l}")),
            );
        } else if !value.is_empty() {
            pairs.push(format!("{field}={value}"));
        }
    }
    let content = compose::build(kind, &pairs)?;
    Ok(Ready {
        tokens,
        outgoing: send::Outgoing {
            to: Vec::new(),
            priority,
            tlp,
            language: filled.language.clone(),
            exercise: filled.exercise,
            thread: None,
            ttl_secs: poc_proto::limits::DEFAULT_TTL_SECS,
            kind: content,
            attachments: std::mem::take(&mut filled.attachments),
        },
    })
}

/// What the send came to.
enum Outcome {
    /// It needs the person's confirmation first: the question, and the recipients it names.
    Confirm(String, String),
    /// It was sent.
    Sent(Vec<send::SentEnvelope>),
}

/// `POST /compose`: checks the form, resolves the recipients in the freshly synced
/// directory, asks for the confirmation the command line asks for, then sends.
pub async fn send(State(ui): State<Arc<Ui>>, headers: HeaderMap, form: Multipart) -> Response {
    let Some(identity) = ui.identity().await else {
        return page::to_unlock(&headers);
    };
    let lang = ui.lang();
    let limit = identity.config.attachment_limit();
    let outcome = async {
        let mut filled = read_form(form, limit).await?;
        let ready = check(&mut filled)?;
        ops::online(&identity, async |client| {
            let dir = ops::require_directory(&identity)?;
            let expanded = send::expand(&dir, &identity.config.id, &ready.tokens)?;
            send::resolve(&dir, &expanded)?;
            let tlp = ready.outgoing.tlp;
            if send::needs_confirmation(tlp, &ready.tokens, expanded.len()) {
                // The confirmation holds for the recipients and the TLP it named: if the
                // directory or the form changed since, it is asked again.
                let named = format!(
                    "{}|{}",
                    tlp,
                    expanded
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(",")
                );
                if !(filled.confirmed && filled.confirmed_to.as_deref() == Some(&named)) {
                    let question = send::question(lang, tlp, &ready.tokens, &expanded, &dir);
                    return Ok(Outcome::Confirm(question, named));
                }
            }
            let outgoing = send::Outgoing {
                to: expanded,
                ..ready.outgoing
            };
            Ok(Outcome::Sent(
                send::send(&identity, client, &dir, &outgoing).await?,
            ))
        })
        .await
    }
    .await;
    drop(identity);
    let chrome = Chrome::of(&ui, "compose").await;
    match outcome {
        Ok(Outcome::Confirm(question, confirmed_to)) => page::render(&ConfirmFragment {
            chrome,
            question,
            confirmed_to,
        }),
        Ok(Outcome::Sent(sent)) => {
            let team_missing = sent
                .iter()
                .flat_map(|s| s.team_copy_not_stored.iter().cloned())
                .fold(Vec::<String>::new(), |mut all, label| {
                    if !all.contains(&label) {
                        all.push(label);
                    }
                    all
                })
                .join(", ");
            let mut response = page::render(&SentFragment {
                chrome,
                sent: sent
                    .iter()
                    .map(|s| SentLine {
                        id: s.id.to_string(),
                        to: s.to.to_string(),
                    })
                    .collect(),
                team_missing,
            });
            // The result replaces the form: a second click cannot send it twice.
            let h = response.headers_mut();
            h.insert("hx-retarget", HeaderValue::from_static("#compose-form"));
            h.insert("hx-reswap", HeaderValue::from_static("outerHTML"));
            response
        }
        Err(e) => page::failed(&ui, &headers, &e).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_kept_as_typed_but_for_the_browsers_line_breaks() {
        let typed = "Ministère de l'Europe\r\nl'AS64500  \n  وزارة ";
        assert_eq!(
            as_typed(typed),
            "Ministère de l'Europe\nl'AS64500  \n  وزارة "
        );
    }

    #[test]
    fn every_field_of_every_form_has_its_own_help() {
        for kind in KINDS {
            for field in kind.fields() {
                let help = field_help(field);
                assert!(
                    *field == "text" || help != C::HelpText,
                    "{field} has no help of its own"
                );
            }
        }
    }

    #[test]
    fn the_form_is_checked_as_the_command_line_checks_it() {
        let mut filled = Filled {
            kind: Some("assistance".into()),
            to: vec!["mar.technical".into()],
            priority: Some("high".into()),
            tlp: Some("red".into()),
            fields: vec![
                ("assistance.details".into(), "a\r\nb".into()),
                ("assistance.reference".into(), String::new()),
                ("text.text".into(), "other section".into()),
            ],
            ..Filled::default()
        };
        let ready = check(&mut filled).unwrap();
        assert_eq!(ready.tokens, vec!["MAR.technical".to_owned()]);
        assert_eq!(ready.outgoing.tlp, Tlp::Red);
        let poc_proto::MessageKind::AssistanceRequest(a) = ready.outgoing.kind else {
            panic!("not an assistance request")
        };
        assert_eq!(a.details.as_deref(), Some("a\nb"));
        assert_eq!(a.reference, None);
        filled.to.clear();
        assert!(check(&mut filled).is_err());
        filled.to = vec!["mar.technical".into()];
        filled.priority = None;
        assert!(check(&mut filled).is_err());
    }

    #[test]
    fn a_status_response_is_written_as_poc_send_type_response_writes_it() {
        let mut filled = Filled {
            kind: Some("response".into()),
            to: vec!["MAR".into()],
            priority: Some("medium".into()),
            fields: vec![
                ("response.status".into(), "in-progress".into()),
                ("response.text".into(), "On it.\r\nMore tomorrow.".into()),
                ("incident.summary".into(), "other section".into()),
            ],
            ..Filled::default()
        };
        let ready = check(&mut filled).unwrap();
        let expected = compose::build(
            Kind::Response,
            &[
                "status=in-progress".into(),
                "text=On it.\nMore tomorrow.".into(),
            ],
        )
        .unwrap();
        assert_eq!(ready.outgoing.kind, expected);
        // The status is what a response says: without it nothing is sent.
        filled.fields.remove(0);
        assert!(check(&mut filled).is_err());
    }
}

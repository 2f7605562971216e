# PoC Relay client, French: labels, fixed values and messages of the `poc` command.
# Content written by the sender of a message is never translated; only what is here is.
# Every message id exists in all six languages (checked by the client's tests).

## Field labels of messages

label-envelope = Enveloppe
label-from = Expéditeur
label-to = Destinataire
label-priority = Priorité
label-handling = Diffusion (TLP)
label-type = Type de message
label-sent = Envoyé le
label-language = Langue
label-signature = Signature
label-in-reply-to = En réponse à
label-attachments = Pièces jointes
label-exercise = EXERCICE
label-verified = Vérifiée
label-verified-against = vérifiée au regard du répertoire, numéro de série
label-reference = Référence
label-summary = Résumé
label-description = Description
label-incident-class = Catégorie d'incident
label-time-detected = Date et heure de détection
label-affected-sector = Secteur touché
label-affected-systems = Systèmes touchés
label-indicators = Indicateurs de compromission
label-actions-taken = Mesures prises
label-assistance-requested = Assistance demandée
label-requested-response-time = Délai de réponse souhaité
label-follow-up-contact = Contact pour le suivi
label-nature = Nature de la demande
label-related-incident = Incident connexe
label-details = Précisions
label-legal-context = Contexte juridique ou diplomatique
label-status = Statut
label-text = Texte
label-subject = Objet
label-acknowledges = Accuse réception de
label-received-at = Reçu le
label-entry = Entrée du répertoire
label-organisation = Organisme
label-email = Courriel
label-phone = Téléphone
label-languages = Langues de travail
label-new-key = Nouvelle clé publique
label-directory-serial = Numéro de série du répertoire
label-digest = Empreinte

## Priorities

priority-high = Haute
priority-medium = Moyenne
priority-low = Basse

## Natures of an assistance request

nature-information = Information
nature-mitigation = Atténuation
nature-investigation = Enquête
nature-coordination = Coordination
nature-other = Autre

## Statuses of a response

status-received = Reçu
status-channelled = Transmis à l'autorité nationale compétente
status-in-progress = En cours de traitement
status-resolved = Résolu
status-declined = Refusé

## Incident classes: top-level classes of the ENISA / RSIT reference taxonomy

incident-class-abusive-content = Contenu abusif
incident-class-malicious-code = Code malveillant
incident-class-information-gathering = Collecte d'informations
incident-class-intrusion-attempts = Tentatives d'intrusion
incident-class-intrusions = Intrusions
incident-class-availability = Disponibilité
incident-class-information-content-security = Sécurité du contenu de l'information
incident-class-fraud = Fraude
incident-class-vulnerable = Vulnérabilité
incident-class-other = Autre
incident-class-test = Test

## Message types

type-incident = Notification d'incident
type-assistance = Demande d'assistance
type-response = Réponse
type-text = Message
type-receipt = Accusé de réception
type-entry-update = Demande de mise à jour d'une entrée du répertoire
type-directory-notice = Avis de mise à jour du répertoire

## Field labels of communication checks (pings) and their acknowledgements

label-campaign = Campagne
label-deadline = Date limite
label-note = Note
label-automatic = Envoyé automatiquement

## Message types added with communication checks

type-ping = Vérification de la communication
type-ping-ack = Accusé de réception de la vérification de la communication

## Handling labels: FIRST TLP 2.0 labels are not translated

tlp-clear = TLP:CLEAR
tlp-green = TLP:GREEN
tlp-amber = TLP:AMBER
tlp-amber-strict = TLP:AMBER+STRICT
tlp-red = TLP:RED

## Roles of Points of Contact

role-diplomatic = Diplomatique
role-technical = Technique
role-custodian = Dépositaire du répertoire

## Yes and no

yes-no-true = Oui
yes-no-false = Non

## Directory entry view

entry-id = Identifiant
entry-organisation = Organisme
entry-role = Rôle
entry-fingerprint = Empreinte
entry-languages = Langues
entry-email = Courriel
entry-phone = Téléphone
entry-webpage = Page web
entry-time-zone = Fuseau horaire
entry-updated = Mis à jour le

## Units of time and size

unit-seconds = { $count } s
unit-minutes = { $count } min
unit-hours = { $count } h
unit-days =
    { $count ->
        [one] { $count } jour
       *[other] { $count } jours
    }
unit-bytes =
    { $count ->
        [one] { $count } octet
       *[other] { $count } octets
    }
word-automatic = automatique

## One-line descriptions of messages in lists (the content itself is never translated)

headline-no-summary = (sans résumé)
headline-no-details = (sans précisions)
headline-receipt = accusé de réception de { $envelope }
headline-key-rotation = demande de changement de clé pour { $entry }
headline-entry-update = demande de mise à jour pour { $entry }
headline-directory-notice = répertoire numéro de série { $serial } publié
headline-ping = vérification de la communication, répondre avant le { $deadline }
headline-ping-ack = vérification de la communication confirmée

## Inbox: column headers, status of each envelope, fetch results

inbox-column-id = ID
inbox-column-priority = PRIORITÉ
inbox-column-from = EXPÉDITEUR
inbox-column-type = TYPE
inbox-column-tlp = TLP
inbox-column-summary = RÉSUMÉ
inbox-column-status = STATUT
inbox-status-verified = vérifié
inbox-status-acknowledged = vérifié, réception confirmée
inbox-status-invalid = NON VALIDE : { $reason }
inbox-status-receipt = accusé de réception vérifié : { $sender } a reçu { $envelope } le { $time }
inbox-status-receipt-unknown = AVERTISSEMENT : accusé de réception de { $envelope }, que ce point de contact n'a pas envoyé
inbox-status-receipt-wrong-signer = AVERTISSEMENT : accusé de réception de { $envelope } signé par { $signer }, alors qu'il a été envoyé à { $addressee }
inbox-fetched =
    { $count ->
        [one] { $count } nouvelle enveloppe récupérée
       *[other] { $count } nouvelles enveloppes récupérées
    }
inbox-empty = boîte de réception vide
inbox-unopened =
    { $count ->
        [one] NON VALIDE : { $count } enveloppe impossible à ouvrir ou à vérifier, déposée par { $submitter } ({ $reason })
       *[other] NON VALIDE : { $count } enveloppes impossibles à ouvrir ou à vérifier, déposées par { $submitter } ({ $reason })
    }
inbox-watching = en attente de nouvelles enveloppes (Ctrl-C pour arrêter)

## Threads

thread-header =
    { $count ->
        [one] fil { $root } : { $count } message
       *[other] fil { $root } : { $count } messages
    }
thread-sent-by-this-poc = envoyé par ce point de contact
thread-signature-verified = signature vérifiée

## Communication checks (ping campaigns)

ping-column-campaign = CAMPAGNE
ping-column-started = DÉBUT
ping-column-deadline = DATE LIMITE
ping-column-pocs = POINTS DE CONTACT
ping-started =
    { $count ->
        [one] campagne { $id } lancée : { $count } point de contact sollicité, date limite { $deadline }
       *[other] campagne { $id } lancée : { $count } points de contact sollicités, date limite { $deadline }
    }
ping-follow = pour la suivre : { $command }
ping-status = campagne { $id } : { $count } points de contact ; dans les délais { $on_time }, en retard { $late }, sans réponse { $no_answer }, NON VALIDES { $invalid } ; taux de réponse { $rate } % ; date limite { $deadline }
ping-deadline-passed = (dépassée)

## Campaign reports

report-outcome-on-time = dans les délais
report-outcome-on-time-automatic = dans les délais (automatique)
report-outcome-late = en retard
report-outcome-late-automatic = en retard (automatique)
report-outcome-no-answer = sans réponse
report-outcome-invalid = NON VALIDE
report-column-poc = Point de contact
report-column-result = Résultat
report-column-latency = Délai de réponse
report-column-problems = Problèmes
report-column-group = Groupe
report-column-pocs = Points de contact
report-column-on-time = Dans les délais
report-column-late = En retard
report-column-no-answer = Sans réponse
report-column-invalid = Non valides
report-column-response-rate = Taux de réponse
report-group-all = tous
report-group-role = type de point de contact : { $role }
report-group-state = État { $state }
report-title = Campagne de vérification de la communication { $id }
report-campaign = campagne { $id }
report-summary-line =
    { $count ->
        [one] début { $started }, date limite { $deadline }, numéro de série du répertoire { $serial }, { $count } point de contact
       *[other] début { $started }, date limite { $deadline }, numéro de série du répertoire { $serial }, { $count } points de contact
    }
report-intro = Début { $started }, date limite { $deadline }, numéro de série du répertoire { $serial }. Chaque accusé de réception a été vérifié au regard du répertoire signé.
report-response-rate =
    { $count ->
        [one] Taux de réponse { $rate } % ({ $answered } sur { $count } point de contact)
       *[other] Taux de réponse { $rate } % ({ $answered } sur { $count } points de contact)
    }
report-latency-chart = Délai de réponse des accusés de réception valides
report-by-group = Par groupe
report-by-poc = Par point de contact
report-invalid-warning =
    { $count ->
        [one] !!! { $count } point de contact avec des accusés de réception NON VALIDES : vérifiez-le !!!
       *[other] !!! { $count } points de contact avec des accusés de réception NON VALIDES : vérifiez-les !!!
    }

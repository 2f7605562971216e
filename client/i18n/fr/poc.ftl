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
inbox-status-ping-not-custodian = AVERTISSEMENT : se présente comme une vérification de la communication (ping), mais ne vient pas du dépositaire
inbox-fetched =
    { $count ->
        [one] { $count } nouvelle enveloppe récupérée
       *[other] { $count } nouvelles enveloppes récupérées
    }
inbox-empty = boîte de réception vide
inbox-unopened =
    { $count ->
        [one] NON VALIDE : { $count } enveloppe impossible à ouvrir ou à vérifier, déposée, selon le relais, par { $submitter } ({ $reason })
       *[other] NON VALIDE : { $count } enveloppes impossibles à ouvrir ou à vérifier, déposées, selon le relais, par { $submitter } ({ $reason })
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

## Words shared by the command screens

screen-none = (aucun)
screen-exercise = exercice
screen-sending-pings = envoi des sollicitations
screen-sending-reminders = envoi des relances
screen-unlock-hint = (déverrouillez avec n'importe quelle commande pour voir l'empreinte de la clé)
screen-confirm-fingerprint = Cette empreinte correspond-elle à celle que le point de contact vous a lue ?
screen-no-update-requests = aucune demande de mise à jour
screen-request-pending = en attente
screen-expect-ack = accusé de réception
screen-expect-reply = réponse

## Column headers of the command screens (upper case where the script has case)

column-id = ID
column-organisation = ORGANISATION
column-languages = LANGUES
column-fingerprint = EMPREINTE
column-source = SOURCE
column-consent = CONSENTEMENT
column-last-confirmed = DERNIÈRE CONFIRMATION
column-exercise = EXERCICE
column-name = NOM
column-started = DÉBUT
column-injects-sent = INJECTIONS ENVOYÉES
column-inject = INJECTION
column-poc = POINT DE CONTACT
column-expected = ATTENDU
column-acknowledged = ACCUSÉ
column-replied = RÉPONDU
column-verdict = VERDICT
column-campaigns = CAMPAGNES
column-on-time = DANS LES DÉLAIS
column-late = EN RETARD
column-invalid = NON VALIDES
column-no-answer = SANS RÉPONSE
column-response-rate = TAUX DE RÉPONSE
column-month = MOIS

## Fields an update request changes

changed-field-entry = entrée
changed-field-org-name = organisation
changed-field-emails = courriel
changed-field-phones = téléphone
changed-field-languages = langues
changed-field-webpage = page web
changed-field-time-zone = fuseau horaire
changed-field-key = clé

## Verdicts of exercise expectations

exercise-verdict-met = atteint
exercise-verdict-late = en retard
exercise-verdict-missing = manquant
exercise-verdict-pending = en attente
exercise-verdict-wrong-status = mauvais statut

## Lines on stderr

line-warning = avertissement : { $text }
line-mailbox-full =
    { $count ->
        [one] votre boîte aux lettres sur le relais était pleine : { $count } enveloppe qui vous était destinée a été refusée (son expéditeur a été prévenu) ; relevez-la plus souvent ou demandez à l'opérateur du relais d'augmenter le quota
       *[other] votre boîte aux lettres sur le relais était pleine : { $count } enveloppes qui vous étaient destinées ont été refusées (leurs expéditeurs ont été prévenus) ; relevez-la plus souvent ou demandez à l'opérateur du relais d'augmenter le quota
    }
line-refresh-failed = avertissement : impossible d'actualiser le répertoire depuis le relais : { $error }
line-directory-expired = AVERTISSEMENT : le répertoire (numéro { $serial }) a expiré le { $time } ; les coordonnées peuvent être périmées. Demandez au dépositaire d'en publier un nouveau.
line-key-switched = passage à la nouvelle clé { $fingerprint } (publiée par le dépositaire) ; l'ancienne clé est retirée
line-arrival-failed = avertissement : impossible d'afficher une arrivée : { $error }
line-reconnecting = connexion au relais perdue ({ $error }) ; nouvelle tentative dans { $seconds } s
line-not-pinged = avertissement : non sollicités, leur boîte aux lettres sur le relais est pleine : { $pocs }
line-language-not-un = remarque : { $tag } n'est pas l'une des six langues de l'ONU ; les lecteurs voient de toute façon les libellés dans leur propre langue
line-exercise-start =
    { $count ->
        [one] exercice « { $name } » : { $count } injection, temps accéléré { $speed } fois
       *[other] exercice « { $name } » : { $count } injections, temps accéléré { $speed } fois
    }
line-inject-sent = { $time } injection { $inject } envoyée à { $to } ({ $envelope }), réponse attendue avant { $deadline }
line-request-from = demande de { $id } ({ $org })
line-fingerprint = empreinte : { $fingerprint }
line-pending-invitation = remise de l'invitation en attente importée de { $source } (consentement { $consent })

## Results of the PoC's commands

result-ack-sent = accusé de réception signé { $id } pour { $envelope } envoyé à { $to }
result-template-written = modèle écrit dans { $path } ; complétez-le, puis : { $command }
result-export-failed = impossible d'écrire la preuve en JSON : { $error }
result-forwarded = { $id } écrit dans { $file } sous forme de fichier age pour { $recipient }
result-forward-open = l'autorité l'ouvre avec : { $command }
result-initialised = identité { $id } créée dans { $home }
result-initialised-next = ensuite : envoyez le fichier de demande au dépositaire et lisez-lui l'empreinte par téléphone ; une fois le répertoire publié, lancez `poc directory sync`.
result-enrolment-request = demande d'inscription : { $file }
result-saved = enregistré : { $path }
result-replied = réponse { $id } ({ $status }) envoyée à { $to }
result-sent = { $id } envoyé à { $to } (priorité { $priority }) : conservé par le relais
result-update-sent = demande de mise à jour { $id } envoyée à { $to } ; elle prend effet quand le dépositaire l'approuve et publie
result-rotation-sent = nouvelle clé { $fingerprint } créée (même phrase secrète) ; demande de renouvellement { $id } envoyée à { $to }
result-rotation-next = lisez la nouvelle empreinte au dépositaire ; le changement a lieu après son approbation et sa publication
result-whoami-id = identifiant : { $id }
result-whoami-home = dossier : { $home }
result-whoami-custodian = dépositaire : { $fingerprint }
result-whoami-relay = relais : { $relay }
result-directory-listed =
    { $count ->
        [one] { $count } point de contact, répertoire numéro { $serial }
       *[other] { $count } points de contact, répertoire numéro { $serial }
    }
result-directory-accepted = répertoire numéro { $serial } accepté (vérifié avec la clé épinglée du dépositaire)
result-directory-updated = répertoire mis à jour : numéro { $from } -> { $serial } (vérifié avec la clé épinglée du dépositaire)
result-directory-current = répertoire à jour (numéro { $serial })
result-directory-verified =
    { $count ->
        [one] répertoire numéro { $serial } vérifié : signé par la clé épinglée du dépositaire, { $count } entrée à l'autosignature valide
       *[other] répertoire numéro { $serial } vérifié : signé par la clé épinglée du dépositaire, { $count } entrées aux autosignatures valides
    }
result-directory-dates = émis le { $issued }, expire le { $expires }
result-directory-digest = condensé { $digest }

## Results of the custodian's commands

custodian-added = { $id } accepté ; il figurera dans le prochain répertoire (`poc custodian publish`)
custodian-already-added = { $id } est déjà accepté (inchangé)
custodian-approved = { $id } de { $from } approuvée ; lancez `poc custodian publish` pour la mettre en vigueur
custodian-rejected = { $id } de { $from } rejetée
custodian-imported =
    { $count ->
        [one] { $count } contact importé comme invitation en attente : { $ids }
       *[other] { $count } contacts importés comme invitations en attente : { $ids }
    }
custodian-already-present = déjà présents : { $ids }
custodian-skipped = ignorés (aucun consentement enregistré pour { $source }) : { $states }
custodian-created = identité de dépositaire { $id } créée dans { $home }
custodian-key = clé du dépositaire : { $key }
custodian-fingerprint = empreinte : { $fingerprint }
custodian-key-written = écrite dans { $file }
custodian-next = ensuite : { $command }
custodian-then = puis : { $command }
custodian-invitation-written = invitation pour { $id } écrite dans { $file }
custodian-published =
    { $count ->
        [one] répertoire numéro { $serial } publié avec { $count } entrée ; le relais admet désormais exactement ces clés ; { $notified } membres prévenus
       *[other] répertoire numéro { $serial } publié avec { $count } entrées ; le relais admet désormais exactement ces clés ; { $notified } membres prévenus
    }
custodian-relay-set = relais défini : { $address } (empreinte TLS { $pin })
custodian-request-approved = approuvée le { $time }
custodian-request-rejected = rejetée le { $time }
custodian-request-line = { $id }  de { $from }  { $state }
custodian-review-period = bilan de la période écoulée : { $period }
custodian-review-stale = entrées non confirmées pendant cette période : { $count }
custodian-review-stale-entry = { $id }  { $org }  dernière confirmation { $time }
custodian-review-campaigns = campagnes de vérification pendant cette période : { $count }
custodian-review-relay = relais : { $members } membres, répertoire numéro { $serial }, { $waiting } enveloppes en attente
custodian-revoked = clé { $fingerprint } de { $id } révoquée ; elle cesse de fonctionner sur le relais au prochain `poc custodian publish`
custodian-rotated = clé du dépositaire renouvelée : { $key } ({ $fingerprint }) ; répertoire numéro { $serial } signé par elle et publié ; les points de contact suivent la passation signée
custodian-relay = relais : { $relay }
custodian-relay-pinned = { $address } (empreinte TLS { $pin })
custodian-directory-published = publié : numéro { $serial }
custodian-directory-unpublished = publié : jamais
custodian-stale =
    { $count ->
        [one] { $count } entrée non confirmée depuis { $period }
       *[other] { $count } entrées non confirmées depuis { $period }
    }

## Exercises

exercise-finished = exercice { $id } : envois terminés ; rapport après action : { $command }
exercise-expect-reply-status = réponse { $status }
exercise-replied-at = { $status } le { $time }
exercise-report-header = exercice { $id } « { $name } », débuté le { $started } (temps x{ $speed })
exercise-expectations-met = { $met } attentes atteintes sur { $count }

## Ping campaigns: the commands' other lines

ping-reminded =
    { $count ->
        [one] { $count } point de contact relancé : { $pocs }
       *[other] { $count } points de contact relancés : { $pocs }
    }
ping-report-written = rapport écrit dans { $path }
ping-bundle-written = dossier de preuve écrit dans { $path } (vérification : { $command })
ping-bundle-verified =
    { $count ->
        [one] dossier vérifié : { $count } accusé, sa signature est valide
       *[other] dossier vérifié : { $count } accusés, toutes les signatures sont valides
    }
ping-answer-failed = ÉCHEC : { $failure }

## Relais injoignable et expiration du répertoire : lignes sur stderr

line-connecting-relay = connexion au relais { $address }…
line-watch-connected = connecté au relais { $address }
line-relay-lost = le relais { $address } est injoignable depuis { $seconds } s
line-relay-back = le relais { $address } est de nouveau joignable
line-on-lost-failed = avertissement : la commande --on-lost a échoué : { $error }
line-directory-offered-expired = AVERTISSEMENT : le répertoire numéro { $offered } du dépositaire avait déjà expiré ({ $time }) à son arrivée ; le répertoire en vigueur (numéro { $serial }) est encore valide et reste utilisé. Demandez au dépositaire d'en publier un nouveau.

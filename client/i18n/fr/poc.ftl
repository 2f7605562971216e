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

## The outbox: `poc sent`, and what an interrupted or failed send says

sent-column-to = DESTINATAIRE
sent-column-time = ENVOYÉ
sent-state-prepared = préparé (non envoyé)
sent-state-submitted = soumis (peut avoir été envoyé)
sent-state-stored = enregistré par le relais
sent-expired = expiré, ne peut plus être envoyé
sent-none = Rien n'a encore été envoyé.
sent-unfinished = Pas encore enregistrés par le relais : { $count }. Pour terminer : { $command }
sent-nothing-to-resend = Rien à renvoyer : chaque enveloppe demandée est enregistrée par le relais, ou sa durée de vie est écoulée (voir `poc sent`).
sent-resent = { $id } à { $to } : { $state }
outbox-interrupted = Interrompu.
outbox-nothing-sent = Interrompu : rien n'a été envoyé.
outbox-stored = enregistré par le relais : { $id } à { $to }
outbox-submitted = peut avoir été envoyé (soumis, sans réponse du relais) : { $id } à { $to }
outbox-prepared = non envoyé : { $id } à { $to }
outbox-finish = Chaque enveloppe est conservée dans la boîte d'envoi (`poc sent`). Pour terminer l'envoi sans que personne ne reçoive de second exemplaire : { $command }

## Large attachments (files carried in parts)

type-attachment-part = Partie de pièce jointe
label-part = Partie
attachment-part-headline = partie { $part } d'un fichier du message { $message }
attachment-complete = complet, SHA-256 vérifié
attachment-incomplete = { $received } parties reçues sur { $total }
attachment-invalid = INVALIDE : { $reason }
attachment-not-saved = { $name } non enregistré : { $state } ; lancez `poc inbox` pour recevoir les parties manquantes, puis enregistrez à nouveau
attachment-sending-parts = envoi des parties des pièces jointes
attachment-checking-parts = vérification des parties des pièces jointes

## The custodian's HTML campaign report.
report-html-untitled = Campagne de vérification de la communication du { $started }
report-html-campaign-id = Campagne { $id }
report-html-times = Toutes les heures sont en UTC.
report-html-follow-up = À relancer
report-html-follow-up-intro =
    { $count ->
        [one] { $count } point de contact n’a pas donné de réponse valide : appelez-le ou écrivez-lui.
       *[other] { $count } points de contact n’ont pas donné de réponse valide : appelez-les ou écrivez-leur.
    }
report-html-follow-up-none = Chaque point de contact a donné une réponse valide.
report-html-organisation = Organisation
report-html-email = Courriel
report-html-phone = Téléphone
report-html-bundle = Dossier de preuve : { $file } (SHA-256 { $sha256 })
report-html-no-bundle = Aucun dossier de preuve n’a été écrit avec ce rapport ({ $command } en écrit un).
report-html-custodian = Empreinte de la clé du dépositaire : { $fingerprint }
report-html-chart-item =
    { $count ->
        [one] { $label } : { $count } point de contact
       *[other] { $label } : { $count } points de contact
    }

## Terminal: passphrase questions, the custodian fingerprint at enrolment, guided send

passphrase-prompt = Phrase de passe de { $id } (dossier { $home }) :
passphrase-prompt-new = Nouvelle phrase de passe pour { $id } (dossier { $home }) :
passphrase-prompt-repeat = Saisissez à nouveau la nouvelle phrase de passe :
passphrase-wrong =
    { $left ->
        [one] Phrase de passe erronée ; encore { $left } essai.
       *[other] Phrase de passe erronée ; encore { $left } essais.
    }
passphrase-differ = Les deux phrases de passe diffèrent ; choisissez-la de nouveau.
passphrase-empty = La phrase de passe est vide ; saisissez-en une.
passphrase-too-short = Trop courte : au moins { $min } caractères.
passphrase-weak = Cette phrase de passe est trop facile à deviner : { $reason } (robustesse { $score } sur 4, { $needed } requis). Utilisez plusieurs mots peu courants, ou une phrase plus longue.
passphrase-reason-keyboard = une suite de touches du clavier
passphrase-reason-repeats = des caractères ou des mots répétés
passphrase-reason-common = un mot de passe courant
passphrase-reason-sequence = une séquence
passphrase-reason-dates = une date ou une année
passphrase-reason-word = un seul mot
passphrase-reason-names = des noms
passphrase-reason-guessable = trop peu de combinaisons possibles
init-custodian-fingerprint = Invitation pour { $id }. Empreinte de la clé du dépositaire : { $fingerprint }
init-compare = Demandez au dépositaire de vous lire son empreinte au téléphone, et comparez chaque groupe.
init-confirm = Cette empreinte correspond-elle à celle que le dépositaire vous a lue ?
guided-to = Destinataire (identifiant de point de contact, code d’État ou partie d’un nom) :
guided-to-chosen = Destinataire : { $poc }
guided-to-none = Aucun point de contact de l’annuaire ne correspond à « { $answer } ».
guided-to-close = Aucun point de contact de l’annuaire ne correspond à « { $answer } » : vouliez-vous dire { $close } ?
guided-to-pick = Lequel (1 à { $count }, ou son identifiant) ?
guided-type = Type ({ $choices }) :
guided-priority = Priorité ({ $choices }) :
guided-tlp = Marquage TLP ({ $choices }) [{ $default }] :
guided-field = { $label } ({ $field } ; Entrée pour laisser vide) :
guided-field-choice = { $label } ({ $field } : { $choices } ; Entrée pour laisser vide) :
guided-confirm = Envoyer ce message ?

# Recipients, confirmations and message language (send, forward, compose)
prompt-yes-no = [o/N]
prompt-yes-words = o, oui
confirm-send-tlp = Ce message est TLP:{ $tlp } et partira vers { $count ->
        [one] une personne
       *[other] { $count } personnes
    } : { $recipients }. Envoyer ?
confirm-send-tlp-states = Ce message est TLP:{ $tlp } et partira vers { $count ->
        [one] une personne
       *[other] { $count } personnes
    } ({ $states }) : { $recipients }. Envoyer ?
confirm-send-states = Ce message partira vers { $count ->
        [one] une personne
       *[other] { $count } personnes
    } ({ $states }) : { $recipients }. Envoyer ?
line-forward-warning = attention : cet avis est TLP:{ $tlp } ; le transférer fait sortir sa preuve de l'annuaire, vers { $recipient }
confirm-forward = Le transférer ?
line-not-sent = Rien n'a été envoyé.
line-tlp-white = remarque : TLP:WHITE s'appelle TLP:CLEAR depuis TLP 2.0 ; le message est marqué CLEAR
language-unspecified = non précisée

# Inbox for people: received time, unread marker, reading and answering a ping.
inbox-column-received = REÇU
inbox-unread = nouveau
read-ping-answer = Pour répondre à cette vérification de la communication : poc ack { $id } (avant { $deadline }).
read-ping-late = Cette vérification de la communication est en retard : son échéance ({ $deadline }) est passée. Répondez quand même avec poc ack { $id } ; le dépositaire comptera la réponse comme tardive.
read-ping-answered = Vous avez répondu à cette vérification de la communication le { $time }.
ack-ping-already = Vous avez déjà répondu à cette vérification de la communication le { $time } : cette première réponse est retenue, et rien n'a été renvoyé.

## Relais injoignable et expiration du répertoire : lignes sur stderr

line-connecting-relay = connexion au relais { $address }…
line-relays-not-reached = non joints cette fois : { $relays } ; les copies qui leur manquent partent avec la prochaine commande qui les joint
line-watch-connected = connecté au relais { $address }
line-relay-lost = le relais { $address } est injoignable depuis { $seconds } s
line-relay-back = le relais { $address } est de nouveau joignable
line-on-lost-failed = avertissement : la commande --on-lost a échoué : { $error }
line-directory-offered-expired = AVERTISSEMENT : le répertoire numéro { $offered } du dépositaire avait déjà expiré ({ $time }) à son arrivée ; le répertoire en vigueur (numéro { $serial }) est encore valide et reste utilisé. Demandez au dépositaire d'en publier un nouveau.

# Noms des États dans la langue du lecteur (entrées du répertoire)
directory-entry-state = État
directory-column-state = ÉTAT

# Attachment parts in the outbox.
outbox-parts = parties des pièces jointes de { $id } à { $to } : { $stored } sur { $total } enregistrées par le relais, { $submitted } peuvent avoir été envoyées, { $prepared } non envoyées
sent-parts = { $stored } parties sur { $total } enregistrées

# Paged fetch, orphan parts and local deletion.
inbox-fetch-progress = récupération : { $envelopes } enveloppes ({ $size }) enregistrées et retirées du relais, { $pages } pages
inbox-orphan-parts = { $count ->
        [one] une partie de pièce jointe
       *[other] { $count } parties de pièces jointes
    } ({ $size }) de { $sender } qu'aucun message ne nomme ; `poc delete --orphans --from { $sender }` les supprime
confirm-delete = Supprimer de cet ordinateur { $messages ->
        [one] un message
       *[other] { $messages } messages
    } et { $parts ->
        [one] une partie de pièce jointe
       *[other] { $parts } parties de pièces jointes
    } ({ $size }) ? Le relais ne les a plus : ils seront perdus.
line-deleted = Supprimé de cet ordinateur : { $messages ->
        [one] un message
       *[other] { $messages } messages
    } et { $parts ->
        [one] une partie de pièce jointe
       *[other] { $parts } parties de pièces jointes
    } ({ $size }).
line-nothing-to-delete = Rien à supprimer.
line-fetch-interrupted = Interrompu. { $envelopes } enveloppes ({ $size }) ont été enregistrées ici et retirées du relais ; ce qui n'a pas été enregistré est toujours sur le relais : relancez `poc inbox` pour le récupérer.

# Campagnes de ping et avis de répertoire passant par la boîte d'envoi.
outbox-campaign = campagne { $campaign } : { $stored } pings enregistrés par le relais, { $submitted } peut-être envoyés (soumis, sans réponse du relais), { $prepared } non envoyés

# Teams: members of a PoC.
custodian-member-invitation-written = invitation du membre « { $label } » de { $id } écrite dans { $file }
custodian-member-added = membre « { $label } » ajouté à { $id } (membres : { $members }) ; il peut agir pour { $id } après le prochain `poc custodian publish`
custodian-member-already-added = le membre « { $label } » de { $id } était déjà ajouté ; rien n'a changé
member-request-from = demande d'un nouveau membre « { $label } » de { $id }
member-request-cosigned = cosignée par le membre « { $by } » du même point de contact : aucune vérification par téléphone n'est nécessaire
custodian-member-revoked = clé { $fingerprint } du membre « { $label } » de { $id } révoquée ; { $id } continue avec { $members } ; effet sur le relais au prochain `poc custodian publish`
result-initialised-member = clés du membre « { $label } » de { $id } créées dans { $home }
result-member-request = demande de membre : { $path }
result-initialised-member-next = Ensuite : remettez le fichier de demande à un membre actuel de { $id } et montrez-lui cette empreinte ; il la cosigne (`poc team cosign FICHIER`) et l'envoie au dépositaire. Une fois le répertoire publié, lancez `poc directory sync`.
team-cosigned = demande de « { $label } » pour { $id } cosignée : { $file } ; envoyez ce fichier au dépositaire (`poc custodian add FICHIER`)
team-cosigned-first = Cette clé rejoint la demande comme membre « { $label } » : dès la prochaine publication, votre point de contact est une équipe.
team-cosign-confirm = Cette empreinte correspond-elle à celle affichée sur l'écran du nouveau membre ?
team-heading = { $id } : { $count ->
    [one] 1 membre
   *[other] { $count } membres
} (répertoire numéro { $serial })
team-member = { $name }, empreinte { $fingerprint }
team-member-cosigned = cosigné par { $by }
team-member-you = cet appareil

# Team members: own key rotation, removal requests, members shown.
label-member = Membre de l'équipe
label-reason = Motif
changed-field-member = membre
member-key-request = nouvelle clé pour le membre « { $label } » de { $id }
member-removal-request = retrait du membre « { $label } » de { $id }
team-removal-sent = demande de retrait du membre « { $label } » de { $id } envoyée au dépositaire ({ $to }) (demande { $envelope }) ; elle prend effet quand le dépositaire l'approuve et publie
members-of = membres de { $id } :

## Team history: the team's own outgoing messages and acknowledgements
inbox-team-sent = envoyé par { $sender } à { $to }
inbox-acked-by = accusé de réception par { $member }
send-team-copy-not-stored = { $id } : la copie de votre équipe pour { $labels } n'a pas été conservée (sa boîte au relais est pleine) ; le destinataire a bien le message.

## poc ui: the browser interface
ui-title = PoC Relay — Répertoire des points de contact
ui-nav-inbox = Boîte de réception
ui-nav-compose = Rédiger
ui-nav-directory = Répertoire
ui-nav-custodian = Dépositaire
ui-nav-campaigns = Campagnes de vérification
ui-nav-team = Équipe
ui-nav-profile = Mes coordonnées
ui-lock = Verrouiller
ui-language = Langue
ui-skip-to-content = Aller au contenu
ui-unlock-help = Vos clés restent sur cet ordinateur. La phrase secrète les déverrouille pour cette fenêtre seulement ; elles sont verrouillées de nouveau après le délai d'inactivité ci-dessous, ou à la fermeture de PoC Relay.
ui-passphrase = Phrase secrète
ui-idle-minutes = Verrouiller après (minutes d'inactivité)
ui-idle-help = De 1 à 480 minutes.
ui-unlock = Déverrouiller
ui-wrong-passphrase = Phrase secrète incorrecte : saisissez-la de nouveau (majuscules et minuscules comptent).
ui-locked = Verrouillé. Déverrouillez de nouveau pour continuer.
ui-inbox-empty = Aucun message.
ui-inbox-new = nouveau
ui-inbox-refresh = Relever maintenant
ui-inbox-live = Les nouveaux messages apparaissent ici sans recharger la page.
ui-notify-enable = M'alerter pour la priorité HAUTE
ui-notify-high = Message de priorité HAUTE reçu
ui-unread = Non lu
ui-received = Reçu
ui-invalid = NON VALIDE
ui-invalid-help = Ce message n'est pas fiable : sa signature ou son expéditeur n'a pas été vérifié. N'y donnez pas suite ; informez le dépositaire.
ui-signature-verified = Signature vérifiée d'après le répertoire
ui-signature-invalid = Signature NON vérifiée
ui-acknowledge = Accuser réception
ui-acknowledged = Réception accusée
ui-ack-sent = Accusé de réception signé envoyé.
ui-reply = Répondre
ui-thread-title = Fil de discussion
ui-print = Imprimer le procès-verbal
ui-download = Télécharger
ui-back = Retour
ui-error-title = Une erreur s'est produite
ui-forbidden-title = Accès refusé
ui-forbidden-help = Ouvrez dans ce navigateur l'adresse que `poc ui` a affichée dans son terminal.
ui-launch-used = Cette adresse a déjà servi une fois. Arrêtez `poc ui` et relancez-le pour en obtenir une nouvelle. Si vous ne l'avez pas ouverte vous-même, quelqu'un d'autre sur cet ordinateur a pu le faire : prévenez votre responsable de la sécurité informatique.
ui-not-found = Introuvable : cette page ou ce message n'existe pas ici.
ui-ping-answer-by = Ceci est une vérification de la communication par le dépositaire : accusez-en réception avant le
ui-ping-late = Cette vérification est en retard : son échéance est passée. Accusez-en réception quand même ; le dépositaire comptera la réponse comme tardive
ui-listening = PoC Relay est ouvert dans votre navigateur à cette adresse (seul cet ordinateur peut l'atteindre ; l'adresse ne sert qu'une fois) :
ui-stop-hint = Appuyez ici sur Ctrl-C pour l'arrêter ; vos clés sont verrouillées à l'arrêt.
ui-print-title = Procès-verbal d'un message
ui-printed-at = Procès-verbal établi le
ui-signed-by = Signé par
ui-signer-key = Empreinte de la clé de signature
ui-verified-against = Signature vérifiée d'après le répertoire, numéro
ui-receipt-sent = Accusé de réception signé envoyé le
ui-no-receipt = Aucun accusé de réception envoyé à ce jour.
ui-print-button = Imprimer ou enregistrer en PDF
ui-thread-sent = envoyé par ce point de contact
ui-thread-received = reçu, signature vérifiée
ui-directory-title = Répertoire des points de contact
ui-directory-serial = Répertoire en vigueur, numéro
ui-country = État
ui-role = Rôle
ui-organisation = Organisation
ui-languages = Langues
ui-time-zone = Fuseau horaire
ui-contact = Contact
ui-members = Membres
ui-profile-help = Les modifications sont envoyées au dépositaire sous forme de demande signée ; elles figurent dans le répertoire une fois approuvées et publiées par le dépositaire.
ui-emails = Adresses électroniques
ui-phones = Numéros de téléphone
ui-webpage = Page web
ui-list-help = Une par ligne.
ui-send-update = Envoyer la demande au dépositaire
ui-update-sent = Demande envoyée au dépositaire.
ui-rotate-title = Remplacer mes clés
ui-rotate-help = Crée une nouvelle paire de clés sur cet ordinateur et demande au dépositaire de l'adopter. Lisez la nouvelle empreinte au dépositaire par téléphone lorsqu'il le demande. L'ancienne clé reste valable jusqu'à la publication du changement.
ui-rotate-confirm = Je veux remplacer les clés de cet ordinateur.
ui-rotate-button = Créer de nouvelles clés et en informer le dépositaire
ui-rotate-sent = Nouvelles clés créées et demande envoyée. Empreinte à lire au dépositaire :
ui-team-title = Membres de ce point de contact
ui-team-you = cet ordinateur
ui-fingerprint = Empreinte
ui-added-at = Ajouté le
ui-cosigned-by = Cosigné par
ui-one-key = Ce point de contact est détenu par une seule clé.


## poc ui: writing a message and replying
ui-compose-title = Rédiger un message
ui-compose-kind = Type de message
ui-compose-recipients = Destinataires
ui-compose-recipients-help = Cochez un ou plusieurs points de contact, ou tous ceux d'un État.
ui-compose-every-poc = tous les points de contact
ui-compose-priority = Priorité
ui-compose-priority-high-help = demande une attention immédiate, de jour comme de nuit
ui-compose-priority-medium-help = dans la journée de travail
ui-compose-priority-low-help = pour information, sans urgence
ui-compose-tlp = Diffusion (TLP)
ui-compose-tlp-clear-help = diffusion sans restriction
ui-compose-tlp-green-help = peut être partagé au sein de la communauté, pas publiquement
ui-compose-tlp-amber-help = seulement dans l'organisation destinataire et auprès de ses clients, selon le besoin d'en connaître
ui-compose-tlp-amber-strict-help = seulement dans l'organisation destinataire
ui-compose-tlp-red-help = pour les seuls destinataires nommés, sans autre diffusion
ui-compose-language = Langue du message
ui-compose-language-unspecified = non précisée
ui-compose-exercise = Dans le cadre d'un exercice
ui-compose-attachments = Pièces jointes
ui-compose-attachments-help = Les fichiers voyagent chiffrés dans le message. Total maximal :
ui-compose-fields = Contenu
ui-compose-fields-help = Remplissez ce que vous savez ; chaque champ est facultatif, sauf le texte d'un message texte.
ui-compose-choose = choisir
ui-compose-send = Envoyer
ui-compose-confirm-title = Confirmez avant l'envoi
ui-compose-confirm-tick = J'ai vérifié les destinataires et le marquage de diffusion : envoyer.
ui-compose-not-sent-yet = Rien n'a encore été envoyé.
ui-compose-sent-title = Envoyé
ui-compose-sent-help = Le relais conserve une enveloppe pour chaque destinataire :
ui-compose-envelope = Enveloppe
ui-compose-recipient = Destinataire
ui-compose-team-copy-missing = Non conservé dans l'historique partagé de ces membres de votre point de contact (leur boîte est pleine) :
ui-compose-write-another = Rédiger un autre message
ui-compose-no-directory = Aucun répertoire sur cet ordinateur pour l'instant : ouvrez une fois la boîte de réception pour le récupérer, puis revenez.
ui-compose-help-reference = votre propre référence pour ce dossier
ui-compose-help-summary = une ligne : ce qui s'est passé
ui-compose-help-description = ce que vous savez jusqu'ici, avec vos mots
ui-compose-help-incident-class = la catégorie de la taxonomie de référence
ui-compose-help-time-detected = quand il a été détecté, avec le fuseau horaire
ui-compose-help-affected-sector = énergie, santé, finance, administration…
ui-compose-help-affected-systems = quels systèmes ou services sont touchés
ui-compose-help-indicators = adresses, domaines, empreintes : un par ligne
ui-compose-help-actions-taken = ce que vous avez déjà fait
ui-compose-help-assistance-requested = ce que vous demandez au destinataire
ui-compose-help-requested-response-time = pour quand il vous faut une réponse
ui-compose-help-follow-up-contact = qui appeler ou à qui écrire à ce sujet
ui-compose-help-nature = le type d'aide demandée
ui-compose-help-related-incident = la référence de l'incident concerné
ui-compose-help-details = la demande, avec vos mots
ui-compose-help-legal-context = la base ou le cadre juridique, s'il y en a un
ui-compose-help-subject = une ligne
ui-compose-help-text = le message, tel que vous voulez qu'il soit lu
ui-compose-reply-title = Répondre par un état
ui-compose-reply-to = En réponse à
ui-compose-reply-status-help = où en est l'affaire de votre côté
ui-compose-reply-tlp-original = comme le message d'origine
ui-compose-reply-sent = Réponse envoyée :


## The custodian's pages of the browser interface
ui-custodian-title = Gardien de l'annuaire
ui-custodian-enrol-title = Demande d'inscription
ui-custodian-enrol-help = Ouvrez le fichier enrolment-request.txt envoyé par le PoC, ou collez son texte.
ui-custodian-enrol-file = Fichier de la demande
ui-custodian-enrol-paste = Ou collez la demande
ui-custodian-enrol-show = Afficher la demande
ui-custodian-enrol-empty = Choisissez d'abord un fichier de demande ou collez son texte.
ui-custodian-fingerprint-help = Lisez cette empreinte au PoC par téléphone ; il lit la sienne avec poc whoami. N'approuvez que si chaque groupe correspond.
ui-custodian-confirm-fingerprint = J'ai confirmé cette empreinte avec le PoC par téléphone
ui-custodian-approve = Approuver
ui-custodian-reject = Rejeter
ui-custodian-added = Ajouté. Publiez l'annuaire pour l'y inclure.
ui-custodian-already-added = Cette demande était déjà ajoutée.
ui-custodian-not-confirmed = Rien n'a été ajouté : cochez la case une fois l'empreinte confirmée avec le PoC par téléphone.
ui-custodian-updates-title = Demandes de mise à jour
ui-custodian-no-updates = Aucune demande de mise à jour n'attend.
ui-custodian-rotation = Cette demande change une clé de signature : confirmez la nouvelle empreinte avec le PoC par téléphone avant d'approuver.
ui-custodian-reason = Motif
ui-custodian-approved = Approuvée. Publiez l'annuaire pour l'appliquer.
ui-custodian-rejected = Rejetée.
ui-custodian-publish-title = Publier l'annuaire
ui-custodian-publish-help = Signe toutes les entrées acceptées dans un nouvel annuaire valable 90 jours et en avertit chaque PoC.
ui-custodian-publish = Publier
ui-custodian-published = Annuaire publié
ui-custodian-serial = Numéro
ui-custodian-entries = Entrées
ui-custodian-notified = PoC avertis
ui-custodian-revoke-title = Révoquer un PoC
ui-custodian-revoke-help = Ses clés quittent le prochain annuaire et sont listées comme révoquées ; le motif est publié avec elles.
ui-custodian-revoke = Révoquer…
ui-custodian-revoke-ask = Révoquer les clés de ce PoC ? C'est définitif : il lui faudra de nouvelles clés issues d'une nouvelle invitation.
ui-custodian-revoke-confirm = Oui, révoquer ses clés
ui-custodian-revoked = Révoqué. Publiez l'annuaire pour l'appliquer.
ui-custodian-campaigns-title = Campagnes de ping
ui-custodian-no-campaigns = Aucune campagne pour l'instant.
ui-custodian-start-title = Lancer une campagne
ui-custodian-target-all = Tous les PoC de l'annuaire
ui-custodian-target-to = Identifiants de PoC ou codes d'État (séparés par des virgules)
ui-custodian-target-role = Seulement ce rôle
ui-custodian-any-role = Tout rôle
ui-custodian-deadline = Délai de réponse (p. ex. 72h, 3d)
ui-custodian-note = Note montrée aux PoC
ui-custodian-exercise = Dans le cadre d'un exercice
ui-custodian-start = Lancer la campagne
ui-custodian-live = Cet état se met à jour tout seul toutes les 5 secondes.
ui-custodian-remind = Relancer ceux qui n'ont pas répondu
ui-custodian-reminded = Relancés :
ui-custodian-nobody-to-remind = Tout le monde a répondu : personne à relancer.
ui-custodian-not-pinged = Non joints (boîte du relais pleine) :
ui-custodian-report = Rapport
ui-custodian-bundle = Télécharger le dossier de preuve
ui-custodian-bundle-help = Chacun peut le revérifier hors ligne avec poc ping verify et la clé publique du gardien.
ui-custodian-answered-by = Répondu par
ui-custodian-chart-outcomes = Réponses
ui-custodian-by-role = Par rôle
ui-custodian-by-state = Par État
ui-custodian-exercise-mark = EXERCICE
ui-custodian-status = État

## Browser interface: member requests in the custodian's enrolment box, and the message types of the compose form
ui-members-box-help = Cette même zone accepte une demande de membre (member-request.txt) : une nouvelle personne ou un nouvel appareil pour un PoC déjà inscrit à l'annuaire.
ui-members-title = Demande de membre
ui-members-label = Libellé du membre
ui-members-poc = Point de contact
ui-members-cosigned-help = Un membre actuel de ce PoC a cosigné la demande et se porte garant de la nouvelle clé : aucune confirmation par téléphone n'est nécessaire.
ui-members-not-cosigned-help = Personne dans ce PoC n'a cosigné la demande : appelez le PoC à un numéro que vous connaissez déjà et comparez cette empreinte avant de l'ajouter.
ui-members-after = Membres après l'ajout
ui-members-add = Ajouter ce membre
ui-members-added = Membre ajouté. Publiez l'annuaire pour qu'il puisse agir au nom du PoC.
ui-members-already-added = Ce membre avait déjà été ajouté : rien n'a changé.
ui-members-not-confirmed = Rien n'a été ajouté : personne dans le PoC n'a cosigné cette demande ; cochez donc la case une fois l'empreinte confirmée par téléphone.
ui-members-not-a-request = Ce n'est ni une demande d'inscription ni une demande de membre : choisissez le fichier envoyé par le PoC, ou collez tout son texte, de la ligne BEGIN à la ligne END.
ui-compose-kind-incident-help = informer d'autres PoC d'un incident : ce qui s'est passé, sa classe, ses indicateurs et ce que vous avez fait
ui-compose-kind-assistance-help = demander de l'aide à un autre État : ce dont vous avez besoin, pour quand, et dans quel cadre juridique
ui-compose-kind-response-help = indiquer à un expéditeur où en est sa notification ou sa demande (reçue, en cours, résolue...) ; pour répondre à un message dans son fil, utilisez Répondre sur ce message
ui-compose-kind-text-help = tout autre message, avec un objet et un texte
ui-compose-help-status = où en est l'affaire de votre côté (obligatoire pour une réponse de statut)

## poc ui: the custodian's exercises
ui-exercise-nav = Exercices
ui-exercise-title = Exercices lancés depuis ce poste
ui-exercise-no-exercises = Aucun exercice n’a encore été lancé depuis ce poste.
ui-exercise-run-title = Lancer un exercice
ui-exercise-run-help = Choisissez un fichier de scénario ou collez son texte. Vous verrez chaque inject avant tout envoi.
ui-exercise-file = Fichier de scénario (TOML)
ui-exercise-paste = Ou collez le scénario
ui-exercise-speed = Vitesse
ui-exercise-speed-help = 1 joue le scénario en temps réel ; 60 joue une minute par seconde.
ui-exercise-preview = Afficher les injects
ui-exercise-preview-help = Rien n’a encore été envoyé. Vérifiez qui reçoit quoi et quand, puis lancez l’exercice.
ui-exercise-run = Lancer l’exercice maintenant
ui-exercise-recipients = Destinataires
ui-exercise-type = Message
ui-exercise-at = Envoyé après
ui-exercise-deadline = Délai de réponse
ui-exercise-live = Cette page se met à jour d’elle-même ; vous pouvez la quitter et revenir. Les injects ne partent que lorsque ce poste est déverrouillé.
ui-exercise-running = En cours
ui-exercise-waiting-unlock = En attente : l’identité est verrouillée. Déverrouillez pour envoyer l’inject suivant.
ui-exercise-finished = Tous les injects ont été envoyés.
ui-exercise-failed = Interrompu par une erreur :
ui-exercise-sent-of-due = Envois effectués / prévus
ui-exercise-next-due = Prochain inject
ui-exercise-report = Rapport après action
ui-exercise-download-json = Télécharger le rapport (JSON)
ui-exercise-empty = Choisissez d’abord un fichier de scénario ou collez un scénario.
ui-exercise-bad-speed = La vitesse doit être un nombre entier de 1 à 100000 ; corrigez-la et réessayez.
ui-exercise-in-inject = Dans l’inject
ui-exercise-fault-unreadable = Le fichier de scénario n’est pas lisible comme texte ; choisissez le fichier TOML du scénario.
ui-exercise-fault-toml = Le scénario n’est pas du TOML valide ou contient des champs inconnus ; corrigez-le et réessayez. Rien n’a été envoyé.
ui-exercise-fault-no-injects = Le scénario n’a aucun [[inject]] ; ajoutez-en au moins un et réessayez. Rien n’a été envoyé.
ui-exercise-fault-duration = Une durée du scénario est mal écrite (écrivez par exemple 30m ou 2h) ; corrigez-la et réessayez. Rien n’a été envoyé.
ui-exercise-fault-value = Une priorité, un label TLP ou un statut attendu du scénario n’existe pas ; corrigez-le et réessayez. Rien n’a été envoyé.
ui-exercise-fault-recipients = Un destinataire du scénario n’est pas dans l’annuaire (utilisez des identifiants comme MEX.technical ou des codes d’État) ; corrigez-le et réessayez. Rien n’a été envoyé.
ui-exercise-fault-message = Le type ou les champs du message d’un inject ne sont pas ceux d’un modèle ; corrigez-les et réessayez. Rien n’a été envoyé.

## Disk faults
disk-full = Le disque qui contient votre dossier PoC est plein : libérez de l'espace, puis relancez la commande.

## Relay list: the custodian's relay commands and `directory relays`
relay-added = relais { $address } ajouté au prochain annuaire (relais : { $count }, k = { $k }) ; publiez-le avec `poc custodian publish`
relay-removed = relais { $address } retiré du prochain annuaire (relais : { $count }, k = { $k }) ; publiez-le avec `poc custodian publish`
relays-k-set = le prochain annuaire fixe k = { $k } (relais : { $count }) : une enveloppe compte comme stockée dès que k relais la détiennent ; publiez-le avec `poc custodian publish`
relay-list-in-force = Relais de l'annuaire { $serial } en vigueur (k = { $k }) :
relay-list-nothing-published = Aucun annuaire n'est encore publié.
relay-list-next = Relais de la prochaine publication (k = { $k }) :
relay-line = { $address }  opérateur : { $operator }  région : { $region }  empreinte { $pin }
relay-pending-added = à ajouter : { $addresses }
relay-pending-removed = à retirer : { $addresses }
relay-pending-changed = à modifier : { $addresses }
relay-pending-k = k devient { $k }
relay-pending-publish = En attente de `poc custodian publish` :
relay-no-change = Aucune modification n'attend de publication.
directory-relays = Annuaire { $serial } (relais : { $count }, k = { $k }) : une enveloppe compte comme stockée dès que k relais la détiennent :
directory-relays-configured = L'annuaire ne liste aucun relais : ce dossier utilise le relais configuré à sa création (k = 1) :

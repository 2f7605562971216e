# PoC Relay client, Spanish: labels, fixed values and messages of the `poc` command.
# Content written by the sender of a message is never translated; only what is here is.
# Every message id exists in all six languages (checked by the client's tests).

## Field labels of messages

label-envelope = Sobre
label-from = Remitente
label-to = Destinatario
label-priority = Prioridad
label-handling = Difusión (TLP)
label-type = Tipo de mensaje
label-sent = Enviado el
label-language = Idioma
label-signature = Firma
label-in-reply-to = En respuesta a
label-attachments = Archivos adjuntos
label-exercise = EJERCICIO
label-verified = Verificada
label-verified-against = verificada con el directorio, número de serie
label-reference = Referencia
label-summary = Resumen
label-description = Descripción
label-incident-class = Categoría de incidente
label-time-detected = Fecha y hora de detección
label-affected-sector = Sector afectado
label-affected-systems = Sistemas afectados
label-indicators = Indicadores de compromiso
label-actions-taken = Medidas adoptadas
label-assistance-requested = Asistencia solicitada
label-requested-response-time = Plazo de respuesta solicitado
label-follow-up-contact = Contacto para el seguimiento
label-nature = Naturaleza de la solicitud
label-related-incident = Incidente relacionado
label-details = Detalles
label-legal-context = Contexto jurídico o diplomático
label-status = Estado
label-text = Texto
label-subject = Asunto
label-acknowledges = Acusa recibo de
label-received-at = Recibido el
label-entry = Entrada del directorio
label-organisation = Organización
label-email = Correo electrónico
label-phone = Teléfono
label-languages = Idiomas de trabajo
label-new-key = Nueva clave pública
label-directory-serial = Número de serie del directorio
label-digest = Resumen criptográfico

## Priorities

priority-high = Alta
priority-medium = Media
priority-low = Baja

## Natures of an assistance request

nature-information = Información
nature-mitigation = Mitigación
nature-investigation = Investigación
nature-coordination = Coordinación
nature-other = Otra

## Statuses of a response

status-received = Recibido
status-channelled = Remitido a la autoridad nacional competente
status-in-progress = En curso
status-resolved = Resuelto
status-declined = Rechazado

## Incident classes: top-level classes of the ENISA / RSIT reference taxonomy

incident-class-abusive-content = Contenido abusivo
incident-class-malicious-code = Código malicioso
incident-class-information-gathering = Obtención de información
incident-class-intrusion-attempts = Intentos de intrusión
incident-class-intrusions = Intrusiones
incident-class-availability = Disponibilidad
incident-class-information-content-security = Compromiso de la información
incident-class-fraud = Fraude
incident-class-vulnerable = Vulnerabilidad
incident-class-other = Otros
incident-class-test = Prueba

## Message types

type-incident = Notificación de incidente
type-assistance = Solicitud de asistencia
type-response = Respuesta
type-text = Mensaje
type-receipt = Acuse de recibo
type-entry-update = Solicitud de actualización de una entrada del directorio
type-directory-notice = Aviso de actualización del directorio

## Field labels of communication checks (pings) and their acknowledgements

label-campaign = Campaña
label-deadline = Fecha límite
label-note = Nota
label-automatic = Enviado automáticamente

## Message types added with communication checks

type-ping = Verificación de la comunicación
type-ping-ack = Acuse de recibo de la verificación de la comunicación

## Handling labels: FIRST TLP 2.0 labels are not translated

tlp-clear = TLP:CLEAR
tlp-green = TLP:GREEN
tlp-amber = TLP:AMBER
tlp-amber-strict = TLP:AMBER+STRICT
tlp-red = TLP:RED

## Roles of Points of Contact

role-diplomatic = Diplomático
role-technical = Técnico
role-custodian = Custodio del directorio

## Yes and no

yes-no-true = Sí
yes-no-false = No

## Directory entry view

entry-id = Identificador
entry-organisation = Organización
entry-role = Función
entry-fingerprint = Huella digital
entry-languages = Idiomas
entry-email = Correo electrónico
entry-phone = Teléfono
entry-webpage = Página web
entry-time-zone = Huso horario
entry-updated = Actualizado el

## Units of time and size

unit-seconds = { $count } s
unit-minutes = { $count } min
unit-hours = { $count } h
unit-days =
    { $count ->
        [one] { $count } día
       *[other] { $count } días
    }
unit-bytes =
    { $count ->
        [one] { $count } byte
       *[other] { $count } bytes
    }
word-automatic = automático

## One-line descriptions of messages in lists (the content itself is never translated)

headline-no-summary = (sin resumen)
headline-no-details = (sin detalles)
headline-receipt = acuse de recibo de { $envelope }
headline-key-rotation = solicitud de cambio de clave para { $entry }
headline-entry-update = solicitud de actualización para { $entry }
headline-directory-notice = publicado el directorio con número de serie { $serial }
headline-ping = verificación de la comunicación, responder antes del { $deadline }
headline-ping-ack = verificación de la comunicación confirmada

## Inbox: column headers, status of each envelope, fetch results

inbox-column-id = ID
inbox-column-priority = PRIORIDAD
inbox-column-from = REMITENTE
inbox-column-type = TIPO
inbox-column-tlp = TLP
inbox-column-summary = RESUMEN
inbox-column-status = ESTADO
inbox-status-verified = verificado
inbox-status-acknowledged = verificado, recepción confirmada
inbox-status-invalid = NO VÁLIDO: { $reason }
inbox-status-receipt = acuse de recibo verificado: { $sender } recibió { $envelope } el { $time }
inbox-status-receipt-unknown = ADVERTENCIA: acuse de recibo de { $envelope }, que este punto de contacto no envió
inbox-status-receipt-wrong-signer = ADVERTENCIA: acuse de recibo de { $envelope } firmado por { $signer }, pero se envió a { $addressee }
inbox-status-ping-not-custodian = ADVERTENCIA: se presenta como una verificación de la comunicación (ping), pero no procede del custodio
inbox-fetched =
    { $count ->
        [one] { $count } sobre nuevo recibido
       *[other] { $count } sobres nuevos recibidos
    }
inbox-empty = bandeja de entrada vacía
inbox-unopened =
    { $count ->
        [one] NO VÁLIDO: { $count } sobre que no se puede abrir ni verificar, depositado, según el relé, por { $submitter } ({ $reason })
       *[other] NO VÁLIDO: { $count } sobres que no se pueden abrir ni verificar, depositados, según el relé, por { $submitter } ({ $reason })
    }
inbox-watching = a la espera de sobres nuevos (Ctrl-C para detener)

## Threads

thread-header =
    { $count ->
        [one] hilo { $root }: { $count } mensaje
       *[other] hilo { $root }: { $count } mensajes
    }
thread-sent-by-this-poc = enviado por este punto de contacto
thread-signature-verified = firma verificada

## Communication checks (ping campaigns)

ping-column-campaign = CAMPAÑA
ping-column-started = INICIO
ping-column-deadline = FECHA LÍMITE
ping-column-pocs = PUNTOS DE CONTACTO
ping-started =
    { $count ->
        [one] campaña { $id } iniciada: { $count } punto de contacto verificado, fecha límite { $deadline }
       *[other] campaña { $id } iniciada: { $count } puntos de contacto verificados, fecha límite { $deadline }
    }
ping-follow = para seguirla: { $command }
ping-status = campaña { $id }: { $count } puntos de contacto; a tiempo { $on_time }, con retraso { $late }, sin respuesta { $no_answer }, NO VÁLIDOS { $invalid }; tasa de respuesta { $rate } %; fecha límite { $deadline }
ping-deadline-passed = (vencida)

## Campaign reports

report-outcome-on-time = a tiempo
report-outcome-on-time-automatic = a tiempo (automático)
report-outcome-late = con retraso
report-outcome-late-automatic = con retraso (automático)
report-outcome-no-answer = sin respuesta
report-outcome-invalid = NO VÁLIDO
report-column-poc = Punto de contacto
report-column-result = Resultado
report-column-latency = Tiempo de respuesta
report-column-problems = Problemas
report-column-group = Grupo
report-column-pocs = Puntos de contacto
report-column-on-time = A tiempo
report-column-late = Con retraso
report-column-no-answer = Sin respuesta
report-column-invalid = No válidos
report-column-response-rate = Tasa de respuesta
report-group-all = todos
report-group-role = tipo de punto de contacto: { $role }
report-group-state = Estado { $state }
report-title = Campaña de verificación de la comunicación { $id }
report-campaign = campaña { $id }
report-summary-line =
    { $count ->
        [one] inicio { $started }, fecha límite { $deadline }, número de serie del directorio { $serial }, { $count } punto de contacto
       *[other] inicio { $started }, fecha límite { $deadline }, número de serie del directorio { $serial }, { $count } puntos de contacto
    }
report-intro = Inicio { $started }, fecha límite { $deadline }, número de serie del directorio { $serial }. Cada acuse de recibo se verificó con el directorio firmado.
report-response-rate =
    { $count ->
        [one] Tasa de respuesta { $rate } % ({ $answered } de { $count } punto de contacto)
       *[other] Tasa de respuesta { $rate } % ({ $answered } de { $count } puntos de contacto)
    }
report-latency-chart = Tiempo de respuesta de los acuses de recibo válidos
report-by-group = Por grupo
report-by-poc = Por punto de contacto
report-invalid-warning =
    { $count ->
        [one] !!! { $count } punto de contacto con acuses de recibo NO VÁLIDOS: verifíquelo !!!
       *[other] !!! { $count } puntos de contacto con acuses de recibo NO VÁLIDOS: verifíquelos !!!
    }

## Words shared by the command screens

screen-none = (ninguno)
screen-exercise = ejercicio
screen-sending-pings = enviando verificaciones
screen-sending-reminders = enviando recordatorios
screen-unlock-hint = (desbloquee con cualquier comando para ver la huella de la clave)
screen-confirm-fingerprint = ¿Coincide esta huella con la que le leyó el punto de contacto?
screen-no-update-requests = ninguna solicitud de actualización
screen-request-pending = pendiente
screen-expect-ack = acuse de recibo
screen-expect-reply = respuesta

## Column headers of the command screens (upper case where the script has case)

column-id = ID
column-organisation = ORGANIZACIÓN
column-languages = IDIOMAS
column-fingerprint = HUELLA
column-source = FUENTE
column-consent = CONSENTIMIENTO
column-last-confirmed = ÚLTIMA CONFIRMACIÓN
column-exercise = EJERCICIO
column-name = NOMBRE
column-started = INICIO
column-injects-sent = INYECCIONES ENVIADAS
column-inject = INYECCIÓN
column-poc = PUNTO DE CONTACTO
column-expected = ESPERADO
column-acknowledged = ACUSE
column-replied = RESPUESTA
column-verdict = VEREDICTO
column-campaigns = CAMPAÑAS
column-on-time = A TIEMPO
column-late = CON RETRASO
column-invalid = NO VÁLIDOS
column-no-answer = SIN RESPUESTA
column-response-rate = TASA DE RESPUESTA
column-month = MES

## Fields an update request changes

changed-field-entry = entrada
changed-field-org-name = organización
changed-field-emails = correo electrónico
changed-field-phones = teléfono
changed-field-languages = idiomas
changed-field-webpage = página web
changed-field-time-zone = huso horario
changed-field-key = clave

## Verdicts of exercise expectations

exercise-verdict-met = cumplida
exercise-verdict-late = con retraso
exercise-verdict-missing = ausente
exercise-verdict-pending = pendiente
exercise-verdict-wrong-status = estado incorrecto

## Lines on stderr

line-warning = advertencia: { $text }
line-mailbox-full =
    { $count ->
        [one] su buzón en el retransmisor estaba lleno: se rechazó { $count } sobre dirigido a usted (se avisó a su remitente); recoja el correo con más frecuencia o pida al operador del retransmisor que aumente la cuota
       *[other] su buzón en el retransmisor estaba lleno: se rechazaron { $count } sobres dirigidos a usted (se avisó a sus remitentes); recoja el correo con más frecuencia o pida al operador del retransmisor que aumente la cuota
    }
line-refresh-failed = advertencia: no se pudo actualizar el directorio desde el retransmisor: { $error }
line-directory-expired = ADVERTENCIA: el directorio (número { $serial }) caducó el { $time }; los datos de contacto pueden estar desactualizados. Pida al custodio que publique uno nuevo.
line-key-switched = se pasó a la nueva clave { $fingerprint } (publicada por el custodio); la clave anterior queda retirada
line-arrival-failed = advertencia: no se puede mostrar una llegada: { $error }
line-reconnecting = se perdió la conexión con el retransmisor ({ $error }); nuevo intento dentro de { $seconds } s
line-not-pinged = advertencia: no verificados, su buzón en el retransmisor está lleno: { $pocs }
line-language-not-un = nota: { $tag } no es uno de los seis idiomas de las Naciones Unidas; los lectores ven de todos modos las etiquetas en su propio idioma
line-exercise-start =
    { $count ->
        [one] ejercicio «{ $name }»: { $count } inyección, tiempo acelerado { $speed } veces
       *[other] ejercicio «{ $name }»: { $count } inyecciones, tiempo acelerado { $speed } veces
    }
line-inject-sent = { $time } inyección { $inject } enviada a { $to } ({ $envelope }), respuesta esperada antes de { $deadline }
line-request-from = solicitud de { $id } ({ $org })
line-fingerprint = huella: { $fingerprint }
line-pending-invitation = entregando la invitación pendiente importada de { $source } (consentimiento { $consent })

## Results of the PoC's commands

result-ack-sent = acuse de recibo firmado { $id } de { $envelope } enviado a { $to }
result-template-written = plantilla escrita en { $path }; complétela y luego: { $command }
result-export-failed = no se puede escribir la prueba en JSON: { $error }
result-forwarded = { $id } escrito en { $file } como archivo age para { $recipient }
result-forward-open = la autoridad lo abre con: { $command }
result-initialised = identidad { $id } creada en { $home }
result-initialised-next = a continuación: envíe el archivo de solicitud al custodio y léale la huella por teléfono; cuando haya publicado el directorio, ejecute `poc directory sync`.
result-enrolment-request = solicitud de inscripción: { $file }
result-saved = guardado: { $path }
result-replied = respuesta { $id } ({ $status }) enviada a { $to }
result-sent = { $id } enviado a { $to } (prioridad { $priority }): almacenado por el retransmisor
result-update-sent = solicitud de actualización { $id } enviada a { $to }; surte efecto cuando el custodio la aprueba y publica
result-rotation-sent = nueva clave { $fingerprint } creada (misma frase de contraseña); solicitud de renovación { $id } enviada a { $to }
result-rotation-next = lea la nueva huella al custodio; el cambio se produce cuando la aprueba y publica
result-whoami-id = identificador: { $id }
result-whoami-home = carpeta: { $home }
result-whoami-custodian = custodio: { $fingerprint }
result-whoami-relay = retransmisor: { $relay }
result-directory-listed =
    { $count ->
        [one] { $count } punto de contacto, directorio número { $serial }
       *[other] { $count } puntos de contacto, directorio número { $serial }
    }
result-directory-accepted = directorio número { $serial } aceptado (verificado con la clave fijada del custodio)
result-directory-updated = directorio actualizado: número { $from } -> { $serial } (verificado con la clave fijada del custodio)
result-directory-current = directorio al día (número { $serial })
result-directory-verified =
    { $count ->
        [one] directorio número { $serial } verificado: firmado con la clave fijada del custodio, { $count } entrada con autofirma válida
       *[other] directorio número { $serial } verificado: firmado con la clave fijada del custodio, { $count } entradas con autofirmas válidas
    }
result-directory-dates = emitido el { $issued }, caduca el { $expires }
result-directory-digest = resumen { $digest }

## Results of the custodian's commands

custodian-added = { $id } aceptado; figurará en el próximo directorio (`poc custodian publish`)
custodian-already-added = { $id } ya está aceptado (sin cambios)
custodian-approved = { $id } de { $from } aprobada; ejecute `poc custodian publish` para que entre en vigor
custodian-rejected = { $id } de { $from } rechazada
custodian-imported =
    { $count ->
        [one] { $count } contacto importado como invitación pendiente: { $ids }
       *[other] { $count } contactos importados como invitaciones pendientes: { $ids }
    }
custodian-already-present = ya presentes: { $ids }
custodian-skipped = omitidos (ningún consentimiento registrado para { $source }): { $states }
custodian-created = identidad de custodio { $id } creada en { $home }
custodian-key = clave del custodio: { $key }
custodian-fingerprint = huella: { $fingerprint }
custodian-key-written = escrita en { $file }
custodian-next = a continuación: { $command }
custodian-then = luego: { $command }
custodian-invitation-written = invitación para { $id } escrita en { $file }
custodian-published =
    { $count ->
        [one] directorio número { $serial } publicado con { $count } entrada; el retransmisor admite ahora exactamente estas claves; { $notified } miembros avisados
       *[other] directorio número { $serial } publicado con { $count } entradas; el retransmisor admite ahora exactamente estas claves; { $notified } miembros avisados
    }
custodian-relay-set = retransmisor definido: { $address } (huella TLS { $pin })
custodian-request-approved = aprobada el { $time }
custodian-request-rejected = rechazada el { $time }
custodian-request-line = { $id }  de { $from }  { $state }
custodian-review-period = examen del período transcurrido: { $period }
custodian-review-stale = entradas no confirmadas en ese período: { $count }
custodian-review-stale-entry = { $id }  { $org }  última confirmación { $time }
custodian-review-campaigns = campañas de verificación en ese período: { $count }
custodian-review-relay = retransmisor: { $members } miembros, directorio número { $serial }, { $waiting } sobres en espera
custodian-revoked = clave { $fingerprint } de { $id } revocada; deja de funcionar en el retransmisor con el próximo `poc custodian publish`
custodian-rotated = clave del custodio renovada: { $key } ({ $fingerprint }); directorio número { $serial } firmado con ella y publicado; los puntos de contacto siguen el traspaso firmado
custodian-relay = retransmisor: { $relay }
custodian-relay-pinned = { $address } (huella TLS { $pin })
custodian-directory-published = publicado: número { $serial }
custodian-directory-unpublished = publicado: nunca
custodian-stale =
    { $count ->
        [one] { $count } entrada sin confirmar desde hace { $period }
       *[other] { $count } entradas sin confirmar desde hace { $period }
    }

## Exercises

exercise-finished = ejercicio { $id }: envíos terminados; informe posterior a la acción: { $command }
exercise-expect-reply-status = respuesta { $status }
exercise-replied-at = { $status } el { $time }
exercise-report-header = ejercicio { $id } «{ $name }», iniciado el { $started } (tiempo x{ $speed })
exercise-expectations-met = { $met } de { $count } expectativas cumplidas

## Ping campaigns: the commands' other lines

ping-reminded =
    { $count ->
        [one] { $count } punto de contacto recordado: { $pocs }
       *[other] { $count } puntos de contacto recordados: { $pocs }
    }
ping-report-written = informe escrito en { $path }
ping-bundle-written = expediente de prueba escrito en { $path } (verificación: { $command })
ping-bundle-verified =
    { $count ->
        [one] expediente verificado: { $count } acuse, su firma es válida
       *[other] expediente verificado: { $count } acuses, todas las firmas son válidas
    }
ping-answer-failed = FALLO: { $failure }

## The outbox: `poc sent`, and what an interrupted or failed send says

sent-column-to = DESTINATARIO
sent-column-time = ENVIADO
sent-state-prepared = preparado (no enviado)
sent-state-submitted = entregado al relé (puede haberse enviado)
sent-state-stored = almacenado en el relé
sent-expired = caducado, ya no se puede enviar
sent-none = Todavía no se ha enviado nada.
sent-unfinished = Aún no almacenados en el relé: { $count }. Para terminar: { $command }
sent-nothing-to-resend = Nada que volver a enviar: cada sobre pedido está almacenado en el relé o su vida útil ha terminado (véase `poc sent`).
sent-resent = { $id } a { $to }: { $state }
outbox-interrupted = Interrumpido.
outbox-nothing-sent = Interrumpido: no se envió nada.
outbox-stored = almacenado en el relé: { $id } a { $to }
outbox-submitted = puede haberse enviado (entregado al relé, sin respuesta): { $id } a { $to }
outbox-prepared = no enviado: { $id } a { $to }
outbox-finish = Cada sobre se conserva en la bandeja de salida (`poc sent`). Para terminar el envío sin que nadie reciba una segunda copia: { $command }

## Large attachments (files carried in parts)

type-attachment-part = Parte de un adjunto
label-part = Parte
attachment-part-headline = parte { $part } de un archivo del mensaje { $message }
attachment-complete = completo, SHA-256 verificado
attachment-incomplete = { $received } de { $total } partes recibidas
attachment-invalid = NO VÁLIDO: { $reason }
attachment-not-saved = { $name } no guardado: { $state }; ejecute `poc inbox` para recibir las partes que faltan y vuelva a guardarlo
attachment-sending-parts = enviando las partes de los adjuntos
attachment-checking-parts = verificando las partes de los adjuntos

## The custodian's HTML campaign report.
report-html-untitled = Campaña de verificación de la comunicación del { $started }
report-html-campaign-id = Campaña { $id }
report-html-times = Todas las horas están en UTC.
report-html-follow-up = Pendientes de seguimiento
report-html-follow-up-intro =
    { $count ->
        [one] { $count } punto de contacto no dio una respuesta válida: llámelo o escríbale.
       *[other] { $count } puntos de contacto no dieron una respuesta válida: llámelos o escríbales.
    }
report-html-follow-up-none = Todos los puntos de contacto dieron una respuesta válida.
report-html-organisation = Organización
report-html-email = Correo electrónico
report-html-phone = Teléfono
report-html-bundle = Expediente de prueba: { $file } (SHA-256 { $sha256 })
report-html-no-bundle = No se escribió ningún expediente de prueba con este informe ({ $command } escribe uno).
report-html-custodian = Huella digital de la clave del custodio: { $fingerprint }
report-html-chart-item =
    { $count ->
        [one] { $label }: { $count } punto de contacto
       *[other] { $label }: { $count } puntos de contacto
    }

## Terminal: passphrase questions, the custodian fingerprint at enrolment, guided send

passphrase-prompt = Frase de contraseña de { $id } (directorio { $home }):
passphrase-prompt-new = Nueva frase de contraseña para { $id } (directorio { $home }):
passphrase-prompt-repeat = Escriba de nuevo la nueva frase de contraseña:
passphrase-wrong =
    { $left ->
        [one] Frase de contraseña incorrecta; queda { $left } intento.
       *[other] Frase de contraseña incorrecta; quedan { $left } intentos.
    }
passphrase-differ = Las dos frases de contraseña no coinciden; elíjala de nuevo.
passphrase-empty = La frase de contraseña está vacía; escriba una.
passphrase-too-short = Demasiado corta: use al menos { $min } caracteres.
passphrase-weak = Esta frase de contraseña es demasiado fácil de adivinar: { $reason } (solidez { $score } de 4, se requiere { $needed }). Use varias palabras poco comunes o una frase más larga.
passphrase-reason-keyboard = un patrón de teclado
passphrase-reason-repeats = caracteres o palabras repetidos
passphrase-reason-common = una contraseña común
passphrase-reason-sequence = una secuencia
passphrase-reason-dates = una fecha o un año
passphrase-reason-word = una sola palabra
passphrase-reason-names = nombres
passphrase-reason-guessable = demasiado pocas combinaciones posibles
init-custodian-fingerprint = Invitación para { $id }. Huella de la clave del custodio: { $fingerprint }
init-compare = Pida al custodio que le lea su huella por teléfono y compare cada grupo.
init-confirm = ¿Coincide esta huella con la que le leyó el custodio?
guided-to = Destinatario (identificador de punto de contacto, código de Estado o parte de un nombre):
guided-to-chosen = Destinatario: { $poc }
guided-to-none = Ningún punto de contacto del directorio coincide con «{ $answer }».
guided-to-close = Ningún punto de contacto del directorio coincide con «{ $answer }»: ¿quiso decir { $close }?
guided-to-pick = ¿Cuál (1 a { $count }, o su identificador)?
guided-type = Tipo ({ $choices }):
guided-priority = Prioridad ({ $choices }):
guided-tlp = Etiqueta TLP ({ $choices }) [{ $default }]:
guided-field = { $label } ({ $field }; Intro para dejarlo vacío):
guided-field-choice = { $label } ({ $field }: { $choices }; Intro para dejarlo vacío):
guided-confirm = ¿Enviar este mensaje?

# Recipients, confirmations and message language (send, forward, compose)
prompt-yes-no = [s/N]
prompt-yes-words = s, sí, si
confirm-send-tlp = Este mensaje es TLP:{ $tlp } y se enviará a { $count ->
        [one] una persona
       *[other] { $count } personas
    }: { $recipients }. ¿Enviar?
confirm-send-tlp-states = Este mensaje es TLP:{ $tlp } y se enviará a { $count ->
        [one] una persona
       *[other] { $count } personas
    } de { $states }: { $recipients }. ¿Enviar?
confirm-send-states = Este mensaje se enviará a { $count ->
        [one] una persona
       *[other] { $count } personas
    } de { $states }: { $recipients }. ¿Enviar?
line-forward-warning = atención: este aviso es TLP:{ $tlp }; reenviarlo saca su prueba fuera del directorio, hacia { $recipient }
confirm-forward = ¿Reenviarlo?
line-not-sent = No se envió nada.
line-tlp-white = nota: TLP:WHITE se llama TLP:CLEAR desde TLP 2.0; el mensaje se marca CLEAR
language-unspecified = sin especificar

# Inbox for people: received time, unread marker, reading and answering a ping.
inbox-column-received = RECIBIDO
inbox-unread = nuevo
read-ping-answer = Para responder a esta verificación de la comunicación: poc ack { $id } (antes de { $deadline }).
read-ping-late = Esta verificación de la comunicación va con retraso: su plazo ({ $deadline }) ya ha vencido. Responda de todos modos con poc ack { $id }; el custodio contará la respuesta como tardía.
read-ping-answered = Respondió a esta verificación de la comunicación el { $time }.
ack-ping-already = Ya respondió a esta verificación de la comunicación el { $time }: esa primera respuesta es la que cuenta, y no se ha vuelto a enviar nada.

## Retransmisor caído y caducidad del directorio: líneas en stderr

line-connecting-relay = conectando con el retransmisor { $address }…
line-relays-not-reached = no alcanzados esta vez: { $relays }; las copias que les faltan se envían con el próximo comando que los alcance
line-watch-connected = conectado al retransmisor { $address }
line-relay-lost = no se ha podido contactar con el retransmisor { $address } desde hace { $seconds } s
line-relay-back = el retransmisor { $address } vuelve a estar accesible
line-on-lost-failed = advertencia: la orden --on-lost ha fallado: { $error }
line-directory-offered-expired = ADVERTENCIA: el directorio número { $offered } del custodio ya había caducado ({ $time }) al llegar; el directorio vigente (número { $serial }) sigue siendo válido y se sigue usando. Pida al custodio que publique uno nuevo.

# Nombres de los Estados en el idioma del lector (entradas del directorio)
directory-entry-state = Estado
directory-column-state = ESTADO

# Attachment parts in the outbox.
outbox-parts = partes de los adjuntos de { $id } a { $to }: { $stored } de { $total } almacenadas en el relé, { $submitted } pueden haberse enviado, { $prepared } no enviadas
sent-parts = { $stored } de { $total } partes almacenadas

# Paged fetch, orphan parts and local deletion.
inbox-fetch-progress = descargando: { $envelopes } sobres ({ $size }) guardados y retirados del relé, { $pages } páginas
inbox-orphan-parts = { $count ->
        [one] una parte de adjunto
       *[other] { $count } partes de adjuntos
    } ({ $size }) de { $sender } que ningún mensaje nombra; `poc delete --orphans --from { $sender }` las elimina
confirm-delete = ¿Eliminar de este equipo { $messages ->
        [one] un mensaje
       *[other] { $messages } mensajes
    } y { $parts ->
        [one] una parte de adjunto
       *[other] { $parts } partes de adjuntos
    } ({ $size })? El relé ya no los tiene: se perderán.
line-deleted = Eliminado de este equipo: { $messages ->
        [one] un mensaje
       *[other] { $messages } mensajes
    } y { $parts ->
        [one] una parte de adjunto
       *[other] { $parts } partes de adjuntos
    } ({ $size }).
line-nothing-to-delete = Nada que eliminar.
line-fetch-interrupted = Interrumpido. { $envelopes } sobres ({ $size }) se guardaron aquí y se retiraron del relé; lo que no se guardó sigue en el relé: vuelva a ejecutar `poc inbox` para descargarlo.

# Campañas de ping y avisos de directorio a través de la bandeja de salida.
outbox-campaign = campaña { $campaign }: { $stored } pings almacenados en el relé, { $submitted } quizá enviados (entregados al relé, sin respuesta), { $prepared } no enviados

# Teams: members of a PoC.
custodian-member-invitation-written = invitación del miembro «{ $label }» de { $id } escrita en { $file }
custodian-member-added = miembro «{ $label }» añadido a { $id } (miembros: { $members }); puede actuar por { $id } tras el próximo `poc custodian publish`
custodian-member-already-added = el miembro «{ $label }» de { $id } ya estaba añadido; nada ha cambiado
member-request-from = solicitud de un nuevo miembro «{ $label }» de { $id }
member-request-cosigned = cofirmada por el miembro «{ $by }» del mismo punto de contacto: no hace falta verificar por teléfono
custodian-member-revoked = clave { $fingerprint } del miembro «{ $label }» de { $id } revocada; { $id } sigue con { $members }; surte efecto en el retransmisor con el próximo `poc custodian publish`
result-initialised-member = claves del miembro «{ $label }» de { $id } creadas en { $home }
result-member-request = solicitud de miembro: { $path }
result-initialised-member-next = Siguiente paso: entregue el archivo de solicitud a un miembro actual de { $id } y muéstrele esta huella; este la cofirma (`poc team cosign ARCHIVO`) y la envía al custodio. Cuando el custodio haya publicado, ejecute `poc directory sync`.
team-cosigned = solicitud de «{ $label }» para { $id } cofirmada: { $file }; envíe este archivo al custodio (`poc custodian add ARCHIVO`)
team-cosigned-first = Esta clave se une a la solicitud como miembro «{ $label }»: desde la próxima publicación su punto de contacto es un equipo.
team-cosign-confirm = ¿Coincide esta huella con la que aparece en la pantalla del nuevo miembro?
team-heading = { $id }: { $count ->
    [one] 1 miembro
   *[other] { $count } miembros
} (directorio número { $serial })
team-member = { $name }, huella { $fingerprint }
team-member-cosigned = cofirmado por { $by }
team-member-you = este dispositivo

# Team members: own key rotation, removal requests, members shown.
label-member = Miembro del equipo
label-reason = Motivo
changed-field-member = miembro
member-key-request = nueva clave para el miembro «{ $label }» de { $id }
member-removal-request = retirada del miembro «{ $label }» de { $id }
team-removal-sent = se pidió al custodio ({ $to }) retirar al miembro «{ $label }» de { $id } (solicitud { $envelope }); surte efecto cuando el custodio la aprueba y publica
members-of = miembros de { $id }:

## Team history: the team's own outgoing messages and acknowledgements
inbox-team-sent = enviado por { $sender } a { $to }
inbox-acked-by = acuse de recibo de { $member }
send-team-copy-not-stored = { $id }: la copia de su equipo para { $labels } no se guardó (su buzón en el relé está lleno); el destinatario sí tiene el mensaje.

## poc ui: the browser interface
ui-title = PoC Relay — Directorio de puntos de contacto
ui-nav-inbox = Bandeja de entrada
ui-nav-compose = Redactar
ui-nav-directory = Directorio
ui-nav-custodian = Custodio
ui-nav-campaigns = Campañas de verificación
ui-nav-team = Equipo
ui-nav-profile = Mis datos de contacto
ui-lock = Bloquear
ui-language = Idioma
ui-skip-to-content = Ir al contenido
ui-unlock-help = Sus claves permanecen en este equipo. La frase de contraseña las desbloquea solo para esta ventana; se vuelven a bloquear tras el tiempo de inactividad indicado abajo o al cerrar PoC Relay.
ui-passphrase = Frase de contraseña
ui-idle-minutes = Bloquear tras (minutos de inactividad)
ui-idle-help = De 1 a 480 minutos.
ui-unlock = Desbloquear
ui-wrong-passphrase = Frase de contraseña incorrecta: escríbala de nuevo (distingue mayúsculas y minúsculas).
ui-locked = Bloqueado. Desbloquee de nuevo para continuar.
ui-inbox-empty = No hay mensajes.
ui-inbox-new = nuevo
ui-inbox-refresh = Recibir ahora
ui-inbox-live = Los mensajes nuevos aparecen aquí sin recargar la página.
ui-notify-enable = Avisarme de la prioridad ALTA
ui-notify-high = Mensaje de prioridad ALTA recibido
ui-unread = No leído
ui-received = Recibido
ui-invalid = NO VÁLIDO
ui-invalid-help = Este mensaje no es fiable: su firma o su remitente no se verificó. No actúe en consecuencia; informe al custodio.
ui-signature-verified = Firma verificada con el directorio
ui-signature-invalid = Firma NO verificada
ui-acknowledge = Acusar recibo
ui-acknowledged = Recibo acusado
ui-ack-sent = Acuse de recibo firmado enviado.
ui-reply = Responder
ui-thread-title = Conversación
ui-print = Imprimir constancia
ui-download = Descargar
ui-back = Volver
ui-error-title = Se produjo un error
ui-forbidden-title = Acceso denegado
ui-forbidden-help = Abra en este navegador la dirección que `poc ui` mostró en su terminal.
ui-launch-used = Esta dirección ya se usó una vez. Detenga `poc ui` e inícielo de nuevo para obtener otra. Si no la abrió usted, puede haberlo hecho otra persona en este equipo: avise a su responsable de seguridad informática.
ui-not-found = No encontrado: esta página o este mensaje no existe aquí.
ui-ping-answer-by = Esta es una verificación de comunicación del custodio: acuse recibo antes del
ui-ping-late = Esta verificación está atrasada: su plazo venció. Acuse recibo de todos modos; el custodio contará la respuesta como tardía
ui-listening = PoC Relay está abierto en su navegador en esta dirección (solo este equipo puede acceder; la dirección sirve una sola vez):
ui-stop-hint = Pulse Ctrl-C aquí para detenerlo; sus claves se bloquean al detenerse.
ui-print-title = Constancia de un mensaje
ui-printed-at = Constancia emitida el
ui-signed-by = Firmado por
ui-signer-key = Huella de la clave de firma
ui-verified-against = Firma verificada con el directorio, número
ui-receipt-sent = Acuse de recibo firmado enviado el
ui-no-receipt = Aún no se ha enviado acuse de recibo.
ui-print-button = Imprimir o guardar como PDF
ui-thread-sent = enviado por este punto de contacto
ui-thread-received = recibido, firma verificada
ui-directory-title = Directorio de puntos de contacto
ui-directory-serial = Directorio vigente, número
ui-country = Estado
ui-role = Función
ui-organisation = Organización
ui-languages = Idiomas
ui-time-zone = Huso horario
ui-contact = Contacto
ui-members = Miembros
ui-profile-help = Los cambios se envían al custodio como solicitud firmada; aparecen en el directorio cuando el custodio los aprueba y publica.
ui-emails = Direcciones de correo electrónico
ui-phones = Números de teléfono
ui-webpage = Página web
ui-list-help = Uno por línea.
ui-send-update = Enviar la solicitud al custodio
ui-update-sent = Solicitud enviada al custodio.
ui-rotate-title = Reemplazar mis claves
ui-rotate-help = Crea un nuevo par de claves en este equipo y pide al custodio que lo adopte. Lea la nueva huella al custodio por teléfono cuando se la pida. La clave anterior sigue funcionando hasta que el custodio publique el cambio.
ui-rotate-confirm = Quiero reemplazar las claves de este equipo.
ui-rotate-button = Crear claves nuevas y solicitarlo al custodio
ui-rotate-sent = Claves nuevas creadas y solicitud enviada. Huella que debe leer al custodio:
ui-team-title = Miembros de este punto de contacto
ui-team-you = este equipo
ui-fingerprint = Huella
ui-added-at = Añadido el
ui-cosigned-by = Cofirmado por
ui-one-key = Este punto de contacto se gestiona con una sola clave.


## poc ui: writing a message and replying
ui-compose-title = Redactar un mensaje
ui-compose-kind = Tipo de mensaje
ui-compose-recipients = Destinatarios
ui-compose-recipients-help = Marque uno o varios puntos de contacto, o todos los de un Estado.
ui-compose-every-poc = todos los puntos de contacto
ui-compose-priority = Prioridad
ui-compose-priority-high-help = requiere atención inmediata, de día o de noche
ui-compose-priority-medium-help = dentro de la jornada laboral
ui-compose-priority-low-help = para información, sin urgencia
ui-compose-tlp = Difusión (TLP)
ui-compose-tlp-clear-help = difusión sin restricción
ui-compose-tlp-green-help = puede compartirse dentro de la comunidad, no públicamente
ui-compose-tlp-amber-help = solo dentro de la organización destinataria y sus clientes, según la necesidad de conocer
ui-compose-tlp-amber-strict-help = solo dentro de la organización destinataria
ui-compose-tlp-red-help = solo para los destinatarios nombrados, sin más difusión
ui-compose-language = Idioma del mensaje
ui-compose-language-unspecified = sin especificar
ui-compose-exercise = Parte de un ejercicio
ui-compose-attachments = Archivos adjuntos
ui-compose-attachments-help = Los archivos viajan cifrados dentro del mensaje. Total máximo:
ui-compose-fields = Contenido
ui-compose-fields-help = Complete lo que sepa; todos los campos son opcionales salvo el texto de un mensaje de texto.
ui-compose-choose = elegir
ui-compose-send = Enviar
ui-compose-confirm-title = Confirme antes de enviar
ui-compose-confirm-tick = He comprobado los destinatarios y la marca de difusión: enviar.
ui-compose-not-sent-yet = Todavía no se ha enviado nada.
ui-compose-sent-title = Enviado
ui-compose-sent-help = El relé guarda un sobre para cada destinatario:
ui-compose-envelope = Sobre
ui-compose-recipient = Destinatario
ui-compose-team-copy-missing = No se guardó en el historial compartido de estos miembros de su punto de contacto (su buzón está lleno):
ui-compose-write-another = Redactar otro mensaje
ui-compose-no-directory = Todavía no hay directorio en este ordenador: abra una vez la bandeja de entrada para obtenerlo y vuelva.
ui-compose-help-reference = su propia referencia para este caso
ui-compose-help-summary = una línea: qué ocurrió
ui-compose-help-description = lo que sabe hasta ahora, con sus palabras
ui-compose-help-incident-class = la clase de la taxonomía de referencia
ui-compose-help-time-detected = cuándo se detectó, con la zona horaria
ui-compose-help-affected-sector = energía, salud, finanzas, administración…
ui-compose-help-affected-systems = qué sistemas o servicios están afectados
ui-compose-help-indicators = direcciones, dominios, hashes: uno por línea
ui-compose-help-actions-taken = lo que ya ha hecho
ui-compose-help-assistance-requested = lo que pide al destinatario
ui-compose-help-requested-response-time = para cuándo necesita una respuesta
ui-compose-help-follow-up-contact = a quién llamar o escribir al respecto
ui-compose-help-nature = el tipo de ayuda que solicita
ui-compose-help-related-incident = la referencia del incidente relacionado
ui-compose-help-details = la solicitud, con sus palabras
ui-compose-help-legal-context = la base o el marco jurídico, si lo hay
ui-compose-help-subject = una línea
ui-compose-help-text = el mensaje, tal como quiere que se lea
ui-compose-reply-title = Responder con un estado
ui-compose-reply-to = En respuesta a
ui-compose-reply-status-help = en qué punto está el asunto por su parte
ui-compose-reply-tlp-original = como el mensaje original
ui-compose-reply-sent = Respuesta enviada:


## The custodian's pages of the browser interface
ui-custodian-title = Custodio del directorio
ui-custodian-enrol-title = Solicitud de inscripción
ui-custodian-enrol-help = Abra el archivo enrolment-request.txt que le envió el PoC, o pegue su texto.
ui-custodian-enrol-file = Archivo de la solicitud
ui-custodian-enrol-paste = O pegue la solicitud
ui-custodian-enrol-show = Mostrar la solicitud
ui-custodian-enrol-empty = Elija primero un archivo de solicitud o pegue su texto.
ui-custodian-fingerprint-help = Lea esta huella al PoC por teléfono; él lee la suya con poc whoami. Apruebe solo si todos los grupos coinciden.
ui-custodian-confirm-fingerprint = Confirmé esta huella con el PoC por teléfono
ui-custodian-approve = Aprobar
ui-custodian-reject = Rechazar
ui-custodian-added = Añadido. Publique el directorio para incluirlo.
ui-custodian-already-added = Esta solicitud ya estaba añadida.
ui-custodian-not-confirmed = No se añadió nada: marque la casilla cuando haya confirmado la huella con el PoC por teléfono.
ui-custodian-updates-title = Solicitudes de actualización
ui-custodian-no-updates = No hay ninguna solicitud de actualización pendiente.
ui-custodian-rotation = Esta solicitud cambia una clave de firma: confirme la nueva huella con el PoC por teléfono antes de aprobar.
ui-custodian-reason = Motivo
ui-custodian-approved = Aprobada. Publique el directorio para aplicarla.
ui-custodian-rejected = Rechazada.
ui-custodian-publish-title = Publicar el directorio
ui-custodian-publish-help = Firma todas las entradas aceptadas en un nuevo directorio válido 90 días y avisa a cada PoC.
ui-custodian-publish = Publicar
ui-custodian-published = Directorio publicado
ui-custodian-serial = Número de serie
ui-custodian-entries = Entradas
ui-custodian-notified = PoC avisados
ui-custodian-revoke-title = Revocar un PoC
ui-custodian-revoke-help = Sus claves salen del próximo directorio y figuran como revocadas; el motivo se publica con ellas.
ui-custodian-revoke = Revocar…
ui-custodian-revoke-ask = ¿Revocar las claves de este PoC? No se puede deshacer: necesitará claves nuevas de una nueva invitación.
ui-custodian-revoke-confirm = Sí, revocar sus claves
ui-custodian-revoked = Revocado. Publique el directorio para aplicarlo.
ui-custodian-campaigns-title = Campañas de ping
ui-custodian-no-campaigns = Todavía no hay campañas.
ui-custodian-start-title = Iniciar una campaña
ui-custodian-target-all = Todos los PoC del directorio
ui-custodian-target-to = Identificadores de PoC o códigos de Estado (separados por comas)
ui-custodian-target-role = Solo este rol
ui-custodian-any-role = Cualquier rol
ui-custodian-deadline = Plazo de respuesta (p. ej. 72h, 3d)
ui-custodian-note = Nota mostrada a los PoC
ui-custodian-exercise = Parte de un ejercicio
ui-custodian-start = Iniciar la campaña
ui-custodian-live = Este estado se actualiza solo cada 5 segundos.
ui-custodian-remind = Recordar a quienes no han respondido
ui-custodian-reminded = Recordados:
ui-custodian-nobody-to-remind = Todos han respondido: nadie a quien recordar.
ui-custodian-not-pinged = No alcanzados (buzón del relé lleno):
ui-custodian-report = Informe
ui-custodian-bundle = Descargar el paquete de pruebas
ui-custodian-bundle-help = Cualquiera puede volver a verificarlo sin conexión con poc ping verify y la clave pública del custodio.
ui-custodian-answered-by = Respondido por
ui-custodian-chart-outcomes = Respuestas
ui-custodian-by-role = Por rol
ui-custodian-by-state = Por Estado
ui-custodian-exercise-mark = EJERCICIO
ui-custodian-status = Estado

## Browser interface: member requests in the custodian's enrolment box, and the message types of the compose form
ui-members-box-help = Este mismo cuadro admite una solicitud de miembro (member-request.txt): una nueva persona o un nuevo dispositivo para un PoC que ya figura en el directorio.
ui-members-title = Solicitud de miembro
ui-members-label = Etiqueta del miembro
ui-members-poc = Punto de contacto
ui-members-cosigned-help = Un miembro actual de este PoC cofirmó la solicitud y responde de la nueva clave: no hace falta confirmación por teléfono.
ui-members-not-cosigned-help = Nadie de este PoC cofirmó la solicitud: llame al PoC a un número que ya conozca y compare esta huella antes de añadirla.
ui-members-after = Miembros después de la adición
ui-members-add = Añadir este miembro
ui-members-added = Miembro añadido. Publique el directorio para que pueda actuar en nombre del PoC.
ui-members-already-added = Este miembro ya se había añadido: nada cambió.
ui-members-not-confirmed = No se añadió nada: nadie del PoC cofirmó esta solicitud, así que marque la casilla cuando haya confirmado la huella por teléfono.
ui-members-not-a-request = No es una solicitud de inscripción ni una solicitud de miembro: elija el archivo que envió el PoC, o pegue todo su texto, desde la línea BEGIN hasta la línea END.
ui-compose-kind-incident-help = informar a otros PoC de un incidente: qué ocurrió, su clase, sus indicadores y qué hizo usted
ui-compose-kind-assistance-help = pedir ayuda a otro Estado: qué necesita, para cuándo y en qué marco jurídico
ui-compose-kind-response-help = indicar a un remitente en qué punto está su notificación o solicitud (recibida, en curso, resuelta...); para contestar a un mensaje en su hilo, use Responder en ese mensaje
ui-compose-kind-text-help = cualquier otro mensaje, con un asunto y un texto
ui-compose-help-status = en qué punto está el asunto por su parte (obligatorio en una respuesta de estado)

## poc ui: the custodian's exercises
ui-exercise-nav = Ejercicios
ui-exercise-title = Ejercicios realizados desde este equipo
ui-exercise-no-exercises = Todavía no se ha realizado ningún ejercicio desde este equipo.
ui-exercise-run-title = Realizar un ejercicio
ui-exercise-run-help = Elija un archivo de escenario o pegue su texto. Verá cada mensaje del ejercicio antes de que se envíe nada.
ui-exercise-file = Archivo de escenario (TOML)
ui-exercise-paste = O pegue el escenario
ui-exercise-speed = Velocidad
ui-exercise-speed-help = 1 reproduce el escenario en tiempo real; 60 reproduce un minuto por segundo.
ui-exercise-preview = Mostrar los mensajes del ejercicio
ui-exercise-preview-help = Todavía no se ha enviado nada. Compruebe quién recibe qué y cuándo, y luego realice el ejercicio.
ui-exercise-run = Realizar el ejercicio ahora
ui-exercise-recipients = Destinatarios
ui-exercise-type = Mensaje
ui-exercise-at = Se envía tras
ui-exercise-deadline = Plazo de respuesta
ui-exercise-live = Esta página se actualiza sola; puede salir y volver. Los mensajes solo salen mientras este equipo está desbloqueado.
ui-exercise-running = En curso
ui-exercise-waiting-unlock = En espera: la identidad está bloqueada. Desbloquee para enviar el siguiente mensaje.
ui-exercise-finished = Se han enviado todos los mensajes.
ui-exercise-failed = Detenido por un error:
ui-exercise-sent-of-due = Envíos realizados / previstos
ui-exercise-next-due = Próximo mensaje
ui-exercise-report = Informe posterior
ui-exercise-download-json = Descargar el informe (JSON)
ui-exercise-empty = Elija primero un archivo de escenario o pegue un escenario.
ui-exercise-bad-speed = La velocidad debe ser un número entero de 1 a 100000; corríjala e inténtelo de nuevo.
ui-exercise-in-inject = En el mensaje
ui-exercise-fault-unreadable = El archivo de escenario no se puede leer como texto; elija el archivo TOML del escenario.
ui-exercise-fault-toml = El escenario no es TOML válido o tiene campos desconocidos; corríjalo e inténtelo de nuevo. No se envió nada.
ui-exercise-fault-no-injects = El escenario no tiene ningún [[inject]]; añada al menos uno e inténtelo de nuevo. No se envió nada.
ui-exercise-fault-duration = Un tiempo del escenario no es una duración (escríbalo como 30m o 2h); corríjalo e inténtelo de nuevo. No se envió nada.
ui-exercise-fault-value = Una prioridad, etiqueta TLP o estado esperado del escenario no existe; corríjalo e inténtelo de nuevo. No se envió nada.
ui-exercise-fault-recipients = Un destinatario del escenario no está en el directorio (use identificadores como MEX.technical o códigos de Estado); corríjalo e inténtelo de nuevo. No se envió nada.
ui-exercise-fault-message = El tipo o los campos del mensaje de una inyección no corresponden a una plantilla; corríjalos e inténtelo de nuevo. No se envió nada.

## Disk faults
disk-full = El disco que contiene su carpeta PoC está lleno: libere espacio y vuelva a ejecutar la orden.

## Relay list: the custodian's relay commands and `directory relays`
relay-added = retransmisor { $address } añadido al próximo directorio (retransmisores: { $count }, k = { $k }); publíquelo con `poc custodian publish`
relay-removed = retransmisor { $address } retirado del próximo directorio (retransmisores: { $count }, k = { $k }); publíquelo con `poc custodian publish`
relays-k-set = el próximo directorio fija k = { $k } (retransmisores: { $count }): un sobre cuenta como almacenado cuando k retransmisores lo guardan; publíquelo con `poc custodian publish`
relay-list-in-force = Retransmisores del directorio { $serial } vigente (k = { $k }):
relay-list-nothing-published = Aún no se ha publicado ningún directorio.
relay-list-next = Retransmisores de la próxima publicación (k = { $k }):
relay-line = { $address }  operador: { $operator }  región: { $region }  huella { $pin }
relay-pending-added = por añadir: { $addresses }
relay-pending-removed = por retirar: { $addresses }
relay-pending-changed = por modificar: { $addresses }
relay-pending-k = k pasa a { $k }
relay-pending-publish = Pendiente de `poc custodian publish`:
relay-no-change = Ningún cambio espera publicación.
directory-relays = Directorio { $serial } (retransmisores: { $count }, k = { $k }): un sobre cuenta como almacenado cuando k retransmisores lo guardan:
directory-relays-configured = El directorio no indica ningún retransmisor: esta carpeta usa el retransmisor con el que se configuró (k = 1):

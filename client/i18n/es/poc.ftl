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
inbox-fetched =
    { $count ->
        [one] { $count } sobre nuevo recibido
       *[other] { $count } sobres nuevos recibidos
    }
inbox-empty = bandeja de entrada vacía
inbox-unopened =
    { $count ->
        [one] NO VÁLIDO: { $count } sobre que no se puede abrir ni verificar, depositado por { $submitter } ({ $reason })
       *[other] NO VÁLIDO: { $count } sobres que no se pueden abrir ni verificar, depositados por { $submitter } ({ $reason })
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

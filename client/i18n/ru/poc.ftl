# PoC Relay client, Russian: labels, fixed values and messages of the `poc` command.
# Content written by the sender of a message is never translated; only what is here is.
# Every message id exists in all six languages (checked by the client's tests).

## Field labels of messages

label-envelope = Конверт
label-from = Отправитель
label-to = Получатель
label-priority = Приоритет
label-handling = Распространение (TLP)
label-type = Тип сообщения
label-sent = Отправлено
label-language = Язык
label-signature = Подпись
label-in-reply-to = В ответ на
label-attachments = Вложения
label-exercise = УЧЕНИЯ
label-verified = Проверена
label-verified-against = проверена по справочнику, серийный номер
label-reference = Ссылочный номер
label-summary = Краткое описание
label-description = Описание
label-incident-class = Категория инцидента
label-time-detected = Время обнаружения
label-affected-sector = Затронутый сектор
label-affected-systems = Затронутые системы
label-indicators = Индикаторы компрометации
label-actions-taken = Принятые меры
label-assistance-requested = Запрашиваемая помощь
label-requested-response-time = Запрашиваемый срок ответа
label-follow-up-contact = Контакт для дальнейшего взаимодействия
label-nature = Характер запроса
label-related-incident = Связанный инцидент
label-details = Подробности
label-legal-context = Правовой или дипломатический контекст
label-status = Статус
label-text = Текст
label-subject = Тема
label-acknowledges = Подтверждает получение
label-received-at = Время получения
label-entry = Запись справочника
label-organisation = Организация
label-email = Электронная почта
label-phone = Телефон
label-languages = Рабочие языки
label-new-key = Новый открытый ключ
label-directory-serial = Серийный номер справочника
label-digest = Хеш-сумма

## Priorities

priority-high = Высокий
priority-medium = Средний
priority-low = Низкий

## Natures of an assistance request

nature-information = Предоставление информации
nature-mitigation = Смягчение последствий
nature-investigation = Расследование
nature-coordination = Координация
nature-other = Другое

## Statuses of a response

status-received = Получено
status-channelled = Передано компетентному национальному органу
status-in-progress = В работе
status-resolved = Решено
status-declined = Отклонено

## Incident classes: top-level classes of the ENISA / RSIT reference taxonomy

incident-class-abusive-content = Недопустимый контент
incident-class-malicious-code = Вредоносный код
incident-class-information-gathering = Сбор информации
incident-class-intrusion-attempts = Попытки вторжения
incident-class-intrusions = Вторжения
incident-class-availability = Нарушение доступности
incident-class-information-content-security = Нарушение безопасности информации
incident-class-fraud = Мошенничество
incident-class-vulnerable = Уязвимость
incident-class-other = Другое
incident-class-test = Тест

## Message types

type-incident = Уведомление об инциденте
type-assistance = Запрос о помощи
type-response = Ответ
type-text = Сообщение
type-receipt = Подтверждение получения
type-entry-update = Запрос на обновление записи справочника
type-directory-notice = Уведомление об обновлении справочника

## Field labels of communication checks (pings) and their acknowledgements

label-campaign = Кампания
label-deadline = Крайний срок
label-note = Примечание
label-automatic = Отправлено автоматически

## Message types added with communication checks

type-ping = Проверка связи
type-ping-ack = Подтверждение проверки связи

## Handling labels: FIRST TLP 2.0 labels are not translated

tlp-clear = TLP:CLEAR
tlp-green = TLP:GREEN
tlp-amber = TLP:AMBER
tlp-amber-strict = TLP:AMBER+STRICT
tlp-red = TLP:RED

## Roles of Points of Contact

role-diplomatic = Дипломатический
role-technical = Технический
role-custodian = Хранитель справочника

## Yes and no

yes-no-true = Да
yes-no-false = Нет

## Directory entry view

entry-id = Идентификатор
entry-organisation = Организация
entry-role = Роль
entry-fingerprint = Отпечаток
entry-languages = Языки
entry-email = Электронная почта
entry-phone = Телефон
entry-webpage = Веб-страница
entry-time-zone = Часовой пояс
entry-updated = Обновлено

## Units of time and size

unit-seconds = { $count } с
unit-minutes = { $count } мин
unit-hours = { $count } ч
unit-days =
    { $count ->
        [one] { $count } день
        [few] { $count } дня
       *[other] { $count } дней
    }
unit-bytes =
    { $count ->
        [one] { $count } байт
        [few] { $count } байта
       *[other] { $count } байт
    }
word-automatic = автоматически

## One-line descriptions of messages in lists (the content itself is never translated)

headline-no-summary = (без краткого описания)
headline-no-details = (без подробностей)
headline-receipt = подтверждение получения { $envelope }
headline-key-rotation = запрос на смену ключа для { $entry }
headline-entry-update = запрос на обновление записи { $entry }
headline-directory-notice = опубликован справочник с серийным номером { $serial }
headline-ping = проверка связи, ответить до { $deadline }
headline-ping-ack = проверка связи подтверждена

## Inbox: column headers, status of each envelope, fetch results

inbox-column-id = ID
inbox-column-priority = ПРИОРИТЕТ
inbox-column-from = ОТПРАВИТЕЛЬ
inbox-column-type = ТИП
inbox-column-tlp = TLP
inbox-column-summary = КРАТКОЕ ОПИСАНИЕ
inbox-column-status = СТАТУС
inbox-status-verified = проверено
inbox-status-acknowledged = проверено, получение подтверждено
inbox-status-invalid = НЕДЕЙСТВИТЕЛЬНО: { $reason }
inbox-status-receipt = проверенное подтверждение: { $sender } получил { $envelope } { $time }
inbox-status-receipt-unknown = ПРЕДУПРЕЖДЕНИЕ: подтверждение получения { $envelope }, который этот контактный пункт не отправлял
inbox-status-receipt-wrong-signer = ПРЕДУПРЕЖДЕНИЕ: подтверждение получения { $envelope } подписано { $signer }, но конверт был отправлен { $addressee }
inbox-status-ping-not-custodian = ПРЕДУПРЕЖДЕНИЕ: выдаёт себя за проверку связи (ping), но отправлено не хранителем справочника
inbox-fetched =
    { $count ->
        [one] получен { $count } новый конверт
        [few] получено { $count } новых конверта
       *[other] получено { $count } новых конвертов
    }
inbox-empty = входящих нет
inbox-unopened =
    { $count ->
        [one] НЕДЕЙСТВИТЕЛЬНО: { $count } конверт, который нельзя открыть или проверить, отправил, по данным ретранслятора, { $submitter } ({ $reason })
        [few] НЕДЕЙСТВИТЕЛЬНО: { $count } конверта, которые нельзя открыть или проверить, отправил, по данным ретранслятора, { $submitter } ({ $reason })
       *[other] НЕДЕЙСТВИТЕЛЬНО: { $count } конвертов, которые нельзя открыть или проверить, отправил, по данным ретранслятора, { $submitter } ({ $reason })
    }
inbox-watching = ожидание новых конвертов (Ctrl-C для остановки)

## Threads

thread-header =
    { $count ->
        [one] переписка { $root }: { $count } сообщение
        [few] переписка { $root }: { $count } сообщения
       *[other] переписка { $root }: { $count } сообщений
    }
thread-sent-by-this-poc = отправлено этим контактным пунктом
thread-signature-verified = подпись проверена

## Communication checks (ping campaigns)

ping-column-campaign = КАМПАНИЯ
ping-column-started = НАЧАЛО
ping-column-deadline = КРАЙНИЙ СРОК
ping-column-pocs = КОНТАКТНЫЕ ПУНКТЫ
ping-started =
    { $count ->
        [one] кампания { $id } начата: проверен { $count } контактный пункт, крайний срок { $deadline }
        [few] кампания { $id } начата: проверено { $count } контактных пункта, крайний срок { $deadline }
       *[other] кампания { $id } начата: проверено { $count } контактных пунктов, крайний срок { $deadline }
    }
ping-follow = для отслеживания: { $command }
ping-status = кампания { $id }: контактных пунктов { $count }; вовремя { $on_time }, с опозданием { $late }, без ответа { $no_answer }, НЕДЕЙСТВИТЕЛЬНЫХ { $invalid }; доля ответов { $rate } %; крайний срок { $deadline }
ping-deadline-passed = (истёк)

## Campaign reports

report-outcome-on-time = вовремя
report-outcome-on-time-automatic = вовремя (автоматически)
report-outcome-late = с опозданием
report-outcome-late-automatic = с опозданием (автоматически)
report-outcome-no-answer = без ответа
report-outcome-invalid = НЕДЕЙСТВИТЕЛЬНО
report-column-poc = Контактный пункт
report-column-result = Результат
report-column-latency = Время ответа
report-column-problems = Проблемы
report-column-group = Группа
report-column-pocs = Контактные пункты
report-column-on-time = Вовремя
report-column-late = С опозданием
report-column-no-answer = Без ответа
report-column-invalid = Недействительные
report-column-response-rate = Доля ответов
report-group-all = все
report-group-role = тип контактного пункта: { $role }
report-group-state = Государство { $state }
report-title = Кампания проверки связи { $id }
report-campaign = кампания { $id }
report-summary-line =
    { $count ->
        [one] начало { $started }, крайний срок { $deadline }, серийный номер справочника { $serial }, { $count } контактный пункт
        [few] начало { $started }, крайний срок { $deadline }, серийный номер справочника { $serial }, { $count } контактных пункта
       *[other] начало { $started }, крайний срок { $deadline }, серийный номер справочника { $serial }, { $count } контактных пунктов
    }
report-intro = Начало { $started }, крайний срок { $deadline }, серийный номер справочника { $serial }. Каждое подтверждение проверено по подписанному справочнику.
report-response-rate = Доля ответов { $rate } % ({ $answered } из { $count })
report-latency-chart = Время ответа по действительным подтверждениям
report-by-group = По группам
report-by-poc = По контактным пунктам
report-invalid-warning =
    { $count ->
        [one] !!! { $count } контактный пункт с НЕДЕЙСТВИТЕЛЬНЫМИ подтверждениями: проверьте его !!!
        [few] !!! { $count } контактных пункта с НЕДЕЙСТВИТЕЛЬНЫМИ подтверждениями: проверьте их !!!
       *[other] !!! { $count } контактных пунктов с НЕДЕЙСТВИТЕЛЬНЫМИ подтверждениями: проверьте их !!!
    }

## Words shared by the command screens

screen-none = (нет)
screen-exercise = учения
screen-sending-pings = отправка проверок
screen-sending-reminders = отправка напоминаний
screen-unlock-hint = (разблокируйте любой командой, чтобы увидеть отпечаток ключа)
screen-confirm-fingerprint = Совпадает ли этот отпечаток с тем, который вам зачитал контактный пункт?
screen-no-update-requests = запросов на обновление нет
screen-request-pending = ожидает решения
screen-expect-ack = подтверждение получения
screen-expect-reply = ответ

## Column headers of the command screens (upper case where the script has case)

column-id = ИД
column-organisation = ОРГАНИЗАЦИЯ
column-languages = ЯЗЫКИ
column-fingerprint = ОТПЕЧАТОК
column-source = ИСТОЧНИК
column-consent = СОГЛАСИЕ
column-last-confirmed = ПОСЛЕДНЕЕ ПОДТВЕРЖДЕНИЕ
column-exercise = УЧЕНИЯ
column-name = НАЗВАНИЕ
column-started = НАЧАЛО
column-injects-sent = ОТПРАВЛЕНО ВВОДНЫХ
column-inject = ВВОДНАЯ
column-poc = КОНТАКТНЫЙ ПУНКТ
column-expected = ОЖИДАЕТСЯ
column-acknowledged = ПОДТВЕРЖДЕНО
column-replied = ОТВЕТ
column-verdict = ИТОГ
column-campaigns = КАМПАНИИ
column-on-time = ВОВРЕМЯ
column-late = С ОПОЗДАНИЕМ
column-invalid = НЕДЕЙСТВИТЕЛЬНЫЕ
column-no-answer = БЕЗ ОТВЕТА
column-response-rate = ДОЛЯ ОТВЕТОВ
column-month = МЕСЯЦ

## Fields an update request changes

changed-field-entry = запись
changed-field-org-name = организация
changed-field-emails = электронная почта
changed-field-phones = телефон
changed-field-languages = языки
changed-field-webpage = веб-страница
changed-field-time-zone = часовой пояс
changed-field-key = ключ

## Verdicts of exercise expectations

exercise-verdict-met = выполнено
exercise-verdict-late = с опозданием
exercise-verdict-missing = отсутствует
exercise-verdict-pending = ожидается
exercise-verdict-wrong-status = неверный статус

## Lines on stderr

line-warning = предупреждение: { $text }
line-mailbox-full =
    { $count ->
        [one] ваш почтовый ящик на ретрансляторе был переполнен: отклонён { $count } адресованный вам конверт (отправитель уведомлён); забирайте почту чаще или попросите оператора ретранслятора увеличить квоту
        [few] ваш почтовый ящик на ретрансляторе был переполнен: отклонено { $count } адресованных вам конверта (отправители уведомлены); забирайте почту чаще или попросите оператора ретранслятора увеличить квоту
       *[other] ваш почтовый ящик на ретрансляторе был переполнен: отклонено { $count } адресованных вам конвертов (отправители уведомлены); забирайте почту чаще или попросите оператора ретранслятора увеличить квоту
    }
line-refresh-failed = предупреждение: не удалось обновить справочник с ретранслятора: { $error }
line-directory-expired = ПРЕДУПРЕЖДЕНИЕ: срок действия справочника (номер { $serial }) истёк { $time }; контактные данные могут быть устаревшими. Попросите хранителя опубликовать новый.
line-key-switched = выполнен переход на новый ключ { $fingerprint } (опубликован хранителем); старый ключ выведен из употребления
line-arrival-failed = предупреждение: не удаётся показать поступление: { $error }
line-reconnecting = соединение с ретранслятором потеряно ({ $error }); повторная попытка через { $seconds } с
line-not-pinged = предупреждение: проверка не отправлена, их почтовый ящик на ретрансляторе переполнен: { $pocs }
line-language-not-un = примечание: { $tag } не входит в число шести языков ООН; читатели в любом случае видят метки на своём языке
line-exercise-start =
    { $count ->
        [one] учения «{ $name }»: { $count } вводная, время ускорено в { $speed } раз
        [few] учения «{ $name }»: { $count } вводные, время ускорено в { $speed } раз
       *[other] учения «{ $name }»: { $count } вводных, время ускорено в { $speed } раз
    }
line-inject-sent = { $time } вводная { $inject } отправлена { $to } ({ $envelope }), ответ ожидается до { $deadline }
line-request-from = запрос от { $id } ({ $org })
line-fingerprint = отпечаток: { $fingerprint }
line-pending-invitation = выдаётся ожидающее приглашение, импортированное из { $source } (согласие { $consent })

## Results of the PoC's commands

result-ack-sent = подписанное подтверждение получения { $id } для { $envelope } отправлено { $to }
result-template-written = шаблон записан в { $path }; заполните его, затем: { $command }
result-export-failed = не удаётся записать доказательство в JSON: { $error }
result-forwarded = { $id } записано в { $file } как файл age для { $recipient }
result-forward-open = орган открывает его командой: { $command }
result-initialised = идентичность { $id } создана в { $home }
result-initialised-next = далее: отправьте файл запроса хранителю и зачитайте ему отпечаток по телефону; после публикации справочника выполните `poc directory sync`.
result-enrolment-request = запрос на регистрацию: { $file }
result-saved = сохранено: { $path }
result-replied = ответ { $id } ({ $status }) отправлен { $to }
result-sent = { $id } отправлено { $to } (приоритет { $priority }): принято на хранение ретранслятором
result-update-sent = запрос на обновление { $id } отправлен { $to }; он вступает в силу после одобрения и публикации хранителем
result-rotation-sent = создан новый ключ { $fingerprint } (та же парольная фраза); запрос на смену ключа { $id } отправлен { $to }
result-rotation-next = зачитайте новый отпечаток хранителю; переход произойдёт после одобрения и публикации
result-whoami-id = идентификатор: { $id }
result-whoami-home = каталог: { $home }
result-whoami-custodian = хранитель: { $fingerprint }
result-whoami-relay = ретранслятор: { $relay }
result-directory-listed =
    { $count ->
        [one] { $count } контактный пункт, справочник номер { $serial }
        [few] { $count } контактных пункта, справочник номер { $serial }
       *[other] { $count } контактных пунктов, справочник номер { $serial }
    }
result-directory-accepted = справочник номер { $serial } принят (проверен закреплённым ключом хранителя)
result-directory-updated = справочник обновлён: номер { $from } -> { $serial } (проверен закреплённым ключом хранителя)
result-directory-current = справочник актуален (номер { $serial })
result-directory-verified =
    { $count ->
        [one] справочник номер { $serial } проверен: подписан закреплённым ключом хранителя, { $count } запись с действительной самоподписью
        [few] справочник номер { $serial } проверен: подписан закреплённым ключом хранителя, { $count } записи с действительными самоподписями
       *[other] справочник номер { $serial } проверен: подписан закреплённым ключом хранителя, { $count } записей с действительными самоподписями
    }
result-directory-dates = выпущен { $issued }, истекает { $expires }
result-directory-digest = хеш { $digest }

## Results of the custodian's commands

custodian-added = { $id } принят; он войдёт в следующий справочник (`poc custodian publish`)
custodian-already-added = { $id } уже принят (без изменений)
custodian-approved = запрос { $id } от { $from } одобрен; выполните `poc custodian publish`, чтобы он вступил в силу
custodian-rejected = запрос { $id } от { $from } отклонён
custodian-imported =
    { $count ->
        [one] импортирован { $count } контакт как ожидающее приглашение: { $ids }
        [few] импортировано { $count } контакта как ожидающие приглашения: { $ids }
       *[other] импортировано { $count } контактов как ожидающие приглашения: { $ids }
    }
custodian-already-present = уже есть: { $ids }
custodian-skipped = пропущены (нет зарегистрированного согласия для { $source }): { $states }
custodian-created = идентичность хранителя { $id } создана в { $home }
custodian-key = ключ хранителя: { $key }
custodian-fingerprint = отпечаток: { $fingerprint }
custodian-key-written = записан в { $file }
custodian-next = далее: { $command }
custodian-then = затем: { $command }
custodian-invitation-written = приглашение для { $id } записано в { $file }
custodian-published =
    { $count ->
        [one] справочник номер { $serial } опубликован, { $count } запись; ретранслятор теперь допускает ровно эти ключи; уведомлено участников: { $notified }
        [few] справочник номер { $serial } опубликован, { $count } записи; ретранслятор теперь допускает ровно эти ключи; уведомлено участников: { $notified }
       *[other] справочник номер { $serial } опубликован, { $count } записей; ретранслятор теперь допускает ровно эти ключи; уведомлено участников: { $notified }
    }
custodian-relay-set = ретранслятор задан: { $address } (отпечаток TLS { $pin })
custodian-request-approved = одобрен { $time }
custodian-request-rejected = отклонён { $time }
custodian-request-line = { $id }  от { $from }  { $state }
custodian-review-period = обзор за последний период: { $period }
custodian-review-stale = записей, не подтверждённых за этот период: { $count }
custodian-review-stale-entry = { $id }  { $org }  последнее подтверждение { $time }
custodian-review-campaigns = кампаний проверки связи за этот период: { $count }
custodian-review-relay = ретранслятор: участников { $members }, справочник номер { $serial }, конвертов в ожидании { $waiting }
custodian-revoked = ключ { $fingerprint } контактного пункта { $id } отозван; он перестанет действовать на ретрансляторе после следующей `poc custodian publish`
custodian-rotated = ключ хранителя заменён на { $key } ({ $fingerprint }); справочник номер { $serial } подписан им и опубликован; контактные пункты следуют подписанной передаче
custodian-relay = ретранслятор: { $relay }
custodian-relay-pinned = { $address } (отпечаток TLS { $pin })
custodian-directory-published = опубликован: номер { $serial }
custodian-directory-unpublished = опубликован: никогда
custodian-stale =
    { $count ->
        [one] { $count } запись не подтверждена в течение { $period }
        [few] { $count } записи не подтверждены в течение { $period }
       *[other] { $count } записей не подтверждены в течение { $period }
    }

## Exercises

exercise-finished = учения { $id }: отправка завершена; отчёт по итогам: { $command }
exercise-expect-reply-status = ответ { $status }
exercise-replied-at = { $status }, получен { $time }
exercise-report-header = учения { $id } «{ $name }», начаты { $started } (время x{ $speed })
exercise-expectations-met = выполнено ожиданий: { $met } из { $count }

## Ping campaigns: the commands' other lines

ping-reminded =
    { $count ->
        [one] напоминание отправлено { $count } контактному пункту: { $pocs }
       *[other] напоминание отправлено контактным пунктам ({ $count }): { $pocs }
    }
ping-report-written = отчёт записан в { $path }
ping-bundle-written = пакет доказательств записан в { $path } (проверка: { $command })
ping-bundle-verified =
    { $count ->
        [one] пакет проверен: { $count } подтверждение, подпись действительна
        [few] пакет проверен: { $count } подтверждения, все подписи действительны
       *[other] пакет проверен: { $count } подтверждений, все подписи действительны
    }
ping-answer-failed = ОШИБКА ПРОВЕРКИ: { $failure }

## The outbox: `poc sent`, and what an interrupted or failed send says

sent-column-to = КОМУ
sent-column-time = ОТПРАВЛЕНО
sent-state-prepared = подготовлено (не отправлено)
sent-state-submitted = передано ретранслятору (возможно, отправлено)
sent-state-stored = сохранено ретранслятором
sent-expired = срок истёк, отправить больше нельзя
sent-none = Ничего ещё не отправлено.
sent-unfinished = Ещё не сохранено ретранслятором: { $count }. Чтобы завершить: { $command }
sent-nothing-to-resend = Повторно отправлять нечего: каждый запрошенный конверт сохранён ретранслятором или срок его жизни истёк (см. `poc sent`).
sent-resent = { $id } для { $to }: { $state }
outbox-interrupted = Прервано.
outbox-nothing-sent = Прервано: ничего не отправлено.
outbox-stored = сохранено ретранслятором: { $id } для { $to }
outbox-submitted = возможно, отправлено (передано ретранслятору, ответа нет): { $id } для { $to }
outbox-prepared = не отправлено: { $id } для { $to }
outbox-finish = Каждый конверт хранится в исходящих (`poc sent`). Чтобы завершить отправку так, чтобы никто не получил второй копии: { $command }

## Large attachments (files carried in parts)

type-attachment-part = Часть вложения
label-part = Часть
attachment-part-headline = часть { $part } файла сообщения { $message }
attachment-complete = полностью, SHA-256 проверен
attachment-incomplete = получено частей: { $received } из { $total }
attachment-invalid = НЕДЕЙСТВИТЕЛЬНО: { $reason }
attachment-not-saved = { $name } не сохранён: { $state }; выполните `poc inbox`, чтобы получить недостающие части, и сохраните снова
attachment-sending-parts = отправка частей вложений
attachment-checking-parts = проверка частей вложений

## The custodian's HTML campaign report.
report-html-untitled = Кампания проверки связи от { $started }
report-html-campaign-id = Кампания { $id }
report-html-times = Всё время указано в UTC.
report-html-follow-up = Требуют повторного обращения
report-html-follow-up-intro =
    { $count ->
        [one] { $count } контактный пункт не дал действительного ответа: позвоните или напишите ему.
        [few] { $count } контактных пункта не дали действительного ответа: позвоните или напишите им.
       *[other] { $count } контактных пунктов не дали действительного ответа: позвоните или напишите им.
    }
report-html-follow-up-none = Все контактные пункты дали действительный ответ.
report-html-organisation = Организация
report-html-email = Электронная почта
report-html-phone = Телефон
report-html-bundle = Пакет доказательств: { $file } (SHA-256 { $sha256 })
report-html-no-bundle = Пакет доказательств с этим отчётом не записан (его записывает { $command }).
report-html-custodian = Отпечаток ключа хранителя: { $fingerprint }
report-html-chart-item =
    { $count ->
        [one] { $label }: { $count } контактный пункт
        [few] { $label }: { $count } контактных пункта
       *[other] { $label }: { $count } контактных пунктов
    }

## Terminal: passphrase questions, the custodian fingerprint at enrolment, guided send

passphrase-prompt = Парольная фраза { $id } (каталог { $home }):
passphrase-prompt-new = Новая парольная фраза для { $id } (каталог { $home }):
passphrase-prompt-repeat = Введите новую парольную фразу ещё раз:
passphrase-wrong =
    { $left ->
        [one] Неверная парольная фраза; осталась { $left } попытка.
        [few] Неверная парольная фраза; осталось { $left } попытки.
       *[other] Неверная парольная фраза; осталось { $left } попыток.
    }
passphrase-differ = Парольные фразы не совпадают; выберите её заново.
passphrase-empty = Парольная фраза пуста; введите её.
passphrase-too-short = Слишком коротко: не менее { $min } символов.
passphrase-weak = Эту парольную фразу слишком легко угадать: { $reason } (стойкость { $score } из 4, нужно { $needed }). Используйте несколько редких слов или более длинную фразу.
passphrase-reason-keyboard = последовательность клавиш
passphrase-reason-repeats = повторяющиеся символы или слова
passphrase-reason-common = распространённый пароль
passphrase-reason-sequence = последовательность
passphrase-reason-dates = дата или год
passphrase-reason-word = одно слово
passphrase-reason-names = имена
passphrase-reason-guessable = слишком мало возможных вариантов
init-custodian-fingerprint = Приглашение для { $id }. Отпечаток ключа хранителя: { $fingerprint }
init-compare = Попросите хранителя прочитать вам свой отпечаток по телефону и сравните каждую группу.
init-confirm = Совпадает ли этот отпечаток с тем, что прочитал вам хранитель?
guided-to = Получатель (идентификатор контактного пункта, код государства или часть названия):
guided-to-chosen = Получатель: { $poc }
guided-to-none = Ни один контактный пункт справочника не соответствует «{ $answer }».
guided-to-close = Ни один контактный пункт справочника не соответствует «{ $answer }»: возможно, вы имели в виду { $close }?
guided-to-pick = Какой (от 1 до { $count } или его идентификатор)?
guided-type = Тип ({ $choices }):
guided-priority = Приоритет ({ $choices }):
guided-tlp = Метка TLP ({ $choices }) [{ $default }]:
guided-field = { $label } ({ $field }; Enter — оставить пустым):
guided-field-choice = { $label } ({ $field }: { $choices }; Enter — оставить пустым):
guided-confirm = Отправить это сообщение?

# Recipients, confirmations and message language (send, forward, compose)
prompt-yes-no = [д/N]
prompt-yes-words = д, да
confirm-send-tlp = Это сообщение TLP:{ $tlp } будет отправлено { $count ->
        [one] { $count } человеку
       *[other] { $count } адресатам
    }: { $recipients }. Отправить?
confirm-send-tlp-states = Это сообщение TLP:{ $tlp } будет отправлено { $count ->
        [one] { $count } человеку
       *[other] { $count } адресатам
    } ({ $states }): { $recipients }. Отправить?
confirm-send-states = Это сообщение будет отправлено { $count ->
        [one] { $count } человеку
       *[other] { $count } адресатам
    } ({ $states }): { $recipients }. Отправить?
line-forward-warning = внимание: это уведомление TLP:{ $tlp }; пересылка выводит его доказательство за пределы справочника, к { $recipient }
confirm-forward = Переслать?
line-not-sent = Ничего не отправлено.
line-tlp-white = примечание: начиная с TLP 2.0 TLP:WHITE называется TLP:CLEAR; сообщение помечено CLEAR
language-unspecified = не указан

# Inbox for people: received time, unread marker, reading and answering a ping.
inbox-column-received = ПОЛУЧЕНО
inbox-unread = новое
read-ping-answer = Чтобы ответить на эту проверку связи: poc ack { $id } (до { $deadline }).
read-ping-late = Срок ответа на эту проверку связи ({ $deadline }) истёк. Всё равно ответьте командой poc ack { $id }; хранитель засчитает ответ как запоздалый.
read-ping-answered = Вы ответили на эту проверку связи { $time }.
ack-ping-already = Вы уже ответили на эту проверку связи { $time }: первый ответ остаётся в силе, повторно ничего не отправлено.

## Ретранслятор недоступен и срок действия справочника: строки в stderr

line-connecting-relay = подключение к ретранслятору { $address }…
line-relays-not-reached = на этот раз недоступны: { $relays }; недостающие у них копии отправит следующая команда, которая до них дойдёт
line-watch-connected = подключено к ретранслятору { $address }
line-relay-lost = ретранслятор { $address } недоступен уже { $seconds } с
line-relay-back = ретранслятор { $address } снова доступен
line-on-lost-failed = предупреждение: команда --on-lost завершилась с ошибкой: { $error }
line-directory-offered-expired = ПРЕДУПРЕЖДЕНИЕ: справочник хранителя номер { $offered } уже истёк ({ $time }) к моменту получения; действующий справочник (номер { $serial }) ещё действителен и продолжает использоваться. Попросите хранителя опубликовать новый.

# Названия государств на языке читателя (записи справочника)
directory-entry-state = Государство
directory-column-state = ГОСУДАРСТВО

# Attachment parts in the outbox.
outbox-parts = части вложений { $id } для { $to }: сохранено ретранслятором { $stored } из { $total }, возможно, отправлено { $submitted }, не отправлено { $prepared }
sent-parts = сохранено частей: { $stored } из { $total }

# Paged fetch, orphan parts and local deletion.
inbox-fetch-progress = получение: конвертов сохранено и удалено с ретранслятора: { $envelopes } ({ $size }), страниц: { $pages }
inbox-orphan-parts = Частей вложений от { $sender }, которые не названы ни в одном сообщении: { $count } ({ $size }); их удаляет `poc delete --orphans --from { $sender }`
confirm-delete = Удалить с этого компьютера сообщения ({ $messages }) и части вложений ({ $parts }), всего { $size }? На ретрансляторе их уже нет: они будут утрачены.
line-deleted = Удалено с этого компьютера: сообщений — { $messages }, частей вложений — { $parts } ({ $size }).
line-nothing-to-delete = Удалять нечего.
line-fetch-interrupted = Прервано. Конвертов сохранено здесь и удалено с ретранслятора: { $envelopes } ({ $size }); всё, что не сохранено, остаётся на ретрансляторе: снова выполните `poc inbox`, чтобы получить это.

# Кампании пингов и уведомления о справочнике через исходящие.
outbox-campaign = кампания { $campaign }: пингов сохранено ретранслятором: { $stored }, возможно отправлено (передано, ответа ретранслятора нет): { $submitted }, не отправлено: { $prepared }

# Teams: members of a PoC.
custodian-member-invitation-written = приглашение участника «{ $label }» контактного пункта { $id } записано в { $file }
custodian-member-added = участник «{ $label }» добавлен в { $id } (участники: { $members }); он сможет действовать от имени { $id } после следующей `poc custodian publish`
custodian-member-already-added = участник «{ $label }» контактного пункта { $id } уже был добавлен; ничего не изменилось
member-request-from = заявка нового участника «{ $label }» контактного пункта { $id }
member-request-cosigned = заверена участником «{ $by }» того же контактного пункта: проверка по телефону не нужна
custodian-member-revoked = ключ { $fingerprint } участника «{ $label }» контактного пункта { $id } отозван; { $id } продолжает работу с участниками: { $members }; действует на ретрансляторе после следующей `poc custodian publish`
result-initialised-member = ключи участника «{ $label }» контактного пункта { $id } созданы в { $home }
result-member-request = заявка участника: { $path }
result-initialised-member-next = Далее: передайте файл заявки действующему участнику { $id } и покажите ему этот отпечаток; он заверяет заявку (`poc team cosign ФАЙЛ`) и отправляет её хранителю. Когда хранитель опубликует справочник, выполните `poc directory sync`.
team-cosigned = заявка «{ $label }» для { $id } заверена: { $file }; отправьте этот файл хранителю (`poc custodian add ФАЙЛ`)
team-cosigned-first = Этот ключ входит в заявку как участник «{ $label }»: со следующей публикации ваш контактный пункт становится командой.
team-cosign-confirm = Совпадает ли этот отпечаток с отпечатком на экране нового участника?
team-heading = { $id }: участников: { $count } (справочник номер { $serial })
team-member = { $name }, отпечаток { $fingerprint }
team-member-cosigned = заверен участником { $by }
team-member-you = это устройство

# Team members: own key rotation, removal requests, members shown.
label-member = Участник команды
label-reason = Причина
changed-field-member = участник
member-key-request = новый ключ участника «{ $label }» в { $id }
member-removal-request = исключение участника «{ $label }» из { $id }
team-removal-sent = хранителю ({ $to }) отправлен запрос исключить участника «{ $label }» из { $id } (запрос { $envelope }); он вступит в силу, когда хранитель его одобрит и опубликует справочник
members-of = участники { $id }:

## Team history: the team's own outgoing messages and acknowledgements
inbox-team-sent = отправлено { $sender } для { $to }
inbox-acked-by = подтверждено: { $member }
send-team-copy-not-stored = { $id }: копия для вашей команды ({ $labels }) не сохранена (их почтовый ящик на ретрансляторе переполнен); получатель сообщение получил.

## poc ui: the browser interface
ui-title = PoC Relay — справочник контактных пунктов
ui-nav-inbox = Входящие
ui-nav-compose = Написать
ui-nav-directory = Справочник
ui-nav-custodian = Хранитель
ui-nav-campaigns = Проверки связи
ui-nav-team = Команда
ui-nav-profile = Мои контактные данные
ui-lock = Заблокировать
ui-language = Язык
ui-skip-to-content = Перейти к содержимому
ui-unlock-help = Ваши ключи остаются на этом компьютере. Парольная фраза открывает их только для этого окна; они снова блокируются после указанного ниже времени бездействия или при закрытии PoC Relay.
ui-passphrase = Парольная фраза
ui-idle-minutes = Блокировать через (минут бездействия)
ui-idle-help = От 1 до 480 минут.
ui-unlock = Разблокировать
ui-wrong-passphrase = Неверная парольная фраза: введите её ещё раз (регистр букв важен).
ui-locked = Заблокировано. Разблокируйте снова, чтобы продолжить.
ui-inbox-empty = Сообщений нет.
ui-inbox-new = новое
ui-inbox-refresh = Получить сейчас
ui-inbox-live = Новые сообщения появляются здесь без перезагрузки страницы.
ui-notify-enable = Оповещать о ВЫСОКОМ приоритете
ui-notify-high = Получено сообщение ВЫСОКОГО приоритета
ui-unread = Непрочитано
ui-received = Получено
ui-invalid = НЕДЕЙСТВИТЕЛЬНО
ui-invalid-help = Этому сообщению нельзя доверять: подпись или отправитель не прошли проверку. Не действуйте по нему; сообщите хранителю.
ui-signature-verified = Подпись проверена по справочнику
ui-signature-invalid = Подпись НЕ проверена
ui-acknowledge = Подтвердить получение
ui-acknowledged = Получение подтверждено
ui-ack-sent = Подписанное подтверждение отправлено.
ui-reply = Ответить
ui-thread-title = Переписка
ui-print = Печать записи
ui-download = Скачать
ui-back = Назад
ui-error-title = Произошла ошибка
ui-forbidden-title = Доступ запрещён
ui-forbidden-help = Откройте в этом браузере адрес, который `poc ui` вывел в своём терминале.
ui-launch-used = Этот адрес уже был использован. Остановите `poc ui` и запустите снова, чтобы получить новый. Если вы её не открывали, это мог сделать кто-то другой на этом компьютере: сообщите ответственному за информационную безопасность.
ui-not-found = Не найдено: такой страницы или сообщения здесь нет.
ui-ping-answer-by = Это проверка связи от хранителя: подтвердите получение до
ui-ping-late = Срок этой проверки связи истёк. Всё равно подтвердите получение; хранитель учтёт ответ как запоздалый
ui-listening = PoC Relay открыт в браузере по этому адресу (доступен только с этого компьютера; адрес действует один раз):
ui-stop-hint = Нажмите здесь Ctrl-C, чтобы остановить; при остановке ключи блокируются.
ui-print-title = Запись сообщения
ui-printed-at = Запись составлена
ui-signed-by = Подписано
ui-signer-key = Отпечаток ключа подписи
ui-verified-against = Подпись проверена по справочнику, номер
ui-receipt-sent = Подписанное подтверждение получения отправлено
ui-no-receipt = Подтверждение получения ещё не отправлено.
ui-print-button = Печать или сохранение в PDF
ui-thread-sent = отправлено этим контактным пунктом
ui-thread-received = получено, подпись проверена
ui-directory-title = Справочник контактных пунктов
ui-directory-serial = Действующий справочник, номер
ui-country = Государство
ui-role = Роль
ui-organisation = Организация
ui-languages = Языки
ui-time-zone = Часовой пояс
ui-contact = Контакты
ui-members = Участники
ui-profile-help = Изменения направляются хранителю в виде подписанного запроса; они появятся в справочнике после одобрения и публикации хранителем.
ui-emails = Адреса электронной почты
ui-phones = Номера телефонов
ui-webpage = Веб-страница
ui-list-help = По одному в строке.
ui-send-update = Отправить запрос хранителю
ui-update-sent = Запрос отправлен хранителю.
ui-rotate-title = Заменить мои ключи
ui-rotate-help = Создаёт новую пару ключей на этом компьютере и просит хранителя перейти на неё. Продиктуйте новый отпечаток хранителю по телефону, когда он попросит. Старый ключ действует до публикации изменения.
ui-rotate-confirm = Я хочу заменить ключи этого компьютера.
ui-rotate-button = Создать новые ключи и запросить хранителя
ui-rotate-sent = Новые ключи созданы, запрос отправлен. Отпечаток для хранителя:
ui-team-title = Участники этого контактного пункта
ui-team-you = этот компьютер
ui-fingerprint = Отпечаток
ui-added-at = Добавлен
ui-cosigned-by = Соподписано
ui-one-key = Этот контактный пункт использует один ключ.


## poc ui: writing a message and replying
ui-compose-title = Написать сообщение
ui-compose-kind = Тип сообщения
ui-compose-recipients = Получатели
ui-compose-recipients-help = Отметьте один или несколько контактных пунктов либо все пункты государства.
ui-compose-every-poc = все контактные пункты
ui-compose-priority = Приоритет
ui-compose-priority-high-help = требует внимания немедленно, днём и ночью
ui-compose-priority-medium-help = в течение рабочего дня
ui-compose-priority-low-help = для сведения, без спешки
ui-compose-tlp = Распространение (TLP)
ui-compose-tlp-clear-help = без ограничений на распространение
ui-compose-tlp-green-help = можно передавать внутри сообщества, но не публично
ui-compose-tlp-amber-help = только внутри организации получателя и её клиентов, по принципу служебной необходимости
ui-compose-tlp-amber-strict-help = только внутри организации получателя
ui-compose-tlp-red-help = только для названных получателей, без дальнейшей передачи
ui-compose-language = Язык сообщения
ui-compose-language-unspecified = не указан
ui-compose-exercise = В рамках учений
ui-compose-attachments = Вложения
ui-compose-attachments-help = Файлы передаются в зашифрованном виде внутри сообщения. Наибольший общий размер:
ui-compose-fields = Содержание
ui-compose-fields-help = Заполните то, что известно; все поля необязательны, кроме текста текстового сообщения.
ui-compose-choose = выбрать
ui-compose-send = Отправить
ui-compose-confirm-title = Подтвердите перед отправкой
ui-compose-confirm-tick = Я проверил получателей и метку распространения: отправить.
ui-compose-not-sent-yet = Пока ничего не отправлено.
ui-compose-sent-title = Отправлено
ui-compose-sent-help = Ретранслятор хранит по одному конверту для каждого получателя:
ui-compose-envelope = Конверт
ui-compose-recipient = Получатель
ui-compose-team-copy-missing = Не сохранено в общей истории этих участников вашего контактного пункта (их ящик переполнен):
ui-compose-write-another = Написать другое сообщение
ui-compose-no-directory = На этом компьютере пока нет справочника: откройте входящие, чтобы получить его, затем вернитесь.
ui-compose-help-reference = ваш собственный номер этого дела
ui-compose-help-summary = одна строка: что произошло
ui-compose-help-description = что известно на данный момент, своими словами
ui-compose-help-incident-class = класс по эталонной таксономии
ui-compose-help-time-detected = когда обнаружено, с часовым поясом
ui-compose-help-affected-sector = энергетика, здравоохранение, финансы, госуправление…
ui-compose-help-affected-systems = какие системы или службы затронуты
ui-compose-help-indicators = адреса, домены, хеши: по одному в строке
ui-compose-help-actions-taken = что уже сделано
ui-compose-help-assistance-requested = о чём вы просите получателя
ui-compose-help-requested-response-time = к какому сроку нужен ответ
ui-compose-help-follow-up-contact = кому звонить или писать по этому вопросу
ui-compose-help-nature = какого рода помощь вы просите
ui-compose-help-related-incident = номер связанного инцидента
ui-compose-help-details = просьба своими словами
ui-compose-help-legal-context = правовое основание или рамки, если есть
ui-compose-help-subject = одна строка
ui-compose-help-text = сообщение в том виде, в каком его должны прочитать
ui-compose-reply-title = Ответить статусом
ui-compose-reply-to = В ответ на
ui-compose-reply-status-help = в каком состоянии дело с вашей стороны
ui-compose-reply-tlp-original = как у исходного сообщения
ui-compose-reply-sent = Ответ отправлен:


## The custodian's pages of the browser interface
ui-custodian-title = Хранитель справочника
ui-custodian-enrol-title = Запрос на регистрацию
ui-custodian-enrol-help = Откройте файл enrolment-request.txt, присланный PoC, или вставьте его текст.
ui-custodian-enrol-file = Файл запроса
ui-custodian-enrol-paste = Или вставьте запрос
ui-custodian-enrol-show = Показать запрос
ui-custodian-enrol-empty = Сначала выберите файл запроса или вставьте его текст.
ui-custodian-fingerprint-help = Прочитайте этот отпечаток PoC по телефону; он читает свой командой poc whoami. Одобряйте, только если совпадают все группы.
ui-custodian-confirm-fingerprint = Я подтвердил этот отпечаток с PoC по телефону
ui-custodian-approve = Одобрить
ui-custodian-reject = Отклонить
ui-custodian-added = Добавлено. Опубликуйте справочник, чтобы включить его.
ui-custodian-already-added = Этот запрос уже был добавлен.
ui-custodian-not-confirmed = Ничего не добавлено: отметьте поле, когда подтвердите отпечаток с PoC по телефону.
ui-custodian-updates-title = Запросы на обновление
ui-custodian-no-updates = Нет ожидающих запросов на обновление.
ui-custodian-rotation = Этот запрос меняет ключ подписи: подтвердите новый отпечаток с PoC по телефону до одобрения.
ui-custodian-reason = Причина
ui-custodian-approved = Одобрено. Опубликуйте справочник, чтобы применить.
ui-custodian-rejected = Отклонено.
ui-custodian-publish-title = Опубликовать справочник
ui-custodian-publish-help = Подписывает все принятые записи в новый справочник сроком на 90 дней и уведомляет каждого PoC.
ui-custodian-publish = Опубликовать
ui-custodian-published = Справочник опубликован
ui-custodian-serial = Номер
ui-custodian-entries = Записи
ui-custodian-notified = Уведомлено PoC
ui-custodian-revoke-title = Отозвать PoC
ui-custodian-revoke-help = Его ключи исключаются из следующего справочника и значатся отозванными; причина публикуется вместе с ними.
ui-custodian-revoke = Отозвать…
ui-custodian-revoke-ask = Отозвать ключи этого PoC? Это необратимо: ему понадобятся новые ключи по новому приглашению.
ui-custodian-revoke-confirm = Да, отозвать ключи
ui-custodian-revoked = Отозвано. Опубликуйте справочник, чтобы применить.
ui-custodian-campaigns-title = Кампании пинга
ui-custodian-no-campaigns = Кампаний пока нет.
ui-custodian-start-title = Начать кампанию
ui-custodian-target-all = Все PoC справочника
ui-custodian-target-to = Идентификаторы PoC или коды государств (через запятую)
ui-custodian-target-role = Только эта роль
ui-custodian-any-role = Любая роль
ui-custodian-deadline = Срок ответа (например, 72h, 3d)
ui-custodian-note = Примечание для PoC
ui-custodian-exercise = В рамках учений
ui-custodian-start = Запустить кампанию
ui-custodian-live = Это состояние обновляется само каждые 5 секунд.
ui-custodian-remind = Напомнить тем, кто не ответил
ui-custodian-reminded = Напоминание отправлено:
ui-custodian-nobody-to-remind = Все ответили: напоминать некому.
ui-custodian-not-pinged = Не доставлено (ящик ретранслятора переполнен):
ui-custodian-report = Отчёт
ui-custodian-bundle = Скачать пакет доказательств
ui-custodian-bundle-help = Любой может перепроверить его офлайн командой poc ping verify с открытым ключом хранителя.
ui-custodian-answered-by = Ответил
ui-custodian-chart-outcomes = Ответы
ui-custodian-by-role = По ролям
ui-custodian-by-state = По государствам
ui-custodian-exercise-mark = УЧЕНИЯ
ui-custodian-status = Состояние

## Browser interface: member requests in the custodian's enrolment box, and the message types of the compose form
ui-members-box-help = Это же поле принимает запрос на добавление участника (member-request.txt): нового человека или новое устройство для PoC, уже внесённого в справочник.
ui-members-title = Запрос на добавление участника
ui-members-label = Метка участника
ui-members-poc = Контактный пункт
ui-members-cosigned-help = Действующий участник этого PoC соподписал запрос и ручается за новый ключ: подтверждение по телефону не требуется.
ui-members-not-cosigned-help = Никто в этом PoC не соподписал запрос: позвоните PoC по уже известному вам номеру и сверьте этот отпечаток, прежде чем добавлять его.
ui-members-after = Участники после добавления
ui-members-add = Добавить этого участника
ui-members-added = Участник добавлен. Опубликуйте справочник, чтобы он мог действовать от имени PoC.
ui-members-already-added = Этот участник уже был добавлен: ничего не изменилось.
ui-members-not-confirmed = Ничего не добавлено: никто в PoC не соподписал этот запрос, поэтому отметьте поле, когда подтвердите отпечаток по телефону.
ui-members-not-a-request = Это не запрос на регистрацию и не запрос на добавление участника: выберите файл, присланный PoC, или вставьте весь его текст от строки BEGIN до строки END.
ui-compose-kind-incident-help = сообщить другим PoC об инциденте: что произошло, его класс, индикаторы и принятые вами меры
ui-compose-kind-assistance-help = попросить помощи у другого государства: что нужно, к какому сроку и в каких правовых рамках
ui-compose-kind-response-help = сообщить отправителю, в каком состоянии его уведомление или запрос (получено, в работе, решено...); чтобы ответить на сообщение в его ветке, нажмите «Ответить» на этом сообщении
ui-compose-kind-text-help = любое другое сообщение, с темой и текстом
ui-compose-help-status = в каком состоянии дело с вашей стороны (обязательно для ответа о статусе)

## poc ui: the custodian's exercises
ui-exercise-nav = Учения
ui-exercise-title = Учения, проведённые с этого рабочего места
ui-exercise-no-exercises = С этого рабочего места ещё не проводилось ни одного учения.
ui-exercise-run-title = Провести учение
ui-exercise-run-help = Выберите файл сценария или вставьте его текст. Вы увидите каждую вводную до отправки.
ui-exercise-file = Файл сценария (TOML)
ui-exercise-paste = Или вставьте сценарий
ui-exercise-speed = Скорость
ui-exercise-speed-help = 1 — сценарий в реальном времени; 60 — одна минута в секунду.
ui-exercise-preview = Показать вводные
ui-exercise-preview-help = Ничего ещё не отправлено. Проверьте, кто что и когда получит, затем начните учение.
ui-exercise-run = Начать учение сейчас
ui-exercise-recipients = Получатели
ui-exercise-type = Сообщение
ui-exercise-at = Отправка через
ui-exercise-deadline = Срок ответа
ui-exercise-live = Эта страница обновляется сама; можно уйти и вернуться. Вводные отправляются, только пока рабочее место разблокировано.
ui-exercise-running = Идёт
ui-exercise-waiting-unlock = Ожидание: личность заблокирована. Разблокируйте, чтобы отправить следующую вводную.
ui-exercise-finished = Все вводные отправлены.
ui-exercise-failed = Остановлено из-за ошибки:
ui-exercise-sent-of-due = Отправлено / запланировано
ui-exercise-next-due = Следующая вводная
ui-exercise-report = Отчёт по итогам
ui-exercise-download-json = Скачать отчёт (JSON)
ui-exercise-empty = Сначала выберите файл сценария или вставьте сценарий.
ui-exercise-bad-speed = Скорость должна быть целым числом от 1 до 100000; исправьте и повторите.
ui-exercise-in-inject = Во вводной
ui-exercise-fault-unreadable = Файл сценария не читается как текст; выберите TOML-файл сценария.
ui-exercise-fault-toml = Сценарий не является корректным TOML или содержит неизвестные поля; исправьте и повторите. Ничего не отправлено.
ui-exercise-fault-no-injects = В сценарии нет ни одного [[inject]]; добавьте хотя бы один и повторите. Ничего не отправлено.
ui-exercise-fault-duration = Время в сценарии записано неверно (пишите, например, 30m или 2h); исправьте и повторите. Ничего не отправлено.
ui-exercise-fault-value = Приоритет, метка TLP или ожидаемый статус в сценарии не существует; исправьте и повторите. Ничего не отправлено.
ui-exercise-fault-recipients = Получателя из сценария нет в справочнике (используйте идентификаторы вида MEX.technical или коды государств); исправьте и повторите. Ничего не отправлено.
ui-exercise-fault-message = Тип или поля сообщения вводной не соответствуют шаблону; исправьте и повторите. Ничего не отправлено.

## Disk faults
disk-full = Диск с папкой PoC заполнен: освободите место и повторите команду.

## Relay list: the custodian's relay commands and `directory relays`
relay-added = ретранслятор { $address } добавлен в следующий справочник (ретрансляторов: { $count }, k = { $k }); опубликуйте его командой `poc custodian publish`
relay-removed = ретранслятор { $address } убран из следующего справочника (ретрансляторов: { $count }, k = { $k }); опубликуйте его командой `poc custodian publish`
relays-k-set = следующий справочник задаёт k = { $k } (ретрансляторов: { $count }): конверт считается сохранённым, когда его хранят k ретрансляторов; опубликуйте его командой `poc custodian publish`
relay-list-in-force = Ретрансляторы действующего справочника { $serial } (k = { $k }):
relay-list-nothing-published = Справочник ещё не опубликован.
relay-list-next = Ретрансляторы следующей публикации (k = { $k }):
relay-line = { $address }  оператор: { $operator }  регион: { $region }  отпечаток { $pin }
relay-pending-added = добавить: { $addresses }
relay-pending-removed = убрать: { $addresses }
relay-pending-changed = изменить: { $addresses }
relay-pending-k = k станет { $k }
relay-pending-publish = Ожидает `poc custodian publish`:
relay-no-change = Изменений, ожидающих публикации, нет.
directory-relays = Справочник { $serial } (ретрансляторов: { $count }, k = { $k }): конверт считается сохранённым, когда его хранят k ретрансляторов:
directory-relays-configured = В справочнике нет ретрансляторов: эта папка использует ретранслятор из своей настройки (k = 1):

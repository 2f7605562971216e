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
inbox-fetched =
    { $count ->
        [one] получен { $count } новый конверт
        [few] получено { $count } новых конверта
       *[other] получено { $count } новых конвертов
    }
inbox-empty = входящих нет
inbox-unopened =
    { $count ->
        [one] НЕДЕЙСТВИТЕЛЬНО: { $count } конверт, который нельзя открыть или проверить, отправил { $submitter } ({ $reason })
        [few] НЕДЕЙСТВИТЕЛЬНО: { $count } конверта, которые нельзя открыть или проверить, отправил { $submitter } ({ $reason })
       *[other] НЕДЕЙСТВИТЕЛЬНО: { $count } конвертов, которые нельзя открыть или проверить, отправил { $submitter } ({ $reason })
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

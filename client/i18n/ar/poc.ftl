# PoC Relay client, Arabic: labels, fixed values and messages of the `poc` command.
# Content written by the sender of a message is never translated; only what is here is.
# Every message id exists in all six languages (checked by the client's tests).

## Field labels of messages

label-envelope = المغلف
label-from = المرسل
label-to = المرسل إليه
label-priority = الأولوية
label-handling = قيود التداول (TLP)
label-type = نوع الرسالة
label-sent = تاريخ الإرسال
label-language = اللغة
label-signature = التوقيع
label-in-reply-to = ردًا على
label-attachments = المرفقات
label-exercise = تمرين
label-verified = تم التحقق
label-verified-against = تم التحقق وفق الدليل، الرقم التسلسلي
label-reference = الرقم المرجعي
label-summary = الملخص
label-description = الوصف
label-incident-class = فئة الحادث
label-time-detected = وقت الاكتشاف
label-affected-sector = القطاع المتضرر
label-affected-systems = الأنظمة المتضررة
label-indicators = مؤشرات الاختراق
label-actions-taken = الإجراءات المتخذة
label-assistance-requested = المساعدة المطلوبة
label-requested-response-time = المهلة المطلوبة للرد
label-follow-up-contact = جهة الاتصال للمتابعة
label-nature = طبيعة الطلب
label-related-incident = الحادث ذو الصلة
label-details = التفاصيل
label-legal-context = السياق القانوني أو الدبلوماسي
label-status = الحالة
label-text = النص
label-subject = الموضوع
label-acknowledges = إشعار باستلام
label-received-at = وقت الاستلام
label-entry = القيد في الدليل
label-organisation = الجهة
label-email = البريد الإلكتروني
label-phone = الهاتف
label-languages = لغات العمل
label-new-key = المفتاح العام الجديد
label-directory-serial = الرقم التسلسلي للدليل
label-digest = قيمة التجزئة

## Priorities

priority-high = عالية
priority-medium = متوسطة
priority-low = منخفضة

## Natures of an assistance request

nature-information = تقديم معلومات
nature-mitigation = تخفيف الأثر
nature-investigation = تحقيق
nature-coordination = تنسيق
nature-other = أخرى

## Statuses of a response

status-received = تم الاستلام
status-channelled = أحيل إلى السلطة الوطنية المختصة
status-in-progress = قيد المعالجة
status-resolved = تم الحل
status-declined = تم الرفض

## Incident classes: top-level classes of the ENISA / RSIT reference taxonomy

incident-class-abusive-content = محتوى مسيء
incident-class-malicious-code = شيفرة خبيثة
incident-class-information-gathering = جمع المعلومات
incident-class-intrusion-attempts = محاولات التسلل
incident-class-intrusions = عمليات التسلل
incident-class-availability = المساس بالتوافر
incident-class-information-content-security = أمن محتوى المعلومات
incident-class-fraud = الاحتيال
incident-class-vulnerable = ثغرات أمنية
incident-class-other = أخرى
incident-class-test = اختبار

## Message types

type-incident = إخطار بحادث
type-assistance = طلب مساعدة
type-response = رد
type-text = رسالة
type-receipt = إشعار بالاستلام
type-entry-update = طلب تحديث قيد في الدليل
type-directory-notice = إشعار بتحديث الدليل

## Field labels of communication checks (pings) and their acknowledgements

label-campaign = الحملة
label-deadline = الموعد النهائي
label-note = ملاحظة
label-automatic = أُرسل تلقائيًا

## Message types added with communication checks

type-ping = اختبار الاتصال
type-ping-ack = إقرار باختبار الاتصال

## Handling labels: FIRST TLP 2.0 labels are not translated

tlp-clear = TLP:CLEAR
tlp-green = TLP:GREEN
tlp-amber = TLP:AMBER
tlp-amber-strict = TLP:AMBER+STRICT
tlp-red = TLP:RED

## Roles of Points of Contact

role-diplomatic = دبلوماسية
role-technical = تقنية
role-custodian = الجهة الحافظة للدليل

## Yes and no

yes-no-true = نعم
yes-no-false = لا

## Directory entry view

entry-id = المعرف
entry-organisation = الجهة
entry-role = الدور
entry-fingerprint = البصمة
entry-languages = لغات العمل
entry-email = البريد الإلكتروني
entry-phone = الهاتف
entry-webpage = الموقع الإلكتروني
entry-time-zone = المنطقة الزمنية
entry-updated = آخر تحديث

## Units of time and size

unit-seconds =
    { $count ->
        [zero] { $count } ثانية
        [one] ثانية واحدة
        [two] ثانيتان
        [few] { $count } ثوانٍ
       *[other] { $count } ثانية
    }
unit-minutes =
    { $count ->
        [zero] { $count } دقيقة
        [one] دقيقة واحدة
        [two] دقيقتان
        [few] { $count } دقائق
       *[other] { $count } دقيقة
    }
unit-hours =
    { $count ->
        [zero] { $count } ساعة
        [one] ساعة واحدة
        [two] ساعتان
        [few] { $count } ساعات
       *[other] { $count } ساعة
    }
unit-days =
    { $count ->
        [zero] { $count } يوم
        [one] يوم واحد
        [two] يومان
        [few] { $count } أيام
        [many] { $count } يومًا
       *[other] { $count } يوم
    }
unit-bytes =
    { $count ->
        [zero] { $count } بايت
        [one] بايت واحد
        [two] بايتان
        [few] { $count } بايتات
       *[other] { $count } بايت
    }
word-automatic = تلقائي

## One-line descriptions of messages in lists (the content itself is never translated)

headline-no-summary = (بلا ملخص)
headline-no-details = (بلا تفاصيل)
headline-receipt = إشعار باستلام { $envelope }
headline-key-rotation = طلب تغيير مفتاح { $entry }
headline-entry-update = طلب تحديث قيد { $entry }
headline-directory-notice = نُشر الدليل ذو الرقم التسلسلي { $serial }
headline-ping = اختبار الاتصال، يُرجى الرد قبل { $deadline }
headline-ping-ack = تم الإقرار باختبار الاتصال

## Inbox: column headers, status of each envelope, fetch results

inbox-column-id = المعرف
inbox-column-priority = الأولوية
inbox-column-from = المرسل
inbox-column-type = النوع
inbox-column-tlp = TLP
inbox-column-summary = الملخص
inbox-column-status = الحالة
inbox-status-verified = تم التحقق
inbox-status-acknowledged = تم التحقق، وأُرسل إشعار الاستلام
inbox-status-invalid = غير صالح: { $reason }
inbox-status-receipt = إشعار استلام تم التحقق منه: استلم { $sender } المغلف { $envelope } في { $time }
inbox-status-receipt-unknown = تحذير: إشعار استلام للمغلف { $envelope } الذي لم ترسله جهة الاتصال هذه
inbox-status-receipt-wrong-signer = تحذير: إشعار استلام للمغلف { $envelope } موقّع من { $signer } بينما أُرسل المغلف إلى { $addressee }
inbox-status-ping-not-custodian = تحذير: يدّعي أنه اختبار اتصال (ping)، لكنه ليس من الجهة الحافظة للدليل
inbox-fetched =
    { $count ->
        [zero] لم يُجلب أي مغلف جديد
        [one] جُلب مغلف جديد واحد
        [two] جُلب مغلفان جديدان
        [few] جُلبت { $count } مغلفات جديدة
       *[other] جُلب { $count } مغلفًا جديدًا
    }
inbox-empty = صندوق الوارد فارغ
inbox-unopened =
    { $count ->
        [zero] غير صالح: لا مغلفات يتعذر فتحها أو التحقق منها من { $submitter }، بحسب المُرحِّل ({ $reason })
        [one] غير صالح: مغلف واحد يتعذر فتحه أو التحقق منه، أودعه، بحسب المُرحِّل، { $submitter } ({ $reason })
        [two] غير صالح: مغلفان يتعذر فتحهما أو التحقق منهما، أودعهما، بحسب المُرحِّل، { $submitter } ({ $reason })
        [few] غير صالح: { $count } مغلفات يتعذر فتحها أو التحقق منها، أودعها، بحسب المُرحِّل، { $submitter } ({ $reason })
       *[other] غير صالح: { $count } مغلفًا يتعذر فتحها أو التحقق منها، أودعها، بحسب المُرحِّل، { $submitter } ({ $reason })
    }
inbox-watching = في انتظار مغلفات جديدة (Ctrl-C للإيقاف)

## Threads

thread-header =
    { $count ->
        [zero] السلسلة { $root }: لا رسائل
        [one] السلسلة { $root }: رسالة واحدة
        [two] السلسلة { $root }: رسالتان
        [few] السلسلة { $root }: { $count } رسائل
       *[other] السلسلة { $root }: { $count } رسالة
    }
thread-sent-by-this-poc = أرسلتها جهة الاتصال هذه
thread-signature-verified = تم التحقق من التوقيع

## Communication checks (ping campaigns)

ping-column-campaign = الحملة
ping-column-started = البدء
ping-column-deadline = الموعد النهائي
ping-column-pocs = جهات الاتصال
ping-started =
    { $count ->
        [zero] بدأت الحملة { $id }: لم تُختبر أي جهة اتصال، الموعد النهائي { $deadline }
        [one] بدأت الحملة { $id }: اختُبرت جهة اتصال واحدة، الموعد النهائي { $deadline }
        [two] بدأت الحملة { $id }: اختُبرت جهتا اتصال، الموعد النهائي { $deadline }
        [few] بدأت الحملة { $id }: اختُبرت { $count } جهات اتصال، الموعد النهائي { $deadline }
       *[other] بدأت الحملة { $id }: اختُبرت { $count } جهة اتصال، الموعد النهائي { $deadline }
    }
ping-follow = للمتابعة: { $command }
ping-status = الحملة { $id }: { $count } من جهات الاتصال؛ في الموعد { $on_time }، متأخرة { $late }، بلا رد { $no_answer }، غير صالحة { $invalid }؛ معدل الاستجابة { $rate }%؛ الموعد النهائي { $deadline }
ping-deadline-passed = (انقضى)

## Campaign reports

report-outcome-on-time = في الموعد
report-outcome-on-time-automatic = في الموعد (تلقائي)
report-outcome-late = متأخر
report-outcome-late-automatic = متأخر (تلقائي)
report-outcome-no-answer = بلا رد
report-outcome-invalid = غير صالح
report-column-poc = جهة الاتصال
report-column-result = النتيجة
report-column-latency = زمن الاستجابة
report-column-problems = المشكلات
report-column-group = المجموعة
report-column-pocs = جهات الاتصال
report-column-on-time = في الموعد
report-column-late = متأخرة
report-column-no-answer = بلا رد
report-column-invalid = غير صالحة
report-column-response-rate = معدل الاستجابة
report-group-all = الكل
report-group-role = فئة جهة الاتصال: { $role }
report-group-state = الدولة { $state }
report-title = حملة اختبار الاتصال { $id }
report-campaign = الحملة { $id }
report-summary-line =
    { $count ->
        [zero] البدء { $started }، الموعد النهائي { $deadline }، الرقم التسلسلي للدليل { $serial }، لا جهات اتصال
        [one] البدء { $started }، الموعد النهائي { $deadline }، الرقم التسلسلي للدليل { $serial }، جهة اتصال واحدة
        [two] البدء { $started }، الموعد النهائي { $deadline }، الرقم التسلسلي للدليل { $serial }، جهتا اتصال
        [few] البدء { $started }، الموعد النهائي { $deadline }، الرقم التسلسلي للدليل { $serial }، { $count } جهات اتصال
       *[other] البدء { $started }، الموعد النهائي { $deadline }، الرقم التسلسلي للدليل { $serial }، { $count } جهة اتصال
    }
report-intro = البدء { $started }، الموعد النهائي { $deadline }، الرقم التسلسلي للدليل { $serial }. جرى التحقق من كل إقرار وفق الدليل الموقّع.
report-response-rate = معدل الاستجابة { $rate }% ({ $answered } من { $count })
report-latency-chart = زمن الاستجابة للإقرارات الصالحة
report-by-group = حسب المجموعة
report-by-poc = حسب جهة الاتصال
report-invalid-warning =
    { $count ->
        [one] !!! جهة اتصال واحدة أرسلت إقرارات غير صالحة: يُرجى التحقق منها !!!
        [two] !!! جهتا اتصال أرسلتا إقرارات غير صالحة: يُرجى التحقق منهما !!!
        [few] !!! { $count } جهات اتصال أرسلت إقرارات غير صالحة: يُرجى التحقق منها !!!
       *[other] !!! { $count } جهة اتصال أرسلت إقرارات غير صالحة: يُرجى التحقق منها !!!
    }

## Words shared by the command screens

screen-none = (لا يوجد)
screen-exercise = تمرين
screen-sending-pings = جارٍ إرسال اختبارات الاتصال
screen-sending-reminders = جارٍ إرسال التذكيرات
screen-unlock-hint = (افتح الهوية بأي أمر لرؤية بصمة المفتاح)
screen-confirm-fingerprint = هل تطابق هذه البصمة ما قرأته عليك جهة الاتصال؟
screen-no-update-requests = لا توجد طلبات تحديث
screen-request-pending = قيد الانتظار
screen-expect-ack = إشعار بالاستلام
screen-expect-reply = رد

## Column headers of the command screens (upper case where the script has case)

column-id = المعرف
column-organisation = الجهة
column-languages = اللغات
column-fingerprint = البصمة
column-source = المصدر
column-consent = الموافقة
column-last-confirmed = آخر تأكيد
column-exercise = التمرين
column-name = الاسم
column-started = البدء
column-injects-sent = المدخلات المرسلة
column-inject = المُدخل
column-poc = جهة الاتصال
column-expected = المتوقع
column-acknowledged = الإشعار بالاستلام
column-replied = الرد
column-verdict = الحكم
column-campaigns = الحملات
column-on-time = في الموعد
column-late = متأخرة
column-invalid = غير صالحة
column-no-answer = بلا رد
column-response-rate = معدل الاستجابة
column-month = الشهر

## Fields an update request changes

changed-field-entry = القيد
changed-field-org-name = الجهة
changed-field-emails = البريد الإلكتروني
changed-field-phones = الهاتف
changed-field-languages = اللغات
changed-field-webpage = صفحة الويب
changed-field-time-zone = المنطقة الزمنية
changed-field-key = المفتاح

## Verdicts of exercise expectations

exercise-verdict-met = تحقق
exercise-verdict-late = متأخر
exercise-verdict-missing = مفقود
exercise-verdict-pending = قيد الانتظار
exercise-verdict-wrong-status = حالة خاطئة

## Lines on stderr

line-warning = تحذير: { $text }
line-mailbox-full = كان صندوق بريدك لدى المرحِّل ممتلئًا: عدد المغلفات المرسلة إليك التي رُفضت { $count } (أُبلغ مرسلوها)؛ اجلب البريد أكثر أو اطلب من مشغل المرحِّل رفع الحصة
line-refresh-failed = تحذير: تعذّر تحديث الدليل من المرحِّل: { $error }
line-directory-expired = تحذير: انتهت صلاحية الدليل (الرقم التسلسلي { $serial }) في { $time }؛ قد تكون بيانات الاتصال قديمة. اطلب من الجهة الحافظة للدليل نشر دليل جديد.
line-key-switched = جرى الانتقال إلى المفتاح الجديد { $fingerprint } (نشرته الجهة الحافظة للدليل)؛ أُحيل المفتاح القديم إلى التقاعد
line-arrival-failed = تحذير: تعذّر عرض مغلف وارد: { $error }
line-reconnecting = انقطع الاتصال بالمرحِّل ({ $error })؛ إعادة الاتصال بعد { $seconds } ثانية
line-not-pinged = تحذير: لم يُرسل إليها اختبار الاتصال لأن صناديق بريدها لدى المرحِّل ممتلئة: { $pocs }
line-language-not-un = ملاحظة: { $tag } ليست من لغات الأمم المتحدة الست؛ يرى القراء التسميات بلغتهم على أي حال
line-exercise-start = التمرين «{ $name }»: عدد المدخلات { $count }، الوقت مضغوط { $speed } مرة
line-inject-sent = { $time } أُرسل المُدخل { $inject } إلى { $to } ({ $envelope })، والرد متوقع قبل { $deadline }
line-request-from = طلب من { $id } ({ $org })
line-fingerprint = البصمة: { $fingerprint }
line-pending-invitation = جارٍ تسليم الدعوة المعلقة المستوردة من { $source } (الموافقة { $consent })

## Results of the PoC's commands

result-ack-sent = أُرسل إشعار الاستلام الموقّع { $id } الخاص بـ { $envelope } إلى { $to }
result-template-written = كُتب النموذج في { $path }؛ املأه ثم نفّذ: { $command }
result-export-failed = تعذّر كتابة الدليل الإثباتي بصيغة JSON: { $error }
result-forwarded = كُتب { $id } في { $file } ملفًا بصيغة age موجهًا إلى { $recipient }
result-forward-open = تفتحه السلطة المختصة بالأمر: { $command }
result-initialised = أُنشئت الهوية { $id } في { $home }
result-initialised-next = الخطوة التالية: أرسل ملف الطلب إلى الجهة الحافظة للدليل واقرأ عليها البصمة هاتفيًا؛ وبعد نشر الدليل نفّذ `poc directory sync`.
result-enrolment-request = طلب التسجيل: { $file }
result-saved = حُفظ: { $path }
result-replied = أُرسل الرد { $id } ({ $status }) إلى { $to }
result-sent = أُرسل { $id } إلى { $to } (الأولوية { $priority }): خزّنه المرحِّل
result-update-sent = أُرسل طلب التحديث { $id } إلى { $to }؛ يسري بعد موافقة الجهة الحافظة للدليل ونشره
result-rotation-sent = أُنشئ المفتاح الجديد { $fingerprint } (بعبارة المرور نفسها)؛ أُرسل طلب تغيير المفتاح { $id } إلى { $to }
result-rotation-next = اقرأ البصمة الجديدة على الجهة الحافظة للدليل؛ يتم الانتقال بعد موافقتها والنشر
result-whoami-id = المعرف: { $id }
result-whoami-home = المجلد: { $home }
result-whoami-custodian = الجهة الحافظة للدليل: { $fingerprint }
result-whoami-relay = المرحِّل: { $relay }
result-directory-listed = عدد جهات الاتصال: { $count }، الرقم التسلسلي للدليل { $serial }
result-directory-accepted = قُبل الدليل ذو الرقم التسلسلي { $serial } (تم التحقق منه بمفتاح الجهة الحافظة المثبّت)
result-directory-updated = حُدّث الدليل: الرقم التسلسلي { $from } -> { $serial } (تم التحقق منه بمفتاح الجهة الحافظة المثبّت)
result-directory-current = الدليل محدّث (الرقم التسلسلي { $serial })
result-directory-verified = تم التحقق من الدليل ذي الرقم التسلسلي { $serial }: موقّع بمفتاح الجهة الحافظة المثبّت، وعدد القيود ذات التوقيع الذاتي الصالح { $count }
result-directory-dates = صدر في { $issued }، وتنتهي صلاحيته في { $expires }
result-directory-digest = الخلاصة { $digest }

## Results of the custodian's commands

custodian-added = قُبل { $id }؛ وسيُدرج في الدليل التالي (`poc custodian publish`)
custodian-already-added = { $id } مقبول من قبل (دون تغيير)
custodian-approved = وُوفق على { $id } من { $from }؛ نفّذ `poc custodian publish` لوضعه موضع التنفيذ
custodian-rejected = رُفض { $id } من { $from }
custodian-imported = عدد جهات الاتصال المستوردة كدعوات معلقة { $count }: { $ids }
custodian-already-present = موجودة من قبل: { $ids }
custodian-skipped = تم تخطيها (لا موافقة مسجلة لدى { $source }): { $states }
custodian-created = أُنشئت هوية الجهة الحافظة للدليل { $id } في { $home }
custodian-key = مفتاح الجهة الحافظة للدليل: { $key }
custodian-fingerprint = البصمة: { $fingerprint }
custodian-key-written = كُتب في { $file }
custodian-next = الخطوة التالية: { $command }
custodian-then = ثم: { $command }
custodian-invitation-written = كُتبت الدعوة الخاصة بـ { $id } في { $file }
custodian-published = نُشر الدليل ذو الرقم التسلسلي { $serial } وعدد قيوده { $count }؛ لا يقبل المرحِّل الآن إلا هذه المفاتيح؛ عدد الأعضاء الذين أُبلغوا { $notified }
custodian-relay-set = عُيّن المرحِّل: { $address } (بصمة TLS { $pin })
custodian-request-approved = وُوفق عليه في { $time }
custodian-request-rejected = رُفض في { $time }
custodian-request-line = { $id }  من { $from }  { $state }
custodian-review-period = مراجعة الفترة الأخيرة: { $period }
custodian-review-stale = القيود غير المؤكدة خلال هذه الفترة: { $count }
custodian-review-stale-entry = { $id }  { $org }  آخر تأكيد { $time }
custodian-review-campaigns = حملات اختبار الاتصال خلال هذه الفترة: { $count }
custodian-review-relay = المرحِّل: الأعضاء { $members }، الرقم التسلسلي للدليل { $serial }، المغلفات المنتظرة { $waiting }
custodian-revoked = أُلغي المفتاح { $fingerprint } الخاص بـ { $id }؛ ويتوقف عن العمل لدى المرحِّل عند تنفيذ `poc custodian publish` التالي
custodian-rotated = تغيّر مفتاح الجهة الحافظة للدليل إلى { $key } ({ $fingerprint })؛ ووُقّع به الدليل ذو الرقم التسلسلي { $serial } ونُشر؛ وتتبع جهات الاتصال التسليم الموقّع
custodian-relay = المرحِّل: { $relay }
custodian-relay-pinned = { $address } (بصمة TLS { $pin })
custodian-directory-published = النشر: الرقم التسلسلي { $serial }
custodian-directory-unpublished = النشر: لم يُنشر قط
custodian-stale = القيود غير المؤكدة منذ { $period }: { $count }

## Exercises

exercise-finished = انتهى إرسال التمرين { $id }؛ تقرير ما بعد التمرين: { $command }
exercise-expect-reply-status = رد { $status }
exercise-replied-at = { $status } في { $time }
exercise-report-header = التمرين { $id } «{ $name }»، بدأ في { $started } (الوقت x{ $speed })
exercise-expectations-met = تحققت { $met } من { $count } من التوقعات

## Ping campaigns: the commands' other lines

ping-reminded = جهات الاتصال التي ذُكّرت ({ $count }): { $pocs }
ping-report-written = كُتب التقرير في { $path }
ping-bundle-written = كُتبت حزمة الإثبات في { $path } (للتحقق: { $command })
ping-bundle-verified = تم التحقق من الحزمة: عدد إشعارات الاستلام { $count }، وجميع التوقيعات صالحة
ping-answer-failed = فشل التحقق: { $failure }

## The outbox: `poc sent`, and what an interrupted or failed send says

sent-column-to = إلى
sent-column-time = وقت الإرسال
sent-state-prepared = مُعدّ (لم يُرسل)
sent-state-submitted = سُلّم إلى المُرحِّل (ربما أُرسل)
sent-state-stored = خزّنه المُرحِّل
sent-expired = انتهت صلاحيته، ولا يمكن إرساله بعد الآن
sent-none = لم يُرسل شيء بعد.
sent-unfinished = لم يخزّنها المُرحِّل بعد: { $count }. لإتمام الإرسال: { $command }
sent-nothing-to-resend = لا شيء لإعادة إرساله: كل مغلف مطلوب خزّنه المُرحِّل، أو انتهت مدة صلاحيته (انظر `poc sent`).
sent-resent = { $id } إلى { $to }: { $state }
outbox-interrupted = قُطع التنفيذ.
outbox-nothing-sent = قُطع التنفيذ: لم يُرسل شيء.
outbox-stored = خزّنه المُرحِّل: { $id } إلى { $to }
outbox-submitted = ربما أُرسل (سُلّم إلى المُرحِّل دون رد): { $id } إلى { $to }
outbox-prepared = لم يُرسل: { $id } إلى { $to }
outbox-finish = يُحفظ كل مغلف في صندوق الصادر (`poc sent`). لإتمام الإرسال دون أن يتلقى أحد نسخة ثانية: { $command }

## Large attachments (files carried in parts)

type-attachment-part = جزء من مرفق
label-part = الجزء
attachment-part-headline = الجزء { $part } من ملف الرسالة { $message }
attachment-complete = مكتمل، تم التحقق من SHA-256
attachment-incomplete = تم استلام { $received } من أصل { $total } أجزاء
attachment-invalid = غير صالح: { $reason }
attachment-not-saved = لم يُحفظ { $name }: { $state }؛ شغّل `poc inbox` لاستلام الأجزاء الناقصة، ثم احفظه مرة أخرى
attachment-sending-parts = جارٍ إرسال أجزاء المرفقات
attachment-checking-parts = جارٍ التحقق من أجزاء المرفقات

## The custodian's HTML campaign report.
report-html-untitled = حملة اختبار الاتصال بتاريخ { $started }
report-html-campaign-id = الحملة { $id }
report-html-times = جميع الأوقات بالتوقيت العالمي المنسق (UTC).
report-html-follow-up = للمتابعة
report-html-follow-up-intro = عدد نقاط الاتصال التي لم تقدّم ردًا صالحًا: { $count }. اتصلوا بها هاتفيًا أو راسلوها.
report-html-follow-up-none = قدّمت كل نقاط الاتصال ردًا صالحًا.
report-html-organisation = الجهة
report-html-email = البريد الإلكتروني
report-html-phone = الهاتف
report-html-bundle = حزمة الإثبات: { $file } (SHA-256 { $sha256 })
report-html-no-bundle = لم تُكتب حزمة إثبات مع هذا التقرير (يكتبها الأمر { $command }).
report-html-custodian = بصمة مفتاح الجهة الحافظة للدليل: { $fingerprint }
report-html-chart-item = { $label }: عدد نقاط الاتصال { $count }

## Terminal: passphrase questions, the custodian fingerprint at enrolment, guided send

passphrase-prompt = عبارة المرور لـ { $id } (المجلد { $home }):
passphrase-prompt-new = عبارة مرور جديدة لـ { $id } (المجلد { $home }):
passphrase-prompt-repeat = اكتب عبارة المرور الجديدة مرة أخرى:
passphrase-wrong =
    { $left ->
        [one] عبارة مرور خاطئة؛ بقيت محاولة واحدة.
        [two] عبارة مرور خاطئة؛ بقيت محاولتان.
       *[other] عبارة مرور خاطئة؛ بقيت { $left } محاولات.
    }
passphrase-differ = العبارتان مختلفتان؛ اخترها من جديد.
passphrase-empty = عبارة المرور فارغة؛ اكتب عبارة.
passphrase-too-short = قصيرة جدًا: استخدم { $min } أحرف على الأقل.
passphrase-weak = عبارة المرور هذه سهلة التخمين: { $reason } (القوة { $score } من 4، والمطلوب { $needed }). استخدم عدة كلمات غير شائعة أو عبارة أطول.
passphrase-reason-keyboard = نمط من لوحة المفاتيح
passphrase-reason-repeats = أحرف أو كلمات مكررة
passphrase-reason-common = كلمة مرور شائعة
passphrase-reason-sequence = تسلسل
passphrase-reason-dates = تاريخ أو سنة
passphrase-reason-word = كلمة واحدة
passphrase-reason-names = أسماء
passphrase-reason-guessable = عدد قليل جدًا من الاحتمالات
init-custodian-fingerprint = دعوة لـ { $id }. بصمة مفتاح الجهة الحافظة: { $fingerprint }
init-compare = اطلب من الجهة الحافظة أن تقرأ عليك بصمتها عبر الهاتف، وقارن كل مجموعة.
init-confirm = هل تطابق هذه البصمة ما قرأته عليك الجهة الحافظة؟
guided-to = إلى (معرّف نقطة اتصال أو رمز دولة أو جزء من اسم):
guided-to-chosen = إلى: { $poc }
guided-to-none = لا توجد نقطة اتصال في الدليل تطابق «{ $answer }».
guided-to-close = لا توجد نقطة اتصال في الدليل تطابق «{ $answer }»: هل تقصد { $close }؟
guided-to-pick = أيّها (من 1 إلى { $count }، أو معرّفها)؟
guided-type = النوع ({ $choices }):
guided-priority = الأولوية ({ $choices }):
guided-tlp = وسم TLP ({ $choices }) [{ $default }]:
guided-field = { $label } ({ $field }؛ اضغط Enter لتركه فارغًا):
guided-field-choice = { $label } ({ $field }: { $choices }؛ اضغط Enter لتركه فارغًا):
guided-confirm = هل تريد إرسال هذه الرسالة؟

# Recipients, confirmations and message language (send, forward, compose)
prompt-yes-no = [ن/N]
prompt-yes-words = ن, نعم
confirm-send-tlp = هذه الرسالة مصنفة TLP:{ $tlp } وستُرسل إلى { $count ->
        [one] شخص واحد
       *[other] { $count } أشخاص
    }: { $recipients }. هل تريد الإرسال؟
confirm-send-tlp-states = هذه الرسالة مصنفة TLP:{ $tlp } وستُرسل إلى { $count ->
        [one] شخص واحد
       *[other] { $count } أشخاص
    } من { $states }: { $recipients }. هل تريد الإرسال؟
confirm-send-states = ستُرسل هذه الرسالة إلى { $count ->
        [one] شخص واحد
       *[other] { $count } أشخاص
    } من { $states }: { $recipients }. هل تريد الإرسال؟
line-forward-warning = تحذير: هذا الإشعار مصنف TLP:{ $tlp }؛ إعادة توجيهه تُخرج دليله من الدليل، إلى { $recipient }
confirm-forward = هل تريد إعادة توجيهه؟
line-not-sent = لم يُرسل أي شيء.
line-tlp-white = ملاحظة: يُسمى TLP:WHITE منذ TLP 2.0 باسم TLP:CLEAR؛ وُسمت الرسالة CLEAR
language-unspecified = غير محددة

# Inbox for people: received time, unread marker, reading and answering a ping.
inbox-column-received = وقت الاستلام
inbox-unread = جديد
read-ping-answer = للرد على اختبار الاتصال هذا: poc ack { $id } (قبل { $deadline }).
read-ping-late = اختبار الاتصال هذا متأخر: انقضى موعده النهائي ({ $deadline }). أجب مع ذلك باستخدام poc ack { $id }؛ وستحتسب الجهة الحافظة للدليل الرد متأخرًا.
read-ping-answered = لقد رددت على اختبار الاتصال هذا في { $time }.
ack-ping-already = لقد رددت بالفعل على اختبار الاتصال هذا في { $time }: يبقى ردك الأول هو المعتمد، ولم يُرسَل أي شيء مرة أخرى.

## تعذّر الوصول إلى المرحِّل وانتهاء صلاحية الدليل: أسطر على stderr

line-connecting-relay = جارٍ الاتصال بالمرحِّل { $address }…
line-relays-not-reached = تعذّر الوصول هذه المرة إلى: { $relays }؛ ستُرسَل النسخ الناقصة لديها مع الأمر التالي الذي يصل إليها
line-watch-connected = تم الاتصال بالمرحِّل { $address }
line-relay-lost = تعذّر الوصول إلى المرحِّل { $address } منذ { $seconds } ثانية
line-relay-back = أصبح المرحِّل { $address } متاحًا من جديد
line-on-lost-failed = تحذير: فشل أمر --on-lost: { $error }
line-directory-offered-expired = تحذير: كان دليل الجهة الحافظة (الرقم التسلسلي { $offered }) منتهي الصلاحية ({ $time }) عند وصوله؛ الدليل المعمول به (الرقم التسلسلي { $serial }) لا يزال صالحًا ويظل مستخدمًا. اطلب من الجهة الحافظة للدليل نشر دليل جديد.

# أسماء الدول بلغة القارئ (مدخلات الدليل)
directory-entry-state = الدولة
directory-column-state = الدولة

# Attachment parts in the outbox.
outbox-parts = أجزاء مرفقات { $id } إلى { $to }: خزّن المُرحِّل { $stored } من { $total }، وربما أُرسل { $submitted }، ولم يُرسل { $prepared }
sent-parts = خُزّن { $stored } من { $total } جزءًا

# Paged fetch, orphan parts and local deletion.
inbox-fetch-progress = جارٍ الجلب: { $envelopes } من المظاريف ({ $size }) حُفظت وأُزيلت من المُرحِّل، { $pages } من الصفحات
inbox-orphan-parts = { $count } من أجزاء المرفقات ({ $size }) من { $sender } لا تذكرها أي رسالة؛ الأمر `poc delete --orphans --from { $sender }` يحذفها
confirm-delete = هل تريد حذف { $messages } من الرسائل و{ $parts } من أجزاء المرفقات ({ $size }) من هذا الحاسوب؟ لم تعد موجودة على المُرحِّل: ستُفقد نهائيًا.
line-deleted = حُذف من هذا الحاسوب: { $messages } من الرسائل و{ $parts } من أجزاء المرفقات ({ $size }).
line-nothing-to-delete = لا شيء للحذف.
line-fetch-interrupted = تمت المقاطعة. حُفظ هنا { $envelopes } من المظاريف ({ $size }) وأُزيلت من المُرحِّل؛ وما لم يُحفظ لا يزال على المُرحِّل: شغّل `poc inbox` مرة أخرى لجلبه.

# حملات الاختبار وإشعارات الدليل عبر صندوق الصادر.
outbox-campaign = الحملة { $campaign }: خزّن المُرحِّل { $stored } من رسائل الاختبار، وربما أُرسل { $submitted } (سُلّم دون رد من المُرحِّل)، ولم يُرسل { $prepared }

# Teams: members of a PoC.
custodian-member-invitation-written = كُتبت دعوة العضو «{ $label }» في { $id } في { $file }
custodian-member-added = أُضيف العضو «{ $label }» إلى { $id } (الأعضاء: { $members })؛ ويمكنه التصرف باسم { $id } بعد تنفيذ `poc custodian publish` التالي
custodian-member-already-added = كان العضو «{ $label }» في { $id } مضافًا من قبل؛ ولم يتغير شيء
member-request-from = طلب من عضو جديد «{ $label }» في { $id }
member-request-cosigned = وقّعه أيضًا العضو «{ $by }» في جهة الاتصال نفسها: لا حاجة إلى التحقق بالهاتف
custodian-member-revoked = أُلغي المفتاح { $fingerprint } الخاص بالعضو «{ $label }» في { $id }؛ وتواصل { $id } العمل مع { $members }؛ ويسري ذلك لدى المرحِّل عند تنفيذ `poc custodian publish` التالي
result-initialised-member = أُنشئت مفاتيح العضو «{ $label }» في { $id } في { $home }
result-member-request = طلب العضوية: { $path }
result-initialised-member-next = الخطوة التالية: سلّم ملف الطلب إلى عضو حالي في { $id } وأطلعه على هذه البصمة؛ فيوقّعه توقيعًا مشتركًا (`poc team cosign FILE`) ويرسله إلى الجهة الحافظة. وبعد أن تنشر الجهة الحافظة الدليل، نفّذ `poc directory sync`.
team-cosigned = وُقّع طلب «{ $label }» للانضمام إلى { $id } توقيعًا مشتركًا: { $file }؛ أرسل هذا الملف إلى الجهة الحافظة (`poc custodian add FILE`)
team-cosigned-first = ينضم هذا المفتاح إلى الطلب بوصفه العضو «{ $label }»: ابتداءً من النشر التالي تصبح جهة الاتصال الخاصة بك فريقًا.
team-cosign-confirm = هل تطابق هذه البصمة البصمة الظاهرة على شاشة العضو الجديد؟
team-heading = { $id }: عدد الأعضاء { $count } (الدليل رقم { $serial })
team-member = { $name }، البصمة { $fingerprint }
team-member-cosigned = بتوقيع مشترك من { $by }
team-member-you = هذا الجهاز

# Team members: own key rotation, removal requests, members shown.
label-member = عضو الفريق
label-reason = السبب
changed-field-member = العضو
member-key-request = مفتاح جديد للعضو "{ $label }" في { $id }
member-removal-request = إزالة العضو "{ $label }" من { $id }
team-removal-sent = طُلب من الجهة الحافظة للدليل ({ $to }) إزالة العضو "{ $label }" من { $id } (الطلب { $envelope })؛ يسري ذلك عندما توافق عليه الجهة الحافظة للدليل وتنشر الدليل
members-of = أعضاء { $id }:

## Team history: the team's own outgoing messages and acknowledgements
inbox-team-sent = أرسله { $sender } إلى { $to }
inbox-acked-by = أكّد الاستلام { $member }
send-team-copy-not-stored = { $id }: لم تُحفظ نسخة فريقك لدى { $labels } (صندوقه في المرحّل ممتلئ)؛ وصلت الرسالة إلى المستلم.

## poc ui: the browser interface
ui-title = PoC Relay — دليل جهات الاتصال
ui-nav-inbox = البريد الوارد
ui-nav-compose = كتابة
ui-nav-directory = الدليل
ui-nav-custodian = الجهة الحافظة
ui-nav-campaigns = حملات التحقق
ui-nav-team = الفريق
ui-nav-profile = بيانات الاتصال الخاصة بي
ui-lock = قفل
ui-language = اللغة
ui-skip-to-content = انتقل إلى المحتوى
ui-unlock-help = تبقى مفاتيحك على هذا الحاسوب. تفتح عبارة المرور قفلها لهذه النافذة فقط، ثم تُقفل من جديد بعد مدة الخمول المحددة أدناه أو عند إغلاق PoC Relay.
ui-passphrase = عبارة المرور
ui-idle-minutes = القفل بعد (دقائق الخمول)
ui-idle-help = من 1 إلى 480 دقيقة.
ui-unlock = فتح القفل
ui-wrong-passphrase = عبارة المرور غير صحيحة: اكتبها مرة أخرى (مع مراعاة حالة الأحرف).
ui-locked = مقفل. افتح القفل مرة أخرى للمتابعة.
ui-inbox-empty = لا توجد رسائل.
ui-inbox-new = جديد
ui-inbox-refresh = الجلب الآن
ui-inbox-live = تظهر الرسائل الجديدة هنا دون إعادة تحميل الصفحة.
ui-notify-enable = نبّهني للأولوية العالية
ui-notify-high = وصلت رسالة ذات أولوية عالية
ui-unread = غير مقروءة
ui-received = تاريخ الاستلام
ui-invalid = غير صالحة
ui-invalid-help = لا يمكن الوثوق بهذه الرسالة: لم يُتحقق من توقيعها أو من مرسلها. لا تتصرف بناءً عليها وأبلغ الجهة الحافظة.
ui-signature-verified = تم التحقق من التوقيع وفق الدليل
ui-signature-invalid = لم يتم التحقق من التوقيع
ui-acknowledge = الإقرار بالاستلام
ui-acknowledged = تم الإقرار بالاستلام
ui-ack-sent = تم إرسال إقرار استلام موقّع.
ui-reply = الرد
ui-thread-title = المحادثة
ui-print = طباعة السجل
ui-download = تنزيل
ui-back = رجوع
ui-error-title = حدث خطأ
ui-forbidden-title = تم رفض الوصول
ui-forbidden-help = افتح في هذا المتصفح العنوان الذي عرضه `poc ui` في الطرفية.
ui-launch-used = سبق استخدام هذا العنوان مرة واحدة. أوقف `poc ui` ثم شغّله من جديد للحصول على عنوان جديد. إذا لم تفتحه بنفسك فربما فتحه شخص آخر على هذا الحاسوب: أبلغ مسؤول أمن المعلومات لديك.
ui-not-found = غير موجود: هذه الصفحة أو الرسالة غير موجودة هنا.
ui-ping-answer-by = هذا تحقق من الاتصال من الجهة الحافظة: أقرّ باستلامه قبل
ui-ping-late = انقضت مهلة هذا التحقق. أقرّ بالاستلام على أي حال؛ وستعدّ الجهة الحافظة الرد متأخرًا
ui-listening = PoC Relay مفتوح في متصفحك على هذا العنوان (لا يصل إليه إلا هذا الحاسوب، ويعمل العنوان مرة واحدة):
ui-stop-hint = اضغط Ctrl-C هنا لإيقافه؛ تُقفل مفاتيحك عند توقفه.
ui-print-title = سجل رسالة
ui-printed-at = تاريخ إعداد السجل
ui-signed-by = موقّع من
ui-signer-key = بصمة مفتاح التوقيع
ui-verified-against = تم التحقق من التوقيع وفق الدليل، الرقم التسلسلي
ui-receipt-sent = أُرسل إقرار الاستلام الموقّع في
ui-no-receipt = لم يُرسل إقرار استلام بعد.
ui-print-button = طباعة أو حفظ بصيغة PDF
ui-thread-sent = أرسلته جهة الاتصال هذه
ui-thread-received = وردت، وتم التحقق من التوقيع
ui-directory-title = دليل جهات الاتصال
ui-directory-serial = الدليل الساري، الرقم التسلسلي
ui-country = الدولة
ui-role = الدور
ui-organisation = المنظمة
ui-languages = اللغات
ui-time-zone = المنطقة الزمنية
ui-contact = الاتصال
ui-members = الأعضاء
ui-profile-help = تُرسل التغييرات إلى الجهة الحافظة كطلب موقّع، وتظهر في الدليل بعد أن توافق عليها الجهة الحافظة وتنشرها.
ui-emails = عناوين البريد الإلكتروني
ui-phones = أرقام الهاتف
ui-webpage = صفحة الويب
ui-list-help = واحد في كل سطر.
ui-send-update = إرسال الطلب إلى الجهة الحافظة
ui-update-sent = تم إرسال الطلب إلى الجهة الحافظة.
ui-rotate-title = استبدال مفاتيحي
ui-rotate-help = ينشئ زوج مفاتيح جديدًا على هذا الحاسوب ويطلب من الجهة الحافظة اعتماده. اقرأ البصمة الجديدة للجهة الحافظة هاتفيًا عند الطلب. يظل المفتاح القديم صالحًا حتى تنشر الجهة الحافظة التغيير.
ui-rotate-confirm = أريد استبدال مفاتيح هذا الحاسوب.
ui-rotate-button = إنشاء مفاتيح جديدة وإبلاغ الجهة الحافظة
ui-rotate-sent = تم إنشاء المفاتيح الجديدة وإرسال الطلب. البصمة التي تُقرأ للجهة الحافظة:
ui-team-title = أعضاء جهة الاتصال هذه
ui-team-you = هذا الحاسوب
ui-fingerprint = البصمة
ui-added-at = تاريخ الإضافة
ui-cosigned-by = وقّع معه
ui-one-key = تُدار جهة الاتصال هذه بمفتاح واحد.


## poc ui: writing a message and replying
ui-compose-title = كتابة رسالة
ui-compose-kind = نوع الرسالة
ui-compose-recipients = المرسل إليهم
ui-compose-recipients-help = اختر جهة اتصال واحدة أو أكثر، أو جميع جهات اتصال دولة ما.
ui-compose-every-poc = جميع جهات الاتصال
ui-compose-priority = الأولوية
ui-compose-priority-high-help = تتطلب الاهتمام فورًا، ليلًا أو نهارًا
ui-compose-priority-medium-help = خلال يوم العمل
ui-compose-priority-low-help = للعلم، دون استعجال
ui-compose-tlp = التداول (TLP)
ui-compose-tlp-clear-help = لا قيود على المشاركة
ui-compose-tlp-green-help = يجوز تداولها داخل المجتمع، لا علنًا
ui-compose-tlp-amber-help = داخل منظمة المستلم وعملائها فقط، حسب الحاجة إلى المعرفة
ui-compose-tlp-amber-strict-help = داخل منظمة المستلم فقط
ui-compose-tlp-red-help = للمستلمين المحددين فقط، دون أي تداول آخر
ui-compose-language = لغة الرسالة
ui-compose-language-unspecified = غير محددة
ui-compose-exercise = جزء من تمرين
ui-compose-attachments = المرفقات
ui-compose-attachments-help = تنتقل الملفات مشفرة داخل الرسالة. الحجم الإجمالي الأقصى:
ui-compose-fields = المحتوى
ui-compose-fields-help = املأ ما تعرفه؛ كل الحقول اختيارية باستثناء نص الرسالة النصية.
ui-compose-choose = اختر
ui-compose-send = إرسال
ui-compose-confirm-title = أكّد قبل الإرسال
ui-compose-confirm-tick = تحققت من المرسل إليهم ومن علامة التداول: أرسل.
ui-compose-not-sent-yet = لم يُرسل شيء بعد.
ui-compose-sent-title = أُرسلت
ui-compose-sent-help = يحتفظ المُرحِّل بمظروف لكل مستلم:
ui-compose-envelope = المظروف
ui-compose-recipient = المستلم
ui-compose-team-copy-missing = لم يُحفظ في السجل المشترك لهؤلاء الأعضاء في جهة اتصالك (صندوقهم ممتلئ):
ui-compose-write-another = كتابة رسالة أخرى
ui-compose-no-directory = لا يوجد دليل على هذا الحاسوب بعد: افتح صندوق الوارد مرة لجلبه، ثم عُد.
ui-compose-help-reference = مرجعك الخاص لهذه الحالة
ui-compose-help-summary = سطر واحد: ماذا حدث
ui-compose-help-description = ما تعرفه حتى الآن، بكلماتك
ui-compose-help-incident-class = الفئة في التصنيف المرجعي
ui-compose-help-time-detected = وقت اكتشافه، مع المنطقة الزمنية
ui-compose-help-affected-sector = الطاقة، الصحة، المالية، الحكومة…
ui-compose-help-affected-systems = ما الأنظمة أو الخدمات المتأثرة
ui-compose-help-indicators = العناوين، النطاقات، البصمات: واحد في كل سطر
ui-compose-help-actions-taken = ما قمت به حتى الآن
ui-compose-help-assistance-requested = ما تطلبه من المستلم
ui-compose-help-requested-response-time = متى تحتاج إلى الرد
ui-compose-help-follow-up-contact = بمن يُتصل أو يُكتب إليه بشأن ذلك
ui-compose-help-nature = نوع المساعدة المطلوبة
ui-compose-help-related-incident = مرجع الحادث المعني
ui-compose-help-details = الطلب بكلماتك
ui-compose-help-legal-context = الأساس أو الإطار القانوني، إن وُجد
ui-compose-help-subject = سطر واحد
ui-compose-help-text = الرسالة كما تريد أن تُقرأ
ui-compose-reply-title = الرد بحالة
ui-compose-reply-to = ردًا على
ui-compose-reply-status-help = أين وصلت المسألة من جهتك
ui-compose-reply-tlp-original = مثل الرسالة الأصلية
ui-compose-reply-sent = أُرسل الرد:


## The custodian's pages of the browser interface
ui-custodian-title = أمين الدليل
ui-custodian-enrol-title = طلب تسجيل
ui-custodian-enrol-help = افتح الملف enrolment-request.txt الذي أرسله جهة الاتصال، أو الصق نصه.
ui-custodian-enrol-file = ملف الطلب
ui-custodian-enrol-paste = أو الصق الطلب
ui-custodian-enrol-show = اعرض الطلب
ui-custodian-enrol-empty = اختر ملف طلب أولًا أو الصق نصه.
ui-custodian-fingerprint-help = اقرأ هذه البصمة لجهة الاتصال عبر الهاتف؛ وهي تقرأ بصمتها بالأمر poc whoami. وافق فقط إذا تطابقت كل المجموعات.
ui-custodian-confirm-fingerprint = أكدت هذه البصمة مع جهة الاتصال عبر الهاتف
ui-custodian-approve = موافقة
ui-custodian-reject = رفض
ui-custodian-added = أضيف. انشر الدليل لإدراجه.
ui-custodian-already-added = سبقت إضافة هذا الطلب.
ui-custodian-not-confirmed = لم يُضف شيء: ضع علامة في المربع بعد تأكيد البصمة مع جهة الاتصال عبر الهاتف.
ui-custodian-updates-title = طلبات التحديث
ui-custodian-no-updates = لا يوجد طلب تحديث في الانتظار.
ui-custodian-rotation = هذا الطلب يغيّر مفتاح توقيع: أكد البصمة الجديدة مع جهة الاتصال عبر الهاتف قبل الموافقة.
ui-custodian-reason = السبب
ui-custodian-approved = تمت الموافقة. انشر الدليل لتطبيقه.
ui-custodian-rejected = رُفض.
ui-custodian-publish-title = نشر الدليل
ui-custodian-publish-help = يوقّع كل المدخلات المقبولة في دليل جديد صالح لمدة 90 يومًا ويُبلغ كل جهة اتصال.
ui-custodian-publish = انشر
ui-custodian-published = نُشر الدليل
ui-custodian-serial = الرقم التسلسلي
ui-custodian-entries = المدخلات
ui-custodian-notified = جهات الاتصال المُبلَّغة
ui-custodian-revoke-title = إلغاء جهة اتصال
ui-custodian-revoke-help = تخرج مفاتيحها من الدليل التالي وتُدرج كمفاتيح ملغاة؛ ويُنشر السبب معها.
ui-custodian-revoke = إلغاء…
ui-custodian-revoke-ask = إلغاء مفاتيح جهة الاتصال هذه؟ لا يمكن التراجع: ستحتاج إلى مفاتيح جديدة من دعوة جديدة.
ui-custodian-revoke-confirm = نعم، ألغِ مفاتيحها
ui-custodian-revoked = أُلغي. انشر الدليل لتطبيقه.
ui-custodian-campaigns-title = حملات الاختبار
ui-custodian-no-campaigns = لا توجد حملات بعد.
ui-custodian-start-title = بدء حملة
ui-custodian-target-all = كل جهات الاتصال في الدليل
ui-custodian-target-to = معرّفات جهات الاتصال أو رموز الدول (مفصولة بفواصل)
ui-custodian-target-role = هذا الدور فقط
ui-custodian-any-role = أي دور
ui-custodian-deadline = مهلة الرد (مثل 72h أو 3d)
ui-custodian-note = ملاحظة تُعرض على جهات الاتصال
ui-custodian-exercise = جزء من تمرين
ui-custodian-start = ابدأ الحملة
ui-custodian-live = تتحدث هذه الحالة تلقائيًا كل 5 ثوانٍ.
ui-custodian-remind = ذكّر من لم يردّوا
ui-custodian-reminded = تم تذكير:
ui-custodian-nobody-to-remind = ردّ الجميع: لا أحد للتذكير.
ui-custodian-not-pinged = لم يُبلَغوا (صندوق المرحّل ممتلئ):
ui-custodian-report = التقرير
ui-custodian-bundle = نزّل حزمة الإثبات
ui-custodian-bundle-help = يمكن لأي شخص إعادة التحقق منها دون اتصال بالأمر poc ping verify والمفتاح العام للأمين.
ui-custodian-answered-by = ردّ بواسطة
ui-custodian-chart-outcomes = الردود
ui-custodian-by-role = حسب الدور
ui-custodian-by-state = حسب الدولة
ui-custodian-exercise-mark = تمرين
ui-custodian-status = الحالة

## Browser interface: member requests in the custodian's enrolment box, and the message types of the compose form
ui-members-box-help = يقبل هذا المربع نفسه طلب عضو (member-request.txt): شخص أو جهاز جديد لجهة اتصال مدرجة بالفعل في الدليل.
ui-members-title = طلب عضو
ui-members-label = تسمية العضو
ui-members-poc = جهة الاتصال
ui-members-cosigned-help = وقّع عضو حالي في جهة الاتصال هذه على الطلب ويضمن المفتاح الجديد: لا حاجة إلى تأكيد عبر الهاتف.
ui-members-not-cosigned-help = لم يوقّع أحد في جهة الاتصال هذه على الطلب: اتصل بجهة الاتصال على رقم تعرفه مسبقًا وقارن هذه البصمة قبل إضافته.
ui-members-after = الأعضاء بعد الإضافة
ui-members-add = أضف هذا العضو
ui-members-added = أضيف العضو. انشر الدليل ليتمكن من التصرف باسم جهة الاتصال.
ui-members-already-added = سبقت إضافة هذا العضو: لم يتغير شيء.
ui-members-not-confirmed = لم يُضف شيء: لم يوقّع أحد في جهة الاتصال على هذا الطلب، لذا ضع علامة في المربع بعد تأكيد البصمة عبر الهاتف.
ui-members-not-a-request = هذا ليس طلب تسجيل ولا طلب عضو: اختر الملف الذي أرسلته جهة الاتصال، أو الصق نصه كاملًا من سطر BEGIN إلى سطر END.
ui-compose-kind-incident-help = إبلاغ جهات اتصال أخرى بحادث: ما الذي حدث، وفئته، ومؤشراته، وما قمت به
ui-compose-kind-assistance-help = طلب المساعدة من دولة أخرى: ما تحتاجه، ومتى، وفي أي إطار قانوني
ui-compose-kind-response-help = إبلاغ المرسل بما وصل إليه إخطاره أو طلبه (استُلم، قيد المعالجة، حُلّ...)؛ للرد على رسالة في سلسلتها، استخدم «الرد» على تلك الرسالة
ui-compose-kind-text-help = أي رسالة أخرى، بموضوع ونص
ui-compose-help-status = أين وصلت المسألة من جهتك (مطلوب في رد الحالة)

## poc ui: the custodian's exercises
ui-exercise-nav = التمارين
ui-exercise-title = التمارين المُجراة من هذا الحاسوب
ui-exercise-no-exercises = لم يُجرَ أي تمرين من هذا الحاسوب بعد.
ui-exercise-run-title = إجراء تمرين
ui-exercise-run-help = اختر ملف السيناريو أو الصق نصه. سترى كل رسالة من رسائل التمرين قبل إرسال أي شيء.
ui-exercise-file = ملف السيناريو (TOML)
ui-exercise-paste = أو الصق السيناريو
ui-exercise-speed = السرعة
ui-exercise-speed-help = القيمة 1 تجري السيناريو بالوقت الفعلي؛ والقيمة 60 تجري دقيقة في كل ثانية.
ui-exercise-preview = عرض رسائل التمرين
ui-exercise-preview-help = لم يُرسَل أي شيء بعد. تحقّق ممن يتلقى ماذا ومتى، ثم ابدأ التمرين.
ui-exercise-run = ابدأ التمرين الآن
ui-exercise-recipients = المستلمون
ui-exercise-type = الرسالة
ui-exercise-at = يُرسَل بعد
ui-exercise-deadline = مهلة الرد
ui-exercise-live = تتحدّث هذه الصفحة تلقائياً؛ يمكنك مغادرتها والعودة إليها. لا تُرسَل رسائل التمرين إلا والحاسوب غير مقفل.
ui-exercise-running = جارٍ
ui-exercise-waiting-unlock = في الانتظار: الهوية مقفلة. افتح القفل لإرسال الرسالة التالية.
ui-exercise-finished = أُرسلت جميع رسائل التمرين.
ui-exercise-failed = توقف بسبب خطأ:
ui-exercise-sent-of-due = المُرسَل / المقرَّر
ui-exercise-next-due = الرسالة التالية
ui-exercise-report = تقرير ما بعد التمرين
ui-exercise-download-json = تنزيل التقرير (JSON)
ui-exercise-empty = اختر أولاً ملف سيناريو أو الصق سيناريو.
ui-exercise-bad-speed = يجب أن تكون السرعة عدداً صحيحاً من 1 إلى 100000؛ صحّحها وأعد المحاولة.
ui-exercise-in-inject = في الرسالة
ui-exercise-fault-unreadable = تتعذر قراءة ملف السيناريو نصاً؛ اختر ملف TOML الخاص بالسيناريو.
ui-exercise-fault-toml = السيناريو ليس TOML صالحاً أو يحتوي على حقول غير معروفة؛ صحّحه وأعد المحاولة. لم يُرسَل شيء.
ui-exercise-fault-no-injects = لا يحتوي السيناريو على أي [[inject]]؛ أضف واحداً على الأقل وأعد المحاولة. لم يُرسَل شيء.
ui-exercise-fault-duration = أحد الأوقات في السيناريو ليس مدة صالحة (اكتبه مثل 30m أو 2h)؛ صحّحه وأعد المحاولة. لم يُرسَل شيء.
ui-exercise-fault-value = إحدى الأولويات أو تسميات TLP أو الحالات المتوقعة في السيناريو غير موجودة؛ صحّحها وأعد المحاولة. لم يُرسَل شيء.
ui-exercise-fault-recipients = أحد مستلمي السيناريو غير موجود في الدليل (استخدم معرّفات مثل MEX.technical أو رموز الدول)؛ صحّحه وأعد المحاولة. لم يُرسَل شيء.
ui-exercise-fault-message = نوع رسالة إحدى رسائل التمرين أو حقولها لا تطابق أي نموذج؛ صحّحها وأعد المحاولة. لم يُرسَل شيء.

## Disk faults
disk-full = القرص الذي يحوي مجلد PoC ممتلئ: حرّر بعض المساحة، ثم أعد تشغيل الأمر.

## Relay list: the custodian's relay commands and `directory relays`
relay-added = أُضيف المرحِّل { $address } إلى الدليل التالي (عدد المرحِّلات: { $count }، k = { $k })؛ انشره بالأمر `poc custodian publish`
relay-removed = أُزيل المرحِّل { $address } من الدليل التالي (عدد المرحِّلات: { $count }، k = { $k })؛ انشره بالأمر `poc custodian publish`
relays-k-set = يحدّد الدليل التالي k = { $k } (عدد المرحِّلات: { $count }): يُعدّ الظرف مخزَّنًا حين يحفظه k من المرحِّلات؛ انشره بالأمر `poc custodian publish`
relay-list-in-force = مرحِّلات الدليل النافذ { $serial } (k = { $k }):
relay-list-nothing-published = لم يُنشر أي دليل بعد.
relay-list-next = مرحِّلات النشر التالي (k = { $k }):
relay-line = { $address }  المشغّل: { $operator }  المنطقة: { $region }  البصمة { $pin }
relay-pending-added = للإضافة: { $addresses }
relay-pending-removed = للإزالة: { $addresses }
relay-pending-changed = للتعديل: { $addresses }
relay-pending-k = تصبح k = { $k }
relay-pending-publish = بانتظار `poc custodian publish`:
relay-no-change = لا تغيير بانتظار النشر.
directory-relays = الدليل { $serial } (عدد المرحِّلات: { $count }، k = { $k }): يُعدّ الظرف مخزَّنًا حين يحفظه k من المرحِّلات:
directory-relays-configured = لا يذكر الدليل أي مرحِّل: يستخدم هذا المجلد المرحِّل الذي هُيّئ به (k = 1):

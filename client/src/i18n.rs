//! # Field labels and fixed values in the six official UN languages
//!
//! Messages between Points of Contact are shown in the reader's language: this module holds
//! the translations of the *labels* of message fields ("From", "Priority", "Indicators of
//! compromise"...) and of the *fixed values* those fields may take (priorities, natures of
//! request, response statuses, incident classes, message types), in Arabic, Chinese
//! (simplified), English, French, Russian and Spanish.
//!
//! The content written by the sender (summaries, descriptions, free text, names) is **never
//! translated**: it is displayed exactly as signed. Only labels and fixed values are.
//!
//! Terminology follows the usage of national CERTs/CSIRTs and foreign ministries, and of UN
//! documents for the Global Intergovernmental Points of Contact Directory ("répertoire",
//! "directorio", "справочник", "名录", "الدليل"). Incident classes are the top-level classes of
//! the ENISA / RSIT reference incident classification taxonomy.
//!
//! Everything is a static table: lookups allocate nothing.

/// One of the six UN languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Arabic (`ar`), written right to left.
    Ar = 0,
    /// Chinese, simplified script (`zh`).
    Zh = 1,
    /// English (`en`).
    En = 2,
    /// French (`fr`).
    Fr = 3,
    /// Russian (`ru`).
    Ru = 4,
    /// Spanish (`es`).
    Es = 5,
}

impl Lang {
    /// The six languages, in the order of the translation tables (UN alphabetical order of
    /// the English names, as in UN documents: Arabic, Chinese, English, French, Russian,
    /// Spanish).
    pub const ALL: [Lang; 6] = [Lang::Ar, Lang::Zh, Lang::En, Lang::Fr, Lang::Ru, Lang::Es];

    /// From a BCP 47 tag: primary subtag, case-insensitive ("fr", "fr-CH", "zh-Hans", "AR");
    /// None if not a UN language.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .into_iter()
            .find(|lang| primary.eq_ignore_ascii_case(lang.code()))
    }

    /// "ar", "zh", "en", "fr", "ru", "es".
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
            Lang::Es => "es",
        }
    }

    /// Arabic is written right to left.
    pub fn is_rtl(self) -> bool {
        matches!(self, Lang::Ar)
    }

    /// The language's own name: "العربية", "中文", "English", "Français", "Русский", "Español".
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Ar => "العربية",
            Lang::Zh => "中文",
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Ru => "Русский",
            Lang::Es => "Español",
        }
    }
}

/// A key or canonical value and its translations, indexed by `Lang as usize`:
/// `[ar, zh, en, fr, ru, es]`.
type Entry = (&'static str, [&'static str; 6]);

/// Field labels.
const LABELS: &[Entry] = &[
    // --- Header ---
    (
        "envelope",
        [
            "المغلف",
            "信封",
            "Envelope",
            "Enveloppe",
            "Конверт",
            "Sobre",
        ],
    ),
    (
        "from",
        [
            "المرسل",
            "发件方",
            "From",
            "Expéditeur",
            "Отправитель",
            "Remitente",
        ],
    ),
    (
        "to",
        [
            "المرسل إليه",
            "收件方",
            "To",
            "Destinataire",
            "Получатель",
            "Destinatario",
        ],
    ),
    (
        "priority",
        [
            "الأولوية",
            "优先级",
            "Priority",
            "Priorité",
            "Приоритет",
            "Prioridad",
        ],
    ),
    (
        "handling",
        [
            "قيود التداول (TLP)",
            "共享范围（TLP）",
            "Handling (TLP)",
            "Diffusion (TLP)",
            "Распространение (TLP)",
            "Difusión (TLP)",
        ],
    ),
    (
        "type",
        [
            "نوع الرسالة",
            "消息类型",
            "Message type",
            "Type de message",
            "Тип сообщения",
            "Tipo de mensaje",
        ],
    ),
    (
        "sent",
        [
            "تاريخ الإرسال",
            "发送时间",
            "Sent",
            "Envoyé le",
            "Отправлено",
            "Enviado el",
        ],
    ),
    (
        "language",
        ["اللغة", "语言", "Language", "Langue", "Язык", "Idioma"],
    ),
    (
        "signature",
        [
            "التوقيع",
            "签名",
            "Signature",
            "Signature",
            "Подпись",
            "Firma",
        ],
    ),
    (
        "in_reply_to",
        [
            "ردًا على",
            "回复对象",
            "In reply to",
            "En réponse à",
            "В ответ на",
            "En respuesta a",
        ],
    ),
    (
        "attachments",
        [
            "المرفقات",
            "附件",
            "Attachments",
            "Pièces jointes",
            "Вложения",
            "Archivos adjuntos",
        ],
    ),
    (
        "exercise",
        [
            "تمرين",
            "演练",
            "EXERCISE",
            "EXERCICE",
            "УЧЕНИЯ",
            "EJERCICIO",
        ],
    ),
    (
        "verified",
        [
            "تم التحقق",
            "已验证",
            "Verified",
            "Vérifiée",
            "Проверена",
            "Verificada",
        ],
    ),
    (
        "verified_against",
        [
            "تم التحقق وفق الدليل، الرقم التسلسلي",
            "已根据名录验证，序列号",
            "verified against directory serial",
            "vérifiée au regard du répertoire, numéro de série",
            "проверена по справочнику, серийный номер",
            "verificada con el directorio, número de serie",
        ],
    ),
    // --- Incident notification ---
    (
        "reference",
        [
            "الرقم المرجعي",
            "参考编号",
            "Reference",
            "Référence",
            "Ссылочный номер",
            "Referencia",
        ],
    ),
    (
        "summary",
        [
            "الملخص",
            "摘要",
            "Summary",
            "Résumé",
            "Краткое описание",
            "Resumen",
        ],
    ),
    (
        "description",
        [
            "الوصف",
            "描述",
            "Description",
            "Description",
            "Описание",
            "Descripción",
        ],
    ),
    (
        "incident_class",
        [
            "فئة الحادث",
            "事件类别",
            "Incident class",
            "Catégorie d'incident",
            "Категория инцидента",
            "Categoría de incidente",
        ],
    ),
    (
        "time_detected",
        [
            "وقت الاكتشاف",
            "发现时间",
            "Time detected",
            "Date et heure de détection",
            "Время обнаружения",
            "Fecha y hora de detección",
        ],
    ),
    (
        "affected_sector",
        [
            "القطاع المتضرر",
            "受影响行业",
            "Affected sector",
            "Secteur touché",
            "Затронутый сектор",
            "Sector afectado",
        ],
    ),
    (
        "affected_systems",
        [
            "الأنظمة المتضررة",
            "受影响系统",
            "Affected systems",
            "Systèmes touchés",
            "Затронутые системы",
            "Sistemas afectados",
        ],
    ),
    (
        "indicators",
        [
            "مؤشرات الاختراق",
            "失陷指标",
            "Indicators of compromise",
            "Indicateurs de compromission",
            "Индикаторы компрометации",
            "Indicadores de compromiso",
        ],
    ),
    (
        "actions_taken",
        [
            "الإجراءات المتخذة",
            "已采取的措施",
            "Actions taken",
            "Mesures prises",
            "Принятые меры",
            "Medidas adoptadas",
        ],
    ),
    (
        "assistance_requested",
        [
            "المساعدة المطلوبة",
            "请求的协助",
            "Assistance requested",
            "Assistance demandée",
            "Запрашиваемая помощь",
            "Asistencia solicitada",
        ],
    ),
    (
        "requested_response_time",
        [
            "المهلة المطلوبة للرد",
            "要求的答复时限",
            "Requested response time",
            "Délai de réponse souhaité",
            "Запрашиваемый срок ответа",
            "Plazo de respuesta solicitado",
        ],
    ),
    (
        "follow_up_contact",
        [
            "جهة الاتصال للمتابعة",
            "后续联系人",
            "Follow-up contact",
            "Contact pour le suivi",
            "Контакт для дальнейшего взаимодействия",
            "Contacto para el seguimiento",
        ],
    ),
    // --- Assistance request ---
    (
        "nature",
        [
            "طبيعة الطلب",
            "请求性质",
            "Nature of request",
            "Nature de la demande",
            "Характер запроса",
            "Naturaleza de la solicitud",
        ],
    ),
    (
        "related_incident",
        [
            "الحادث ذو الصلة",
            "相关事件",
            "Related incident",
            "Incident connexe",
            "Связанный инцидент",
            "Incidente relacionado",
        ],
    ),
    (
        "details",
        [
            "التفاصيل",
            "详情",
            "Details",
            "Précisions",
            "Подробности",
            "Detalles",
        ],
    ),
    (
        "legal_context",
        [
            "السياق القانوني أو الدبلوماسي",
            "法律或外交背景",
            "Legal or diplomatic context",
            "Contexte juridique ou diplomatique",
            "Правовой или дипломатический контекст",
            "Contexto jurídico o diplomático",
        ],
    ),
    // --- Response, text message ---
    (
        "status",
        ["الحالة", "状态", "Status", "Statut", "Статус", "Estado"],
    ),
    ("text", ["النص", "正文", "Text", "Texte", "Текст", "Texto"]),
    (
        "subject",
        ["الموضوع", "主题", "Subject", "Objet", "Тема", "Asunto"],
    ),
    // --- Acknowledgement of receipt ---
    (
        "acknowledges",
        [
            "إشعار باستلام",
            "确认收到",
            "Acknowledges receipt of",
            "Accuse réception de",
            "Подтверждает получение",
            "Acusa recibo de",
        ],
    ),
    (
        "received_at",
        [
            "وقت الاستلام",
            "接收时间",
            "Received at",
            "Reçu le",
            "Время получения",
            "Recibido el",
        ],
    ),
    // --- Directory entry update, directory notice ---
    (
        "entry",
        [
            "القيد في الدليل",
            "名录条目",
            "Directory entry",
            "Entrée du répertoire",
            "Запись справочника",
            "Entrada del directorio",
        ],
    ),
    (
        "organisation",
        [
            "الجهة",
            "机构",
            "Organisation",
            "Organisme",
            "Организация",
            "Organización",
        ],
    ),
    (
        "email",
        [
            "البريد الإلكتروني",
            "电子邮件",
            "Email",
            "Courriel",
            "Электронная почта",
            "Correo electrónico",
        ],
    ),
    (
        "phone",
        [
            "الهاتف",
            "电话",
            "Telephone",
            "Téléphone",
            "Телефон",
            "Teléfono",
        ],
    ),
    (
        "languages",
        [
            "لغات العمل",
            "工作语言",
            "Working languages",
            "Langues de travail",
            "Рабочие языки",
            "Idiomas de trabajo",
        ],
    ),
    (
        "new_key",
        [
            "المفتاح العام الجديد",
            "新公钥",
            "New public key",
            "Nouvelle clé publique",
            "Новый открытый ключ",
            "Nueva clave pública",
        ],
    ),
    (
        "directory_serial",
        [
            "الرقم التسلسلي للدليل",
            "名录序列号",
            "Directory serial",
            "Numéro de série du répertoire",
            "Серийный номер справочника",
            "Número de serie del directorio",
        ],
    ),
    (
        "digest",
        [
            "قيمة التجزئة",
            "哈希值",
            "Digest",
            "Empreinte",
            "Хеш-сумма",
            "Resumen criptográfico",
        ],
    ),
];

/// Canonical values of `priority`.
const PRIORITY_VALUES: &[&str] = &["high", "medium", "low"];
/// Canonical values of `nature` (nature of an assistance request).
const NATURE_VALUES: &[&str] = &[
    "information",
    "mitigation",
    "investigation",
    "coordination",
    "other",
];
/// Canonical values of `status` (of a response).
const STATUS_VALUES: &[&str] = &[
    "received",
    "channelled",
    "in_progress",
    "resolved",
    "declined",
];
/// Canonical values of `incident_class`: ENISA / RSIT reference taxonomy, top-level classes.
const INCIDENT_CLASS_VALUES: &[&str] = &[
    "abusive-content",
    "malicious-code",
    "information-gathering",
    "intrusion-attempts",
    "intrusions",
    "availability",
    "information-content-security",
    "fraud",
    "vulnerable",
    "other",
    "test",
];
/// Canonical values of `type` (message type).
const TYPE_VALUES: &[&str] = &[
    "incident",
    "assistance",
    "response",
    "text",
    "receipt",
    "entry-update",
    "directory-notice",
];

const PRIORITY: &[Entry] = &[
    ("high", ["عالية", "高", "High", "Haute", "Высокий", "Alta"]),
    (
        "medium",
        ["متوسطة", "中", "Medium", "Moyenne", "Средний", "Media"],
    ),
    ("low", ["منخفضة", "低", "Low", "Basse", "Низкий", "Baja"]),
];

const NATURE: &[Entry] = &[
    (
        "information",
        [
            "تقديم معلومات",
            "提供信息",
            "Information",
            "Information",
            "Предоставление информации",
            "Información",
        ],
    ),
    (
        "mitigation",
        [
            "تخفيف الأثر",
            "缓解处置",
            "Mitigation",
            "Atténuation",
            "Смягчение последствий",
            "Mitigación",
        ],
    ),
    (
        "investigation",
        [
            "تحقيق",
            "调查",
            "Investigation",
            "Enquête",
            "Расследование",
            "Investigación",
        ],
    ),
    (
        "coordination",
        [
            "تنسيق",
            "协调",
            "Coordination",
            "Coordination",
            "Координация",
            "Coordinación",
        ],
    ),
    (
        "other",
        ["أخرى", "其他", "Other", "Autre", "Другое", "Otra"],
    ),
];

const STATUS: &[Entry] = &[
    (
        "received",
        [
            "تم الاستلام",
            "已接收",
            "Received",
            "Reçu",
            "Получено",
            "Recibido",
        ],
    ),
    (
        "channelled",
        [
            "أحيل إلى السلطة الوطنية المختصة",
            "已转交国家主管部门",
            "Channelled to the competent national authority",
            "Transmis à l'autorité nationale compétente",
            "Передано компетентному национальному органу",
            "Remitido a la autoridad nacional competente",
        ],
    ),
    (
        "in_progress",
        [
            "قيد المعالجة",
            "处理中",
            "In progress",
            "En cours de traitement",
            "В работе",
            "En curso",
        ],
    ),
    (
        "resolved",
        [
            "تم الحل",
            "已解决",
            "Resolved",
            "Résolu",
            "Решено",
            "Resuelto",
        ],
    ),
    (
        "declined",
        [
            "تم الرفض",
            "已拒绝",
            "Declined",
            "Refusé",
            "Отклонено",
            "Rechazado",
        ],
    ),
];

const INCIDENT_CLASS: &[Entry] = &[
    (
        "abusive-content",
        [
            "محتوى مسيء",
            "有害内容",
            "Abusive content",
            "Contenu abusif",
            "Недопустимый контент",
            "Contenido abusivo",
        ],
    ),
    (
        "malicious-code",
        [
            "شيفرة خبيثة",
            "恶意代码",
            "Malicious code",
            "Code malveillant",
            "Вредоносный код",
            "Código malicioso",
        ],
    ),
    (
        "information-gathering",
        [
            "جمع المعلومات",
            "信息收集",
            "Information gathering",
            "Collecte d'informations",
            "Сбор информации",
            "Obtención de información",
        ],
    ),
    (
        "intrusion-attempts",
        [
            "محاولات التسلل",
            "入侵尝试",
            "Intrusion attempts",
            "Tentatives d'intrusion",
            "Попытки вторжения",
            "Intentos de intrusión",
        ],
    ),
    (
        "intrusions",
        [
            "عمليات التسلل",
            "入侵",
            "Intrusions",
            "Intrusions",
            "Вторжения",
            "Intrusiones",
        ],
    ),
    (
        "availability",
        [
            "المساس بالتوافر",
            "可用性破坏",
            "Availability",
            "Disponibilité",
            "Нарушение доступности",
            "Disponibilidad",
        ],
    ),
    (
        "information-content-security",
        [
            "أمن محتوى المعلومات",
            "信息内容安全",
            "Information content security",
            "Sécurité du contenu de l'information",
            "Нарушение безопасности информации",
            "Compromiso de la información",
        ],
    ),
    (
        "fraud",
        [
            "الاحتيال",
            "欺诈",
            "Fraud",
            "Fraude",
            "Мошенничество",
            "Fraude",
        ],
    ),
    (
        "vulnerable",
        [
            "ثغرات أمنية",
            "漏洞",
            "Vulnerable",
            "Vulnérabilité",
            "Уязвимость",
            "Vulnerabilidad",
        ],
    ),
    (
        "other",
        ["أخرى", "其他", "Other", "Autre", "Другое", "Otros"],
    ),
    ("test", ["اختبار", "测试", "Test", "Test", "Тест", "Prueba"]),
];

const TYPE: &[Entry] = &[
    (
        "incident",
        [
            "إخطار بحادث",
            "事件通报",
            "Incident notification",
            "Notification d'incident",
            "Уведомление об инциденте",
            "Notificación de incidente",
        ],
    ),
    (
        "assistance",
        [
            "طلب مساعدة",
            "协助请求",
            "Assistance request",
            "Demande d'assistance",
            "Запрос о помощи",
            "Solicitud de asistencia",
        ],
    ),
    (
        "response",
        ["رد", "答复", "Response", "Réponse", "Ответ", "Respuesta"],
    ),
    (
        "text",
        [
            "رسالة",
            "消息",
            "Message",
            "Message",
            "Сообщение",
            "Mensaje",
        ],
    ),
    (
        "receipt",
        [
            "إشعار بالاستلام",
            "回执",
            "Acknowledgement of receipt",
            "Accusé de réception",
            "Подтверждение получения",
            "Acuse de recibo",
        ],
    ),
    (
        "entry-update",
        [
            "طلب تحديث قيد في الدليل",
            "名录条目更新请求",
            "Directory entry update request",
            "Demande de mise à jour d'une entrée du répertoire",
            "Запрос на обновление записи справочника",
            "Solicitud de actualización de una entrada del directorio",
        ],
    ),
    (
        "directory-notice",
        [
            "إشعار بتحديث الدليل",
            "名录更新通知",
            "Directory update notice",
            "Avis de mise à jour du répertoire",
            "Уведомление об обновлении справочника",
            "Aviso de actualización del directorio",
        ],
    ),
];

/// The fixed-value sets: name, canonical values (in order), translations.
const SETS: &[(&str, &[&str], &[Entry])] = &[
    ("priority", PRIORITY_VALUES, PRIORITY),
    ("nature", NATURE_VALUES, NATURE),
    ("status", STATUS_VALUES, STATUS),
    ("incident_class", INCIDENT_CLASS_VALUES, INCIDENT_CLASS),
    ("type", TYPE_VALUES, TYPE),
];

fn lookup(table: &'static [Entry], key: &str, lang: Lang) -> Option<&'static str> {
    table
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, t)| t[lang as usize])
}

/// Translated label for `key`; None for an unknown key.
pub fn label(key: &str, lang: Lang) -> Option<&'static str> {
    lookup(LABELS, key, lang)
}

/// Translated fixed value: `set` is one of "priority", "nature", "status", "incident_class",
/// "type"; `value` the canonical value. None if the set or the value is unknown.
pub fn value(set: &str, value: &str, lang: Lang) -> Option<&'static str> {
    SETS.iter()
        .find(|(name, _, _)| *name == set)
        .and_then(|(_, _, table)| lookup(table, value, lang))
}

/// Canonical values of a fixed-value set (in their defined order), for validation and help
/// texts; empty for an unknown set.
pub fn values(set: &str) -> &'static [&'static str] {
    SETS.iter()
        .find(|(name, _, _)| *name == set)
        .map(|(_, vals, _)| *vals)
        .unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Every label key the message renderers use.
    const KEYS: &[&str] = &[
        // header
        "envelope",
        "from",
        "to",
        "priority",
        "handling",
        "type",
        "sent",
        "language",
        "signature",
        "in_reply_to",
        "attachments",
        "exercise",
        "verified",
        "verified_against",
        // incident
        "reference",
        "summary",
        "description",
        "incident_class",
        "time_detected",
        "affected_sector",
        "affected_systems",
        "indicators",
        "actions_taken",
        "assistance_requested",
        "requested_response_time",
        "follow_up_contact",
        // assistance request
        "nature",
        "related_incident",
        "details",
        "legal_context",
        // response, text
        "status",
        "text",
        "subject",
        // receipt
        "acknowledges",
        "received_at",
        // entry update, directory notice
        "entry",
        "organisation",
        "email",
        "phone",
        "languages",
        "new_key",
        "directory_serial",
        "digest",
    ];

    const SET_NAMES: &[&str] = &["priority", "nature", "status", "incident_class", "type"];

    fn has_in(s: &str, lo: u32, hi: u32) -> bool {
        s.chars().any(|c| (lo..=hi).contains(&(c as u32)))
    }

    /// Every translated string of the module, with its language.
    fn all_strings() -> Vec<(Lang, &'static str)> {
        let mut out = Vec::new();
        for lang in Lang::ALL {
            for (_, t) in LABELS {
                out.push((lang, t[lang as usize]));
            }
            for (_, _, table) in SETS {
                for (_, t) in *table {
                    out.push((lang, t[lang as usize]));
                }
            }
        }
        out
    }

    #[test]
    fn every_key_exists_in_all_languages() {
        for key in KEYS {
            for lang in Lang::ALL {
                let l = label(key, lang);
                assert!(
                    l.is_some_and(|s| !s.trim().is_empty()),
                    "{key} missing in {lang:?}"
                );
            }
        }
        // And the table holds nothing else, each key once.
        assert_eq!(LABELS.len(), KEYS.len());
        let keys: HashSet<_> = LABELS.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys.len(), LABELS.len(), "duplicate key in LABELS");
        assert_eq!(label("no-such-key", Lang::En), None);
        assert_eq!(label("", Lang::Fr), None);
    }

    #[test]
    fn every_value_exists_in_all_languages() {
        for set in SET_NAMES {
            let vals = values(set);
            assert!(!vals.is_empty(), "{set} has no values");
            for v in vals {
                for lang in Lang::ALL {
                    let t = value(set, v, lang);
                    assert!(
                        t.is_some_and(|s| !s.trim().is_empty()),
                        "{set}/{v} missing in {lang:?}"
                    );
                }
            }
        }
        assert_eq!(value("priority", "urgent", Lang::En), None);
        assert_eq!(value("colour", "high", Lang::En), None);
        assert!(values("colour").is_empty());
    }

    #[test]
    fn tables_follow_canonical_order() {
        for (name, vals, table) in SETS {
            let keys: Vec<&str> = table.iter().map(|(k, _)| *k).collect();
            assert_eq!(&keys[..], *vals, "{name}: table and canonical list differ");
        }
        let names: Vec<&str> = SETS.iter().map(|(n, _, _)| *n).collect();
        assert_eq!(&names[..], SET_NAMES);
    }

    #[test]
    fn canonical_values() {
        assert_eq!(values("priority"), &["high", "medium", "low"]);
        assert_eq!(values("nature").len(), 5);
        assert_eq!(
            values("status"),
            &[
                "received",
                "channelled",
                "in_progress",
                "resolved",
                "declined"
            ]
        );
        assert_eq!(values("incident_class").len(), 11);
        assert_eq!(values("incident_class")[0], "abusive-content");
        assert_eq!(values("incident_class")[10], "test");
        assert_eq!(values("type").len(), 7);
        assert!(values("type").contains(&"directory-notice"));
    }

    #[test]
    fn english_labels_are_distinct() {
        // `text` is a single key shared by responses and text messages, so every English
        // label must be unique.
        let mut seen = HashSet::new();
        for (key, t) in LABELS {
            assert!(
                seen.insert(t[Lang::En as usize]),
                "duplicate English label for {key}"
            );
        }
    }

    #[test]
    fn labels_are_distinct_in_every_language() {
        for lang in Lang::ALL {
            let mut seen = HashSet::new();
            for (key, t) in LABELS {
                assert!(
                    seen.insert(t[lang as usize]),
                    "{key}: duplicate label in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn values_are_distinct_within_a_set() {
        for (name, _, table) in SETS {
            for lang in Lang::ALL {
                let mut seen = HashSet::new();
                for (v, t) in *table {
                    assert!(
                        seen.insert(t[lang as usize]),
                        "{name}/{v}: duplicate in {lang:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn from_tag() {
        assert_eq!(Lang::from_tag("fr-CH"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("ZH-hans"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh-Hans-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("es"), Some(Lang::Es));
        assert_eq!(Lang::from_tag("AR"), Some(Lang::Ar));
        assert_eq!(Lang::from_tag("ru-RU"), Some(Lang::Ru));
        assert_eq!(Lang::from_tag("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("de"), None);
        assert_eq!(Lang::from_tag("de-CH"), None);
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::from_tag("-fr"), None);
        assert_eq!(Lang::from_tag("fra"), None);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.code()), Some(lang));
        }
    }

    #[test]
    fn codes_names_direction() {
        let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        assert_eq!(codes, ["ar", "zh", "en", "fr", "ru", "es"]);
        for (i, lang) in Lang::ALL.into_iter().enumerate() {
            assert_eq!(lang as usize, i, "ALL must follow the table order");
        }
        assert!(Lang::Ar.is_rtl());
        assert!(Lang::ALL.iter().filter(|l| l.is_rtl()).count() == 1);
        assert_eq!(Lang::Ar.native_name(), "العربية");
        assert_eq!(Lang::Zh.native_name(), "中文");
        assert_eq!(Lang::En.native_name(), "English");
        assert_eq!(Lang::Fr.native_name(), "Français");
        assert_eq!(Lang::Ru.native_name(), "Русский");
        assert_eq!(Lang::Es.native_name(), "Español");
    }

    #[test]
    fn scripts() {
        for (lang, s) in all_strings() {
            match lang {
                Lang::Ar => assert!(has_in(s, 0x0600, 0x06FF), "not Arabic: {s}"),
                Lang::Zh => assert!(has_in(s, 0x4E00, 0x9FFF), "not CJK: {s}"),
                Lang::Ru => assert!(has_in(s, 0x0400, 0x04FF), "not Cyrillic: {s}"),
                Lang::En | Lang::Fr | Lang::Es => {
                    assert!(!has_in(s, 0x0400, 0x06FF), "wrong script: {s}");
                    assert!(!has_in(s, 0x4E00, 0x9FFF), "wrong script: {s}");
                }
            }
        }
        for lang in [Lang::Ar, Lang::Zh, Lang::Ru] {
            let name = lang.native_name();
            assert!(
                has_in(name, 0x0400, 0x06FF) || has_in(name, 0x4E00, 0x9FFF),
                "{name}"
            );
        }
    }

    #[test]
    fn spot_checks() {
        assert_eq!(
            value("type", "incident", Lang::Fr),
            Some("Notification d'incident")
        );
        assert_eq!(
            value("type", "incident", Lang::Es),
            Some("Notificación de incidente")
        );
        assert_eq!(
            value("type", "incident", Lang::Ru),
            Some("Уведомление об инциденте")
        );
        assert_eq!(value("type", "incident", Lang::Zh), Some("事件通报"));
        assert_eq!(value("type", "incident", Lang::Ar), Some("إخطار بحادث"));
        assert_eq!(label("exercise", Lang::Ru), Some("УЧЕНИЯ"));
        assert_eq!(label("exercise", Lang::Zh), Some("演练"));
        assert_eq!(label("exercise", Lang::Ar), Some("تمرين"));
        assert_eq!(label("exercise", Lang::Es), Some("EJERCICIO"));
        assert_eq!(label("exercise", Lang::Fr), Some("EXERCICE"));
        assert_eq!(label("exercise", Lang::En), Some("EXERCISE"));
        assert_eq!(value("priority", "high", Lang::En), Some("High"));
    }
}

export const bg = {
  'privacy.blocked':
    'Текстът не е записан: открити са {count} възможни лични данни. Заменете ги с обозначения или ги премахнете.',
  'privacy.redacted':
    'Личните данни са заменени с обозначения. Прегледайте текста и го изпратете отново — нищо не е записано.',
  'privacy.field.hasFindings': 'В това поле има възможни лични данни.',
  'privacy.findings.title': 'Открити лични данни',
  'privacy.findings.intro':
    'Случаите са анонимни: не пишете имена, ЕГН/ЛНЧ, адреси, телефони, имейли или дати на раждане на деца и родители.',
  'privacy.findings.live': 'Възможни лични данни в текста: {count}',
  'privacy.findings.liveNone': 'Не са открити лични данни.',
  'privacy.findings.position': 'ред {line}, знак {column}',
  'privacy.findings.in': 'в поле „{field}“',
  'privacy.findings.count.one': '{count} находка',
  'privacy.findings.count.other': '{count} находки',
  'privacy.type.egn': 'ЕГН',
  'privacy.type.lnch': 'ЛНЧ',
  'privacy.type.phone': 'Телефон',
  'privacy.type.email': 'Имейл',
  'privacy.type.url': 'Профил в социална мрежа',
  'privacy.type.address': 'Адрес',
  'privacy.type.name': 'Име',
  'privacy.type.birthdate': 'Дата на раждане',
  'privacy.redact': 'Замени с обозначения',
  'privacy.redactHint':
    'Всяка находка се заменя с обозначение като [ИМЕ] или [ЕГН]. Нищо не се записва, докато не изпратите отново.',
  'privacy.override.legend': 'Потвърждение от координатор',
  'privacy.override.checkbox': 'Потвърждавам, че находките не са лични данни',
  'privacy.override.reason': 'Причина (записва се в журнала за одит)',
  'privacy.override.reasonRequired': 'Посочете причина (от 5 до 500 знака).',
  'privacy.override.notAllowed': 'Само координатор може да потвърди, че находките не са лични данни.',
  'privacy.override.reasonHasPersonalData':
    'Причината се записва в журнала: опишете защо находките не са лични данни, без да ги повтаряте.',
} as const

export const en: Record<keyof typeof bg, string> = {
  'privacy.blocked':
    'Not saved: {count} possible items of personal data were found. Replace them with placeholders or remove them.',
  'privacy.redacted':
    'Personal data has been replaced with placeholders. Review the text and send it again — nothing has been saved.',
  'privacy.field.hasFindings': 'This field contains possible personal data.',
  'privacy.findings.title': 'Personal data found',
  'privacy.findings.intro':
    "Cases are anonymous: do not write children's or parents' names, personal numbers, addresses, phones, e-mails or birth dates.",
  'privacy.findings.live': 'Possible personal data in the text: {count}',
  'privacy.findings.liveNone': 'No personal data found.',
  'privacy.findings.position': 'line {line}, character {column}',
  'privacy.findings.in': 'in “{field}”',
  'privacy.findings.count.one': '{count} finding',
  'privacy.findings.count.other': '{count} findings',
  'privacy.type.egn': 'Personal number (ЕГН)',
  'privacy.type.lnch': "Foreigner's number (ЛНЧ)",
  'privacy.type.phone': 'Phone',
  'privacy.type.email': 'E-mail',
  'privacy.type.url': 'Social-media profile',
  'privacy.type.address': 'Address',
  'privacy.type.name': 'Name',
  'privacy.type.birthdate': 'Birth date',
  'privacy.redact': 'Replace with placeholders',
  'privacy.redactHint':
    'Each finding is replaced with a placeholder such as [ИМЕ] or [ЕГН]. Nothing is saved until you send again.',
  'privacy.override.legend': 'Coordinator confirmation',
  'privacy.override.checkbox': 'I confirm these findings are not personal data',
  'privacy.override.reason': 'Reason (kept in the audit log)',
  'privacy.override.reasonRequired': 'Give a reason (5 to 500 characters).',
  'privacy.override.notAllowed': 'Only a coordinator can confirm that findings are not personal data.',
  'privacy.override.reasonHasPersonalData':
    'The reason goes into the audit log: say why the findings are not personal data without repeating them.',
}

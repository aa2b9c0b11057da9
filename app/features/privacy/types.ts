export const PII_TYPES = ['egn', 'lnch', 'phone', 'email', 'url', 'address', 'name', 'birthdate'] as const

export type PiiType = (typeof PII_TYPES)[number]

export interface PiiFinding {
  type: PiiType
  start: number
  end: number
  text: string
}

export const PII_PLACEHOLDERS: Readonly<Record<PiiType, string>> = {
  egn: '[ЕГН]',
  lnch: '[ЛНЧ]',
  phone: '[ТЕЛЕФОН]',
  email: '[ИМЕЙЛ]',
  url: '[ПРОФИЛ]',
  address: '[АДРЕС]',
  name: '[ИМЕ]',
  birthdate: '[ДАТА]',
}

export function finding(type: PiiType, text: string, start: number, end: number): PiiFinding {
  return { type, start, end, text: text.slice(start, end) }
}

import {
  AMBIGUOUS_NAMES,
  DIMINUTIVES,
  FEMALE_NAMES,
  MALE_NAMES,
  MINORITY_NAMES,
  NEWCOMER_NAMES,
  PLACE_NAMES_THAT_ARE_GIVEN,
} from './names-bg'
import { transliterations } from './transliterate'

/** given: always a name; ambiguous: also an ordinary word; placeGiven: also a place, so only with a family name. */
export type GivenKind = 'given' | 'ambiguous' | 'placeGiven'

const RESTRICTIVENESS: Readonly<Record<GivenKind, number>> = { given: 0, ambiguous: 1, placeGiven: 2 }
const lower = (w: string) => w.toLowerCase()
const ambiguous = new Set(AMBIGUOUS_NAMES.map(lower))
const placeGiven = new Set(PLACE_NAMES_THAT_ARE_GIVEN.map(lower))

const GIVEN = new Map<string, GivenKind>()

function add(form: string, kind: GivenKind): void {
  const own = placeGiven.has(form) ? 'placeGiven' : ambiguous.has(form) ? 'ambiguous' : kind
  const known = GIVEN.get(form)
  if (known === undefined || RESTRICTIVENESS[own] > RESTRICTIVENESS[known]) GIVEN.set(form, own)
}

// Stems family names are built from: Петър → Петр(ов), Христо → Христ(ов), Илия → Или(ев), Николай → Никола(ев),
// Георги(ев).
const STEMS = new Set<string>()

for (const base of [...MALE_NAMES, ...FEMALE_NAMES, ...MINORITY_NAMES, ...NEWCOMER_NAMES, ...DIMINUTIVES].map(lower)) {
  add(base, 'given')
  const kind = GIVEN.get(base) ?? 'given'
  // Роза → Розова is rarer than the colour розова, so only unambiguous names lend their stems.
  if (kind === 'given')
    for (const stem of stems(base)) for (const spelling of [stem, ...transliterations(stem)]) STEMS.add(spelling)
  for (const latin of transliterations(base)) add(latin, kind)
  // Derived forms of a word that is also a noun or adjective would add more noise than names.
  if (kind === 'given') for (const form of inflections(base)) add(form, 'given')
}

/** Vocative, definite and pet forms: Иване, Петре, Николае, Иванке, Гергано, Ваньо, Марийо, Гошето, Стоянчо. */
export function inflections(name: string): string[] {
  const forms: string[] = []
  if (name.endsWith('ър')) forms.push(`${name.slice(0, -2)}ре`)
  else if (name.endsWith('й')) forms.push(`${name.slice(0, -1)}е`)
  else if (/[бвгджзклмнпрстфхцчшщ]$/.test(name)) forms.push(`${name}е`)
  else if (name.endsWith('ка')) forms.push(`${name.slice(0, -1)}е`)
  else if (/[аеиоуъюя]я$/.test(name)) forms.push(`${name.slice(0, -1)}йо`)
  else if (name.endsWith('я')) forms.push(`${name.slice(0, -1)}ьо`)
  else if (name.endsWith('а')) forms.push(`${name.slice(0, -1)}о`)
  if (/[шчц]о$/.test(name)) forms.push(`${name.slice(0, -1)}ето`)
  if (/[бвгдзйклмнпрстфхцш]$/.test(name)) forms.push(`${name}чо`)
  return forms
}

function stems(name: string): string[] {
  if (name.endsWith('ър')) return [`${name.slice(0, -2)}р`]
  if (/[аеиоуъюяй]$/.test(name)) return [name, name.slice(0, -1)]
  return [name]
}

export function givenKind(lowerWord: string): GivenKind | undefined {
  return GIVEN.get(lowerWord)
}

// -ов/-ев/-ова/-ева (and the plural -ови/-еви, "семейство Маринови") are almost always family names; -ски/-ин/-ян also
// end adjectives and nouns (Софийска, Община).
const STRONG_FAMILY = /(?:ов|ев|ова|ева|ови|еви|ov|ev|ova|eva|ovi|evi|off|eff)$/
const WEAK_FAMILY = /(?:ски|ска|цки|цка|ин|ина|ян|ич|ski|ska|sky|in|ina|yan|ian|ich|ic)$/

export type FamilyStrength = 'strong' | 'weak'

const FAMILY_ENDING = /(?:ова|ева|ови|еви|ов|ев|ova|eva|ovi|evi|ov|ev)$/

/** Петров, Георгиева, Ivanova: a family name built on a given name — unlike adjectives such as Групова or Езикова. */
export function isFamilyFromGivenName(lowerWord: string): boolean {
  const last = lowerWord.slice(lowerWord.lastIndexOf('-') + 1)
  return STEMS.has(last.replace(FAMILY_ENDING, ''))
}

export function familyStrength(lowerWord: string): FamilyStrength | undefined {
  const last = lowerWord.slice(lowerWord.lastIndexOf('-') + 1)
  if (last.length < 5) return undefined
  if (STRONG_FAMILY.test(last)) return 'strong'
  if (WEAK_FAMILY.test(last)) return 'weak'
  return undefined
}

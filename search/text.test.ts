import { describe, expect, it } from 'vitest'

import { highlightSegments, highlightText, snippet } from './highlight'
import { parseQuery, queryTerms } from './query'
import { indexTerm, textTerms, truncateWord, wordKey, wordSpans } from './text'
import { latinWords } from './transliteration'
import { allowedTypos, matchesWithTypo, typoDistance } from './typos'

const same = (...words: string[]) =>
  expect(new Set(words.map(indexTerm)).size, words.map((w) => `${w}→${indexTerm(w)}`).join(' ')).toBe(1)

describe('the official transliteration (Закон за транслитерацията), for page addresses', () => {
  it('writes Cyrillic in Latin, lower case, accents dropped, "-ия" at the end as "ia"', () => {
    expect(latinWords('Образователен патрул')).toEqual(['obrazovatelen', 'patrul'])
    expect(latinWords('ЖЕЦ ЧЕШЩЪЮЯ')).toEqual(['zhets', 'cheshshtayuya'])
    expect(latinWords('Мария, София, Café, 119 СУ')).toEqual(['maria', 'sofia', 'cafe', '119', 'su'])
  })
})

describe('words and their keys', () => {
  it('keeps a stressed letter or a decomposed Й inside its word (NFC, combining marks)', () => {
    expect(wordSpans('Медиа́торът дойде').map((s) => s.word)).toEqual(['Медиа́торът', 'дойде'])
    expect(wordSpans('СУ „Св. И\u0306оан Рилски“').map((s) => s.word)).toEqual(['СУ', 'Св', 'И\u0306оан', 'Рилски'])
    expect(wordKey('И\u0306оан')).toBe(wordKey('Йоан'))
    same('медиа́тор', 'медиатор', 'МЕДИАТОР')
  })

  it('gives base and inflected forms keys that are prefixes of one another ("-ия" is not special)', () => {
    expect(wordKey('биологията').startsWith(wordKey('биология'))).toBe(true)
    expect(wordKey('биологията').startsWith(wordKey('biologia'))).toBe(true)
  })

  it('folds the informal Latin people type on phones into the same key', () => {
    same('социален', 'socialen', 'sotsialen')
    same('медиация', 'mediacia', 'mediatsia', 'mediaciq')
    same('част', '4ast')
    same('школа', '6kola')
    same('община', 'ob6tina', 'obshtina')
    same('обхват', 'obxvat', 'obhvat')
    same('биология', 'biologiq', 'biologiya', 'biologija', 'biologia')
    expect(wordKey('119')).toBe('119')
    expect(wordKey('6а')).toBe('6a')
  })

  it('stems Bulgarian endings so that forms of one word meet', () => {
    same('медиатор', 'медиатора', 'медиаторът', 'медиатори', 'медиаторите', 'mediatori')
    same('биология', 'биологията', 'biologiyata')
    same('социален', 'социални', 'социалният', 'социалната', 'социалните')
    same('работник', 'работникът', 'работници', 'работниците', 'rabotnici')
    same('психолог', 'психолози', 'психолозите')
    same('училище', 'училища', 'училището', 'uchilishte')
    same('закуска', 'закуската', 'закуски')
    same('ранни', 'ранен', 'ранна')
    same('резултат', 'резултатът', 'резултати')
    expect(indexTerm('обхват')).not.toBe(indexTerm('обхв'))
    expect(textTerms('СУ „Св. Йоан Рилски“')).toEqual(['su', 'sv', 'ioan', 'rilsk'])
  })

  it('never splits a letter written as two UTF-16 units', () => {
    expect(truncateWord('abcdef', 4)).toBe('abcd')
    expect(truncateWord('a𝐚𝐚', 2)).toBe('a')
    expect(truncateWord('a𝐚𝐚', 3)).toBe('a𝐚')
  })
})

describe('typo budget', () => {
  it('allows none under 5 letters, one from 5, two from 9', () => {
    expect([4, 5, 8, 9, 14].map(allowedTypos)).toEqual([0, 1, 1, 2, 2])
  })
  it('counts a swap of neighbours as one typo and matches prefixes', () => {
    expect(typoDistance('mediator', 'meidator')).toBe(1)
    expect(matchesWithTypo('mediatr', 'mediatorite')).toBe(true)
    expect(matchesWithTypo('ekip', 'ekib')).toBe(false)
    expect(matchesWithTypo('transport', 'patrul')).toBe(false)
  })
})

describe('query parsing', () => {
  const terms = (q: string) => queryTerms(parseQuery(q)).map((t) => `${t.prefix ? '>' : '='}${t.term}`)

  it('matches only the last word as a prefix, and only from three letters', () => {
    expect(terms('здравни медиато')).toEqual(['=zdravn', '=medi', '>mediato'])
    expect(terms('медиатори здравни')).toEqual(['=mediator', '=zdravn', '>zdravni'])
    expect(terms('ме')).toEqual(['=me'])
    expect(terms('"медиато"')).toEqual(['=medi'])
  })

  it('matches an acronym and its synonyms exactly, and never drops СО as the English "so"', () => {
    const so = parseQuery('СО Люлин')
    expect(so.groups.map((g) => g.text)).toEqual(['so', 'liulin'])
    expect(so.groups[0].alternatives).toContainEqual({ terms: [{ term: 'so', prefix: false }], phrase: false })
    expect(so.groups[0].alternatives).toContainEqual({
      terms: [
        { term: 'stolitshn', prefix: false },
        { term: 'obshtin', prefix: false },
      ],
      phrase: true,
    })
    expect(so.groups[0].typoTerm).toBeNull()
    expect(parseQuery('SO').groups.map((g) => g.text)).toEqual(['so'])
    expect(parseQuery('so what').groups.map((g) => g.text)).toEqual(['vhat'])
    expect(terms('ЦОП')).toContain('=tsop')
    expect(terms('ЦОП')).not.toContain('>tsop')
  })

  it('expands synonyms (longest phrase first), drops stop words unless nothing else is left', () => {
    const q = parseQuery('ДСП и Регионално управление на образованието')
    expect(q.groups.map((g) => g.text)).toEqual(['dsp', 'regionaln upravln na obrazovan'])
    expect(q.groups[0].alternatives).toContainEqual({
      terms: ['direkts', 'sotsialn', 'podpomagan'].map((term) => ({ term, prefix: false })),
      phrase: true,
    })
    expect(q.groups[1].alternatives).toContainEqual({ terms: [{ term: 'ruo', prefix: false }], phrase: false })
    expect(parseQuery('и на').groups.map((g) => g.text)).toEqual(['i', 'na'])
  })

  it('reads a quoted part as a phrase, and a Latin "u" also as ъ', () => {
    expect(parseQuery('"ден на отворените врати"').groups).toEqual([
      {
        text: 'den otvorn vrat',
        alternatives: [{ terms: ['den', 'otvorn', 'vrat'].map((term) => ({ term, prefix: false })), phrase: true }],
        typoTerm: null,
        quoted: true,
      },
    ])
    expect(terms('sud')).toEqual(['=sud', '>sud', '=sad', '>sad'])
  })

  it('knows the difference between nothing typed and only symbols', () => {
    expect(parseQuery('')).toEqual({ hasInput: false, groups: [] })
    expect(parseQuery("%_*'\\")).toEqual({ hasInput: true, groups: [] })
  })
})

describe('highlighting', () => {
  const terms = { terms: [{ term: 'mediator', prefix: false }], typoTerms: [] }
  it('marks every form of a matching word in the original script and escapes everything else', () => {
    expect(highlightText('Здравни медиатори & <b>', terms)).toBe('Здравни <mark>медиатори</mark> &amp; &lt;b&gt;')
    expect(highlightText('Медиа́торът', terms)).toBe('<mark>Медиа́торът</mark>')
    expect(highlightSegments('a <mark>б</mark> &lt;c&gt;')).toEqual([
      { text: 'a ', marked: false },
      { text: 'б', marked: true },
      { text: ' <c>', marked: false },
    ])
  })
  it('cuts a snippet around the first match', () => {
    const long = `${'дума '.repeat(80)}работа с медиатор в квартала ${'край '.repeat(80)}`
    const s = snippet(['', long], terms, 120)
    expect(s.startsWith('… ')).toBe(true)
    expect(s).toContain('<mark>медиатор</mark>')
    expect(s.length).toBeLessThan(200)
  })
})

import { describe, expect, it } from 'vitest'
import { highlightSegments, highlightText, snippet } from './highlight'
import { parseQuery } from './query'
import { canonicalText, canonicalWord, truncateWord } from './transliteration'
import { allowedTypos, matchesWithTypo, typoDistance } from './typos'

describe('transliteration (Закон за транслитерацията)', () => {
  it('writes Cyrillic in the official Latin form, lower case, accents dropped', () => {
    expect(canonicalText('Образователен патрул')).toBe('obrazovatelen patrul')
    expect(canonicalText('ЖЕЦ ЧЕШЩЪЮЯ')).toBe('zhets cheshshtayuya')
    expect(canonicalWord('Благоевград')).toBe('blagoevgrad')
    expect(canonicalWord('Мария')).toBe('maria')
    expect(canonicalWord('София')).toBe('sofia')
    expect(canonicalWord('Медиатор')).toBe(canonicalWord('mediator'))
    expect(canonicalText('Café, naïve — 119 СУ')).toBe('cafe naive 119 su')
  })
})

describe('word truncation', () => {
  it('never splits a letter written as two UTF-16 units', () => {
    expect(truncateWord('abcdef', 4)).toBe('abcd')
    expect(truncateWord('abc', 4)).toBe('abc')
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
    expect(typoDistance('mediator', 'mediatr')).toBe(1)
    expect(matchesWithTypo('mediatr', 'mediatorite')).toBe(true)
    expect(matchesWithTypo('ekip', 'ekib')).toBe(false)
    expect(matchesWithTypo('obrzovateln', 'obrazovatelen')).toBe(true)
    expect(matchesWithTypo('transport', 'patrul')).toBe(false)
  })
})

describe('query parsing', () => {
  it('expands synonyms (longest phrase first), drops stop words unless nothing else is left', () => {
    const q = parseQuery('ДСП и Регионално управление на образованието')
    expect(q.groups.map((g) => g.term)).toEqual(['dsp', 'regionalno upravlenie na obrazovanieto'])
    expect(q.groups[0].alternatives).toContainEqual(['direktsia', 'sotsialno', 'podpomagane'])
    expect(q.groups[1].alternatives).toContainEqual(['ruo'])
    expect(parseQuery('и на').groups.map((g) => g.term)).toEqual(['i', 'na'])
  })
  it('knows the difference between nothing typed and only symbols', () => {
    expect(parseQuery('')).toEqual({ hasInput: false, groups: [] })
    expect(parseQuery("%_*'\\")).toEqual({ hasInput: true, groups: [] })
  })
})

describe('highlighting', () => {
  const terms = { prefixes: ['mediator'], typoTerms: [] }
  it('marks matching words in the original script and escapes everything else', () => {
    expect(highlightText('Здравни медиатори & <b>', terms)).toBe('Здравни <mark>медиатори</mark> &amp; &lt;b&gt;')
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

import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { detectPii, PII_TYPES, redactPii, type PiiType } from '../../app/features/privacy/detector'
import { loadPiiCorpus, PII_TARGETS, scoreCorpus } from '../bench/pii-score'

const corpus = loadPiiCorpus()
const score = scoreCorpus(corpus, detectPii)

describe('PII corpus', () => {
  it('is a labelled corpus of realistic snippets, about 40% without personal data', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(220)
    expect(new Set(corpus.map((item) => item.id)).size).toBe(corpus.length)
    const negatives = corpus.filter((item) => item.expected.length === 0).length / corpus.length
    expect(negatives).toBeGreaterThan(0.35)
    expect(negatives).toBeLessThan(0.5)
    const multiKind = corpus.filter((item) => new Set(item.expected.map((e) => e.type)).size >= 2).length
    expect(multiKind).toBeGreaterThanOrEqual(60)
    for (const type of PII_TYPES) expect(score.perType[type].expected, type).toBeGreaterThanOrEqual(5)
  })

  it.each(Object.entries(PII_TARGETS.recall))('keeps recall for %s at or above %s', (type, target) => {
    expect(score.perType[type as PiiType].recall).toBeGreaterThanOrEqual(target)
  })

  it('keeps overall precision at or above 0.90', () => {
    expect(score.overall.precision).toBeGreaterThanOrEqual(PII_TARGETS.precision)
  })

  it('redacts every snippet into text with no findings left', () => {
    const leftovers = corpus.filter((item) => detectPii(redactPii(item.text)).length > 0).map((item) => item.id)
    expect(leftovers).toEqual([])
  })
})

describe('scoreCorpus', () => {
  const item = {
    id: 't',
    text: 'Иван Петров, тел. 0888 123 456',
    expected: [{ type: 'name' as const, text: 'Иван Петров' }],
  }

  it('counts overlap with the right type as a hit and anything else as a miss', () => {
    const s = scoreCorpus([item], () => [
      { type: 'name', start: 0, end: 4, text: 'Иван' },
      { type: 'phone', start: 18, end: 30, text: '0888 123 456' },
    ])
    expect(s.perType.name).toMatchObject({
      truePositives: 1,
      falsePositives: 0,
      falseNegatives: 0,
      precision: 1,
      recall: 1,
    })
    expect(s.perType.phone).toMatchObject({ truePositives: 0, falsePositives: 1, precision: 0 })
    expect(s.overall.precision).toBe(0.5)
  })

  it('rejects a label whose text is not in the snippet', () => {
    expect(() => scoreCorpus([{ ...item, expected: [{ type: 'name', text: 'Мария' }] }], detectPii)).toThrow(
      /not found/,
    )
  })
})

describe('pii:scan CLI', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url))
  const scan = (input: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/pii-scan.ts'], {
      cwd: root,
      input,
      encoding: 'utf8',
      timeout: 60_000,
    })

  it('prints one line of JSON with the findings and exits 0', () => {
    const text = 'Детето Иван Петров, ЕГН 0641051235, живее на ул. „Опълченска“ 12, тел. 0888 123 456\n'
    const result = scan(text)
    expect(result.status).toBe(0)
    expect(result.stdout.endsWith('\n')).toBe(true)
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(1)
    expect(JSON.parse(result.stdout)).toEqual({ findings: detectPii(text) })
  })

  it('exits 0 with an empty list when there is nothing to find', () => {
    const result = scan('Срещата на 12.03.2026 в РУО.')
    expect(result.status).toBe(0)
    expect(result.stdout).toBe('{"findings":[]}\n')
  })
})

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { PII_TYPES, type PiiFinding, type PiiType } from '../../app/features/privacy/detector'

export interface ExpectedSpan {
  type: PiiType
  text: string
  start?: number
}

export interface CorpusItem {
  id: string
  text: string
  expected: ExpectedSpan[]
}

export interface TypeScore {
  expected: number
  found: number
  truePositives: number
  falsePositives: number
  falseNegatives: number
  precision: number
  recall: number
}

export interface Miss {
  id: string
  type: PiiType
  text: string
  kind: 'false-positive' | 'false-negative'
}

export interface CorpusScore {
  perType: Record<PiiType, TypeScore>
  overall: TypeScore
  misses: Miss[]
  items: number
  characters: number
}

/**
 * What the detector must keep: recall per type, overall precision, and CPU time per 5,000 characters (well under 5 ms).
 */
export const PII_TARGETS = {
  recall: { egn: 0.98, lnch: 0.98, phone: 0.98, email: 0.98, name: 0.9, address: 0.9 } as Partial<
    Record<PiiType, number>
  >,
  precision: 0.9,
  msPer5000: 5,
}

export const PII_CORPUS_DIR = fileURLToPath(new URL('../fixtures/pii/', import.meta.url))

/** Every item of every JSON file in the corpus directory, checked for well-formed labels. */
export function loadPiiCorpus(dir: string = PII_CORPUS_DIR): CorpusItem[] {
  const items: CorpusItem[] = []
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const parsed: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'))
    if (!Array.isArray(parsed)) throw new Error(`${file}: expected an array of items`)
    items.push(...(parsed as CorpusItem[]))
  }
  for (const item of items) locateExpected(item)
  return items
}

/** Expected spans with offsets: an explicit `start`, else the next unused occurrence of the text. */
export function locateExpected(item: CorpusItem): Array<PiiFinding> {
  const used = new Map<string, number>()
  return item.expected.map((e) => {
    if (!PII_TYPES.includes(e.type)) throw new Error(`${item.id}: unknown type ${e.type}`)
    const from = used.get(e.text) ?? 0
    const start = e.start ?? item.text.indexOf(e.text, from)
    if (start < 0 || item.text.slice(start, start + e.text.length) !== e.text)
      throw new Error(`${item.id}: "${e.text}" not found in text`)
    used.set(e.text, start + e.text.length)
    return { type: e.type, start, end: start + e.text.length, text: e.text }
  })
}

const overlaps = (a: PiiFinding, b: PiiFinding) => a.type === b.type && a.start < b.end && b.start < a.end

/**
 * Precision and recall per type: a finding is right if it has the expected type and overlaps an expected span of it.
 */
export function scoreCorpus(items: readonly CorpusItem[], detect: (text: string) => PiiFinding[]): CorpusScore {
  const tally = Object.fromEntries(PII_TYPES.map((t) => [t, { expected: 0, found: 0, tp: 0, matched: 0 }])) as Record<
    PiiType,
    { expected: number; found: number; tp: number; matched: number }
  >
  const misses: Miss[] = []
  let characters = 0
  for (const item of items) {
    characters += item.text.length
    const expected = locateExpected(item)
    const found = detect(item.text)
    for (const f of found) {
      tally[f.type].found++
      if (expected.some((e) => overlaps(e, f))) tally[f.type].tp++
      else misses.push({ id: item.id, type: f.type, text: f.text, kind: 'false-positive' })
    }
    for (const e of expected) {
      tally[e.type].expected++
      if (found.some((f) => overlaps(e, f))) tally[e.type].matched++
      else misses.push({ id: item.id, type: e.type, text: e.text, kind: 'false-negative' })
    }
  }
  const perType = Object.fromEntries(PII_TYPES.map((t) => [t, toScore(tally[t])])) as Record<PiiType, TypeScore>
  const sum = (k: 'expected' | 'found' | 'tp' | 'matched') => PII_TYPES.reduce((n, t) => n + tally[t][k], 0)
  const overall = toScore({ expected: sum('expected'), found: sum('found'), tp: sum('tp'), matched: sum('matched') })
  return { perType, overall, misses, items: items.length, characters }
}

function toScore(t: { expected: number; found: number; tp: number; matched: number }): TypeScore {
  return {
    expected: t.expected,
    found: t.found,
    truePositives: t.tp,
    falsePositives: t.found - t.tp,
    falseNegatives: t.expected - t.matched,
    // With nothing found there is nothing wrongly found; with nothing expected there is nothing missed.
    precision: t.found === 0 ? 1 : t.tp / t.found,
    recall: t.expected === 0 ? 1 : t.matched / t.expected,
  }
}

export interface Throughput {
  /** Mean wall-clock milliseconds per 5,000 characters. */
  wallMs: number
  /** Mean CPU milliseconds per 5,000 characters — steadier than wall time on a busy machine. */
  cpuMs: number
}

/** How long the detector needs per 5,000 characters of corpus text, after a warm-up. */
export function measureThroughput(
  items: readonly CorpusItem[],
  detect: (text: string) => unknown,
  rounds = 100,
): Throughput {
  const post = items.map((i) => i.text).join('\n\n')
  for (let i = 0; i < 30; i++) detect(post)
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  for (let i = 0; i < rounds; i++) detect(post)
  const wall = performance.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  const per5000 = (ms: number) => (ms / rounds / post.length) * 5000
  return { wallMs: per5000(wall), cpuMs: per5000((cpu.user + cpu.system) / 1000) }
}

/**
 * Scores a search engine on the judged corpus: nDCG@10 (graded), Recall@10, MRR@10 and the share of
 * queries answered with nothing, per query category and overall. Used by `npm run bench:relevance`
 * and by the test that keeps the figures above their floor.
 */
import type { SearchEngine, SearchFilters, SearchRequest } from '../../../search/engine'
import { judgedCorpus, type JudgedDocument } from './corpus'
import { CATEGORIES, gradeOf, QUERIES, type Category, type JudgedQuery } from './queries'

export const CUTOFF = 10

export interface QueryScore {
  query: JudgedQuery
  ndcg: number
  recall: number
  rr: number
  zero: boolean
  /** The ids returned (top CUTOFF) with their grades, for reports. */
  returned: { id: string; grade: number }[]
  relevant: number
}

export interface Figures {
  n: number
  ndcg: number
  recall: number
  mrr: number
  zeroRate: number
}

function eligible(doc: JudgedDocument['doc'], audience: 'public' | 'staff', filters: SearchFilters = {}): boolean {
  if (audience === 'public' && doc.visibility !== 'public') return false
  const anyOf = (wanted: string[] | undefined, has: string[]) => !wanted?.length || wanted.some((w) => has.includes(w))
  return (
    anyOf(filters.types, [doc.type]) &&
    anyOf(filters.tags, doc.tags) &&
    anyOf(filters.districts, doc.districts) &&
    anyOf(filters.institutionKinds, doc.institutionKinds)
  )
}

const dcg = (grades: number[]) =>
  grades.slice(0, CUTOFF).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0)

/** The graded judgements of one query: document id → grade (only grades above 0). */
export function judgements(query: JudgedQuery, corpus: JudgedDocument[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const { doc, topics } of corpus) {
    if (!eligible(doc, query.audience ?? 'public', query.filters)) continue
    const grade = gradeOf(query.judge, topics)
    if (grade > 0) out.set(doc.id, grade)
  }
  return out
}

export function scoreQuery(query: JudgedQuery, judged: Map<string, number>, returnedIds: string[]): QueryScore {
  const top = returnedIds.slice(0, CUTOFF)
  const grades = top.map((id) => judged.get(id) ?? 0)
  const ideal = [...judged.values()].sort((a, b) => b - a)
  const relevant = judged.size
  const found = grades.filter((g) => g > 0).length
  // MRR counts the first clearly relevant document (grade 2+), or any relevant one if none is graded that high.
  const bar = ideal[0] >= 2 ? 2 : 1
  const firstGood = grades.findIndex((g) => g >= bar)
  return {
    query,
    ndcg: ideal.length ? dcg(grades) / dcg(ideal) : 0,
    recall: relevant ? found / Math.min(CUTOFF, relevant) : 0,
    rr: firstGood >= 0 ? 1 / (firstGood + 1) : 0,
    zero: returnedIds.length === 0,
    returned: top.map((id, i) => ({ id, grade: grades[i] })),
    relevant,
  }
}

export function summarise(scores: QueryScore[]): Figures {
  const n = scores.length
  const mean = (f: (s: QueryScore) => number) => (n ? scores.reduce((a, s) => a + f(s), 0) / n : 0)
  return {
    n,
    ndcg: mean((s) => s.ndcg),
    recall: mean((s) => s.recall),
    mrr: mean((s) => s.rr),
    zeroRate: mean((s) => (s.zero ? 1 : 0)),
  }
}

export interface EngineReport {
  overall: Figures
  byCategory: Map<Category, Figures>
  scores: QueryScore[]
}

/** Indexes the corpus into an empty engine (the caller provides one) and runs every judged query. */
export async function evaluateEngine(engine: SearchEngine, options: { index?: boolean } = {}): Promise<EngineReport> {
  const corpus = judgedCorpus()
  if (options.index !== false) {
    await engine.prepare()
    await engine.index(corpus.map((c) => c.doc))
  }
  const scores: QueryScore[] = []
  for (const query of QUERIES) {
    const judged = judgements(query, corpus)
    if (judged.size === 0)
      throw new Error(`relevance benchmark: no document is relevant to "${query.q}" (${query.judge})`)
    const request: SearchRequest = {
      q: query.q,
      audience: query.audience ?? 'public',
      filters: query.filters,
      perPage: CUTOFF,
    }
    const result = await engine.search(request)
    scores.push(
      scoreQuery(
        query,
        judged,
        result.hits.map((h) => h.id),
      ),
    )
  }
  const byCategory = new Map(CATEGORIES.map((c) => [c, summarise(scores.filter((s) => s.query.cat === c))]))
  return { overall: summarise(scores), byCategory, scores }
}

const pct = (x: number) => x.toFixed(3)

/** The per-category table of one or more engines, as printed by the benchmark and the README. */
export function formatTable(reports: [name: string, report: EngineReport][]): string {
  const lines: string[] = []
  const header = [
    'category'.padEnd(18),
    'n'.padStart(3),
    ...reports.flatMap(([name]) => [`${name} nDCG@10`, 'R@10', 'MRR', 'zero']),
  ]
  lines.push(header.join('  '))
  const row = (label: string, pick: (r: EngineReport) => Figures) => {
    const first = pick(reports[0][1])
    const cells = reports.flatMap(([name, r]) => {
      const f = pick(r)
      return [
        pct(f.ndcg).padStart(`${name} nDCG@10`.length),
        pct(f.recall).padStart(5),
        pct(f.mrr).padStart(5),
        pct(f.zeroRate).padStart(5),
      ]
    })
    lines.push([label.padEnd(18), String(first.n).padStart(3), ...cells].join('  '))
  }
  for (const c of CATEGORIES) row(c, (r) => r.byCategory.get(c)!)
  row('all', (r) => r.overall)
  return lines.join('\n')
}

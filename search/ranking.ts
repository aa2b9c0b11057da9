/**
 * Relevance of the PostgreSQL engine, computed over the matching documents' bitmaps (no rows read):
 * for each query group, the fields that hold it (title 3, summary 1.5, body 1; half through a typo
 * correction) make a term weight that saturates as BM25's does, times the group's rarity (BM25's idf
 * from the group's document count). Groups written next to each other in the document (an indexed
 * pair of neighbouring terms) add a proximity bonus. A document that holds more of the query's groups
 * always ranks above one that holds fewer. Recency only breaks ties (search/result-page.ts).
 */
import { CHUNK_BITS, chunkPositions, hasBit, type Bitset } from './bitset'

export const FIELD_WEIGHT = { title: 3, summary: 1.5, all: 1 } as const
/** A field that holds the group only through a typo correction counts this much. */
export const TYPO_FACTOR = 0.5
const K1 = 1.2
/** A neighbouring pair of the query's groups found side by side adds this share of their rarity. */
export const PROXIMITY = 0.5
/** More groups held always wins over a higher score with fewer (Meilisearch's "words" rule). */
const COVERAGE = 1000

/** What a search knows about one query group: per field, the documents holding it (exactly, or also through typos). */
export interface GroupEvidence {
  exact: { title: Bitset; summary: Bitset; all: Bitset }
  full: { title: Bitset; summary: Bitset; all: Bitset }
  /** Documents of the whole index that hold the group (its document frequency). */
  df: number
}

/** BM25's inverse document frequency. */
export const idf = (df: number, corpus: number) => Math.log(1 + (corpus - df + 0.5) / (df + 0.5))

/** Scores every document of `match` (one pass over each chunk's members). */
export function scoreDocuments(
  match: Bitset,
  groups: GroupEvidence[],
  proximity: Bitset[],
  corpus: number,
): Map<number, number> {
  const weights = groups.map((g) => idf(g.df, corpus))
  const out = new Map<number, number>()
  for (const [chunkNo, chunk] of match) {
    const positions = chunkPositions(chunk)
    const score = new Float64Array(positions.length)
    const covered = new Uint8Array(positions.length)
    groups.forEach((g, gi) => {
      const tf = new Float64Array(positions.length)
      for (const field of ['title', 'summary', 'all'] as const) {
        const exact = g.exact[field].get(chunkNo)
        const full = g.full[field].get(chunkNo)
        if (!full) continue
        positions.forEach((pos, k) => {
          if (exact && hasBit(exact, pos)) tf[k] += FIELD_WEIGHT[field]
          else if (hasBit(full, pos)) tf[k] += FIELD_WEIGHT[field] * TYPO_FACTOR
        })
      }
      for (let k = 0; k < positions.length; k++) {
        if (tf[k] === 0) continue
        covered[k]++
        score[k] += (weights[gi] * tf[k] * (K1 + 1)) / (tf[k] + K1)
      }
    })
    proximity.forEach((pairs, pi) => {
      const c = pairs.get(chunkNo)
      if (!c) return
      const bonus = PROXIMITY * (weights[pi] + weights[pi + 1])
      positions.forEach((pos, k) => {
        if (hasBit(c, pos)) score[k] += bonus
      })
    })
    positions.forEach((pos, k) => out.set(chunkNo * CHUNK_BITS + pos, covered[k] * COVERAGE + score[k]))
  }
  return out
}

/** Documents grouped by equal score, best score first (ties are then ordered by date). */
export function scoreTiers(scores: Map<number, number>): { score: number; docNos: number[] }[] {
  const tiers = new Map<number, number[]>()
  for (const [docNo, score] of scores) {
    const key = Math.round(score * 1e6) / 1e6
    const list = tiers.get(key)
    if (list) list.push(docNo)
    else tiers.set(key, [docNo])
  }
  return [...tiers].sort((a, b) => b[0] - a[0]).map(([score, docNos]) => ({ score, docNos }))
}

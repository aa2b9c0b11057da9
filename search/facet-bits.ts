/**
 * Facet values as bits, for the PostgreSQL engine (search/postgres.ts). Counting facets over ten
 * thousand matches by grouping text arrays costs PostgreSQL far more than grouping integers, so each
 * document also stores one bigint per facet with a bit per value. Which bit stands for which value
 * is kept in search_facet_bits: a value gets the next free bit the first time it is indexed and keeps
 * it. A facet has 63 bits; values past that are stored as "facet:value" strings in facet_overflow and
 * still counted, only more slowly.
 */
import { sql } from 'drizzle-orm'
import { queryRows, type DbOrTx } from '../db/client.server'
import { emptyFacets, type Facet, type FacetCounts, type SearchDocument } from './engine'

export type BitFacet = Exclude<Facet, 'type'>
export const BIT_FACETS: readonly BitFacet[] = ['tags', 'districts', 'institutionKinds']
export const BITS_PER_FACET = 63

/** facet → value → bit */
export type FacetDictionary = Map<BitFacet, Map<string, number>>

export interface DocumentFacetBits {
  tagBits: bigint
  districtBits: bigint
  kindBits: bigint
  /** "facet:value" for values without a bit; null when there are none. */
  facetOverflow: string[] | null
}

const LOCK_KEY = 42_717_001

function dictionaryOf(rows: { facet: BitFacet; value: string; bit: number }[]): FacetDictionary {
  const dictionary: FacetDictionary = new Map(BIT_FACETS.map((f) => [f, new Map()]))
  for (const row of rows) dictionary.get(row.facet)?.set(row.value, Number(row.bit))
  return dictionary
}

async function readDictionary(tx: DbOrTx): Promise<FacetDictionary> {
  return dictionaryOf(await queryRows(tx, sql`SELECT facet, value, bit FROM search_facet_bits`))
}

const valuesOf = (d: SearchDocument, facet: BitFacet) => d[facet]

/**
 * The dictionary with a bit for every value of these documents (as far as bits last). New values are
 * added under a transaction-level advisory lock, so concurrent indexers never hand out one bit twice.
 */
export async function facetDictionaryFor(tx: DbOrTx, documents: SearchDocument[]): Promise<FacetDictionary> {
  let dictionary = await readDictionary(tx)
  const missing = (d: FacetDictionary) =>
    BIT_FACETS.some((f) => {
      const known = d.get(f)!
      return Math.max(-1, ...known.values()) + 1 < BITS_PER_FACET && documents.some((doc) => valuesOf(doc, f).some((v) => !known.has(v)))
    })
  if (!missing(dictionary)) return dictionary
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`)
  dictionary = await readDictionary(tx)
  const added: { facet: BitFacet; value: string; bit: number }[] = []
  for (const facet of BIT_FACETS) {
    const known = dictionary.get(facet)!
    let next = Math.max(-1, ...known.values()) + 1
    for (const value of new Set(documents.flatMap((doc) => valuesOf(doc, facet)))) {
      if (known.has(value) || next >= BITS_PER_FACET) continue
      known.set(value, next)
      added.push({ facet, value, bit: next++ })
    }
  }
  if (added.length > 0) {
    await tx.execute(
      sql`INSERT INTO search_facet_bits (facet, value, bit)
          SELECT e->>'facet', e->>'value', (e->>'bit')::smallint FROM jsonb_array_elements(${JSON.stringify(added)}::jsonb) AS e`,
    )
  }
  return dictionary
}

/** One document's facet bits under a dictionary. */
export function documentFacetBits(dictionary: FacetDictionary, d: SearchDocument): DocumentFacetBits {
  const overflow = new Set<string>()
  const bitsOf = (facet: BitFacet) => {
    let bits = 0n
    for (const value of valuesOf(d, facet)) {
      const bit = dictionary.get(facet)!.get(value)
      if (bit === undefined) overflow.add(`${facet}:${value}`)
      else bits |= 1n << BigInt(bit)
    }
    return bits
  }
  const bits = { tagBits: bitsOf('tags'), districtBits: bitsOf('districts'), kindBits: bitsOf('institutionKinds') }
  return { ...bits, facetOverflow: overflow.size > 0 ? [...overflow] : null }
}

/** One group of matching documents that share a facet's bits (or type, or overflow values). */
export interface FacetGroup {
  /** Which grouping the row belongs to; 'total' is the row over every match. */
  facet: Facet | 'overflow' | 'total'
  key: string | null
  overflow: string[] | null
  n: number
}

/** Facet counts per value from grouped bits: a group of n documents adds n to each value whose bit is set. */
export function facetCountsOf(groups: FacetGroup[], dictionary: FacetDictionary): FacetCounts {
  const facets = emptyFacets()
  const valueOfBit = new Map(BIT_FACETS.map((f) => [f, new Map([...dictionary.get(f)!].map(([value, bit]) => [bit, value]))]))
  const add = (facet: Facet, value: string, n: number) => (facets[facet][value] = (facets[facet][value] ?? 0) + n)
  for (const { facet, key, overflow, n } of groups) {
    if (facet === 'total') continue
    if (facet === 'overflow') {
      for (const entry of overflow ?? []) {
        const at = entry.indexOf(':')
        add(entry.slice(0, at) as BitFacet, entry.slice(at + 1), n)
      }
    } else if (key === null) continue
    else if (facet === 'type') add('type', key, n)
    else {
      const values = valueOfBit.get(facet)!
      let bits = BigInt(key)
      for (let bit = 0; bits > 0n; bit++, bits >>= 1n) {
        const value = bits & 1n ? values.get(bit) : undefined
        if (value !== undefined) add(facet, value, n)
      }
    }
  }
  return facets
}

export function dictionaryFromRows(rows: [BitFacet, number, string][] | null): FacetDictionary {
  return dictionaryOf((rows ?? []).map(([facet, bit, value]) => ({ facet, bit, value })))
}

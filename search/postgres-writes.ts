/**
 * Index writes of the PostgreSQL engine: the document rows, their texts, the typo dictionary and the
 * postings. Each batch is one transaction under one advisory lock, so writes from several processes
 * apply one at a time (as a Meilisearch index applies its tasks) and postings are never lost to a
 * concurrent read-modify-write. Under that lock a write whose document changed since it was read is
 * dropped (search/versions.ts), and every write goes to each index generation there is: the live one
 * and, while a reindex runs, the one it builds beside it (`rebuildIndex`).
 */
import { sql } from 'drizzle-orm'

import { db, queryRows, type DbOrTx, type Tx } from '../db/client.server'
import type { SearchDocType } from '../db/schema/search'
import type { DocumentRef, SearchDocument, VersionedRef, Visibility, WriteResult } from './engine'
import { applyChanges, keyOf, type PostingChange, type PostingField } from './postings'
import { isStopTerm } from './query'
import { textTerms, truncateWord } from './text'
import { currentOnly, refsJson } from './versions'

const WRITER_LOCK = 42_717_002
const BATCH = 500
/**
 * Words offered as typo corrections (search_terms), counted in letters as PostgreSQL's char_length counts (the
 * migration that built the counts used it).
 */
const MIN_TERM_WORD = 4
const MAX_TERM_WORD = 40
/** Longer runs of letters (pasted codes) are indexed by their beginning. */
const MAX_INDEXED_WORD = 100

/** What a document contributes to the postings, as stored in its search_documents row. */
interface PostedState {
  gen: number
  docType: SearchDocType
  docId: string
  docNo: number
  visibility: Visibility
  tags: string[]
  districts: string[]
  institutionKinds: string[]
  words: string[]
  titleWords: string[]
  summaryWords: string[]
  pairs: string[]
}

const refKey = (type: string, id: string) => keyOf(type, id)

/**
 * A field's distinct index terms (search/text.ts), split by the same function that splits queries, so
 * a typed word always finds the indexed one. (PostgreSQL's own parser splits by the database's locale:
 * "x²y" or letters outside ASCII may come out differently from the query side.)
 */
const distinct = (terms: string[]) => [...new Set(terms.map((w) => truncateWord(w, MAX_INDEXED_WORD)))]

/** Neighbouring terms of one field, stop words skipped (as the query side skips them). */
function neighbours(terms: string[]): string[] {
  const kept = terms.filter((t) => !isStopTerm(t)).map((t) => truncateWord(t, MAX_INDEXED_WORD))
  return kept.slice(1).map((t, i) => `${kept[i]} ${t}`)
}

function documentWords(d: SearchDocument): Pick<PostedState, 'words' | 'titleWords' | 'summaryWords' | 'pairs'> {
  const [title, summary, body] = [d.title, d.summary, d.body].map(textTerms)
  return {
    words: distinct([...title, ...summary, ...body]),
    titleWords: distinct(title),
    summaryWords: distinct(summary),
    pairs: distinct([...neighbours(title), ...neighbours(summary), ...neighbours(body)]),
  }
}

function postedTerms(state: PostedState): [PostingField, string][] {
  return [
    ['gen', String(state.gen)],
    ['visibility', state.visibility],
    ['type', state.docType],
    ...state.tags.map((v): [PostingField, string] => ['tags', v]),
    ...state.districts.map((v): [PostingField, string] => ['districts', v]),
    ...state.institutionKinds.map((v): [PostingField, string] => ['institutionKinds', v]),
    ...state.words.map((w): [PostingField, string] => ['all', w]),
    ...state.titleWords.map((w): [PostingField, string] => ['title', w]),
    ...state.summaryWords.map((w): [PostingField, string] => ['summary', w]),
    ...state.pairs.map((w): [PostingField, string] => ['pair', w]),
  ]
}

/** The postings that change when a document goes from `before` to `after` (one number; either may be absent). */
function changesBetween(before: PostedState | undefined, after: PostedState | undefined): PostingChange[] {
  const key = ([field, term]: [PostingField, string]) => keyOf(field, term)
  const oldTerms = new Map((before ? postedTerms(before) : []).map((t) => [key(t), t]))
  const newTerms = new Map((after ? postedTerms(after) : []).map((t) => [key(t), t]))
  const changes: PostingChange[] = []
  for (const [k, [field, term]] of oldTerms)
    if (!newTerms.has(k)) changes.push({ field, term, docNo: before!.docNo, on: false })
  for (const [k, [field, term]] of newTerms)
    if (!oldTerms.has(k)) changes.push({ field, term, docNo: after!.docNo, on: true })
  return changes
}

const inDictionary = (word: string) => {
  const letters = Array.from(word).length
  return letters >= MIN_TERM_WORD && letters <= MAX_TERM_WORD
}

/**
 * The typo dictionary counts, per word, the documents of each audience that hold it: a word is
 * offered to the public only while a public document holds it, and it leaves the dictionary with the
 * last document that held it (a hidden reply, a removed practice). Only the words that entered or
 * left a document are written.
 */
async function applyDictionary(tx: Tx, transitions: [PostedState | undefined, PostedState | undefined][]) {
  const delta = new Map<string, { p: number; s: number }>()
  const count = (visibility: Visibility, words: Iterable<string>, by: number) => {
    for (const word of words) {
      if (!inDictionary(word)) continue
      const d = delta.get(word) ?? { p: 0, s: 0 }
      if (visibility === 'public') d.p += by
      else d.s += by
      delta.set(word, d)
    }
  }
  for (const [before, after] of transitions) {
    const sameAudience = before?.visibility === after?.visibility
    const old = new Set(before?.words)
    const now = new Set(after?.words)
    if (before) count(before.visibility, sameAudience ? [...old].filter((w) => !now.has(w)) : old, -1)
    if (after) count(after.visibility, sameAudience ? [...now].filter((w) => !old.has(w)) : now, 1)
  }
  const rows = [...delta].filter(([, d]) => d.p !== 0 || d.s !== 0).map(([w, d]) => ({ w, ...d }))
  if (rows.length === 0) return
  const deltas = sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(w text, p int, s int)`
  await tx.execute(
    sql`UPDATE search_terms t
        SET public_docs = greatest(t.public_docs + r.p, 0), staff_docs = greatest(t.staff_docs + r.s, 0)
        FROM ${deltas} WHERE t.word = r.w`,
  )
  await tx.execute(
    sql`INSERT INTO search_terms (word, public_docs, staff_docs)
        SELECT r.w, greatest(r.p, 0), greatest(r.s, 0) FROM ${deltas}
        WHERE r.p > 0 OR r.s > 0 ON CONFLICT (word) DO NOTHING`,
  )
  if (rows.some((r) => r.p < 0 || r.s < 0)) {
    await tx.execute(
      sql`DELETE FROM search_terms t USING ${deltas} WHERE t.word = r.w AND t.public_docs = 0 AND t.staff_docs = 0`,
    )
  }
}

async function lockWriter(tx: Tx) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${WRITER_LOCK})`)
}

async function readPosted(tx: Tx, gen: number, refs: DocumentRef[]): Promise<Map<string, PostedState>> {
  const rows = await queryRows<PostedState>(
    tx,
    sql`SELECT d.gen, d.doc_type AS "docType", d.doc_id AS "docId", d.doc_no AS "docNo", d.visibility, d.tags,
               d.districts, d.institution_kinds AS "institutionKinds", d.words, d.title_words AS "titleWords",
               d.summary_words AS "summaryWords", d.pairs
        FROM jsonb_to_recordset(${refsJson(refs)}::jsonb) AS r(t text, i text)
        JOIN search_documents d ON d.gen = ${gen} AND d.doc_type = r.t AND d.doc_id = r.i`,
  )
  return new Map(rows.map((row) => [refKey(row.docType, row.docId), row]))
}

async function nextDocNos(tx: Tx, n: number): Promise<number[]> {
  if (n === 0) return []
  const rows = await queryRows<{ n: number }>(
    tx,
    sql`SELECT nextval('search_doc_no_seq')::int AS n FROM generate_series(1, ${n})`,
  )
  return rows.map((r) => Number(r.n))
}

async function writeBatch(tx: Tx, gen: number, batch: SearchDocument[]) {
  if (batch.length === 0) return
  const before = await readPosted(tx, gen, batch)
  const newNos = await nextDocNos(tx, batch.filter((d) => !before.has(refKey(d.type, d.id))).length)
  const states = batch.map((d): PostedState => ({
    gen,
    docType: d.type,
    docId: d.id,
    docNo: before.get(refKey(d.type, d.id))?.docNo ?? newNos.shift()!,
    visibility: d.visibility,
    tags: [...new Set(d.tags)],
    districts: [...new Set(d.districts)],
    institutionKinds: [...new Set(d.institutionKinds)],
    ...documentWords(d),
  }))
  const documents = states.map((state, i) => ({
    ...state,
    date: batch[i].date,
    popularity: batch[i].popularity,
    version: batch[i].version ?? null,
  }))
  await tx.execute(
    sql`INSERT INTO search_documents (gen, doc_type, doc_id, doc_no, visibility, tags, districts, institution_kinds,
          date, popularity, words, title_words, summary_words, pairs, version, indexed_at)
        SELECT d.gen, d."docType", d."docId", d."docNo", d.visibility, d.tags, d.districts, d."institutionKinds",
          d.date, d.popularity, d.words, d."titleWords", d."summaryWords", d.pairs, d.version, now()
        FROM jsonb_to_recordset(${JSON.stringify(documents)}::jsonb) AS d(gen smallint, "docType" text, "docId" text,
          "docNo" int, visibility text, tags text[], districts text[], "institutionKinds" text[], date timestamptz,
          popularity int, words text[], "titleWords" text[], "summaryWords" text[], pairs text[], version bigint)
        ON CONFLICT (gen, doc_type, doc_id) DO UPDATE SET visibility = excluded.visibility, tags = excluded.tags,
          districts = excluded.districts, institution_kinds = excluded.institution_kinds, date = excluded.date,
          popularity = excluded.popularity, words = excluded.words, title_words = excluded.title_words,
          summary_words = excluded.summary_words, pairs = excluded.pairs, version = excluded.version,
          indexed_at = excluded.indexed_at`,
  )
  const texts = batch.map((d) => ({
    doc_type: d.type,
    doc_id: d.id,
    url: d.url,
    title: d.title,
    summary: d.summary,
    body: d.body,
  }))
  await tx.execute(
    sql`INSERT INTO search_texts (gen, doc_type, doc_id, url, title, summary, body)
        SELECT ${gen}, t.doc_type, t.doc_id, t.url, t.title, t.summary, t.body
        FROM jsonb_to_recordset(${JSON.stringify(texts)}::jsonb)
          AS t(doc_type text, doc_id text, url text, title text, summary text, body text)
        ON CONFLICT (gen, doc_type, doc_id) DO UPDATE SET url = excluded.url, title = excluded.title,
          summary = excluded.summary, body = excluded.body`,
  )
  await applyDictionary(
    tx,
    states.map((s) => [before.get(refKey(s.docType, s.docId)), s]),
  )
  await applyChanges(
    tx,
    states.flatMap((s) => changesBetween(before.get(refKey(s.docType, s.docId)), s)),
  )
}

async function removeBatch(tx: Tx, gen: number, refs: DocumentRef[]) {
  const before = await readPosted(tx, gen, refs)
  if (before.size === 0) return
  const keys = JSON.stringify([...before.values()].map((s) => ({ t: s.docType, i: s.docId })))
  await tx.execute(
    sql`DELETE FROM search_documents d USING jsonb_to_recordset(${keys}::jsonb) AS r(t text, i text)
        WHERE d.gen = ${gen} AND d.doc_type = r.t AND d.doc_id = r.i`,
  )
  await tx.execute(
    sql`DELETE FROM search_texts d USING jsonb_to_recordset(${keys}::jsonb) AS r(t text, i text)
        WHERE d.gen = ${gen} AND d.doc_type = r.t AND d.doc_id = r.i`,
  )
  await applyDictionary(
    tx,
    [...before.values()].map((s) => [s, undefined]),
  )
  await applyChanges(
    tx,
    [...before.values()].flatMap((s) => changesBetween(s, undefined)),
  )
}

interface IndexState {
  live: number
  building: number | null
  buildingSince: string | Date | null
}

async function readState(tx: DbOrTx): Promise<IndexState> {
  const [row] = await queryRows<IndexState>(
    tx,
    sql`SELECT live, building, building_since AS "buildingSince" FROM search_state WHERE id = 1`,
  )
  return row
    ? {
        live: Number(row.live),
        building: row.building === null ? null : Number(row.building),
        buildingSince: row.buildingSince,
      }
    : { live: 0, building: null, buildingSince: null }
}

/** The generation searches read now. */
export async function liveGeneration(runner: DbOrTx): Promise<number> {
  return (await readState(runner)).live
}

/** Every generation there is: a write goes to each, so a build finishing later has it too. */
const generations = (state: IndexState) => (state.building === null ? [state.live] : [state.live, state.building])

/**
 * Writes a batch of documents or removals, in one transaction under the writer lock, dropping those overtaken by a
 * change.
 */
async function writeUnderLock<T extends DocumentRef & { version?: number }>(
  items: T[],
  gens: 'all' | number,
  write: (tx: Tx, gen: number, items: T[]) => Promise<void>,
): Promise<WriteResult> {
  const stale: DocumentRef[] = []
  for (let i = 0; i < items.length; i += BATCH) {
    await db.transaction(async (tx) => {
      await lockWriter(tx)
      const checked = await currentOnly(tx, items.slice(i, i + BATCH))
      stale.push(...checked.stale.map((d) => ({ type: d.type, id: d.id })))
      for (const gen of gens === 'all' ? generations(await readState(tx)) : [gens])
        await write(tx, gen, checked.current)
    })
  }
  return { stale }
}

/**
 * Adds or replaces documents (a document listed twice is indexed as its last listing); says which were dropped as
 * overtaken.
 */
export async function indexDocuments(documents: SearchDocument[]) {
  return writeUnderLock([...new Map(documents.map((d) => [refKey(d.type, d.id), d])).values()], 'all', writeBatch)
}

export async function removeDocuments(refs: VersionedRef[]) {
  return writeUnderLock(refs, 'all', removeBatch)
}

/** Removes every row of one generation, a batch at a time (postings and dictionary kept exact). */
async function dropGeneration(gen: number) {
  for (;;) {
    const refs = await queryRows<DocumentRef>(
      db,
      sql`SELECT doc_type AS type, doc_id AS id FROM search_documents WHERE gen = ${gen} LIMIT ${BATCH}`,
    )
    if (refs.length === 0) return
    await writeUnderLock(refs, gen, removeBatch)
  }
}

/** A build older than this is taken to have died with its process; a new one starts over. */
const BUILD_ABANDONED_MS = 60 * 60 * 1000

/**
 * Builds a new generation of the index beside the live one and makes it live: `fill` writes every
 * searchable document through the given function (checked against versions as any write); searches
 * read the live generation meanwhile, and the outbox worker writes to both. The old generation is
 * removed afterwards.
 */
export async function rebuildIndex(
  fill: (write: (documents: SearchDocument[]) => Promise<WriteResult>) => Promise<void>,
) {
  const { gen, abandoned } = await db.transaction(async (tx) => {
    await lockWriter(tx)
    const state = await readState(tx)
    if (state.building !== null && Date.now() - new Date(state.buildingSince ?? 0).getTime() < BUILD_ABANDONED_MS)
      throw new Error('A reindex is already running')
    const next = (Math.max(state.live, state.building ?? 0) % 32_000) + 1
    await tx.execute(sql`UPDATE search_state SET building = ${next}, building_since = now() WHERE id = 1`)
    return { gen: next, abandoned: state.building }
  })
  // A build that died, and an old generation whose removal was interrupted, are removed first.
  const leftovers = await queryRows<{ gen: number }>(
    db,
    sql`SELECT DISTINCT gen FROM search_documents
        WHERE gen <> ${gen} AND gen <> (SELECT live FROM search_state WHERE id = 1)`,
  )
  for (const old of new Set([...(abandoned === null ? [] : [abandoned]), ...leftovers.map((r) => Number(r.gen))]))
    await dropGeneration(old)
  try {
    await fill((documents) =>
      writeUnderLock([...new Map(documents.map((d) => [refKey(d.type, d.id), d])).values()], gen, writeBatch),
    )
  } catch (error) {
    await db.execute(
      sql`UPDATE search_state SET building = NULL, building_since = NULL WHERE id = 1 AND building = ${gen}`,
    )
    await dropGeneration(gen)
    throw error
  }
  const old = await db.transaction(async (tx) => {
    await lockWriter(tx)
    const state = await readState(tx)
    await tx.execute(sql`UPDATE search_state SET live = ${gen}, building = NULL, building_since = NULL WHERE id = 1`)
    return state.live
  })
  await dropGeneration(old)
}

/** Removes every document of these types, or everything (then the typo dictionary too). */
export async function clearDocuments(types?: SearchDocType[]) {
  if (!types?.length) {
    await db.transaction(async (tx) => {
      await lockWriter(tx)
      for (const table of ['search_documents', 'search_texts', 'search_terms', 'search_postings'])
        await tx.execute(sql.raw(`DELETE FROM ${table}`))
    })
    return
  }
  for (;;) {
    const refs = await queryRows<DocumentRef>(
      db,
      sql`SELECT DISTINCT doc_type AS type, doc_id AS id FROM search_documents
          WHERE doc_type = ANY(${`{${types.join(',')}}`}::text[]) LIMIT ${BATCH * 5}`,
    )
    if (refs.length === 0) return
    await removeDocuments(refs)
  }
}

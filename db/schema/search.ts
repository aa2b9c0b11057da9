import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  check,
  customType,
  index,
  integer,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core'

export const SEARCH_DOC_TYPES = ['practice', 'case', 'course', 'event'] as const
export type SearchDocType = (typeof SEARCH_DOC_TYPES)[number]

/** Writes that change searchable content add a row here in the same transaction; a worker applies them. */
export const searchOutbox = pgTable(
  'search_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    docType: text('doc_type', { enum: SEARCH_DOC_TYPES }).notNull(),
    docId: text('doc_id').notNull(),
    op: text('op', { enum: ['upsert', 'delete'] })
      .notNull()
      .default('upsert'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('search_outbox_due_idx').on(t.nextAttemptAt)],
)

/**
 * How often each document's searchable content has changed: `enqueueSearch` adds one in the
 * transaction of the change (the row lock puts concurrent changes of one document in commit order).
 * An index write carries the version its document was read at and is dropped if the document has
 * changed since, so an older state never overwrites a newer one (search/versions.ts).
 */
export const searchVersions = pgTable(
  'search_versions',
  {
    docType: text('doc_type', { enum: SEARCH_DOC_TYPES }).notNull(),
    docId: text('doc_id').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.docType, t.docId] })],
)

/**
 * Which generation of the index searches read, and which one a reindex is building beside it (one
 * row). Index writes go to both while a build runs; the build ends by making its generation live.
 */
export const searchState = pgTable('search_state', {
  id: smallint('id').primaryKey(),
  live: smallint('live').notNull(),
  building: smallint('building'),
  buildingSince: timestamp('building_since', { withTimezone: true }),
})

/**
 * The PostgreSQL engine's document table (search/postgres.ts): one row per searchable document and
 * index generation with what ranking, ordering and hits need. `doc_no` numbers the document in the
 * postings bitmaps (search_postings); the term arrays are the document's distinct index terms per
 * field, kept so that an update or delete knows which postings to clear; `version` is the version
 * of the document it was written from.
 */
export const searchDocuments = pgTable(
  'search_documents',
  {
    gen: smallint('gen').notNull().default(0),
    docType: text('doc_type', { enum: SEARCH_DOC_TYPES }).notNull(),
    docId: text('doc_id').notNull(),
    visibility: text('visibility', { enum: ['public', 'staff'] }).notNull(),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    districts: text('districts')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    institutionKinds: text('institution_kinds')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    date: timestamp('date', { withTimezone: true }),
    popularity: integer('popularity').notNull().default(0),
    docNo: integer('doc_no').notNull(),
    words: text('words').array().notNull(),
    titleWords: text('title_words').array().notNull(),
    summaryWords: text('summary_words').array().notNull(),
    pairs: text('pairs')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    version: bigint('version', { mode: 'number' }),
    indexedAt: timestamp('indexed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.gen, t.docType, t.docId] }),
    unique('search_documents_doc_no_key').on(t.docNo),
    // The two orders a page is read in when most documents match (newest first; most useful first).
    index('search_documents_newest_idx').on(t.date.desc().nullsLast(), t.docNo),
    index('search_documents_popular_idx').on(t.popularity.desc(), t.date.desc().nullsLast(), t.docNo),
  ],
)

/**
 * Document numbers are handed out once and never reused, so a bitmap read a moment ago never names another document.
 */
export const searchDocNoSeq = pgSequence('search_doc_no_seq', { startWith: 0, minValue: 0 })

/** One chunk's bitmap: CHUNK_BITS (search/bitset.ts) bits. */
const bitChunk = customType<{ data: string }>({ dataType: () => 'bit(8192)' })

/**
 * The inverted index of the PostgreSQL engine: for each field and term, which documents hold it, as
 * one row per chunk of 8,192 document numbers (search/bitset.ts). A chunk with few documents keeps
 * their positions (`positions`), a fuller one a bitmap (`bits`); exactly one of the two is set.
 * Fields: 'all', 'title', 'summary' (index terms), 'pair' (neighbouring terms), 'gen' (the index
 * generation) and the facets 'visibility', 'type', 'tags', 'districts', 'institutionKinds' (values). A search reads the
 * postings of its words
 * and counts facets by ANDing bitmaps, so its cost does not grow with the number of matches.
 */
export const searchPostings = pgTable(
  'search_postings',
  {
    field: text('field').notNull(),
    term: text('term').notNull(),
    chunk: integer('chunk').notNull(),
    bits: bitChunk('bits'),
    positions: smallint('positions').array(),
  },
  (t) => [
    primaryKey({ columns: [t.field, t.term, t.chunk] }),
    index('search_postings_prefix_idx').on(t.field, t.term.op('text_pattern_ops')),
    check('search_postings_one_form', sql`(${t.bits} IS NULL) <> (${t.positions} IS NULL)`),
  ],
)

/** What a hit shows: the document's texts as written (for the title, snippet and highlighting), per generation. */
export const searchTexts = pgTable(
  'search_texts',
  {
    gen: smallint('gen').notNull().default(0),
    docType: text('doc_type', { enum: SEARCH_DOC_TYPES }).notNull(),
    docId: text('doc_id').notNull(),
    url: text('url').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.gen, t.docType, t.docId] })],
)

/**
 * Every distinct index term (search/text.ts), for typo tolerance: nearest words by trigram distance.
 * The counts say how many public and staff-only documents hold the word: the public is offered only
 * words of public documents, and a word no document holds any more is deleted.
 */
export const searchTerms = pgTable(
  'search_terms',
  {
    word: text('word').primaryKey(),
    publicDocs: integer('public_docs').notNull().default(0),
    staffDocs: integer('staff_docs').notNull().default(0),
  },
  (t) => [index('search_terms_trgm_idx').using('gist', t.word.op('gist_trgm_ops'))],
)

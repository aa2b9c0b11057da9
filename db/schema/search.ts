import { sql } from 'drizzle-orm'
import { bigint, bigserial, customType, index, integer, pgTable, primaryKey, smallint, text, timestamp, unique } from 'drizzle-orm/pg-core'

export const SEARCH_DOC_TYPES = ['practice', 'case', 'course', 'event'] as const
export type SearchDocType = (typeof SEARCH_DOC_TYPES)[number]

/** Writes that change searchable content add a row here in the same transaction; a worker applies them. */
export const searchOutbox = pgTable(
  'search_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    docType: text('doc_type', { enum: SEARCH_DOC_TYPES }).notNull(),
    docId: text('doc_id').notNull(),
    op: text('op', { enum: ['upsert', 'delete'] }).notNull().default('upsert'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('search_outbox_due_idx').on(t.nextAttemptAt)],
)

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

/**
 * The PostgreSQL engine's index (search/postgres.ts): one narrow row per searchable document, so a
 * query matching most of the corpus still scans little. `vector` holds every transliterated word
 * (title, summary, body) for matching; the small title and summary vectors rank matches by field.
 * The texts themselves live in search_texts and are read only for the hits of one page.
 * Facet values are also kept as bit sets (`*_bits`, one bit per value from search_facet_bits), so
 * counting facets over thousands of matches groups small integers instead of arrays; values beyond
 * a facet's 63 bits go to `facet_overflow` as "facet:value" strings.
 */
export const searchDocuments = pgTable(
  'search_documents',
  {
    docType: text('doc_type', { enum: SEARCH_DOC_TYPES }).notNull(),
    docId: text('doc_id').notNull(),
    visibility: text('visibility', { enum: ['public', 'staff'] }).notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    districts: text('districts').array().notNull().default(sql`'{}'::text[]`),
    institutionKinds: text('institution_kinds').array().notNull().default(sql`'{}'::text[]`),
    date: timestamp('date', { withTimezone: true }),
    popularity: integer('popularity').notNull().default(0),
    tagBits: bigint('tag_bits', { mode: 'bigint' }).notNull().default(sql`0`),
    districtBits: bigint('district_bits', { mode: 'bigint' }).notNull().default(sql`0`),
    kindBits: bigint('kind_bits', { mode: 'bigint' }).notNull().default(sql`0`),
    facetOverflow: text('facet_overflow').array(),
    vector: tsvector('vector').notNull(),
    titleVector: tsvector('title_vector').notNull(),
    summaryVector: tsvector('summary_vector').notNull(),
    indexedAt: timestamp('indexed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.docType, t.docId] }),
    index('search_documents_vector_idx').using('gin', t.vector),
    index('search_documents_tags_idx').using('gin', t.tags),
    index('search_documents_districts_idx').using('gin', t.districts),
    index('search_documents_kinds_idx').using('gin', t.institutionKinds),
    index('search_documents_date_idx').on(t.date),
  ],
)

/** What a hit shows: the document's texts as written (for the title, snippet and highlighting). */
export const searchTexts = pgTable(
  'search_texts',
  {
    docType: text('doc_type', { enum: SEARCH_DOC_TYPES }).notNull(),
    docId: text('doc_id').notNull(),
    url: text('url').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.docType, t.docId] })],
)

/** Every distinct indexed word (transliterated), for typo tolerance: nearest words by trigram distance. */
export const searchTerms = pgTable(
  'search_terms',
  { word: text('word').primaryKey() },
  (t) => [index('search_terms_trgm_idx').using('gist', t.word.op('gist_trgm_ops'))],
)

/**
 * The bit of each facet value in search_documents' `*_bits` columns. A value gets the next free bit
 * the first time it is indexed and keeps it; rows are never changed or deleted, so a bit always
 * means the same value.
 */
export const searchFacetBits = pgTable(
  'search_facet_bits',
  {
    facet: text('facet', { enum: ['tags', 'districts', 'institutionKinds'] }).notNull(),
    value: text('value').notNull(),
    bit: smallint('bit').notNull(),
  },
  (t) => [primaryKey({ columns: [t.facet, t.value] }), unique('search_facet_bits_facet_bit_key').on(t.facet, t.bit)],
)

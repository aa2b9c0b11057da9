import { slugify } from '../../app/features/platform/slugs.server'
import { plainTextToDoc } from '../../app/features/richtext/document'
import type { DbOrTx } from '../../db/client.server'
import { practiceCaseLinks, practices } from '../../db/schema'
import type { Locale } from '../../db/schema/identity'
import { PRACTICE_SECTIONS, type PracticeSection, type PracticeStatus } from '../../db/schema/practices'
import { enqueueSearch } from '../../search/outbox'

let counter = 0
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`

export interface PracticeSeed {
  authorId: string
  institutionId: string
  title?: string
  summary?: string
  language?: Locale
  sections?: Partial<Record<PracticeSection, string>>
  status?: PracticeStatus
  situationTags?: string[]
  ageBands?: string[]
  educationStages?: string[]
  institutionKinds?: string[]
  districts?: string[]
  caseCodes?: string[]
  usefulCount?: number
  publishedAt?: Date
  slug?: string
}

/**
 * A practice straight into the table (tests and seeds). Published ones get a search-outbox row, as
 * every real write does; the worker (or `npm run search:reindex`) indexes them.
 */
export async function makePractice(db: DbOrTx, input: PracticeSeed) {
  const title = input.title ?? `Добра практика ${unique()}`
  const texts = {
    problem: 'Децата от квартала не посещават редовно училище.',
    actions: 'Екипът посещава семействата заедно с медиатор.',
    results: '',
    resources: '',
    ...input.sections,
  } as Record<PracticeSection, string>
  const status = input.status ?? 'published'
  const publishedAt = status === 'published' || status === 'archived' ? (input.publishedAt ?? new Date()) : null
  const [row] = await db
    .insert(practices)
    .values({
      slug: input.slug ?? `${slugify(title, 'practice')}-${unique()}`,
      status,
      title,
      summary: input.summary ?? 'Кратко описание на практиката и на резултатите от нея за децата.',
      language: input.language ?? 'bg',
      sections: Object.fromEntries(
        PRACTICE_SECTIONS.map((s) => [s, texts[s] ? plainTextToDoc(texts[s]) : null]),
      ) as never,
      sectionTexts: texts,
      situationTags: input.situationTags ?? [],
      ageBands: input.ageBands ?? [],
      educationStages: input.educationStages ?? [],
      institutionKinds: input.institutionKinds ?? [],
      districts: input.districts ?? [],
      authorId: input.authorId,
      institutionId: input.institutionId,
      usefulCount: input.usefulCount ?? 0,
      submittedAt: status === 'draft' ? null : (publishedAt ?? new Date()),
      publishedAt,
      createdAt: publishedAt ?? new Date(),
      updatedAt: publishedAt ?? new Date(),
    })
    .returning()
  if (input.caseCodes?.length)
    await db.insert(practiceCaseLinks).values(input.caseCodes.map((caseCode) => ({ practiceId: row.id, caseCode })))
  if (status === 'published') await enqueueSearch(db, 'practice', row.id)
  return row
}

import { eq, sql } from 'drizzle-orm'

import { nextCaseCode } from '../../app/features/cases/cases.server'
import { descriptionColumns, replyColumns } from '../../app/features/cases/post-html.server'
import { plainTextToDoc } from '../../app/features/richtext/document'
import type { DbOrTx } from '../../db/client.server'
import { caseInstitutions, caseReplies, caseStatusChanges, caseThreads, caseWatchers } from '../../db/schema'
import type { AgeBand, CaseOutcome, CaseStatus, EducationStage, SituationTag } from '../../db/schema/cases'
import { enqueueSearch } from '../../search/outbox'

let counter = 0

export interface CaseSpec {
  authorId: string
  institutionId: string
  title?: string
  description?: string
  districtCode?: string | null
  ageBand?: AgeBand
  educationStage?: EducationStage
  tags?: SituationTag[]
  status?: CaseStatus
  outcome?: CaseOutcome | null
  statusChangedBy?: string
  involvedInstitutionIds?: string[]
  createdAt?: Date
}

/**
 * A case written straight to the tables (no privacy guard: the text is the caller's responsibility), and queued for
 * the search index as the forum queues a new case.
 */
export async function makeCase(db: DbOrTx, spec: CaseSpec) {
  const createdAt = spec.createdAt ?? new Date()
  const code = await nextCaseCode(db, createdAt)
  const description =
    spec.description ?? 'Дете от начален етап не посещава училище от началото на срока. Семейството е уведомено.'
  const status = spec.status ?? 'open'
  const [row] = await db
    .insert(caseThreads)
    .values({
      code,
      title: spec.title ?? `Случай ${++counter}: дете извън училище`,
      descriptionDoc: plainTextToDoc(description),
      descriptionText: description,
      ...descriptionColumns(plainTextToDoc(description)),
      districtCode: spec.districtCode === undefined ? 'lyulin' : spec.districtCode,
      ageBand: spec.ageBand ?? '7-10',
      educationStage: spec.educationStage ?? 'primary',
      tags: spec.tags ?? ['long_absence'],
      status,
      outcome: status === 'resolved' ? (spec.outcome ?? 'returned_to_school') : null,
      authorId: spec.authorId,
      institutionId: spec.institutionId,
      statusChangedBy: spec.statusChangedBy ?? spec.authorId,
      statusChangedAt: createdAt,
      lastActivityAt: createdAt,
      createdAt,
    })
    .returning()
  const involved = [...new Set([spec.institutionId, ...(spec.involvedInstitutionIds ?? [])])]
  await db.insert(caseInstitutions).values(involved.map((institutionId) => ({ caseId: row.id, institutionId })))
  await db.insert(caseWatchers).values({ caseId: row.id, userId: spec.authorId }).onConflictDoNothing()
  if (status !== 'open') {
    await db.insert(caseStatusChanges).values({
      caseId: row.id,
      actorId: spec.statusChangedBy ?? spec.authorId,
      fromStatus: 'open',
      toStatus: status,
      outcome: row.outcome,
      at: createdAt,
    })
  }
  await enqueueSearch(db, 'case', row.id)
  return row
}

/** Replies appended in order; the case's counter and activity move with them, and its search document. */
export async function makeReplies(
  db: DbOrTx,
  caseId: string,
  replies: { authorId: string; text: string; createdAt?: Date }[],
) {
  if (replies.length === 0) return []
  const [thread] = await db
    .update(caseThreads)
    .set({
      replyCount: sql`${caseThreads.replyCount} + ${replies.length}`,
      lastActivityAt: replies.at(-1)!.createdAt ?? new Date(),
    })
    .where(eq(caseThreads.id, caseId))
    .returning({ replyCount: caseThreads.replyCount })
  const first = thread.replyCount - replies.length + 1
  const rows = await db
    .insert(caseReplies)
    .values(
      replies.map((r, i) => ({
        caseId,
        number: first + i,
        authorId: r.authorId,
        bodyDoc: plainTextToDoc(r.text),
        bodyText: r.text,
        ...replyColumns(plainTextToDoc(r.text)),
        createdAt: r.createdAt ?? new Date(),
      })),
    )
    .returning()
  const authors = [...new Set(replies.map((r) => r.authorId))]
  await db
    .insert(caseWatchers)
    .values(authors.map((userId) => ({ caseId, userId })))
    .onConflictDoNothing()
  await enqueueSearch(db, 'case', caseId)
  return rows
}

import { db } from '../../../db/client.server'
import { openingHiddenFor, requireCase } from '../cases/access.server'
import { requirePermission, type Actor } from '../identity/permissions'
import { Refusal } from '../platform/refusal.server'
import type { PracticeFormDefaults } from './PracticeForm'

const SUMMARY_FROM_CASE = 400

/**
 * "Share as a good practice": a new draft's fields taken from a resolved case. Only the case's
 * anonymised text is used (it passed the privacy guard when written, and passes it again on save).
 */
export async function practiceDraftFromCase(actor: Actor, code: string): Promise<PracticeFormDefaults> {
  requirePermission(actor, 'practice:create')
  const thread = await requireCase(db, actor, code)
  if (thread.status !== 'resolved' && thread.status !== 'closed')
    throw new Refusal('practices.error.caseNotResolved', { status: 409 })
  // A hidden opening post is not copied into a practice for a reader who may not see it.
  const hidden = openingHiddenFor(actor, thread)
  const summary = hidden ? '' : thread.descriptionText.replace(/\s+/g, ' ').trim()
  return {
    title: hidden ? '' : thread.title,
    summary:
      summary.length > SUMMARY_FROM_CASE
        ? `${summary.slice(0, summary.lastIndexOf(' ', SUMMARY_FROM_CASE))} …`
        : summary,
    sections: hidden ? {} : { problem: thread.descriptionDoc },
    situationTags: thread.tags,
    ageBands: [thread.ageBand],
    educationStages: thread.educationStage === 'none' ? [] : [thread.educationStage],
    districts: thread.districtCode ? [thread.districtCode] : [],
    caseCodes: [],
    sourceCaseCode: thread.code,
  }
}

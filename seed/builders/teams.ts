import { awardMilestones } from '../../app/features/teams/recognition.server'
import type { DbOrTx } from '../../db/client.server'
import { caseTeams, fieldRounds, teamRecognitions } from '../../db/schema'

export interface FieldRoundSpec {
  teamId: string
  authorId: string
  /** The Sofia day, YYYY-MM-DD (any day: the one-year limit of the form is the feature's, not the data's). */
  roundDate: string
  districtCodes: string[]
  householdsVisited?: number
  childrenMet?: number
  childrenOutOfSchool?: number
  referred?: number
  enrolled?: number
  returned?: number
  note?: string
  createdAt?: Date
}

/**
 * A field round written straight to the table (the note is the caller's responsibility), then the
 * team's milestones through the feature, in the same transaction — as recording one does.
 */
export async function makeFieldRound(db: DbOrTx, spec: FieldRoundSpec) {
  const createdAt = spec.createdAt ?? new Date(`${spec.roundDate}T16:00:00Z`)
  const [row] = await db
    .insert(fieldRounds)
    .values({
      teamId: spec.teamId,
      authorId: spec.authorId,
      roundDate: spec.roundDate,
      districtCodes: spec.districtCodes,
      householdsVisited: spec.householdsVisited ?? 0,
      childrenMet: spec.childrenMet ?? 0,
      childrenOutOfSchool: spec.childrenOutOfSchool ?? 0,
      referred: spec.referred ?? 0,
      enrolled: spec.enrolled ?? 0,
      returned: spec.returned ?? 0,
      note: spec.note ?? '',
      createdAt,
      updatedAt: createdAt,
    })
    .returning()
  await awardMilestones(db, spec.teamId)
  return row
}

/** A case given to a team (as the case page does, without the notification). */
export async function assignCaseToTeam(db: DbOrTx, caseId: string, teamId: string, assignedBy?: string) {
  await db
    .insert(caseTeams)
    .values({ caseId, teamId, assignedBy: assignedBy ?? null })
    .onConflictDoNothing()
}

/** A coordinator's recognition of a team, written straight to the table. */
export async function makeRecognition(
  db: DbOrTx,
  spec: {
    teamId: string
    awardedBy: string
    title: string
    citation: string
    periodStart: string
    periodEnd: string
    awardedAt?: Date
  },
) {
  const [row] = await db
    .insert(teamRecognitions)
    .values({ kind: 'award', ...spec })
    .returning()
  return row
}

import type { DbOrTx } from '../../db/client.server'
import { foreignSchoolAnswers, foreignSchoolRounds, foreignSchools } from '../../db/schema'
import type { ForeignCountField } from '../../db/schema/foreign-schools'

export interface ForeignSchoolSpec {
  name: string
  contactEmail: string
  /** The school's answer (aggregate numbers only), or none yet. */
  answer?: Partial<Record<ForeignCountField, number>> & { comment?: string; submissions?: number }
}

/**
 * A data-collection round among foreign schools, with its schools and their answers, written straight to
 * the tables. The schools get no link (only its hash would be stored): the coordinator sends one from the
 * round's page ("new link").
 */
export async function makeForeignSchoolRound(
  db: DbOrTx,
  spec: { title: string; periodStart: string; periodEnd: string; createdBy: string; schools: ForeignSchoolSpec[] },
) {
  const [round] = await db
    .insert(foreignSchoolRounds)
    .values({ title: spec.title, periodStart: spec.periodStart, periodEnd: spec.periodEnd, createdBy: spec.createdBy })
    .returning()
  for (const school of spec.schools) {
    const [row] = await db
      .insert(foreignSchools)
      .values({ roundId: round.id, name: school.name, contactEmail: school.contactEmail })
      .returning()
    if (school.answer) await db.insert(foreignSchoolAnswers).values({ schoolId: row.id, ...school.answer })
  }
  return round
}

import { eq, sql } from 'drizzle-orm'

import { queryRows, type DbOrTx } from '../../../db/client.server'
import { caseTeams } from '../../../db/schema'
import { caseOutcomeCounts } from '../cases/cases.server'
import { teamChildrenReached } from './indicators.server'

export interface TeamFigures {
  rounds: number
  householdsVisited: number
  /** Children met on field rounds plus the team's cases no round already counted (the indicators' rule). */
  childrenReached: number
  /** Children met on field rounds. */
  childrenMet: number
  childrenOutOfSchool: number
  referred: number
  /** Enrolled or returned to school: by field rounds and by the team's resolved cases. */
  childrenBackInSchool: number
  casesAssigned: number
  casesResolved: number
  casesReturnedToSchool: number
  casesEnrolledFirstTime: number
}

/** A team's figures, from its field rounds and the cases assigned to it (never typed in twice). */
export async function teamFigures(runner: DbOrTx, teamId: string): Promise<TeamFigures> {
  const [rounds] = await queryRows<{
    rounds: number
    households: number
    met: number
    outOfSchool: number
    referred: number
    back: number
  }>(
    runner,
    sql`SELECT count(*)::int AS rounds,
               coalesce(sum(households_visited), 0)::int AS households,
               coalesce(sum(children_met), 0)::int AS met,
               coalesce(sum(children_out_of_school), 0)::int AS "outOfSchool",
               coalesce(sum(referred), 0)::int AS referred,
               coalesce(sum(enrolled + returned), 0)::int AS back
          FROM field_rounds WHERE team_id = ${teamId}`,
  )
  const caseIds = (
    await runner.select({ id: caseTeams.caseId }).from(caseTeams).where(eq(caseTeams.teamId, teamId))
  ).map((r) => r.id)
  const outcomes = await caseOutcomeCounts(runner, caseIds)
  const reached = await teamChildrenReached(runner, teamId)
  const resolved = Object.values(outcomes).reduce((a, b) => a + (b ?? 0), 0)
  const returned = outcomes.returned_to_school ?? 0
  const enrolled = outcomes.enrolled_first_time ?? 0
  return {
    rounds: rounds.rounds,
    householdsVisited: rounds.households,
    childrenReached: reached.met + reached.cases,
    childrenMet: rounds.met,
    childrenOutOfSchool: rounds.outOfSchool,
    referred: rounds.referred,
    childrenBackInSchool: rounds.back + returned + enrolled,
    casesAssigned: caseIds.length,
    casesResolved: resolved,
    casesReturnedToSchool: returned,
    casesEnrolledFirstTime: enrolled,
  }
}

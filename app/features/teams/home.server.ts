import type { Actor } from '../identity/permissions'
import { computeIndicators } from '../indicators/indicators.server'
import { periodOf } from '../indicators/period'
import { addSofiaDays, sofiaDateInput } from '../platform/sofia-time'
import { teamRounds } from './rounds.server'
import { teamLabel } from './teams.server'

/** How many of the team's latest rounds a home page lists. */
const LATEST_ROUNDS = 3

/**
 * A colleague's own team on their home page: its indicators over the twelve months up to today (the
 * report's default period) and its latest rounds. Outside the coordinators' view the small-number rule
 * applies (computeIndicators shows small district counts as "<5"). Null without a team.
 */
export async function myTeamOverview(actor: Actor, now = new Date()) {
  if (!actor.teamId) return null
  const today = sofiaDateInput(now)
  const period = periodOf(`${addSofiaDays(today, -365).slice(0, 7)}-01`, today)
  const [team, indicators, rounds] = await Promise.all([
    teamLabel(actor.teamId),
    computeIndicators(actor, period, { teamId: actor.teamId }),
    teamRounds(actor.teamId, LATEST_ROUNDS),
  ])
  return team ? { team, indicators, rounds } : null
}

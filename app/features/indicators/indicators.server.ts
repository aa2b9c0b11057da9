import { CASE_OUTCOMES, type CaseOutcome } from '../../../db/schema/cases'
import { getEnv } from '../../env.server'
import { followThroughFigures, type ActionIndicators } from '../actions/indicators.server'
import { caseFigures } from '../cases/indicators.server'
import { conferencesHeld } from '../chat/indicators.server'
import { eventFigures } from '../events/indicators.server'
import { can, requirePermission, type Actor } from '../identity/permissions'
import { practiceFigures } from '../practices/indicators.server'
import { roundFigures, type RoundTotals } from '../teams/indicators.server'
import { teamLabel } from '../teams/teams.server'
import { trainingFigures } from '../training/indicators.server'
import { monthsOf, type ChosenPeriod } from './period'
import type { IndicatorScope } from './scope'

/** A count as shown: the number, or "<5" where the small-number rule hides it. */
export type ShownCount = number | '<5'

export const SMALL_NUMBER_LIMIT = 5

/**
 * The small-number rule: outside the coordinators' view, any count below 5 in a district × age band ×
 * outcome cell shows as "<5" (a small number can identify a child). Zero stays zero.
 */
export function shownCount(count: number, restricted: boolean): ShownCount {
  return restricted && count > 0 && count < SMALL_NUMBER_LIMIT ? '<5' : count
}

export interface Indicators {
  period: { from: string; to: string }
  scope: { districtCode: string | null; team: { slug: string; name: string } | null }
  /** True when the small-number rule applies (anyone but coordinators and admins). */
  restricted: boolean
  /**
   * Children met on field rounds plus the cases opened that no round already counted (the rule and why:
   * app/features/teams/indicators.server.ts, docs/decisions/0011-children-reached-rounds-and-cases.md).
   */
  childrenReached: { value: number; target: number; metOnRounds: number; casesNotInRounds: number }
  /** Unique people in trainings, events for professionals and field work (who recorded a round). */
  participants: { value: number; target: number; training: number; events: number; fieldWork: number }
  rounds: RoundTotals
  outcomes: { outcome: CaseOutcome; count: number }[]
  resolved: number
  medianDaysToResolve: number | null
  openDays: { sessions: number; registered: number; attended: number }
  courses: { completions: number; learners: number }
  practices: { published: number; usefulMarks: number }
  conferences: number
  /** Per month: cases opened and resolved, children met on rounds, and children reached (the rule above). */
  trend: { month: string; opened: number; resolved: number; childrenMet: number; reached: number }[]
  /** Per district; a round in several districts counts whole in each, so the rows may add up to more. */
  districts: {
    districtCode: string | null
    reached: ShownCount
    childrenMet: ShownCount
    opened: ShownCount
    resolved: ShownCount
    back: ShownCount
  }[]
  cells: { districtCode: string | null; ageBand: string; outcome: string; count: ShownCount }[]
  /** Issue #14's follow-through and retention figures; null for those who may not see them. */
  followThrough: ActionIndicators | null
}

/**
 * Unique participants in trainings, events and field work: training enrolments, check-ins at events for
 * professionals and the colleagues who recorded a field round, each person once.
 */
function participantsFrom(training: string[], events: string[], fieldWork: string[]) {
  return {
    value: new Set([...training, ...events, ...fieldWork]).size,
    training: training.length,
    events: events.length,
    fieldWork: fieldWork.length,
  }
}

type DistrictRow = Indicators['districts'][number]

/**
 * Every indicator for a period and a scope, each from a SQL aggregate of the feature that owns the data.
 * Coordinators and admins see every number; other colleagues see small cells as "<5".
 */
export async function computeIndicators(
  actor: Actor,
  period: ChosenPeriod,
  scope: IndicatorScope = {},
): Promise<Indicators> {
  requirePermission(actor, 'staff:access')
  const restricted = !can(actor, 'report:read')
  const env = getEnv()
  const at = period.instants
  // One statement per domain (PGlite runs them one after another; PostgreSQL side by side).
  const [cases, rounds, training, events, practices, conferences, team, ft] = await Promise.all([
    caseFigures(at, scope),
    roundFigures(at, scope),
    trainingFigures(at, scope),
    eventFigures(at, scope),
    practiceFigures(at, scope),
    conferencesHeld(at, scope),
    scope.teamId ? teamLabel(scope.teamId) : null,
    can(actor, 'case-action:indicators') ? followThroughFigures({ period: at, scope }) : null,
  ])
  const caseMonths = new Map(cases.trend.map((r) => [r.month, r]))
  const roundMonths = new Map(rounds.byMonth.map((r) => [r.month, r]))
  const show = (n: number) => shownCount(n, restricted)
  const districts = new Map<string | null, DistrictRow>()
  for (const d of cases.districts)
    districts.set(d.districtCode, {
      districtCode: d.districtCode,
      reached: d.openedNotInRounds,
      childrenMet: 0,
      opened: d.opened,
      resolved: d.resolved,
      back: d.back,
    })
  for (const r of rounds.byDistrict) {
    const row = districts.get(r.districtCode) ?? {
      districtCode: r.districtCode,
      reached: 0,
      childrenMet: 0,
      opened: 0,
      resolved: 0,
      back: 0,
    }
    districts.set(r.districtCode, { ...row, childrenMet: r.childrenMet, reached: Number(row.reached) + r.childrenMet })
  }
  return {
    period: { from: period.from, to: period.to },
    scope: { districtCode: scope.districtCode ?? null, team },
    restricted,
    childrenReached: {
      value: rounds.childrenMet + cases.openedNotInRounds,
      target: env.TARGET_CHILDREN_REACHED,
      metOnRounds: rounds.childrenMet,
      casesNotInRounds: cases.openedNotInRounds,
    },
    participants: {
      ...participantsFrom(training.participantKeys, events.participantKeys, rounds.authorKeys),
      target: env.TARGET_PARTICIPANTS,
    },
    rounds: {
      rounds: rounds.rounds,
      childrenMet: rounds.childrenMet,
      householdsVisited: rounds.householdsVisited,
      childrenOutOfSchool: rounds.childrenOutOfSchool,
      referred: rounds.referred,
      back: rounds.back,
    },
    outcomes: CASE_OUTCOMES.map((outcome) => ({ outcome, count: cases.byOutcome[outcome] ?? 0 })),
    resolved: cases.resolved,
    medianDaysToResolve: cases.medianDays,
    openDays: events.openDays,
    courses: training.courses,
    practices,
    conferences,
    trend: monthsOf(period.from, period.to).map((month) => {
      const c = caseMonths.get(month)
      const childrenMet = roundMonths.get(month)?.childrenMet ?? 0
      return {
        month,
        opened: c?.opened ?? 0,
        resolved: c?.resolved ?? 0,
        childrenMet,
        reached: childrenMet + (c?.openedNotInRounds ?? 0),
      }
    }),
    districts: [...districts.values()]
      .sort((a, b) =>
        a.districtCode === null ? 1 : b.districtCode === null ? -1 : a.districtCode.localeCompare(b.districtCode),
      )
      .map((d) => ({
        districtCode: d.districtCode,
        reached: show(Number(d.reached)),
        childrenMet: show(Number(d.childrenMet)),
        opened: show(Number(d.opened)),
        resolved: show(Number(d.resolved)),
        back: show(Number(d.back)),
      })),
    cells: cases.cells.map((c) => ({ ...c, count: show(c.count) })),
    followThrough: ft,
  }
}

/** The report for /reports and its downloads: coordinators and admins only (staff get 403). */
export async function reportIndicators(actor: Actor, period: ChosenPeriod, scope: IndicatorScope = {}) {
  requirePermission(actor, 'report:read')
  return computeIndicators(actor, period, scope)
}

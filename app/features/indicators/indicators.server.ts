import { CASE_OUTCOMES, type CaseOutcome } from '../../../db/schema/cases'
import { getEnv } from '../../env.server'
import { followThroughFigures, type ActionIndicators } from '../actions/indicators.server'
import { caseOutcomes, casesByDistrict, casesOpened, caseTrend, outcomeCells } from '../cases/indicators.server'
import { conferencesHeld } from '../chat/indicators.server'
import { eventParticipantKeys, openDayFigures } from '../events/indicators.server'
import { can, requirePermission, type Actor } from '../identity/permissions'
import { practiceFigures } from '../practices/indicators.server'
import { coursesCompleted, trainingParticipantKeys } from '../training/indicators.server'
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
  scope: { districtCode: string | null }
  /** True when the small-number rule applies (anyone but coordinators and admins). */
  restricted: boolean
  childrenReached: {
    value: number
    target: number
    /**
     * Where the number comes from. Until field rounds land it is 'cases' (each anonymised case is one
     * child); when they do, the rounds' "children met" join here (see childrenReachedFrom below).
     */
    source: 'cases'
  }
  participants: { value: number; target: number; training: number; events: number }
  outcomes: { outcome: CaseOutcome; count: number }[]
  resolved: number
  medianDaysToResolve: number | null
  openDays: { sessions: number; registered: number; attended: number }
  courses: { completions: number; learners: number }
  practices: { published: number; usefulMarks: number }
  conferences: number
  trend: { month: string; opened: number; resolved: number }[]
  districts: { districtCode: string | null; opened: ShownCount; resolved: ShownCount; back: ShownCount }[]
  cells: { districtCode: string | null; ageBand: string; outcome: string; count: ShownCount }[]
  /** Issue #14's follow-through and retention figures; null for those who may not see them. */
  followThrough: ActionIndicators | null
}

/**
 * Children reached in the period. FIELD ROUNDS JOIN HERE: when the teams branch lands, add the rounds'
 * "children met" for the same period and scope (a SQL sum in the rounds feature) and set `source`
 * accordingly. Until then only what exists is counted — the cases opened — never an estimate.
 */
async function childrenReachedFrom(period: ChosenPeriod, scope: IndicatorScope) {
  return { value: await casesOpened(period.instants, scope), source: 'cases' as const }
}

/**
 * Unique participants in trainings, events and field work: training enrolments and check-ins at events
 * for professionals, each person once. FIELD ROUNDS JOIN HERE too: the members who recorded a round.
 */
async function participantsFrom(period: ChosenPeriod, scope: IndicatorScope) {
  const [training, events] = await Promise.all([
    trainingParticipantKeys(period.instants, scope),
    eventParticipantKeys(period.instants, scope),
  ])
  return { value: new Set([...training, ...events]).size, training: training.length, events: events.length }
}

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
  const [children, participants, outcomes, openDays, courses, practices, conferences, trend, districts, cells, ft] =
    await Promise.all([
      childrenReachedFrom(period, scope),
      participantsFrom(period, scope),
      caseOutcomes(period.instants, scope),
      openDayFigures(period.instants, scope),
      coursesCompleted(period.instants, scope),
      practiceFigures(period.instants, scope),
      conferencesHeld(period.instants, scope),
      caseTrend(period.instants, scope),
      casesByDistrict(period.instants, scope),
      outcomeCells(period.instants, scope),
      can(actor, 'case-action:indicators') ? followThroughFigures({ period: period.instants, scope }) : null,
    ])
  const byMonth = new Map(trend.map((r) => [r.month, r]))
  return {
    period: { from: period.from, to: period.to },
    scope: { districtCode: scope.districtCode ?? null },
    restricted,
    childrenReached: { value: children.value, target: env.TARGET_CHILDREN_REACHED, source: children.source },
    participants: { ...participants, target: env.TARGET_PARTICIPANTS },
    outcomes: CASE_OUTCOMES.map((outcome) => ({ outcome, count: outcomes.byOutcome[outcome] ?? 0 })),
    resolved: outcomes.resolved,
    medianDaysToResolve: outcomes.medianDays,
    openDays,
    courses,
    practices,
    conferences,
    trend: monthsOf(period.from, period.to).map((month) => ({
      month,
      opened: byMonth.get(month)?.opened ?? 0,
      resolved: byMonth.get(month)?.resolved ?? 0,
    })),
    districts: districts.map((d) => ({
      districtCode: d.districtCode,
      opened: shownCount(d.opened, restricted),
      resolved: shownCount(d.resolved, restricted),
      back: shownCount(d.back, restricted),
    })),
    cells: cells.map((c) => ({ ...c, count: shownCount(c.count, restricted) })),
    followThrough: ft,
  }
}

/** The report for /reports and its downloads: coordinators and admins only (staff get 403). */
export async function reportIndicators(actor: Actor, period: ChosenPeriod, scope: IndicatorScope = {}) {
  requirePermission(actor, 'report:read')
  return computeIndicators(actor, period, scope)
}

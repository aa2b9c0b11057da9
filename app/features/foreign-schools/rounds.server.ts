import { and, asc, desc, eq, sql } from 'drizzle-orm'

import { db, type Tx } from '../../../db/client.server'
import {
  FOREIGN_COUNT_FIELDS,
  foreignSchoolAnswers,
  foreignSchoolRounds,
  foreignSchools,
  type ForeignCountField,
} from '../../../db/schema/foreign-schools'
import type { Locale } from '../../../db/schema/identity'
import { getEnv } from '../../env.server'
import { recordAudit } from '../audit/audit.server'
import { toCsv } from '../events/csv'
import { translate } from '../i18n/translate'
import { requirePermission, type Actor } from '../identity/permissions'
import { hashToken, newToken } from '../identity/tokens.server'
import { queueEmail } from '../notifications/mail.server'
import { notFound } from '../platform/http.server'
import { Refusal } from '../platform/refusal.server'
import { enforcePrivacy, recordPrivacyOverride, type PrivacyOverrideRequest } from '../privacy/guard.server'
import type { AddSchoolInput, NewRoundInput } from './schemas'

export type RoundRow = typeof foreignSchoolRounds.$inferSelect
export type Counts = Record<ForeignCountField, number>

export function replyUrl(token: string): string {
  return `${getEnv().appUrl}/foreign-schools/reply/${token}`
}

const zeroCounts = (): Counts => Object.fromEntries(FOREIGN_COUNT_FIELDS.map((f) => [f, 0])) as Counts

/** Rounds, newest first, with how many schools were asked and how many answered (coordinators). */
export async function listRounds(actor: Actor) {
  requirePermission(actor, 'foreign-round:manage')
  return db
    .select({
      id: foreignSchoolRounds.id,
      title: foreignSchoolRounds.title,
      periodStart: foreignSchoolRounds.periodStart,
      periodEnd: foreignSchoolRounds.periodEnd,
      status: foreignSchoolRounds.status,
      schools: sql<number>`(select count(*)::int from foreign_schools s where s.round_id = ${foreignSchoolRounds.id})`,
      answered: sql<number>`(
        select count(*)::int from foreign_schools s join foreign_school_answers a on a.school_id = s.id
        where s.round_id = ${foreignSchoolRounds.id}
      )`,
    })
    .from(foreignSchoolRounds)
    .orderBy(desc(foreignSchoolRounds.createdAt))
}

export async function createRound(
  actor: Actor,
  input: NewRoundInput,
  privacyOverride: PrivacyOverrideRequest | null = null,
): Promise<RoundRow> {
  requirePermission(actor, 'foreign-round:manage')
  // The title travels in the e-mails to the schools and heads their answer page: it must not name a child.
  const clearance = enforcePrivacy(actor, { title: input.title }, privacyOverride)
  return db.transaction(async (tx) => {
    const [round] = await tx
      .insert(foreignSchoolRounds)
      .values({ title: input.title, periodStart: input.periodStart, periodEnd: input.periodEnd, createdBy: actor.id })
      .returning()
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'foreign.round.create',
      targetType: 'foreign_round',
      targetId: round.id,
    })
    await recordPrivacyOverride(tx, actor, clearance, { type: 'foreign_round', id: round.id })
    return round
  })
}

async function requireRound(actor: Actor, roundId: string): Promise<RoundRow> {
  requirePermission(actor, 'foreign-round:manage')
  const [round] = await db.select().from(foreignSchoolRounds).where(eq(foreignSchoolRounds.id, roundId))
  if (!round) notFound()
  return round
}

/** A round as its coordinator sees it: every school, whether it answered, its numbers, and the totals (SQL sums). */
export async function getRound(actor: Actor, roundId: string) {
  const round = await requireRound(actor, roundId)
  const schools = await db
    .select({
      id: foreignSchools.id,
      name: foreignSchools.name,
      contactEmail: foreignSchools.contactEmail,
      hasLink: sql<boolean>`${foreignSchools.tokenHash} is not null`,
      answer: foreignSchoolAnswers,
    })
    .from(foreignSchools)
    .leftJoin(foreignSchoolAnswers, eq(foreignSchoolAnswers.schoolId, foreignSchools.id))
    .where(eq(foreignSchools.roundId, roundId))
    .orderBy(asc(foreignSchools.name))
  const [sums] = await db
    .select({
      answered: sql<number>`count(*)::int`,
      ...(Object.fromEntries(
        FOREIGN_COUNT_FIELDS.map((f) => [f, sql<number>`coalesce(sum(${foreignSchoolAnswers[f]}), 0)::int`]),
      ) as Record<ForeignCountField, ReturnType<typeof sql<number>>>),
    })
    .from(foreignSchoolAnswers)
    .innerJoin(foreignSchools, eq(foreignSchools.id, foreignSchoolAnswers.schoolId))
    .where(eq(foreignSchools.roundId, roundId))
  const totals = zeroCounts()
  for (const f of FOREIGN_COUNT_FIELDS) totals[f] = Number(sums?.[f] ?? 0)
  return {
    round,
    schools: schools.map((s) => ({
      id: s.id,
      name: s.name,
      contactEmail: s.contactEmail,
      hasLink: s.hasLink,
      answer: s.answer
        ? {
            counts: Object.fromEntries(FOREIGN_COUNT_FIELDS.map((f) => [f, s.answer![f]])) as Counts,
            comment: s.answer.comment,
            submissions: s.answer.submissions,
            updatedAt: s.answer.updatedAt,
          }
        : null,
    })),
    answered: Number(sums?.answered ?? 0),
    totals,
  }
}

function requireOpen(round: RoundRow) {
  if (round.status !== 'open') throw new Refusal('foreign.error.closed', { status: 409 })
}

/**
 * A new secret link for a school: only its hash is stored; the link is e-mailed to the school's contact, and the
 * coordinator's step (`action`) goes to the audit log. Returns the school and the link to show once.
 */
async function issueLink<S extends { id: string; name: string; contactEmail: string }>(
  runner: Tx,
  actor: Actor,
  action: 'foreign.school.add' | 'foreign.link.renew',
  round: RoundRow,
  school: S,
  locale: Locale,
) {
  const token = newToken(24)
  await runner
    .update(foreignSchools)
    .set({ tokenHash: hashToken(token) })
    .where(eq(foreignSchools.id, school.id))
  const url = replyUrl(token)
  await queueEmail(runner, {
    to: school.contactEmail,
    subject: translate(locale, 'foreign.email.subject', { title: round.title }),
    text: translate(locale, 'foreign.email.text', {
      school: school.name,
      title: round.title,
      from: round.periodStart,
      to: round.periodEnd,
      url,
    }),
    kind: 'foreign.link',
    foreignSchoolId: school.id,
  })
  await recordAudit(runner, { actorId: actor.id, action, targetType: 'foreign_school', targetId: school.id })
  return { school, url }
}

/** Adds a school to an open round and sends it its link; returns the link to show once to the coordinator. */
export async function addSchool(actor: Actor, roundId: string, input: AddSchoolInput, locale: Locale = 'bg') {
  const round = await requireRound(actor, roundId)
  requireOpen(round)
  return db.transaction(async (tx) => {
    const [school] = await tx
      .insert(foreignSchools)
      .values({ roundId, name: input.name, contactEmail: input.contactEmail.toLowerCase() })
      .onConflictDoNothing()
      .returning()
    if (!school) throw new Refusal('foreign.error.duplicate', { field: 'name', status: 409 })
    return issueLink(tx, actor, 'foreign.school.add', round, school, locale)
  })
}

/** Replaces a school's link (the old one stops working) and e-mails the new one. */
export async function renewLink(actor: Actor, roundId: string, schoolId: string, locale: Locale = 'bg') {
  const round = await requireRound(actor, roundId)
  requireOpen(round)
  return db.transaction(async (tx) => {
    const [school] = await tx
      .select()
      .from(foreignSchools)
      .where(and(eq(foreignSchools.id, schoolId), eq(foreignSchools.roundId, roundId)))
    if (!school) throw new Refusal('foreign.error.noSchool', { field: 'schoolId', status: 404 })
    return issueLink(tx, actor, 'foreign.link.renew', round, school, locale)
  })
}

/** Closing a round stops answers and drops every link (a link is derived data: it lives only while it is needed). */
export async function setRoundOpen(actor: Actor, roundId: string, open: boolean) {
  await requireRound(actor, roundId)
  await db.transaction(async (tx) => {
    await tx
      .update(foreignSchoolRounds)
      .set({ status: open ? 'open' : 'closed', closedAt: open ? null : new Date() })
      .where(eq(foreignSchoolRounds.id, roundId))
    if (!open) await tx.update(foreignSchools).set({ tokenHash: null }).where(eq(foreignSchools.roundId, roundId))
    await recordAudit(tx, {
      actorId: actor.id,
      action: open ? 'foreign.round.reopen' : 'foreign.round.close',
      targetType: 'foreign_round',
      targetId: roundId,
    })
  })
}

/** Deletes a round with its schools, links and answers. */
export async function deleteRound(actor: Actor, roundId: string) {
  await requireRound(actor, roundId)
  await db.transaction(async (tx) => {
    await tx.delete(foreignSchoolRounds).where(eq(foreignSchoolRounds.id, roundId))
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'foreign.round.delete',
      targetType: 'foreign_round',
      targetId: roundId,
    })
  })
}

/** The round as CSV: one line per school (answered or not) and a line of totals. */
export async function roundCsv(actor: Actor, roundId: string, locale: Locale) {
  const { round, schools, totals } = await getRound(actor, roundId)
  const t = (key: string) => translate(locale, key)
  const header = [
    t('foreign.col.school'),
    t('foreign.col.email'),
    t('foreign.col.answered'),
    ...FOREIGN_COUNT_FIELDS.map((f) => t(`foreign.field.${f}`)),
    t('foreign.field.comment'),
  ]
  const rows = schools.map((s) => [
    s.name,
    s.contactEmail,
    s.answer ? t('common.yes') : t('common.no'),
    ...FOREIGN_COUNT_FIELDS.map((f) => (s.answer ? s.answer.counts[f] : null)),
    s.answer?.comment ?? '',
  ])
  const total = [t('foreign.total'), '', '', ...FOREIGN_COUNT_FIELDS.map((f) => totals[f]), '']
  return { round, csv: toCsv([header, ...rows, total], locale === 'bg' ? ';' : ',') }
}

import { listFlagQueue } from '../cases/moderation.server'
import { watchedWithNewReplies } from '../cases/watchers.server'
import { myScheduledConferences } from '../chat/rooms.server'
import { listUpcomingEvents } from '../events/events.server'
import { listPendingSignups } from '../identity/accounts.server'
import { can } from '../identity/permissions'
import type { SessionUser } from '../identity/session.server'
import { unreadOfKinds } from '../notifications/inbox.server'
import { districtName } from '../platform/districts'
import { sofiaDayAndWeek } from '../platform/sofia-time'
import { listMyWork, listPublishedPractices } from '../practices/practices.server'
import { myTeamOverview } from '../teams/home.server'
import { myLearning } from '../training/learning.server'
import type { HomeBlockData, HomeItem } from './types'

/**
 * The home page is a list of blocks; each block is one loader here (it asks the feature that owns the
 * data, which checks permissions) and is rendered by HomeBlock. A block with nothing to say for this
 * person returns null and is not shown. To add a block: write its loader and add it to the list below.
 */
type BlockLoader<A> = (actor: A, now: Date) => Promise<HomeBlockData | null>

const ITEMS = 5

// ——— signed out ———

/** Open days with free seats at a coming date, soonest first. */
export const nextOpenDays: BlockLoader<null> = async (_, now) => {
  const events = await listUpcomingEvents({ kind: 'open_day', publicAudienceOnly: true, now, limit: 50 })
  const items: HomeItem[] = []
  for (const event of events) {
    const session = event.sessions.find((s) => s.freeSeats > 0)
    if (!session) continue
    items.push({
      href: `/events/${event.slug}`,
      label: event.title,
      at: session.startsAt.toISOString(),
      note: { key: 'home.block.openDays.free', params: { count: session.freeSeats } },
    })
    if (items.length === ITEMS) break
  }
  return {
    id: 'open-days',
    titleKey: 'home.block.openDays',
    emptyKey: 'home.block.openDays.empty',
    items,
    more: { href: '/events?kind=open_day', labelKey: 'home.block.openDays.more' },
  }
}

export const recentPractices: BlockLoader<null> = async () => {
  const { rows } = await listPublishedPractices({ page: 1, perPage: ITEMS, sort: 'newest' })
  return {
    id: 'recent-practices',
    titleKey: 'home.block.practices',
    emptyKey: 'home.block.practices.empty',
    items: rows.map((p) => ({
      href: `/practices/${p.slug}`,
      label: p.title,
      lang: p.language,
      note: p.institutionName,
    })),
    more: { href: '/practices', labelKey: 'home.block.practices.more' },
  }
}

// ——— signed in ———

export const myMentions: BlockLoader<SessionUser> = async (user) => {
  const rows = await unreadOfKinds(user.id, ['case.mention', 'chat.mention'], ITEMS)
  return {
    id: 'mentions',
    titleKey: 'home.block.mentions',
    emptyKey: 'home.block.mentions.empty',
    items: rows.map((n) => ({
      href: `/notifications/${n.id}`,
      label: { key: n.messageKey, params: n.params },
      at: n.createdAt.toISOString(),
    })),
    more: { href: '/notifications', labelKey: 'home.block.mentions.more' },
  }
}

export const watchedCases: BlockLoader<SessionUser> = async (user) => {
  const rows = await watchedWithNewReplies(user, ITEMS)
  return {
    id: 'watched-cases',
    titleKey: 'home.block.watched',
    emptyKey: 'home.block.watched.empty',
    items: rows.map((c) => ({
      href: c.url,
      label: c.title ? `${c.code} · ${c.title}` : c.code,
      note: { key: 'home.block.watched.unread', params: { count: c.unread } },
    })),
    more: { href: '/cases?scope=watching', labelKey: 'home.block.watched.more' },
  }
}

export const conferences: BlockLoader<SessionUser> = async (user, now) => {
  const { today, weekEnd } = sofiaDayAndWeek(now)
  const rows = await myScheduledConferences(user, today, weekEnd)
  return {
    id: 'conferences',
    titleKey: 'home.block.conferences',
    emptyKey: 'home.block.conferences.empty',
    items: rows.map((r) => ({ href: `/chat/${r.id}`, label: r.title, at: r.scheduledAt?.toISOString() })),
    more: { href: '/chat', labelKey: 'home.block.conferences.more' },
  }
}

export const trainingDue: BlockLoader<SessionUser> = async (user) => {
  const due = (await myLearning(user)).filter((c) => !c.completedAt && c.dueAt)
  return {
    id: 'training-due',
    titleKey: 'home.block.training',
    emptyKey: 'home.block.training.empty',
    items: due.slice(0, ITEMS).map((c) => ({
      href: `/training/courses/${c.courseId}`,
      label: c.title,
      at: c.dueAt?.toISOString(),
      note: { key: c.overdue ? 'home.block.training.overdue' : 'home.block.training.due' },
    })),
    more: { href: '/training/my', labelKey: 'home.block.training.more' },
  }
}

/** Coordinators and admins: what waits for their decision. */
export const coordinatorQueue: BlockLoader<SessionUser> = async (user) => {
  if (!can(user, 'coordination:access')) return null
  const [signups, flags, work] = await Promise.all([listPendingSignups(user), listFlagQueue(user), listMyWork(user)])
  const items: HomeItem[] = [
    ...signups.slice(0, ITEMS).map((s) => ({
      href: '/admin/approvals',
      label: { key: 'home.block.queue.signup', params: { name: s.name, institution: s.institutionName } },
      at: s.createdAt.toISOString(),
    })),
    ...flags.slice(0, ITEMS).map((f) => ({
      href: f.url,
      label: { key: 'home.block.queue.flag', params: { code: f.code } },
      at: f.createdAt.toISOString(),
    })),
    ...work.awaitingReview.slice(0, ITEMS).map((p) => ({
      href: `/practices/${p.slug}`,
      label: { key: 'home.block.queue.practice', params: { title: p.title } },
      lang: p.language,
      at: p.submittedAt?.toISOString(),
    })),
  ]
  return {
    id: 'coordinator-queue',
    titleKey: 'home.block.queue',
    emptyKey: 'home.block.queue.empty',
    items,
    counts: [
      { key: 'home.block.queue.signups', count: signups.length, href: '/admin/approvals' },
      { key: 'home.block.queue.flags', count: flags.length, href: '/cases/moderation' },
      { key: 'home.block.queue.practices', count: work.awaitingReview.length, href: '/practices#awaiting-review' },
    ],
  }
}

/**
 * My team's latest rounds and indicators (the last twelve months): children reached, met on rounds,
 * rounds, resolved cases, then per district — where small counts show as "<5" outside the coordinators'
 * view (the indicators apply the rule).
 */
export const myTeam: BlockLoader<SessionUser> = async (user, now) => {
  const overview = await myTeamOverview(user, now)
  if (!overview) return null
  const { team, indicators: ind, rounds } = overview
  const href = `/teams/${team.slug}`
  const districts = (codes: string[]) => codes.map((d) => districtName(d, user.locale)).join(', ')
  return {
    id: 'my-team',
    titleKey: 'home.block.team',
    titleParams: { team: team.name },
    emptyKey: 'home.block.team.empty',
    counts: [
      { key: 'home.block.team.reached', count: ind.childrenReached.value, href },
      { key: 'home.block.team.met', count: ind.childrenReached.metOnRounds, href: `${href}#team-rounds` },
      { key: 'home.block.team.rounds', count: ind.rounds.rounds, href: `${href}#team-rounds` },
      { key: 'home.block.team.resolved', count: ind.resolved, href },
    ],
    items: [
      ...rounds.map((r) => ({
        href: `${href}#team-rounds`,
        label: { key: 'home.block.team.round', params: { met: r.childrenMet, households: r.householdsVisited } },
        day: r.roundDate,
        note: districts(r.districtCodes),
      })),
      ...ind.districts
        .filter((d) => d.districtCode)
        .map((d) => ({
          href,
          label: {
            key: 'home.block.team.district',
            params: { district: districts([d.districtCode!]), reached: d.reached, back: d.back },
          },
        })),
    ],
    more: { href, labelKey: 'home.block.team.more' },
  }
}

export const SIGNED_OUT_BLOCKS: BlockLoader<null>[] = [nextOpenDays, recentPractices]
export const SIGNED_IN_BLOCKS: BlockLoader<SessionUser>[] = [
  coordinatorQueue,
  myMentions,
  watchedCases,
  conferences,
  myTeam,
  trainingDue,
]

async function load<A>(loaders: BlockLoader<A>[], actor: A, now: Date): Promise<HomeBlockData[]> {
  const blocks = await Promise.all(loaders.map((loader) => loader(actor, now)))
  return blocks.filter((b): b is HomeBlockData => b !== null)
}

/** The blocks of the home page for a visitor (null) or a signed-in colleague. */
export function homeBlocks(user: SessionUser | null, now = new Date()): Promise<HomeBlockData[]> {
  return user ? load(SIGNED_IN_BLOCKS, user, now) : load(SIGNED_OUT_BLOCKS, null, now)
}

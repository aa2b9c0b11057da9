import { createCookie, redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { and, eq, gt, lt, sql } from 'drizzle-orm'
import type { SelectedFields } from 'drizzle-orm/pg-core'

import { db, prepared, type Db } from '../../../db/client.server'
import { institutions, sessions, users } from '../../../db/schema'
import type { Locale, Role } from '../../../db/schema/identity'
import { getEnv } from '../../env.server'
import { oncePerRequest } from '../platform/request-scope.server'
import { requirePermission, type Action } from './permissions'
import { hashToken, newToken } from './tokens.server'

const SESSION_DAYS = 30
// lastSeenAt is refreshed at most this often, so reading a page does not write on every request.
const TOUCH_EVERY_MS = 5 * 60 * 1000

export interface SessionUser {
  id: string
  email: string
  name: string
  role: Role
  institutionId: string
  institutionName: string
  teamId: string | null
  locale: Locale
}

let cookie: ReturnType<typeof createCookie> | undefined
export function sessionCookie() {
  const env = getEnv()
  cookie ??= createCookie('iwb_session', {
    httpOnly: true,
    sameSite: 'lax',
    secure: env.cookieSecure,
    path: '/',
    secrets: [env.sessionSecret],
    maxAge: SESSION_DAYS * 24 * 3600,
  })
  return cookie
}

async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get('cookie'))
  return typeof value === 'string' && value.length > 20 ? value : null
}

/** Creates a database session for an approved user and returns its Set-Cookie header. */
export async function createUserSession(userId: string, request: Request): Promise<string> {
  const id = newToken()
  await db.insert(sessions).values({
    idHash: hashToken(id),
    userId,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000),
    userAgent: (request.headers.get('user-agent') ?? '').slice(0, 200),
  })
  return sessionCookie().serialize(id)
}

/**
 * The signed-in user of this request, read once per request: the first caller's `lookup` reads it (the root loader
 * reads the header's counters in the same statement), and every later caller gets that answer.
 */
export async function getSessionUser(
  request: Request,
  lookup: (idHash: string) => Promise<SessionUser | null> = findSessionUser,
): Promise<SessionUser | null> {
  const header = request.headers.get('cookie')
  if (!header) return null
  return oncePerRequest(`session:${header}`, async () => {
    const id = await readSessionId(request)
    return id ? lookup(hashToken(id)) : null
  })
}

/** The columns of a session's user, for `findSessionUser` and for statements that read more beside them. */
export const sessionUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  institutionId: users.institutionId,
  institutionName: institutions.name,
  teamId: users.teamId,
  locale: users.locale,
  lastSeenAt: sessions.lastSeenAt,
}

/**
 * The live session of an approved user, by the placeholders `idHash` and `now`: the user's columns and `extra` ones
 * beside them (the root loader reads the header's counters so, nav.server.ts), as a prepared statement.
 */
export function liveSessionStatement<Extra extends SelectedFields>(database: Db, name: string, extra: Extra) {
  return database
    .select({ ...sessionUserColumns, ...extra })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(institutions, eq(institutions.id, users.institutionId))
    .where(
      and(
        eq(sessions.idHash, sql.placeholder('idHash')),
        gt(sessions.expiresAt, sql.placeholder('now')),
        eq(users.status, 'approved'),
      ),
    )
    .limit(1)
    .prepare(name)
}

// Read on every signed-in request: built once (see `prepared`).
const sessionUserQuery = () =>
  prepared('session-user', (database) => liveSessionStatement(database, 'session_user', {}))

/** Looks up the user behind a session id hash; also used by the socket.io middleware. */
export async function findSessionUser(idHash: string): Promise<SessionUser | null> {
  const [row] = await sessionUserQuery().execute({ idHash, now: new Date().toISOString() })
  return row ? sessionUserFromRow(idHash, row) : null
}

/** The user of a session row read with `sessionUserColumns`; notes the visit at most every few minutes. */
export async function sessionUserFromRow(
  idHash: string,
  row: SessionUser & { lastSeenAt: Date | string },
): Promise<SessionUser> {
  if (Date.now() - new Date(row.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.idHash, idHash))
  }
  const { id, email, name, role, institutionId, institutionName, teamId, locale } = row
  return { id, email, name, role, institutionId, institutionName, teamId, locale }
}

/** Session id hash from a raw Cookie header (for socket.io handshakes). */
export async function sessionHashFromCookieHeader(header: string | undefined | null): Promise<string | null> {
  const value = await sessionCookie().parse(header ?? null)
  return typeof value === 'string' && value.length > 20 ? hashToken(value) : null
}

/** The user of this request, or a redirect to the sign-in page that comes back here; routes use it as `signedIn`. */
async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request)
  if (!user) {
    const url = new URL(request.url)
    const redirectTo = url.pathname + url.search
    throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`)
  }
  return user
}

/** A loader's or action's arguments (the two are alike). */
export type RouteArgs = LoaderFunctionArgs

/** A loader's or action's arguments with the signed-in user. */
type SignedInArgs = RouteArgs & { user: SessionUser }

/**
 * Runs a loader or action for signed-in users: without a session it redirects to the sign-in page
 * (`/login?redirectTo=`), otherwise it runs `handler` with the user. Written as
 * `export const loader = (args: RouteArgs) => signedIn(args, ({ user }) => …)`: the route's export stays a function
 * expression, which the browser build drops with the rest of the server code (a call at the top of a route module
 * would run in the browser, where this module is empty). `typeof loader` keeps the handler's result.
 */
export async function signedIn<Result>(
  args: RouteArgs,
  handler: (args: SignedInArgs) => Result | Promise<Result>,
): Promise<Result> {
  return handler({ ...args, user: await requireUser(args.request) })
}

/** `signedIn` for a page that is all one permission: a 403 unless the user may `permission`, before `handler` runs. */
export function signedInWith<Result>(
  args: RouteArgs,
  permission: Action,
  handler: (args: SignedInArgs) => Result | Promise<Result>,
): Promise<Result> {
  return signedIn(args, (withUser) => {
    requirePermission(withUser.user, permission)
    return handler(withUser)
  })
}

export async function destroyCurrentSession(request: Request): Promise<string> {
  const id = await readSessionId(request)
  if (id) await db.delete(sessions).where(eq(sessions.idHash, hashToken(id)))
  return sessionCookie().serialize('', { maxAge: 0 })
}

/** "Sign out everywhere" and admin revocation. Returns how many sessions ended. */
export async function revokeUserSessions(userId: string): Promise<number> {
  const removed = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.idHash })
  return removed.length
}

export async function countUserSessions(userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())))
  return row?.n ?? 0
}

export async function purgeExpiredSessions() {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()))
}

import { readdirSync, readFileSync } from 'node:fs'

import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { SEARCH_SOURCES } from '../../app/features/search/sources.server'
import * as account from '../../app/routes/account'
import * as adminUsers from '../../app/routes/admin.users'
import * as casesList from '../../app/routes/cases._index'
import * as search from '../../app/routes/search'
import { queryRows } from '../../db/client.server'
import { auditLog, users } from '../../db/schema'
import { drainSearchOutbox } from '../../search/worker'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { makePractice } from '../../seed/builders/practices'
import { db } from '../support/database'
import { context, formRequest, getRequest, payloadOf, sessionCookieFor, settle, statusOf } from '../support/http'

const args = (request: Request) => ({ request, params: {}, context })

/** The hand-written part of the positions migration, statement by statement, as the migrator runs it. */
function dataMigration() {
  const file = readdirSync('db/migrations').find((f) => f.endsWith('_positions.sql'))!
  const text = readFileSync(`db/migrations/${file}`, 'utf8')
  return text
    .slice(text.indexOf('-- hand-written'))
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean)
}

describe('the positions data migration on an existing database', () => {
  it('reads positions from the free text and moves retired institution kinds, practices and search facets', async () => {
    const mediators = await makeInstitution(db, { kind: 'other' })
    await db.execute(sql`UPDATE institutions SET kind = 'health_mediator' WHERE id = ${mediators.id}`)
    const ozd = await makeInstitution(db, {
      kind: 'social_assistance',
      name: `ДСП „Тест“ – Отдел „Закрила на детето“ ${Date.now()}`,
    })
    const dsp = await makeInstitution(db, { kind: 'social_assistance', name: `ДСП „Тест“ ${Date.now()}` })
    const cop = await makeInstitution(db, { kind: 'ngo', name: `ЦОП „Тест“ ${Date.now()}` })
    const mediator = await makeUser(db, { institutionId: mediators.id, position: 'Здравен медиатор' })
    const worker = await makeUser(db, { institutionId: ozd.id, position: 'Социален работник, ОЗД' })
    const other = await makeUser(db, { position: 'Шофьор' })
    await db.execute(sql`UPDATE users SET position_kind = 'other' WHERE id IN (${mediator.id}, ${worker.id})`)
    const author = await makeUser(db, { role: 'coordinator' })
    const practice = await makePractice(db, {
      authorId: author.id,
      institutionId: author.institutionId,
      institutionKinds: ['school'],
    })
    await db.execute(
      sql`UPDATE practices SET institution_kinds = ARRAY['health_mediator', 'social_assistance']
          WHERE id = ${practice.id}`,
    )
    await drainSearchOutbox(SEARCH_SOURCES)
    const queued = async () =>
      (
        await queryRows<{ n: number }>(
          db,
          sql`SELECT count(*)::int AS n FROM search_outbox WHERE doc_id = ${practice.id}`,
        )
      )[0].n
    expect(await queued()).toBe(0)

    for (const statement of dataMigration()) await db.execute(sql.raw(statement))

    const kinds = await queryRows<{ id: string; kind: string }>(
      db,
      sql`SELECT id, kind FROM institutions WHERE id IN (${mediators.id}, ${ozd.id}, ${dsp.id}, ${cop.id})`,
    )
    const kindOf = Object.fromEntries(kinds.map((k) => [k.id, k.kind]))
    expect(kindOf[mediators.id]).toBe('municipality')
    expect(kindOf[ozd.id]).toBe('child_protection')
    expect(kindOf[dsp.id]).toBe('social_assistance')
    expect(kindOf[cop.id]).toBe('community_support_centre')
    const people = await db.select({ id: users.id, kind: users.positionKind, detail: users.position }).from(users)
    const person = (id: string) => people.find((p) => p.id === id)!
    expect(person(mediator.id).kind).toBe('health_mediator')
    expect(person(worker.id)).toMatchObject({ kind: 'social_worker', detail: 'Социален работник, ОЗД' })
    expect(person(other.id).kind).toBe('other')
    const [row] = await queryRows<{ kinds: string[] }>(
      db,
      sql`SELECT institution_kinds AS kinds FROM practices WHERE id = ${practice.id}`,
    )
    expect([...row.kinds].sort()).toEqual(['child_protection', 'municipality', 'social_assistance'])
    // The practice's facets in the built-in index still say the old kinds: it is queued to be indexed again.
    expect(await queued()).toBe(1)
  })
})

describe('positions', () => {
  it('the owner sets their position on /account, and a wrong code changes nothing', async () => {
    const me = await makeUser(db)
    const cookie = await sessionCookieFor(me.id)
    const profile = { intent: 'profile', name: me.name, locale: 'bg', emailPreference: 'immediate' }
    const bad = await settle(() =>
      account.action(args(formRequest('/account', { ...profile, positionKind: 'wizard' }, { cookie }))),
    )
    expect(statusOf(bad)).toBe(400)
    expect(payloadOf<{ fieldErrors: Record<string, string[]> }>(bad).fieldErrors.positionKind).toEqual([
      'errors.choice',
    ])
    expect((await db.select().from(users).where(eq(users.id, me.id)))[0].positionKind).toBe('other')
    const ok = await settle(() =>
      account.action(
        args(
          formRequest('/account', { ...profile, positionKind: 'education_mediator', position: '119 СУ' }, { cookie }),
        ),
      ),
    )
    expect(statusOf(ok)).toBe(302)
    const [row] = await db.select().from(users).where(eq(users.id, me.id))
    expect(row).toMatchObject({ positionKind: 'education_mediator', position: '119 СУ' })
  })

  it('an admin sets a colleague’s position; staff and coordinators may not', async () => {
    const admin = await makeUser(db, { role: 'admin' })
    const target = await makeUser(db)
    const post = async (actorId: string) =>
      settle(async () =>
        adminUsers.action(
          args(
            formRequest(
              '/admin/users',
              { intent: 'position', userId: target.id, positionKind: 'social_worker', position: '' },
              { cookie: await sessionCookieFor(actorId) },
            ),
          ),
        ),
      )
    expect(statusOf(await post((await makeUser(db, { role: 'staff' })).id))).toBe(403)
    expect(statusOf(await post((await makeUser(db, { role: 'coordinator' })).id))).toBe(403)
    expect((await db.select().from(users).where(eq(users.id, target.id)))[0].positionKind).toBe('other')
    expect(statusOf(await post(admin.id))).toBe(302)
    expect((await db.select().from(users).where(eq(users.id, target.id)))[0].positionKind).toBe('social_worker')
    const audit = await db.select().from(auditLog).where(eq(auditLog.targetId, target.id))
    expect(audit.map((a) => a.action)).toContain('user.position_changed')
  })
})

describe('filters that name institution kinds', () => {
  it('a saved link with the retired kind still works, and the new kinds are accepted', async () => {
    const staff = await makeUser(db)
    const cookie = await sessionCookieFor(staff.id)
    for (const kind of ['health_mediator', 'child_protection', 'juvenile_commission', 'foreign_school']) {
      const result = await settle(() => search.loader(args(getRequest(`/search?q=училище&kind=${kind}`, { cookie }))))
      expect(statusOf(result), kind).toBe(200)
      const list = await settle(() => casesList.loader(args(getRequest(`/cases?kind=${kind}`, { cookie }))))
      expect(statusOf(list), kind).toBe(200)
    }
    const old = await search.loader(args(getRequest('/search?q=училище&kind=health_mediator', { cookie })))
    expect(old.params.kind).toEqual(['municipality'])
    const wrong = await settle(() => search.loader(args(getRequest('/search?q=училище&kind=wizard', { cookie }))))
    expect(statusOf(wrong)).toBe(400)
  })
})

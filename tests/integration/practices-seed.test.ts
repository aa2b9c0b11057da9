import { inArray } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'

import { checkPrivacy } from '../../app/features/privacy/guard.server'
import { SEARCH_SOURCES } from '../../app/features/search/sources.server'
import { loader as searchApi } from '../../app/routes/api.v1.search'
import { loader as libraryLoader } from '../../app/routes/practices._index'
import { practices } from '../../db/schema'
import { drainSearchOutbox } from '../../search/worker'
import { makeUser } from '../../seed/builders/identity'
import type { SeededIdentity } from '../../seed/demo/identity'
import { seedPractices } from '../../seed/demo/practices'
import { db } from '../support/database'
import { context, getRequest, payloadOf } from '../support/http'

const DEMO_AUTHORS = [
  'coordinator@demo.bg',
  'trainer@demo.bg',
  'staff@demo.bg',
  'social.worker@demo.bg',
  'mediator@demo.bg',
  'inspector@demo.bg',
  'teacher@demo.bg',
  'ruo.expert@demo.bg',
]
const HEALTH_MEDIATORS = 'Здравни медиатори на посещения по домовете заедно с училището'

describe('the seeded library, as a signed-out visitor finds it', () => {
  let seededIds: string[] = []
  beforeAll(async () => {
    // Fresh stand-ins for the demo accounts, so the seed runs beside other tests' data.
    const users: SeededIdentity['users'] = {}
    for (const email of DEMO_AUTHORS) {
      const u = await makeUser(db)
      users[email] = { id: u.id, name: u.name, role: u.role, institutionId: u.institutionId }
    }
    const { count, ids } = await seedPractices(db, { users, institutions: {}, teams: {} } as unknown as SeededIdentity)
    expect(count).toBeGreaterThanOrEqual(32)
    seededIds = ids
    await drainSearchOutbox(SEARCH_SOURCES, { maxBatches: 100 })
  }, 180_000)

  it.each(['медиатор', 'mediator', 'медиатр', 'zdravni mediatori', 'ЗДРАВНИ МЕДИАТОРИ', 'здравен медиатор'])(
    '“%s” finds the health-mediator practice',
    async (q) => {
      const res = (await searchApi({
        request: getRequest(`/api/v1/search?q=${encodeURIComponent(q)}&type=practice`),
        params: {},
        context,
      })) as Response
      const body = (await res.json()) as { hits: { title: string }[] }
      expect(body.hits.map((h) => h.title)).toContain(HEALTH_MEDIATORS)
    },
  )

  it('“ДСП” finds practices that spell out Отдел „Закрила на детето“ / Дирекция „Социално подпомагане“, and “obrazovatelen patrul” the patrol', async () => {
    const search = async (q: string) => {
      const res = (await searchApi({
        request: getRequest(`/api/v1/search?q=${encodeURIComponent(q)}&type=practice&perPage=50`),
        params: {},
        context,
      })) as Response
      return ((await res.json()) as { hits: { title: string }[] }).hits.map((h) => h.title)
    }
    expect(await search('obrazovatelen patrul')).toContain('Образователен патрул: сутрешни обходи в квартала')
    expect(await search('ОЗД')).toContain('Съвместна работа с Отдел „Закрила на детето“ при риск от отпадане')
    expect(await search('РУО')).toContain('Регистър на необхванатите деца по адреси с данни от НЕИСПУО')
  })

  it('every seeded practice passes the privacy guard, as one written through the form must', async () => {
    const rows = await db.select().from(practices).where(inArray(practices.id, seededIds))
    expect(rows.length).toBeGreaterThanOrEqual(32)
    for (const p of rows)
      expect(checkPrivacy({ title: p.title, summary: p.summary, ...p.sectionTexts }).findings, p.title).toEqual({})
  })

  it('the practice written in English is marked as English, the others as Bulgarian', async () => {
    const rows = await db
      .select({ title: practices.title, language: practices.language })
      .from(practices)
      .where(inArray(practices.id, seededIds))
    expect(rows.filter((p) => p.language === 'en').map((p) => p.title)).toEqual([
      'Catch-up mentoring with volunteer university students',
    ])
  })

  it('lists only published practices, most useful first when asked', async () => {
    const page = payloadOf<{ result: { total: number; hits: { title: string; popularity: number }[] } }>(
      await libraryLoader({ request: getRequest('/practices?sort=popular'), params: {}, context }),
    )
    const titles = page.result.hits.map((h) => h.title)
    expect(titles).not.toContain('Чернова: посещения в общежитията на работници')
    expect(titles).not.toContain('Общ календар на училищата и ДСП за срещи с родители')
    const counts = page.result.hits.map((h) => h.popularity)
    expect([...counts].sort((a, b) => b - a)).toEqual(counts)
    expect(counts[0]).toBeGreaterThan(0)
  })
})

import { describe, expect, it } from 'vitest'

import { loader } from '../../app/routes/healthz'
import { dbKind } from '../support/database'

describe('GET /healthz', () => {
  it('answers ok with the database and search engine in use', async () => {
    const response = await loader()
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      status: 'ok',
      db: dbKind(),
      search: 'postgres',
      version: expect.any(String),
    })
    expect(dbKind()).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite')
  })
})

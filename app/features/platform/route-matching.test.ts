import { createRequire } from 'node:module'

import { describe, expect, it } from 'vitest'

// The server's copy of the router (dist/router.cjs.js), as Remix loads it on Node: scripts/patch-dependencies.mjs
// keeps its matches per routes array and address.
const { matchRoutes } = createRequire(import.meta.url)('@remix-run/router') as typeof import('@remix-run/router')

describe('route matching on the server (patched)', () => {
  const routes = [
    {
      id: 'root',
      path: '/',
      children: [
        { id: 'case', path: 'cases/:code' },
        { id: 'new', path: 'cases/new' },
      ],
    },
  ]

  it('matches each address as the router does, and answers a repeated address from what it kept', () => {
    const first = matchRoutes(routes, '/cases/С-2026-0042')!
    expect(first.map((m) => m.route.id)).toEqual(['root', 'case'])
    expect(first[1].params).toEqual({ code: 'С-2026-0042' })
    expect(matchRoutes(routes, '/cases/С-2026-0042')).toBe(first)
    expect(matchRoutes(routes, '/cases/new')!.map((m) => m.route.id)).toEqual(['root', 'new'])
    expect(matchRoutes(routes, '/cases/С-2026-0043')![1].params.code).toBe('С-2026-0043')
    expect(matchRoutes(routes, '/no/such/page')).toBeNull()
  })

  it('keeps matches frozen: no request can change what the next one is given', () => {
    const matches = matchRoutes(routes, '/cases/С-2026-0044')!
    expect(() => {
      ;(matches[1].params as Record<string, string>).code = 'друг'
    }).toThrow(TypeError)
    expect(() => (matches as unknown as unknown[]).push(null)).toThrow(TypeError)
    expect(matchRoutes(routes, '/cases/С-2026-0044')![1].params.code).toBe('С-2026-0044')
  })
})

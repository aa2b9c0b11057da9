import { describe, expect, it, vi } from 'vitest'

describe('the request scope', () => {
  it('keeps one read per request, and is shared by every copy of the module (server.ts and the Remix build)', async () => {
    const own = await import('./request-scope.server')
    vi.resetModules()
    const buildCopy = await import('./request-scope.server')
    expect(buildCopy).not.toBe(own)
    let reads = 0
    const read = () => buildCopy.oncePerRequest('session', async () => ++reads)
    const [first, second] = await own.inRequestScope('GET', () => Promise.all([read(), read()]))
    expect([first, second, reads]).toEqual([1, 1, 1])
    // A request that writes, and code outside any request, read afresh each time.
    await own.inRequestScope('POST', () => Promise.all([read(), read()]))
    expect(reads).toBe(3)
  })
})

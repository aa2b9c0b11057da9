import { afterEach, describe, expect, it, vi } from 'vitest'

import { forgetPublicPages, keepPublicPage, keptPublicPage, publicPageSlot } from './public-pages.server'

const request = (path: string, headers: Record<string, string> = {}, method = 'GET') => ({
  method,
  path: path.split('?')[0],
  url: path,
  headers: { host: 'iwb.test', ...headers },
})
const html = (nonce: string) =>
  Buffer.from(`<html><script nonce="${nonce}">1</script>${'Ден на отворените врати '.repeat(80)}</html>`)
const page = (nonce = 'n0', headers: Record<string, string> = {}) => ({
  status: 200,
  html: html(nonce),
  nonce,
  headers: new Headers({ 'Content-Type': 'text/html; charset=utf-8', ...headers }),
})

describe('the public-page cache', () => {
  afterEach(() => {
    forgetPublicPages()
    vi.useRealTimers()
  })

  it('serves only the open days list and an open day page to a GET without a cookie', () => {
    expect(publicPageSlot(request('/events'))).not.toBeNull()
    expect(publicPageSlot(request('/events/den-na-otvorenite-vrati?x=1'))).not.toBeNull()
    expect(publicPageSlot(request('/events', { cookie: 'lang=en' }))).toBeNull()
    expect(publicPageSlot(request('/events', { authorization: 'Bearer x' }))).toBeNull()
    expect(publicPageSlot(request('/events', {}, 'POST'))).toBeNull()
    expect(publicPageSlot(request('/events/new'))).toBeNull()
    expect(publicPageSlot(request('/events/x/register'))).toBeNull()
    expect(publicPageSlot(request('/registrations/token'))).toBeNull()
    expect(publicPageSlot(request('/cases'))).toBeNull()
  })

  it('gives each copy the response nonce and compresses it for the browser', () => {
    const slot = publicPageSlot(request('/events'))!
    keepPublicPage(slot, page('first-nonce'))
    const plain = keptPublicPage(slot.key, 'second-nonce', null)!
    expect(plain.body.toString('utf8')).toBe(html('second-nonce').toString('utf8'))
    expect(plain.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const br = keptPublicPage(slot.key, 'third-nonce', 'gzip, br')!
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(br.body.length).toBeLessThan(plain.body.length)
  })

  it('keeps no page that set a cookie, failed, or was rendered across a form post', () => {
    const slot = () => publicPageSlot(request('/events'))!
    keepPublicPage(slot(), page('n', { 'Set-Cookie': 'flash=1' }))
    expect(keptPublicPage(slot().key, 'n', null)).toBeNull()
    keepPublicPage(slot(), { ...page(), status: 404 })
    expect(keptPublicPage(slot().key, 'n', null)).toBeNull()
    const before = slot()
    forgetPublicPages() // a form post was answered while the page rendered
    keepPublicPage(before, page())
    expect(keptPublicPage(before.key, 'n', null)).toBeNull()
  })

  it('lets a copy go after its lifetime (5 s) and drops every copy on a form post', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() })
    const slot = publicPageSlot(request('/events'))!
    keepPublicPage(slot, page())
    vi.setSystemTime(Date.now() + 4_000)
    expect(keptPublicPage(slot.key, 'n', null)).not.toBeNull()
    vi.setSystemTime(Date.now() + 1_500)
    expect(keptPublicPage(slot.key, 'n', null)).toBeNull()
    keepPublicPage(publicPageSlot(request('/events'))!, page())
    forgetPublicPages()
    expect(keptPublicPage(slot.key, 'n', null)).toBeNull()
  })
})

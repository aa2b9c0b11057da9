import { get } from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'

import { describe, expect, it } from 'vitest'

import { baseUrl } from './support/browser'

/** What the Express layer promises, checked over real HTTP against the production server. */
describe('HTTP layer of the production server', () => {
  it('answers /healthz with the database in use', async () => {
    const res = await fetch(`${baseUrl()}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      status: 'ok',
      db: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      search: 'postgres',
    })
  })

  it('sends security headers with a per-request CSP nonce', async () => {
    const [a, b] = await Promise.all([fetch(`${baseUrl()}/`), fetch(`${baseUrl()}/`)])
    const csp = a.headers.get('content-security-policy') ?? ''
    expect(csp).toMatch(/script-src 'self' 'nonce-[\w+/=]+'/)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toBe(b.headers.get('content-security-policy'))
    expect(a.headers.get('x-content-type-options')).toBe('nosniff')
    expect(a.headers.get('x-frame-options')).toBe('DENY')
    expect(a.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(a.headers.get('x-powered-by')).toBeNull()
    const html = await a.text()
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]
    expect(html).toContain(`nonce="${nonce}"`)
    expect(html).not.toMatch(/https?:\/\/(?!localhost|127\.0\.0\.1)[\w.-]+\/[\w./-]*\.(js|css|woff2?)/)
  })

  it('serves the files of public/ with a cache lifetime, and leaves every other path to the app', async () => {
    const icon = await fetch(`${baseUrl()}/favicon.svg`)
    expect(icon.status).toBe(200)
    expect(icon.headers.get('content-type')).toContain('image/svg+xml')
    expect(icon.headers.get('cache-control')).toContain('max-age=3600')
    const page = await fetch(`${baseUrl()}/favicon.svg.html`)
    expect(page.status).toBe(404)
    expect(page.headers.get('content-type')).toContain('text/html')
  })

  it('compresses a page as the browser accepts it: brotli, gzip, or not at all', async () => {
    const raw = (acceptEncoding: string) =>
      new Promise<{ coding: string | undefined; vary: string | undefined; body: Buffer }>((resolve, reject) => {
        get(`${baseUrl()}/events`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () =>
            resolve({
              coding: res.headers['content-encoding'],
              vary: res.headers.vary,
              body: Buffer.concat(chunks),
            }),
          )
        }).on('error', reject)
      })
    const withoutNonce = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""')
    const [br, gzip, none, refused] = await Promise.all([
      raw('gzip, deflate, br'),
      raw('gzip'),
      raw('identity'),
      raw('br;q=0, gzip;q=0'),
    ])
    expect(br.coding).toBe('br')
    expect(gzip.coding).toBe('gzip')
    expect(none.coding).toBeUndefined()
    expect(refused.coding).toBeUndefined()
    for (const response of [br, gzip, none]) expect(response.vary).toMatch(/accept-encoding/i)
    const page = withoutNonce(none.body.toString('utf8'))
    expect(page).toContain('</html>')
    expect(br.body.length).toBeLessThan(none.body.length / 2)
    expect(withoutNonce(brotliDecompressSync(br.body).toString('utf8'))).toBe(page)
    expect(withoutNonce(gunzipSync(gzip.body).toString('utf8'))).toBe(page)
  })

  it('keeps /events for visitors without a cookie a few seconds, with a fresh nonce each time, until a form post', async () => {
    const page = async (headers: Record<string, string> = {}) => {
      const res = await fetch(`${baseUrl()}/events?kind=open_day`, { headers })
      const csp = res.headers.get('content-security-policy') ?? ''
      return {
        cache: res.headers.get('x-public-page-cache'),
        nonce: /'nonce-([^']+)'/.exec(csp)![1],
        html: await res.text(),
      }
    }
    const post = () =>
      fetch(`${baseUrl()}/set-language`, {
        method: 'POST',
        body: 'lang=bg&redirectTo=%2Fevents',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl() },
        redirect: 'manual',
      })
    await post() // whatever an earlier test left kept
    const first = await page()
    const second = await page()
    expect(first.cache).toBe('miss')
    expect(second.cache).toBe('hit')
    expect(second.nonce).not.toBe(first.nonce)
    expect(second.html).toContain(`nonce="${second.nonce}"`)
    expect(second.html).not.toContain(first.nonce)
    expect(second.html.replaceAll(second.nonce, '')).toBe(first.html.replaceAll(first.nonce, ''))
    // A visitor with a cookie (signed in, a language chosen, a message waiting) always gets the page rendered.
    expect((await page({ cookie: 'lang=en' })).cache).toBeNull()
    expect((await post()).status).toBe(302)
    expect((await page()).cache).toBe('miss')
  })

  it('refuses oversized bodies with 413', async () => {
    const res = await fetch(`${baseUrl()}/login`, {
      method: 'POST',
      body: 'x'.repeat(2 * 1024 * 1024),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(res.status).toBe(413)
  })

  it('refuses cross-site form posts', async () => {
    const res = await fetch(`${baseUrl()}/login`, {
      method: 'POST',
      body: 'email=staff%40demo.bg&password=demo-password-2026',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      redirect: 'manual',
    })
    expect(res.status).toBe(403)
  })

  it('refuses form posts with Origin: null and, without an Origin, from another site by Sec-Fetch-Site or Referer', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${baseUrl()}/set-language`, {
        method: 'POST',
        body: 'lang=en&redirectTo=%2F',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        redirect: 'manual',
      })
    expect((await post({ origin: 'null' })).status).toBe(403)
    expect((await post({ 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect((await post({ referer: 'https://evil.example/page' })).status).toBe(403)
    expect((await post({ origin: new URL(baseUrl()).origin })).status).toBe(302)
    expect((await post({ 'sec-fetch-site': 'same-origin' })).status).toBe(302)
  })

  it('signs in with a plain form post and sends a hardened session cookie', async () => {
    const res = await fetch(`${baseUrl()}/login`, {
      method: 'POST',
      body: 'email=staff%40demo.bg&password=demo-password-2026',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    })
    expect(res.status).toBe(302)
    expect(res.headers.get('set-cookie')).toMatch(
      /iwb_session=.+HttpOnly.*Secure.*SameSite=Lax|iwb_session=.+Secure.*HttpOnly.*SameSite=Lax/i,
    )
  })

  it('never shows a stack trace: an unknown page is a friendly 404', async () => {
    const res = await fetch(`${baseUrl()}/no/such/page`)
    expect(res.status).toBe(404)
    const html = await res.text()
    expect(html).toContain('Страницата не е намерена')
    expect(html).not.toMatch(/at \w+ \(|node_modules/)
  })
})

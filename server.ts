import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { createServer } from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { createRequestHandler } from '@remix-run/express'
import { broadcastDevReady, type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express, { type NextFunction, type Request, type Response } from 'express'
import helmet from 'helmet'

import { getEnv } from './app/env.server'
import { isClusterWorker, runPrimary, serveHandedConnections } from './app/features/platform/cluster.server'
import { forgetFragments } from './app/features/platform/fragments.server'
import { logger } from './app/features/platform/logger.server'
import {
  forgetPublicPages,
  keptPublicPage,
  publicPageSlot,
  type PublicPageSlot,
} from './app/features/platform/public-pages.server'
import { inRequestScope } from './app/features/platform/request-scope.server'
import { crossSiteWriteRefused } from './app/features/platform/same-origin.server'
import { prepareDatabase } from './seed/prepare'

/** The project's folder: the server runs from it (`npm start`), from source or bundled into build/server.js. */
const root = process.cwd()
const BODY_LIMIT = 1024 * 1024
const UPLOAD_LIMIT = 10 * 1024 * 1024

type ExtendedBuild = ServerBuild & {
  entry: ServerBuild['entry'] & {
    module: {
      startServices?: (o: {
        httpServer: ReturnType<typeof createServer>
        runJobs: boolean
      }) => Promise<{ stop: () => Promise<void> }>
    }
  }
}

/** What a form post may have changed or erased goes from memory: the kept public pages and page fragments. */
function forgetKeptMarkup() {
  forgetPublicPages()
  forgetFragments()
}

/**
 * Serves /events and an open day's page to a cookieless visitor from the public-page cache when a fresh copy is kept,
 * else marks the request so that its page is kept (entry.server.tsx). A form post drops the kept pages once answered.
 */
function publicPages(req: Request, res: Response, next: NextFunction) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.once('finish', forgetKeptMarkup)
    return next()
  }
  const slot = publicPageSlot({ method: req.method, path: req.path, url: req.originalUrl, headers: req.headers })
  if (!slot) return next()
  const page = keptPublicPage(slot.key, res.locals.cspNonce as string, req.headers['accept-encoding'] ?? null)
  // As Discourse's X-Discourse-Cached: an operator (and a test) can tell a kept page from a rendered one.
  res.setHeader('X-Public-Page-Cache', page ? 'hit' : 'miss')
  if (!page) {
    res.locals.publicPage = slot
    return next()
  }
  res.status(200)
  page.headers.forEach((value, name) => res.setHeader(name, value))
  res.end(page.body)
}

/** Refuses bodies over the limit, whether or not the client declared a length. */
function bodyLimit(req: Request, res: Response, next: NextFunction) {
  const limit = req.path.startsWith('/uploads') || req.path.includes('/upload') ? UPLOAD_LIMIT : BODY_LIMIT
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit) {
    res.status(413).type('text/plain').send('Payload Too Large')
    return
  }
  let seen = 0
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length
    if (seen > limit && !res.headersSent) {
      res.status(413).type('text/plain').send('Payload Too Large')
      req.destroy()
    }
  })
  next()
}

/** A cross-site form post is refused (see sentFromThisSite for what counts as this site). */
function sameOrigin(req: Request, res: Response, next: NextFunction) {
  if (!crossSiteWriteRefused(req)) return next()
  res.status(403).type('text/plain').send('Forbidden')
}

export async function main() {
  const env = getEnv()
  // Libraries (React, Remix) read NODE_ENV themselves: they get the validated value.
  process.env.NODE_ENV = env.NODE_ENV
  const buildDir = path.resolve(root, env.BUILD_DIR)
  const buildPath = path.join(buildDir, 'index.js')
  if (!existsSync(buildPath)) {
    logger.fatal('No build found: run `npm run build` first (npm start does this for you).')
    process.exit(1)
  }
  if (!isClusterWorker() && env.WEB_CONCURRENCY > 1) {
    if (env.DATABASE_URL) {
      await prepareDatabase()
      const { closeDatabase } = await import('./db/client.server')
      await closeDatabase()
      // Sockets in several processes share rooms through the database unless Redis is configured; jobs run in
      // the first worker (they are safe in several, one is enough).
      const realtime = env.REALTIME_ADAPTER ?? (env.REDIS_URL ? 'redis' : 'postgres')
      return runPrimary({
        workers: env.WEB_CONCURRENCY,
        port: env.PORT,
        host: env.HOST,
        env: (index) => ({
          REALTIME_ADAPTER: realtime,
          RUN_JOBS: index === 0 ? String(env.RUN_JOBS ?? true) : 'false',
        }),
      })
    }
    logger.warn('WEB_CONCURRENCY needs PostgreSQL (DATABASE_URL): the embedded database runs in one process')
  }
  if (!isClusterWorker()) await prepareDatabase()

  const build = (await import(pathToFileURL(buildPath).href)) as ExtendedBuild
  const https = env.appUrl.startsWith('https:')
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', env.TRUST_PROXY)

  app.use((req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64')
    inRequestScope(req.method, next)
  })
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'", ...(env.NODE_ENV === 'development' ? ['ws://localhost:*'] : [])],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          upgradeInsecureRequests: https ? [] : null,
        },
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      frameguard: { action: 'deny' },
      strictTransportSecurity: https ? undefined : false,
    }),
  )
  app.use(publicPages)
  // gzip or brotli, as the browser asks (a 170 KB case page becomes ~20 KB); off when a proxy in front compresses.
  if (env.COMPRESSION ?? true) app.use(compression())
  app.use(bodyLimit)
  app.use(sameOrigin)
  app.use('/build', express.static(path.join(buildDir, 'assets'), { immutable: true, maxAge: '1y' }))
  // The files of public/ are listed once: a page request does not first look for a file of its name on disk.
  const publicDir = path.join(root, 'public')
  const publicFiles = new Set(
    existsSync(publicDir)
      ? readdirSync(publicDir, { recursive: true, encoding: 'utf8' }).map(
          (name) => `/${name.split(path.sep).join('/')}`,
        )
      : [],
  )
  const publicStatic = express.static(publicDir, { maxAge: '1h' })
  app.use((req, res, next) => (publicFiles.has(req.path) ? publicStatic(req, res, next) : next()))

  app.all(
    '*',
    createRequestHandler({
      build: build as ServerBuild,
      mode: env.NODE_ENV,
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip ?? 'unknown',
        documentRequest: !req.path.endsWith('.data'), // single fetch: the client router's data requests end in .data
        pageHtml: new Map<string, string>(),
        publicPage: res.locals.publicPage as PublicPageSlot | undefined,
      }),
    }),
  )

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    logger.error({ path: req.path, err: error instanceof Error ? error.message : String(error) }, 'request failed')
    if (!res.headersSent) res.status(500).type('text/plain').send('Internal Server Error')
  })

  const httpServer = createServer(app)
  const services = await build.entry.module.startServices?.({ httpServer, runJobs: env.RUN_JOBS ?? true })
  if (isClusterWorker()) serveHandedConnections(httpServer)
  else {
    await new Promise<void>((resolve) => httpServer.listen(env.PORT, env.HOST, resolve))
    logger.info(
      { port: env.PORT, db: env.DATABASE_URL ? 'postgres' : 'pglite' },
      `listening on http://localhost:${env.PORT}`,
    )
  }
  if (env.NODE_ENV === 'development') await broadcastDevReady(build as ServerBuild)

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down')
    httpServer.close()
    await services?.stop()
    const { closeDatabase } = await import('./db/client.server')
    await closeDatabase()
    process.exit(0)
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  process.once('SIGINT', () => void shutdown('SIGINT'))
}

main().catch((error) => {
  logger.fatal({ err: error instanceof Error ? error.message : String(error) }, 'start-up failed')
  console.error(error)
  process.exit(1)
})

/**
 * One app process for the multi-process chat tests: the realtime side of server.ts (startServices on
 * an HTTP server) from source. Reads PORT and the usual configuration; prints "ready" when listening.
 */
import { createServer } from 'node:http'

import { startServices } from '../../app/services.server'

const port = Number(process.env.PORT)
const httpServer = createServer((_req, res) => {
  res.statusCode = 404
  res.end()
})
const services = await startServices({ httpServer, runJobs: false })
httpServer.listen(port, '127.0.0.1', () => console.log('ready'))

const stop = async () => {
  await services.stop()
  process.exit(0)
}
process.once('SIGTERM', () => void stop())
process.once('SIGINT', () => void stop())

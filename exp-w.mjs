import { Worker } from 'node:worker_threads'
const w = new Worker('./app/features/backup/pglite-worker.mjs', { workerData: { dataDir: process.argv[2] } })
w.on('message', (m) => { console.log(m); w.terminate() })
w.on('error', (e) => console.log('err', e))
w.postMessage({ id: 1, op: 'query', sql: 'select count(*) from users' })

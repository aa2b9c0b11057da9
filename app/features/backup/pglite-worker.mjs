// A PGlite database in its own thread, so that a dump (synchronous inside WASM) never stalls the site.
// Plain JavaScript: it is started by path from both the sources and the Remix build.
import { writeFile } from 'node:fs/promises'
import { parentPort, workerData } from 'node:worker_threads'

import { PGlite } from '@electric-sql/pglite'
import { pgDump } from '@electric-sql/pglite-tools/pg_dump'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'

const extensions = { pg_trgm, unaccent }
const pg = workerData.tarball
  ? new PGlite({ loadDataDir: new Blob([workerData.tarball]), extensions })
  : new PGlite(workerData.dataDir ?? 'memory://', { extensions })

parentPort.on('message', async ({ id, op, sql, params, file, args }) => {
  try {
    let result
    if (op === 'query') result = (await pg.query(sql, params)).rows
    else if (op === 'exec') await pg.exec(sql)
    else if (op === 'dump') {
      const dump = await pgDump({ pg, args })
      await writeFile(file, new Uint8Array(await dump.arrayBuffer()), { mode: 0o600 })
      result = dump.size
    } else if (op === 'close') await pg.close()
    parentPort.postMessage({ id, result })
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
})

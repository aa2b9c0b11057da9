/**
 * Relevance benchmark: `npm run bench:relevance`.
 * Indexes the judged corpus (tests/bench/relevance/: 300+ documents written for it) into each available
 * engine and runs the judged queries (160+, in categories). Prints nDCG@10, Recall@10, MRR@10 and the
 * zero-result rate per category and engine. Not a test; tests/integration/search-relevance.test.ts
 * keeps the figures above their floor.
 *   postgres     the built-in engine, in an in-memory PGlite (always)
 *   meilisearch  when MEILI_HOST is set (index `iwb_bench_relevance`, deleted and rebuilt)
 *   BENCH_ENGINES=postgres          one engine only
 *   BENCH_VERBOSE=1                 every query with its nDCG and the grades of what came back
 */
process.env.DATA_DIR = 'memory://'
process.env.DATABASE_URL = ''
process.env.LOG_LEVEL ??= 'silent'

const { closeDatabase, migrateDatabase } = await import('../../db/client.server')
const { postgresEngine } = await import('../../search/postgres')
const { evaluateEngine, formatTable } = await import('./relevance/score')
const { judgedCorpus } = await import('./relevance/corpus')
const { QUERIES } = await import('./relevance/queries')
type EngineReport = Awaited<ReturnType<typeof evaluateEngine>>

async function meilisearch() {
  const { meilisearchEngineFromEnv } = await import('../../search/meilisearch')
  process.env.MEILI_INDEX = 'iwb_bench_relevance'
  const engine = meilisearchEngineFromEnv()
  await engine.clear()
  return engine
}

async function main() {
  const wanted = (process.env.BENCH_ENGINES ?? 'postgres,meilisearch').split(',')
  await migrateDatabase()
  console.log(`Relevance benchmark: ${judgedCorpus().length} judged documents, ${QUERIES.length} queries; cut-off 10.`)
  const reports: [string, EngineReport][] = []
  if (wanted.includes('postgres')) reports.push(['postgres', await evaluateEngine(postgresEngine())])
  if (wanted.includes('meilisearch')) {
    if (process.env.MEILI_HOST) reports.push(['meilisearch', await evaluateEngine(await meilisearch())])
    else console.log('meilisearch: skipped (MEILI_HOST is not set)')
  }
  console.log(`\n${formatTable(reports)}`)
  if (process.env.BENCH_VERBOSE) {
    for (const [name, report] of reports) {
      console.log(`\n${name}: every query (nDCG@10, relevant documents, grades of the first ten returned)`)
      for (const s of [...report.scores].sort((a, b) => a.ndcg - b.ndcg)) {
        console.log(
          `${s.ndcg.toFixed(2)}  ${s.query.cat.padEnd(17)} ${JSON.stringify(s.query.q).padEnd(40)} ` +
            `rel=${String(s.relevant).padStart(3)}  [${s.returned.map((r) => r.grade).join(' ')}]`,
        )
      }
    }
  }
  await closeDatabase()
}

await main()

export {}

/**
 * Search benchmark: `npm run bench:search`.
 * Generates 20,000 practices from a Bulgarian vocabulary, indexes them through the normal reindex path
 * (printing documents/s with a progress bar), then runs 500 mixed queries and prints p50/p95/p99 per
 * kind — first on embedded PGlite, then on PostgreSQL (DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres;
 * a database `iwb_bench_search` is created and dropped). Not a test: it prints figures.
 *   BENCH_DOCS=5000 npm run bench:search     fewer documents
 *   BENCH_ENGINES=pglite npm run bench:search one engine only
 * To time queries alone against an index an earlier run left (e.g. while changing search/postgres.ts):
 *   BENCH_CHILD=PostgreSQL BENCH_QUERIES_ONLY=1 DATABASE_URL=postgres://…/db npx tsx tests/bench/search.ts
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

import { dropDatabases, freshDatabase } from '../support/fresh-database'

const DOCS = Number(process.env.BENCH_DOCS ?? 20_000)
const QUERIES = 500
const self = fileURLToPath(import.meta.url)

// --- deterministic generator -------------------------------------------------------------
function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}
let random = rng(20261128)
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]
const some = <T>(list: readonly T[], max: number) => [
  ...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(list))),
]

const WHO = [
  'Здравният медиатор',
  'Класният ръководител',
  'Педагогическият съветник',
  'Социалният работник от ОЗД',
  'Инспекторът от ДПС',
  'Образователният медиатор',
  'Екипът за обхват',
  'Служител на районната администрация',
  'Експерт от РУО',
  'Директорът на училището',
  'Учителката в подготвителната група',
  'Доброволец от сдружението',
  'Училищният психолог',
  'Ресурсният учител',
  'Координаторът на механизма',
  'Обществен възпитател от МКБППМН',
  'Медицинската сестра',
  'Треньорът на отбора',
  'Кариерният консултант',
  'Наставник от горния курс',
  'Читалищният секретар',
  'Лидер от общността',
  'Логопедът',
  'Библиотекарката',
]
const DOES = [
  'води дневник на посещенията',
  'организира лятна работилница',
  'изпраща покани по телефона',
  'разпределя дарените учебници',
  'събира родителите в читалището',
  'подготвя турнир между класовете',
  'води клуб по четене',
  'разговаря с работодателя',
  'посещава семействата',
  'организира среща с родителите',
  'изготвя план за наваксване',
  'придружава децата до училище',
  'проследява отсъствията',
  'свързва семейството с личен лекар',
  'помага за документите за записване',
  'води група за наваксване',
  'провежда разговор с детето',
  'съгласува мерките с ДСП',
  'подготвя индивидуален учебен план',
  'организира транспорт до училище',
  'събира информация от НЕИСПУО',
  'кани семействата на ден на отворените врати',
]
const WHEN = [
  'всяка седмица',
  'два пъти месечно',
  'още в първия ден на отсъствие',
  'през зимните месеци',
  'преди началото на учебната година',
  'след всяка казусна конференция',
  'в края на всеки срок',
]
const RESULT = [
  'посещаемостта се повиши',
  'отсъствията намаляха наполовина',
  'децата се върнаха в клас',
  'семействата започнаха сами да търсят училището',
  'повече деца завършиха годината',
  'записаха се нови деца в подготвителната група',
  'родителите идват на срещи',
]
const TOPIC = [
  'Домашни посещения',
  'Медиация между училище и родители',
  'Класове за наваксване',
  'Транспортна подкрепа',
  'Сътрудничество с ОЗД',
  'Образователен патрул',
  'Ранно сигнализиране за отсъствия',
  'Наставничество',
  'Подкрепа за деца, върнали се от чужбина',
  'Работа с лидери от общността',
  'Лятно училище',
  'Родителски клуб',
  'Закуска в училище',
  'Помощ за лични документи',
  'Психологическа подкрепа',
  'Професионално ориентиране',
  'Спортни занимания след часовете',
  'Ресурсна подкрепа',
]
const FOR = [
  'за деца с дълги отсъствия',
  'за необхванати деца',
  'за деца в риск от отпадане',
  'за работещи младежи',
  'за деца от семейства в бедност',
  'за деца със СОП',
  'за деца на сезонни работници',
  'за отпаднали ученици',
]
const DISTRICTS = [
  'lyulin',
  'nadezhda',
  'iskar',
  'vrabnitsa',
  'poduyane',
  'mladost',
  'slatina',
  'kremikovtsi',
  'novi-iskar',
  'ovcha-kupel',
  'krasno-selo',
  'studentski',
]
const TAGS = [
  'never_enrolled',
  'dropped_out',
  'long_absence',
  'returned_from_abroad',
  'working',
  'early_marriage',
  'disability',
  'language_barrier',
  'poverty',
  'housing',
  'health',
  'seasonal_migration',
  'missing_documents',
  'bullying',
]
const KINDS = [
  'school',
  'kindergarten',
  'regional_education_office',
  'social_assistance',
  'district_administration',
  'police',
  'health_mediator',
  'ngo',
]
const PLACE: Record<string, string> = {
  lyulin: 'Люлин',
  nadezhda: 'Надежда',
  iskar: 'Искър',
  vrabnitsa: 'Връбница',
  poduyane: 'Подуяне',
  mladost: 'Младост',
  slatina: 'Слатина',
  kremikovtsi: 'Кремиковци',
  'novi-iskar': 'Нови Искър',
  'ovcha-kupel': 'Овча купел',
  'krasno-selo': 'Красно село',
  studentski: 'Студентски',
}

const sentence = () => `${pick(WHO)} ${pick(DOES)} ${pick(WHEN)}.`
const paragraph = (n: number) => Array.from({ length: n }, sentence).join(' ')

function generatePractice(i: number) {
  const districts = some(DISTRICTS, 2)
  return {
    title: `${pick(TOPIC)} ${pick(FOR)} в ${PLACE[districts[0]]} ${i % 97 === 0 ? '(пилот)' : ''}`.trim(),
    summary: `${sentence()} В резултат ${pick(RESULT)}.`,
    sections: {
      problem: paragraph(2),
      actions: paragraph(4),
      results: `${pick(RESULT)}; ${pick(RESULT)}.`,
      resources: paragraph(1),
    },
    situationTags: some(TAGS, 3),
    institutionKinds: some(KINDS, 3),
    districts,
  }
}

const ONE_WORD = [
  'медиатор',
  'транспорт',
  'родители',
  'наваксване',
  'отсъствия',
  'посещения',
  'патрул',
  'наставничество',
  'документи',
  'закуска',
  'ДСП',
  'РУО',
  'НЕИСПУО',
  'училище',
  'общността',
]
const TWO_WORDS = [
  'здравни медиатори',
  'домашни посещения',
  'класове наваксване',
  'образователен патрул',
  'лятно училище',
  'родителски клуб',
  'лидери общността',
  'индивидуален план',
  'дълги отсъствия',
  'сезонни работници',
]
const LATIN = [
  'mediator',
  'zdravni mediatori',
  'obrazovatelen patrul',
  'roditelski klub',
  'transport',
  'nastavnichestvo',
  'domashni poseshteniya',
  'dokumenti',
  'uchilishte',
  'otsastviya',
]
const TYPO_SOURCES = [
  'медиатор',
  'транспорт',
  'родители',
  'наваксване',
  'посещения',
  'наставничество',
  'документи',
  'подготвителната',
  'семействата',
  'училището',
]

function typo(word: string) {
  const chars = [...word]
  const at = 1 + Math.floor(random() * (chars.length - 2))
  const kind = random()
  if (kind < 0.4) chars.splice(at, 1)
  else if (kind < 0.7) chars[at] = 'аеиоу'[Math.floor(random() * 5)]
  else [chars[at], chars[at + 1]] = [chars[at + 1] ?? chars[at], chars[at]]
  return chars.join('')
}

type Kind = 'one word' | 'two words' | 'typo' | 'latin' | 'with filter'
interface BenchQuery {
  kind: Kind
  q: string
  filters?: { districts?: string[]; tags?: string[]; types?: ['practice'] }
}

function queries(): BenchQuery[] {
  const out: BenchQuery[] = []
  for (let i = 0; i < QUERIES; i++) {
    const kind = (['one word', 'two words', 'typo', 'latin', 'with filter'] as const)[i % 5]
    if (kind === 'one word') out.push({ kind, q: pick(ONE_WORD) })
    else if (kind === 'two words') out.push({ kind, q: pick(TWO_WORDS) })
    else if (kind === 'typo') out.push({ kind, q: typo(pick(TYPO_SOURCES)) })
    else if (kind === 'latin') out.push({ kind, q: pick(LATIN) })
    else
      out.push({
        kind,
        q: pick(ONE_WORD),
        filters: { districts: [pick(DISTRICTS)], tags: random() < 0.5 ? [pick(TAGS)] : undefined, types: ['practice'] },
      })
  }
  return out
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]

// --- one engine run (child process) -------------------------------------------------------
async function runOne(label: string) {
  const { closeDatabase, migrateDatabase } = await import('../../db/client.server')

  await migrateDatabase()
  if (!process.env.BENCH_QUERIES_ONLY) await generateAndIndex(label)
  await timeQueries(label)
  await closeDatabase()
}

async function generateAndIndex(label: string) {
  const { db } = await import('../../db/client.server')
  const { practices } = await import('../../db/schema')
  const { makeUser } = await import('../../seed/builders/identity')
  const { plainTextToDoc } = await import('../../app/features/richtext/document')
  const { reindexAll } = await import('../../search/reindex')
  const { SEARCH_SOURCES } = await import('../../app/features/search/sources.server')
  const author = await makeUser(db, { email: `bench-${Date.now()}@example.bg` })
  console.log(`\n=== ${label}: generating ${DOCS.toLocaleString('en')} practices ===`)
  const started = performance.now()
  const BATCH = 500
  for (let i = 0; i < DOCS; i += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, DOCS - i) }, (_, j) => {
      const p = generatePractice(i + j)
      return {
        slug: `bench-${i + j}`,
        status: 'published' as const,
        title: p.title,
        summary: p.summary,
        sections: {
          problem: plainTextToDoc(p.sections.problem),
          actions: plainTextToDoc(p.sections.actions),
          results: plainTextToDoc(p.sections.results),
          resources: plainTextToDoc(p.sections.resources),
        },
        sectionTexts: p.sections,
        situationTags: p.situationTags,
        institutionKinds: p.institutionKinds,
        districts: p.districts,
        authorId: author.id,
        institutionId: author.institutionId,
        usefulCount: Math.floor(random() * 20),
        publishedAt: new Date(Date.UTC(2024, 0, 1) + (i + j) * 3_600_000),
      }
    })
    await db.insert(practices).values(rows)
  }
  console.log(`inserted in ${((performance.now() - started) / 1000).toFixed(1)} s`)

  const indexStart = performance.now()
  const counts = await reindexAll(SEARCH_SOURCES, { progress: true })
  const indexSeconds = (performance.now() - indexStart) / 1000
  console.log(
    `indexed ${counts.practice} documents in ${indexSeconds.toFixed(1)} s → ` +
      `${Math.round((counts.practice ?? 0) / indexSeconds)} documents/s`,
  )
}

async function timeQueries(label: string) {
  const { searchEngine } = await import('../../search/engines')
  random = rng(20261201) // the same 500 queries whether or not this run generated the documents

  const engine = searchEngine()
  // warm-up
  for (const q of queries().slice(0, 25)) await engine.search({ q: q.q, audience: 'public', filters: q.filters })
  const times = new Map<Kind, number[]>()
  const matched = new Map<Kind, number[]>()
  let totalHits = 0
  for (const q of queries()) {
    const t0 = performance.now()
    const result = await engine.search({ q: q.q, audience: 'public', filters: q.filters, perPage: 20 })
    const ms = performance.now() - t0
    totalHits += result.total > 0 ? 1 : 0
    times.set(q.kind, [...(times.get(q.kind) ?? []), ms])
    matched.set(q.kind, [...(matched.get(q.kind) ?? []), result.total])
  }
  console.log(
    `\n${label}: ${QUERIES} queries over ${DOCS.toLocaleString('en')} documents ` +
      `(${totalHits} with results), latency in ms (search + facets + highlighting):`,
  )
  console.log('kind          n     p50     p95     p99     max   median matches')
  const all: number[] = []
  for (const [kind, list] of times) {
    const sorted = [...list].sort((a, b) => a - b)
    all.push(...list)
    const matches = [...(matched.get(kind) ?? [])].sort((a, b) => a - b)
    console.log(
      `${kind.padEnd(12)} ${String(list.length).padStart(3)} ` +
        `${[50, 95, 99].map((p) => percentile(sorted, p).toFixed(1).padStart(7)).join(' ')} ` +
        `${sorted[sorted.length - 1].toFixed(1).padStart(7)} ` +
        `${percentile(matches, 50).toLocaleString('en').padStart(16)}`,
    )
  }
  const sortedAll = all.sort((a, b) => a - b)
  console.log(
    `${'all'.padEnd(12)} ${String(all.length).padStart(3)} ` +
      `${[50, 95, 99].map((p) => percentile(sortedAll, p).toFixed(1).padStart(7)).join(' ')} ` +
      `${sortedAll[sortedAll.length - 1].toFixed(1).padStart(7)}`,
  )
}

// --- driver -----------------------------------------------------------------------------
async function main() {
  if (process.env.BENCH_CHILD) return runOne(process.env.BENCH_CHILD)
  const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',')
  const env = { ...process.env, LOG_LEVEL: 'silent', MEILI_HOST: '' }
  if (engines.includes('pglite')) {
    spawnSync(process.execPath, ['--import', 'tsx', self], {
      stdio: 'inherit',
      env: { ...env, BENCH_CHILD: 'PGlite (embedded)', DATA_DIR: 'memory://', DATABASE_URL: '' },
    })
  }
  if (engines.includes('postgres')) {
    const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
    let url: string
    try {
      url = await freshDatabase(adminUrl, 'iwb_bench_search')
    } catch (error) {
      console.log(`PostgreSQL skipped: ${error instanceof Error ? error.message : error}`)
      return
    }
    spawnSync(process.execPath, ['--import', 'tsx', self], {
      stdio: 'inherit',
      env: { ...env, BENCH_CHILD: 'PostgreSQL', DATABASE_URL: url },
    })
    await dropDatabases(adminUrl, 'iwb_bench_search')
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})

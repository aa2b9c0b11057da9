/**
 * Training benchmark: analytics for a course with many learners, concurrent quiz submissions, the
 * learner pages' queries and certificate PDF rendering. Prints figures; not a test.
 *
 *   npx tsx tests/bench/training.ts                       # embedded PGlite (in memory)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/bench/training.ts   # PostgreSQL (own database)
 *   LEARNERS=1000 npx tsx tests/bench/training.ts
 */
import { dropDatabases, freshDatabase } from '../support/fresh-database'

const LEARNERS = Number(process.env.LEARNERS ?? 500)
const QUIZ_SUBMISSIONS = Number(process.env.QUIZ_SUBMISSIONS ?? 200)
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 10)

async function prepareDatabase() {
  const url = process.env.DATABASE_URL
  if (!url) {
    process.env.DATA_DIR = 'memory://'
    return 'pglite (memory)'
  }
  process.env.DATABASE_URL = await freshDatabase(url, 'iwb_bench_training')
  return 'postgresql (iwb_bench_training)'
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length
  return (
    `n=${sorted.length} mean=${mean.toFixed(1)}ms p50=${at(0.5).toFixed(1)}ms ` +
    `p95=${at(0.95).toFixed(1)}ms max=${sorted.at(-1)!.toFixed(1)}ms`
  )
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now()
  const value = await fn()
  return [performance.now() - started, value]
}

async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++])
    }),
  )
}

async function main() {
  const kind = await prepareDatabase()
  const { closeDatabase, db, migrateDatabase } = await import('../../db/client.server')
  const { makeInstitution, makeUser } = await import('../../seed/builders/identity')
  const { makeCourse, makeEnrolment } = await import('../../seed/builders/training')
  const { courseAnalytics } = await import('../../app/features/training/analytics.server')
  const { enrol, getCourseForLearner, listCatalogue, myLearning, openLesson, submitQuiz } =
    await import('../../app/features/training/learning.server')
  const { loadVersion } = await import('../../app/features/training/versions.server')
  const { renderCertificatePdf } = await import('../../app/features/training/certificate-pdf.server')
  await migrateDatabase()
  console.log(
    `training benchmark on ${kind}: ${LEARNERS} learners, ${QUIZ_SUBMISSIONS} quiz ` +
      `submissions at concurrency ${CONCURRENCY}`,
  )

  const institution = await makeInstitution(db)
  const trainer = await makeUser(db, { role: 'trainer', institutionId: institution.id })
  const quiz = (n: number) => ({
    passPercent: 60,
    maxAttempts: null,
    questions: Array.from({ length: 5 }, (_, i) => ({
      prompt: `Въпрос ${n}.${i + 1}`,
      options: [{ text: 'Верен', correct: true }, { text: 'Грешен' }, { text: 'Също грешен' }],
    })),
  })
  const { course, lessonIds } = await makeCourse(db, {
    ownerId: trainer.id,
    title: 'Теренна комуникация със семейства (бенчмарк)',
    publish: true,
    modules: Array.from({ length: 3 }, (_, m) => ({
      title: `Модул ${m + 1}`,
      lessons: Array.from({ length: 3 }, (_, l) => ({
        title: `Урок ${m + 1}.${l + 1}`,
        body: 'Текст на урока. '.repeat(200),
        quiz: l === 2 && m !== 1 ? quiz(m) : undefined,
      })),
    })),
  })

  let [ms] = await timed(async () => {
    for (let i = 0; i < LEARNERS; i++) {
      const user = await makeUser(db, { institutionId: institution.id, name: `Учащ ${i}` })
      const done = lessonIds.slice(0, i % (lessonIds.length + 1))
      await makeEnrolment(db, {
        courseId: course.id,
        userId: user.id,
        learnerName: user.name,
        completedLessonKeys: done,
        failedAttempts: i % 3 === 0 ? 1 : 0,
        quizScore: 80,
      })
    }
  })
  console.log(`setup: ${LEARNERS} learners with progress in ${(ms / 1000).toFixed(1)} s`)

  const analyticsSamples: number[] = []
  let totals = {}
  for (let i = 0; i < 10; i++) {
    const [t, result] = await timed(() => courseAnalytics(trainer, course.id))
    analyticsSamples.push(t)
    totals = result.totals
  }
  console.log(`courseAnalytics (${LEARNERS} learners): ${stats(analyticsSamples)} totals=${JSON.stringify(totals)}`)

  // Fresh learners submit quizzes concurrently (each submission is one transaction with a row lock).
  const snapshot = (await loadVersion(db, course.id, course.currentVersion ?? 1))!
  const quizLesson = snapshot.modules[0].lessons[2]
  const learners = await Promise.all(
    Array.from({ length: QUIZ_SUBMISSIONS }, (_, i) =>
      makeUser(db, { institutionId: institution.id, name: `Тест ${i}` }),
    ),
  )
  for (const l of learners) await enrol(l, course.id)
  const quizSamples: number[] = []
  ;[ms] = await timed(() =>
    inParallel(learners, CONCURRENCY, async (learner) => {
      const chosen = Object.fromEntries(quizLesson.quiz!.questions.map((q) => [q.key, [q.options[0].id]]))
      const [t] = await timed(() => submitQuiz(learner, course.id, quizLesson.key, chosen))
      quizSamples.push(t)
    }),
  )
  console.log(`submitQuiz: ${stats(quizSamples)} throughput=${(QUIZ_SUBMISSIONS / (ms / 1000)).toFixed(0)}/s`)

  const learner = learners[0]
  const pageSamples: Record<string, number[]> = { catalogue: [], myLearning: [], coursePage: [], lessonPage: [] }
  for (let i = 0; i < 30; i++) {
    pageSamples.catalogue.push((await timed(() => listCatalogue(learner)))[0])
    pageSamples.myLearning.push((await timed(() => myLearning(learner)))[0])
    pageSamples.coursePage.push((await timed(() => getCourseForLearner(learner, course.id)))[0])
    pageSamples.lessonPage.push((await timed(() => openLesson(learner, course.id, quizLesson.key)))[0])
  }
  for (const [name, samples] of Object.entries(pageSamples)) console.log(`${name}: ${stats(samples)}`)

  const pdfSamples: number[] = []
  let bytes = 0
  for (let i = 0; i < 10; i++) {
    const [t, pdf] = await timed(() =>
      renderCertificatePdf({
        code: '7KQ2-M9XD-4RTP',
        learnerName: `Елена Петкова ${i}`,
        courseTitle: snapshot.title,
        versionNumber: 1,
        language: 'bg',
        issuedAt: new Date(),
      }),
    )
    pdfSamples.push(t)
    bytes = pdf.byteLength
  }
  console.log(
    `certificate PDF: ${stats(pdfSamples)} size=${(bytes / 1024).toFixed(1)} KB (first includes font loading)`,
  )
  await closeDatabase()
  if (baseUrl) await dropDatabases(baseUrl, 'iwb_bench_training')
}

const baseUrl = process.env.DATABASE_URL

main().catch((error) => {
  console.error(error)
  process.exit(1)
})

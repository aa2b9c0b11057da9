import type { MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'

import { BarChart } from '~/components/charts'
import { DataTable } from '~/components/DataTable'
import { PageHeader } from '~/components/PageHeader'
import { Panel } from '~/components/Panel'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { dataTitle } from '~/features/platform/meta'
import { uuidParam } from '~/features/platform/params'
import { courseAnalytics } from '~/features/training/analytics.server'
import { grantExtraAttempt } from '~/features/training/learning.server'
import { ProgressBar } from '~/features/training/ProgressBar'
import { ExtraAttemptSchema } from '~/features/training/schemas'

export const meta: MetaFunction<typeof loader> = (args) => dataTitle(args, args.data?.course.title)

export const loader = (args: RouteArgs) =>
  signedIn(args, ({ user, params }) => courseAnalytics(user, uuidParam(params, 'courseId')))

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const courseId = uuidParam(params, 'courseId')
    return runIntent(await request.formData(), {
      default: intent(ExtraAttemptSchema, async ({ enrolmentId, lessonKey }) => {
        await grantExtraAttempt(user, courseId, enrolmentId, lessonKey)
        return redirectWithFlash(request, `/training/manage/${courseId}/analytics#learners-heading`, {
          key: 'training.analytics.granted',
        })
      }),
    })
  })

const STATUS_CLASS = { completed: 'status-ok', inProgress: 'status-warn', notStarted: '' } as const

export default function CourseAnalyticsPage() {
  const { course, totals, learners, quizzes, dropOff } = useLoaderData<typeof loader>()
  const { t, tk, date } = useT()
  const stat = (label: string, value: string | number) => (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  )
  return (
    <section className="analytics">
      <PageHeader
        title={t('training.analytics.title', { title: course.title })}
        back={{ to: `/training/courses/${course.id}`, label: course.title }}
      />
      {course.currentVersion === null ? <p>{t('training.analytics.noVersion')}</p> : null}
      <dl className="stats">
        {stat(t('training.analytics.enrolled'), totals.enrolled)}
        {stat(t('training.analytics.notStarted'), totals.notStarted)}
        {stat(t('training.analytics.inProgress'), totals.inProgress)}
        {stat(t('training.analytics.completed'), totals.completed)}
        {stat(t('training.analytics.completionRate'), `${totals.completionRate}%`)}
        {stat(t('training.analytics.overdue'), totals.overdue)}
      </dl>
      <p>
        <a href={`/training/manage/${course.id}/analytics/csv`} className="button button-secondary" download>
          {t('training.analytics.csv')}
        </a>
      </p>

      <div className="chart-grid">
        <Panel headingId="status-heading" title={t('training.analytics.statusChart')}>
          <BarChart
            id="chart-status"
            showTitle={false}
            title={t('training.analytics.statusChart')}
            data={[
              { label: t('training.analytics.notStarted'), value: totals.notStarted },
              { label: t('training.analytics.inProgress'), value: totals.inProgress },
              { label: t('training.analytics.completed'), value: totals.completed },
            ]}
          />
        </Panel>
        <Panel headingId="dropoff-heading" title={t('training.analytics.dropOff')}>
          {totals.inProgress === 0 ? (
            <p className="muted">{t('training.analytics.dropOffEmpty')}</p>
          ) : (
            <BarChart
              id="chart-dropoff"
              showTitle={false}
              title={t('training.analytics.dropOff')}
              description={t('training.analytics.dropOffHint')}
              data={dropOff.map((d, i) => ({
                label: d.removed
                  ? `${d.lessonTitle} ${t('training.analytics.removedLesson')}`
                  : `${i + 1}. ${d.lessonTitle}`,
                value: d.learners,
              }))}
            />
          )}
        </Panel>
      </div>

      <Panel headingId="quiz-heading" title={t('training.analytics.quizzes')}>
        {quizzes.length === 0 ? (
          <p className="muted">{t('training.analytics.quizEmpty')}</p>
        ) : (
          <>
            <BarChart
              id="chart-quiz"
              title={t('training.analytics.quizChart')}
              max={100}
              unit="%"
              data={quizzes.map((q) => ({ label: q.lessonTitle, value: q.averageScore ?? 0 }))}
            />
            <DataTable
              caption={t('training.analytics.quizzes')}
              rows={quizzes}
              rowKey={(q) => q.lessonKey}
              columns={[
                { header: t('training.analytics.quiz.lesson'), rowHeader: true, cell: (q) => q.lessonTitle },
                { header: t('training.analytics.quiz.pass'), cell: (q) => <>{q.passPercent}%</> },
                { header: t('training.analytics.quiz.attempts'), cell: (q) => q.attempts },
                { header: t('training.analytics.quiz.learners'), cell: (q) => q.learners },
                { header: t('training.analytics.quiz.passed'), cell: (q) => q.passedLearners },
                {
                  header: t('training.analytics.quiz.average'),
                  cell: (q) => (q.averageScore === null ? '—' : `${q.averageScore}%`),
                },
                { header: t('training.analytics.quiz.perLearner'), cell: (q) => q.attemptsPerLearner ?? '—' },
              ]}
            />
          </>
        )}
      </Panel>

      <Panel headingId="learners-heading" title={t('training.analytics.learners')}>
        <DataTable
          caption={t('training.analytics.learners')}
          empty={<p className="muted">{t('training.analytics.learnersEmpty')}</p>}
          rows={learners}
          rowKey={(l) => l.enrolmentId}
          columns={[
            { header: t('training.analytics.col.name'), rowHeader: true, cell: (l) => l.name },
            { header: t('training.analytics.col.institution'), cell: (l) => l.institution },
            {
              header: t('training.analytics.col.status'),
              cell: (l) => (
                <>
                  <span className={`status ${STATUS_CLASS[l.status]}`}>{tk(`training.analytics.${l.status}`)}</span>
                  {l.blocked.map((b) => (
                    <Form method="post" key={b.lessonKey} className="grant-form">
                      <input type="hidden" name="enrolmentId" value={l.enrolmentId} />
                      <input type="hidden" name="lessonKey" value={b.lessonKey} />
                      <p className="status status-bad">{t('training.analytics.blocked', { lesson: b.lessonTitle })}</p>
                      <button type="submit" className="button button-secondary button-small">
                        {t('training.analytics.grant')}
                        <span className="visually-hidden">
                          : {l.name}, {b.lessonTitle}
                        </span>
                      </button>
                    </Form>
                  ))}
                </>
              ),
            },
            {
              header: t('training.analytics.col.progress'),
              cell: (l) => (
                <ProgressBar
                  percent={l.percent}
                  label={`${l.name}: ${l.percent}% (${l.doneLessons}/${l.totalLessons})`}
                />
              ),
            },
            { header: t('training.analytics.col.version'), cell: (l) => l.version },
            { header: t('training.analytics.col.lastActivity'), cell: (l) => date(l.lastActivityAt) },
            {
              header: t('training.analytics.col.due'),
              cell: (l) => (
                <>
                  {l.dueAt ? date(l.dueAt) : '—'}
                  {l.overdue ? <span className="status status-bad"> {t('training.overdue')}</span> : null}
                </>
              ),
            },
            {
              header: t('training.analytics.col.certificate'),
              cell: (l) =>
                l.certificateCode ? <Link to={`/certificates/${l.certificateCode}`}>{l.certificateCode}</Link> : '—',
            },
          ]}
        />
      </Panel>
    </section>
  )
}

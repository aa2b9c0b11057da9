import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { PageHeader } from '~/components/PageHeader'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { pageTitle } from '~/features/platform/meta'
import { CourseCard } from '~/features/training/CourseCard'
import { myLearning } from '~/features/training/learning.server'
import { ProgressBar } from '~/features/training/ProgressBar'

export const meta: MetaFunction = (args) => pageTitle(args, 'training.myLearning')

export const loader = (args: RouteArgs) => signedIn(args, async ({ user }) => ({ items: await myLearning(user) }))

export default function MyLearning() {
  const { items } = useLoaderData<typeof loader>()
  const { t, date } = useT()
  return (
    <section>
      <PageHeader
        title={t('training.myLearning')}
        back={{ to: '/training', label: t('training.title') }}
        lead={t('training.myLearning.intro')}
      />
      {items.length === 0 ? (
        <p>
          <Link to="/training">{t('training.myLearning.empty')}</Link>
        </p>
      ) : (
        <div className="grid course-grid">
          {items.map((item) => (
            <CourseCard
              key={item.courseId}
              course={{ ...item, id: item.courseId }}
              href={`/training/courses/${item.courseId}`}
            >
              <ProgressBar percent={item.completedAt ? 100 : item.progress.percent} />
              <p className="muted">
                {t('training.progress.lessons', { done: item.progress.doneLessons, total: item.progress.totalLessons })}
              </p>
              <p className="row">
                {item.completedAt ? (
                  <span className="status status-ok">
                    {t('training.completedOn', { date: date(item.completedAt) })}
                  </span>
                ) : null}
                {item.dueAt && !item.completedAt ? (
                  <span className={`status ${item.overdue ? 'status-bad' : 'status-warn'}`}>
                    {t('training.due', { date: date(item.dueAt) })}
                    {item.overdue ? ` · ${t('training.overdue')}` : ''}
                  </span>
                ) : null}
                {item.source === 'assigned' ? <span className="tag">{t('training.assignedBy')}</span> : null}
              </p>
              <p className="row">
                {item.certificateCode ? (
                  <Link to={`/certificates/${item.certificateCode}`}>{t('training.certificate.view')}</Link>
                ) : item.progress.nextLessonKey ? (
                  <Link
                    className="button button-small"
                    to={`/training/courses/${item.courseId}/lessons/${item.progress.nextLessonKey}`}
                  >
                    {item.progress.doneLessons ? t('training.continue') : t('training.start')}
                    <span className="visually-hidden">: {item.title}</span>
                  </Link>
                ) : null}
              </p>
            </CourseCard>
          ))}
        </div>
      )}
    </section>
  )
}

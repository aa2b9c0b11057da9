import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { PageHeader, PageLinks } from '~/components/PageHeader'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { pageTitle } from '~/features/platform/meta'
import { listAuthoredCourses } from '~/features/training/authoring.server'
import { CourseCard } from '~/features/training/CourseCard'

export const meta: MetaFunction = (args) => pageTitle(args, 'training.manage')

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user }) => ({
    courses: await listAuthoredCourses(user),
    isAdmin: user.role === 'admin',
  }))

export default function ManageCourses() {
  const { courses, isAdmin } = useLoaderData<typeof loader>()
  const { t, dateTime } = useT()
  return (
    <section>
      <PageHeader
        title={t('training.manage')}
        back={{ to: '/training', label: t('training.title') }}
        lead={t('training.manage.intro')}
      />
      <p>
        <PageLinks links={[{ to: '/training/manage/new', label: t('training.manage.new') }]} />
      </p>
      {courses.length === 0 ? (
        <p>{t('training.manage.empty')}</p>
      ) : (
        <div className="grid course-grid">
          {courses.map((c) => (
            <CourseCard key={c.id} course={c} href={`/training/manage/${c.id}`}>
              <p className="row">
                {c.currentVersion === null ? (
                  <span className="status">{t('training.status.draft')}</span>
                ) : c.archivedAt ? (
                  <span className="status">{t('training.status.archived')}</span>
                ) : (
                  <span className="status status-ok">
                    {t('training.status.published', { version: c.currentVersion })}
                  </span>
                )}
                {c.currentVersion !== null && c.publishedRevision !== c.draftRevision ? (
                  <span className="status status-warn">{t('training.status.unpublishedChanges')}</span>
                ) : null}
              </p>
              <p className="muted">{dateTime(c.updatedAt)}</p>
              {isAdmin ? <p className="muted">{t('training.manage.owner', { name: c.ownerName })}</p> : null}
              {c.currentVersion !== null ? (
                <p>
                  <Link to={`/training/manage/${c.id}/analytics`}>
                    {t('training.course.analytics')}
                    <span className="visually-hidden">: {c.title}</span>
                  </Link>
                </p>
              ) : null}
            </CourseCard>
          ))}
        </div>
      )}
    </section>
  )
}

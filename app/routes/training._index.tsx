import type { MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { FilterBar, FilterButtons, FilterSearch, FilterSelect } from '~/components/filters'
import { PageHeader, PageLinks } from '~/components/PageHeader'
import { useT } from '~/features/i18n/useT'
import { can } from '~/features/identity/permissions'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { pageTitle } from '~/features/platform/meta'
import { CourseCard } from '~/features/training/CourseCard'
import { listCatalogue } from '~/features/training/learning.server'
import { CatalogueFilterSchema } from '~/features/training/schemas'
import { LOCALES } from '../../db/schema/identity'

export const meta: MetaFunction = (args) => pageTitle(args, 'training.title')

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, request }) => {
    const url = new URL(request.url)
    const parsed = CatalogueFilterSchema.safeParse(Object.fromEntries(url.searchParams))
    const filter = parsed.success ? parsed.data : { q: '', language: '' as const }
    return { filter, courses: await listCatalogue(user, filter), canAuthor: can(user, 'course:create') }
  })

export default function TrainingCatalogue() {
  const { filter, courses, canAuthor } = useLoaderData<typeof loader>()
  const { t, tp, date } = useT()
  const filtered = !!(filter.q || filter.language)
  return (
    <section>
      <PageHeader title={t('training.title')} lead={t('training.intro')} />
      <p className="row">
        <PageLinks
          links={[
            { to: '/training/my', label: t('training.myLearning') },
            canAuthor && { to: '/training/manage', label: t('training.manage'), look: 'secondary' },
          ]}
        />
      </p>
      <h2 id="catalogue-title">{t('training.catalogue')}</h2>
      <FilterBar values={filter} prefix="f" className="row filter-bar" role="search" aria-labelledby="catalogue-title">
        <FilterSearch label={t('training.filter.q')} />
        <FilterSelect
          name="language"
          label={t('training.filter.language')}
          all={t('training.filter.anyLanguage')}
          values={LOCALES}
          labelKey="training.language"
        />
        <FilterButtons apply={t('common.filter')} className="button button-secondary" />
      </FilterBar>
      {courses.length === 0 ? (
        <p>{t(filtered ? 'training.catalogue.noMatch' : 'training.catalogue.empty')}</p>
      ) : (
        <div className="grid course-grid">
          {courses.map((c) => (
            <CourseCard key={c.id} course={c} href={`/training/courses/${c.id}`}>
              <p lang={c.language}>{c.summary}</p>
              <p className="muted">
                {tp('training.card.modules', c.moduleCount)} · {tp('training.card.lessons', c.lessonCount)} ·{' '}
                {t('training.card.minutes', { minutes: c.estimatedMinutes })}
              </p>
              <p className="row">
                {c.completed ? (
                  <span className="status status-ok">{t('training.status.completed')}</span>
                ) : c.enrolled ? (
                  <span className="status">{t('training.status.enrolled')}</span>
                ) : null}
                {c.dueAt && !c.completed ? (
                  <span className="status status-warn">{t('training.due', { date: date(c.dueAt) })}</span>
                ) : null}
                {c.forMe && c.audienceRoles.length ? <span className="tag">{t('training.card.forYou')}</span> : null}
              </p>
            </CourseCard>
          ))}
        </div>
      )}
    </section>
  )
}

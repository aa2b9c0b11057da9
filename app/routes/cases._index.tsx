import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { FilterBar, FilterButtons, FilterSearch, FilterSelect } from '~/components/filters'
import { PageHeader } from '~/components/PageHeader'
import { Pagination } from '~/components/Pagination'
import { CaseStatusBadge, CaseTags } from '~/features/cases/CaseBadges'
import { CASES_PER_PAGE, listCases } from '~/features/cases/cases.server'
import { caseUrl } from '~/features/cases/codes'
import { openFlagCount } from '~/features/cases/moderation.server'
import { filtersFromUrl, SCOPES, SORTS } from '~/features/cases/schemas'
import { useT } from '~/features/i18n/useT'
import { can } from '~/features/identity/permissions'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { districtName, districtOptions } from '~/features/platform/districts'
import { pageTitle } from '~/features/platform/meta'
import { CASE_STATUSES, SITUATION_TAGS } from '../../db/schema/cases'
import { INSTITUTION_KINDS } from '../../db/schema/identity'

export const meta: MetaFunction = (args) => pageTitle(args, 'cases.title')

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, request }) => {
    const filters = filtersFromUrl(new URL(request.url))
    const moderator = can(user, 'case:moderate')
    const [list, flags] = await Promise.all([
      listCases(user, filters),
      moderator ? openFlagCount() : Promise.resolve(0),
    ])
    // Constants of .server modules are not in the browser's bundle: the page gets them as data.
    return { ...list, perPage: CASES_PER_PAGE, filters, moderator, flags }
  })

export default function CasesIndex() {
  const { rows, total, page, perPage, filters, moderator, flags } = useLoaderData<typeof loader>()
  const { t, tk, tp, locale, dateTime } = useT()
  const shown = { ...filters, scope: filters.scope ?? 'all', sort: filters.sort ?? 'activity' }
  // The orderings' labels are cases.filter.<name>, their choices cases.filter.<name>.<value>.
  const order = (name: 'scope' | 'sort', values: readonly string[]) => (
    <FilterSelect
      name={name}
      label={tk(`cases.filter.${name}`)}
      all={false}
      values={values}
      labelKey={`cases.filter.${name}`}
    />
  )
  return (
    <section>
      <PageHeader
        title={t('cases.title')}
        links={[
          { to: '/cases/new', label: t('cases.new') },
          moderator && {
            to: '/cases/moderation',
            label: t('cases.moderation.queueLink', { count: flags }),
            look: 'link',
          },
        ]}
      />
      <p className="muted">{t('cases.intro')}</p>
      <FilterBar values={shown} className="panel case-filters" role="search" aria-label={t('cases.filter.title')}>
        <div className="grid">
          <FilterSearch label={t('cases.filter.q')} />
          <FilterSelect name="status" label={t('cases.filter.status')} values={CASE_STATUSES} labelKey="cases.status" />
          <FilterSelect name="district" label={t('cases.filter.district')} options={districtOptions(locale)} />
          <FilterSelect name="tag" label={t('cases.filter.tag')} values={SITUATION_TAGS} labelKey="cases.tag" />
          <FilterSelect
            name="kind"
            label={t('cases.filter.kind')}
            values={INSTITUTION_KINDS}
            labelKey="institution.kind"
          />
          {order('scope', SCOPES)}
          {order('sort', SORTS)}
        </div>
        <FilterButtons
          apply={t('cases.filter.apply')}
          reset={{ to: '/cases', label: t('cases.filter.reset') }}
          className="button button-small"
        />
      </FilterBar>
      <p role="status">{tp('cases.list.count', total)}</p>
      {rows.length === 0 ? (
        <p className="panel">{t('cases.list.empty')}</p>
      ) : (
        <ul className="case-list">
          {rows.map((c) => (
            <li key={c.id} className={`case-item${c.isNew || c.unread ? ' case-item-unread' : ''}`}>
              <div className="case-item-main">
                <h2 className="case-item-title">
                  <Link to={caseUrl(c.code)}>
                    <span className="case-code">{c.code}</span> {c.title ?? t('cases.hidden.title')}
                  </Link>
                </h2>
                <div className="row case-item-meta">
                  <CaseStatusBadge status={c.status} outcome={c.outcome} />
                  {c.hasSolution ? <span className="status status-ok">✓ {t('cases.solution.badge')}</span> : null}
                  {c.lockedAt ? <span className="status">🔒 {t('cases.list.locked')}</span> : null}
                  {c.isNew ? <span className="status status-bad">{t('cases.list.new')}</span> : null}
                  {c.unread ? <span className="status status-bad">{tp('cases.list.unread', c.unread)}</span> : null}
                  <span className="muted">{districtName(c.districtCode, locale)}</span>
                  <span className="muted">{tk(`cases.age.${c.ageBand}`)}</span>
                  <span className="muted">{c.institutionName}</span>
                </div>
                <CaseTags tags={c.tags} />
              </div>
              <div className="case-item-side muted">
                <span>{tp('cases.replies.count', c.replyCount)}</span>
                <span>{dateTime(c.lastActivityAt)}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} perPage={perPage} total={total} />
    </section>
  )
}

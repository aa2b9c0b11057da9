import type { MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { DataTable } from '~/components/DataTable'
import { Pagination } from '~/components/Pagination'
import { listCaseViewers, VIEWS_PER_PAGE } from '~/features/cases/activity.server'
import { CasePageHeader } from '~/features/cases/CasePageHeader'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { pageTitle } from '~/features/platform/meta'
import { queryInt, routeParam } from '~/features/platform/params'

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'cases.viewers.title', { code: args.data?.code ?? '' })

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const result = await listCaseViewers(user, routeParam(params, 'code'), queryInt(new URL(request.url), 'page') ?? 1)
    return {
      code: result.thread.code,
      rows: result.rows,
      views: result.views,
      people: result.people,
      page: result.page,
      pages: result.pages,
      // Constants of .server modules are not in the browser's bundle: the page gets them as data.
      perPage: VIEWS_PER_PAGE,
    }
  })

export default function CaseViewers() {
  const { code, rows, views, people, page, perPage } = useLoaderData<typeof loader>()
  const { t, tk, tp, dateTime } = useT()
  return (
    <section>
      <CasePageHeader code={code} title={t('cases.viewers.title', { code })} />
      <p className="muted">{t('cases.viewers.intro')}</p>
      <p>{tp('cases.viewers.summary', views, { people })}</p>
      <DataTable
        caption={t('cases.viewers.title', { code })}
        empty={<p className="panel">{t('cases.viewers.empty')}</p>}
        rows={rows}
        columns={[
          { header: t('cases.viewers.when'), cell: (r) => dateTime(r.viewedAt) },
          {
            header: t('cases.viewers.who'),
            cell: (r) => (
              <>
                {r.userName} <span className="muted">({tk(`role.${r.role}`)})</span>
              </>
            ),
          },
          { header: t('auth.field.institution'), cell: (r) => r.institutionName },
        ]}
      />
      <Pagination page={page} perPage={perPage} total={views} />
    </section>
  )
}

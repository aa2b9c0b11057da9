import type { MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { RichTextView } from '~/components/RichText'
import { routeErrorBoundary } from '~/components/RouteError'
import { listCaseRevisions } from '~/features/cases/activity.server'
import { CasePageHeader } from '~/features/cases/CasePageHeader'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { pageTitle } from '~/features/platform/meta'
import { routeParam } from '~/features/platform/params'

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'cases.history.title', { code: args.data?.code ?? '' })

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, params }) => {
    const { thread, rows } = await listCaseRevisions(user, routeParam(params, 'code'))
    return { code: thread.code, rows }
  })

export default function CaseHistory() {
  const { code, rows } = useLoaderData<typeof loader>()
  const { t, dateTime } = useT()
  return (
    <section>
      <CasePageHeader code={code} title={t('cases.history.title', { code })} />
      {rows.length === 0 ? <p className="panel">{t('cases.history.empty')}</p> : null}
      <ol className="plain-list">
        {rows.map((r) => (
          <li key={r.id} className="panel">
            <h2>{r.replyNumber ? t('cases.history.reply', { number: r.replyNumber }) : t('cases.history.opening')}</h2>
            <p className="muted">{t('cases.history.editedBy', { name: r.editorName, date: dateTime(r.editedAt) })}</p>
            {r.previousTitle ? (
              <p>
                <strong>{t('cases.history.previousTitle')}:</strong> {r.previousTitle}
              </p>
            ) : null}
            <p>
              <strong>{t('cases.history.previous')}:</strong>
            </p>
            <RichTextView doc={r.previousDoc} className="rich-text revision" />
          </li>
        ))}
      </ol>
    </section>
  )
}

export const ErrorBoundary = routeErrorBoundary('cases')

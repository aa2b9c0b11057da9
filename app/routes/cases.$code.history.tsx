import type { MetaFunction, SerializeFrom } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { PostButton } from '~/components/forms'
import { RichTextView } from '~/components/RichText'
import { routeErrorBoundary } from '~/components/RouteError'
import { listCaseRevisions } from '~/features/cases/activity.server'
import { CasePageHeader } from '~/features/cases/CasePageHeader'
import { caseUrl } from '~/features/cases/codes'
import { erasePostHistory } from '~/features/cases/moderation.server'
import { PostHistorySchema } from '~/features/cases/schemas'
import { useT } from '~/features/i18n/useT'
import { can } from '~/features/identity/permissions'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { flashingRedirect } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { routeParam } from '~/features/platform/params'

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'cases.history.title', { code: args.data?.code ?? '' })

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, params }) => {
    const { thread, rows } = await listCaseRevisions(user, routeParam(params, 'code'))
    return { code: thread.code, rows, canErase: can(user, 'case:erase-history') }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const code = routeParam(params, 'code')
    return runIntent(await request.formData(), {
      erase: intent(PostHistorySchema, async ({ replyId }) => {
        const erased = await erasePostHistory(user, code, { replyId })
        return flashingRedirect(request, `${caseUrl(erased.code)}/history`)('cases.history.erased')
      }),
    })
  })

type Revision = SerializeFrom<typeof loader>['rows'][number]

/** The revisions by post: the opening post first, then the replies in their order, each newest first. */
function byPost(rows: readonly Revision[]) {
  const posts = new Map<string, { replyId: string | null; replyNumber: number | null; revisions: Revision[] }>()
  for (const row of rows) {
    const key = row.replyId ?? ''
    const post = posts.get(key) ?? { replyId: row.replyId, replyNumber: row.replyNumber, revisions: [] }
    post.revisions.push(row)
    posts.set(key, post)
  }
  return [...posts.values()].sort((a, b) => (a.replyNumber ?? 0) - (b.replyNumber ?? 0))
}

export default function CaseHistory() {
  const { code, rows, canErase } = useLoaderData<typeof loader>()
  const { t, dateTime } = useT()
  return (
    <section>
      <CasePageHeader code={code} title={t('cases.history.title', { code })} />
      {rows.length === 0 ? <p className="panel">{t('cases.history.empty')}</p> : null}
      {byPost(rows).map((post) => {
        const headingId = post.replyNumber ? `history-reply-${post.replyNumber}` : 'history-opening'
        return (
          <section key={post.replyId ?? ''} className="panel">
            <h2 id={headingId}>
              {post.replyNumber ? t('cases.history.reply', { number: post.replyNumber }) : t('cases.history.opening')}
            </h2>
            {canErase ? (
              <>
                <p className="muted" id={`${headingId}-erase-hint`}>
                  {t('cases.history.eraseHint')}
                </p>
                <PostButton
                  fields={{ replyId: post.replyId ?? '' }}
                  name="intent"
                  value="erase"
                  className="button button-small button-danger"
                  aria-describedby={`${headingId} ${headingId}-erase-hint`}
                  confirm={t('cases.history.eraseConfirm')}
                >
                  {t('cases.history.erase')}
                </PostButton>
              </>
            ) : null}
            <ol className="plain-list">
              {post.revisions.map((r) => (
                <li key={r.id}>
                  <p className="muted">
                    {t('cases.history.editedBy', { name: r.editorName, date: dateTime(r.editedAt) })}
                  </p>
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
      })}
    </section>
  )
}

export const ErrorBoundary = routeErrorBoundary('cases')

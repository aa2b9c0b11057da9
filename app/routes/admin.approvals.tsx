import type { MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'

import { PostButton } from '~/components/forms'
import { useT } from '~/features/i18n/useT'
import { listPendingSignups, reviewSignup } from '~/features/identity/accounts.server'
import { ReviewSchema } from '~/features/identity/schemas'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'admin.approvals')

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user }) => ({ pending: await listPendingSignups(user) }))

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request }) =>
    runIntent(await request.formData(), {
      default: intent(ReviewSchema, async (input) => {
        const result = await reviewSignup(user, input.userId, input.decision, input.reason)
        const key = result.status === 'approved' ? 'admin.approvals.approved' : 'admin.approvals.rejected'
        return redirectWithFlash(request, '/admin/approvals', { key, params: { name: result.name } })
      }),
    }),
  )

export default function Approvals() {
  const { pending } = useLoaderData<typeof loader>()
  const { t, tk, dateTime } = useT()
  return (
    <section>
      <h1>{t('admin.approvals')}</h1>
      {pending.length === 0 ? <p>{t('admin.approvals.empty')}</p> : null}
      <ul className="stack bare-list">
        {pending.map((p) => (
          <li key={p.id} className="card" aria-labelledby={`req-${p.id}`}>
            <h2 id={`req-${p.id}`}>{p.name}</h2>
            <dl>
              <dt>{t('auth.field.email')}</dt>
              <dd>{p.email}</dd>
              <dt>{t('auth.field.institution')}</dt>
              <dd>
                {p.institutionName} ({tk(`institution.kind.${p.institutionKind}`)})
              </dd>
              {p.teamName ? (
                <>
                  <dt>{t('auth.field.team')}</dt>
                  <dd>{p.teamName}</dd>
                </>
              ) : null}
              {p.position ? (
                <>
                  <dt>{t('auth.field.position')}</dt>
                  <dd>{p.position}</dd>
                </>
              ) : null}
              {p.signupNote ? (
                <>
                  <dt>{t('auth.field.note')}</dt>
                  <dd>{p.signupNote}</dd>
                </>
              ) : null}
              <dt>{t('admin.approvals.requested')}</dt>
              <dd>{dateTime(p.createdAt)}</dd>
            </dl>
            <div className="row">
              <PostButton fields={{ userId: p.id }} name="decision" value="approve" className="button">
                {t('admin.approvals.approve')}
              </PostButton>
              <Form method="post" className="row">
                <input type="hidden" name="userId" value={p.id} />
                <label htmlFor={`reason-${p.id}`}>{t('admin.approvals.reason')}</label>
                <input id={`reason-${p.id}`} name="reason" maxLength={500} />
                <button type="submit" name="decision" value="reject" className="button button-danger">
                  {t('admin.approvals.reject')}
                </button>
              </Form>
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}

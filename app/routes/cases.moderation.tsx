import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { dismissFlag, listFlagQueue, setPostHidden } from '~/features/cases/moderation.server'
import { requirePermission } from '~/features/identity/permissions'
import { requireUser } from '~/features/identity/session.server'
import { useT } from '~/features/i18n/useT'
import { flash } from '~/features/platform/flash.server'
import { badRequest } from '~/features/platform/forms.server'
import { isUuid } from '~/features/platform/http.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'cases.moderation.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  requirePermission(user, 'case:moderate')
  return { flags: await listFlagQueue(user) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  requirePermission(user, 'case:moderate')
  const form = await request.formData()
  const intent = form.get('intent')
  const flagId = form.get('flagId')
  if (!isUuid(flagId)) return badRequest(form, {}, { formError: 'errors.400' })
  let key: string
  if (intent === 'dismiss') {
    await dismissFlag(user, flagId)
    key = 'cases.moderation.dismissed'
  } else if (intent === 'hide') {
    const code = String(form.get('code') ?? '')
    const replyId = form.get('replyId')
    await setPostHidden(user, code, { replyId: isUuid(replyId) ? replyId : null, hidden: true })
    key = 'cases.moderation.hidden'
  } else {
    return badRequest(form, {}, { formError: 'errors.400' })
  }
  return redirect('/cases/moderation', { headers: { 'Set-Cookie': await flash(request, { key, kind: 'success' }) } })
}

export default function CaseModeration() {
  const { flags } = useLoaderData<typeof loader>()
  const { t, tk, dateTime } = useT()
  return (
    <section>
      <p className="breadcrumbs">
        <Link to="/cases">{t('cases.title')}</Link>
      </p>
      <h1>{t('cases.moderation.title')}</h1>
      <p className="muted">{t('cases.moderation.intro')}</p>
      {flags.length === 0 ? <p className="panel">{t('cases.moderation.empty')}</p> : null}
      <ul className="plain-list">
        {flags.map((f) => (
          <li key={f.id} className="panel">
            <h2>
              <Link to={f.url}>
                {f.code} — {f.replyNumber ? t('cases.moderation.reply', { number: f.replyNumber }) : t('cases.moderation.opening')}
              </Link>
            </h2>
            <p className="muted">{f.caseTitle}</p>
            <p>
              <strong>{tk(`cases.flag.reason.${f.reason}`)}</strong> — {t('cases.moderation.reporter')} {f.reporterName}, {dateTime(f.createdAt)}
            </p>
            {f.note ? <p>{f.note}</p> : null}
            <blockquote className="reply-quote">{f.excerpt}</blockquote>
            <div className="row">
              {f.hidden ? null : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="flagId" value={f.id} />
                  <input type="hidden" name="code" value={f.code} />
                  <input type="hidden" name="replyId" value={f.replyId ?? ''} />
                  <button type="submit" name="intent" value="hide" className="button button-small button-danger">
                    {t('cases.moderation.hide')}
                  </button>
                </Form>
              )}
              <Form method="post" className="inline-form">
                <input type="hidden" name="flagId" value={f.id} />
                <button type="submit" name="intent" value="dismiss" className="button button-small button-secondary">
                  {t('cases.moderation.dismiss')}
                </button>
              </Form>
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}

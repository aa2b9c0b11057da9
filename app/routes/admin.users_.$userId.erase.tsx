import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { CheckboxField, FormSubmit, PostForm } from '~/components/forms'
import { PageHeader } from '~/components/PageHeader'
import { routeErrorBoundary } from '~/components/RouteError'
import { useT } from '~/features/i18n/useT'
import { anonymiseAccount, erasureCandidate } from '~/features/identity/erasure.server'
import { EraseAccountSchema } from '~/features/identity/schemas'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { NO_INDEX, pageTitle } from '~/features/platform/meta'
import { uuidParam } from '~/features/platform/params'

export const meta: MetaFunction = (args) => [...pageTitle(args, 'admin.erase.title'), NO_INDEX]

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, params }) => ({ person: await erasureCandidate(user, uuidParam(params, 'userId')) }))

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const userId = uuidParam(params, 'userId')
    return runIntent(await request.formData(), {
      default: intent(EraseAccountSchema, async () => {
        const { label } = await anonymiseAccount(user, userId)
        return redirectWithFlash(request, '/admin/users', { key: 'admin.erase.done', params: { label } })
      }),
    })
  })

const ERASED = ['admin.erase.erased.identity', 'admin.erase.erased.secrets', 'admin.erase.erased.copies'] as const
const KEPT = ['admin.erase.kept.content', 'admin.erase.kept.certificates', 'admin.erase.kept.audit'] as const

/** The confirmation step: what goes, what stays, and a box to tick (the same without JavaScript). */
export default function EraseAccount() {
  const { person } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t, tk } = useT()
  return (
    <section className="narrow">
      <PageHeader
        back={{ to: '/admin/users', label: t('admin.users') }}
        title={t('admin.erase.title')}
        lead={t('admin.erase.lead')}
      />
      <dl className="panel">
        <dt>{t('auth.field.name')}</dt>
        <dd>{person.name}</dd>
        <dt>{t('auth.field.email')}</dt>
        <dd>{person.email}</dd>
        <dt>{t('auth.field.institution')}</dt>
        <dd>{person.institutionName}</dd>
        <dt>{t('common.status')}</dt>
        <dd>{tk(`status.${person.status}`)}</dd>
      </dl>
      {person.refusal ? (
        <p className="error-summary" role="alert">
          {tk(person.refusal)}
        </p>
      ) : (
        <>
          <h2>{t('admin.erase.erasedHeading')}</h2>
          <ul>
            {ERASED.map((key) => (
              <li key={key}>{t(key)}</li>
            ))}
          </ul>
          <h2>{t('admin.erase.keptHeading')}</h2>
          <ul>
            {KEPT.map((key) => (
              <li key={key}>{t(key)}</li>
            ))}
          </ul>
          <PostForm state={state} schema={EraseAccountSchema} className="form">
            <CheckboxField name="confirm" label={t('admin.erase.confirm')} required />
            <FormSubmit className="button button-danger">{t('admin.erase.submit')}</FormSubmit>
          </PostForm>
        </>
      )}
    </section>
  )
}

export const ErrorBoundary = routeErrorBoundary('users')

import { redirect, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'

import { FormSubmit, PostForm, SelectField, SubmitButton, TextField, type FormState } from '~/components/forms'
import { calendarFeedInfo } from '~/features/actions/calendar.server'
import { CalendarFeedPanel } from '~/features/actions/CalendarFeedPanel'
import { calendarIntents } from '~/features/actions/intents.server'
import { useT } from '~/features/i18n/useT'
import { changePassword, getAccount, signOutEverywhere, updateProfile } from '~/features/identity/accounts.server'
import { CurrentPasswordField, NewPasswordFields } from '~/features/identity/AuthFields'
import { PositionFields } from '~/features/identity/PositionFields'
import { ChangePasswordSchema, ProfileSchema } from '~/features/identity/schemas'
import {
  countUserSessions,
  createUserSession,
  sessionCookie,
  signedIn,
  type RouteArgs,
} from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, NO_INPUT, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { EMAIL_PREFERENCES, LOCALES } from '../../db/schema/identity'

export const meta: MetaFunction = (args) => pageTitle(args, 'account.title')

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user }) => {
    const [account, sessions, calendarFeed] = await Promise.all([
      getAccount(user.id),
      countUserSessions(user.id),
      calendarFeedInfo(user),
    ])
    return { account, sessions, institutionName: user.institutionName, calendarFeed }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request }) =>
    runIntent(await request.formData(), {
      ...calendarIntents(request, user),
      profile: intent(ProfileSchema, async (input) => {
        await updateProfile(user, input)
        return redirectWithFlash(request, '/account', { key: 'common.saved' })
      }),
      password: intent(ChangePasswordSchema, async (input) => {
        await changePassword(user, input.currentPassword, input.password)
        // Every other device is signed out; this one gets a fresh session.
        await signOutEverywhere(user)
        return redirectWithFlash(
          request,
          '/account',
          { key: 'account.passwordChanged' },
          { headers: { 'Set-Cookie': await createUserSession(user.id, request) } },
        )
      }),
      'signout-everywhere': intent(NO_INPUT, async () => {
        await signOutEverywhere(user)
        return redirect('/login', { headers: { 'Set-Cookie': await sessionCookie().serialize('', { maxAge: 0 }) } })
      }),
    }),
  )

/** The profile's choices from a fixed list. */
const PROFILE_CHOICES = [
  { name: 'locale', label: 'auth.field.locale', values: LOCALES, optionKey: (v: string) => `locale.${v}` },
  {
    name: 'emailPreference',
    label: 'account.emailPreference',
    values: EMAIL_PREFERENCES,
    optionKey: (v: string) => `emailPref.${v}`,
  },
] as const

/**
 * One of the account's forms: a panel with its title, posting `intent`; a refusal shows in the form that was sent,
 * and its fields start from the stored `defaults`.
 */
function AccountForm({
  intent,
  title,
  state,
  defaults,
  children,
}: {
  intent: string
  title: string
  state?: FormState | null
  defaults?: object
  children: ReactNode
}) {
  return (
    <PostForm
      className="form panel"
      aria-labelledby={`${intent}-title`}
      heading={<h2 id={`${intent}-title`}>{title}</h2>}
      intent={intent}
      state={state?.values?.intent === intent ? state : null}
      defaults={defaults}
    >
      {children}
    </PostForm>
  )
}

export default function Account() {
  const { account, sessions, institutionName, calendarFeed } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  // A new calendar address comes back as data, to be shown once; anything else is a form's answer.
  const createdUrl = answer && 'calendarUrl' in answer ? answer.calendarUrl : null
  const state = answer && 'calendarUrl' in answer ? null : answer
  const { t, tk } = useT()
  return (
    <section>
      <h1>{t('account.title')}</h1>
      <p className="muted">
        {t('account.institution', { name: institutionName })} ·{' '}
        {t('account.role', { role: tk(`role.${account.role}`) })}
      </p>
      <div className="grid">
        <AccountForm intent="profile" title={t('account.profile')} state={state} defaults={account}>
          <TextField name="name" label={t('auth.field.name')} required />
          <PositionFields defaults={account} />
          {PROFILE_CHOICES.map((choice) => (
            <SelectField
              key={choice.name}
              name={choice.name}
              label={tk(choice.label)}
              required
              options={choice.values.map((v) => ({ value: v, label: tk(choice.optionKey(v)) }))}
            />
          ))}
          <FormSubmit>{t('common.save')}</FormSubmit>
        </AccountForm>
        <AccountForm intent="password" title={t('account.password')} state={state}>
          <CurrentPasswordField name="currentPassword" label={t('account.currentPassword')} />
          <NewPasswordFields label={t('account.newPassword')} />
          <FormSubmit>{t('account.changePassword')}</FormSubmit>
        </AccountForm>
        <Form method="post" className="panel" aria-labelledby="sessions-title">
          <h2 id="sessions-title">{t('account.sessions')}</h2>
          <p>{t('account.sessionsText', { count: sessions })}</p>
          <input type="hidden" name="intent" value="signout-everywhere" />
          <SubmitButton className="button button-secondary">{t('account.signOutEverywhere')}</SubmitButton>
        </Form>
        <CalendarFeedPanel feed={calendarFeed} createdUrl={createdUrl} />
      </div>
    </section>
  )
}

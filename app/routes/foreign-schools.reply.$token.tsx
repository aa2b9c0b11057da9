import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { FormSubmit, PostForm, TextAreaField, TextField } from '~/components/forms'
import { answerPageByToken, submitAnswer } from '~/features/foreign-schools/answers.server'
import { AnswerSchema } from '~/features/foreign-schools/schemas'
import { useT } from '~/features/i18n/useT'
import { intent, runIntent } from '~/features/platform/forms.server'
import { keyLinkHeaders } from '~/features/platform/http.server'
import { NO_INDEX, pageTitle } from '~/features/platform/meta'
import { routeParam } from '~/features/platform/params'
import { readPrivacyOverride, redactIntent } from '~/features/privacy/guard.server'
import { PrivacyFindings } from '~/features/privacy/PrivacyFindings'
import type { ForeignCountField } from '../../db/schema/foreign-schools'

export const meta: MetaFunction = (args) => [...pageTitle(args, 'foreign.title'), NO_INDEX]

export const headers = keyLinkHeaders

export async function loader({ params }: LoaderFunctionArgs) {
  return answerPageByToken(routeParam(params, 'token'))
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = routeParam(params, 'token')
  return runIntent(await request.formData(), {
    redact: redactIntent(['comment'], null),
    default: intent(AnswerSchema, async (input, form) => {
      const { updated } = await submitAnswer(token, input, { privacyOverride: readPrivacyOverride(form) })
      return { ok: true as const, updated }
    }),
  })
}

const PUPILS: ForeignCountField[] = ['pupils0to6', 'pupils7to10', 'pupils11to14', 'pupils15to18']
const MOVEMENT: ForeignCountField[] = ['newEnrolments', 'leavers']

export default function ForeignReply() {
  const page = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const state = answer && answer.ok === false ? answer : null
  const saved = answer && answer.ok === true && 'updated' in answer ? answer : null
  const { t, tk, date, dateTime } = useT()
  const stored = (f: ForeignCountField) => (page.answer ? String(page.answer.counts[f]) : '')
  const countField = (f: ForeignCountField) => (
    <TextField
      key={f}
      name={f}
      label={tk(`foreign.field.${f}`)}
      inputMode="numeric"
      pattern="[0-9]*"
      autoComplete="off"
      defaultValue={stored(f)}
    />
  )
  return (
    <section className="narrow-wide">
      <h1>{t('foreign.reply.title', { school: page.schoolName })}</h1>
      <p>
        {t('foreign.reply.intro', {
          title: page.round.title,
          from: date(page.round.periodStart),
          to: date(page.round.periodEnd),
        })}
      </p>
      {saved ? (
        <p className="panel status-ok" role="status">
          {saved.updated ? t('foreign.reply.updated') : t('foreign.reply.saved')}
        </p>
      ) : null}
      {page.answer ? (
        <p className="muted">{t('foreign.reply.last', { date: dateTime(page.answer.updatedAt) })}</p>
      ) : null}
      {page.round.open ? (
        <PostForm className="form panel" state={state} schema={AnswerSchema}>
          <fieldset>
            <legend>{t('foreign.reply.pupils')}</legend>
            {PUPILS.map(countField)}
          </fieldset>
          <fieldset>
            <legend>{t('foreign.reply.movement')}</legend>
            {MOVEMENT.map(countField)}
          </fieldset>
          <TextAreaField
            name="comment"
            label={t('foreign.field.comment')}
            hint={t('foreign.field.commentHint')}
            defaultValue={page.answer?.comment ?? ''}
          />
          <PrivacyFindings state={state} fieldLabels={{ comment: t('foreign.field.comment') }} />
          <FormSubmit>{page.answer ? t('foreign.reply.update') : t('foreign.reply.submit')}</FormSubmit>
        </PostForm>
      ) : (
        <p className="panel">{t('foreign.reply.closed')}</p>
      )}
    </section>
  )
}

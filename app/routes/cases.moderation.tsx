import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { PostButton } from '~/components/forms'
import { PageHeader } from '~/components/PageHeader'
import { dismissFlag, erasePostHistory, listFlagQueue, setPostHidden } from '~/features/cases/moderation.server'
import { FlagDecisionSchema, FlaggedPostHistorySchema, HideFlaggedSchema } from '~/features/cases/schemas'
import { useT } from '~/features/i18n/useT'
import { signedInWith, type RouteArgs } from '~/features/identity/session.server'
import { flashingRedirect } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'cases.moderation.title')

export const loader = (args: RouteArgs) =>
  signedInWith(args, 'case:moderate', async ({ user }) => ({ flags: await listFlagQueue(user) }))

export const action = (args: RouteArgs) =>
  signedInWith(args, 'case:moderate', async ({ user, request }) => {
    const done = flashingRedirect(request, '/cases/moderation')
    return runIntent(await request.formData(), {
      dismiss: intent(FlagDecisionSchema, async ({ flagId }) => {
        await dismissFlag(user, flagId)
        return done('cases.moderation.dismissed')
      }),
      hide: intent(HideFlaggedSchema, async ({ code, replyId }) => {
        await setPostHidden(user, code, { replyId, hidden: true })
        return done('cases.moderation.hidden')
      }),
      erase: intent(FlaggedPostHistorySchema, async ({ code, replyId }) => {
        await erasePostHistory(user, code, { replyId })
        return done('cases.history.erased')
      }),
    })
  })

/** A post flagged for personal data that has earlier versions: hiding it erases them, or they can go alone. */
const personalData = (flag: { personalData: boolean; revisions: number }) => flag.personalData && flag.revisions > 0

export default function CaseModeration() {
  const { flags } = useLoaderData<typeof loader>()
  const { t, tk, tp, dateTime } = useT()
  return (
    <section>
      <PageHeader title={t('cases.moderation.title')} crumbs={[{ to: '/cases', label: t('cases.title') }]} />
      <p className="muted">{t('cases.moderation.intro')}</p>
      {flags.length === 0 ? <p className="panel">{t('cases.moderation.empty')}</p> : null}
      <ul className="plain-list">
        {flags.map((f) => (
          <li key={f.id} className="panel">
            <h2>
              <Link to={f.url}>
                {f.code} —{' '}
                {f.replyNumber ? t('cases.moderation.reply', { number: f.replyNumber }) : t('cases.moderation.opening')}
              </Link>
            </h2>
            <p className="muted">{f.caseTitle}</p>
            <p>
              <strong>{tk(`cases.flag.reason.${f.reason}`)}</strong> — {t('cases.moderation.reporter')} {f.reporterName}
              , {dateTime(f.createdAt)}
            </p>
            {f.note ? <p>{f.note}</p> : null}
            <blockquote className="reply-quote">{f.excerpt}</blockquote>
            {personalData(f) ? (
              <p className="muted" id={`flag-${f.id}-revisions`}>
                {tp('cases.moderation.revisions', f.revisions)}
              </p>
            ) : null}
            <div className="row">
              {f.hidden ? null : (
                <PostButton
                  fields={{ flagId: f.id, code: f.code, replyId: f.replyId ?? '' }}
                  formClassName="inline-form"
                  name="intent"
                  value="hide"
                  className="button button-small button-danger"
                >
                  {personalData(f) ? t('cases.moderation.hideErase') : t('cases.moderation.hide')}
                </PostButton>
              )}
              {personalData(f) ? (
                <PostButton
                  fields={{ code: f.code, replyId: f.replyId ?? '' }}
                  formClassName="inline-form"
                  name="intent"
                  value="erase"
                  className="button button-small button-danger"
                  aria-describedby={`flag-${f.id}-revisions`}
                  confirm={t('cases.history.eraseConfirm')}
                >
                  {t('cases.history.erase')}
                </PostButton>
              ) : null}
              <PostButton
                fields={{ flagId: f.id }}
                formClassName="inline-form"
                name="intent"
                value="dismiss"
                className="button button-small button-secondary"
              >
                {t('cases.moderation.dismiss')}
              </PostButton>
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}

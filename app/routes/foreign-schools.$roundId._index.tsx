import type { MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'

import { DataTable, type Column } from '~/components/DataTable'
import { FormSubmit, PostButton, PostForm, TextField } from '~/components/forms'
import { TableScroll } from '~/components/TableScroll'
import { addSchool, deleteRound, getRound, renewLink, setRoundOpen } from '~/features/foreign-schools/rounds.server'
import { AddSchoolSchema, SchoolIdSchema } from '~/features/foreign-schools/schemas'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, NO_INPUT, runIntent } from '~/features/platform/forms.server'
import { dataTitle } from '~/features/platform/meta'
import { uuidParam } from '~/features/platform/params'
import { FOREIGN_COUNT_FIELDS } from '../../db/schema/foreign-schools'

export const meta: MetaFunction<typeof loader> = (args) => dataTitle(args, args.data?.round.title)

export const loader = (args: RouteArgs) =>
  signedIn(args, ({ user, params }) => getRound(user, uuidParam(params, 'roundId')))

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const roundId = uuidParam(params, 'roundId')
    const here = `/foreign-schools/${roundId}`
    return runIntent(await request.formData(), {
      // The link is shown once, in the answer to this post (never in a URL or a flash cookie).
      add: intent(AddSchoolSchema, async (input) => {
        const { school, url } = await addSchool(user, roundId, input, user.locale)
        return { ok: true as const, link: { school: school.name, email: school.contactEmail, url } }
      }),
      renew: intent(SchoolIdSchema, async (input) => {
        const { school, url } = await renewLink(user, roundId, input.schoolId, user.locale)
        return { ok: true as const, link: { school: school.name, email: school.contactEmail, url } }
      }),
      close: intent(NO_INPUT, async () => {
        await setRoundOpen(user, roundId, false)
        return redirectWithFlash(request, here, { key: 'foreign.flash.closed' })
      }),
      reopen: intent(NO_INPUT, async () => {
        await setRoundOpen(user, roundId, true)
        return redirectWithFlash(request, here, { key: 'foreign.flash.reopened' })
      }),
      delete: intent(NO_INPUT, async () => {
        await deleteRound(user, roundId)
        return redirectWithFlash(request, '/foreign-schools', { key: 'foreign.flash.deleted' })
      }),
    })
  })

/** A form of one button whose consequence is said above it (the button is described by the hint). */
function ExplainedButton({
  intent,
  hint,
  hintId,
  className,
  children,
}: {
  intent: string
  hint: string
  hintId: string
  className: string
  children: ReactNode
}) {
  return (
    <Form method="post">
      <p className="muted" id={hintId}>
        {hint}
      </p>
      <button type="submit" name="intent" value={intent} className={className} aria-describedby={hintId}>
        {children}
      </button>
    </Form>
  )
}

export default function ForeignRound() {
  const { round, schools, answered, totals } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const state = answer && answer.ok === false ? answer : null
  const link = answer && answer.ok === true && 'link' in answer ? answer.link : null
  const { t, tk, date, dateTime, number } = useT()
  const open = round.status === 'open'
  return (
    <section>
      <h1>{round.title}</h1>
      <p className="lead">
        {date(round.periodStart)} – {date(round.periodEnd)} · {tk(`foreign.status.${round.status}`)} ·{' '}
        {t('foreign.answeredOf', { answered, total: schools.length })}
      </p>
      {link ? (
        <div className="panel" role="status">
          <p>{t('foreign.link.created', { school: link.school, email: link.email })}</p>
          <p>
            <code className="secret-link">{link.url}</code>
          </p>
        </div>
      ) : null}

      <h2 id="totals">{t('foreign.totals')}</h2>
      <TableScroll label={t('foreign.totals')}>
        <table aria-describedby="totals-caption">
          <caption id="totals-caption">{t('foreign.totals.caption', { answered })}</caption>
          <tbody>
            {FOREIGN_COUNT_FIELDS.map((f) => (
              <tr key={f}>
                <th scope="row">{tk(`foreign.field.${f}`)}</th>
                <td className="numeric">{number(totals[f])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p>
        <a className="button button-secondary" href={`/foreign-schools/${round.id}/export.csv`} download>
          {t('foreign.export')}
        </a>
      </p>

      <h2>{t('foreign.schools')}</h2>
      <DataTable
        caption={t('foreign.schools')}
        empty={<p className="muted">{t('foreign.noSchools')}</p>}
        rows={schools}
        rowAttributes={(s) => ({ 'data-school': s.name })}
        columns={[
          { header: t('foreign.col.school'), rowHeader: true, cell: (s) => s.name },
          { header: t('foreign.col.email'), cell: (s) => s.contactEmail },
          {
            header: t('foreign.col.answered'),
            cell: (s) =>
              s.answer ? (
                <span className="status status-ok">
                  {t('foreign.answered.yes')} ({dateTime(s.answer.updatedAt)})
                </span>
              ) : (
                <span className="status status-warn">{t('foreign.answered.no')}</span>
              ),
          },
          ...FOREIGN_COUNT_FIELDS.map((f): Column<(typeof schools)[number]> => ({
            header: tk(`foreign.field.${f}`),
            className: 'numeric',
            cell: (s) => (s.answer ? number(s.answer.counts[f]) : '—'),
          })),
          { header: t('foreign.field.comment'), cell: (s) => s.answer?.comment ?? '' },
          ...(open
            ? [
                {
                  header: t('foreign.col.status'),
                  cell: (s: (typeof schools)[number]) => (
                    <PostButton
                      fields={{ schoolId: s.id }}
                      name="intent"
                      value="renew"
                      className="button button-secondary"
                    >
                      {t('foreign.renew', { school: s.name })}
                    </PostButton>
                  ),
                },
              ]
            : []),
        ]}
      />

      {open ? (
        <PostForm
          className="form panel"
          heading={
            <>
              <h2>{t('foreign.addSchool')}</h2>
              <p className="muted">{t('foreign.addSchool.hint')}</p>
            </>
          }
          state={state}
          schema={AddSchoolSchema}
        >
          <TextField name="name" label={t('foreign.field.name')} />
          <TextField name="contactEmail" type="email" label={t('foreign.field.contactEmail')} />
          <FormSubmit name="intent" value="add">
            {t('foreign.addSchool')}
          </FormSubmit>
        </PostForm>
      ) : null}

      <div className="panel">
        <ExplainedButton
          intent={open ? 'close' : 'reopen'}
          hintId="status-hint"
          hint={open ? t('foreign.close.hint') : t('foreign.reopen.hint')}
          className="button button-secondary"
        >
          {open ? t('foreign.close') : t('foreign.reopen')}
        </ExplainedButton>
        <ExplainedButton
          intent="delete"
          hintId="delete-hint"
          hint={t('foreign.delete.hint')}
          className="button button-danger"
        >
          {t('foreign.delete')}
        </ExplainedButton>
      </div>
    </section>
  )
}

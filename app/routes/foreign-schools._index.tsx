import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'

import { ErrorSummary, SubmitButton, TextField } from '~/components/forms'
import { TableScroll } from '~/components/TableScroll'
import { createRound, listRounds } from '~/features/foreign-schools/rounds.server'
import { NewRoundSchema } from '~/features/foreign-schools/schemas'
import { useT } from '~/features/i18n/useT'
import { requireUser } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'foreign.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { rounds: await listRounds(user) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  return runIntent(await request.formData(), {
    default: intent(NewRoundSchema, async (input) => {
      const round = await createRound(user, input)
      return redirectWithFlash(request, `/foreign-schools/${round.id}`, { key: 'foreign.flash.created' })
    }),
  })
}

export default function ForeignRounds() {
  const { rounds } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t, tk, date } = useT()
  return (
    <section>
      <h1>{t('foreign.title')}</h1>
      <p className="lead">{t('foreign.intro')}</p>
      <h2>{t('foreign.rounds')}</h2>
      {rounds.length === 0 ? (
        <p className="muted">{t('foreign.noRounds')}</p>
      ) : (
        <TableScroll label={t('foreign.rounds')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('foreign.col.round')}</th>
                <th scope="col">{t('foreign.col.period')}</th>
                <th scope="col">{t('foreign.col.status')}</th>
                <th scope="col">{t('foreign.col.answered')}</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/foreign-schools/${r.id}`}>{r.title}</Link>
                  </td>
                  <td>
                    {date(r.periodStart)} – {date(r.periodEnd)}
                  </td>
                  <td>{tk(`foreign.status.${r.status}`)}</td>
                  <td>{t('foreign.answeredOf', { answered: r.answered, total: r.schools })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Form method="post" className="form panel" noValidate>
        <h2>{t('foreign.new')}</h2>
        <ErrorSummary state={state} />
        <TextField name="title" label={t('foreign.field.title')} required state={state} maxLength={200} />
        <TextField name="periodStart" type="date" label={t('foreign.field.periodStart')} required state={state} />
        <TextField name="periodEnd" type="date" label={t('foreign.field.periodEnd')} required state={state} />
        <div>
          <SubmitButton>{t('foreign.new.submit')}</SubmitButton>
        </div>
      </Form>
    </section>
  )
}

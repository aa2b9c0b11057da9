import { Form, Link } from '@remix-run/react'

import { DataTable } from '~/components/DataTable'
import { PostForm, SelectField, sentText, SubmitButton, TextField, type FormState } from '~/components/forms'
import { useT } from '~/features/i18n/useT'
import { PrivacyFindings, SubmitWithFindings } from '~/features/privacy/PrivacyFindings'
import { RETENTION_ANSWERS } from '../../../db/schema/actions'
import type { ActionView, OwnerChoices } from './actions.server'
import { ActionSchema, REASON_MAX } from './schemas'

/** A due day (yyyy-mm-dd) as an instant inside that Sofia day, for the date formatter. */
export const dayInstant = (isoDate: string) => `${isoDate}T12:00:00Z`

/** The state of a form about this action only (several rows share a page). */
const stateFor = (state: FormState | null | undefined, actionId: string) =>
  state?.values?.actionId === actionId ? state : null

export function ActionText({ action }: { action: ActionView }) {
  const { t } = useT()
  return (
    <>
      {action.kind === 'retention_check'
        ? t('actions.check.title', { months: action.retentionMonths ?? 0 })
        : action.text}
    </>
  )
}

export function ActionStatus({ action }: { action: ActionView }) {
  const { t, tk, date } = useT()
  if (action.status === 'open')
    return action.overdue ? (
      <span className="status status-bad">{t('actions.overdue')}</span>
    ) : (
      <span className="status">{t('actions.status.open')}</span>
    )
  if (action.status === 'done')
    return (
      <span>
        <span className="status status-ok">{t('actions.status.done')}</span>
        {action.answer ? (
          <span> {t('actions.check.answered', { answer: tk(`actions.check.answer.${action.answer}`) })}</span>
        ) : null}
        {action.answerNote ? <span className="muted"> — {action.answerNote}</span> : null}
        {action.completedAt ? (
          <span className="muted"> ({t('actions.doneOn', { date: date(action.completedAt) })})</span>
        ) : null}
      </span>
    )
  return (
    <span>
      <span className="status status-warn">{t('actions.status.dropped')}</span>{' '}
      <span className="muted">
        {action.dropReason ? t('actions.droppedBecause', { reason: action.dropReason }) : t('actions.noLongerNeeded')}
      </span>
    </span>
  )
}

/** Done (one click), drop with a reason, or the answer to a retention check; plain forms, no JavaScript needed. */
export function ActionControls({
  action,
  action: { id },
  postTo,
  returnTo,
  state,
}: {
  action: ActionView
  postTo?: string
  returnTo: string
  state?: FormState | null
}) {
  const { t, tk } = useT()
  const mine = stateFor(state, id)
  if (action.canAnswer)
    return (
      <PostForm action={postTo} className="form action-answer" state={mine}>
        <ActionTarget id={id} returnTo={returnTo} />
        <fieldset>
          <legend>{t('actions.field.answer')}</legend>
          {RETENTION_ANSWERS.map((answer) => (
            <div className="checkbox" key={answer}>
              <input
                type="radio"
                id={`answer-${id}-${answer}`}
                name="answer"
                value={answer}
                defaultChecked={sentText(mine, 'answer') === answer}
              />
              <label htmlFor={`answer-${id}-${answer}`}>{tk(`actions.check.answer.${answer}`)}</label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`note-${id}`}>{t('actions.field.note')}</label>
          <input id={`note-${id}`} name="note" maxLength={REASON_MAX} defaultValue={sentText(mine, 'note')} />
        </div>
        <SubmitButton name="intent" value="check-answer" className="button button-small">
          {t('actions.answerSubmit')}
        </SubmitButton>
        <PrivacyFindings state={mine} fieldLabels={{ note: t('actions.field.note') }} idPrefix={`privacy-${id}`} />
      </PostForm>
    )
  if (!action.canUpdate) return null
  return (
    <div className="action-controls">
      <Form method="post" action={postTo} className="inline-form">
        <ActionTarget id={id} returnTo={returnTo} />
        <button type="submit" name="intent" value="action-done" className="button button-small">
          {t('actions.done')}
          <ActionNamed action={action} />
        </button>
      </Form>
      <details open={!!mine}>
        <summary>
          {t('actions.drop')}
          <ActionNamed action={action} />
        </summary>
        <PostForm action={postTo} className="form" state={mine}>
          <ActionTarget id={id} returnTo={returnTo} />
          <div className="field">
            <label htmlFor={`reason-${id}`}>{t('actions.field.reason')}</label>
            <input
              id={`reason-${id}`}
              name="reason"
              required
              maxLength={REASON_MAX}
              defaultValue={sentText(mine, 'reason')}
            />
          </div>
          <SubmitButton name="intent" value="action-drop" className="button button-secondary button-small">
            {t('actions.dropSubmit')}
          </SubmitButton>
          <PrivacyFindings
            state={mine}
            fieldLabels={{ reason: t('actions.field.reason') }}
            idPrefix={`privacy-${id}`}
          />
        </PostForm>
      </details>
    </div>
  )
}

/** Which action a form is about, and the page to come back to. */
function ActionTarget({ id, returnTo }: { id: string; returnTo: string }) {
  return (
    <>
      <input type="hidden" name="actionId" value={id} />
      <input type="hidden" name="returnTo" value={returnTo} />
    </>
  )
}

/** The action's text after a button's word, for screen readers ("Done — call the family"). */
function ActionNamed({ action }: { action: ActionView }) {
  return (
    <span className="visually-hidden">
      {' — '}
      <ActionText action={action} />
    </span>
  )
}

/** Where the action was agreed: a reply of the case, or the minutes of a conference. */
function AgreedIn({ action }: { action: ActionView }) {
  const { t } = useT()
  if (!action.agreedUrl || action.agreedNumber === null) return null
  return (
    <a href={action.agreedUrl} className="muted">
      {t(action.fromConference ? 'actions.agreedInMinutes' : 'actions.agreedIn', { number: action.agreedNumber })}
    </a>
  )
}

/** The owner picker: institutions involved in the case, then people. */
export function OwnerSelect({
  name,
  owners,
  state,
  required,
}: {
  name: string
  owners: OwnerChoices
  state?: FormState | null
  required?: boolean
}) {
  const { t } = useT()
  return (
    <SelectField
      name={name}
      label={t('actions.field.owner')}
      state={state}
      required={required}
      placeholder={t('actions.field.ownerPlaceholder')}
      groups={[
        {
          label: t('actions.field.ownerInstitutions'),
          options: owners.institutions.map((i) => ({ value: `institution:${i.id}`, label: i.name })),
        },
        {
          label: t('actions.field.ownerPeople'),
          options: owners.people.map((p) => ({ value: `user:${p.id}`, label: `${p.name} (${p.institutionName})` })),
        },
      ]}
    />
  )
}

function AddActionForm({ owners, today, state }: { owners: OwnerChoices; today: string; state?: FormState | null }) {
  const { t } = useT()
  const mine = state?.values?.intent === 'action-add' || state?.values?.form === 'action' ? state : null
  return (
    <details className="panel" open={!!mine}>
      <summary>{t('actions.plan.add')}</summary>
      <PostForm
        className="form"
        heading={<p className="muted">{t('actions.plan.addIntro')}</p>}
        state={mine}
        schema={ActionSchema}
      >
        <input type="hidden" name="form" value="action" />
        <TextField name="text" label={t('actions.field.text')} hint={t('actions.field.textHint')} />
        <OwnerSelect name="owner" owners={owners} />
        <TextField name="dueDate" type="date" label={t('actions.field.dueDate')} min={today} />
        <SubmitWithFindings
          intent="action-add"
          state={mine}
          fieldLabels={{ text: t('actions.field.text') }}
          idPrefix="action-privacy"
          headingLevel={3}
        >
          {t('actions.submit')}
        </SubmitWithFindings>
      </PostForm>
    </details>
  )
}

export interface ActionPlanData {
  actions: ActionView[]
  canPlan: boolean
  owners: OwnerChoices | null
  today: string
}

/** The case's plan: who does what by when, with its buttons, and the form for a new action. */
export function ActionPlan({
  plan,
  returnTo,
  state,
}: {
  plan: ActionPlanData
  returnTo: string
  state?: FormState | null
}) {
  const { t, date } = useT()
  return (
    <section className="panel action-plan" aria-labelledby="action-plan-title" id="action-plan">
      <h2 id="action-plan-title">{t('actions.plan.title')}</h2>
      <DataTable
        caption={t('actions.plan.title')}
        empty={<p className="muted">{t('actions.plan.empty')}</p>}
        rows={plan.actions}
        rowAttributes={(a) => ({ id: `action-${a.id}` })}
        columns={[
          {
            header: t('actions.col.what'),
            cell: (a) => (
              <>
                <ActionText action={a} /> <AgreedIn action={a} />
              </>
            ),
          },
          { header: t('actions.col.who'), cell: (a) => a.ownerName },
          {
            header: t('actions.col.due'),
            cell: (a) => <time dateTime={a.dueDate}>{date(dayInstant(a.dueDate))}</time>,
          },
          {
            header: t('actions.col.status'),
            cell: (a) => (
              <>
                <ActionStatus action={a} />
                <ActionControls action={a} returnTo={returnTo} state={state} />
              </>
            ),
          },
        ]}
      />
      {plan.canPlan && plan.owners ? <AddActionForm owners={plan.owners} today={plan.today} state={state} /> : null}
    </section>
  )
}

/** A list of my open actions, overdue first (the /actions page and the home block). */
export function MyActionsList({
  actions,
  postTo,
  returnTo,
  state,
}: {
  actions: ActionView[]
  postTo: string
  returnTo: string
  state?: FormState | null
}) {
  const { t, date } = useT()
  if (actions.length === 0) return <p className="muted">{t('actions.empty')}</p>
  return (
    <ul className="plain-list my-actions">
      {actions.map((a) => (
        <li key={a.id} className={`card${a.overdue ? ' action-overdue' : ''}`}>
          <p>
            <strong>
              <ActionText action={a} />
            </strong>
          </p>
          <p className="row">
            <ActionStatus action={a} />
            <span>
              {t('actions.col.due')}: <time dateTime={a.dueDate}>{date(dayInstant(a.dueDate))}</time>
            </span>
            <span>
              {t('actions.col.who')}: {a.ownerName}
            </span>
            <Link to={`/cases/${encodeURIComponent(a.caseCode)}#action-${a.id}`}>
              {a.caseCode}
              {a.caseTitle ? ` ${a.caseTitle}` : ''}
            </Link>
          </p>
          <ActionControls action={a} postTo={postTo} returnTo={returnTo} state={state} />
        </li>
      ))}
    </ul>
  )
}

import { Form, Link } from '@remix-run/react'

import { CheckboxField, PostButton, PostLinkButton, SelectField, type FormState } from '../../components/forms'
import { useT } from '../i18n/useT'
import { PeoplePicker } from './PeoplePicker'
import { RETENTION_CHOICES } from './schemas'

interface Member {
  userId: string
  name: string
  institutionName: string
}

export function MembersPanel(props: {
  meId: string
  isMember: boolean
  canInvite: boolean
  members: Member[]
  candidates: { id: string; name: string; institutionName: string }[]
  state?: FormState | null
}) {
  const { t } = useT()
  return (
    <section className="panel" aria-labelledby="chat-members-title">
      <h2 id="chat-members-title">{t('chat.members.title', { count: props.members.length })}</h2>
      <ul className="chat-members">
        {props.members.map((m) => (
          <li key={m.userId}>
            <span>
              {m.name} <span className="muted">· {m.institutionName}</span>
            </span>
            {props.canInvite && m.userId !== props.meId ? (
              <PostLinkButton
                fields={{ intent: 'remove', userId: m.userId }}
                aria-label={t('chat.members.removeLabel', { name: m.name })}
              >
                {t('chat.members.remove')}
              </PostLinkButton>
            ) : null}
          </li>
        ))}
      </ul>
      {props.canInvite && props.candidates.length ? (
        <Form method="post" className="form" aria-labelledby="chat-invite-title">
          <h3 id="chat-invite-title">{t('chat.members.invite')}</h3>
          <input type="hidden" name="intent" value="invite" />
          <PeoplePicker picker="invite" people={props.candidates} state={props.state} />
          <button type="submit" className="button">
            {t('chat.members.inviteSubmit')}
          </button>
        </Form>
      ) : null}
      {props.isMember ? (
        <PostButton fields={{ intent: 'leave' }} formClassName="chat-leave" className="link-button">
          {t('chat.members.leave')}
        </PostButton>
      ) : null}
    </section>
  )
}

export function SettingsPanel({
  retentionDays,
  closed,
  isCaseRoom,
}: {
  retentionDays: number
  closed: boolean
  isCaseRoom: boolean
}) {
  const { t, tp } = useT()
  return (
    <section className="panel" aria-labelledby="chat-settings-title">
      <h2 id="chat-settings-title">{t('chat.settings.title')}</h2>
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="settings" />
        <SelectField
          name="retentionDays"
          label={t('chat.settings.retention')}
          hint={isCaseRoom ? t('chat.settings.retentionHintCase') : t('chat.settings.retentionHintRoom')}
          optionalMark={false}
          defaultValue={String(retentionDays)}
          options={RETENTION_CHOICES.map((days) => ({ value: String(days), label: tp('chat.settings.days', days) }))}
        />
        <CheckboxField name="closed" label={t('chat.settings.closed')} checked={closed} />
        <button type="submit" className="button button-secondary">
          {t('common.save')}
        </button>
      </Form>
    </section>
  )
}

export function RevisionsPanel({
  seq,
  revisions,
}: {
  seq: number
  revisions: { body: string; change: 'edit' | 'delete'; changedAt: string | Date; changedByName: string | null }[]
}) {
  const { t, dateTime } = useT()
  return (
    <section className="panel" id="revisions" aria-labelledby="chat-revisions-title">
      <h2 id="chat-revisions-title">{t('chat.revisions.title', { seq })}</h2>
      {revisions.length === 0 ? (
        <p className="muted">{t('chat.revisions.none')}</p>
      ) : (
        <ol>
          {revisions.map((r, i) => (
            <li key={i}>
              <p className="muted">
                {t(r.change === 'edit' ? 'chat.revisions.edited' : 'chat.revisions.deleted', {
                  name: r.changedByName ?? '—',
                  at: dateTime(r.changedAt),
                })}
              </p>
              <p className="chat-body">{r.body}</p>
            </li>
          ))}
        </ol>
      )}
      <Link to=".">{t('chat.revisions.close')}</Link>
    </section>
  )
}

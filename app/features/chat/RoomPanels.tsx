import { Form, Link } from '@remix-run/react'

import { FieldErrors, PostButton, type FormState } from '../../components/forms'
import { useT } from '../i18n/useT'
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
  const inviteErrors = props.state?.fieldErrors?.userIds
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
              <PostButton
                fields={{ intent: 'remove', userId: m.userId }}
                formClassName="inline-form"
                className="link-button"
                aria-label={t('chat.members.removeLabel', { name: m.name })}
              >
                {t('chat.members.remove')}
              </PostButton>
            ) : null}
          </li>
        ))}
      </ul>
      {props.canInvite && props.candidates.length ? (
        <Form method="post" className="form" aria-labelledby="chat-invite-title">
          <h3 id="chat-invite-title">{t('chat.members.invite')}</h3>
          <input type="hidden" name="intent" value="invite" />
          <div className={`field${inviteErrors?.length ? ' field-invalid' : ''}`}>
            <label htmlFor="f-userIds">{t('chat.members.pick')}</label>
            <p id="f-userIds-hint" className="field-hint">
              {t('chat.members.pickHint')}
            </p>
            <select id="f-userIds" name="userIds" multiple size={6} aria-describedby="f-userIds-hint">
              {props.candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} — {c.institutionName}
                </option>
              ))}
            </select>
            <FieldErrors errors={inviteErrors} />
          </div>
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
        <div className="field">
          <label htmlFor="f-retentionDays">{t('chat.settings.retention')}</label>
          <p id="f-retentionDays-hint" className="field-hint">
            {isCaseRoom ? t('chat.settings.retentionHintCase') : t('chat.settings.retentionHintRoom')}
          </p>
          <select
            id="f-retentionDays"
            name="retentionDays"
            defaultValue={String(retentionDays)}
            aria-describedby="f-retentionDays-hint"
          >
            {RETENTION_CHOICES.map((days) => (
              <option key={days} value={days}>
                {tp('chat.settings.days', days)}
              </option>
            ))}
          </select>
        </div>
        <div className="checkbox">
          <input type="checkbox" id="f-closed" name="closed" value="on" defaultChecked={closed} />
          <label htmlFor="f-closed">{t('chat.settings.closed')}</label>
        </div>
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

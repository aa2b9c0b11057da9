import { Form, Link, useNavigation } from '@remix-run/react'
import { useEffect, useRef, type RefObject } from 'react'

import { CheckboxField, PostButton, PostLinkButton, SelectField, type FormState } from '../../components/forms'
import { useT } from '../i18n/useT'
import { PeoplePicker } from './PeoplePicker'
import { RETENTION_CHOICES } from './schemas'

interface Member {
  userId: string
  name: string
  institutionName: string
}

/** Where the page after removing a member (without JavaScript) starts: the members' heading. */
export const MEMBERS_HEADING_ID = 'chat-members-title'

const removeButtonId = (userId: string) => `chat-remove-${userId}`

/**
 * After a member is removed, their row and the focused Remove button are gone: focus moves to the next
 * member's Remove button, else the one before, else the heading (which reads the new count). The removal
 * is remembered from the button's submit until the page has its answer; a refused one leaves focus alone.
 */
function useFocusAfterRemoval(members: readonly Member[], heading: RefObject<HTMLHeadingElement>) {
  const navigation = useNavigation()
  const removal = useRef<{ userId: string; order: string[]; answered: boolean } | null>(null)

  useEffect(() => {
    const pending = removal.current
    if (!pending) return
    if (members.some((m) => m.userId === pending.userId)) {
      if (navigation.state !== 'idle') pending.answered = true
      else if (pending.answered) removal.current = null
      return
    }
    removal.current = null
    const at = pending.order.indexOf(pending.userId)
    const neighbours = [...pending.order.slice(at + 1), ...pending.order.slice(0, at).reverse()]
    const button = neighbours.map((id) => document.getElementById(removeButtonId(id))).find((el) => el != null)
    ;(button ?? heading.current)?.focus()
  }, [members, navigation.state, heading])

  return (userId: string) => {
    removal.current = { userId, order: members.map((m) => m.userId), answered: false }
  }
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
  const headingRef = useRef<HTMLHeadingElement>(null)
  const focusAfterRemoval = useFocusAfterRemoval(props.members, headingRef)
  return (
    <section className="panel" aria-labelledby={MEMBERS_HEADING_ID}>
      {/* Focusable, so the page after a removal without JavaScript (…#chat-members-title) starts here. */}
      <h2 id={MEMBERS_HEADING_ID} ref={headingRef} tabIndex={-1}>
        {t('chat.members.title', { count: props.members.length })}
      </h2>
      <ul className="chat-members">
        {props.members.map((m) => (
          <li key={m.userId}>
            <span>
              {m.name} <span className="muted">· {m.institutionName}</span>
            </span>
            {props.canInvite && m.userId !== props.meId ? (
              <PostLinkButton
                fields={{ intent: 'remove', userId: m.userId }}
                id={removeButtonId(m.userId)}
                onSubmit={() => focusAfterRemoval(m.userId)}
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
              {r.body ? <p className="chat-body">{r.body}</p> : null}
            </li>
          ))}
        </ol>
      )}
      <Link to=".">{t('chat.revisions.close')}</Link>
    </section>
  )
}

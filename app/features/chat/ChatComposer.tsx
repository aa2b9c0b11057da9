import { Form } from '@remix-run/react'
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react'

import { sentText, type FormState } from '../../components/forms'
import { useT } from '../i18n/useT'
import { redactPii } from '../privacy/detector'
import { describeFindings } from '../privacy/findings'
import { PrivacyFindings } from '../privacy/PrivacyFindings'
import { livePrivacyFindings } from './privacy'
import { MESSAGE_MAX_LENGTH } from './types'
import type { SendOutcome } from './useChatRoom'

interface Props {
  /** What the no-JS post returned (refusal with findings, or the redacted text to review). */
  state: FormState | null | undefined
  clientId: string
  members: { userId: string; name: string }[]
  live: {
    send: (body: string) => Promise<{ clientId: string; result: SendOutcome }>
    discard: (clientId: string) => void
    notifyTyping: () => void
  } | null
}

/** The refusal of a live send, in the shape the shared privacy component shows. */
function refusalState(body: string, result: Extract<SendOutcome, { ok: false }>): FormState {
  const findings = result.findings ?? []
  return {
    ok: false,
    fieldErrors: { body: [findings.length ? 'privacy.field.hasFindings' : result.error] },
    formError: findings.length ? 'privacy.blocked' : result.error,
    formErrorParams: { count: findings.length, seconds: result.retryAfterSeconds ?? 0 },
    values: { body },
    privacy: findings.length
      ? { fields: { body: describeFindings(result.text ?? body, findings) }, canOverride: false, redacted: false }
      : undefined,
  }
}

export function ChatComposer({ state, clientId, members, live }: Props) {
  const { t, tk } = useT()
  const [text, setText] = useState(sentText(state, 'body') ?? '')
  const [liveState, setLiveState] = useState<FormState | null>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const shown = live ? liveState : state
  const errors = shown?.fieldErrors?.body
  const liveFindings = live && text ? livePrivacyFindings(text, members) : []

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (!live) return
    event.preventDefault()
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
    if (submitter?.value === 'redact') {
      setText(redactPii(text))
      setLiveState(null)
      return
    }
    const body = text.trim()
    if (!body) {
      setLiveState({
        ok: false,
        fieldErrors: { body: ['chat.error.empty'] },
        formError: 'chat.error.empty',
        values: { body: text },
      })
      return
    }
    setText('')
    setLiveState(null)
    const { clientId: sent, result } = await live.send(body)
    if (
      !result.ok &&
      (result.error === 'chat.error.privacy' ||
        result.error === 'chat.error.tooLong' ||
        result.error === 'chat.error.empty')
    ) {
      // Refused and not stored: the text comes back into the box with the reasons.
      live.discard(sent)
      setText((current) => (current ? `${body}\n${current}` : body))
      setLiveState(refusalState(body, result))
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing && live) {
      event.preventDefault()
      formRef.current?.requestSubmit()
    }
  }

  return (
    <Form
      method="post"
      className="chat-composer"
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="chat-composer-label"
    >
      <input type="hidden" name="intent" value="post" />
      <input type="hidden" name="clientId" value={clientId} />
      {shown?.formError && !shown.privacy ? (
        <p className="error-summary" role="alert">
          {tk(shown.formError, shown.formErrorParams)}
        </p>
      ) : null}
      {shown?.privacy ? (
        <div role="alert">
          <p className="error-summary">{tk(shown.formError ?? 'privacy.blocked', shown.formErrorParams)}</p>
        </div>
      ) : null}
      <div className={`field${errors?.length ? ' field-invalid' : ''}`}>
        <label htmlFor="chat-body" id="chat-composer-label">
          {t('chat.composer.label')}
        </label>
        <p id="chat-body-hint" className="field-hint">
          {live ? t('chat.composer.hintLive') : t('chat.composer.hint')}
        </p>
        <textarea
          id="chat-body"
          name="body"
          rows={3}
          maxLength={MESSAGE_MAX_LENGTH}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value)
            live?.notifyTyping()
          }}
          onKeyDown={onKeyDown}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={`chat-body-hint${liveFindings.length ? ' chat-body-live' : ''}`}
        />
        {liveFindings.length ? (
          <p id="chat-body-live" className="privacy-live privacy-live-warn" aria-live="polite">
            {t('privacy.findings.live', { count: liveFindings.length })}:{' '}
            {liveFindings.map((f) => `${tk(`privacy.type.${f.type}`)} „${f.text}“`).join(', ')}
          </p>
        ) : null}
      </div>
      <PrivacyFindings
        state={shown}
        fieldLabels={{ body: t('chat.composer.label') }}
        headingLevel={3}
        idPrefix="chat-privacy"
      />
      <div className="row">
        <button type="submit" className="button">
          {t('chat.composer.send')}
        </button>
        <span className="muted">{t('chat.composer.limit', { max: MESSAGE_MAX_LENGTH })}</span>
      </div>
    </Form>
  )
}

import { useCallback, useDeferredValue, useEffect, useMemo, useState, type ReactNode } from 'react'

import { FormSubmit, sentText, type FormState } from '../../components/forms'
import { useT } from '../i18n/useT'
import { docToGuardText, parseRichTextDoc } from '../richtext/document'
import { checkText } from './check'
import { describeFindings, type FindingView } from './findings'

function FindingList({ views }: { views: FindingView[] }) {
  const { t, tk } = useT()
  return (
    <ul className="privacy-findings-list">
      {views.map((f) => (
        <li key={`${f.start}-${f.end}`}>
          <strong>{tk(`privacy.type.${f.type}`)}</strong>:{' '}
          <span className="privacy-excerpt">
            {f.before}
            <mark>{f.text}</mark>
            {f.after}
          </span>{' '}
          <span className="muted">({t('privacy.findings.position', { line: f.line, column: f.column })})</span>
        </li>
      ))}
    </ul>
  )
}

/** Runs the detector in the browser as the person types (after hydration only). */
type Spans = (text: string) => { start: number; end: number }[]

function useLiveFindings(texts: Record<string, string> | undefined, ignore?: Spans) {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  const deferred = useDeferredValue(texts)
  return useMemo(() => {
    if (!hydrated || !deferred) return null
    const out: Record<string, FindingView[]> = {}
    for (const [field, raw] of Object.entries(deferred)) {
      const { text, findings } = checkText(raw)
      const skip = ignore?.(text) ?? []
      const found = findings.filter((f) => !skip.some((s) => f.start < s.end && s.start < f.end))
      if (found.length) out[field] = describeFindings(text, found)
    }
    return out
  }, [hydrated, deferred, ignore])
}

/** A field's text in a form's answer as the live check reads it (a rich-text field's document: links, images too). */
export function answeredText(state: FormState | null | undefined, field: string): string | undefined {
  const json = sentText(state, `${field}Json`)
  const doc = json ? parseRichTextDoc(json) : null
  return doc ? docToGuardText(doc) : sentText(state, field)
}

export interface ReportedTexts {
  /** The nonce of the last redaction answer the texts started again from (null: none). */
  redaction: number | null
  texts: Record<string, string>
  /** Whether a field has reported yet: the live check starts with the first change. */
  started: boolean
}

/** The texts after the redaction answer `state`: each field it answered starts again from its redacted text. */
export function textsAfterRedaction(reported: ReportedTexts, state: FormState | null | undefined): ReportedTexts {
  const texts = { ...reported.texts }
  for (const field of Object.keys(texts)) texts[field] = answeredText(state, field) ?? texts[field]!
  return { ...reported, redaction: state?.privacy?.nonce ?? 0, texts }
}

/**
 * The texts a form's live privacy check reads (`liveTexts`), as its fields report them: `report(name)` is a field's
 * onChange/onTextChange. The redact button's answer re-keys the fields, which then hold the redacted text without
 * reporting it; the texts start again from the answer there, or the check would go on finding what was replaced.
 * `initial` holds the texts of fields that start filled (the live check shows once a field has changed).
 */
export function useLiveTexts(state: FormState | null | undefined, initial: Record<string, string> = {}) {
  const [stored, setReported] = useState<ReportedTexts>(() => ({ redaction: null, texts: initial, started: false }))
  let reported = stored
  if (state?.privacy?.redacted && (state.privacy.nonce ?? 0) !== stored.redaction) {
    // Adjusted while rendering (React renders again at once), so that a field's next report builds on the answer.
    reported = textsAfterRedaction(stored, state)
    setReported(reported)
  }
  const report = useCallback(
    (field: string) => (text: string) =>
      setReported((prev) => ({ ...prev, started: true, texts: { ...prev.texts, [field]: text } })),
    [],
  )
  return { liveTexts: reported.started ? reported.texts : undefined, report }
}

interface PrivacyFindingsProps {
  state?: FormState | null
  /** Field name → its label, for "in field …". */
  fieldLabels: Record<string, string>
  /** Current texts for the live check (from the editor's onTextChange); omit to show server findings only. */
  liveTexts?: Record<string, string>
  headingLevel?: 2 | 3
  idPrefix?: string
  /** Spans the live check leaves out (e.g. @mentions of colleagues, which the server resolves). */
  liveIgnore?: Spans
}

/**
 * The privacy guard in a form: findings the server refused (type, excerpt, position), the one-click
 * redact button, the coordinator's override with a reason, and the same check live while typing.
 * Place it inside the <Form>; its buttons submit `intent=redact`.
 */
export function PrivacyFindings({
  state,
  fieldLabels,
  liveTexts,
  headingLevel = 2,
  idPrefix = 'privacy',
  liveIgnore,
}: PrivacyFindingsProps) {
  const { t, tp } = useT()
  const live = useLiveFindings(liveTexts, liveIgnore)
  const refused = state?.privacy && !state.privacy.redacted ? state.privacy.fields : {}
  const refusedFields = Object.keys(refused)
  const liveFields = live ? Object.keys(live) : []
  const liveCount = liveFields.reduce((n, f) => n + (live?.[f]?.length ?? 0), 0)
  const showRefused = refusedFields.length > 0
  // After a refusal the server's list stands until the person edits the text.
  const edited =
    !!liveTexts && Object.entries(liveTexts).some(([f, v]) => v.trim() !== (sentText(state, f) ?? '').trim())
  const showLive = !!live && (!showRefused || edited)
  const canOverride = state?.privacy?.canOverride ?? false
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const reasonErrors = state?.fieldErrors?.privacyOverrideReason

  return (
    <div className="privacy-findings" id={`${idPrefix}-findings`}>
      {showLive ? (
        <div className={`privacy-live${liveCount ? ' privacy-live-warn' : ''}`} aria-live="polite">
          <p>{liveCount ? t('privacy.findings.live', { count: liveCount }) : t('privacy.findings.liveNone')}</p>
          {liveFields.map((field) => (
            <div key={field}>
              {liveFields.length > 1 ? (
                <p className="muted">{t('privacy.findings.in', { field: fieldLabels[field] ?? field })}</p>
              ) : null}
              <FindingList views={live![field]!} />
            </div>
          ))}
        </div>
      ) : null}
      {showRefused ? (
        <section className="panel privacy-refused" aria-labelledby={`${idPrefix}-findings-title`}>
          <Heading id={`${idPrefix}-findings-title`}>{t('privacy.findings.title')}</Heading>
          <p>{t('privacy.findings.intro')}</p>
          {refusedFields.map((field) => (
            <div key={field}>
              <p>
                <strong>{fieldLabels[field] ?? field}</strong> — {tp('privacy.findings.count', refused[field]!.length)}
              </p>
              <FindingList views={refused[field]!} />
            </div>
          ))}
        </section>
      ) : null}
      {showRefused || (showLive && liveCount > 0) ? (
        <div className="privacy-actions">
          <button type="submit" name="intent" value="redact" className="button button-secondary" formNoValidate>
            {t('privacy.redact')}
          </button>
          <p className="field-hint">{t('privacy.redactHint')}</p>
        </div>
      ) : null}
      {showRefused && canOverride ? (
        <fieldset className="privacy-override">
          <legend>{t('privacy.override.legend')}</legend>
          <div className="checkbox">
            <input
              type="checkbox"
              id={`${idPrefix}-override`}
              name="privacyOverride"
              value="on"
              defaultChecked={state?.values?.privacyOverride === 'on'}
            />
            <label htmlFor={`${idPrefix}-override`}>{t('privacy.override.checkbox')}</label>
          </div>
          <div className={`field${reasonErrors?.length ? ' field-invalid' : ''}`}>
            <label htmlFor={`${idPrefix}-override-reason`}>{t('privacy.override.reason')}</label>
            <input
              id={`${idPrefix}-override-reason`}
              name="privacyOverrideReason"
              maxLength={500}
              defaultValue={sentText(state, 'privacyOverrideReason')}
              aria-invalid={reasonErrors?.length ? true : undefined}
              aria-describedby={reasonErrors?.length ? `${idPrefix}-override-reason-error` : undefined}
            />
            {reasonErrors?.length ? (
              <p id={`${idPrefix}-override-reason-error`} className="field-error">
                {t(reasonErrors[0] as 'privacy.override.reasonRequired')}
              </p>
            ) : null}
          </div>
        </fieldset>
      ) : null}
    </div>
  )
}

/**
 * The end of a form the guard reads: its main button, which posts `intent` (the findings' own buttons post
 * `redact`), then the findings.
 */
export function SubmitWithFindings({
  children,
  intent = 'save',
  ...findings
}: PrivacyFindingsProps & { children: ReactNode; intent?: string }) {
  return (
    <>
      <FormSubmit name="intent" value={intent}>
        {children}
      </FormSubmit>
      <PrivacyFindings {...findings} />
    </>
  )
}

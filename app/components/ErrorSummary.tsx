import { useEffect, useRef, useState, type MouseEvent } from 'react'

import { useT } from '../features/i18n/useT'
import type { FormState } from './forms'

interface Problem {
  /** The element to go to: a field's control, or the privacy findings' heading. */
  id: string
  label: string
}

/** A control's visible name: its label (without the "(optional)" mark), the element naming it, or its legend. */
function nameOf(element: HTMLElement): string {
  const named = element.getAttribute('aria-labelledby')?.split(' ')[0]
  const source =
    (element as HTMLInputElement).labels?.[0] ??
    (named ? document.getElementById(named) : null) ??
    element.closest('fieldset')?.querySelector('legend')
  if (!source) return ''
  const copy = source.cloneNode(true) as HTMLElement
  copy.querySelectorAll('.field-optional').forEach((mark) => mark.remove())
  return copy.textContent?.trim() ?? ''
}

/**
 * What the form marks as wrong, in the order of the form: each invalid field (a checkbox group by its first box)
 * and the privacy guard's findings.
 */
function problemsIn(form: HTMLFormElement): Problem[] {
  const problems: Problem[] = []
  const invalid = form.querySelectorAll<HTMLElement>(
    '[aria-invalid="true"], fieldset.field-invalid input, .privacy-refused [id$="-findings-title"]',
  )
  const seen = new Set<string>()
  for (const element of invalid) {
    const group = element.closest('fieldset.field-invalid')
    const key = group ? (group.querySelector('input')?.id ?? '') : element.id
    if (!key || seen.has(key) || !element.id) continue
    seen.add(key)
    const label = element.matches('[id$="-findings-title"]') ? (element.textContent ?? '').trim() : nameOf(element)
    if (label) problems.push({ id: element.id, label })
  }
  return problems
}

/** Goes to a problem: focus (the findings' heading takes it once), then scrolled into view. */
function goTo(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id)
  if (!target) return
  event.preventDefault()
  if (!target.matches('input, select, textarea, button, [contenteditable="true"], [tabindex]'))
    target.setAttribute('tabindex', '-1')
  target.focus()
  target.scrollIntoView({ block: 'center' })
}

/**
 * A refused form's summary at its top: the message, and — once the page runs JavaScript — a link to each field to
 * mend. It takes the focus when the answer arrives, so a keyboard or screen-reader user hears what went wrong and
 * can go straight to it (without JavaScript the page loads afresh and each field says its own error).
 */
export function ErrorSummary({ state }: { state?: FormState | null }) {
  const { t, tk } = useT()
  const box = useRef<HTMLDivElement>(null)
  const [problems, setProblems] = useState<Problem[]>([])
  const failed = !!state && state.ok === false
  useEffect(() => {
    if (!failed || !box.current) return
    const form = box.current.closest('form')
    setProblems(form ? problemsIn(form) : [])
    box.current.focus()
  }, [failed, state])
  if (!failed) return null
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={box}>
      <p>{state.formError ? tk(state.formError, state.formErrorParams) : t('errors.formSummary')}</p>
      {problems.length ? (
        <ul>
          {problems.map((p) => (
            <li key={p.id}>
              <a href={`#${p.id}`} onClick={(event) => goTo(event, p.id)}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

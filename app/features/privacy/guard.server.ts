import { data } from '@remix-run/node'
import type { DbOrTx } from '../../../db/client.server'
import { recordAudit } from '../audit/audit.server'
import { can, type Actor } from '../identity/permissions'
import { formValues, type FormFailure } from '../platform/forms.server'
import { docToPlainText, parseRichTextDoc, plainTextToDoc, type RichTextDoc, type RichTextNode } from '../richtext/document'
import { detectPii, redactPii, type PiiFinding } from './detector'
import { describeFindings, type FindingView } from './findings'

export interface Span {
  start: number
  end: number
}

export interface PrivacyCheck {
  clean: boolean
  /** Findings per field name, only for fields that have any. */
  findings: Record<string, PiiFinding[]>
  count: number
  /** The texts as checked: finding offsets point into these. */
  texts: Record<string, string>
}

export interface PrivacyCheckOptions {
  /** Spans the detector must not report, per field (e.g. @mentions of colleagues, who are not the child). */
  allow?: Record<string, readonly Span[]>
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end

/** Runs the detector on every field; the same detector runs live in the editor. */
export function checkPrivacy(texts: Record<string, string>, options: PrivacyCheckOptions = {}): PrivacyCheck {
  const findings: Record<string, PiiFinding[]> = {}
  let count = 0
  for (const [field, text] of Object.entries(texts)) {
    const allowed = options.allow?.[field] ?? []
    const found = detectPii(text).filter((f) => !allowed.some((span) => overlaps(f, span)))
    if (found.length) {
      findings[field] = found
      count += found.length
    }
  }
  return { clean: count === 0, findings, count, texts }
}

/** What a form sends to confirm a false positive: a checkbox and a reason (coordinators only). */
export interface PrivacyOverrideRequest {
  reason: string
}

export const OVERRIDE_FIELD = 'privacyOverride'
export const OVERRIDE_REASON_FIELD = 'privacyOverrideReason'
const MIN_REASON = 5
const MAX_REASON = 500

export function readPrivacyOverride(form: FormData): PrivacyOverrideRequest | null {
  if (form.get(OVERRIDE_FIELD) !== 'on' && form.get(OVERRIDE_FIELD) !== '1') return null
  return { reason: String(form.get(OVERRIDE_REASON_FIELD) ?? '').trim() }
}

export type OverrideProblem = 'privacy.override.reasonRequired' | 'privacy.override.notAllowed'

/** Thrown by feature functions when text holds personal data; routes turn it into the 422 form. */
export class PrivacyBlockedError extends Error {
  constructor(
    readonly check: PrivacyCheck,
    readonly overrideProblem: OverrideProblem | null = null,
  ) {
    super('privacy guard: personal data found')
    this.name = 'PrivacyBlockedError'
  }
}

export interface PrivacyClearance {
  check: PrivacyCheck
  /** Set when a coordinator confirmed the findings as false positives; write it with recordPrivacyOverride. */
  override: PrivacyOverrideRequest | null
}

/**
 * The guard every feature calls before saving text: clean text passes; findings block the write
 * unless a coordinator confirms them as false positives with a reason.
 */
export function enforcePrivacy(
  actor: Actor,
  texts: Record<string, string>,
  override: PrivacyOverrideRequest | null = null,
  options: PrivacyCheckOptions = {},
): PrivacyClearance {
  const check = checkPrivacy(texts, options)
  if (check.clean) return { check, override: null }
  if (!override) throw new PrivacyBlockedError(check)
  if (!can(actor, 'privacy:override')) throw new PrivacyBlockedError(check, 'privacy.override.notAllowed')
  if (override.reason.length < MIN_REASON || override.reason.length > MAX_REASON) throw new PrivacyBlockedError(check, 'privacy.override.reasonRequired')
  return { check, override }
}

/** Audit entry for a confirmed false positive: finding types and counts, the reason — never the text itself. */
export async function recordPrivacyOverride(
  runner: DbOrTx,
  actor: Actor,
  clearance: PrivacyClearance,
  target: { type: string; id: string },
) {
  if (!clearance.override) return
  const all = Object.values(clearance.check.findings).flat()
  const types = [...new Set(all.map((f) => f.type))].sort().join(',')
  await recordAudit(runner, {
    actorId: actor.id,
    action: 'privacy.override',
    targetType: target.type,
    targetId: target.id,
    details: { findings: all.length, types, fields: Object.keys(clearance.check.findings).join(','), reason: clearance.override.reason },
  })
}

/** Like formValues, but checkbox groups and multi-selects keep every value (joined with commas). */
export function formValuesWithLists(form: FormData): Record<string, string> {
  const values = formValues(form)
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === 'string')
    if (all.length > 1 && key in values) values[key] = all.join(',')
  }
  return values
}

export interface PrivacyFailure extends FormFailure {
  privacy: { fields: Record<string, FindingView[]>; canOverride: boolean; redacted: false }
}

/** The 422 a form shows: the text exactly as sent, every finding with type, excerpt and position. */
export function privacyRefusal(form: FormData, error: PrivacyBlockedError, actor: Actor) {
  const fields: Record<string, FindingView[]> = {}
  for (const [field, found] of Object.entries(error.check.findings)) {
    fields[field] = describeFindings(error.check.texts[field] ?? '', found)
  }
  const fieldErrors: Record<string, string[]> = {}
  for (const field of Object.keys(fields)) fieldErrors[field] = ['privacy.field.hasFindings']
  if (error.overrideProblem) fieldErrors[OVERRIDE_REASON_FIELD] = [error.overrideProblem]
  return data<PrivacyFailure>(
    {
      ok: false,
      fieldErrors,
      formError: 'privacy.blocked',
      formErrorParams: { count: error.check.count },
      values: formValuesWithLists(form),
      privacy: { fields, canOverride: can(actor, 'privacy:override'), redacted: false },
    },
    { status: 422 },
  )
}

export interface RedactOptions {
  /** Exact texts that stay as they are (e.g. "@Елена Петкова", a colleague mentioned, not the child). */
  keep?: readonly string[]
}

function keptSpans(text: string, keep: readonly string[]): Span[] {
  const spans: Span[] = []
  for (const kept of keep) {
    if (!kept) continue
    for (let at = text.indexOf(kept); at !== -1; at = text.indexOf(kept, at + kept.length)) spans.push({ start: at, end: at + kept.length })
  }
  return spans
}

function findingsToRedact(text: string, keep: readonly string[]): PiiFinding[] {
  const kept = keptSpans(text, keep)
  return detectPii(text).filter((f) => !kept.some((span) => overlaps(f, span)))
}

function redactNode(node: RichTextNode, keep: readonly string[]): RichTextNode {
  if (node.type === 'text' && typeof node.text === 'string') return { ...node, text: redactPii(node.text, findingsToRedact(node.text, keep)) }
  return node.children ? { ...node, children: node.children.map((child) => redactNode(child, keep)) } : node
}

/**
 * Replaces findings inside a document's text nodes, keeping its formatting. A finding split across
 * nodes (a name half in bold) is caught by re-checking; then the plain text is redacted instead.
 */
export function redactDoc(doc: RichTextDoc, options: RedactOptions = {}): RichTextDoc {
  const keep = options.keep ?? []
  const redacted = { root: redactNode(doc.root, keep) } as RichTextDoc
  const text = docToPlainText(redacted)
  const left = findingsToRedact(text, keep)
  return left.length === 0 ? redacted : plainTextToDoc(redactPii(text, left))
}

export interface RedactedValues {
  ok: false
  fieldErrors: Record<string, string[]>
  formError: string
  values: Record<string, string>
  /** Changes with every redaction, so the editor re-mounts with the redacted text. */
  privacy: { fields: Record<string, FindingView[]>; canOverride: boolean; redacted: true; nonce: number }
}

/**
 * The one-click "redact": every finding in the named fields becomes its placeholder ([ИМЕ], [ЕГН] …).
 * Nothing is saved; the form comes back for the person to review and send. Rich-text fields are
 * redacted in both the plain text and the editor's JSON.
 */
export function redactSubmission(form: FormData, fields: readonly string[], actor: Actor, options: RedactOptions = {}) {
  const values = formValuesWithLists(form)
  for (const field of fields) {
    const doc = parseRichTextDoc(values[`${field}Json`])
    if (doc) {
      const clean = redactDoc(doc, options)
      values[`${field}Json`] = JSON.stringify(clean)
      values[field] = docToPlainText(clean)
    } else if (typeof values[field] === 'string') {
      values[field] = redactPii(values[field], findingsToRedact(values[field], options.keep ?? []))
    }
  }
  return data<RedactedValues>(
    {
      ok: false,
      fieldErrors: {},
      formError: 'privacy.redacted',
      values,
      privacy: { fields: {}, canOverride: can(actor, 'privacy:override'), redacted: true, nonce: Date.now() },
    },
    { status: 200 },
  )
}

import { data } from '@remix-run/node'

import type { DbOrTx } from '../../../db/client.server'
import { recordAudit } from '../audit/audit.server'
import { renderMentionSpans } from '../identity/mentions'
import { can, type Actor } from '../identity/permissions'
import { formValues, intent, NO_INPUT, type FormFailure } from '../platform/forms.server'
import { Refusal, type FieldErrors } from '../platform/refusal.server'
import {
  docToGuardText,
  docToPlainText,
  parseRichTextDoc,
  plainTextToDoc,
  type RichText,
  type RichTextDoc,
  type RichTextNode,
} from '../richtext/document'
import { findPersonalData } from './check'
import { redactPii, type PiiFinding } from './detector'
import { describeFindings, type FindingView, type PrivacyView } from './findings'
import { normalizeText } from './normalize'

export interface PrivacyCheck {
  clean: boolean
  /** Findings per field name, only for fields that have any. */
  findings: Record<string, PiiFinding[]>
  count: number
  /** The texts as checked: finding offsets point into these. */
  texts: Record<string, string>
}

/** A plain text, or a rich-text document (checked as everything a reader can see or follow). */
export type GuardedText = string | RichText

export interface PrivacyCheckOptions {
  /** Names of the colleagues whose mention tokens the texts hold (their mentions are shown, and exempt). */
  mentionNames?: ReadonlyMap<string, string>
}

interface Span {
  start: number
  end: number
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end

/**
 * Exactly what the guard checks of a value, as a reader gets it: the normalised text (a document's
 * plain text, then its link addresses and image descriptions) with mentions shown as names. The
 * mentions are colleagues picked by identity — user ids, not text — and are the only exempt spans.
 */
export function guardText(value: GuardedText, options: PrivacyCheckOptions = {}): { text: string; exempt: Span[] } {
  const raw = normalizeText(typeof value === 'string' ? value : docToGuardText(value.doc))
  const shown = renderMentionSpans(raw, options.mentionNames ?? new Map())
  return { text: shown.text, exempt: shown.spans }
}

/** Runs the detector on every field; the same check runs live in the editor. */
export function checkPrivacy(fields: Record<string, GuardedText>, options: PrivacyCheckOptions = {}): PrivacyCheck {
  const findings: Record<string, PiiFinding[]> = {}
  const texts: Record<string, string> = {}
  let count = 0
  for (const [field, value] of Object.entries(fields)) {
    const { text, exempt } = guardText(value, options)
    texts[field] = text
    const found = findPersonalData(text).filter((f) => !exempt.some((span) => overlaps(f, span)))
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

/** The options of a feature's write whose texts pass the guard. */
export interface WriteOptions {
  /** A coordinator's confirmation that the privacy findings are false positives. */
  privacyOverride?: PrivacyOverrideRequest | null
}

export const OVERRIDE_FIELD = 'privacyOverride'
export const OVERRIDE_REASON_FIELD = 'privacyOverrideReason'
const MIN_REASON = 5
const MAX_REASON = 500

export function readPrivacyOverride(form: FormData): PrivacyOverrideRequest | null {
  if (form.get(OVERRIDE_FIELD) !== 'on' && form.get(OVERRIDE_FIELD) !== '1') return null
  return { reason: normalizeText(String(form.get(OVERRIDE_REASON_FIELD) ?? '')).trim() }
}

export type OverrideProblem =
  'privacy.override.reasonRequired' | 'privacy.override.notAllowed' | 'privacy.override.reasonHasPersonalData'

function findingViews(check: PrivacyCheck): Record<string, FindingView[]> {
  const fields: Record<string, FindingView[]> = {}
  for (const [field, found] of Object.entries(check.findings))
    fields[field] = describeFindings(check.texts[field] ?? '', found)
  return fields
}

function findingErrors(check: PrivacyCheck, overrideProblem: OverrideProblem | null): FieldErrors {
  const errors: FieldErrors = {}
  for (const field of Object.keys(check.findings)) errors[field] = ['privacy.field.hasFindings']
  if (overrideProblem) errors[OVERRIDE_REASON_FIELD] = [overrideProblem]
  return errors
}

/**
 * The refusal when text holds personal data: 422, the form comes back with the text exactly as
 * sent and every finding with type, excerpt and position (and the override for coordinators).
 */
export class PrivacyBlockedError extends Refusal<{ privacy: PrivacyView }> {
  constructor(
    readonly check: PrivacyCheck,
    readonly overrideProblem: OverrideProblem | null = null,
    canOverride = false,
  ) {
    super('privacy.blocked', {
      status: 422,
      params: { count: check.count },
      fieldErrors: findingErrors(check, overrideProblem),
      details: { privacy: { fields: findingViews(check), canOverride, redacted: false } },
    })
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
  actor: Actor | null,
  fields: Record<string, GuardedText>,
  override: PrivacyOverrideRequest | null = null,
  options: PrivacyCheckOptions = {},
): PrivacyClearance {
  const check = checkPrivacy(fields, options)
  if (check.clean) return { check, override: null }
  const canOverride = can(actor, 'privacy:override')
  if (!override) throw new PrivacyBlockedError(check, null, canOverride)
  if (!canOverride) throw new PrivacyBlockedError(check, 'privacy.override.notAllowed')
  if (override.reason.length < MIN_REASON || override.reason.length > MAX_REASON)
    throw new PrivacyBlockedError(check, 'privacy.override.reasonRequired', canOverride)
  // The reason is stored in the audit log: it must not carry what it vouches for.
  if (!checkPrivacy({ reason: override.reason }).clean)
    throw new PrivacyBlockedError(check, 'privacy.override.reasonHasPersonalData', canOverride)
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
    details: {
      findings: all.length,
      types,
      fields: Object.keys(clearance.check.findings).join(','),
      reason: clearance.override.reason,
    },
  })
}

export interface RedactOptions {
  /** Exact texts that stay as they are (e.g. "@Елена Петкова", a colleague mentioned, not the child). */
  keep?: readonly string[]
}

function keptSpans(text: string, keep: readonly string[]): Span[] {
  const spans: Span[] = []
  for (const kept of keep) {
    if (!kept) continue
    for (let at = text.indexOf(kept); at !== -1; at = text.indexOf(kept, at + kept.length))
      spans.push({ start: at, end: at + kept.length })
  }
  return spans
}

function findingsToRedact(text: string, keep: readonly string[]): PiiFinding[] {
  const kept = keptSpans(text, keep)
  return findPersonalData(text).filter((f) => !kept.some((span) => overlaps(f, span)))
}

const redactText = (text: string, keep: readonly string[]) => redactPii(text, findingsToRedact(text, keep))

function redactNode(node: RichTextNode, keep: readonly string[]): RichTextNode[] {
  if (node.type === 'text' && typeof node.text === 'string') return [{ ...node, text: redactText(node.text, keep) }]
  if (node.type === 'image' && typeof node.altText === 'string')
    return [{ ...node, altText: redactText(node.altText, keep) }]
  const children = (node.children ?? []).flatMap((child) => redactNode(child, keep))
  // A link whose address points at a person goes; its text stays (and is redacted on its own).
  if ((node.type === 'link' || node.type === 'autolink') && findingsToRedact(String(node.url ?? ''), keep).length)
    return children
  return [node.children ? { ...node, children } : node]
}

/**
 * Replaces findings inside a document's text nodes and image descriptions and unlinks links to a
 * person, keeping the formatting. A finding split across nodes (a name half in bold) is caught by
 * re-checking; then the plain text is redacted instead.
 */
export function redactDoc(doc: RichTextDoc, options: RedactOptions = {}): RichTextDoc {
  const keep = options.keep ?? []
  const redacted = {
    root: { ...doc.root, children: doc.root.children.flatMap((c) => redactNode(c, keep)) },
  } as RichTextDoc
  const left = findingsToRedact(normalizeText(docToGuardText(redacted)), keep)
  return left.length === 0 ? redacted : plainTextToDoc(redactText(normalizeText(docToPlainText(redacted)), keep))
}

/** A form's `redact` intent (the privacy panel's button): the named fields come back redacted, nothing is saved. */
export function redactIntent(fields: readonly string[], actor: Actor | null) {
  return intent(NO_INPUT, (_, form) => redactSubmission(form, fields, actor))
}

/**
 * The one-click "redact": every finding in the named fields becomes its placeholder ([ИМЕ], [ЕГН] …).
 * Nothing is saved; the form comes back for the person to review and send. Rich-text fields are
 * redacted in both the plain text and the editor's JSON.
 */
export function redactSubmission(
  form: FormData,
  fields: readonly string[],
  actor: Actor | null,
  options: RedactOptions = {},
) {
  const values = formValues(form)
  for (const field of fields) {
    const json = values[`${field}Json`]
    const text = values[field]
    const doc = parseRichTextDoc(typeof json === 'string' && json ? json : null)
    if (doc) {
      const clean = redactDoc(doc, options)
      values[`${field}Json`] = JSON.stringify(clean)
      values[field] = docToPlainText(clean)
    } else if (typeof text === 'string') {
      values[field] = redactText(normalizeText(text), options.keep ?? [])
    }
  }
  return data<FormFailure>(
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

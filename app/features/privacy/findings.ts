import type { PiiFinding, PiiType } from './types'

/** A finding as a form shows it: what, where (line and column, 1-based) and a little context. */
export interface FindingView {
  type: PiiType
  text: string
  before: string
  after: string
  start: number
  end: number
  line: number
  column: number
}

const CONTEXT = 24

export function describeFindings(text: string, findings: readonly PiiFinding[]): FindingView[] {
  return findings.map((f) => {
    const upTo = text.slice(0, f.start)
    const lineStart = upTo.lastIndexOf('\n') + 1
    const before = text.slice(Math.max(lineStart, f.start - CONTEXT), f.start)
    const lineEnd = text.indexOf('\n', f.end)
    const after = text.slice(f.end, Math.min(lineEnd === -1 ? text.length : lineEnd, f.end + CONTEXT))
    return {
      type: f.type,
      text: f.text,
      before: (f.start - CONTEXT > lineStart ? '…' : '') + before,
      after: after + (f.end + CONTEXT < (lineEnd === -1 ? text.length : lineEnd) ? '…' : ''),
      start: f.start,
      end: f.end,
      line: upTo.split('\n').length,
      column: f.start - lineStart + 1,
    }
  })
}

/**
 * The guard's part of a form's answer: findings per field, and whether this person may confirm them as false positives.
 */
export interface PrivacyView {
  fields: Record<string, FindingView[]>
  canOverride: boolean
  redacted: boolean
  /** Changes with every redaction, so the editor re-mounts with the redacted text. */
  nonce?: number
}

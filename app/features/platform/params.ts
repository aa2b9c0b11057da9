import { z } from 'zod'

import { notFound } from './http.server'

type RouteParams = Readonly<Record<string, string | undefined>>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Ids from a URL are checked before they reach SQL (a malformed uuid is a 404, not a 500). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

const INT4_MAX = 2_147_483_647

/** A whole number from 1 to max as typed in a URL ('3'), or undefined for anything else ('', 'abc', '0', '2.5'). */
export function positiveInt(value: string | null | undefined, max = INT4_MAX): number | undefined {
  if (!value || !/^\d{1,10}$/.test(value)) return undefined
  const n = Number(value)
  return n >= 1 && n <= max ? n : undefined
}

/** A page's query parameter that is a positive whole number (?page=2); undefined when absent or not one. */
export function queryInt(url: URL, name: string, max?: number): number | undefined {
  return positiveInt(url.searchParams.get(name), max)
}

/** A page's query parameter that is an id (?session=…); undefined when absent or malformed. */
export function queryUuid(url: URL, name: string): string | undefined {
  const value = url.searchParams.get(name)
  return isUuid(value) ? value : undefined
}

/** A page's free-text query parameter (?q=…), cut to max characters; '' when absent. */
export function queryText(url: URL, name: string, max: number): string {
  return (url.searchParams.get(name) ?? '').slice(0, max)
}

/** A page's query parameter that names one of a fixed set (?status=confirmed); undefined when absent or not one. */
export function queryChoice<T extends string>(url: URL, name: string, choices: readonly T[]): T | undefined {
  const value = url.searchParams.get(name)
  return choices.find((choice) => choice === value)
}

/** A route parameter ($slug, $code, $token), as the feature looks it up; 404 when missing. */
export function routeParam(params: RouteParams, name: string): string {
  const value = params[name]
  if (!value) notFound()
  return value
}

/** A route parameter that is an id ($courseId …); 404 when it is not a uuid. */
export function uuidParam(params: RouteParams, name: string): string {
  const value = params[name]
  if (!isUuid(value)) notFound()
  return value
}

/**
 * A JSON API's paging parameter: empty → fallback; otherwise a whole number 1…max, or 400 with `message`
 * ('errors.page'; the issue carries `{ max }`, which the message states).
 */
export const positiveIntField = (max: number, fallback: number, message = 'errors.page') =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback
      const n = positiveInt(v, max)
      if (n === undefined) {
        ctx.addIssue({ code: 'custom', message, params: { max } })
        return z.NEVER
      }
      return n
    })

/** A JSON API's page size (?perPage=): a whole number 1…max, or 400 'errors.perPage', which names the range. */
export const perPageField = (max: number, fallback: number) => positiveIntField(max, fallback, 'errors.perPage')

/**
 * A form field or query parameter sent once, repeated or not at all (checkbox groups, ?type=a&type=b): always a list.
 */
export const many = <T extends z.ZodTypeAny>(item: T, max: number, tooMany = 'errors.tooLong') =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(max, tooMany))

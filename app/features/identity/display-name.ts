/**
 * A person's name as colleagues see it (and as mentions show it): words of letters joined by
 * spaces, hyphens or apostrophes — no digits, e-mail addresses or links, so a name can never carry
 * what the privacy guard would stop anywhere else.
 */
const DISPLAY_NAME = /^[\p{L}\p{M}]+(?:(?: |-|'|’| - )[\p{L}\p{M}]+)*$/u

export const DISPLAY_NAME_MIN = 2
export const DISPLAY_NAME_MAX = 120

/** Spaces folded, ends trimmed. */
export const tidyDisplayName = (name: string) => name.replace(/\s+/g, ' ').trim()

export function isDisplayName(name: string): boolean {
  return name.length >= DISPLAY_NAME_MIN && name.length <= DISPLAY_NAME_MAX && DISPLAY_NAME.test(name)
}

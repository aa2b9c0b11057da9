import { finding, type PiiFinding } from './types'

const LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u
const MAX_LOCAL = 64 // RFC 5321 limits; the bounds also keep hostile input linear
// A school's or an office's shared mailbox belongs to no one person.
const SHARED_MAILBOX = /^(?:office|info|contact|contacts|secretary|secretariat|kancelaria|kantselaria|deloviodstvo|priemna|reception|admin|support|noreply|no-reply|press|mail)$/i
const DOMAIN_AT = /@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.){1,8}\p{L}{2,24}(?![\p{L}\p{N}])/uy

/** Personal e-mail addresses; the scan starts at each "@" so ordinary words cost nothing. */
export function findEmails(text: string): PiiFinding[] {
  const found: PiiFinding[] = []
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at
    while (start > 0 && at - start < MAX_LOCAL && LOCAL_CHAR.test(text[start - 1])) start--
    while (start < at && /[._%+-]/.test(text[start])) start++ // a local part starts with a letter or digit
    if (start === at) continue
    DOMAIN_AT.lastIndex = at
    const domain = DOMAIN_AT.exec(text)
    if (domain && !SHARED_MAILBOX.test(text.slice(start, at))) found.push(finding('email', text, start, at + domain[0].length))
  }
  return found
}

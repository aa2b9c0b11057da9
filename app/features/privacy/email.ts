import { finding, type PiiFinding } from './types'

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}][\p{L}\p{N}._%+-]*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}(?![\p{L}\p{N}])/gu

export function findEmails(text: string): PiiFinding[] {
  return Array.from(text.matchAll(EMAIL), (m) => finding('email', text, m.index, m.index + m[0].length))
}

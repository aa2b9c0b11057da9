import { before, crossesSentence, lastMatch } from './context'
import { findDates } from './dates'
import { finding, type PiiFinding } from './types'

// Words that make the following date a date of birth (or a birthday that reveals it).
const BIRTH_WORD = new RegExp(
  [
    String.raw`роден[аио]?`,
    String.raw`(?<![\p{L}])р\.`,
    String.raw`рожд\.|рождена дата|рожденна дата|рожден(?:ия|ият)? ден`,
    String.raw`дата(?:та)? на раждане|(?<![\p{L}])д\.[ \u00A0]?р\.|година на раждане`,
    String.raw`навърши(?:л[аио]?)?|навършва`,
    String.raw`born|(?<![\p{L}])b\.|DOB|D\.O\.B\.?|date of birth|birth[ -]?date|birthday`,
  ].join('|'),
  'giu',
)
const WINDOW = 45
// Between the birth word and the date there may be a place ("в гр. Плевен на"), but no new sentence and no other event.
const OTHER_EVENT =
  /(?:срещ|заседани|посещени|проверк|сигнал|писм|протокол|meeting|visit|hearing|\d{1,2}[./]\d{1,2}|\d{4})/iu
// "05.01.2006 г.р.", "2011-05-23 (дата на раждане)", "На 05.01.2006 г. е роден Валентин", "14.02.2011 – date of birth".
const BIRTH_WORD_AFTER = new RegExp(
  String.raw`^[ \u00A0]*[(,–—-]?[ \u00A0]*(?:г\.[ \u00A0]?р\.|(?:е[ \u00A0]+)?роден[аио]?|дата на раждане` +
    String.raw`|рождена дата|рожд\.|year of birth|date of birth|DOB|was born)`,
  'iu',
)

/** Full dates next to words about birth; a meeting date is not a birthdate. */
export function findBirthdates(text: string): PiiFinding[] {
  const found: PiiFinding[] = []
  for (const { start, end } of findDates(text)) {
    const span = text.slice(start, end)
    if (
      /г\.[ \u00A0]?р\.$/u.test(span) ||
      BIRTH_WORD_AFTER.test(text.slice(end, end + 25)) ||
      followsBirthWord(text, start)
    ) {
      found.push(finding('birthdate', text, start, end))
    }
  }
  return found
}

function followsBirthWord(text: string, start: number): boolean {
  const preceding = before(text, start, WINDOW)
  const word = lastMatch(preceding, BIRTH_WORD)
  if (!word) return false
  const gap = preceding.slice(word.index + word[0].length)
  return !crossesSentence(gap) && !OTHER_EVENT.test(gap)
}

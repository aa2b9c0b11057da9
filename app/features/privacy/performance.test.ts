import { describe, expect, it } from 'vitest'

import { detectPii } from './detector'

// Case notes as colleagues write them: PII, school names, dates, districts, figures.
const SENTENCES = [
  'Детето Иван Петров, ЕГН 0641051235, живее на ул. „Опълченска“ 12, тел. 0888 123 456.',
  'Класната ръководителка съобщи, че ученикът от 5б клас на 119 СУ „Академик Михаил Арнаудов“ ' +
    'има 43 неизвинени отсъствия.',
  'Срещата на 12.03.2026 г. в РУО – София-град се отлага, защото представителите на ДСП „Люлин“ са в отпуск.',
  'Майката Мария Георгиева (родена на 05.01.1990 г.) работи в Германия и се обажда от +49 176 2345 6789.',
  'Бабата отглежда детето в ж.к. Люлин 7, бл. 712, вх. Б, ет. 4, ап. 38, и получава пенсия за инвалидност.',
  'Образователният патрул провери 126 адреса в Овча купел, Панчарево и Банкя по случай С-2026-0042.',
  'Гошо и Пешо от 6а клас са били на пазара в учебно време; бащата не отговаря на 02/987 65 43.',
  'Пишете на v.nikolova@119su.bg или вижте профила на майката във facebook.com/maria.georgieva.77.',
  'Социалният работник предлага детето да бъде насочено към ЦОП и да ползва занималнята три пъти седмично.',
  'The child, Ivan, born 5 January 2006, has not attended school since Easter; ' +
    'his aunt lives at 12 Opalchenska Street.',
  'Семейството получава 1 250 лв. месечно; на Великден и Коледа децата отсъстват по няколко дни.',
  'Г-жа Кънчева от МКБППМН – район Надежда ще присъства на заседанието на 4 април 2026 г. от 10:00 ч.',
]

function realisticPost(length: number): string {
  let post = ''
  for (let i = 0; post.length < length; i++) post += `${SENTENCES[i % SENTENCES.length]} `
  return post.slice(0, length)
}

// Best of several batch averages: a busy machine slows single batches, a real regression slows them all.
function bestBatchAverageMs(text: string, batches: number, runs: number): number {
  let best = Infinity
  for (let b = 0; b < batches; b++) {
    const started = performance.now()
    for (let i = 0; i < runs; i++) detectPii(text)
    best = Math.min(best, (performance.now() - started) / runs)
  }
  return best
}

describe('performance', () => {
  it('checks a realistic 5,000-character post in well under 5 ms on average', () => {
    const post = realisticPost(5000)
    expect(post).toHaveLength(5000)
    expect(detectPii(post).length).toBeGreaterThan(40)
    for (let i = 0; i < 50; i++) detectPii(post) // warm-up: JIT and first-use regex compilation
    expect(bestBatchAverageMs(post, 10, 20)).toBeLessThan(5)
  })

  it.each([
    ['ten thousand digits', '1'.repeat(5000)],
    ['spaced zeros', '0 '.repeat(2500)],
    ['at signs', 'a@'.repeat(2500)],
    ['one long domain label', `x@${'a'.repeat(4998)}`],
    ['unbalanced quotes', '„'.repeat(2500) + '“'.repeat(2500)],
    ['a wall of given names', 'Иван '.repeat(1000)],
    ['street keywords without streets', 'ул. '.repeat(1250)],
    ['birth words and dates', '01.01.2000 роден '.repeat(300)],
    ['capital letters', 'A '.repeat(2500)],
    ['English street words', 'Street '.repeat(700)],
    ['spelled-out at signs', 'ivan (at) '.repeat(500)],
    ['bare at words', 'x at y dot '.repeat(450)],
    ['one long link of slug words', `https://a.bg/${'ivan-petrov-'.repeat(400)}`],
    ['domains glued into one link', 'x.bg/'.repeat(1000)],
    ['a link full of digit groups', `https://a.bg/?q=${'1-'.repeat(2490)}`],
    ['a link of many parameters', `https://a.bg/?${'tel=0888123456&'.repeat(330)}`],
    ['glued labels', 'тел0'.repeat(1250)],
    ['closing brackets after a link', `https://a.bg/${')'.repeat(4987)}`],
    ['parameters without values', `https://a.bg/?${'a&'.repeat(2493)}`],
  ])('stays fast on hostile input: %s', (_label, text) => {
    for (let i = 0; i < 5; i++) detectPii(text)
    // Backtracking that explodes takes seconds; a loaded machine slows every text alike, so the limit is 25 ms or
    // eight times a realistic post of the same length measured now, whichever is larger.
    const realistic = realisticPost(text.length)
    for (let i = 0; i < 5; i++) detectPii(realistic)
    const limit = Math.max(25, 8 * bestBatchAverageMs(realistic, 3, 5))
    expect(bestBatchAverageMs(text, 3, 5)).toBeLessThan(limit)
  })
})

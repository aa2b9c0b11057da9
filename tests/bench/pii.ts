// npm run bench:pii — precision/recall of the privacy guard over the labelled corpus, and its speed.
import { detectPii, PII_TYPES } from '../../app/features/privacy/detector'
import { loadPiiCorpus, measureThroughput, PII_TARGETS, scoreCorpus, type TypeScore } from './pii-score'

const items = loadPiiCorpus()
const score = scoreCorpus(items, detectPii)
const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7)
const meets = (ok: boolean) => (ok ? 'met' : 'MISSED')
const row = (label: string, s: TypeScore, target = '') =>
  label.padEnd(10) +
  [s.expected, s.found, s.truePositives, s.falsePositives, s.falseNegatives]
    .map((n, i) => String(n).padStart([9, 7, 6, 6, 6][i]))
    .join('') +
  `${pct(s.precision)}  ${pct(s.recall)}${target}`

console.log(`PII corpus: ${score.items} snippets, ${score.characters} characters`)
console.log(
  `${'type'.padEnd(10)}${'expected'.padStart(9)}${'found'.padStart(7)}${'TP'.padStart(6)}${'FP'.padStart(6)}` +
    `${'FN'.padStart(6)}${'prec.'.padStart(7)}  ${'recall'.padStart(7)}  target`,
)
for (const type of PII_TYPES) {
  const s = score.perType[type]
  const target = PII_TARGETS.recall[type]
  console.log(row(type, s, target === undefined ? '' : `  recall ≥ ${pct(target).trim()} ${meets(s.recall >= target)}`))
}
console.log(
  row(
    'overall',
    score.overall,
    `  precision ≥ ${pct(PII_TARGETS.precision).trim()} ${meets(score.overall.precision >= PII_TARGETS.precision)}`,
  ),
)
const speed = measureThroughput(items, detectPii)
console.log(
  `throughput: ${speed.wallMs.toFixed(3)} ms per 5,000 characters (wall clock; ` +
    `${speed.cpuMs.toFixed(3)} ms CPU)  CPU < ${PII_TARGETS.msPer5000} ms ` +
    `${meets(speed.cpuMs < PII_TARGETS.msPer5000)}`,
)
if (process.argv.includes('--misses'))
  for (const m of score.misses) console.log(`${m.kind.padEnd(15)} ${m.id.padEnd(7)} ${m.type.padEnd(9)} ${m.text}`)

// npm run bench:pii — precision/recall of the privacy guard over the labelled corpus, and its speed.
import { detectPii, PII_TYPES } from '../../app/features/privacy/detector'
import { loadPiiCorpus, measureThroughput, scoreCorpus, type TypeScore } from './pii-score'

const items = loadPiiCorpus()
const score = scoreCorpus(items, detectPii)
const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7)
const row = (label: string, s: TypeScore) =>
  `${label.padEnd(10)}${String(s.expected).padStart(9)}${String(s.found).padStart(7)}${String(s.truePositives).padStart(6)}${String(s.falsePositives).padStart(6)}${String(s.falseNegatives).padStart(6)}${pct(s.precision)}  ${pct(s.recall)}`

console.log(`PII corpus: ${score.items} snippets, ${score.characters} characters`)
console.log(`${'type'.padEnd(10)}${'expected'.padStart(9)}${'found'.padStart(7)}${'TP'.padStart(6)}${'FP'.padStart(6)}${'FN'.padStart(6)}${'prec.'.padStart(7)}  ${'recall'.padStart(7)}`)
for (const type of PII_TYPES) console.log(row(type, score.perType[type]))
console.log(row('overall', score.overall))
const speed = measureThroughput(items, detectPii)
console.log(`throughput: ${speed.wallMs.toFixed(3)} ms per 5,000 characters (wall clock; ${speed.cpuMs.toFixed(3)} ms CPU)`)
if (process.argv.includes('--misses')) for (const m of score.misses) console.log(`${m.kind.padEnd(15)} ${m.id.padEnd(7)} ${m.type.padEnd(9)} ${m.text}`)

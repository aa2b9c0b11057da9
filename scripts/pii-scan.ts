// npm run --silent pii:scan < post.txt — prints {"findings":[…]} as one line of JSON; always exits 0.
import { detectPii } from '../app/features/privacy/detector'

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}

const findings = detectPii(await readStdin()).map(({ type, start, end, text }) => ({ type, start, end, text }))
process.stdout.write(`${JSON.stringify({ findings })}\n`)

/**
 * Sets of document numbers as bitmaps, for the PostgreSQL engine's postings (search/postgres.ts).
 * Document numbers are cut into chunks of CHUNK_BITS; a set keeps one 1 KiB bitmap per chunk it
 * touches. The bit order is PostgreSQL's (`bit(8192)`: bit 0 is the high bit of byte 0), so a chunk
 * goes to SQL as hex and comes back through `varbit_send` unchanged.
 */
export const CHUNK_BITS = 8192
const CHUNK_BYTES = CHUNK_BITS / 8

export type Bitset = Map<number, Uint8Array>

export const chunkOf = (docNo: number) => Math.floor(docNo / CHUNK_BITS)
export const bitOf = (docNo: number) => docNo % CHUNK_BITS

const POPCOUNT = Uint8Array.from({ length: 256 }, (_, i) => {
  let n = 0
  for (let v = i; v; v >>= 1) n += v & 1
  return n
})

export function emptyChunk(): Uint8Array {
  return new Uint8Array(CHUNK_BYTES)
}

export function setBit(chunk: Uint8Array, bit: number, on = true) {
  if (on) chunk[bit >> 3] |= 0x80 >> (bit & 7)
  else chunk[bit >> 3] &= ~(0x80 >> (bit & 7))
}

export function hasBit(chunk: Uint8Array, bit: number): boolean {
  return (chunk[bit >> 3] & (0x80 >> (bit & 7))) !== 0
}

export function has(set: Bitset, docNo: number): boolean {
  const chunk = set.get(chunkOf(docNo))
  return chunk !== undefined && hasBit(chunk, bitOf(docNo))
}

export function chunkCount(chunk: Uint8Array): number {
  let n = 0
  for (let i = 0; i < chunk.length; i++) n += POPCOUNT[chunk[i]]
  return n
}

export function count(set: Bitset): number {
  let n = 0
  for (const chunk of set.values()) n += chunkCount(chunk)
  return n
}

/** Bits set in a chunk, as positions within it, in increasing order. */
export function chunkPositions(chunk: Uint8Array): number[] {
  const out: number[] = []
  for (let i = 0; i < chunk.length; i++) {
    const byte = chunk[i]
    if (byte === 0) continue
    for (let b = 0; b < 8; b++) if (byte & (0x80 >> b)) out.push(i * 8 + b)
  }
  return out
}

/** Document numbers in a set, in increasing order. */
export function members(set: Bitset): number[] {
  const out: number[] = []
  for (const chunk of [...set.keys()].sort((a, b) => a - b))
    for (const bit of chunkPositions(set.get(chunk)!)) out.push(chunk * CHUNK_BITS + bit)
  return out
}

export function union(...sets: Bitset[]): Bitset {
  const out: Bitset = new Map()
  for (const set of sets) {
    for (const [key, chunk] of set) {
      const into = out.get(key)
      if (!into) out.set(key, Uint8Array.from(chunk))
      else for (let i = 0; i < CHUNK_BYTES; i++) into[i] |= chunk[i]
    }
  }
  return out
}

function combine(a: Bitset, b: Bitset, op: (x: number, y: number) => number, keepMissingB: boolean): Bitset {
  const out: Bitset = new Map()
  for (const [key, chunk] of a) {
    const other = b.get(key)
    if (!other) {
      if (keepMissingB) out.set(key, chunk)
      continue
    }
    const result = new Uint8Array(CHUNK_BYTES)
    let any = 0
    for (let i = 0; i < CHUNK_BYTES; i++) any |= result[i] = op(chunk[i], other[i])
    if (any) out.set(key, result)
  }
  return out
}

export const intersect = (a: Bitset, b: Bitset): Bitset => combine(a, b, (x, y) => x & y, false)
export const subtract = (a: Bitset, b: Bitset): Bitset => combine(a, b, (x, y) => x & ~y, true)

export function intersectAll(sets: Bitset[]): Bitset {
  if (sets.length === 0) return new Map()
  return sets.slice(1).reduce(intersect, sets[0])
}

export function fromMembers(docNos: Iterable<number>): Bitset {
  const out: Bitset = new Map()
  for (const docNo of docNos) {
    const key = chunkOf(docNo)
    let chunk = out.get(key)
    if (!chunk) out.set(key, (chunk = emptyChunk()))
    setBit(chunk, bitOf(docNo))
  }
  return out
}

/** A chunk as PostgreSQL reads it: `('x' || hex)::bit(8192)`. */
export function chunkHex(chunk: Uint8Array): string {
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('hex')
}

import { describe, expect, it } from 'vitest'

import {
  CHUNK_BITS,
  chunkHex,
  count,
  fromMembers,
  has,
  intersect,
  intersectAll,
  members,
  subtract,
  union,
} from './bitset'

function randomMembers(seed: number, n: number, range: number): number[] {
  let s = seed
  const out = new Set<number>()
  while (out.size < n) {
    s = (s * 1664525 + 1013904223) >>> 0
    out.add(s % range)
  }
  return [...out].sort((a, b) => a - b)
}

describe('document sets as chunked bitmaps', () => {
  const range = CHUNK_BITS * 3 + 17
  const a = randomMembers(1, 900, range)
  const b = randomMembers(2, 1200, range)

  it('keeps members across chunks, in order, and counts them', () => {
    const set = fromMembers([...a].reverse())
    expect(members(set)).toEqual(a)
    expect(count(set)).toBe(a.length)
    expect(has(set, a[0])).toBe(true)
    expect(has(set, range + CHUNK_BITS)).toBe(false)
  })

  it('computes union, intersection and difference like sets do', () => {
    const [sa, sb] = [fromMembers(a), fromMembers(b)]
    const inB = new Set(b)
    expect(members(union(sa, sb))).toEqual([...new Set([...a, ...b])].sort((x, y) => x - y))
    expect(members(intersect(sa, sb))).toEqual(a.filter((x) => inB.has(x)))
    expect(members(subtract(sa, sb))).toEqual(a.filter((x) => !inB.has(x)))
    const common = a.find((x) => inB.has(x))!
    const onlyA = a.find((x) => !inB.has(x))!
    expect(members(intersectAll([sa, sb, fromMembers([common, onlyA])]))).toEqual([common])
    expect(count(intersectAll([]))).toBe(0)
    expect(count(union())).toBe(0)
  })

  it('does not change its inputs', () => {
    const sa = fromMembers(a)
    union(sa, fromMembers(b))
    subtract(sa, fromMembers(b))
    expect(members(sa)).toEqual(a)
  })

  it('writes bits in PostgreSQL order: bit 0 is the high bit of the first byte', () => {
    const [chunk] = fromMembers([0, 9, CHUNK_BITS - 1]).values()
    const hex = chunkHex(chunk)
    expect(hex).toHaveLength(CHUNK_BITS / 4)
    expect(hex.slice(0, 4)).toBe('8040')
    expect(hex.slice(-2)).toBe('01')
  })
})

import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { catalogs } from './catalog'

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return /\.(tsx?)$/.test(name) && !name.endsWith('.test.ts') ? [full] : []
  })
}

describe('i18n catalogs', () => {
  const bg = catalogs.bg as Record<string, string>
  const en = catalogs.en as Record<string, string>

  it('have the same keys in Bulgarian and English', () => {
    expect(Object.keys(bg).filter((k) => !(k in en))).toEqual([])
    expect(Object.keys(en).filter((k) => !(k in bg))).toEqual([])
  })

  it('have no empty strings', () => {
    expect(Object.entries(bg).filter(([, v]) => !v.trim())).toEqual([])
    expect(Object.entries(en).filter(([, v]) => !v.trim())).toEqual([])
  })

  it('use the same {placeholders} in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    const mismatched = Object.keys(bg).filter(
      (k) => JSON.stringify(names(bg[k])) !== JSON.stringify(names(en[k] ?? '')),
    )
    expect(mismatched).toEqual([])
  })

  it('contain every literal key the code asks for with t()', () => {
    const root = path.resolve('app')
    const missing = new Set<string>()
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8')
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g))
        if (!(match[1] in bg)) missing.add(`${path.relative(root, file)}: ${match[1]}`)
    }
    expect([...missing]).toEqual([])
  })
})

import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'

import type { PDFFont } from 'pdf-lib'

const fontCache = new Map<string, Promise<Uint8Array>>()

/**
 * DejaVu from the installed npm package (Cyrillic included; no network at run time); resolved from the
 * project, so a build in another folder finds it too. Used by every PDF the app makes.
 */
export function loadFont(file: 'DejaVuSans.ttf' | 'DejaVuSans-Bold.ttf'): Promise<Uint8Array> {
  if (!fontCache.has(file)) {
    const require = createRequire(path.join(process.cwd(), 'package.json'))
    const packageDir = path.dirname(require.resolve('dejavu-fonts-ttf/package.json'))
    fontCache.set(file, readFile(path.join(packageDir, 'ttf', file)))
  }
  return fontCache.get(file)!
}

/** Splits a text into lines that fit `maxWidth` at a font size (words are never cut). */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word
    if (line && font.widthOfTextAtSize(candidate, size) > maxWidth) {
      lines.push(line)
      line = word
    } else {
      line = candidate
    }
  }
  if (line) lines.push(line)
  return lines
}

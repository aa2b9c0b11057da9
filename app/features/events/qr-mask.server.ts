import QRCode from 'qrcode'

/**
 * The QR code of a ticket link with its data mask chosen here rather than by the library (issue #17: the library's
 * search over the eight masks was a tenth of a ticket page's CPU). The symbol is built once with mask 0; each mask is
 * then tried on a flat copy of its modules and scored by the same four penalty rules, with the same weights, as the
 * library scores them, and the lowest score wins (the first of equals), as the standard asks. A test compares the
 * result, module for module, with the library's own choice for many links.
 */

export interface QrSymbol {
  size: number
  /** size × size modules, row by row: 1 dark, 0 light. */
  modules: Uint8Array
  mask: number
}

/** Whether mask `pattern` flips the module at (`row`, `col`) (ISO/IEC 18004, table 10). */
function flips(pattern: number, row: number, col: number): boolean {
  switch (pattern) {
    case 0:
      return (row + col) % 2 === 0
    case 1:
      return row % 2 === 0
    case 2:
      return col % 3 === 0
    case 3:
      return (row + col) % 3 === 0
    case 4:
      return (Math.floor(row / 2) + Math.floor(col / 3)) % 2 === 0
    case 5:
      return ((row * col) % 2) + ((row * col) % 3) === 0
    case 6:
      return (((row * col) % 2) + ((row * col) % 3)) % 2 === 0
    default:
      return (((row * col) % 3) + ((row + col) % 2)) % 2 === 0
  }
}

/** The eight masks as flat arrays, per symbol size (a handful of sizes ever occur). */
const masksBySize = new Map<number, Uint8Array[]>()

function masksFor(size: number): Uint8Array[] {
  let masks = masksBySize.get(size)
  if (!masks) {
    masks = Array.from({ length: 8 }, (_, pattern) => {
      const mask = new Uint8Array(size * size)
      for (let row = 0; row < size; row++) {
        for (let col = 0; col < size; col++) mask[row * size + col] = flips(pattern, row, col) ? 1 : 0
      }
      return mask
    })
    masksBySize.set(size, masks)
  }
  return masks
}

const G15 = 0b10100110111
const G15_MASK = 0b101010000010010

/** The 15 format bits for error correction level M (its two bits are 00) and `mask`, BCH-coded and masked. */
function formatBits(mask: number): number {
  const data = mask
  let remainder = data << 10
  for (let bit = 14; bit >= 10; bit--) if (remainder & (1 << bit)) remainder ^= G15 << (bit - 10)
  return ((data << 10) | remainder) ^ G15_MASK
}

/** Writes the format bits for `mask` where the symbol keeps them (beside the finder patterns). */
function writeFormat(modules: Uint8Array, size: number, mask: number) {
  const bits = formatBits(mask)
  for (let i = 0; i < 15; i++) {
    const dark = (bits >> i) & 1
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i
    modules[row * size + 8] = dark
    const col = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1
    modules[8 * size + col] = dark
  }
  modules[(size - 8) * size + 8] = 1
}

/** Runs of five or more (N1) and the finder-like pattern with light space (N3), along rows and columns. */
function linePenalty(m: Uint8Array, size: number): number {
  let points = 0
  for (let a = 0; a < size; a++) {
    let rowRun = 0
    let colRun = 0
    let rowLast = -1
    let colLast = -1
    let rowBits = 0
    let colBits = 0
    for (let b = 0; b < size; b++) {
      const inRow = m[a * size + b]
      const inCol = m[b * size + a]
      if (inRow === rowLast) rowRun++
      else {
        if (rowRun >= 5) points += rowRun - 2
        rowLast = inRow
        rowRun = 1
      }
      if (inCol === colLast) colRun++
      else {
        if (colRun >= 5) points += colRun - 2
        colLast = inCol
        colRun = 1
      }
      rowBits = ((rowBits << 1) & 0x7ff) | inRow
      colBits = ((colBits << 1) & 0x7ff) | inCol
      if (b >= 10) {
        if (rowBits === 0x5d0 || rowBits === 0x05d) points += 40
        if (colBits === 0x5d0 || colBits === 0x05d) points += 40
      }
    }
    if (rowRun >= 5) points += rowRun - 2
    if (colRun >= 5) points += colRun - 2
  }
  return points
}

/** 2×2 blocks of one colour (N2) and the balance of dark and light (N4). */
function areaPenalty(m: Uint8Array, size: number): number {
  let blocks = 0
  let dark = 0
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const i = row * size + col
      dark += m[i]
      if (row < size - 1 && col < size - 1) {
        const sum = m[i] + m[i + 1] + m[i + size] + m[i + size + 1]
        if (sum === 0 || sum === 4) blocks++
      }
    }
  }
  return blocks * 3 + Math.abs(Math.ceil((dark * 100) / m.length / 5) - 10) * 10
}

/** The QR code (level M) of `data` as one byte-mode segment, with the lowest-penalty mask. */
export function qrSymbol(data: Buffer): QrSymbol {
  const built = QRCode.create([{ data, mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: 0 })
  const size = built.modules.size
  const reserved = (built.modules as unknown as { reservedBit: Uint8Array }).reservedBit
  const masks = masksFor(size)
  // The modules without a mask: mask 0 undone where it was applied (not on function patterns).
  const plain = Uint8Array.from(built.modules.data)
  for (let i = 0; i < plain.length; i++) if (!reserved[i]) plain[i] ^= masks[0][i]
  const trial = new Uint8Array(plain.length)
  let best = { mask: 0, penalty: Infinity, modules: trial }
  for (let mask = 0; mask < 8; mask++) {
    const flip = masks[mask]
    for (let i = 0; i < plain.length; i++) trial[i] = reserved[i] ? plain[i] : plain[i] ^ flip[i]
    writeFormat(trial, size, mask)
    const penalty = linePenalty(trial, size) + areaPenalty(trial, size)
    if (penalty < best.penalty) best = { mask, penalty, modules: Uint8Array.from(trial) }
  }
  return { size, modules: best.modules, mask: best.mask }
}

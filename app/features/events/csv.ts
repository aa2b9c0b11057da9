/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel shows Cyrillic), CRLF line ends.
 * Bulgarian Excel splits on ';' (the decimal mark is a comma), English Excel on ','.
 */
export function toCsv(
  rows: readonly (readonly (string | number | null | undefined)[])[],
  delimiter: ',' | ';' = ',',
): string {
  return '\uFEFF' + rows.map((row) => row.map((cell) => csvCell(cell, delimiter)).join(delimiter)).join('\r\n') + '\r\n'
}

// A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection): keep it text.
const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: string | number | null | undefined, delimiter: ',' | ';' = ','): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  if (text.includes('"') || text.includes(delimiter) || /[\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`
  return text
}

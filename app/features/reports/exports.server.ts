import type { PDFFont, PDFPage } from 'pdf-lib'

import type { Locale } from '../../../db/schema/identity'
import { toCsv } from '../events/csv'
import { formatDateTime, translate } from '../i18n/translate'
import type { Indicators } from '../indicators/indicators.server'
import { loadFont, wrapText } from '../platform/pdf-fonts.server'
import { reportHeading, reportTables, reportText, type ReportTable } from './tables'

/** The report's downloads: the same tables as the page, as CSV, an XLSX workbook (one sheet per table) and a PDF. */

export function reportFileName(ind: Indicators, extension: 'csv' | 'xlsx' | 'pdf'): string {
  const scope = [ind.scope.team?.slug, ind.scope.districtCode].filter(Boolean).join('-') || 'project'
  return `indicators-${scope}-${ind.period.from}-${ind.period.to}.${extension}`
}

/** Every table one after another: its title, its header, its rows, a blank line. */
export function reportCsv(ind: Indicators, locale: Locale): string {
  const tables = reportTables(ind, reportText(locale))
  const rows: (string | number)[][] = [[reportHeading(ind, locale)], []]
  for (const table of tables) rows.push([table.title], table.columns, ...table.rows, [])
  return toCsv(rows, locale === 'bg' ? ';' : ',')
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\ , unique in the workbook. */
function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31)
      .trim() || 'Sheet'
  let name = base
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)} ${i}`
  taken.add(name.toLowerCase())
  return name
}

export async function reportXlsx(ind: Indicators, locale: Locale): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = translate(locale, 'app.name')
  workbook.title = translate(locale, 'reports.title')
  const taken = new Set<string>()
  for (const table of reportTables(ind, reportText(locale))) {
    const sheet = workbook.addWorksheet(sheetName(table.title, taken))
    sheet.addRow([table.title]).font = { bold: true, size: 13 }
    sheet.addRow([reportHeading(ind, locale)])
    sheet.addRow([])
    const header = sheet.addRow(table.columns)
    header.font = { bold: true }
    for (const row of table.rows) sheet.addRow(row)
    sheet.columns.forEach((column, i) => {
      const widths = [table.columns[i], ...table.rows.map((r) => r[i])].map((v) => String(v ?? '').length)
      column.width = Math.min(60, Math.max(10, ...widths) + 2)
    })
    sheet.views = [{ state: 'frozen', ySplit: 4 }]
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = 48
/** The workbook and PDF libraries load with the first export, not at start: together about 60 MB of memory. */
const pdfLibraries = () => Promise.all([import('pdf-lib'), import('@pdf-lib/fontkit')])

/** The PDF: the heading, then every table, with DejaVu embedded (Cyrillic), A4 pages that break between rows. */
export async function reportPdf(ind: Indicators, locale: Locale, now = new Date()): Promise<Uint8Array> {
  const [{ PDFDocument, rgb }, { default: fontkit }] = await pdfLibraries()
  const INK = rgb(0.106, 0.122, 0.141)
  const MUTED = rgb(0.29, 0.325, 0.376)
  const RULE = rgb(0.79, 0.82, 0.85)
  const doc = await PDFDocument.create()
  doc.registerFontkit(fontkit)
  const t = (key: string) => translate(locale, key)
  doc.setTitle(t('reports.pdf.title'))
  doc.setLanguage(locale === 'bg' ? 'bg-BG' : 'en-GB')
  const [regular, bold] = await Promise.all([
    doc.embedFont(await loadFont('DejaVuSans.ttf'), { subset: true }),
    doc.embedFont(await loadFont('DejaVuSans-Bold.ttf'), { subset: true }),
  ])
  const width = A4.width - 2 * MARGIN
  let page: PDFPage = doc.addPage([A4.width, A4.height])
  let y = A4.height - MARGIN

  const newPage = () => {
    page = doc.addPage([A4.width, A4.height])
    y = A4.height - MARGIN
  }
  const ensure = (height: number) => {
    if (y - height < MARGIN) newPage()
  }
  const line = (text: string, font: PDFFont, size: number, color = INK, x = MARGIN, maxWidth = width) => {
    for (const part of wrapText(text, font, size, maxWidth)) {
      ensure(size + 4)
      page.drawText(part, { x, y: y - size, size, font, color })
      y -= size + 4
    }
  }

  line(t('reports.pdf.title'), bold, 16)
  line(reportHeading(ind, locale), regular, 11, MUTED)
  line(translate(locale, 'reports.generated', { date: formatDateTime(locale, now) }), regular, 9, MUTED)
  y -= 8

  const drawTable = (table: ReportTable) => {
    ensure(60)
    y -= 6
    line(table.title, bold, 12)
    const first = Math.max(width * 0.45, width - (table.columns.length - 1) * 80)
    const rest = table.columns.length > 1 ? (width - first) / (table.columns.length - 1) : 0
    const xs = table.columns.map((_, i) => (i === 0 ? MARGIN : MARGIN + first + (i - 1) * rest))
    const widths = table.columns.map((_, i) => (i === 0 ? first : rest) - 6)
    const row = (cells: (string | number)[], font: PDFFont) => {
      const wrapped = cells.map((c, i) => wrapText(String(c), font, 9, widths[i]))
      const height = Math.max(1, ...wrapped.map((w) => w.length)) * 12 + 4
      ensure(height)
      wrapped.forEach((lines, i) =>
        lines.forEach((text, n) => {
          const textWidth = font.widthOfTextAtSize(text, 9)
          const x = i === 0 ? xs[i] : xs[i] + widths[i] - textWidth
          page.drawText(text, { x, y: y - 10 - n * 12, size: 9, font, color: INK })
        }),
      )
      y -= height
      page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + width, y }, thickness: 0.5, color: RULE })
    }
    row(table.columns, bold)
    const number = (v: string | number) => (typeof v === 'number' ? new Intl.NumberFormat(locale).format(v) : v)
    for (const cells of table.rows) row(cells.map(number), regular)
    y -= 10
  }
  for (const table of reportTables(ind, reportText(locale))) drawTable(table)
  return doc.save()
}

export const EXPORT_FORMATS = ['pdf', 'csv', 'xlsx'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** The format named by a download's file name (indicators.pdf …), or null. */
export function exportFormat(file: string): ExportFormat | null {
  const match = /^indicators\.(pdf|csv|xlsx)$/.exec(file)
  return match ? (match[1] as ExportFormat) : null
}

export async function reportExport(
  format: ExportFormat,
  ind: Indicators,
  locale: Locale,
): Promise<{ body: string | Buffer; contentType: string }> {
  switch (format) {
    case 'csv':
      return { body: reportCsv(ind, locale), contentType: 'text/csv; charset=utf-8' }
    case 'xlsx':
      return {
        body: await reportXlsx(ind, locale),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      }
    case 'pdf':
      return { body: Buffer.from(await reportPdf(ind, locale)), contentType: 'application/pdf' }
  }
}

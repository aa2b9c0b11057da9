import type { PDFFont, PDFPage, RGB } from 'pdf-lib'

import { getEnv } from '../../env.server'
import { formatDate, translate } from '../i18n/translate'
import { loadFont, wrapText as wrap } from '../platform/pdf-fonts.server'
import type { PublicCertificate } from './certificates.server'

/**
 * pdf-lib, its font engine and the QR encoder load with the first certificate printed: a server holds about 60 MB
 * of memory less until then.
 */
const libraries = () => Promise.all([import('pdf-lib'), import('@pdf-lib/fontkit'), import('qrcode')])

function centered(page: PDFPage, text: string, y: number, font: PDFFont, size: number, color: RGB) {
  const width = font.widthOfTextAtSize(text, size)
  page.drawText(text, { x: (page.getWidth() - width) / 2, y, size, font, color })
}

export function certificateUrl(code: string) {
  return `${getEnv().appUrl}/certificates/${code}`
}

const CACHE_SIZE = 200
const rendered = new Map<string, Promise<Uint8Array>>()

/**
 * The certificate's PDF. A certificate never changes once issued, and embedding the subset fonts takes
 * a few hundred milliseconds, so recent ones are kept in memory (about 25 KB each).
 */
export function certificatePdf(certificate: PublicCertificate): Promise<Uint8Array> {
  const cached = rendered.get(certificate.code)
  if (cached) return cached
  const pdf = renderCertificatePdf(certificate)
  rendered.set(certificate.code, pdf)
  pdf.catch(() => rendered.delete(certificate.code))
  if (rendered.size > CACHE_SIZE) rendered.delete(rendered.keys().next().value!)
  return pdf
}

/** An A4 landscape certificate in the course's language, with the fonts embedded and a QR code to the public check. */
export async function renderCertificatePdf(certificate: PublicCertificate): Promise<Uint8Array> {
  const locale = certificate.language
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params)
  const [{ PDFDocument, rgb }, { default: fontkit }, { default: QRCode }] = await libraries()
  const BRAND = rgb(0.114, 0.306, 0.537)
  const INK = rgb(0.106, 0.122, 0.141)
  const MUTED = rgb(0.29, 0.325, 0.376)
  const pdf = await PDFDocument.create()
  pdf.registerFontkit(fontkit)
  const [regular, bold] = await Promise.all([
    pdf.embedFont(await loadFont('DejaVuSans.ttf'), { subset: true }),
    pdf.embedFont(await loadFont('DejaVuSans-Bold.ttf'), { subset: true }),
  ])
  const url = certificateUrl(certificate.code)
  pdf.setTitle(`${t('certificates.pdf.heading')} — ${certificate.learnerName} — ${certificate.courseTitle}`)
  pdf.setAuthor(t('app.name'))
  pdf.setSubject(t('certificates.pdf.code', { code: certificate.code }))
  pdf.setLanguage(locale === 'bg' ? 'bg-BG' : 'en-GB')
  pdf.setCreator(t('app.name'))
  pdf.setProducer(t('app.name'))

  const page = pdf.addPage([841.89, 595.28])
  const { width, height } = page.getSize()
  page.drawRectangle({ x: 24, y: 24, width: width - 48, height: height - 48, borderColor: BRAND, borderWidth: 3 })
  page.drawRectangle({ x: 32, y: 32, width: width - 64, height: height - 64, borderColor: BRAND, borderWidth: 0.75 })

  centered(page, t('app.name'), height - 80, bold, 14, BRAND)
  centered(page, t('certificates.pdf.heading'), height - 140, bold, 40, BRAND)
  centered(page, t('certificates.pdf.certifies'), height - 190, regular, 15, MUTED)
  let y = height - 240
  for (const line of wrap(certificate.learnerName, bold, 30, width - 160)) {
    centered(page, line, y, bold, 30, INK)
    y -= 38
  }
  centered(page, t('certificates.pdf.completed'), y - 4, regular, 15, MUTED)
  y -= 46
  for (const line of wrap(`„${certificate.courseTitle}“`, bold, 20, width - 200).slice(0, 3)) {
    centered(page, line, y, bold, 20, INK)
    y -= 27
  }
  centered(page, t('certificates.pdf.version', { version: certificate.versionNumber }), y - 2, regular, 12, MUTED)

  const issued = formatDate(locale, certificate.issuedAt)
  page.drawText(t('certificates.pdf.date', { date: issued }), { x: 70, y: 120, size: 12, font: regular, color: INK })
  page.drawText(t('certificates.pdf.code', { code: certificate.code }), {
    x: 70,
    y: 98,
    size: 12,
    font: bold,
    color: INK,
  })
  page.drawText(t('certificates.pdf.verify', { url }), { x: 70, y: 76, size: 10, font: regular, color: MUTED })

  const qr = await QRCode.toBuffer(url, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' })
  const qrImage = await pdf.embedPng(qr)
  page.drawImage(qrImage, { x: width - 70 - 100, y: 60, width: 100, height: 100 })

  return pdf.save()
}

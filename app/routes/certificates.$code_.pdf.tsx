import type { LoaderFunctionArgs } from '@remix-run/node'

import { notFound } from '~/features/platform/http.server'
import { routeParam } from '~/features/platform/params'
import { certificatePdf } from '~/features/training/certificate-pdf.server'
import { findCertificate } from '~/features/training/certificates.server'

/** The printable certificate, generated on the server with embedded fonts; as public as the check page. */
export async function loader({ params }: LoaderFunctionArgs) {
  const certificate = await findCertificate(routeParam(params, 'code').slice(0, 40))
  // A certificate whose name was erased with its holder's account is no longer printed (the check page still answers).
  if (!certificate?.learnerName) notFound()
  const pdf = await certificatePdf(certificate)
  return new Response(Buffer.from(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(pdf.byteLength),
      'Content-Disposition': `inline; filename="certificate-${certificate.code}.pdf"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, max-age=3600',
    },
  })
}

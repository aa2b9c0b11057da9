import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { useT } from '~/features/i18n/useT'
import { pageTitle } from '~/features/platform/meta'
import { CertificateCodeForm } from '~/features/training/CertificateCodeForm'
import { normaliseCertificateCode } from '~/features/training/certificates.server'

export const meta: MetaFunction = (args) => pageTitle(args, 'certificates.title')

/** Public: anyone holding a certificate's code can check it, no account needed. */
export async function loader({ request }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get('code')?.trim().slice(0, 40) ?? ''
  if (code) throw redirect(`/certificates/${encodeURIComponent(normaliseCertificateCode(code))}`)
  return { code }
}

export default function CertificateLookup() {
  const { code } = useLoaderData<typeof loader>()
  const { t } = useT()
  return (
    <section className="narrow">
      <h1>{t('certificates.title')}</h1>
      <p>{t('certificates.intro')}</p>
      <CertificateCodeForm code={code} hint={t('certificates.codeHint')} />
    </section>
  )
}

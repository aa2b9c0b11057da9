import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { useT } from '~/features/i18n/useT'
import { NO_INDEX, pageTitle } from '~/features/platform/meta'
import { routeParam } from '~/features/platform/params'
import { CertificateCodeForm } from '~/features/training/CertificateCodeForm'
import { findCertificate } from '~/features/training/certificates.server'

export const meta: MetaFunction = (args) => [...pageTitle(args, 'certificates.title'), NO_INDEX]

/** Public: confirms name, course, version and date — and nothing else about the person. */
export async function loader({ params }: LoaderFunctionArgs) {
  const code = routeParam(params, 'code').slice(0, 40)
  const certificate = await findCertificate(code)
  if (!certificate) return data({ code, certificate: null }, { status: 404 })
  return { code: certificate.code, certificate }
}

export default function CertificateCheck() {
  const { code, certificate } = useLoaderData<typeof loader>()
  const { t, date } = useT()
  if (!certificate) {
    return (
      <section className="narrow">
        <h1>{t('certificates.title')}</h1>
        <p className="error-summary" role="alert">
          {t('certificates.notFound', { code })}
        </p>
        <CertificateCodeForm code={code} />
      </section>
    )
  }
  return (
    <section className="narrow certificate-check">
      <h1>{t('certificates.title')}</h1>
      <p className="status status-ok certificate-valid">✓ {t('certificates.valid')}</p>
      <dl className="certificate-facts panel">
        <dt>{t('certificates.name')}</dt>
        <dd>{certificate.learnerName || <em>{t('certificates.nameErased')}</em>}</dd>
        <dt>{t('certificates.course')}</dt>
        <dd lang={certificate.language}>{certificate.courseTitle}</dd>
        <dt>{t('certificates.version')}</dt>
        <dd>{certificate.versionNumber}</dd>
        <dt>{t('certificates.issued')}</dt>
        <dd>{date(certificate.issuedAt)}</dd>
        <dt>{t('certificates.codeLabel')}</dt>
        <dd>
          <code>{certificate.code}</code>
        </dd>
      </dl>
      {certificate.learnerName ? (
        <p>
          <a href={`/certificates/${certificate.code}/pdf`} className="button">
            {t('certificates.pdf')}
          </a>
        </p>
      ) : null}
    </section>
  )
}

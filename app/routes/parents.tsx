import type { MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'

import { useT } from '~/features/i18n/useT'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'parents.title')

const WHY = ['parents.why.1', 'parents.why.2', 'parents.why.3', 'parents.why.4'] as const
const HOW = ['parents.how.1', 'parents.how.2', 'parents.how.3', 'parents.how.4'] as const

/** A plain-language page for parents (public, in the page language: Bulgarian first, English). */
export default function Parents() {
  const { t } = useT()
  return (
    <article className="parents-page narrow-wide">
      <h1>{t('parents.title')}</h1>
      <p className="lead">{t('parents.lead')}</p>
      <h2>{t('parents.why.title')}</h2>
      <ul>
        {WHY.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
      <h2>{t('parents.how.title')}</h2>
      <ol>
        {HOW.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ol>
      <h2>{t('parents.help.title')}</h2>
      <p>{t('parents.help.text')}</p>
      <p>
        <Link className="button" to="/events?kind=open_day">
          {t('parents.openDays')}
        </Link>
      </p>
    </article>
  )
}

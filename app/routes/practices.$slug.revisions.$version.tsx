import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { TextWithPart } from '~/features/i18n/TextWithPart'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { notFound } from '~/features/platform/http.server'
import { pageTitle } from '~/features/platform/meta'
import { positiveInt, routeParam } from '~/features/platform/params'
import { getPracticeRevision } from '~/features/practices/practices.server'
import { PracticeSections } from '~/features/practices/PracticeSections'

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'practices.revisionTitle', {
    title: args.data?.revision.title ?? '',
    version: args.data?.revision.version ?? '',
  })

export const loader = (args: RouteArgs) =>
  signedIn(args, ({ user, params }) => {
    const version = positiveInt(routeParam(params, 'version'), 100_000) ?? notFound()
    return getPracticeRevision(user, routeParam(params, 'slug'), version)
  })

export default function PracticeRevision() {
  const { practice, revision } = useLoaderData<typeof loader>()
  const { t } = useT()
  return (
    <article className="practice">
      <p className="notice" role="status">
        {t('practices.revisionNote', { version: practice.version })}{' '}
        <Link to={`/practices/${practice.slug}`}>{t('practices.backToCurrent')}</Link>
      </p>
      <h1>
        <TextWithPart
          text={t('practices.revisionTitle', { version: revision.version })}
          name="title"
          part={revision.title}
          lang={practice.language}
        />
      </h1>
      <p className="lead" lang={practice.language}>
        {revision.summary}
      </p>
      <PracticeSections sections={revision.sections} language={practice.language} />
    </article>
  )
}

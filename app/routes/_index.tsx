import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { homeActions } from '~/features/actions/actions.server'
import { HomeActions } from '~/features/actions/HomeActions'
import { useT } from '~/features/i18n/useT'
import { getSessionUser } from '~/features/identity/session.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'home.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request)
  return { name: user?.name ?? null, myActions: user ? await homeActions(user) : null }
}

export default function Home() {
  const { name, myActions } = useLoaderData<typeof loader>()
  const { t } = useT()
  return (
    <section>
      <h1>{name ? t('home.staff.greeting', { name }) : t('app.name')}</h1>
      <p className="lead">{t('app.tagline')}</p>
      <p>{t('home.intro')}</p>
      {name ? (
        <>
          <p>{t('home.staff.intro')}</p>
          {myActions ? <HomeActions actions={myActions.actions} total={myActions.total} /> : null}
        </>
      ) : (
        <div className="grid">
          <div className="card">
            <h2>
              <Link to="/events">{t('nav.events')}</Link>
            </h2>
            <p>{t('home.public.events')}</p>
          </div>
          <div className="card">
            <h2>
              <Link to="/practices">{t('nav.practices')}</Link>
            </h2>
            <p>{t('home.public.practices')}</p>
          </div>
          <div className="card">
            <h2>
              <Link to="/login">{t('nav.signIn')}</Link>
            </h2>
            <p>{t('auth.login.intro')}</p>
          </div>
        </div>
      )}
    </section>
  )
}

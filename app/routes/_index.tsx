import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { homeActions } from '~/features/actions/actions.server'
import { HomeActions } from '~/features/actions/HomeActions'
import { homeBlocks } from '~/features/home/blocks.server'
import { HomeBlock } from '~/features/home/HomeBlock'
import { useT } from '~/features/i18n/useT'
import { getSessionUser } from '~/features/identity/session.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'home.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request)
  const [blocks, myActions] = await Promise.all([homeBlocks(user), user ? homeActions(user) : null])
  return { name: user?.name ?? null, blocks, myActions }
}

/** The home page: blocks of what needs me (app/features/home/blocks.server.ts) and my actions. */
export default function Home() {
  const { name, blocks, myActions } = useLoaderData<typeof loader>()
  const { t } = useT()
  return (
    <section className="home">
      <h1>{name ? t('home.staff.greeting', { name }) : t('app.name')}</h1>
      <p className="lead">{t('app.tagline')}</p>
      {name ? null : (
        <>
          <p>{t('home.intro')}</p>
          <p className="panel home-parents">
            <Link to="/parents">{t('home.parents.link')}</Link>
          </p>
        </>
      )}
      {myActions ? <HomeActions actions={myActions.actions} total={myActions.total} /> : null}
      <div className="grid home-blocks">
        {blocks.map((block) => (
          <HomeBlock key={block.id} block={block} />
        ))}
      </div>
      {name ? null : (
        <p>
          <Link to="/login">{t('nav.signIn')}</Link> — {t('auth.login.intro')}
        </p>
      )}
    </section>
  )
}

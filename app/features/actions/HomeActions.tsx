import { Link } from '@remix-run/react'

import { useT } from '~/features/i18n/useT'
import { MyActionsList } from './ActionPlan'
import type { ActionView } from './actions.server'

/** The home page's block: my first open actions (overdue first), with their buttons, and a link to all. */
export function HomeActions({ actions, total }: { actions: ActionView[]; total: number }) {
  const { t } = useT()
  return (
    <section className="panel home-actions" aria-labelledby="home-actions-title">
      <h2 id="home-actions-title">{t('actions.home.title')}</h2>
      <MyActionsList actions={actions} postTo="/actions" returnTo="/" />
      <p>
        <Link to="/actions">{t('actions.home.all')}</Link>
        {total > actions.length ? ` (${t('actions.home.more', { count: total - actions.length })})` : null}
      </p>
    </section>
  )
}

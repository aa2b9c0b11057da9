import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { useEffect, type ReactNode } from 'react'

import { AppShell } from './components/AppShell'
import { useNonce } from './components/nonce'
import { staleBackupWarning } from './features/backup/runs.server'
import { resolveLocale } from './features/i18n/locale.server'
import { DEFAULT_LOCALE, translate } from './features/i18n/translate'
import { LocaleProvider, useT } from './features/i18n/useT'
import { demoAccountsExist } from './features/identity/demo-accounts.server'
import { readFlash } from './features/platform/flash.server'
import { sessionUserAndBadges } from './features/platform/nav.server'
import appStyles from './styles/app.css'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: appStyles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, badges } = await sessionUserAndBadges(request)
  const locale = await resolveLocale(request, user)
  const [{ message, setCookie }, demo, backupWarning] = await Promise.all([
    readFlash(request),
    demoAccountsExist(),
    staleBackupWarning(user),
  ])
  return data(
    {
      locale,
      user: user ? { id: user.id, name: user.name, role: user.role, institutionName: user.institutionName } : null,
      flash: message,
      badges,
      demo,
      backupWarning,
    },
    { headers: setCookie ? { 'Set-Cookie': setCookie } : undefined },
  )
}

export type RootData = Awaited<ReturnType<typeof loader>>['data']

export const meta: MetaFunction = ({ data }) => {
  const locale = (data as RootData | undefined)?.locale ?? DEFAULT_LOCALE
  return [{ title: translate(locale, 'app.name') }, { name: 'description', content: translate(locale, 'app.tagline') }]
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  const root = useRouteLoaderData('root') as RootData | undefined
  // Tells the browser tests (axe after hydration) that React has taken over the page, error pages included.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true'
  }, [])
  return (
    <html lang={root?.locale ?? DEFAULT_LOCALE}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <LocaleProvider value={root?.locale ?? DEFAULT_LOCALE}>{children}</LocaleProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return (
    <AppShell>
      <Outlet />
    </AppShell>
  )
}

const KNOWN_STATUSES = [400, 401, 403, 404, 413, 422, 429] as const

export function ErrorBoundary() {
  const error = useRouteError()
  const { t, tk } = useT()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const messageKey = (KNOWN_STATUSES as readonly number[]).includes(status) ? `errors.${status}` : 'errors.500'
  return (
    <AppShell>
      <section className="error-page" aria-labelledby="error-title">
        <h1 id="error-title">{t('errors.title')}</h1>
        <p className="error-status">{status}</p>
        <p>{tk(messageKey)}</p>
        <p>
          <a href="/">{t('errors.goHome')}</a>
        </p>
      </section>
    </AppShell>
  )
}

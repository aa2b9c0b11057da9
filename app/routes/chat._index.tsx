import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { ComingSoon } from '~/components/ComingSoon'
import { requireUser } from '~/features/identity/session.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'nav.chat')

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  return null
}

export default function Page() {
  return <ComingSoon title="nav.chat" />
}

import type { MetaFunction } from '@remix-run/node'
import { ComingSoon } from '~/components/ComingSoon'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'nav.practices')

export default function Page() {
  return <ComingSoon title="nav.practices" />
}

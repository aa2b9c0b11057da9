import type { MetaFunction } from '@remix-run/node'
import { ComingSoon } from '~/components/ComingSoon'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'nav.search')

export default function Page() {
  return <ComingSoon title="nav.search" />
}

import { roundCsv } from '~/features/foreign-schools/rounds.server'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { uuidParam } from '~/features/platform/params'

/** The round's answers and totals as CSV (coordinators). */
export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, params }) => {
    const { round, csv } = await roundCsv(user, uuidParam(params, 'roundId'), user.locale)
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="foreign-schools-${round.periodStart}-${round.periodEnd}.csv"`,
        'Cache-Control': 'private, no-store',
      },
    })
  })

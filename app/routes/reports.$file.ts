import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { reportIndicators } from '~/features/indicators/indicators.server'
import { periodFromQuery } from '~/features/indicators/period'
import { notFound } from '~/features/platform/http.server'
import { routeParam } from '~/features/platform/params'
import { exportFormat, reportExport, reportFileName } from '~/features/reports/exports.server'
import { teamScopeFromQuery } from '~/features/teams/indicators.server'

/** /reports/indicators.pdf|.csv|.xlsx: the report for the same period and scope as /reports (coordinators, admins). */
export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const format = exportFormat(routeParam(params, 'file'))
    if (!format) notFound()
    const url = new URL(request.url)
    const { period, scope } = periodFromQuery(url)
    const indicators = await reportIndicators(user, period, { ...scope, ...(await teamScopeFromQuery(url)) })
    const { body, contentType } = await reportExport(format, indicators, user.locale)
    return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
      headers: {
        'Content-Type': contentType,
        'Content-Disposition': `attachment; filename="${reportFileName(indicators, format)}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  })

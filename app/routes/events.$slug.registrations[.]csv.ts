import { registrationsCsv } from '~/features/events/dashboard.server'
import { resolveLocale } from '~/features/i18n/locale.server'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { routeParam } from '~/features/platform/params'

/** The registrant list for spreadsheets (UTF-8 with BOM); organisers only, never cached. */
export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const { filename, body } = await registrationsCsv(
      user,
      routeParam(params, 'slug'),
      await resolveLocale(request, user),
    )
    return new Response(body, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
        'Cache-Control': 'private, no-store',
      },
    })
  })

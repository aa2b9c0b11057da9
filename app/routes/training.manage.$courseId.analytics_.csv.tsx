import { resolveLocale } from '~/features/i18n/locale.server'
import { formatDate, translate } from '~/features/i18n/translate'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { uuidParam } from '~/features/platform/params'
import { analyticsCsv, courseAnalytics } from '~/features/training/analytics.server'

const COLUMNS = [
  'name',
  'institution',
  'status',
  'progress',
  'lessons',
  'version',
  'enrolled',
  'lastActivity',
  'due',
  'completed',
  'certificate',
] as const

/** The learners table as a spreadsheet file, in the reader's language. */
export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const courseId = uuidParam(params, 'courseId')
    const locale = await resolveLocale(request, user)
    const analytics = await courseAnalytics(user, courseId)
    const csv = analyticsCsv(analytics, {
      header: COLUMNS.map((c) => translate(locale, `training.analytics.col.${c}`)),
      status: {
        notStarted: translate(locale, 'training.analytics.notStarted'),
        inProgress: translate(locale, 'training.analytics.inProgress'),
        completed: translate(locale, 'training.analytics.completed'),
      },
      formatDate: (d) => formatDate(locale, d, { dateStyle: 'short' }),
    })
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="course-${courseId.slice(0, 8)}-learners.csv"`,
        'Cache-Control': 'private, no-store',
      },
    })
  })

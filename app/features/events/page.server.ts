import { getSessionUser } from '../identity/session.server'
import { isUuid } from '../platform/http.server'
import { getEventPage } from './events.server'

/** Loader data of the event page, shared by /events/:slug and /events/:slug/register (which re-renders it with errors). */
export async function loadEventPage(request: Request, slug: string) {
  const user = await getSessionUser(request)
  const page = await getEventPage(slug, user)
  const selected = new URL(request.url).searchParams.get('session')
  const { event } = page
  return {
    event: {
      slug: event.slug,
      title: event.title,
      kind: event.kind,
      audience: event.audience,
      status: event.status,
      districtCode: event.districtCode,
      locationAddress: event.locationAddress,
      locationMapUrl: event.locationMapUrl,
      descriptionDoc: event.descriptionDoc,
      retentionDays: event.retentionDays,
    },
    organiserName: page.organiserName,
    sessions: page.sessions,
    canManage: page.canManage,
    erasureDate: page.erasureDate,
    selectedSessionId: isUuid(selected) ? selected : null,
  }
}

export type EventPageData = Awaited<ReturnType<typeof loadEventPage>>

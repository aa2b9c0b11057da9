import { can, type Actor } from '../identity/permissions'
import { getEventPage } from './events.server'

/**
 * Loader data of the event page, shared by /events/:slug and /events/:slug/register (which re-renders it with errors).
 */
export async function eventPageData(viewer: Actor | null, slug: string, selectedSessionId: string | null) {
  const page = await getEventPage(slug, viewer)
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
    /** A signed-in staff member may register families for a published public event (from /events/:slug/family). */
    canRegisterFamily:
      can(viewer, 'event:register-family') && event.status === 'published' && event.audience === 'public',
    erasureDate: page.erasureDate,
    selectedSessionId,
  }
}

export type EventPageData = Awaited<ReturnType<typeof eventPageData>>

import type { Actor } from '../identity/permissions'
import { canManageEvent } from './access.server'
import { registrationUrl } from './emails.server'
import { getEventPage } from './events.server'
import { qrSvgDataUrl } from './qr.server'
import { getRegistrationByToken } from './registration.server'

/** Loader data of the event page, shared by /events/:slug and /events/:slug/register (which re-renders it with errors). */
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
    erasureDate: page.erasureDate,
    selectedSessionId,
  }
}

export type EventPageData = Awaited<ReturnType<typeof eventPageData>>

/** What /registrations/:token shows; the QR code carries this page's own link (scanned at the door). */
export async function registrationPageData(viewer: Actor | null, token: string) {
  const { registration: r, session, event, position } = await getRegistrationByToken(token)
  const active = r.status !== 'cancelled'
  return {
    token,
    status: r.status,
    position,
    seats: r.seats,
    name: r.name ?? '',
    checkedInAt: r.checkedInAt,
    registrationId: r.id,
    session: { id: session.id, startsAt: session.startsAt, endsAt: session.endsAt },
    event: { slug: event.slug, title: event.title, locationAddress: event.locationAddress, locationMapUrl: event.locationMapUrl },
    qr: active ? await qrSvgDataUrl(registrationUrl(token)) : null,
    canCheckIn: r.status === 'confirmed' && canManageEvent(viewer, event),
  }
}

import { getSessionUser } from '../identity/session.server'
import { canManageEvent } from './access.server'
import { registrationUrl } from './emails.server'
import { qrSvgDataUrl } from './qr.server'
import { getRegistrationByToken } from './registration.server'

/** What /registrations/:token shows; the QR code carries this page's own link (scanned at the door). */
export async function loadRegistrationPage(request: Request, token: string) {
  const [view, user] = await Promise.all([getRegistrationByToken(token), getSessionUser(request)])
  const { registration: r, session, event, position } = view
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
    canCheckIn: r.status === 'confirmed' && canManageEvent(user, event),
  }
}

import { canManageEvent } from '~/features/events/access.server'
import { registrationUrl } from '~/features/events/emails.server'
import { qrSvgDataUrl } from '~/features/events/qr.server'
import { getRegistrationByToken } from '~/features/events/registration.server'
import type { Actor } from '~/features/identity/permissions'

/**
 * What /registrations/:token shows — the family's ticket; the QR code carries this page's own link (scanned at the
 * door). `print` asks for the print layout (a page without JavaScript cannot open the print dialog itself).
 * A waiting-list entry is no ticket yet: it shows its place in the list, its number to quote and what happens next.
 */
export async function registrationPageData(viewer: Actor | null, token: string, options: { print?: boolean } = {}) {
  const { registration: r, session, event, position, registeredBy } = await getRegistrationByToken(token)
  // Only a confirmed registration admits anyone: a waiting-list entry gets no QR code for the door, nor a printout.
  const admits = r.status === 'confirmed'
  return {
    token,
    status: r.status,
    position,
    seats: r.seats,
    code: r.code,
    name: r.name ?? '',
    hasEmail: r.email !== null,
    registeredBy,
    checkedInAt: r.checkedInAt,
    registrationId: r.id,
    session: { id: session.id, startsAt: session.startsAt, endsAt: session.endsAt },
    event: {
      slug: event.slug,
      title: event.title,
      locationAddress: event.locationAddress,
      locationMapUrl: event.locationMapUrl,
    },
    qr: admits ? qrSvgDataUrl(registrationUrl(token)) : null,
    canCheckIn: r.status === 'confirmed' && canManageEvent(viewer, event),
    print: !!options.print && admits,
  }
}

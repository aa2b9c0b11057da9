import type { DbOrTx } from '../../../db/client.server'
import type { Locale } from '../../../db/schema/identity'
import { getEnv } from '../../env.server'
import { formatDate, formatTime, translate, translatePlural } from '../i18n/translate'
import { queueEmail, queueEmails, type OutgoingEmail } from '../notifications/mail.server'

export type RegistrationMailKind = 'confirmed' | 'waitlisted' | 'promoted' | 'reminder' | 'resend'

export interface RegistrationMail {
  registrationId: string
  to: string
  locale: Locale
  name: string
  token: string
  seats: number
  position?: number | null
  title: string
  startsAt: Date
  endsAt: Date
  location: string
}

export function registrationUrl(token: string): string {
  return `${getEnv().appUrl}/registrations/${token}`
}

export function sessionWhen(locale: Locale, startsAt: Date, endsAt: Date): string {
  return `${formatDate(locale, startsAt, { dateStyle: 'full', timeStyle: 'short' })}–${formatTime(locale, endsAt)}`
}

/** A registrant's e-mail, in the language they registered in. */
export function registrationEmail(kind: RegistrationMailKind, mail: RegistrationMail): OutgoingEmail {
  const t = (key: string, params?: Record<string, string | number>) => translate(mail.locale, key, params)
  const params = {
    title: mail.title,
    seats: translatePlural(mail.locale, 'events.seats', mail.seats),
    position: mail.position ?? '',
  }
  const text = [
    t('events.mail.greeting', { name: mail.name }),
    '',
    t(`events.mail.${kind}.body`, params),
    '',
    t('events.mail.when', { when: sessionWhen(mail.locale, mail.startsAt, mail.endsAt) }),
    t('events.mail.where', { where: mail.location }),
    '',
    t('events.mail.link', { url: registrationUrl(mail.token) }),
    '',
    // A family on the waiting list holds no seat to hand on: cancelling only takes it off the list.
    t(kind === 'waitlisted' ? 'events.mail.waitlisted.footer' : 'events.mail.footer'),
  ].join('\n')
  return {
    to: mail.to,
    subject: t(`events.mail.${kind}.subject`, params),
    text,
    kind: `event.${kind}`,
    registrationId: mail.registrationId,
  }
}

/** The registrant's e-mail, queued in the caller's transaction. */
export async function queueRegistrationEmail(runner: DbOrTx, kind: RegistrationMailKind, mail: RegistrationMail) {
  await queueEmail(runner, registrationEmail(kind, mail))
}

/** A batch of registrants' e-mails, queued with one statement in the caller's transaction. */
export async function queueRegistrationEmails(runner: DbOrTx, mails: [RegistrationMailKind, RegistrationMail][]) {
  await queueEmails(
    runner,
    mails.map(([kind, mail]) => registrationEmail(kind, mail)),
  )
}

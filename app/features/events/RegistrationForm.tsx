import { Form } from '@remix-run/react'

import {
  ErrorSummary,
  FieldErrors,
  FormScope,
  FormSubmit,
  NumberField,
  SelectField,
  sentText,
  TextField,
  type FormState,
} from '~/components/forms'
import { IconText } from '~/components/IconText'
import { AGE_GROUPS, type EventKind } from '../../../db/schema/events'
import { useT } from '../i18n/useT'
import { FamilyRegistrationSchema, RegisterSchema } from './schemas'
import { SeatsBadge } from './SeatsBadge'
import { useSessionWhen } from './SessionWhen'

export interface RegistrableSession {
  id: string
  startsAt: string | Date
  endsAt: string | Date
  capacity: number
  freeSeats: number
  maxSeatsPerRegistration: number
}

interface Props {
  /** The event page's data (the event, the date picked in the address, when the answers are erased). */
  page: {
    event: { slug: string; kind: EventKind; retentionDays: number }
    selectedSessionId?: string | null
    erasureDate: string | Date | null
  }
  /** The dates still open. */
  sessions: RegistrableSession[]
  state?: FormState | null
  /**
   * `family`: a signed-in staff member registers a family on its behalf (POST /events/:slug/family): the family's
   * phone is required, the staff member confirms the family's consent, no honeypot.
   */
  variant?: 'public' | 'family'
}

/** How many seats a registration takes: one unless the family says more. */
export function SeatsField({ max, hint, state }: { max: number; hint?: string; state?: FormState | null }) {
  const { t } = useT()
  return (
    <NumberField
      name="seats"
      min={1}
      max={max}
      label={t('events.register.seats')}
      hint={hint}
      required
      defaultValue={1}
      state={state}
    />
  )
}

/** The child's age group, asked at an open day (optional). */
export function AgeGroupField({ hint, state }: { hint?: string; state?: FormState | null }) {
  const { t, enumOptions } = useT()
  return (
    <SelectField
      name="ageGroup"
      label={t('events.register.ageGroup')}
      hint={hint}
      placeholder={t('events.register.ageGroupNone')}
      options={enumOptions(AGE_GROUPS, 'events.ageGroup')}
      state={state}
    />
  )
}

/** The registration form: plain HTML that works without JavaScript, posting to /events/:slug/register. */
export function RegistrationForm({ page, sessions, state, variant = 'public' }: Props) {
  const family = variant === 'family'
  const { slug, kind, retentionDays } = page.event
  const { selectedSessionId, erasureDate } = page
  const { t, date } = useT()
  const when = useSessionWhen()
  const chosen =
    sentText(state, 'sessionId') ?? selectedSessionId ?? (sessions.length === 1 ? sessions[0].id : undefined)
  const maxSeats = Math.max(1, ...sessions.map((s) => s.maxSeatsPerRegistration))
  const sessionErrors = state?.fieldErrors?.sessionId
  const consentErrors = state?.fieldErrors?.consent
  return (
    <Form
      method="post"
      action={family ? `/events/${slug}/family` : `/events/${slug}/register`}
      className="form panel registration-form"
      noValidate
      aria-labelledby="register-title"
    >
      <h2 id="register-title">{t(family ? 'events.family.title' : 'events.register.title')}</h2>
      <p className="muted">{t(family ? 'events.family.intro' : 'events.register.intro')}</p>
      <ErrorSummary state={state} />
      <fieldset
        className={`session-picker${sessionErrors?.length ? ' field-invalid' : ''}`}
        aria-describedby={sessionErrors?.length ? 'f-sessionId-error' : undefined}
      >
        <legend>{t('events.register.session')}</legend>
        {sessions.map((s) => (
          <label key={s.id} className="session-option">
            <input type="radio" name="sessionId" value={s.id} defaultChecked={chosen === s.id} required />
            <span>
              <span className="session-option-when">{when(s.startsAt, s.endsAt)}</span>
              <SeatsBadge freeSeats={s.freeSeats} capacity={s.capacity} />
            </span>
          </label>
        ))}
        <FieldErrors id="f-sessionId-error" errors={sessionErrors} />
      </fieldset>
      <FormScope state={state} schema={family ? FamilyRegistrationSchema : RegisterSchema}>
        <TextField
          name="name"
          label={t(family ? 'events.family.name' : 'events.register.name')}
          autoComplete={family ? 'off' : 'name'}
        />
        <fieldset className="contact-group" aria-describedby="contact-hint">
          <legend>{t(family ? 'events.family.contact' : 'events.register.contact')}</legend>
          <p id="contact-hint" className="field-hint">
            {t(family ? 'events.family.contactHint' : 'events.register.contactHint')}
          </p>
          <TextField
            name="phone"
            type="tel"
            inputMode="tel"
            label={<IconText icon="☎">{t('events.register.phone')}</IconText>}
            hint={t(family ? 'events.family.phoneHint' : 'events.register.phoneHint')}
            autoComplete={family ? 'off' : 'tel'}
            required={family}
            optionalMark={false}
          />
          <TextField
            name="email"
            type="email"
            label={<IconText icon="✉">{t('events.register.email')}</IconText>}
            hint={t('events.register.emailHint')}
            autoComplete={family ? 'off' : 'email'}
            optionalMark={family}
          />
        </fieldset>
        <SeatsField max={maxSeats} hint={t('events.register.seatsHint', { max: maxSeats })} />
        {kind === 'open_day' ? <AgeGroupField hint={t('events.register.ageGroupHint')} /> : null}
      </FormScope>
      {family ? null : (
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="f-website">{t('events.register.honeypot')}</label>
          <input id="f-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
      )}
      <div className={`field${consentErrors?.length ? ' field-invalid' : ''}`}>
        <p id="consent-text" className="consent-text">
          {t(family ? 'events.family.consentText' : 'events.register.consentText', {
            days: retentionDays,
            date: erasureDate ? date(erasureDate) : '—',
          })}
        </p>
        <label className="checkbox" htmlFor="f-consent">
          <input
            id="f-consent"
            type="checkbox"
            name="consent"
            required
            defaultChecked={state?.values?.consent === 'on'}
            aria-invalid={consentErrors?.length ? true : undefined}
            aria-describedby={['consent-text', consentErrors?.length ? 'f-consent-error' : null]
              .filter(Boolean)
              .join(' ')}
          />
          <span>{t(family ? 'events.family.consent' : 'events.register.consent')}</span>
        </label>
        <FieldErrors id="f-consent-error" errors={consentErrors} />
      </div>
      <FormSubmit>{t(family ? 'events.family.submit' : 'events.register.submit')}</FormSubmit>
    </Form>
  )
}

import { getEnv } from '../../env.server'
import type { SessionUser } from '../identity/session.server'
import { redirectWithFlash } from '../platform/flash.server'
import { formValues, intent, NO_INPUT } from '../platform/forms.server'
import { safeRedirectPath } from '../platform/http.server'
import { readPrivacyOverride, redactSubmission } from '../privacy/guard.server'
import { dropAction, markActionDone } from './actions.server'
import { createCalendarFeed, revokeCalendarFeed } from './calendar.server'
import { answerRetentionCheck } from './retention.server'
import {
  ActionIdSchema,
  AnswerCheckSchema,
  DropActionSchema,
  MINUTES_ACTION_ROWS_MAX,
  minutesActionRowCount,
} from './schemas'

/**
 * The buttons every list of actions carries (case plan, My actions, the home block): done, drop, answer a
 * check. Each goes back to `returnTo` (a path of this site) or to `fallback`.
 */
export function actionRowIntents(request: Request, user: SessionUser, fallback: string) {
  const back = (form: FormData) => safeRedirectPath(form.get('returnTo'), fallback)
  return {
    'action-done': intent(ActionIdSchema, async ({ actionId }, form) => {
      await markActionDone(user, actionId)
      return redirectWithFlash(request, back(form), { key: 'actions.flash.done' })
    }),
    'action-drop': intent(DropActionSchema, async ({ actionId, reason }, form) => {
      await dropAction(user, actionId, reason, { privacyOverride: readPrivacyOverride(form) })
      return redirectWithFlash(request, back(form), { key: 'actions.flash.dropped' })
    }),
    'check-answer': intent(AnswerCheckSchema, async ({ actionId, answer, note }, form) => {
      const answered = await answerRetentionCheck(
        user,
        actionId,
        { answer, note },
        {
          privacyOverride: readPrivacyOverride(form),
        },
      )
      return redirectWithFlash(request, back(form), {
        key: answered.reopened ? 'actions.flash.reopened' : 'actions.flash.answered',
      })
    }),
  }
}

/** The privacy panel's "redact" on an action form: the guarded fields it sent. */
export function redactActionForm(form: FormData, user: SessionUser) {
  return redactSubmission(
    form,
    ['text', 'reason', 'note'].filter((field) => form.has(field)),
    user,
  )
}

/** The account page's calendar buttons: a new address is answered with the page data (shown once, never stored). */
export function calendarIntents(request: Request, user: SessionUser) {
  return {
    'calendar-create': intent(NO_INPUT, async () => ({
      ok: true as const,
      calendarUrl: `${getEnv().appUrl}${await createCalendarFeed(user)}`,
    })),
    'calendar-revoke': intent(NO_INPUT, async () => {
      await revokeCalendarFeed(user)
      return redirectWithFlash(request, '/account', { key: 'actions.calendar.revoked' })
    }),
  }
}

/**
 * "One more row" on the minutes form without JavaScript: the form comes back with everything as sent and one
 * more empty action row (`actionRows`), nothing checked, nothing posted.
 */
export function oneMoreActionRow(form: FormData) {
  const values = formValues(form)
  return {
    ok: true as const,
    fieldErrors: {},
    values,
    actionRows: Math.min(MINUTES_ACTION_ROWS_MAX, minutesActionRowCount(values) + 1),
  }
}

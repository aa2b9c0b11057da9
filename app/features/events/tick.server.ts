import { signedIn, type RouteArgs, type SessionUser } from '../identity/session.server'
import { redirectWithFlash } from '../platform/flash.server'
import { intent, runIntent } from '../platform/forms.server'
import { routeParam } from '../platform/params'
import { CheckInSchema } from './schemas'

interface TickList {
  /** The intents of the tick and of its undo (TickForm's `tick.intent` and `undoIntent`). */
  intents: [tick: string, undo: string]
  /** Sets or clears the registration's mark; answers the registrant's name for the message. */
  mark: (registrationId: string, ticked: boolean) => Promise<string>
  /** The list to go back to. */
  back: (form: FormData) => string
  /** The messages after a tick and after an undo (each given the `name`). */
  flash: [tick: string, undo: string]
}

/** The action of an event's tick list page (`/events/:slug/checkin`, `/events/:slug/calls`), for the signed-in user. */
export function tickListAction(args: RouteArgs, list: (user: SessionUser, slug: string) => TickList) {
  return signedIn(args, async ({ user, request, params }) => {
    const slug = routeParam(params, 'slug')
    return runIntent(await request.formData(), tickIntents(request, list(user, slug)))
  })
}

/** The intents of a list of TickForms (present at the check-in, called on the call list): one each way. */
function tickIntents(request: Request, { intents, mark, back, flash }: TickList) {
  const tick = (ticked: boolean) =>
    intent(CheckInSchema, async ({ registrationId }, form) => {
      const name = await mark(registrationId, ticked)
      return redirectWithFlash(request, back(form), { key: ticked ? flash[0] : flash[1], params: { name } })
    })
  return { [intents[0]]: tick(true), [intents[1]]: tick(false) }
}

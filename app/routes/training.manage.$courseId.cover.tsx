import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { TrainingError } from '~/features/training/errors'
import { readImageForm, removeCoverImage, uploadCoverImage } from '~/features/training/uploads.server'
import { requireUser } from '~/features/identity/session.server'
import { flash } from '~/features/platform/flash.server'
import { invariantResponse, isUuid, notFound } from '~/features/platform/http.server'

/**
 * The course cover image: a multipart upload sets it, a plain form with `intent=remove` takes it off.
 * Both answer with a redirect back to the course editor and a message (no JavaScript needed).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const courseId = params.courseId
  if (!isUuid(courseId)) notFound()
  const back = `/training/manage/${courseId}#cover`
  const isUpload = (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')
  let done: string
  try {
    if (isUpload) {
      const { file } = await readImageForm(request)
      await uploadCoverImage(user, courseId, file)
      done = 'training.cover.added'
    } else {
      const form = await request.formData()
      invariantResponse(form.get('intent') === 'remove', 'Unknown action')
      await removeCoverImage(user, courseId)
      done = 'training.cover.removed'
    }
  } catch (error) {
    if (!(error instanceof TrainingError)) throw error
    return redirect(back, { headers: { 'Set-Cookie': await flash(request, { key: error.code, params: error.params, kind: 'error' }) } })
  }
  return redirect(back, { headers: { 'Set-Cookie': await flash(request, { key: done, kind: 'success' }) } })
}

export async function loader() {
  notFound()
}

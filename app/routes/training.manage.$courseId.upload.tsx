import type { ActionFunctionArgs } from '@remix-run/node'
import { MaxPartSizeExceededError, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'
import { TrainingError } from '~/features/training/errors'
import { MAX_IMAGE_BYTES, uploadLessonImage } from '~/features/training/uploads.server'
import { requireUser } from '~/features/identity/session.server'
import { flash } from '~/features/platform/flash.server'
import { isUuid, notFound } from '~/features/platform/http.server'

/** Image upload for a lesson (multipart); answers with a redirect back to the lesson editor and a message. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const courseId = params.courseId
  if (!isUuid(courseId)) notFound()
  const lessonId = new URL(request.url).searchParams.get('lesson')
  if (!isUuid(lessonId)) notFound()
  const back = `/training/manage/${courseId}/lessons/${lessonId}#images`
  const fail = async (error: TrainingError) =>
    redirect(back, { headers: { 'Set-Cookie': await flash(request, { key: error.code, params: error.params, kind: 'error' }) } })
  let form: FormData
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMAGE_BYTES }))
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return fail(new TrainingError('training.error.upload.size', 'image', { mb: MAX_IMAGE_BYTES / 1024 / 1024 }))
    throw error
  }
  const file = form.get('image')
  const altText = String(form.get('altText') ?? '').trim().slice(0, 300)
  try {
    await uploadLessonImage(user, courseId, lessonId, file instanceof File ? file : null, altText)
  } catch (error) {
    if (error instanceof TrainingError) return fail(error)
    throw error
  }
  return redirect(back, { headers: { 'Set-Cookie': await flash(request, { key: 'training.lessonEditor.imageAdded', kind: 'success' }) } })
}

export async function loader() {
  notFound()
}

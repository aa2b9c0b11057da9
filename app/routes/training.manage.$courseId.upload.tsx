import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { TrainingError } from '~/features/training/errors'
import { readImageForm, uploadLessonImage } from '~/features/training/uploads.server'
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
  try {
    const { form, file } = await readImageForm(request)
    const altText = String(form.get('altText') ?? '').trim().slice(0, 300)
    await uploadLessonImage(user, courseId, lessonId, file, altText)
  } catch (error) {
    if (!(error instanceof TrainingError)) throw error
    return redirect(back, { headers: { 'Set-Cookie': await flash(request, { key: error.code, params: error.params, kind: 'error' }) } })
  }
  return redirect(back, { headers: { 'Set-Cookie': await flash(request, { key: 'training.lessonEditor.imageAdded', kind: 'success' }) } })
}

export async function loader() {
  notFound()
}

import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash, redirectWithRefusal } from '~/features/platform/flash.server'
import { parseForm, readMultipartForm } from '~/features/platform/forms.server'
import { notFound } from '~/features/platform/http.server'
import { queryUuid, uuidParam } from '~/features/platform/params'
import { LessonImageSchema } from '~/features/training/schemas'
import { imageTooLarge, MAX_IMAGE_BYTES, uploadLessonImage } from '~/features/training/uploads.server'

/** Image upload for a lesson (multipart); answers with a redirect back to the lesson editor and a message. */
export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const courseId = uuidParam(params, 'courseId')
    const lessonId = queryUuid(new URL(request.url), 'lesson') ?? notFound()
    const back = `/training/manage/${courseId}/lessons/${lessonId}#images`
    try {
      const form = await readMultipartForm(request, MAX_IMAGE_BYTES, imageTooLarge)
      const image = form.get('image')
      const { altText } = parseForm(form, LessonImageSchema)
      await uploadLessonImage(user, courseId, lessonId, image instanceof File ? image : null, altText)
      return await redirectWithFlash(request, back, { key: 'training.lessonEditor.imageAdded' })
    } catch (error) {
      return redirectWithRefusal(request, back, error)
    }
  })

export async function loader() {
  notFound()
}

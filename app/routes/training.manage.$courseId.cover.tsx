import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash, redirectWithRefusal } from '~/features/platform/flash.server'
import { readMultipartForm } from '~/features/platform/forms.server'
import { invariantResponse, notFound } from '~/features/platform/http.server'
import { uuidParam } from '~/features/platform/params'
import { imageTooLarge, MAX_IMAGE_BYTES, removeCoverImage, uploadCoverImage } from '~/features/training/uploads.server'

/**
 * The course cover image: a multipart upload sets it, a plain form with `intent=remove` takes it off.
 * Both answer with a redirect back to the course editor and a message (no JavaScript needed).
 */
export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const courseId = uuidParam(params, 'courseId')
    const back = `/training/manage/${courseId}#cover`
    try {
      if ((request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
        const image = (await readMultipartForm(request, MAX_IMAGE_BYTES, imageTooLarge)).get('image')
        await uploadCoverImage(user, courseId, image instanceof File ? image : null)
        return await redirectWithFlash(request, back, { key: 'training.cover.added' })
      }
      invariantResponse((await request.formData()).get('intent') === 'remove', 'Unknown action')
      await removeCoverImage(user, courseId)
      return await redirectWithFlash(request, back, { key: 'training.cover.removed' })
    } catch (error) {
      return redirectWithRefusal(request, back, error)
    }
  })

export async function loader() {
  notFound()
}

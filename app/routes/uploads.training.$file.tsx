import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { notFound } from '~/features/platform/http.server'
import { routeParam } from '~/features/platform/params'
import { readTrainingUpload } from '~/features/training/uploads.server'

/** Lesson images: served with their sniffed type, never sniffed again by the browser, never run as a document. */
export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, params }) => {
    const file = await readTrainingUpload(user, routeParam(params, 'file'))
    if (!file) notFound()
    return new Response(file.bytes, {
      headers: {
        'Content-Type': file.contentType,
        'Content-Length': String(file.bytes.length),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Content-Disposition': 'inline',
        'Cache-Control': 'private, max-age=31536000, immutable',
      },
    })
  })

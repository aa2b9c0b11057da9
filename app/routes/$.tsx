import { notFound } from '~/features/platform/http.server'

/**
 * Any address no other route answers. A 404 thrown here, rather than a missing route, lets the root loader
 * run, so the error page keeps the visitor's language, their header and the demo-data banner.
 */
export function loader(): never {
  notFound()
}

export function action(): never {
  notFound()
}

export default function NotFound() {
  return null
}

/** Where uploaded training images are served from (see routes/uploads.training.$file.tsx). */
export const UPLOAD_URL_PREFIX = '/uploads/training/'

export function uploadSrc(fileName: string): string {
  return `${UPLOAD_URL_PREFIX}${fileName}`
}

/** The stored file name behind a served address, or null when the address is not a training upload. */
export function uploadFileName(src: string): string | null {
  if (!src.startsWith(UPLOAD_URL_PREFIX)) return null
  const name = src.slice(UPLOAD_URL_PREFIX.length)
  return /^[\w.-]+$/.test(name) && !name.includes('..') ? name : null
}

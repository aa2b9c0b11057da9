import { finding, type PiiFinding } from './types'

// Hosts whose paths name a person; an institution's own domain (mon.bg, sofia.bg) is not personal data.
const PROFILE_HOSTS =
  String.raw`(?:facebook\.com|fb\.com|fb\.me|m\.me|instagram\.com|instagr\.am|tiktok\.com|vk\.com|ok\.ru` +
  String.raw`|twitter\.com|x\.com|threads\.net|snapchat\.com|t\.me|telegram\.me|linkedin\.com\/in` +
  String.raw`|youtube\.com\/(?:@|c\/|user\/|channel\/))`
const PROFILE_URL = new RegExp(
  String.raw`(?<![\p{L}\p{N}.@-])(?:https?:\/\/)?(?:(?:www|m|mobile|web|bg-bg|bg)\.)?` +
    String.raw`${PROFILE_HOSTS}\/?[^\s<>"'“”„«»(){}\[\]]+`,
  'giu',
)
const TRAILING_PUNCTUATION = /[.,;:!?…]+$/

/** Links to a person's social-media profile. */
export function findProfileUrls(text: string): PiiFinding[] {
  const found: PiiFinding[] = []
  for (const m of text.matchAll(PROFILE_URL)) {
    const raw = m[0].replace(TRAILING_PUNCTUATION, '')
    if (!hasProfilePath(raw)) continue
    found.push(finding('url', text, m.index, m.index + raw.length))
  }
  return found
}

// Pages of the site rather than a person's profile: "/groups/…", "/watch?v=…".
const SITE_PAGES = 'groups events watch hashtag explore search share sharer help policies legal about reel p tv'
const NOT_A_PROFILE = new RegExp(String.raw`^(?:${SITE_PAGES.replaceAll(' ', '|')}|pages\/category)(?:[/?.]|$)`, 'i')

// "facebook.com/" alone points at no one in particular.
function hasProfilePath(url: string): boolean {
  const path = url.replace(/^(?:https?:\/\/)?[^/]+\//i, '')
  if (/^(?:in\/|@|c\/|user\/|channel\/)$/i.test(path) || path === '') return false
  return !NOT_A_PROFILE.test(path)
}

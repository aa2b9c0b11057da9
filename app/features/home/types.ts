import type { Locale } from '../../../db/schema/identity'

/** A text from the catalogs: a key and its parameters (rendered in the reader's language). */
export interface HomeText {
  key: string
  params?: Record<string, string | number>
}

export interface HomeItem {
  href: string
  /** A title as stored (a case, a practice) or a catalog text. */
  label: string | HomeText
  /**
   * The language of a practice's title in the label (the label itself, or its `title` parameter): the title is marked
   * with it, and tagged when it is not the page's.
   */
  lang?: Locale
  /** An instant shown as date and time (ISO). */
  at?: string
  /** A calendar day shown as a date (YYYY-MM-DD). */
  day?: string
  /** A detail line: stored text (an institution's name) or a catalog text. */
  note?: string | HomeText
}

/** One block of the home page (see blocks.server.ts). */
export interface HomeBlockData {
  id: string
  titleKey: string
  titleParams?: Record<string, string | number>
  emptyKey: string
  items: HomeItem[]
  /** Totals shown above the items, each a link (e.g. the coordinators' queues). */
  counts?: { key: string; count: number | '<5'; href: string }[]
  more?: { href: string; labelKey: string }
}

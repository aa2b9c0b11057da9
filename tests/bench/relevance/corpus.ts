/**
 * The judged corpus of the relevance benchmark (tests/bench/relevance.ts): documents written for it,
 * each annotated by hand with the topics it is about and how much (3 = what the document is about,
 * 2 = a substantial part of it, 1 = mentioned in passing). Query judgements (queries.ts) are computed
 * from these topics, never from the words an engine matches, so an engine cannot grade itself.
 */
import type { SearchDocument } from '../../../search/engine'
import { CASES } from './corpus-cases'
import { COURSES } from './corpus-courses'
import { EVENTS } from './corpus-events'
import { PRACTICES } from './corpus-practices'

export interface JudgedDocument {
  doc: SearchDocument
  /** Topic → grade 1–3; districts in the document's facet count as topics of grade 2. */
  topics: Map<string, number>
}

/** One entry as written in the corpus files: [title, summary, body, meta, topics]. */
export type Entry = [title: string, summary: string, body: string, meta: string, topics: string]

const TYPE_PREFIX = { practice: 'p', event: 'e', case: 'c', course: 'k' } as const

/**
 * meta: "districts; institution kinds; situation tags; date; popularity" (space-separated lists,
 * any part may be empty); topics: "topic3 other1" (a topic and its grade).
 */
function build(type: SearchDocument['type'], entries: Entry[]): JudgedDocument[] {
  return entries.map(([title, summary, body, meta, topics], i) => {
    const [districts = '', kinds = '', tags = '', date = '', popularity = '0'] = meta.split(';').map((s) => s.trim())
    const list = (s: string) => s.split(/\s+/).filter(Boolean)
    const id = `${TYPE_PREFIX[type]}${String(i + 1).padStart(3, '0')}`
    const graded = new Map<string, number>()
    for (const d of list(districts)) graded.set(d, 2)
    for (const t of list(topics)) {
      const m = /^(.+?)([0-3])$/.exec(t)
      if (!m) throw new Error(`corpus ${id}: topic "${t}" has no grade`)
      graded.set(m[1], Math.max(graded.get(m[1]) ?? 0, Number(m[2])))
    }
    return {
      doc: {
        type,
        id,
        visibility: type === 'case' || type === 'course' ? 'staff' : 'public',
        title,
        summary,
        body,
        url: `/bench/${id}`,
        tags: list(tags),
        districts: list(districts),
        institutionKinds: list(kinds),
        date: date ? new Date(`${date}T09:00:00Z`).toISOString() : null,
        popularity: Number(popularity) || 0,
      },
      topics: graded,
    }
  })
}

export function judgedCorpus(): JudgedDocument[] {
  return [
    ...build('practice', PRACTICES),
    ...build('event', EVENTS),
    ...build('case', CASES),
    ...build('course', COURSES),
  ]
}

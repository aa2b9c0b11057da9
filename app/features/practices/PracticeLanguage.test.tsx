import type { ReactNode } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createMemoryRouter, RouterProvider } from 'react-router-dom'
import { describe, expect, it } from 'vitest'

import type { Locale } from '../../../db/schema/identity'
import PracticePage from '../../routes/practices.$slug._index'
import { HomeBlock } from '../home/HomeBlock'
import { LocaleProvider } from '../i18n/useT'
import { plainTextToDoc } from '../richtext/document'
import { SearchHitItem } from '../search/SearchResults'
import { PracticeForm } from './PracticeForm'

/** The markup of `node` on a page in `locale`, with `data` as the route's loader data. */
function render(node: ReactNode, locale: Locale, data: unknown = null) {
  const router = createMemoryRouter([{ id: 'page', path: '/', element: node }], {
    hydrationData: { loaderData: { page: data } },
  })
  return renderToStaticMarkup(
    <LocaleProvider value={locale}>
      <RouterProvider router={router} />
    </LocaleProvider>,
  )
}

const TAG = '<span class="tag practice-language"><span aria-hidden="true">EN</span>'

const now = new Date().toISOString()
const englishPractice = {
  id: '00000000-0000-4000-8000-000000000001',
  slug: 'catch-up-mentoring',
  status: 'published',
  title: 'Catch-up mentoring with volunteer university students',
  summary: 'Volunteer students tutor children who returned after a long absence.',
  language: 'en',
  sections: {
    problem: plainTextToDoc('Children who come back fall behind quickly.'),
    actions: plainTextToDoc('Volunteers meet one or two children twice a week.'),
    results: null,
    resources: null,
  },
  sectionTexts: { problem: '', actions: '', results: '', resources: '' },
  situationTags: [],
  ageBands: [],
  educationStages: [],
  institutionKinds: [],
  districts: [],
  authorId: '',
  institutionId: '',
  sourceCaseCode: null,
  reviewComment: null,
  reviewedBy: null,
  usefulCount: 0,
  version: 1,
  submittedAt: now,
  publishedAt: now,
  archivedAt: null,
  createdAt: now,
  updatedAt: now,
}
const pageData = {
  practice: englishPractice,
  authorName: 'Иван Петров',
  institutionName: 'РУО София-град',
  caseCodes: [],
  revisions: [],
  viewer: { marked: false, canEdit: false, canMarkUseful: false, intents: [] },
}

describe('a practice written in English', () => {
  it('on a Bulgarian page: its title, summary and sections carry lang="en", and an EN tag says so', () => {
    const html = render(<PracticePage />, 'bg', pageData)
    expect(html).toContain(`<h1 lang="en">${englishPractice.title}</h1>`)
    expect(html).toContain(`<p class="lead" lang="en">${englishPractice.summary}</p>`)
    expect(html.match(/<div lang="en"><div class="rich-text">/g)).toHaveLength(2)
    // The section headings are the page's own words.
    expect(html).toContain('<h2 id="section-problem">Проблемът</h2>')
    expect(html).toContain(`${TAG}<span class="visually-hidden">Английски</span></span>`)
  })

  it('on an English page: still marked, with no tag', () => {
    const html = render(<PracticePage />, 'en', pageData)
    expect(html).toContain(`<h1 lang="en">${englishPractice.title}</h1>`)
    expect(html).not.toContain('practice-language')
    // A Bulgarian practice on an English page is marked and tagged the other way round.
    const bulgarian = render(<PracticePage />, 'en', {
      ...pageData,
      practice: { ...englishPractice, title: 'Зимни дрехи', language: 'bg' },
    })
    expect(bulgarian).toContain('<h1 lang="bg">Зимни дрехи</h1>')
    expect(bulgarian).toContain('<span aria-hidden="true">BG</span>')
  })

  it('in search results and in the library: title and snippet carry lang="en"', () => {
    const hit = {
      type: 'practice' as const,
      id: englishPractice.id,
      url: `/practices/${englishPractice.slug}`,
      title: englishPractice.title,
      titleHighlighted: 'Catch-up <mark>mentoring</mark>',
      snippet: englishPractice.summary,
      tags: [],
      districts: [],
      institutionKinds: [],
      date: null,
      popularity: 0,
    }
    const html = render(<SearchHitItem hit={hit} language="en" />, 'bg')
    expect(html).toContain('<h2 class="search-hit-title" lang="en">')
    expect(html).toContain('<p class="search-hit-snippet" lang="en">')
    expect(html).toContain(TAG)
    // A hit that is not a practice is left as it was.
    expect(render(<SearchHitItem hit={{ ...hit, type: 'case' }} />, 'bg')).not.toContain('lang=')
  })

  it('on the home page: the title inside "Practice to review: …" carries lang="en"', () => {
    const block = {
      id: 'coordinator-queue',
      titleKey: 'home.block.queue',
      emptyKey: 'home.block.queue.empty',
      items: [
        {
          href: `/practices/${englishPractice.slug}`,
          label: { key: 'home.block.queue.practice', params: { title: englishPractice.title } },
          lang: 'en' as const,
        },
      ],
    }
    const html = render(<HomeBlock block={block} />, 'bg')
    expect(html).toContain(`Практика за преглед: <span lang="en">${englishPractice.title}</span></a>`)
    expect(html).toContain(TAG)
  })
})

describe('the practice form', () => {
  const selected = (html: string) => html.match(/<option value="(\w+)" selected=""/)?.[1]

  it("offers the author's interface language for a new practice, the stored one for an edit", () => {
    expect(selected(render(<PracticeForm defaults={{}} submitLabel="Create" />, 'bg'))).toBe('bg')
    expect(selected(render(<PracticeForm defaults={{}} submitLabel="Create" />, 'en'))).toBe('en')
    expect(selected(render(<PracticeForm defaults={{ language: 'en' }} submitLabel="Save" />, 'bg'))).toBe('en')
  })

  it('keeps the language sent after a refusal', () => {
    const state = { ok: false, values: { title: 'x', language: 'en' }, fieldErrors: { title: ['errors.tooShort'] } }
    expect(selected(render(<PracticeForm defaults={{}} state={state} submitLabel="Create" />, 'bg'))).toBe('en')
  })
})

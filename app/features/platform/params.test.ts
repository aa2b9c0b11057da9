import { describe, expect, it } from 'vitest'

import { queryChoice, queryText } from './params'

const url = (query: string) => new URL(`http://localhost/events${query}`)

describe('query parameters of a list', () => {
  it('reads the words to look for, cut to the page’s limit, and nothing as the empty text', () => {
    expect(queryText(url('?q=Иван'), 'q', 100)).toBe('Иван')
    expect(queryText(url(`?q=${'a'.repeat(150)}`), 'q', 100)).toHaveLength(100)
    expect(queryText(url(''), 'q', 100)).toBe('')
  })

  it('keeps a choice only when it is one of the set', () => {
    const kinds = ['training', 'open_day'] as const
    expect(queryChoice(url('?kind=open_day'), 'kind', kinds)).toBe('open_day')
    expect(queryChoice(url('?kind=party'), 'kind', kinds)).toBeUndefined()
    expect(queryChoice(url(''), 'kind', kinds)).toBeUndefined()
  })
})

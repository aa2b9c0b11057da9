import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { forgetFragments, keptFragment, keptFragmentCount, sameData } from './fragments.server'

const reply = (text: string, editedAt: Date | null = null) => ({
  id: 'r1',
  number: 3,
  bodyHtml: `<p>${text}</p>`,
  body: { practices: ['a', 'b'] },
  editedAt,
})

describe('kept fragments', () => {
  // The store is the process's: test files that ran before in this worker (case pages) have filled it.
  beforeEach(() => forgetFragments())
  afterEach(() => {
    vi.useRealTimers()
    forgetFragments()
  })

  it('renders once per slot and input, and serves the kept markup for the same data in new objects', () => {
    const render = vi.fn((input: { bodyHtml: string }) => `<li>${input.bodyHtml}</li>`)
    expect(keptFragment('a', reply('едно'), render)).toBe('<li><p>едно</p></li>')
    expect(keptFragment('a', reply('едно'), () => 'не')).toBe('<li><p>едно</p></li>')
    expect(render).toHaveBeenCalledTimes(1)
    expect(keptFragment('b', reply('две'), render)).toBe('<li><p>две</p></li>')
    expect(keptFragmentCount()).toBe(2)
  })

  it('never serves a kept copy for changed data: the slot is rendered again and holds the new copy', () => {
    keptFragment('a', reply('преди'), (input) => input.bodyHtml)
    expect(keptFragment('a', reply('след'), (input) => input.bodyHtml)).toBe('<p>след</p>')
    const edited = new Date('2026-12-05T10:00:00Z')
    expect(keptFragment('a', reply('след', edited), () => 'редактиран')).toBe('редактиран')
    expect(keptFragment('a', reply('след', new Date(edited.getTime())), () => 'не')).toBe('редактиран')
    expect(keptFragmentCount()).toBe(1)
  })

  it('renders again after ten minutes, and after a form post dropped everything', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() })
    keptFragment('a', 1, () => 'старо')
    vi.setSystemTime(Date.now() + 9 * 60_000)
    expect(keptFragment('a', 1, () => 'ново')).toBe('старо')
    vi.setSystemTime(Date.now() + 2 * 60_000)
    expect(keptFragment('a', 1, () => 'ново')).toBe('ново')
    forgetFragments()
    expect(keptFragmentCount()).toBe(0)
    expect(keptFragment('a', 1, () => 'след')).toBe('след')
  })
})

describe('sameData', () => {
  it('compares primitives, dates, arrays and plain objects all the way down', () => {
    expect(sameData(reply('x'), reply('x'))).toBe(true)
    expect(sameData(reply('x'), reply('y'))).toBe(false)
    expect(sameData({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true)
    expect(sameData({ a: [1, { b: null }] }, { a: [1, { b: undefined }] })).toBe(false)
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false)
    expect(sameData({ a: undefined }, { b: undefined })).toBe(false)
    expect(sameData([1, 2], { 0: 1, 1: 2 })).toBe(false)
    expect(sameData([1, 2], [1, 2, 3])).toBe(false)
    expect(sameData(new Date(5), new Date(5))).toBe(true)
    expect(sameData(new Date(5), new Date(6))).toBe(false)
    expect(sameData(new Date(5), 5)).toBe(false)
    expect(sameData(null, {})).toBe(false)
    expect(sameData('1', 1)).toBe(false)
  })
})

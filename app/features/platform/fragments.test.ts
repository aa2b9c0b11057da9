import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { forgetFragments, keptFragment, keptFragmentCount } from './fragments.server'

describe('kept fragments', () => {
  // The store is the process's: test files that ran before in this worker (case pages) have filled it.
  beforeEach(() => forgetFragments())
  afterEach(() => {
    vi.useRealTimers()
    forgetFragments()
  })

  it('renders once per key and serves the kept markup after that', () => {
    const render = vi.fn(() => '<li>один</li>')
    expect(keptFragment('a', render)).toBe('<li>один</li>')
    expect(keptFragment('a', () => 'не')).toBe('<li>один</li>')
    expect(render).toHaveBeenCalledTimes(1)
    expect(keptFragment('b', () => '<li>два</li>')).toBe('<li>два</li>')
    expect(keptFragmentCount()).toBe(2)
  })

  it('renders again after ten minutes, and after a form post dropped everything', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() })
    keptFragment('a', () => 'старо')
    vi.setSystemTime(Date.now() + 9 * 60_000)
    expect(keptFragment('a', () => 'ново')).toBe('старо')
    vi.setSystemTime(Date.now() + 2 * 60_000)
    expect(keptFragment('a', () => 'ново')).toBe('ново')
    forgetFragments()
    expect(keptFragmentCount()).toBe(0)
    expect(keptFragment('a', () => 'след')).toBe('след')
  })
})

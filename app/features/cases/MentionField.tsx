import { useFetcher } from '@remix-run/react'
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'

import { useT } from '../i18n/useT'
import type { MentionSuggestion } from '../identity/mentions.server'

/**
 * Mention colleagues by picking them from an autocomplete (ARIA combobox). Rendered once JavaScript
 * runs; without it, @First Last in the text does the same (the server resolves both).
 */
export function MentionField() {
  const { t } = useT()
  const id = useId()
  const fetcher = useFetcher<{ users: MentionSuggestion[] }>()
  const [hydrated, setHydrated] = useState(false)
  const [query, setQuery] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const [picked, setPicked] = useState<MentionSuggestion[]>([])
  const inputRef = useRef<HTMLInputElement>(null)
  // The chip whose Remove button had focus is gone: the next chip's button, else the one before, else the input.
  const [focusAfterRemoval, setFocusAfterRemoval] = useState<{ userId: string | null } | null>(null)
  useEffect(() => setHydrated(true), [])
  useEffect(() => {
    if (!focusAfterRemoval) return
    const { userId } = focusAfterRemoval
    ;(userId ? document.getElementById(`${id}-remove-${userId}`) : inputRef.current)?.focus()
  }, [focusAfterRemoval, id])
  const { load } = fetcher
  useEffect(() => {
    const q = query.trim()
    if (q.length < 1) return
    const timer = setTimeout(() => load(`/cases/mentions?q=${encodeURIComponent(q)}`), 150)
    return () => clearTimeout(timer)
  }, [query, load])
  if (!hydrated) return null

  const options = (fetcher.data?.users ?? []).filter((u) => !picked.some((p) => p.id === u.id))
  const listId = `${id}-list`
  const expanded = open && query.trim().length > 0
  const remove = (user: MentionSuggestion) => {
    const at = picked.findIndex((p) => p.id === user.id)
    const neighbour = picked[at + 1] ?? picked[at - 1]
    setPicked((p) => p.filter((x) => x.id !== user.id))
    setFocusAfterRemoval({ userId: neighbour?.id ?? null })
  }
  const choose = (user: MentionSuggestion) => {
    setPicked((p) => [...p, user])
    setQuery('')
    setOpen(false)
    setActive(0)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      setOpen(true)
      setActive((a) => Math.min(a + 1, Math.max(0, options.length - 1)))
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      setActive((a) => Math.max(a - 1, 0))
    } else if (e.key === 'Enter') {
      if (expanded && options[active]) {
        e.preventDefault()
        choose(options[active])
      } else if (expanded) e.preventDefault()
    } else if (e.key === 'Escape') {
      setOpen(false)
    }
  }

  return (
    <div className="field mention-field">
      <label htmlFor={`${id}-input`}>
        {t('cases.field.mentions')} <span className="field-optional">({t('common.optional')})</span>
      </label>
      <p id={`${id}-hint`} className="field-hint">
        {t('cases.field.mentionsHint')}
      </p>
      {picked.length ? (
        <ul className="mention-chips">
          {picked.map((u) => (
            <li key={u.id} className="tag">
              <input type="hidden" name="mentions" value={u.id} />@{u.name}{' '}
              <button
                id={`${id}-remove-${u.id}`}
                type="button"
                className="link-button"
                onClick={() => remove(u)}
                aria-label={t('cases.mentions.remove', { name: u.name })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="combobox">
        <input
          ref={inputRef}
          id={`${id}-input`}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-describedby={`${id}-hint`}
          aria-activedescendant={expanded && options[active] ? `${id}-opt-${active}` : undefined}
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value)
            setOpen(true)
            setActive(0)
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
        />
        <ul
          id={listId}
          role="listbox"
          className="combobox-list"
          hidden={!expanded}
          aria-label={t('cases.field.mentions')}
        >
          {options.length === 0 && expanded ? (
            <li className="muted" role="presentation">
              {t('cases.mentions.none')}
            </li>
          ) : null}
          {options.map((u, i) => (
            <li
              key={u.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault()
                choose(u)
              }}
            >
              {u.name} <span className="muted">— {u.institutionName}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}

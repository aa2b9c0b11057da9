import type { ReactNode } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createMemoryRouter, RouterProvider } from 'react-router-dom'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import { optionalText, requiredText } from '../features/platform/fields'
import { CheckboxGroup, FormScope, NumberField, TextAreaField, TextField } from './forms'

/** The markup of `node` on a page in Bulgarian (the fields read the language from the root route). */
function render(node: ReactNode) {
  const router = createMemoryRouter([{ id: 'root', path: '/', element: node }], {
    hydrationData: { loaderData: { root: { locale: 'bg' } } },
  })
  return renderToStaticMarkup(<RouterProvider router={router} />)
}

/** The attributes of the control with the id `f-<name>` (in any order). */
function control(html: string, name: string) {
  const tag = html.match(new RegExp(`<(?:input|textarea|select)[^>]*\\bid="f-${name}"[^>]*>`))?.[0] ?? ''
  return Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]))
}

const Schema = z.object({
  title: requiredText(160),
  note: optionalText(500),
  seats: z.coerce.number().int().min(1).max(50),
  tags: z.array(z.string()).optional(),
})

describe('FormScope', () => {
  it('gives the fields the constraints of the schema and the stored values', () => {
    const html = render(
      <FormScope schema={Schema} defaults={{ title: 'Stored', seats: 3, tags: ['b'] }}>
        <TextField name="title" label="Title" />
        <TextAreaField name="note" label="Note" />
        <NumberField name="seats" label="Seats" />
        <CheckboxGroup
          name="tags"
          legend="Tags"
          options={[
            { value: 'a', label: 'A' },
            { value: 'b', label: 'B' },
          ]}
        />
      </FormScope>,
    )
    expect(control(html, 'title')).toEqual({
      name: 'title',
      required: '',
      value: 'Stored',
      id: 'f-title',
      maxLength: '160',
    })
    expect(control(html, 'note')).toEqual({ name: 'note', id: 'f-note', maxLength: '500' })
    expect(html).toContain('Note<span class="field-optional"> (по избор)</span>')
    expect(control(html, 'seats')).toMatchObject({ required: '', value: '3', type: 'number', min: '1', max: '50' })
    expect(control(html, 'tags-b')).toHaveProperty('checked')
    expect(control(html, 'tags-a')).not.toHaveProperty('checked')
  })

  it('lets a field’s own props win', () => {
    const html = render(
      <FormScope schema={Schema} defaults={{ title: 'Stored' }}>
        <TextField name="title" label="Title" maxLength={80} required={false} defaultValue="Own" />
      </FormScope>,
    )
    expect(control(html, 'title')).toEqual({ name: 'title', value: 'Own', id: 'f-title', maxLength: '80' })
  })

  it('shows the refused form as sent, with its errors, unless a field is given its own answer', () => {
    const state = { ok: false, values: { title: 'x', note: 'sent' }, fieldErrors: { title: ['errors.tooShort'] } }
    const html = render(
      <FormScope schema={Schema} state={state} defaults={{ title: 'Stored', note: 'stored' }}>
        <TextField name="title" label="Title" />
        <TextAreaField name="note" label="Note" state={null} />
      </FormScope>,
    )
    expect(control(html, 'title')).toMatchObject({
      value: 'x',
      'aria-invalid': 'true',
      'aria-describedby': 'f-title-error',
    })
    expect(html).toContain('<p id="f-title-error" class="field-error">')
    expect(html).toContain('>stored</textarea>')
  })

  it('keeps, in a scope inside another, what the inner one does not set', () => {
    const state = { ok: false, values: { title: 'sent' }, fieldErrors: {} }
    const html = render(
      <FormScope state={state}>
        <FormScope schema={Schema}>
          <TextField name="title" label="Title" />
        </FormScope>
      </FormScope>,
    )
    expect(control(html, 'title')).toEqual({
      name: 'title',
      required: '',
      value: 'sent',
      id: 'f-title',
      maxLength: '160',
    })
  })
})

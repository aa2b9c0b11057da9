import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { DataTable } from '~/components/DataTable'
import { FormSubmit, PostForm, SelectField, TextField } from '~/components/forms'
import { useT } from '~/features/i18n/useT'
import { listInstitutionsWithCounts, saveInstitution } from '~/features/identity/organisation.server'
import { InstitutionSchema } from '~/features/identity/schemas'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { districtName, districtOptions } from '~/features/platform/districts'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { INSTITUTION_KINDS } from '../../db/schema/identity'

export const meta: MetaFunction = (args) => pageTitle(args, 'admin.institutions')

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user }) => ({ rows: await listInstitutionsWithCounts(user) }))

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request }) =>
    runIntent(await request.formData(), {
      default: intent(InstitutionSchema, async ({ id, ...input }) => {
        await saveInstitution(user, input, id)
        return redirectWithFlash(request, '/admin/institutions', { key: 'common.saved' })
      }),
    }),
  )

export default function Institutions() {
  const { rows } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t, tk, locale, enumOptions } = useT()
  const kindOptions = enumOptions(INSTITUTION_KINDS, 'institution.kind')
  const districts = districtOptions(locale)
  return (
    <section>
      <h1>{t('admin.institutions')}</h1>
      <PostForm
        className="form panel narrow"
        aria-labelledby="add-institution"
        heading={<h2 id="add-institution">{t('admin.institutions.add')}</h2>}
        state={state}
        schema={InstitutionSchema}
      >
        <TextField name="name" label={t('admin.institutions.name')} />
        <SelectField name="kind" label={t('admin.institutions.kind')} options={kindOptions} />
        <SelectField
          name="districtCode"
          label={t('common.district')}
          options={districts}
          placeholder={t('common.noDistrict')}
        />
        <FormSubmit>{t('admin.institutions.add')}</FormSubmit>
      </PostForm>
      <DataTable
        caption={t('admin.institutions')}
        rows={rows}
        columns={[
          { header: t('admin.institutions.name'), cell: (r) => r.name },
          { header: t('admin.institutions.kind'), cell: (r) => tk(`institution.kind.${r.kind}`) },
          { header: t('common.district'), cell: (r) => districtName(r.districtCode, locale) || t('common.none') },
          { header: t('admin.institutions.members'), cell: (r) => r.members },
        ]}
      />
    </section>
  )
}

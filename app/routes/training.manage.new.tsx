import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { PageHeader } from '~/components/PageHeader'
import { useT } from '~/features/i18n/useT'
import { signedInWith, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { createCourse, listPrerequisiteOptions } from '~/features/training/authoring.server'
import { CourseForm } from '~/features/training/CourseForm'
import { CourseSchema } from '~/features/training/schemas'

export const meta: MetaFunction = (args) => pageTitle(args, 'training.manage.new')

export const loader = (args: RouteArgs) =>
  signedInWith(args, 'course:create', async ({ user }) => ({
    prerequisites: await listPrerequisiteOptions(user),
  }))

export const action = (args: RouteArgs) =>
  signedInWith(args, 'course:create', async ({ user, request }) => {
    return runIntent(await request.formData(), {
      default: intent(CourseSchema, async (input) => {
        const course = await createCourse(user, input)
        return redirectWithFlash(request, `/training/manage/${course.id}`, { key: 'training.editor.created' })
      }),
    })
  })

export default function NewCourse() {
  const { prerequisites } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  return (
    <section className="narrow-wide">
      <PageHeader title={t('training.manage.new')} back={{ to: '/training/manage', label: t('training.manage') }} />
      <div className="panel">
        <CourseForm state={state} prerequisites={prerequisites} submitLabel={t('training.editor.create')} />
      </div>
    </section>
  )
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { createCourse, listPrerequisiteOptions } from '~/features/training/authoring.server'
import { CourseForm } from '~/features/training/CourseForm'
import { parseFormWithLists, trainingFailure } from '~/features/training/http.server'
import { CourseSchema } from '~/features/training/schemas'
import { requirePermission } from '~/features/identity/permissions'
import { requireUser } from '~/features/identity/session.server'
import { useT } from '~/features/i18n/useT'
import { flash } from '~/features/platform/flash.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'training.manage.new')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  requirePermission(user, 'course:create')
  return { prerequisites: await listPrerequisiteOptions(user) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  requirePermission(user, 'course:create')
  const form = await request.formData()
  const parsed = parseFormWithLists(form, CourseSchema, ['audienceRoles', 'audienceKinds'])
  if (!parsed.ok) return parsed.response
  try {
    const course = await createCourse(user, parsed.data)
    return redirect(`/training/manage/${course.id}`, { headers: { 'Set-Cookie': await flash(request, { key: 'training.editor.created', kind: 'success' }) } })
  } catch (error) {
    return trainingFailure(form, error)
  }
}

export default function NewCourse() {
  const { prerequisites } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  return (
    <section className="narrow-wide">
      <p>
        <Link to="/training/manage">← {t('training.manage')}</Link>
      </p>
      <h1>{t('training.manage.new')}</h1>
      <div className="panel">
        <CourseForm state={state} prerequisites={prerequisites} submitLabel={t('training.editor.create')} />
      </div>
    </section>
  )
}

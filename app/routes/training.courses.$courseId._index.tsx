import type { MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'

import { ErrorSummary, FormScope, PostButton, SelectField, SubmitButton, TextField } from '~/components/forms'
import { BackLink } from '~/components/PageHeader'
import { routeErrorBoundary } from '~/components/RouteError'
import type { MessageKey } from '~/features/i18n/translate'
import { useT } from '~/features/i18n/useT'
import { listInstitutions, listTeams } from '~/features/identity/organisation.server'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, NO_INPUT, runIntent } from '~/features/platform/forms.server'
import { dataTitle } from '~/features/platform/meta'
import { uuidParam } from '~/features/platform/params'
import { assignCourse, listAssignments } from '~/features/training/assignments.server'
import { CourseCover } from '~/features/training/CourseCard'
import { enrol, getCourseForLearner } from '~/features/training/learning.server'
import type { LessonStatus } from '~/features/training/progress'
import { ProgressBar } from '~/features/training/ProgressBar'
import { AssignSchema } from '~/features/training/schemas'
import { INSTITUTION_KINDS, ROLES } from '../../db/schema/identity'

const LESSON_STATUS_LABELS: Record<LessonStatus, MessageKey> = {
  done: 'training.course.lessonDone',
  viewed: 'training.course.lessonViewed',
  todo: 'training.course.lessonTodo',
}

export const meta: MetaFunction<typeof loader> = (args) => dataTitle(args, args.data?.view.snapshot.title)

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, params }) => {
    const courseId = uuidParam(params, 'courseId')
    const view = await getCourseForLearner(user, courseId)
    const assign = view.abilities.assign
      ? {
          teams: await listTeams(),
          institutions: await listInstitutions(),
          history: await listAssignments(user, courseId),
        }
      : null
    return { view, assign }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const courseId = uuidParam(params, 'courseId')
    const here = `/training/courses/${courseId}`
    return runIntent(await request.formData(), {
      enrol: intent(NO_INPUT, async () => {
        await enrol(user, courseId)
        return redirectWithFlash(request, here, { key: 'training.course.enrolled' })
      }),
      assign: intent(AssignSchema, async (input) => {
        const result = await assignCourse(user, courseId, input)
        return redirectWithFlash(request, here, {
          key: 'training.assign.done',
          params: { target: result.targetName, count: result.learners },
        })
      }),
    })
  })

export default function CoursePage() {
  const { view, assign } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t, tp, tk, date } = useT()
  const { snapshot, outline, enrolment, progress, statuses, certificate, prerequisite, abilities } = view
  const lessonCount = outline.reduce((n, m) => n + m.lessons.length, 0)
  const courseId = view.course.id
  return (
    <article className="course-page">
      <BackLink to="/training" label={t('training.title')} />
      <header className="course-header">
        <CourseCover color={snapshot.coverColor} language={snapshot.language} image={snapshot.coverImage} />
        <div>
          <h1 lang={snapshot.language}>{snapshot.title}</h1>
          <p className="lead" lang={snapshot.language}>
            {snapshot.summary}
          </p>
          <p className="muted">
            {tp('training.card.modules', outline.length)} · {tp('training.card.lessons', lessonCount)} ·{' '}
            {t('training.course.duration', { minutes: snapshot.estimatedMinutes })} ·{' '}
            {t('training.card.version', { version: view.version })}
          </p>
          <p className="row">
            {abilities.edit ? (
              <Link to={`/training/manage/${courseId}`} className="button button-secondary button-small">
                {t('training.course.edit')}
              </Link>
            ) : null}
            {abilities.analytics ? (
              <Link to={`/training/manage/${courseId}/analytics`} className="button button-secondary button-small">
                {t('training.course.analytics')}
              </Link>
            ) : null}
          </p>
        </div>
      </header>

      <ErrorSummary state={state} />

      <section className="panel" aria-labelledby="audience-title">
        <h2 id="audience-title">{t('training.course.audience')}</h2>
        {snapshot.audienceRoles.length === 0 && snapshot.audienceKinds.length === 0 ? (
          <p>{t('training.course.audience.everyone')}</p>
        ) : (
          <ul className="row plain-list">
            {snapshot.audienceRoles
              .filter((r) => ROLES.includes(r))
              .map((r) => (
                <li key={r} className="tag">
                  {tk(`role.${r}`)}
                </li>
              ))}
            {snapshot.audienceKinds
              .filter((k) => INSTITUTION_KINDS.includes(k))
              .map((k) => (
                <li key={k} className="tag">
                  {tk(`institution.kind.${k}`)}
                </li>
              ))}
          </ul>
        )}
        {prerequisite ? (
          <p>
            {t('training.course.prerequisite', { title: prerequisite.title })}{' '}
            <span className={`status ${prerequisite.completed ? 'status-ok' : 'status-warn'}`}>
              {t(prerequisite.completed ? 'training.course.prerequisiteDone' : 'training.course.prerequisiteMissing')}
            </span>{' '}
            {!prerequisite.completed ? (
              <Link to={`/training/courses/${prerequisite.id}`}>{prerequisite.title}</Link>
            ) : null}
          </p>
        ) : null}
      </section>

      {enrolment ? (
        <section className="panel" aria-labelledby="my-progress">
          <h2 id="my-progress">{t('training.myLearning')}</h2>
          {view.course.archived ? <p className="muted">{t('training.course.archivedNote')}</p> : null}
          <ProgressBar percent={enrolment.completedAt ? 100 : progress.percent} />
          <p className="muted">
            {t('training.progress.lessons', { done: progress.doneLessons, total: progress.totalLessons })} ·{' '}
            {t('training.course.versionNote', { version: enrolment.versionNumber })}
            {enrolment.dueAt && !enrolment.completedAt
              ? ` · ${t('training.due', { date: date(enrolment.dueAt) })}`
              : ''}
          </p>
          {certificate ? (
            <div className="certificate-box">
              <p>
                <strong>{t('training.course.completeTitle')}</strong>
              </p>
              <p className="row">
                <Link to={`/certificates/${certificate.code}`}>{t('training.certificate.view')}</Link>
                <a href={`/certificates/${certificate.code}/pdf`}>{t('training.certificate.pdf')}</a>
              </p>
            </div>
          ) : progress.nextLessonKey ? (
            <Link className="button" to={`/training/courses/${courseId}/lessons/${progress.nextLessonKey}`}>
              {progress.doneLessons ? t('training.continue') : t('training.start')}
            </Link>
          ) : null}
        </section>
      ) : (
        <PostButton fields={{ intent: 'enrol' }} formClassName="panel" className="button">
          {t('training.course.enrol')}
        </PostButton>
      )}

      <section aria-labelledby="outline-title">
        <h2 id="outline-title">{t('training.course.outline')}</h2>
        {outline.map((m, mi) => (
          <section key={m.key} className="panel course-module" aria-labelledby={`module-${m.key}`}>
            <h3 id={`module-${m.key}`}>{t('training.editor.moduleLabel', { index: mi + 1, title: m.title })}</h3>
            <ol className="lesson-list">
              {m.lessons.map((l) => {
                const status = statuses[l.key] ?? 'todo'
                return (
                  <li key={l.key} className="lesson-item">
                    {enrolment ? (
                      <Link to={`/training/courses/${courseId}/lessons/${l.key}`}>{l.title}</Link>
                    ) : (
                      <span>{l.title}</span>
                    )}{' '}
                    <span className="muted">· {t('training.lesson.minutes', { minutes: l.estimatedMinutes })}</span>
                    {l.hasQuiz ? <span className="tag">{t('training.course.quiz')}</span> : null}
                    {enrolment ? (
                      <span className={`status ${status === 'done' ? 'status-ok' : ''}`}>
                        {t(LESSON_STATUS_LABELS[status])}
                      </span>
                    ) : null}
                  </li>
                )
              })}
            </ol>
          </section>
        ))}
      </section>

      {assign ? (
        <section className="panel" aria-labelledby="assign-title">
          <h2 id="assign-title">{t('training.assign.title')}</h2>
          <p className="muted">{t('training.assign.intro')}</p>
          <Form method="post" className="form narrow" noValidate>
            <input type="hidden" name="intent" value="assign" />
            <FormScope state={state} schema={AssignSchema}>
              <SelectField
                name="target"
                label={t('training.assign.target')}
                placeholder={t('training.assign.choose')}
                groups={[
                  {
                    label: t('training.assign.teams'),
                    options: assign.teams.map((team) => ({ value: `team:${team.id}`, label: team.name })),
                  },
                  {
                    label: t('training.assign.institutions'),
                    options: assign.institutions.map((i) => ({ value: `institution:${i.id}`, label: i.name })),
                  },
                ]}
              />
              <TextField name="dueDate" type="date" label={t('training.assign.dueDate')} />
            </FormScope>
            <div>
              <SubmitButton>{t('training.assign.submit')}</SubmitButton>
            </div>
          </Form>
          {assign.history.length ? (
            <>
              <h3>{t('training.assign.history')}</h3>
              <ul>
                {assign.history.map((a) => (
                  <li key={a.id}>
                    {t('training.assign.row', {
                      target: a.teamName ?? a.institutionName ?? '—',
                      count: a.learnerCount,
                      date: date(a.createdAt),
                    })}
                    {a.dueAt ? ` · ${t('training.due', { date: date(a.dueAt) })}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </article>
  )
}

export const ErrorBoundary = routeErrorBoundary('training')

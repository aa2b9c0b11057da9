import { redirect, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'

import { ErrorSummary, FieldErrors, PostButton, SubmitButton, TextAreaField, type FormState } from '~/components/forms'
import { PageHeader } from '~/components/PageHeader'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { flashingRedirect } from '~/features/platform/flash.server'
import { intent, NO_INPUT, runIntent } from '~/features/platform/forms.server'
import { dataTitle } from '~/features/platform/meta'
import { uuidParam } from '~/features/platform/params'
import {
  addLesson,
  addModule,
  deleteModule,
  getCourseDraft,
  listPrerequisiteOptions,
  moveLesson,
  moveModule,
  renameModule,
  updateCourse,
} from '~/features/training/authoring.server'
import { CourseCover } from '~/features/training/CourseCard'
import { CourseForm } from '~/features/training/CourseForm'
import { draftProblems, type DraftProblem } from '~/features/training/drafts.server'
import { ImageFileField } from '~/features/training/ImageFileField'
import { archiveCourse, publishCourse } from '~/features/training/publishing.server'
import { CourseSchema, IdSchema, ModuleSchema, MoveSchema, PublishSchema } from '~/features/training/schemas'
import { MAX_IMAGE_MB } from '~/features/training/uploads.server'
import type { CourseColor } from '../../db/schema/training'

export const meta: MetaFunction<typeof loader> = (args) => dataTitle(args, args.data?.course.title)

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, params }) => {
    const { course, tree, hasUnpublishedChanges, versions } = await getCourseDraft(user, uuidParam(params, 'courseId'))
    return {
      course,
      tree,
      hasUnpublishedChanges,
      problems: draftProblems(tree),
      versions,
      prerequisites: await listPrerequisiteOptions(user, course.id),
      maxImageMb: MAX_IMAGE_MB,
    }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const courseId = uuidParam(params, 'courseId')
    const here = `/training/manage/${courseId}`
    const done = flashingRedirect(request, here)
    const archived = (archive: boolean) =>
      intent(NO_INPUT, async () => {
        await archiveCourse(user, courseId, archive)
        return done(archive ? 'training.editor.archived' : 'training.editor.restored')
      })
    return runIntent(await request.formData(), {
      settings: intent(CourseSchema, async (input) => {
        await updateCourse(user, courseId, input)
        return done('common.saved')
      }),
      addModule: intent(ModuleSchema, async ({ title }) => {
        await addModule(user, courseId, title)
        return done('common.saved')
      }),
      renameModule: intent(ModuleSchema.merge(IdSchema), async ({ id, title }) => {
        await renameModule(user, courseId, id, title)
        return done('common.saved')
      }),
      deleteModule: intent(IdSchema, async ({ id }) => {
        await deleteModule(user, courseId, id)
        return done('training.editor.deleted')
      }),
      moveModule: intent(MoveSchema, async ({ id, direction }) => {
        await moveModule(user, courseId, id, direction)
        return redirect(`${here}#module-${id}`)
      }),
      addLesson: intent(ModuleSchema.extend({ moduleId: IdSchema.shape.id }), async ({ moduleId, title }) => {
        const lesson = await addLesson(user, courseId, moduleId, title)
        return redirect(`${here}/lessons/${lesson.id}`)
      }),
      moveLesson: intent(MoveSchema, async ({ id, direction }) => {
        await moveLesson(user, courseId, id, direction)
        return redirect(`${here}#lesson-${id}`)
      }),
      // A draft that cannot be published comes back with its problems (the refusal's details).
      publish: intent(PublishSchema, async ({ changeNote }) =>
        done('training.editor.published', { version: (await publishCourse(user, courseId, changeNote)).number }),
      ),
      archive: archived(true),
      restore: archived(false),
    })
  })

/** The cover image: its own multipart form (posted to the cover route), and a removal form when one is set. */
function CoverImageForms({
  courseId,
  image,
  color,
  language,
  maxImageMb,
}: {
  courseId: string
  image: string | null
  color: CourseColor
  language: string
  maxImageMb: number
}) {
  const { t } = useT()
  const action = `/training/manage/${courseId}/cover`
  return (
    <section className="panel" id="cover" aria-labelledby="cover-title">
      <h2 id="cover-title">{t('training.cover.title')}</h2>
      <p className="muted">{t('training.cover.intro')}</p>
      {image ? (
        <div className="row">
          <figure style={{ margin: 0, width: '12rem' }}>
            <CourseCover color={color} language={language} image={image} />
            <figcaption className="muted">{t('training.cover.current')}</figcaption>
          </figure>
          <PostButton
            fields={{ intent: 'remove' }}
            action={action}
            reloadDocument
            className="button button-danger button-small"
          >
            {t('training.cover.remove')}
          </PostButton>
        </div>
      ) : (
        <p>{t('training.cover.none')}</p>
      )}
      <Form method="post" action={action} encType="multipart/form-data" className="form" reloadDocument>
        <ImageFileField id="f-cover" label={t('training.cover.file')} maxImageMb={maxImageMb} />
        <div>
          <SubmitButton className="button button-secondary">
            {image ? t('training.cover.replace') : t('training.cover.upload')}
          </SubmitButton>
        </div>
      </Form>
    </section>
  )
}

const MOVES = [
  { direction: 'up', arrow: '↑', named: 'training.editor.moveUpNamed', text: 'training.editor.moveUp' },
  { direction: 'down', arrow: '↓', named: 'training.editor.moveDownNamed', text: 'training.editor.moveDown' },
] as const

/** Up and down for the `index`th of `count` modules or lessons (none up for the first, none down for the last). */
function MoveButtons({
  intent,
  item: { id, title },
  index,
  count,
}: {
  intent: string
  item: { id: string; title: string }
  index: number
  count: number
}) {
  const { t } = useT()
  return (
    <Form method="post" className="inline-form move-buttons">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      {MOVES.map((move) => (
        <button
          key={move.direction}
          type="submit"
          name="direction"
          value={move.direction}
          className="button button-secondary button-small"
          disabled={move.direction === 'up' ? index === 0 : index === count - 1}
          aria-label={t(move.named, { title })}
        >
          {`${move.arrow} `}
          <span aria-hidden="true">{t(move.text)}</span>
        </button>
      ))}
    </Form>
  )
}

/** One small form per action; each has its own ids so several can share the page. */
function InlineTitleForm({
  intent,
  idName,
  idValue,
  label,
  submit,
  inputId,
  state,
}: {
  intent: string
  idName: string
  idValue?: string
  label: string
  submit: string
  inputId: string
  state: FormState | null
}) {
  const mine = state?.values?.intent === intent && (!idValue || state.values?.[idName] === idValue) ? state : null
  const error = mine?.fieldErrors?.title
  return (
    <Form method="post" className="inline-title-form" noValidate>
      <input type="hidden" name="intent" value={intent} />
      {idValue ? <input type="hidden" name={idName} value={idValue} /> : null}
      <label htmlFor={inputId}>{label}</label>
      <div className="row">
        <input
          id={inputId}
          name="title"
          required
          maxLength={160}
          defaultValue={mine?.values?.title}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
        />
        <SubmitButton className="button button-secondary button-small">{submit}</SubmitButton>
      </div>
      <FieldErrors id={`${inputId}-error`} errors={error} />
    </Form>
  )
}

export default function CourseEditor() {
  const { course, tree, hasUnpublishedChanges, problems, versions, prerequisites, maxImageMb } =
    useLoaderData<typeof loader>()
  const state = useActionData<typeof action>() ?? null
  const { t, tk, date } = useT()
  const stateFor = (intent: string) => (state?.values?.intent === intent ? state : null)
  const publishState = stateFor('publish')
  const nextVersion = (course.currentVersion ?? 0) + 1
  const shownProblems: DraftProblem[] =
    publishState && 'problems' in publishState ? (publishState.problems as DraftProblem[]) : problems
  return (
    <section className="course-editor">
      <PageHeader
        title={t('training.editor.title', { title: course.title })}
        back={{ to: '/training/manage', label: t('training.manage') }}
      />
      <p className="row">
        {course.currentVersion === null ? (
          <span className="status">{t('training.status.draft')}</span>
        ) : course.archivedAt ? (
          <span className="status">{t('training.status.archived')}</span>
        ) : (
          <span className="status status-ok">{t('training.status.published', { version: course.currentVersion })}</span>
        )}
        {course.currentVersion !== null ? (
          <span className={`status ${hasUnpublishedChanges ? 'status-warn' : ''}`}>
            {t(hasUnpublishedChanges ? 'training.status.unpublishedChanges' : 'training.status.upToDate')}
          </span>
        ) : null}
        {course.currentVersion !== null ? (
          <>
            <Link to={`/training/courses/${course.id}`}>{t('training.editor.viewAsLearner')}</Link>
            <Link to={`/training/manage/${course.id}/analytics`}>{t('training.course.analytics')}</Link>
          </>
        ) : null}
      </p>

      {state && !stateFor('settings') && !publishState ? <ErrorSummary state={state} /> : null}

      <div className="editor-columns">
        <section aria-labelledby="outline-title" className="editor-main">
          <h2 id="outline-title">{t('training.editor.outline')}</h2>
          {tree.modules.length === 0 ? <p>{t('training.editor.outlineEmpty')}</p> : null}
          {tree.modules.map((m, mi) => (
            <section
              key={m.id}
              id={`module-${m.id}`}
              className="panel editor-module"
              aria-labelledby={`module-title-${m.id}`}
            >
              <div className="row space-between">
                <h3 id={`module-title-${m.id}`}>
                  {t('training.editor.moduleLabel', { index: mi + 1, title: m.title })}
                </h3>
                <MoveButtons intent="moveModule" item={m} index={mi} count={tree.modules.length} />
              </div>
              <ol className="editor-lessons">
                {m.lessons.map((l, li) => (
                  <li key={l.id} id={`lesson-${l.id}`} className="row space-between">
                    <span>
                      <Link to={`/training/manage/${course.id}/lessons/${l.id}`}>{l.title}</Link>
                      {l.quizPassPercent !== null ? (
                        <span className="tag">{t('training.editor.quizBadge', { count: l.questions.length })}</span>
                      ) : null}
                    </span>
                    <MoveButtons intent="moveLesson" item={l} index={li} count={m.lessons.length} />
                  </li>
                ))}
              </ol>
              <InlineTitleForm
                intent="addLesson"
                idName="moduleId"
                idValue={m.id}
                inputId={`new-lesson-${m.id}`}
                label={t('training.editor.lessonTitle')}
                submit={t('training.editor.addLesson')}
                state={state}
              />
              <details className="module-actions">
                <summary>{t('common.edit')}</summary>
                <InlineTitleForm
                  intent="renameModule"
                  idName="id"
                  idValue={m.id}
                  inputId={`rename-${m.id}`}
                  label={t('training.editor.moduleTitle')}
                  submit={t('training.editor.renameModule')}
                  state={state}
                />
                <PostButton fields={{ intent: 'deleteModule', id: m.id }} className="button button-danger button-small">
                  {t('training.editor.deleteModule')}
                  <span className="visually-hidden">: {m.title}</span>
                </PostButton>
              </details>
            </section>
          ))}
          <div className="panel">
            <InlineTitleForm
              intent="addModule"
              idName="id"
              inputId="new-module"
              label={t('training.editor.moduleTitle')}
              submit={t('training.editor.addModule')}
              state={state}
            />
          </div>
        </section>

        <aside className="editor-side" aria-labelledby="publish-title">
          <section className="panel">
            <h2 id="publish-title">{t('training.editor.publish')}</h2>
            <p className="muted">{t('training.editor.publishIntro')}</p>
            {shownProblems.length ? (
              <div className={publishState ? 'error-summary' : 'notice'} role={publishState ? 'alert' : undefined}>
                <p>{t('training.publish.blocked')}</p>
                <ul>
                  {shownProblems.map((p, i) => (
                    <li key={i}>{tk(p.key, p.params)}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            {course.currentVersion !== null && !hasUnpublishedChanges && !publishState ? (
              <p className="muted">{t('training.status.upToDate')}</p>
            ) : (
              <Form method="post" className="form" noValidate>
                <input type="hidden" name="intent" value="publish" />
                <TextAreaField
                  name="changeNote"
                  label={t('training.editor.changeNote')}
                  rows={2}
                  maxLength={500}
                  state={publishState}
                />
                <div>
                  <SubmitButton>{t('training.editor.publishSubmit', { version: nextVersion })}</SubmitButton>
                </div>
              </Form>
            )}
            <h3>{t('training.editor.versions')}</h3>
            {versions.length === 0 ? (
              <p className="muted">{t('training.editor.noVersions')}</p>
            ) : (
              <ul className="plain-list">
                {versions.map((v) => (
                  <li key={v.number}>
                    {t('training.editor.versionRow', {
                      number: v.number,
                      date: date(v.publishedAt),
                      lessons: v.lessonCount,
                    })}
                    {v.changeNote ? <span className="muted"> — {v.changeNote}</span> : null}
                  </li>
                ))}
              </ul>
            )}
            {course.currentVersion !== null ? (
              <PostButton
                fields={{ intent: course.archivedAt ? 'restore' : 'archive' }}
                className="button button-secondary button-small"
              >
                {t(course.archivedAt ? 'training.editor.restore' : 'training.editor.archive')}
              </PostButton>
            ) : null}
          </section>
        </aside>
      </div>

      <section className="panel" aria-labelledby="settings-title">
        <h2 id="settings-title">{t('training.editor.settings')}</h2>
        <CourseForm
          state={stateFor('settings')}
          defaults={course}
          prerequisites={prerequisites}
          submitLabel={t('common.save')}
        />
      </section>

      <CoverImageForms
        courseId={course.id}
        image={course.coverImage}
        color={course.coverColor}
        language={course.language}
        maxImageMb={maxImageMb}
      />
    </section>
  )
}

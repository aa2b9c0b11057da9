import { redirect, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'

import {
  CheckboxField,
  checkedValues,
  ErrorSummary,
  FieldErrors,
  FormSubmit,
  NumberField,
  PostButton,
  PostForm,
  PostLinkButton,
  SelectField,
  sentText,
  SubmitButton,
  TextAreaField,
  TextField,
  type FormState,
} from '~/components/forms'
import { RichTextView } from '~/components/RichText'
import { RichTextEditor } from '~/components/RichTextEditor'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, NO_INPUT, runIntent } from '~/features/platform/forms.server'
import { dataTitle } from '~/features/platform/meta'
import { uuidParam } from '~/features/platform/params'
import {
  deleteLesson,
  deleteQuestion,
  getLessonDraft,
  moveQuestion,
  saveQuestion,
  updateLesson,
} from '~/features/training/authoring.server'
import { ImageFileField } from '~/features/training/ImageFileField'
import { IdSchema, LessonSchema, MoveSchema, OPTION_ROWS, QuestionFormSchema } from '~/features/training/schemas'
import { listCourseImages, MAX_IMAGE_MB } from '~/features/training/uploads.server'
import { QUESTION_KINDS } from '../../db/schema/training'

export const meta: MetaFunction<typeof loader> = (args) => dataTitle(args, args.data?.lesson.title)

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, params }) => {
    const courseId = uuidParam(params, 'courseId')
    const draft = await getLessonDraft(user, courseId, uuidParam(params, 'lessonId'))
    return { ...draft, images: await listCourseImages(user, courseId), maxImageMb: MAX_IMAGE_MB }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const courseId = uuidParam(params, 'courseId')
    const lessonId = uuidParam(params, 'lessonId')
    const here = `/training/manage/${courseId}/lessons/${lessonId}`
    const saved = (anchor = '') => redirectWithFlash(request, `${here}${anchor}`, { key: 'common.saved' })
    return runIntent(await request.formData(), {
      save: intent(LessonSchema, async ({ body, ...settings }) => {
        await updateLesson(user, courseId, lessonId, settings, body)
        return saved()
      }),
      delete: intent(NO_INPUT, async () => {
        await deleteLesson(user, courseId, lessonId)
        return redirectWithFlash(request, `/training/manage/${courseId}`, { key: 'training.editor.deleted' })
      }),
      question: intent(QuestionFormSchema, async ({ questionId, ...input }) => {
        await saveQuestion(user, courseId, lessonId, input, questionId)
        return saved('#questions')
      }),
      deleteQuestion: intent(IdSchema, async ({ id }) => {
        await deleteQuestion(user, courseId, lessonId, id)
        return saved('#questions')
      }),
      moveQuestion: intent(MoveSchema, async ({ id, direction }) => {
        await moveQuestion(user, courseId, lessonId, id, direction)
        return redirect(`${here}#questions`)
      }),
    })
  })

type Question = ReturnType<typeof useLoaderData<typeof loader>>['questions'][number]

function QuestionEditor({
  question,
  state,
  index,
}: {
  question: Question | null
  state: FormState | null
  index: number
}) {
  const { t } = useT()
  const correctRows = checkedValues(
    state,
    'correct',
    question ? question.options.flatMap((o, i) => (o.correct ? [String(i)] : [])) : [],
  )
  const optionError = state?.fieldErrors?.option0 ?? state?.fieldErrors?.correct
  return (
    <PostForm
      className="form panel question-editor"
      aria-labelledby="question-form-title"
      heading={
        <h3 id="question-form-title">
          {question ? t('training.lessonEditor.editQuestion', { index }) : t('training.lessonEditor.addQuestion')}
        </h3>
      }
      intent="question"
      state={state}
      schema={QuestionFormSchema}
      defaults={question ?? undefined}
    >
      {question ? <input type="hidden" name="questionId" value={question.id} /> : null}
      <SelectField
        name="kind"
        label={t('training.lessonEditor.questionKind')}
        defaultValue={question?.kind ?? 'single'}
        options={QUESTION_KINDS.map((kind) => ({ value: kind, label: t(`training.lessonEditor.kind.${kind}`) }))}
      />
      <TextAreaField name="prompt" label={t('training.lessonEditor.prompt')} rows={2} />
      <fieldset className="field options-editor" aria-describedby={optionError ? 'options-error' : undefined}>
        <legend>{t('training.lessonEditor.optionsLegend')}</legend>
        {Array.from({ length: OPTION_ROWS }, (_, i) => {
          const option = question?.options[i]
          return (
            <div key={i} className="option-row">
              <input type="hidden" name="optionIds" value={option?.id ?? ''} />
              <label htmlFor={`option${i}`} className="visually-hidden">
                {t('training.lessonEditor.option', { index: i + 1 })}
              </label>
              <input
                id={`option${i}`}
                name={`option${i}`}
                maxLength={500}
                defaultValue={state?.values ? (sentText(state, `option${i}`) ?? '') : (option?.text ?? '')}
                placeholder={t('training.lessonEditor.option', { index: i + 1 })}
              />
              <label className="checkbox">
                <input
                  type="checkbox"
                  name="correct"
                  value={String(i)}
                  defaultChecked={correctRows.includes(String(i))}
                />
                <span>{t('training.quiz.rightOption')}</span>
                <span className="visually-hidden">: {t('training.lessonEditor.optionCorrect', { index: i + 1 })}</span>
              </label>
            </div>
          )
        })}
        <FieldErrors id="options-error" errors={optionError} />
      </fieldset>
      <TextAreaField name="explanation" label={t('training.lessonEditor.explanation')} rows={2} />
      <div className="row">
        <SubmitButton>{t('training.lessonEditor.saveQuestion')}</SubmitButton>
        {question ? <Link to="?#questions">{t('common.cancel')}</Link> : null}
      </div>
    </PostForm>
  )
}

export default function LessonEditor() {
  const { course, lesson, questions, modules, images, maxImageMb } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>() ?? null
  const [search] = useSearchParams()
  const { t } = useT()
  const stateFor = (intent: string) => (state?.values?.intent === intent ? state : null)
  const saveState = stateFor('save')
  const questionState = stateFor('question')
  const editingId = sentText(questionState, 'questionId') ?? search.get('question')
  const editing = questions.find((q) => q.id === editingId) ?? null
  const editingIndex = editing ? questions.indexOf(editing) + 1 : 0
  const quizOn = lesson.quizPassPercent !== null
  const base = `/training/manage/${course.id}`
  return (
    <section className="lesson-editor">
      <p>
        <Link to={base}>
          ← {t('training.lessonEditor.back')}: {course.title}
        </Link>
      </p>
      <h1>{t('training.lessonEditor.title', { title: lesson.title })}</h1>
      {state && !saveState && !questionState ? <ErrorSummary state={state} /> : null}

      <PostForm
        className="form panel"
        aria-label={t('training.lessonEditor.save')}
        intent="save"
        state={saveState}
        schema={LessonSchema}
        defaults={lesson}
      >
        <TextField name="title" label={t('training.editor.field.title')} />
        <SelectField
          name="moduleId"
          label={t('training.lessonEditor.module')}
          required
          options={modules.map((m) => ({ value: m.id, label: m.title }))}
        />
        <RichTextEditor
          name="body"
          label={t('training.lessonEditor.body')}
          hint={t('training.lessonEditor.bodyHint')}
          defaultDoc={lesson.body}
          rows={16}
          imagePicker={{
            images,
            label: t('training.lessonEditor.imagePick'),
            insertLabel: t('training.lessonEditor.imageInsert'),
          }}
        />
        <div className="grid grid-tight">
          <NumberField name="estimatedMinutes" label={t('training.lessonEditor.minutes')} />
          <TextField
            name="videoUrl"
            type="url"
            label={t('training.lessonEditor.video')}
            hint={t('training.lessonEditor.videoHint')}
          />
        </div>
        <fieldset className="field quiz-settings">
          <legend>{t('training.quiz.title')}</legend>
          <CheckboxField name="quizEnabled" label={t('training.lessonEditor.quizEnabled')} checked={quizOn} />
          <div className="grid grid-tight">
            <NumberField
              name="quizPassPercent"
              label={t('training.lessonEditor.passPercent')}
              defaultValue={lesson.quizPassPercent ?? 70}
            />
            <NumberField
              name="quizMaxAttempts"
              label={t('training.lessonEditor.maxAttempts')}
              hint={t('training.lessonEditor.maxAttemptsHint')}
            />
          </div>
          <CheckboxField name="quizShuffle" label={t('training.lessonEditor.shuffle')} />
        </fieldset>
        <FormSubmit>{t('training.lessonEditor.save')}</FormSubmit>
      </PostForm>

      <section className="panel" id="images" aria-labelledby="images-title">
        <h2 id="images-title">{t('training.lessonEditor.images')}</h2>
        <Form
          method="post"
          action={`${base}/upload?lesson=${lesson.id}`}
          encType="multipart/form-data"
          className="form"
          reloadDocument
        >
          <ImageFileField id="f-image" label={t('training.lessonEditor.imageFile')} maxImageMb={maxImageMb} />
          <TextField
            name="altText"
            label={t('training.lessonEditor.imageAlt')}
            hint={t('training.lessonEditor.imageAltHint')}
            maxLength={300}
            required
          />
          <FormSubmit className="button button-secondary">{t('training.lessonEditor.imageUpload')}</FormSubmit>
        </Form>
      </section>

      <section className="panel" id="questions" aria-labelledby="questions-title">
        <h2 id="questions-title">{t('training.lessonEditor.questions')}</h2>
        {!quizOn ? (
          <p className="muted">{t('training.lessonEditor.quizOff')}</p>
        ) : (
          <>
            {questions.length === 0 ? <p>{t('training.lessonEditor.noQuestions')}</p> : null}
            <ol className="question-list">
              {questions.map((q, i) => (
                <li key={q.id} className="question-summary">
                  <p>
                    <strong>{q.prompt}</strong>{' '}
                    <span className="tag">
                      {t(
                        q.kind === 'single'
                          ? 'training.lessonEditor.kind.single'
                          : 'training.lessonEditor.kind.multiple',
                      )}
                    </span>
                  </p>
                  <ul>
                    {q.options.map((o) => (
                      <li key={o.id}>
                        {o.text}{' '}
                        {o.correct ? <span className="status status-ok">{t('training.quiz.rightOption')}</span> : null}
                      </li>
                    ))}
                  </ul>
                  <div className="row">
                    <Link to={`?question=${q.id}#question-form-title`}>
                      {t('training.lessonEditor.editQuestion', { index: i + 1 })}
                    </Link>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="moveQuestion" />
                      <input type="hidden" name="id" value={q.id} />
                      <button
                        type="submit"
                        name="direction"
                        value="up"
                        className="button button-secondary button-small"
                        disabled={i === 0}
                        aria-label={t('training.editor.moveUpNamed', { title: String(i + 1) })}
                      >
                        ↑ <span aria-hidden="true">{t('training.editor.moveUp')}</span>
                      </button>{' '}
                      <button
                        type="submit"
                        name="direction"
                        value="down"
                        className="button button-secondary button-small"
                        disabled={i === questions.length - 1}
                        aria-label={t('training.editor.moveDownNamed', { title: String(i + 1) })}
                      >
                        ↓ <span aria-hidden="true">{t('training.editor.moveDown')}</span>
                      </button>
                    </Form>
                    <PostLinkButton fields={{ intent: 'deleteQuestion', id: q.id }}>
                      {t('training.lessonEditor.deleteQuestion')}
                      <span className="visually-hidden"> {i + 1}</span>
                    </PostLinkButton>
                  </div>
                </li>
              ))}
            </ol>
            <QuestionEditor key={editing?.id ?? 'new'} question={editing} index={editingIndex} state={questionState} />
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="preview-title">
        <h2 id="preview-title">{t('training.lessonEditor.preview')}</h2>
        <div lang={course.language}>
          <RichTextView doc={lesson.body} />
        </div>
      </section>

      <details className="panel danger-zone">
        <summary>{t('training.lessonEditor.delete')}</summary>
        <PostButton fields={{ intent: 'delete' }} className="button button-danger">
          {t('training.lessonEditor.delete')}: {lesson.title}
        </PostButton>
      </details>
    </section>
  )
}

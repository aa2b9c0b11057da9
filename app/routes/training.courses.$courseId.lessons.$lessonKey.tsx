import { redirect, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useParams } from '@remix-run/react'

import { ErrorSummary, PostButton } from '~/components/forms'
import { RichTextView } from '~/components/RichText'
import { routeErrorBoundary } from '~/components/RouteError'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { formAnswer, intent, NO_INPUT, runIntent } from '~/features/platform/forms.server'
import { dataTitle } from '~/features/platform/meta'
import { queryUuid, uuidParam } from '~/features/platform/params'
import { Refusal } from '~/features/platform/refusal.server'
import { completeLesson, openLesson, submitQuiz } from '~/features/training/learning.server'
import { ProgressBar } from '~/features/training/ProgressBar'
import { QuizForm, QuizReview } from '~/features/training/QuizForm'
import { QuizSchema } from '~/features/training/schemas'

export const meta: MetaFunction<typeof loader> = (args) => dataTitle(args, args.data?.lesson.title)

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const courseId = uuidParam(params, 'courseId')
    const lessonKey = uuidParam(params, 'lessonKey')
    try {
      return await openLesson(user, courseId, lessonKey, {
        attemptId: queryUuid(new URL(request.url), 'attempt') ?? null,
      })
    } catch (error) {
      if (error instanceof Refusal && error.code === 'training.error.notEnrolled') {
        throw await redirectWithFlash(request, `/training/courses/${courseId}`, {
          key: 'training.lesson.notEnrolled',
          kind: 'info',
        })
      }
      throw error
    }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const courseId = uuidParam(params, 'courseId')
    const lessonKey = uuidParam(params, 'lessonKey')
    const here = `/training/courses/${courseId}/lessons/${lessonKey}`
    return runIntent(await request.formData(), {
      complete: intent(NO_INPUT, async () => {
        const outcome = await completeLesson(user, courseId, lessonKey)
        const message =
          outcome.justCompleted && outcome.certificate
            ? { key: 'training.completed.flash', params: { code: outcome.certificate.code } }
            : { key: 'training.lesson.completed' }
        return redirectWithFlash(request, here, message)
      }),
      quiz: intent(QuizSchema, async (chosen, form) => {
        const result = await submitQuiz(user, courseId, lessonKey, chosen)
        if (!result.ok)
          return formAnswer(
            form,
            new Refusal('training.quiz.unanswered', {
              details: { unanswered: result.unanswered, answers: result.answers },
            }),
          )
        const attemptUrl = `${here}?attempt=${result.attemptId}#result`
        return result.justCompleted && result.certificate
          ? redirectWithFlash(request, attemptUrl, {
              key: 'training.completed.flash',
              params: { code: result.certificate.code },
            })
          : redirect(attemptUrl)
      }),
    })
  })

function videoHost(url: string) {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

export default function LessonPage() {
  const view = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t, tp } = useT()
  const { courseId } = useParams()
  const courseUrl = `/training/courses/${courseId}`
  const quizState = state && 'unanswered' in state ? state : null
  const info = view.quizInfo
  return (
    <article className="lesson-page">
      <p className="breadcrumbs">
        <Link to={courseUrl}>{view.courseTitle}</Link> <span aria-hidden="true">›</span> <span>{view.moduleTitle}</span>
      </p>
      <p className="muted">
        {t('training.lesson.of', { index: view.position.index, total: view.position.total })} ·{' '}
        {t('training.lesson.minutes', { minutes: view.lesson.estimatedMinutes })}
      </p>
      <h1 lang={view.language}>{view.lesson.title}</h1>
      <ProgressBar percent={view.enrolmentCompleted ? 100 : view.progress.percent} />

      <div className="rich-text lesson-body" lang={view.language}>
        <RichTextView doc={view.lesson.body} />
      </div>

      {view.lesson.videoUrl ? (
        <aside className="panel video-link" aria-labelledby="video-title">
          <h2 id="video-title">{t('training.lesson.video')}</h2>
          <p>
            <a href={view.lesson.videoUrl} rel="noopener noreferrer nofollow" target="_blank">
              {view.lesson.videoUrl}
            </a>
          </p>
          <p className="muted">{t('training.lesson.videoNote', { host: videoHost(view.lesson.videoUrl) })}</p>
        </aside>
      ) : null}

      {state && !quizState ? <ErrorSummary state={state} /> : null}

      {view.done ? (
        <p className="status status-ok">{t('training.lesson.completed')}</p>
      ) : info ? (
        <p>{t('training.lesson.completedByQuiz')}</p>
      ) : (
        <PostButton fields={{ intent: 'complete' }} className="button button-secondary">
          {t('training.lesson.markComplete')}
        </PostButton>
      )}

      {info ? (
        <section className="panel quiz-panel" aria-labelledby="quiz-title">
          <h2 id="quiz-title">{t('training.quiz.title')}</h2>
          <p>
            {t('training.quiz.rules', {
              percent: info.passPercent,
              attempts:
                info.attemptsLeft === null
                  ? t('training.quiz.unlimited')
                  : tp('training.quiz.attemptsLeft', info.attemptsLeft),
            })}{' '}
            {info.attempts ? t('training.quiz.attempts', { count: info.attempts }) : null}
          </p>
          {view.review ? <QuizReview review={view.review} passPercent={info.passPercent} /> : null}
          {info.passed && !view.review ? (
            <p className="status status-ok">{t('training.quiz.alreadyPassed', { score: info.best })}</p>
          ) : null}
          {!info.passed && info.attemptsLeft === 0 ? (
            <p className="status status-bad">{t('training.quiz.noAttemptsLeft')}</p>
          ) : null}
          {view.quiz ? (
            <div lang={view.language}>
              {view.review ? <h3>{t('training.quiz.retry')}</h3> : null}
              <QuizForm quiz={view.quiz} answers={quizState?.answers} unanswered={quizState?.unanswered} />
            </div>
          ) : null}
        </section>
      ) : null}

      <nav className="lesson-nav row" aria-label={t('training.course.outline')}>
        {view.previous ? (
          <Link to={`${courseUrl}/lessons/${view.previous.key}`} rel="prev">
            ← {t('training.lesson.previous')}: {view.previous.title}
          </Link>
        ) : null}
        <Link to={courseUrl}>{t('training.lesson.backToCourse')}</Link>
        {view.next ? (
          <Link to={`${courseUrl}/lessons/${view.next.key}`} rel="next">
            {t('training.lesson.next')}: {view.next.title} →
          </Link>
        ) : null}
      </nav>
    </article>
  )
}

export const ErrorBoundary = routeErrorBoundary('training')

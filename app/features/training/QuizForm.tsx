import { Form } from '@remix-run/react'

import { FormSubmit } from '../../components/forms'
import { useT } from '../i18n/useT'
import type { LearnerQuiz, QuizAnswers } from './quiz'

/** The quiz as a plain form: one fieldset per question, radios or checkboxes; nothing here reveals the answers. */
export function QuizForm({
  quiz,
  answers,
  unanswered,
}: {
  quiz: LearnerQuiz
  answers?: QuizAnswers
  unanswered?: string[]
}) {
  const { t, tp } = useT()
  const missing = new Set(unanswered ?? [])
  return (
    <Form method="post" className="quiz form" noValidate>
      <input type="hidden" name="intent" value="quiz" />
      {missing.size ? (
        <div className="error-summary" role="alert">
          <p>
            {t('training.quiz.unanswered')} {tp('training.quiz.unansweredCount', missing.size)}
          </p>
        </div>
      ) : null}
      {quiz.questions.map((q, index) => {
        const hintId = `q-${q.key}-hint`
        const errorId = `q-${q.key}-error`
        const isMissing = missing.has(q.key)
        return (
          <fieldset
            key={q.key}
            className={`quiz-question${isMissing ? ' field-invalid' : ''}`}
            aria-describedby={isMissing ? `${hintId} ${errorId}` : hintId}
          >
            <legend>
              <span className="muted quiz-number">
                {t('training.quiz.question', { index: index + 1, total: quiz.questions.length })}
              </span>
              <span className="quiz-prompt">{q.prompt}</span>
            </legend>
            <p id={hintId} className="field-hint">
              {t(q.kind === 'single' ? 'training.quiz.single' : 'training.quiz.multiple')}
            </p>
            {q.options.map((o) => (
              <label key={o.id} className="checkbox quiz-option">
                <input
                  type={q.kind === 'single' ? 'radio' : 'checkbox'}
                  name={`q.${q.key}`}
                  value={o.id}
                  defaultChecked={answers?.[q.key]?.includes(o.id)}
                />
                <span>{o.text}</span>
              </label>
            ))}
            {isMissing ? (
              <p id={errorId} className="field-error">
                {t('errors.choice')}
              </p>
            ) : null}
          </fieldset>
        )
      })}
      <FormSubmit>{t('training.quiz.submit')}</FormSubmit>
    </Form>
  )
}

export interface AttemptReview {
  scorePercent: number
  passed: boolean
  revealAnswers: boolean
  questions: {
    key: string
    prompt: string
    correct: boolean
    explanation: string
    options: { id: string; text: string; chosen: boolean; correct?: boolean }[]
  }[]
}

/** After submission: what was right or wrong and why; the right options only once they can no longer help to guess. */
export function QuizReview({ review, passPercent }: { review: AttemptReview; passPercent: number }) {
  const { t } = useT()
  return (
    <section className="quiz-review panel" aria-labelledby="quiz-review-title" id="result">
      <h3 id="quiz-review-title">{t('training.quiz.review')}</h3>
      <p className={`status ${review.passed ? 'status-ok' : 'status-bad'}`} role="status">
        {review.passed
          ? t('training.quiz.passed', { score: review.scorePercent })
          : t('training.quiz.failed', { score: review.scorePercent, percent: passPercent })}
      </p>
      {!review.revealAnswers ? <p className="muted">{t('training.quiz.answersHidden')}</p> : null}
      <ol className="quiz-review-list">
        {review.questions.map((q) => (
          <li key={q.key}>
            <p className="quiz-prompt">{q.prompt}</p>
            <p className={`status ${q.correct ? 'status-ok' : 'status-bad'}`}>
              {t(q.correct ? 'training.quiz.correct' : 'training.quiz.incorrect')}
            </p>
            <ul>
              {q.options.map((o) => (
                <li key={o.id}>
                  {o.text}
                  {o.chosen ? <strong> — {t('training.quiz.yourChoice')}</strong> : null}
                  {o.correct ? <span className="tag"> {t('training.quiz.rightOption')}</span> : null}
                </li>
              ))}
            </ul>
            {q.explanation && (review.revealAnswers || q.correct) ? (
              <p>
                <strong>{t('training.quiz.explanation')}:</strong> {q.explanation}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  )
}

import type { QuestionKind, SnapshotQuiz } from '../../../db/schema/training'

/** A quiz as the browser receives it before submission: no correct flags, no explanations. */
export interface LearnerQuiz {
  passPercent: number
  maxAttempts: number | null
  questions: { key: string; kind: QuestionKind; prompt: string; options: { id: string; text: string }[] }[]
}

export type QuizAnswers = Record<string, string[]>

export interface QuizGrade {
  correctCount: number
  questionCount: number
  scorePercent: number
  passed: boolean
  results: { key: string; correct: boolean }[]
}

function hashSeed(seed: string): number {
  let h = 2166136261
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619)
  return h >>> 0
}

/** mulberry32: small, fast and deterministic, so a reload shows the same order within one attempt. */
function random(seed: string) {
  let a = hashSeed(seed)
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function shuffled<T>(items: readonly T[], seed: string): T[] {
  const next = random(seed)
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/** Strips what must stay on the server and shuffles questions and options when the trainer asked for it. */
export function learnerQuiz(quiz: SnapshotQuiz, seed: string): LearnerQuiz {
  const order = quiz.shuffle ? shuffled(quiz.questions, seed) : quiz.questions
  return {
    passPercent: quiz.passPercent,
    maxAttempts: quiz.maxAttempts,
    questions: order.map((q) => ({
      key: q.key,
      kind: q.kind,
      prompt: q.prompt,
      options: (quiz.shuffle ? shuffled(q.options, `${seed}:${q.key}`) : q.options).map((o) => ({
        id: o.id,
        text: o.text,
      })),
    })),
  }
}

/** The options a learner ticked, as sent: question key → option ids (unknown ones are dropped here). */
export type ChosenOptions = Readonly<Record<string, readonly string[]>>

/** The answers to a quiz: only its questions' own options, one at most for a single-choice question. */
export function readQuizAnswers(sent: ChosenOptions, quiz: SnapshotQuiz): QuizAnswers {
  const answers: QuizAnswers = {}
  for (const q of quiz.questions) {
    const valid = new Set(q.options.map((o) => o.id))
    const chosen = [...new Set((sent[q.key] ?? []).filter((v) => valid.has(v)))]
    answers[q.key] = q.kind === 'single' ? chosen.slice(0, 1) : chosen
  }
  return answers
}

export function unansweredQuestions(quiz: SnapshotQuiz, answers: QuizAnswers): string[] {
  return quiz.questions.filter((q) => !answers[q.key]?.length).map((q) => q.key)
}

/** All-or-nothing per question: the chosen set must equal the set of correct options. */
export function gradeQuiz(quiz: SnapshotQuiz, answers: QuizAnswers): QuizGrade {
  const results = quiz.questions.map((q) => {
    const chosen = new Set(answers[q.key] ?? [])
    const correct = q.options.filter((o) => o.correct).map((o) => o.id)
    const right = chosen.size === correct.length && correct.every((id) => chosen.has(id))
    return { key: q.key, correct: right }
  })
  const correctCount = results.filter((r) => r.correct).length
  const questionCount = quiz.questions.length
  const scorePercent = questionCount === 0 ? 0 : Math.round((correctCount / questionCount) * 100)
  return {
    correctCount,
    questionCount,
    scorePercent,
    passed: questionCount > 0 && scorePercent >= quiz.passPercent,
    results,
  }
}

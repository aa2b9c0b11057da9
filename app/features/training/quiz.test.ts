import { describe, expect, it } from 'vitest'

import type { SnapshotQuiz } from '../../../db/schema/training'
import { gradeQuiz, learnerQuiz, readQuizAnswers, shuffled, unansweredQuestions } from './quiz'

const quiz: SnapshotQuiz = {
  passPercent: 50,
  maxAttempts: 2,
  shuffle: true,
  questions: [
    {
      key: 'q1',
      kind: 'single',
      prompt: 'Кога?',
      explanation: 'Защото.',
      options: [
        { id: 'a', text: 'Сега', correct: true },
        { id: 'b', text: 'После', correct: false },
      ],
    },
    {
      key: 'q2',
      kind: 'multiple',
      prompt: 'Кои?',
      explanation: '',
      options: [
        { id: 'c', text: 'Първи', correct: true },
        { id: 'd', text: 'Втори', correct: true },
        { id: 'e', text: 'Трети', correct: false },
      ],
    },
  ],
}

describe('quiz', () => {
  it('never sends correct flags or explanations to the browser', () => {
    const json = JSON.stringify(learnerQuiz(quiz, 'seed'))
    expect(json).not.toContain('correct')
    expect(json).not.toContain('Защото')
    expect(json).toContain('Сега')
  })

  it('shuffles the same way for one attempt and differently across attempts', () => {
    const items = Array.from({ length: 20 }, (_, i) => i)
    expect(shuffled(items, 'a:1')).toEqual(shuffled(items, 'a:1'))
    expect(shuffled(items, 'a:1')).not.toEqual(shuffled(items, 'a:2'))
    expect([...shuffled(items, 'a:1')].sort((x, y) => x - y)).toEqual(items)
  })

  it('grades all-or-nothing per question and applies the pass mark', () => {
    expect(gradeQuiz(quiz, { q1: ['a'], q2: ['c', 'd'] })).toMatchObject({
      correctCount: 2,
      scorePercent: 100,
      passed: true,
    })
    expect(gradeQuiz(quiz, { q1: ['a'], q2: ['c'] })).toMatchObject({ correctCount: 1, scorePercent: 50, passed: true })
    expect(gradeQuiz(quiz, { q1: ['b'], q2: ['c', 'd', 'e'] })).toMatchObject({
      correctCount: 0,
      scorePercent: 0,
      passed: false,
    })
  })

  it('reads only known options and lists unanswered questions', () => {
    const answers = readQuizAnswers({ q1: ['a', 'b'], q2: ['forged'] }, quiz)
    expect(answers).toEqual({ q1: ['a'], q2: [] })
    expect(unansweredQuestions(quiz, answers)).toEqual(['q2'])
  })
})

/** A refusal a trainer or learner can act on: an i18n key, optionally tied to a form field. */
export class TrainingError extends Error {
  constructor(
    public readonly code: string,
    public readonly field?: string,
    public readonly params?: Record<string, string | number>,
  ) {
    super(code)
  }
}

/** The follow-through indicators' shape and arithmetic (safe in browser code: the report page uses them). */

export interface ActionIndicators {
  /** Finished tasks, and how many were done by their due date (a Sofia day). */
  done: number
  doneOnTime: number
  /** Open actions past their due date, by the institution that owns them (a person's own institution). */
  overdueByInstitution: { institutionId: string; name: string; overdue: number }[]
  /**
   * Per check month, the returns to school that have a check then: still in school (answered attending or
   * irregular), left (answered "left again" at that check or an earlier one), and the rest not known yet.
   */
  retention: { months: number; returns: number; inSchool: number; left: number }[]
}

export type RetentionPoint = ActionIndicators['retention'][number]

/** Still in school as a share of the returns whose check is answered (null while none is). */
export function inSchoolShare(point: RetentionPoint): number | null {
  const known = point.inSchool + point.left
  return known ? point.inSchool / known : null
}

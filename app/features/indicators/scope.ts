/**
 * What an indicator is computed over: a period (instants, `to` exclusive) and a scope — the whole
 * project or one district. A team scope joins here when teams land (issue #12, part A): add
 * `teamId` and let each domain's aggregate filter on it the way it filters on `districtCode`.
 */
export interface IndicatorPeriod {
  from: Date
  to: Date
}

export interface IndicatorScope {
  /** null or absent: the whole project. */
  districtCode?: string | null
}

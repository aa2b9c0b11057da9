/**
 * What an indicator is computed over: a period (instants, `to` exclusive) and a scope — the whole
 * project, one district, one team, or a team in a district. Each domain's aggregate filters on both
 * the way it can (a case by its district and the teams it is assigned to, a training by its learners…).
 */
export interface IndicatorPeriod {
  from: Date
  to: Date
}

export interface IndicatorScope {
  /** null or absent: every district. */
  districtCode?: string | null
  /** null or absent: every team. */
  teamId?: string | null
}

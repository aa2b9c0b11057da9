/** The words a practice is described with: the same situations, age bands and stages as cases. */
export {
  AGE_BANDS,
  EDUCATION_STAGES,
  SITUATION_TAGS,
  type AgeBand,
  type EducationStage,
  type SituationTag,
} from '../../../db/schema/cases'
export { INSTITUTION_KINDS, type InstitutionKind } from '../../../db/schema/identity'
export {
  PRACTICE_SECTIONS,
  PRACTICE_STATUSES,
  type PracticeSection,
  type PracticeStatus,
} from '../../../db/schema/practices'

/** i18n keys for the codes (situations and stages reuse the cases catalog). */
export const labelKey = {
  tag: (code: string) => `cases.tag.${code}`,
  stage: (code: string) => `cases.stage.${code}`,
  ageBand: (code: string) => `practices.ageBand.${code}`,
  kind: (code: string) => `institution.kind.${code}`,
  status: (code: string) => `practices.status.${code}`,
  section: (code: string) => `practices.section.${code}`,
}

import { LOCALES, type Locale } from '../../../db/schema/identity'
import {
  CheckboxGroup,
  DistrictCheckboxes,
  FormSubmit,
  PostForm,
  SelectField,
  sentText,
  TextAreaField,
  TextField,
  type FormState,
} from '../../components/forms'
import { RichTextEditor } from '../../components/RichTextEditor'
import { useT } from '../i18n/useT'
import { PrivacyFindings, useLiveTexts } from '../privacy/PrivacyFindings'
import type { RichTextDoc } from '../richtext/document'
import { PracticeSchema } from './schemas'
import {
  AGE_BANDS,
  EDUCATION_STAGES,
  INSTITUTION_KINDS,
  labelKey,
  PRACTICE_SECTIONS,
  SITUATION_TAGS,
  type PracticeSection,
} from './vocabulary'

export interface PracticeFormDefaults {
  title?: string
  summary?: string
  language?: Locale
  sections?: Partial<Record<PracticeSection, RichTextDoc | null>>
  sectionTexts?: Partial<Record<PracticeSection, string>>
  situationTags?: string[]
  ageBands?: string[]
  educationStages?: string[]
  institutionKinds?: string[]
  districts?: string[]
  caseCodes?: string[]
  sourceCaseCode?: string | null
  version?: number
}

/** The codes a practice is found by, each list ticked in a group of its own. */
const FACETS = [
  { name: 'situationTags', codes: SITUATION_TAGS, labelKey: labelKey.tag },
  { name: 'ageBands', codes: AGE_BANDS, labelKey: labelKey.ageBand },
  { name: 'educationStages', codes: EDUCATION_STAGES, labelKey: labelKey.stage },
  { name: 'institutionKinds', codes: INSTITUTION_KINDS, labelKey: labelKey.kind },
] as const

/** The practice editor: works as a plain form without JavaScript; Lexical and the live privacy check with it. */
export function PracticeForm({
  defaults,
  state,
  submitLabel,
}: {
  defaults: PracticeFormDefaults
  state?: FormState | null
  submitLabel: string
}) {
  const { t, tk, enumOptions, locale } = useT()
  const { liveTexts, report } = useLiveTexts(state)
  // The redact button's answer comes back with a new nonce: the texts mount again with the redacted values.
  const redactions = state?.privacy?.nonce ?? 0
  const fieldLabels: Record<string, string> = {
    title: t('practices.field.title'),
    summary: t('practices.field.summary'),
  }
  for (const s of PRACTICE_SECTIONS) fieldLabels[s] = tk(labelKey.section(s))
  return (
    <PostForm className="form practice-form" state={state} schema={PracticeSchema} defaults={defaults}>
      <PrivacyFindings state={state} fieldLabels={fieldLabels} liveTexts={liveTexts} />
      {defaults.version !== undefined ? (
        <input type="hidden" name="version" value={sentText(state, 'version') ?? defaults.version} />
      ) : null}
      {defaults.sourceCaseCode ? <input type="hidden" name="sourceCaseCode" value={defaults.sourceCaseCode} /> : null}
      <TextField
        key={`title-${redactions}`}
        name="title"
        label={t('practices.field.title')}
        onChange={(e) => report('title')(e.currentTarget.value)}
      />
      <TextAreaField
        key={`summary-${redactions}`}
        name="summary"
        label={t('practices.field.summary')}
        hint={t('practices.field.summaryHint')}
        rows={3}
        onChange={(e) => report('summary')(e.currentTarget.value)}
      />
      <SelectField
        name="language"
        label={t('practices.field.language')}
        hint={t('practices.field.languageHint')}
        // A new practice is most likely written in the language its author reads the forum in.
        defaultValue={defaults.language ?? locale}
        options={enumOptions(LOCALES, 'practices.language')}
      />
      {PRACTICE_SECTIONS.map((section) => (
        <RichTextEditor
          key={`${section}-${redactions}`}
          name={section}
          label={tk(labelKey.section(section))}
          hint={tk(`practices.sectionHint.${section}`)}
          required={section === 'problem' || section === 'actions'}
          defaultDoc={defaults.sections?.[section] ?? null}
          defaultText={defaults.sections?.[section] ? undefined : defaults.sectionTexts?.[section]}
          onTextChange={report(section)}
        />
      ))}
      {FACETS.map((facet) => (
        <CheckboxGroup
          key={facet.name}
          name={facet.name}
          legend={tk(`practices.field.${facet.name}`)}
          options={facet.codes.map((v) => ({ value: v, label: tk(facet.labelKey(v)) }))}
        />
      ))}
      <DistrictCheckboxes name="districts" legend={t('practices.field.districts')} />
      <TextAreaField
        name="caseCodes"
        label={t('practices.field.caseCodes')}
        hint={t('practices.field.caseCodesHint')}
        rows={2}
        defaultValue={(defaults.caseCodes ?? []).join('\n')}
      />
      <FormSubmit>{submitLabel}</FormSubmit>
    </PostForm>
  )
}

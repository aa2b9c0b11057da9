import { AGE_BANDS, EDUCATION_STAGES, SITUATION_TAGS } from '../../../db/schema/cases'
import {
  CheckboxGroup,
  DistrictSelect,
  PostForm,
  SelectField,
  sentText,
  TextField,
  type FormState,
} from '../../components/forms'
import { RichTextEditor } from '../../components/RichTextEditor'
import { useT } from '../i18n/useT'
import { SubmitWithFindings, useLiveTexts } from '../privacy/PrivacyFindings'
import type { RichTextDoc } from '../richtext/document'
import { CaseSchema } from './schemas'

/** Who the case is about, beside its district: each one required choice. */
const PROFILE = [
  { name: 'ageBand', label: 'cases.field.ageBand', codes: AGE_BANDS, optionKey: (c: string) => `cases.age.${c}` },
  {
    name: 'educationStage',
    label: 'cases.field.stage',
    codes: EDUCATION_STAGES,
    optionKey: (c: string) => `cases.stage.${c}`,
  },
] as const

export interface CaseFormDefaults {
  title: string
  descriptionDoc: RichTextDoc | null
  districtCode: string | null
  ageBand: string
  educationStage: string
  tags: readonly string[]
  institutionIds: readonly string[]
}

interface CaseFormProps {
  state?: FormState | null
  defaults?: CaseFormDefaults
  institutions: { id: string; name: string }[]
  ownInstitutionId: string
  submitLabel: string
}

export function CaseForm({ state, defaults, institutions, ownInstitutionId, submitLabel }: CaseFormProps) {
  const { t, tk, enumOptions } = useT()
  const { liveTexts, report } = useLiveTexts(state, { title: sentText(state, 'title') ?? defaults?.title ?? '' })
  const redactions = state?.privacy?.nonce ?? 0
  const fieldLabels = { title: t('cases.field.title'), description: t('cases.field.description') }
  return (
    <PostForm className="form panel" state={state} schema={CaseSchema} defaults={defaults}>
      <TextField
        name="title"
        label={t('cases.field.title')}
        hint={t('cases.field.titleHint')}
        onChange={(e) => report('title')(e.currentTarget.value)}
        key={`title-${redactions}`}
      />
      <RichTextEditor
        key={`description-${redactions}`}
        name="description"
        label={t('cases.field.description')}
        hint={t('cases.field.descriptionHint')}
        defaultDoc={defaults?.descriptionDoc ?? null}
        required
        rows={10}
        onTextChange={report('description')}
      />
      <div className="grid case-form-grid">
        <DistrictSelect name="districtCode" label={t('cases.field.district')} placeholder="" />
        {PROFILE.map((choice) => (
          <SelectField
            key={choice.name}
            name={choice.name}
            label={tk(choice.label)}
            placeholder=""
            options={choice.codes.map((c) => ({ value: c, label: tk(choice.optionKey(c)) }))}
          />
        ))}
      </div>
      <CheckboxGroup
        name="tags"
        legend={t('cases.field.tags')}
        optional
        options={enumOptions(SITUATION_TAGS, 'cases.tag')}
      />
      <CheckboxGroup
        name="institutionIds"
        legend={t('cases.field.institutions')}
        hint={t('cases.field.institutionsHint')}
        optional
        scroll
        options={institutions.filter((i) => i.id !== ownInstitutionId).map((i) => ({ value: i.id, label: i.name }))}
      />
      <SubmitWithFindings state={state} fieldLabels={fieldLabels} liveTexts={liveTexts}>
        {submitLabel}
      </SubmitWithFindings>
    </PostForm>
  )
}

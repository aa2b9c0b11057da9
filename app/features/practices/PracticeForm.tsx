import { Form } from '@remix-run/react'
import { useState } from 'react'

import {
  CheckboxGroup,
  ErrorSummary,
  sentText,
  SubmitButton,
  TextAreaField,
  TextField,
  type FormState,
} from '../../components/forms'
import { RichTextEditor } from '../../components/RichTextEditor'
import { useT } from '../i18n/useT'
import { DISTRICTS } from '../platform/districts'
import { PrivacyFindings } from '../privacy/PrivacyFindings'
import type { RichTextDoc } from '../richtext/document'
import { SUMMARY_MAX, TITLE_MAX } from './schemas'
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
  const { t, tk, locale } = useT()
  const [live, setLive] = useState<Record<string, string>>({})
  const liveText = (field: string) => (text: string) => setLive((prev) => ({ ...prev, [field]: text }))
  const fieldLabels: Record<string, string> = {
    title: t('practices.field.title'),
    summary: t('practices.field.summary'),
  }
  for (const s of PRACTICE_SECTIONS) fieldLabels[s] = tk(labelKey.section(s))
  return (
    <Form method="post" className="form practice-form" noValidate>
      <ErrorSummary state={state} />
      <PrivacyFindings
        state={state}
        fieldLabels={fieldLabels}
        liveTexts={Object.keys(live).length ? live : undefined}
      />
      {defaults.version !== undefined ? (
        <input type="hidden" name="version" value={sentText(state, 'version') ?? defaults.version} />
      ) : null}
      {defaults.sourceCaseCode ? <input type="hidden" name="sourceCaseCode" value={defaults.sourceCaseCode} /> : null}
      <TextField
        name="title"
        label={t('practices.field.title')}
        required
        maxLength={TITLE_MAX}
        defaultValue={defaults.title}
        state={state}
        onChange={(e) => liveText('title')(e.currentTarget.value)}
      />
      <TextAreaField
        name="summary"
        label={t('practices.field.summary')}
        hint={t('practices.field.summaryHint')}
        required
        rows={3}
        maxLength={SUMMARY_MAX}
        defaultValue={defaults.summary}
        state={state}
        onChange={(e) => liveText('summary')(e.currentTarget.value)}
      />
      {PRACTICE_SECTIONS.map((section) => (
        <RichTextEditor
          key={section}
          name={section}
          label={tk(labelKey.section(section))}
          hint={tk(`practices.sectionHint.${section}`)}
          required={section === 'problem' || section === 'actions'}
          defaultDoc={defaults.sections?.[section] ?? null}
          defaultText={defaults.sections?.[section] ? undefined : defaults.sectionTexts?.[section]}
          state={state}
          onTextChange={liveText(section)}
        />
      ))}
      <CheckboxGroup
        name="situationTags"
        legend={t('practices.field.situationTags')}
        options={SITUATION_TAGS.map((v) => ({ value: v, label: tk(labelKey.tag(v)) }))}
        checked={defaults.situationTags ?? []}
        state={state}
      />
      <CheckboxGroup
        name="ageBands"
        legend={t('practices.field.ageBands')}
        options={AGE_BANDS.map((v) => ({ value: v, label: tk(labelKey.ageBand(v)) }))}
        checked={defaults.ageBands ?? []}
        state={state}
      />
      <CheckboxGroup
        name="educationStages"
        legend={t('practices.field.educationStages')}
        options={EDUCATION_STAGES.map((v) => ({ value: v, label: tk(labelKey.stage(v)) }))}
        checked={defaults.educationStages ?? []}
        state={state}
      />
      <CheckboxGroup
        name="institutionKinds"
        legend={t('practices.field.institutionKinds')}
        options={INSTITUTION_KINDS.map((v) => ({ value: v, label: tk(labelKey.kind(v)) }))}
        checked={defaults.institutionKinds ?? []}
        state={state}
      />
      <CheckboxGroup
        name="districts"
        legend={t('practices.field.districts')}
        options={DISTRICTS.map((d) => ({ value: d.code, label: d[locale] }))}
        checked={defaults.districts ?? []}
        state={state}
      />
      <TextAreaField
        name="caseCodes"
        label={t('practices.field.caseCodes')}
        hint={t('practices.field.caseCodesHint')}
        rows={2}
        defaultValue={(defaults.caseCodes ?? []).join('\n')}
        state={state}
      />
      <div>
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </Form>
  )
}

import { INSTITUTION_KINDS, LOCALES, ROLES } from '../../../db/schema/identity'
import { COURSE_COLORS } from '../../../db/schema/training'
import {
  CheckboxGroup,
  FieldErrors,
  FormSubmit,
  NumberField,
  PostForm,
  SelectField,
  sentText,
  TextAreaField,
  TextField,
  type FormState,
} from '../../components/forms'
import { useT } from '../i18n/useT'
import { CourseSchema } from './schemas'

export interface CourseFormDefaults {
  title: string
  summary: string
  language: string
  coverColor: string
  estimatedMinutes: number
  audienceRoles: string[]
  audienceKinds: string[]
  prerequisiteCourseId: string | null
}

/** Course details, for "New course" and the editor; works without JavaScript. */
export function CourseForm({
  state,
  defaults,
  prerequisites,
  submitLabel,
}: {
  state?: FormState | null
  defaults?: CourseFormDefaults
  prerequisites: { id: string; title: string }[]
  submitLabel: string
}) {
  const { t, tk, enumOptions } = useT()
  const color = sentText(state, 'coverColor') ?? defaults?.coverColor ?? 'blue'
  return (
    <PostForm className="form" intent="settings" state={state} schema={CourseSchema} defaults={defaults}>
      <TextField name="title" label={t('training.editor.field.title')} />
      <TextAreaField name="summary" label={t('training.editor.field.summary')} rows={3} />
      <div className="grid grid-tight">
        <SelectField
          name="language"
          label={t('training.editor.field.language')}
          defaultValue={defaults?.language ?? 'bg'}
          options={enumOptions(LOCALES, 'training.language')}
        />
        <NumberField
          name="estimatedMinutes"
          label={t('training.editor.field.minutes')}
          defaultValue={defaults?.estimatedMinutes ?? 30}
        />
      </div>
      <fieldset
        className="field color-picker"
        aria-describedby={state?.fieldErrors?.coverColor ? 'f-coverColor-error' : undefined}
      >
        <legend>{t('training.editor.field.color')}</legend>
        <div className="row">
          {COURSE_COLORS.map((c) => (
            <label key={c} className="color-choice">
              <input type="radio" name="coverColor" value={c} defaultChecked={color === c} />
              <span className={`color-swatch course-cover-${c}`} aria-hidden="true" />
              <span>{tk(`training.editor.color.${c}`)}</span>
            </label>
          ))}
        </div>
        <FieldErrors id="f-coverColor-error" errors={state?.fieldErrors?.coverColor} />
      </fieldset>
      <CheckboxGroup
        name="audienceRoles"
        legend={t('training.editor.field.roles')}
        hint={t('training.editor.field.audienceHint')}
        options={enumOptions(ROLES, 'role')}
      />
      <CheckboxGroup
        name="audienceKinds"
        legend={t('training.editor.field.kinds')}
        options={enumOptions(INSTITUTION_KINDS, 'institution.kind')}
      />
      <SelectField
        name="prerequisiteCourseId"
        label={t('training.editor.field.prerequisite')}
        placeholder={t('training.editor.field.noPrerequisite')}
        options={prerequisites.map((p) => ({ value: p.id, label: p.title }))}
      />
      <FormSubmit>{submitLabel}</FormSubmit>
    </PostForm>
  )
}

import { useT } from '../i18n/useT'

/** The file input of an image upload form, with the accepted types and size limit as its hint. */
export function ImageFileField({ id, label, maxImageMb }: { id: string; label: string; maxImageMb: number }) {
  const { t } = useT()
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="field-hint">
        {t('training.error.upload.type')} {t('training.error.upload.size', { mb: maxImageMb })}
      </p>
      <input
        id={id}
        name="image"
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        required
        aria-describedby={`${id}-hint`}
      />
    </div>
  )
}

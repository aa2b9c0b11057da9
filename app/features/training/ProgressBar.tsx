import { useT } from '../i18n/useT'

export function ProgressBar({ percent, label }: { percent: number; label?: string }) {
  const { t } = useT()
  const text = label ?? t('training.progress', { percent })
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={text}
      >
        <div className="progress-fill" style={{ width: `${Math.max(0, Math.min(100, percent))}%` }} />
      </div>
      <span className="progress-text" aria-hidden="true">
        {text}
      </span>
    </div>
  )
}

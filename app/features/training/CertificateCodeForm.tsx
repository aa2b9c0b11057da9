import { Form } from '@remix-run/react'

import { useT } from '../i18n/useT'

/** The "check a certificate" form (GET /certificates?code=…), on the lookup page and under an unknown code. */
export function CertificateCodeForm({ code, hint }: { code: string; hint?: string }) {
  const { t } = useT()
  return (
    <Form method="get" action="/certificates" className="form panel">
      <div className="field">
        <label htmlFor="f-code">{t('certificates.code')}</label>
        {hint ? (
          <p id="f-code-hint" className="field-hint">
            {hint}
          </p>
        ) : null}
        <input
          id="f-code"
          name="code"
          required
          defaultValue={code}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={hint ? 'f-code-hint' : undefined}
        />
      </div>
      <div>
        <button type="submit" className="button">
          {t('certificates.check')}
        </button>
      </div>
    </Form>
  )
}

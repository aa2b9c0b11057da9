import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { CourseColor } from '../../../db/schema/training'
import { useT } from '../i18n/useT'

/** Decorative: the language is also written out next to it. */
export function CourseCover({ color, language }: { color: CourseColor; language: string }) {
  return (
    <div className={`course-cover course-cover-${color}`} aria-hidden="true">
      <span>{language === 'en' ? 'EN' : 'БГ'}</span>
    </div>
  )
}

/** A course in a list: cover, linked title, facts and whatever the page adds (status, progress). */
export function CourseCard({ id, href, title, color, language, children }: { id: string; href: string; title: string; color: CourseColor; language: string; children?: ReactNode }) {
  const { t } = useT()
  return (
    <article className="card course-card" aria-labelledby={`course-${id}`}>
      <CourseCover color={color} language={language} />
      <div className="course-card-body">
        <h2 id={`course-${id}`} className="course-card-title" lang={language}>
          <Link to={href}>{title}</Link>
        </h2>
        <p className="muted course-card-language">{t(language === 'en' ? 'training.language.en' : 'training.language.bg')}</p>
        {children}
      </div>
    </article>
  )
}

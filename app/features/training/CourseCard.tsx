import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'

import type { CourseColor } from '../../../db/schema/training'
import { useT } from '../i18n/useT'
import { isSafeImageSrc } from '../richtext/document'

/**
 * Decorative: the title and the language are written out next to it, so the cover image has an
 * empty text description and the whole cover is hidden from screen readers. The colour stays
 * behind the image (while it loads, or if it cannot be shown).
 */
export function CourseCover({
  color,
  language,
  image,
}: {
  color: CourseColor
  language: string
  image?: string | null
}) {
  const src = isSafeImageSrc(image) ? image : null
  return (
    <div
      className={`course-cover course-cover-${color}`}
      aria-hidden="true"
      style={src ? { position: 'relative', overflow: 'hidden' } : undefined}
    >
      {src ? (
        <img
          src={src}
          alt=""
          loading="lazy"
          style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', objectFit: 'cover' }}
        />
      ) : null}
      <span
        style={
          src
            ? { position: 'relative', padding: '0 0.3rem', borderRadius: '3px', background: 'rgba(0, 0, 0, 0.65)' }
            : undefined
        }
      >
        {language === 'en' ? 'EN' : 'БГ'}
      </span>
    </div>
  )
}

/** What a course card shows of a course (a row of the catalogue, of "my learning" or of the author's list). */
export interface CourseCardCourse {
  id: string
  title: string
  coverColor: CourseColor
  coverImage?: string | null
  language: string
}

/** A course in a list: cover, linked title, facts and whatever the page adds (status, progress). */
export function CourseCard({
  course,
  href,
  children,
}: {
  course: CourseCardCourse
  href: string
  children?: ReactNode
}) {
  const { t } = useT()
  const { id, title, language } = course
  return (
    <article className="card course-card" aria-labelledby={`course-${id}`}>
      <CourseCover color={course.coverColor} language={language} image={course.coverImage} />
      <div className="course-card-body">
        <h2 id={`course-${id}`} className="course-card-title" lang={language}>
          <Link to={href}>{title}</Link>
        </h2>
        <p className="muted course-card-language">
          {t(language === 'en' ? 'training.language.en' : 'training.language.bg')}
        </p>
        {children}
      </div>
    </article>
  )
}

import { sql } from 'drizzle-orm'
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core'

import { institutions, LOCALES, teams, users, type InstitutionKind, type Locale, type Role } from './identity'
import type { RichTextDoc } from './richtext'

export const COURSE_COLORS = ['blue', 'green', 'purple', 'orange', 'teal', 'red'] as const
export type CourseColor = (typeof COURSE_COLORS)[number]

export const QUESTION_KINDS = ['single', 'multiple'] as const
export type QuestionKind = (typeof QUESTION_KINDS)[number]

export interface QuizOption {
  id: string
  text: string
  correct: boolean
}

/** What learners see: an immutable copy of the draft taken at "Publish". Keys are the draft rows' ids. */
export interface CourseSnapshot {
  title: string
  summary: string
  language: Locale
  coverColor: CourseColor
  coverImage: string | null
  estimatedMinutes: number
  audienceRoles: Role[]
  audienceKinds: InstitutionKind[]
  prerequisiteCourseId: string | null
  modules: SnapshotModule[]
}

export interface SnapshotModule {
  key: string
  title: string
  lessons: SnapshotLesson[]
}

export interface SnapshotLesson {
  key: string
  title: string
  body: RichTextDoc
  bodyText: string
  videoUrl: string | null
  estimatedMinutes: number
  quiz: SnapshotQuiz | null
}

export interface SnapshotQuiz {
  passPercent: number
  maxAttempts: number | null
  shuffle: boolean
  questions: SnapshotQuestion[]
}

export interface SnapshotQuestion {
  key: string
  kind: QuestionKind
  prompt: string
  explanation: string
  options: QuizOption[]
}

/** The draft a trainer edits. Learners never read it; they read `course_versions`. */
export const courses = pgTable(
  'courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    language: text('language', { enum: LOCALES }).notNull().default('bg'),
    coverColor: text('cover_color', { enum: COURSE_COLORS }).notNull().default('blue'),
    coverImage: text('cover_image'),
    estimatedMinutes: integer('estimated_minutes').notNull().default(30),
    audienceRoles: jsonb('audience_roles').$type<Role[]>().notNull().default([]),
    audienceKinds: jsonb('audience_kinds').$type<InstitutionKind[]>().notNull().default([]),
    prerequisiteCourseId: uuid('prerequisite_course_id').references((): AnyPgColumn => courses.id, {
      onDelete: 'set null',
    }),
    /** Bumped by every draft change; equal to publishedRevision when the draft has nothing unpublished. */
    draftRevision: integer('draft_revision').notNull().default(1),
    publishedRevision: integer('published_revision'),
    /** The version learners see (null until the first publish). */
    currentVersion: integer('current_version'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('courses_owner_idx').on(t.ownerId), index('courses_published_idx').on(t.currentVersion)],
)

export const courseModules = pgTable(
  'course_modules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
  },
  (t) => [index('course_modules_course_idx').on(t.courseId, t.position)],
)

export const lessons = pgTable(
  'lessons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    moduleId: uuid('module_id')
      .notNull()
      .references(() => courseModules.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    body: jsonb('body').$type<RichTextDoc>().notNull(),
    bodyText: text('body_text').notNull().default(''),
    videoUrl: text('video_url'),
    estimatedMinutes: integer('estimated_minutes').notNull().default(10),
    /** Null: the lesson has no quiz. */
    quizPassPercent: integer('quiz_pass_percent'),
    quizMaxAttempts: integer('quiz_max_attempts'),
    quizShuffle: boolean('quiz_shuffle').notNull().default(true),
  },
  (t) => [index('lessons_module_idx').on(t.moduleId, t.position), index('lessons_course_idx').on(t.courseId)],
)

export const quizQuestions = pgTable(
  'quiz_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lessonId: uuid('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind', { enum: QUESTION_KINDS }).notNull().default('single'),
    prompt: text('prompt').notNull(),
    explanation: text('explanation').notNull().default(''),
    options: jsonb('options').$type<QuizOption[]>().notNull(),
  },
  (t) => [index('quiz_questions_lesson_idx').on(t.lessonId, t.position)],
)

export const courseVersions = pgTable(
  'course_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    content: jsonb('content').$type<CourseSnapshot>().notNull(),
    changeNote: text('change_note').notNull().default(''),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('course_versions_number_key').on(t.courseId, t.number)],
)

export const ENROLMENT_SOURCES = ['self', 'assigned'] as const

export const enrolments = pgTable(
  'enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The published version this learner follows; moves forward on republish unless completed. */
    versionNumber: integer('version_number').notNull(),
    source: text('source', { enum: ENROLMENT_SOURCES }).notNull().default('self'),
    assignedBy: uuid('assigned_by').references(() => users.id, { onDelete: 'set null' }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** Attempts a trainer granted beyond a quiz's limit, per lesson key. */
    extraAttempts: jsonb('extra_attempts').$type<Record<string, number>>().notNull().default({}),
  },
  (t) => [
    uniqueIndex('enrolments_course_user_key').on(t.courseId, t.userId),
    index('enrolments_user_idx').on(t.userId),
  ],
)

/** Progress is keyed by the lesson's stable key, so it carries over to later versions. */
export const lessonProgress = pgTable(
  'lesson_progress',
  {
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => enrolments.id, { onDelete: 'cascade' }),
    lessonKey: uuid('lesson_key').notNull(),
    viewedAt: timestamp('viewed_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.enrolmentId, t.lessonKey] })],
)

export const quizAttempts = pgTable(
  'quiz_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => enrolments.id, { onDelete: 'cascade' }),
    lessonKey: uuid('lesson_key').notNull(),
    versionNumber: integer('version_number').notNull(),
    scorePercent: integer('score_percent').notNull(),
    correctCount: integer('correct_count').notNull(),
    questionCount: integer('question_count').notNull(),
    passed: boolean('passed').notNull(),
    /** question key → chosen option ids */
    answers: jsonb('answers').$type<Record<string, string[]>>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('quiz_attempts_enrolment_idx').on(t.enrolmentId, t.lessonKey)],
)

/** A coordinator's assignment of a course to a team or an institution (each learner gets an enrolment). */
export const courseAssignments = pgTable(
  'course_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    institutionId: uuid('institution_id').references(() => institutions.id, { onDelete: 'set null' }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    learnerCount: integer('learner_count').notNull().default(0),
    assignedBy: uuid('assigned_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('course_assignments_course_idx').on(t.courseId)],
)

/** Issued once per enrolment; name and title are copied so the certificate never changes afterwards. */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    enrolmentId: uuid('enrolment_id').references(() => enrolments.id, { onDelete: 'set null' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    versionNumber: integer('version_number').notNull(),
    learnerName: text('learner_name').notNull(),
    courseTitle: text('course_title').notNull(),
    language: text('language', { enum: LOCALES }).notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('certificates_code_key').on(t.code),
    uniqueIndex('certificates_enrolment_key')
      .on(t.enrolmentId)
      .where(sql`${t.enrolmentId} IS NOT NULL`),
    index('certificates_user_idx').on(t.userId),
  ],
)

/** Images uploaded for lessons and covers; the files live under DATA_DIR/uploads/training. */
export const trainingUploads = pgTable(
  'training_uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    altText: text('alt_text').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('training_uploads_file_key').on(t.fileName), index('training_uploads_course_idx').on(t.courseId)],
)

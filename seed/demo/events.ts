import { fromSofiaLocal, sofiaDateInput } from '../../app/features/platform/sofia-time'
import { docToPlainText, plainTextToDoc } from '../../app/features/richtext/document'
import type { Tx } from '../../db/client.server'
import { events, eventSessions, type EventAudience, type EventKind } from '../../db/schema/events'
import { enqueueSearch } from '../../search/outbox'
import { makeRegistration } from '../builders/events'
import type { SeededIdentity } from './identity'

const DAY = 24 * 3600_000

/** A Sofia date `days` from today at a wall-clock time. */
function sofiaAt(days: number, time: string): Date {
  return fromSofiaLocal(sofiaDateInput(new Date(Date.now() + days * DAY)), time)!
}

interface DemoEvent {
  slug: string
  kind: EventKind
  title: string
  description: string
  organiser: string
  createdBy: string
  districtCode: string | null
  locationAddress: string
  locationMapUrl?: string
  audience: EventAudience
  sessions: { day: number; from: string; to: string; capacity: number; maxSeats?: number }[]
}

const EVENTS: DemoEvent[] = [
  {
    slug: 'institutsii-bez-granitsi-forum',
    kind: 'forum_meeting',
    title: 'Институции без граници — среща на форума',
    description:
      'Редовна среща на форума „Институции без граници“ по Механизма за обхват.\n\nПрограма: добри практики от екипите за обхват в Люлин и Надежда; съвместна работа на училищата с ДСП/ОЗД и ДПС при продължителни неизвинени отсъствия; въпроси към РУО.\n\nСрещата е за служители на училища, детски градини, РУО, ДСП, районни администрации, полиция, медиатори и НПО.',
    organiser: 'raionLyulin',
    createdBy: 'coordinator@demo.bg',
    districtCode: 'sredets',
    locationAddress: 'Столична община, ул. „Московска“ 33, зала 1, София',
    locationMapUrl:
      'https://www.openstreetmap.org/search?query=%D1%83%D0%BB.%20%D0%9C%D0%BE%D1%81%D0%BA%D0%BE%D0%B2%D1%81%D0%BA%D0%B0%2033%20%D0%A1%D0%BE%D1%84%D0%B8%D1%8F',
    audience: 'professionals',
    sessions: [{ day: 14, from: '10:00', to: '13:00', capacity: 60, maxSeats: 2 }],
  },
  {
    slug: 'den-na-otvorenite-vrati-75-ou',
    kind: 'open_day',
    title: 'Ден на отворените врати в 75 ОУ „Тодор Каблешков“',
    description:
      'Заповядайте с детето си да разгледате класните стаи, да се запознаете с учителите в начален етап и с педагогическия съветник.\n\nЩе разкажем за целодневната организация, заниманията по интереси и подкрепата при записване — включително за деца, които са пропуснали училище.',
    organiser: 'school75',
    createdBy: 'staff@demo.bg',
    districtCode: 'lyulin',
    locationAddress: 'ж.к. Люлин 3, ул. „Тодор Каблешков“ (вход откъм двора), София',
    audience: 'public',
    sessions: [
      { day: 7, from: '10:00', to: '12:00', capacity: 30 },
      { day: 9, from: '17:00', to: '18:30', capacity: 20 },
    ],
  },
  {
    slug: 'den-na-otvorenite-vrati-141-ou',
    kind: 'open_day',
    title: 'Ден на отворените врати в 141 ОУ „Урвич“',
    description:
      'Среща с бъдещите първокласници и техните родители: кратък урок, игри в двора и разговор с класните ръководители.\n\nОбразователният медиатор на училището ще помогне с документите за записване.',
    organiser: 'school141',
    createdBy: 'teacher@demo.bg',
    districtCode: 'nadezhda',
    locationAddress: 'ж.к. Надежда 2, ул. „Урвич“, София',
    audience: 'public',
    sessions: [{ day: 11, from: '09:30', to: '11:30', capacity: 25 }],
  },
  {
    slug: 'obuchenie-parvo-poseshtenie-v-doma',
    kind: 'training',
    title: 'Обучение: първото посещение в дома на семейството',
    description:
      'Практическо обучение за екипите за обхват: как да подготвим посещението, как да говорим с родителите и какво да запишем след това.',
    organiser: 'ngo',
    createdBy: 'coordinator@demo.bg',
    districtCode: 'iskar',
    locationAddress: 'Сдружение „Мост към училището“, ж.к. Дружба 1, София',
    audience: 'professionals',
    sessions: [{ day: 18, from: '14:00', to: '17:00', capacity: 20, maxSeats: 1 }],
  },
]

const PARENTS = [
  'Мария Георгиева',
  'Иван Димитров',
  'Силвия Асенова',
  'Петя Николова',
  'Росен Колев',
  'Надя Христова',
  'Емил Йорданов',
  'Гергана Тодорова',
]

/** The forum meeting «Институции без граници», two school open days and a training, with some registrations. */
export async function seedEvents(tx: Tx, identity: SeededIdentity) {
  const created: Record<string, string> = {}
  for (const spec of EVENTS) {
    const doc = plainTextToDoc(spec.description)
    const [event] = await tx
      .insert(events)
      .values({
        slug: spec.slug,
        kind: spec.kind,
        title: spec.title,
        descriptionDoc: doc,
        descriptionText: docToPlainText(doc),
        organiserInstitutionId: identity.institutions[spec.organiser],
        districtCode: spec.districtCode,
        locationAddress: spec.locationAddress,
        locationMapUrl: spec.locationMapUrl ?? null,
        audience: spec.audience,
        status: 'published',
        createdBy: identity.users[spec.createdBy]?.id ?? null,
      })
      .returning()
    created[spec.slug] = event.id
    await enqueueSearch(tx, 'event', event.id)
    for (const [i, s] of spec.sessions.entries()) {
      const [session] = await tx
        .insert(eventSessions)
        .values({
          eventId: event.id,
          startsAt: sofiaAt(s.day, s.from),
          endsAt: sofiaAt(s.day, s.to),
          capacity: s.capacity,
          maxSeatsPerRegistration: s.maxSeats ?? 5,
        })
        .returning()
      // Some registrations already in; the evening open day is nearly full.
      const count = spec.kind === 'open_day' ? (i === 1 ? 8 : 5) : 4
      for (let n = 0; n < count; n++) {
        const name = PARENTS[(n + i * 3) % PARENTS.length]
        await makeRegistration(tx, {
          sessionId: session.id,
          name,
          email: `${spec.slug.slice(0, 12)}-${i}-${n}@example.bg`,
          seats: spec.kind === 'open_day' ? 1 + (n % 3) : 1,
          ageGroup:
            spec.kind === 'open_day' ? (['preschool', 'grade_1', 'grade_1', 'grades_2_4'] as const)[n % 4] : null,
        })
      }
    }
  }
  return created
}

import { asc, count, eq, inArray } from 'drizzle-orm'

import { db } from '../../../db/client.server'
import { events, eventSessions } from '../../../db/schema/events'
import type { SearchSource } from '../../../search/documents'
import type { SearchDocument } from '../../../search/engine'
import { translate } from '../i18n/translate'
import { listInstitutions } from '../identity/organisation.server'

type EventRow = typeof events.$inferSelect

/** Published events are public documents; drafts are not searchable (the worker drops them). */
async function toDocuments(rows: EventRow[]): Promise<SearchDocument[]> {
  const published = rows.filter((e) => e.status === 'published')
  if (published.length === 0) return []
  const [sessions, institutions] = await Promise.all([
    db
      .select()
      .from(eventSessions)
      .where(
        inArray(
          eventSessions.eventId,
          published.map((e) => e.id),
        ),
      )
      .orderBy(asc(eventSessions.startsAt)),
    listInstitutions(),
  ])
  const kindOf = new Map(institutions.map((i) => [i.id, i]))
  const now = Date.now()
  return published.map((event) => {
    const own = sessions.filter((s) => s.eventId === event.id)
    const next = own.find((s) => s.startsAt.getTime() > now) ?? own.at(-1)
    const organiser = kindOf.get(event.organiserInstitutionId)
    return {
      type: 'event',
      id: event.id,
      visibility: 'public',
      title: event.title,
      // The kind is written out ("Ден на отворените врати"), so it is found by its words; the tags facet is
      // the situation vocabulary of cases and practices, which has no event kinds.
      summary: [translate('bg', `events.kind.${event.kind}`), organiser?.name, event.locationAddress]
        .filter(Boolean)
        .join(' · '),
      body: event.descriptionText,
      url: `/events/${event.slug}`,
      tags: [],
      districts: event.districtCode ? [event.districtCode] : [],
      institutionKinds: organiser ? [organiser.kind] : [],
      date: next ? next.startsAt.toISOString() : null,
      popularity: 0,
    } satisfies SearchDocument
  })
}

export const eventSearchSource: SearchSource = {
  async load(ids) {
    if (ids.length === 0) return []
    return toDocuments(await db.select().from(events).where(inArray(events.id, ids)))
  },
  async *all(batchSize) {
    for (let offset = 0; ; offset += batchSize) {
      const rows = await db
        .select()
        .from(events)
        .where(eq(events.status, 'published'))
        .orderBy(asc(events.id))
        .limit(batchSize)
        .offset(offset)
      if (rows.length === 0) return
      yield await toDocuments(rows)
    }
  },
  async count() {
    const [row] = await db.select({ n: count() }).from(events).where(eq(events.status, 'published'))
    return row?.n ?? 0
  },
}

import { beforeAll, describe, expect, it } from 'vitest'

import { SEARCH_SOURCES } from '../../app/features/search/sources.server'
import { loader as searchPage } from '../../app/routes/search'
import { drainSearchOutbox } from '../../search/worker'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { makePractice } from '../../seed/builders/practices'
import { db } from '../support/database'
import { context, getRequest } from '../support/http'

/**
 * What a person types in Bulgarian finds what they expect, through the /search page: stress marks,
 * base and inflected forms, informal Latin, acronyms that look like English words. Each run tags its
 * practices and filters on the tag, so other tests' documents never interfere.
 */
describe('searching in Bulgarian through /search', () => {
  const tag = `bg${Date.now().toString(36)}`
  const titles: Record<string, string> = {
    mediators: 'Медиаторите в Люлин посещават семействата',
    biology: 'Часове по биология в училищния двор',
    socialWorker: 'Социалният работник идва в училището всяка сряда',
    municipality: 'Столична община плаща училищния автобус в Люлин',
    socialServices: 'Социални услуги за семействата в Люлин',
    sofia: 'Софийските училища и отсъствията',
    cop: 'Център за обществена подкрепа „Надежда“: група за родители',
    copShort: 'ЦОП и училището: общ план за връщане в клас',
  }

  beforeAll(async () => {
    const institution = await makeInstitution(db)
    const author = await makeUser(db, { institutionId: institution.id })
    const sections = (text: string) => ({ problem: text, actions: 'Екипът работи с училището.' })
    const make = (key: string, summary: string, body: string, districts: string[] = []) =>
      makePractice(db, {
        authorId: author.id,
        institutionId: institution.id,
        title: titles[key],
        summary,
        sections: sections(body),
        situationTags: [tag],
        districts,
      })
    const stressed = 'Медиа́торът познава семействата.' // with a stress mark
    await make('mediators', 'Всяка седмица медиаторът ходи по домовете.', stressed, ['lyulin'])
    await make('biology', 'Учителката води часа навън.', 'Децата обичат биологията, когато е навън.')
    await make(
      'socialWorker',
      'Работа със семействата на децата с отсъствия.',
      'Социалният работник поема връзката с ДСП.',
    )
    await make('municipality', 'Програмата на СО обхваща пет училища в района.', 'Автобусът тръгва в 7:15.', ['lyulin'])
    await make('socialServices', 'Консултации и помощ за документи.', 'Услугите са безплатни.', ['lyulin'])
    await make('sofia', 'Данни за отсъствията по райони.', 'Сравнение между районите на София.')
    await make('cop', 'Социални работници и психолог работят с родителите.', 'Групата се събира всеки вторник.')
    await make('copShort', 'Общ план на ЦОП, училището и родителите.', 'Планът има срокове.')
    await drainSearchOutbox(SEARCH_SOURCES, { maxBatches: 50 })
  })

  const hits = async (q: string) => {
    const url = `/search?q=${encodeURIComponent(q)}&tag=${tag}`
    const data = (await searchPage({ request: getRequest(url), params: {}, context })) as {
      result: { hits: { title: string }[] } | null
    }
    return (data.result?.hits ?? []).map((h) => h.title)
  }

  it('finds медиа́тор typed with a stress mark, in every form of the word', async () => {
    expect(await hits('медиа́тор')).toEqual([titles.mediators])
    expect(await hits('медиаторът')).toEqual([titles.mediators])
  })

  it('finds биология from биологията and биологията from биология (and from Latin)', async () => {
    expect(await hits('биологията')).toEqual([titles.biology])
    expect(await hits('биология')).toEqual([titles.biology])
    expect(await hits('biologiq')).toEqual([titles.biology])
  })

  it('finds "socialen rabotnik" typed in informal Latin', async () => {
    expect((await hits('socialen rabotnik'))[0]).toBe(titles.socialWorker)
  })

  it('reads СО as Sofia Municipality: not a prefix of социални or София, not an English stop word', async () => {
    const found = await hits('СО Люлин')
    expect(found[0]).toBe(titles.municipality)
    expect(found).not.toContain(titles.socialServices)
    expect(found).not.toContain(titles.sofia)
  })

  it('finds ЦОП and the spelled-out Център за обществена подкрепа both ways', async () => {
    expect((await hits('ЦОП')).sort()).toEqual([titles.cop, titles.copShort].sort())
    expect((await hits('център за обществена подкрепа')).sort()).toEqual([titles.cop, titles.copShort].sort())
  })
})

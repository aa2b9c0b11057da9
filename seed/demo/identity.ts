import { DEMO_PASSWORD } from '../../app/features/identity/demo'
import type { DbOrTx } from '../../db/client.server'
import type { InstitutionKind, Position, Role } from '../../db/schema/identity'
import { makeInstitution, makeTeam, makeUser } from '../builders/identity'

const INSTITUTIONS: { key: string; name: string; kind: InstitutionKind; districtCode: string | null }[] = [
  { key: 'ruo', name: 'РУО – София-град', kind: 'regional_education_office', districtCode: null },
  { key: 'school119', name: '119 СУ „Академик Михаил Арнаудов“', kind: 'school', districtCode: 'mladost' },
  { key: 'school75', name: '75 ОУ „Тодор Каблешков“', kind: 'school', districtCode: 'lyulin' },
  { key: 'school141', name: '141 ОУ „Урвич“', kind: 'school', districtCode: 'nadezhda' },
  { key: 'dg45', name: 'ДГ № 45 „Слънце“', kind: 'kindergarten', districtCode: 'lyulin' },
  {
    key: 'dspLyulin',
    name: 'ДСП „Люлин“ – Отдел „Закрила на детето“',
    kind: 'child_protection',
    districtCode: 'lyulin',
  },
  {
    key: 'dspNadezhda',
    name: 'ДСП „Надежда“ – Отдел „Закрила на детето“',
    kind: 'child_protection',
    districtCode: 'nadezhda',
  },
  {
    key: 'dspMladost',
    name: 'Дирекция „Социално подпомагане“ – Младост',
    kind: 'social_assistance',
    districtCode: 'mladost',
  },
  {
    key: 'directorate',
    name: 'Столична община – Дирекция „Образование“',
    kind: 'education_directorate',
    districtCode: null,
  },
  { key: 'copLyulin', name: 'ЦОП „Люлин“', kind: 'community_support_centre', districtCode: 'lyulin' },
  { key: 'mkbppmnNadezhda', name: 'МКБППМН – район „Надежда“', kind: 'juvenile_commission', districtCode: 'nadezhda' },
  {
    key: 'rcpppo',
    name: 'РЦПППО – София-град',
    kind: 'inclusive_education_centre',
    districtCode: null,
  },
  {
    key: 'cplr',
    name: 'ЦПЛР – Детски комплекс „Надежда“',
    kind: 'personal_development_centre',
    districtCode: 'nadezhda',
  },
  { key: 'privateSchool', name: 'Частно основно училище „Знание“', kind: 'private_school', districtCode: 'lozenets' },
  { key: 'foreignSchool', name: 'Британско училище в София', kind: 'foreign_school', districtCode: 'vitosha' },
  {
    key: 'raionLyulin',
    name: 'Район „Люлин“ – Столична община',
    kind: 'district_administration',
    districtCode: 'lyulin',
  },
  {
    key: 'raionNadezhda',
    name: 'Район „Надежда“ – Столична община',
    kind: 'district_administration',
    districtCode: 'nadezhda',
  },
  { key: 'police', name: '03 РУ – СДВР, Детска педагогическа стая', kind: 'police', districtCode: 'vazrazhdane' },
  { key: 'mediators', name: 'Здравни медиатори – Столична община', kind: 'municipality', districtCode: null },
  { key: 'ngo', name: 'Сдружение „Мост към училището“', kind: 'ngo', districtCode: 'iskar' },
]

const PEOPLE: {
  email: string
  name: string
  role: Role
  institution: string
  team?: 'lyulin' | 'nadezhda'
  positionKind: Position
  position: string
  locale?: 'bg' | 'en'
}[] = [
  {
    email: 'admin@demo.bg',
    name: 'Десислава Маринова',
    role: 'admin',
    institution: 'ruo',
    positionKind: 'education_expert',
    position: 'Администратор на платформата',
  },
  {
    email: 'coordinator@demo.bg',
    name: 'Радослав Христов',
    role: 'coordinator',
    institution: 'raionLyulin',
    team: 'lyulin',
    positionKind: 'coordinator',
    position: 'Координатор на Механизма за обхват',
  },
  {
    email: 'trainer@demo.bg',
    name: 'Мирела Стоянова',
    role: 'trainer',
    institution: 'ngo',
    positionKind: 'trainer',
    position: 'Обучител, теренна работа',
  },
  {
    email: 'staff@demo.bg',
    name: 'Елена Петкова',
    role: 'staff',
    institution: 'school75',
    team: 'lyulin',
    positionKind: 'pedagogical_adviser',
    position: '',
  },
  {
    email: 'social.worker@demo.bg',
    name: 'Николай Димитров',
    role: 'staff',
    institution: 'dspLyulin',
    team: 'lyulin',
    positionKind: 'social_worker',
    position: 'ОЗД',
  },
  {
    email: 'mediator@demo.bg',
    name: 'Сашка Асенова',
    role: 'staff',
    institution: 'mediators',
    team: 'lyulin',
    positionKind: 'health_mediator',
    position: '',
  },
  {
    email: 'inspector@demo.bg',
    name: 'Георги Колев',
    role: 'staff',
    institution: 'police',
    team: 'nadezhda',
    positionKind: 'police_inspector',
    position: 'ДПС',
  },
  {
    email: 'teacher@demo.bg',
    name: 'Весела Иванова',
    role: 'staff',
    institution: 'school141',
    team: 'nadezhda',
    positionKind: 'class_teacher',
    position: '',
  },
  {
    email: 'edu.mediator@demo.bg',
    name: 'Мирослав Асенов',
    role: 'staff',
    institution: 'school141',
    team: 'nadezhda',
    positionKind: 'education_mediator',
    position: '',
  },
  {
    email: 'ruo.expert@demo.bg',
    name: 'Anna Kirova',
    role: 'staff',
    institution: 'ruo',
    positionKind: 'education_expert',
    position: 'Regional Education Office',
    locale: 'en',
  },
]

export type SeededIdentity = Awaited<ReturnType<typeof seedIdentity>>

/** Institutions of the real kinds in several Sofia districts, two outreach teams and the demo accounts. */
export async function seedIdentity(db: DbOrTx) {
  const institutions: Record<string, string> = {}
  for (const i of INSTITUTIONS) institutions[i.key] = (await makeInstitution(db, i)).id
  const teams = {
    lyulin: (
      await makeTeam(db, {
        name: 'Екип за обхват – Люлин',
        slug: 'ekip-za-obhvat-lyulin',
        kind: 'specialised',
        districtCodes: ['lyulin'],
        description:
          'Училище, ДСП/ОЗД, районна администрация и здравен медиатор посещават семействата в кв. Люлин и Филиповци.',
      })
    ).id,
    nadezhda: (
      await makeTeam(db, {
        name: 'Образователен патрул – Надежда',
        slug: 'obrazovatelen-patrul-nadezhda',
        kind: 'mobile',
        districtCodes: ['nadezhda', 'vrabnitsa', 'serdika'],
        description: 'Мобилен екип по проекта: посещения по домовете, съвместно с ДПС и училищата в район Надежда.',
      })
    ).id,
  }
  const users: Record<string, { id: string; name: string; role: Role; institutionId: string }> = {}
  for (const p of PEOPLE) {
    const user = await makeUser(db, {
      email: p.email,
      name: p.name,
      role: p.role,
      password: DEMO_PASSWORD,
      institutionId: institutions[p.institution],
      teamId: p.team ? teams[p.team] : null,
      positionKind: p.positionKind,
      position: p.position,
      locale: p.locale ?? 'bg',
    })
    users[p.email] = { id: user.id, name: user.name, role: user.role, institutionId: user.institutionId }
  }
  await makeUser(db, {
    email: 'new.teacher@demo.bg',
    name: 'Петя Андреева',
    status: 'pending',
    password: DEMO_PASSWORD,
    institutionId: institutions.school119,
    positionKind: 'teacher',
    position: 'начален етап',
  })
  return { institutions, teams, users }
}

import type { DbOrTx } from '../../db/client.server'
import { caseReads } from '../../db/schema'
import type { AgeBand, CaseOutcome, CaseStatus, EducationStage, SituationTag } from '../../db/schema/cases'
import { makeCase, makeReplies } from '../builders/cases'
import type { SeededIdentity } from './identity'

type Who = 'staff' | 'social' | 'mediator' | 'inspector' | 'teacher' | 'ruo' | 'coordinator'

const EMAIL: Record<Who, string> = {
  staff: 'staff@demo.bg',
  social: 'social.worker@demo.bg',
  mediator: 'mediator@demo.bg',
  inspector: 'inspector@demo.bg',
  teacher: 'teacher@demo.bg',
  ruo: 'ruo.expert@demo.bg',
  coordinator: 'coordinator@demo.bg',
}

export interface CaseSeed {
  author: Who
  title: string
  description: string
  district: string
  age: AgeBand
  stage: EducationStage
  tags: SituationTag[]
  status: CaseStatus
  outcome?: CaseOutcome
  involved: string[]
  daysAgo: number
  replies: [Who, string][]
}

/** Anonymised on purpose: no names, numbers, addresses or birth dates — the privacy guard would refuse them. */
export const CASE_SEEDS: CaseSeed[] = [
  {
    author: 'staff',
    title: 'Момче, 12 г., не посещава училище след връщане от Германия',
    description:
      'Семейството се е върнало от Германия в края на август. Детето е учило там две години и не е записано в българско училище. Говори добре български, но чете трудно на кирилица.\n\nМайката казва, че не знае какви документи са нужни за приравняване на годините.',
    district: 'lyulin',
    age: '11-14',
    stage: 'lower_secondary',
    tags: ['returned_from_abroad', 'missing_documents'],
    status: 'resolved',
    outcome: 'returned_to_school',
    involved: ['ruo', 'dspLyulin'],
    daysAgo: 40,
    replies: [
      [
        'ruo',
        'За приравняване е нужно удостоверение от училището в Германия с легализиран превод. Докато чакат, детето може да бъде записано условно — РУО издава заповед за приравняване в срок от месец.',
      ],
      [
        'social',
        'Посетихме семейството с колегата от училището. Майката има удостоверението, липсва само преводът. Насочихме я към общинската програма за безплатен превод.',
      ],
      [
        'staff',
        'Детето е записано в 6. клас от понеделник. Класният ръководител ще осигури допълнителни часове по български език.',
      ],
      ['coordinator', 'Отлична координация. Маркирам случая като решен — ще го предложим и като добра практика.'],
    ],
  },
  {
    author: 'teacher',
    title: 'Момиче, 14 г., над 60 неизвинени отсъствия през първия срок',
    description:
      'Ученичка от 7. клас не идва редовно от октомври. Съучениците казват, че гледа по-малките си братя, докато родителите работят на смени.\n\nКласният ръководител е звънял многократно, без отговор.',
    district: 'nadezhda',
    age: '11-14',
    stage: 'lower_secondary',
    tags: ['long_absence', 'poverty'],
    status: 'in_progress',
    involved: ['dspNadezhda', 'police', 'raionNadezhda'],
    daysAgo: 21,
    replies: [
      [
        'inspector',
        'Инспекторът от ДПС може да присъства на посещението, ако семейството не отговаря на покани. Предлагам първо мек подход — посещение от училището и социален работник.',
      ],
      [
        'mediator',
        'Познавам семейството от кампанията за имунизации. Мога да уредя среща в квартала в четвъртък следобед.',
      ],
      [
        'teacher',
        'Срещата се състоя. По-малките деца не са записани в детска градина — затова голямата сестра стои вкъщи. Търсим места в ДГ в района.',
      ],
    ],
  },
  {
    author: 'mediator',
    title: 'Дете, 6 г., не е записано в подготвителна група',
    description:
      'Семейство от Факултета няма постоянна регистрация по настоящ адрес и детската градина отказва записване. Детето трябва да започне задължителната подготвителна група тази година.',
    district: 'krasna-polyana',
    age: '0-6',
    stage: 'preschool',
    tags: ['never_enrolled', 'housing', 'missing_documents'],
    status: 'resolved',
    outcome: 'enrolled_first_time',
    involved: ['dg45', 'raionLyulin'],
    daysAgo: 60,
    replies: [
      [
        'coordinator',
        'Районната администрация може да издаде удостоверение за настоящ адрес след проверка на място. Изпращам контакт на служителя по гражданска регистрация.',
      ],
      ['mediator', 'Удостоверението е издадено. Детската градина прие документите.'],
      ['staff', 'Потвърждавам — детето е в ПГ от 1 октомври и посещава редовно.'],
    ],
  },
  {
    author: 'social',
    title: 'Момиче, 15 г., отпаднало след 7. клас, риск от ранен брак',
    description:
      'По сигнал от училището: ученичката не се е записала в 8. клас. Има информация, че семейството подготвя годеж. Детето е изразило желание да продължи да учи.\n\nОЗД е отворил случай за оценка на риска.',
    district: 'lyulin',
    age: '15-18',
    stage: 'upper_secondary',
    tags: ['dropped_out', 'early_marriage'],
    status: 'in_progress',
    involved: ['dspLyulin', 'police', 'school75', 'ngo'],
    daysAgo: 14,
    replies: [
      ['inspector', 'ДПС е уведомена. При нужда ще проведем разговор с родителите заедно с ОЗД.'],
      [
        'staff',
        'Училището може да предложи самостоятелна форма на обучение, ако семейството не позволява ежедневно присъствие — поне да не прекъсва образованието.',
      ],
      [
        'ruo',
        'Confirmed: the Regional Education Office can approve the individual form mid-year. Please send the request through the school.',
      ],
      [
        'social',
        'Проведохме среща с майката. Съгласна е детето да продължи в самостоятелна форма. Следим случая ежемесечно.',
      ],
    ],
  },
  {
    author: 'staff',
    title: 'Близнаци, 8 г., семейството заминава сезонно за Испания',
    description:
      'Две деца от 2. клас отсъстват по три-четири месеца всяка пролет, когато родителите работят в селското стопанство в Испания. Връщат се с големи пропуски.',
    district: 'lyulin',
    age: '7-10',
    stage: 'primary',
    tags: ['seasonal_migration', 'long_absence'],
    status: 'open',
    involved: ['ruo'],
    daysAgo: 5,
    replies: [
      [
        'ruo',
        'Има възможност за дистанционно обучение в ОРЕС при отсъствие по уважителни причини, но трябва заявление преди заминаването.',
      ],
    ],
  },
  {
    author: 'teacher',
    title: 'Момче, 10 г., със специални образователни потребности, не посещава от месец',
    description:
      'Детето има диагноза аутизъм. След смяна на ресурсния учител отказва да влиза в клас. Родителите го държат вкъщи.',
    district: 'nadezhda',
    age: '7-10',
    stage: 'primary',
    tags: ['disability', 'long_absence'],
    status: 'in_progress',
    involved: ['ruo', 'mediators'],
    daysAgo: 10,
    replies: [
      [
        'ruo',
        'Регионалният център за подкрепа може да изпрати психолог за адаптация. Насочете заявка чрез училищния екип за подкрепа.',
      ],
      ['teacher', 'Заявката е подадена. Договорихме постепенно връщане — първо по два часа на ден.'],
    ],
  },
  {
    author: 'inspector',
    title: 'Момче, 16 г., работи на строеж вместо да учи',
    description:
      'При проверка на обект е установено непълнолетно момче, което работи без договор. Не е записано в училище от две години.',
    district: 'vazrazhdane',
    age: '15-18',
    stage: 'none',
    tags: ['working', 'dropped_out'],
    status: 'open',
    involved: ['dspLyulin', 'ngo'],
    daysAgo: 3,
    replies: [
      [
        'social',
        'ОЗД ще извърши оценка. Възможно е професионално обучение с практика — така детето ще продължи да изкарва пари законно.',
      ],
    ],
  },
  {
    author: 'ruo',
    title: 'Girl, 9, arrived from Ukraine, no Bulgarian language',
    description:
      'The family arrived in the spring under temporary protection. The child is not enrolled; the parents were told the school is full.',
    district: 'mladost',
    age: '7-10',
    stage: 'primary',
    tags: ['language_barrier', 'never_enrolled'],
    status: 'resolved',
    outcome: 'enrolled_first_time',
    involved: ['school119'],
    daysAgo: 90,
    replies: [
      ['staff', '119 СУ има свободни места в 3. клас и допълнително обучение по български език за деца от Украйна.'],
      ['ruo', 'Enrolled. Thank you — closing as resolved.'],
    ],
  },
  {
    author: 'mediator',
    title: 'Три деца от едно семейство без лични документи',
    description:
      'Децата са на 7, 9 и 12 години. Родителите нямат лични карти и не могат да ги запишат. Семейството живее в незаконна постройка.',
    district: 'iskar',
    age: '7-10',
    stage: 'none',
    tags: ['missing_documents', 'housing', 'never_enrolled'],
    status: 'in_progress',
    involved: ['raionNadezhda', 'dspNadezhda', 'ngo'],
    daysAgo: 30,
    replies: [
      [
        'coordinator',
        'Училището може да запише децата и без лични документи на родителите — важно е удостоверението за раждане на детето. Да проверим в регистъра на района.',
      ],
      ['mediator', 'Удостоверенията за раждане са налични. Придружих майката до ГРАО.'],
      [
        'social',
        'Семейството има право на месечни помощи за деца, ако децата посещават училище. Подготвяме документите.',
      ],
    ],
  },
  {
    author: 'staff',
    title: 'Момиче, 13 г., тормоз в училище, отказва да ходи',
    description: 'Ученичката е спряла да идва след конфликт в класа. Родителите са поискали преместване.',
    district: 'lyulin',
    age: '11-14',
    stage: 'lower_secondary',
    tags: ['bullying', 'long_absence'],
    status: 'resolved',
    outcome: 'moved_school',
    involved: ['school141'],
    daysAgo: 50,
    replies: [
      [
        'teacher',
        '141 ОУ може да приеме ученичката в паралелка с по-малко ученици. Педагогическият съветник ще я посрещне.',
      ],
      ['staff', 'Преместването е оформено. Детето посещава новото училище вече две седмици.'],
    ],
  },
  {
    author: 'social',
    title: 'Семейството заминава за Великобритания, детето отписано без потвърждение',
    description:
      'Ученик от 4. клас е отписан с бележка, че заминава в чужбина. Няма потвърждение, че е записан в училище там.',
    district: 'nadezhda',
    age: '7-10',
    stage: 'primary',
    tags: ['dropped_out'],
    status: 'closed',
    involved: ['ruo'],
    daysAgo: 75,
    replies: [
      [
        'ruo',
        'Проверката през НЕИСПУО показва, че детето не е записано в друго българско училище. Изпратихме запитване чрез посолството.',
      ],
      ['social', 'Получено е потвърждение, че детето учи в Манчестър. Затваряме случая.'],
    ],
  },
  {
    author: 'teacher',
    title: 'Момче, 11 г., чести отсъствия поради хронично заболяване',
    description:
      'Детето има астма и пропуска по седмица всеки месец. Родителите не носят медицински бележки и отсъствията стават неизвинени.',
    district: 'nadezhda',
    age: '11-14',
    stage: 'lower_secondary',
    tags: ['health', 'long_absence'],
    status: 'open',
    involved: ['mediators'],
    daysAgo: 2,
    replies: [],
  },
  {
    author: 'inspector',
    title: 'Момиче, 17 г., майка на малко дете, иска да завърши',
    description:
      'Младата майка е прекъснала в 10. клас. Иска да завърши средно образование, но няма кой да гледа бебето.',
    district: 'poduyane',
    age: '15-18',
    stage: 'upper_secondary',
    tags: ['early_marriage', 'dropped_out'],
    status: 'resolved',
    outcome: 'referred_service',
    involved: ['ngo', 'dspNadezhda'],
    daysAgo: 120,
    replies: [
      ['social', 'Насочихме към Центъра за обществена подкрепа — има група за млади майки и помощ за ясла.'],
      [
        'inspector',
        'Записана е във вечерна форма на обучение. Насочена към услугата, случаят е приключен от наша страна.',
      ],
    ],
  },
  {
    author: 'staff',
    title: 'Брат и сестра, 7 и 9 г., не говорят български',
    description:
      'Децата са от турскоговоряща среда и започват училище за първи път. Родителите се притесняват, че няма да се справят.',
    district: 'lyulin',
    age: '7-10',
    stage: 'primary',
    tags: ['language_barrier', 'never_enrolled'],
    status: 'in_progress',
    involved: ['mediators', 'dg45'],
    daysAgo: 8,
    replies: [
      ['mediator', 'Мога да превеждам на първата родителска среща и да обясня на семейството как работи училището.'],
      ['staff', 'Благодаря! Подготвяме и допълнителни часове по български по проекта.'],
    ],
  },
  {
    author: 'coordinator',
    title: 'Момче, 15 г., отказва училище, проблеми с поведението',
    description: 'Ученикът е с наложени наказания и заявява, че няма да се върне. Има прояви, разглеждани от МКБППМН.',
    district: 'lyulin',
    age: '15-18',
    stage: 'upper_secondary',
    tags: ['dropped_out'],
    status: 'resolved',
    outcome: 'not_resolved',
    involved: ['police', 'dspLyulin', 'school75'],
    daysAgo: 150,
    replies: [
      ['inspector', 'Комисията е наложила възпитателна мярка. Ще съдействаме за връщане в професионална гимназия.'],
      [
        'social',
        'Семейството отказва сътрудничество. Детето е навършило 16 години и вече не подлежи на задължително обучение.',
      ],
      [
        'coordinator',
        'Приключваме без успех, но оставяме контакт за професионално обучение, ако промени решението си.',
      ],
    ],
  },
  {
    author: 'ruo',
    title: 'Дете, 5 г., от семейство, което се мести често в рамките на града',
    description:
      'Семейството сменя квартирата на всеки няколко месеца. Детето е било записвано в три детски градини за година.',
    district: 'slatina',
    age: '0-6',
    stage: 'preschool',
    tags: ['housing', 'long_absence'],
    status: 'open',
    involved: ['raionLyulin'],
    daysAgo: 1,
    replies: [],
  },
]

const DAY = 24 * 3600 * 1000

/** 16 anonymised cases across districts, statuses and outcomes, with replies from several institutions. */
export async function seedCases(db: DbOrTx, identity: SeededIdentity) {
  const userOf = (who: Who) => identity.users[EMAIL[who]]
  const now = Date.now()
  for (const seed of CASE_SEEDS) {
    const author = userOf(seed.author)
    const createdAt = new Date(now - seed.daysAgo * DAY)
    const thread = await makeCase(db, {
      authorId: author.id,
      institutionId: author.institutionId,
      title: seed.title,
      description: seed.description,
      districtCode: seed.district,
      ageBand: seed.age,
      educationStage: seed.stage,
      tags: seed.tags,
      status: seed.status,
      outcome: seed.outcome ?? null,
      statusChangedBy: seed.status === 'open' ? author.id : identity.users['coordinator@demo.bg'].id,
      involvedInstitutionIds: seed.involved.map((key) => identity.institutions[key]),
      createdAt,
    })
    const step = (seed.daysAgo * DAY) / (seed.replies.length + 1)
    const replies = await makeReplies(
      db,
      thread.id,
      seed.replies.map(([who, text], i) => ({
        authorId: userOf(who).id,
        text,
        createdAt: new Date(createdAt.getTime() + step * (i + 1)),
      })),
    )
    // The author has read everything but the latest reply, so the demo shows an unread marker.
    await db
      .insert(caseReads)
      .values({ caseId: thread.id, userId: author.id, lastReadNumber: Math.max(0, replies.length - 1) })
      .onConflictDoNothing()
  }
  return CASE_SEEDS.length
}

/**
 * The queries of the relevance benchmark, in categories, each with the topics that make a document
 * relevant (corpus.ts). `judge`:
 *   "t"      a document's grade is its grade for topic t;
 *   "a+b"    all of them: the lowest grade when the document has every topic; 1 when it has only the
 *            first one with grade 2 or more (half an answer); 0 otherwise;
 *   "a|b"    any of them: the highest grade.
 * Only documents the query may return (audience, filters) are judged; the others count as 0.
 */
import type { SearchFilters } from '../../../search/engine'

export const CATEGORIES = [
  'base form',
  'inflected form',
  'Latin (official)',
  'Latin (informal)',
  'typo',
  'acronym',
  'synonym',
  'English',
  'multi-word',
  'phrase',
  'Unicode',
  'filtered',
  'staff only',
] as const
export type Category = (typeof CATEGORIES)[number]

export interface JudgedQuery {
  cat: Category
  q: string
  judge: string
  audience?: 'public' | 'staff'
  filters?: SearchFilters
}

const q = (cat: Category, list: [q: string, judge: string, extra?: Partial<JudgedQuery>][]): JudgedQuery[] =>
  list.map(([text, judge, extra]) => ({ cat, q: text, judge, ...extra }))

/** A decomposed Й (И + combining breve), as some keyboards and PDFs produce it. */
const DECOMPOSED_YO = 'И\u0306оан Рилски'

export const QUERIES: JudgedQuery[] = [
  ...q('base form', [
    ['медиатор', 'med'],
    ['биология', 'biology'],
    ['транспорт', 'transport'],
    ['закуска', 'food'],
    ['наставник', 'mentor'],
    ['психолог', 'psych'],
    ['тормоз', 'bully'],
    ['медиация', 'mediation'],
    ['ваксина', 'vaccines'],
    ['съд', 'court'],
    ['стипендия', 'scholarship'],
    ['логопед', 'speech'],
    ['школа', 'parentschool|arts'],
  ]),
  ...q('inflected form', [
    ['медиаторът', 'med'],
    ['медиаторите', 'med'],
    ['биологията', 'biology'],
    ['родителите', 'parents'],
    ['отсъствията', 'absence'],
    ['социалните работници', 'sw'],
    ['наставниците', 'mentor'],
    ['психолози', 'psych'],
    ['ваксините', 'vaccines'],
    ['документите', 'docs'],
    ['патрулът', 'patrol'],
    ['школата', 'parentschool|arts'],
    ['тормозът', 'bully'],
    ['закуската', 'food'],
    ['транспортът', 'transport'],
    ['браковете', 'marriage'],
    ['медиацията', 'mediation'],
    ['здравните медиатори', 'hmed'],
  ]),
  ...q('Latin (official)', [
    ['zdraven mediator', 'hmed'],
    ['zdravni mediatori', 'hmed'],
    ['obrazovatelen patrul', 'patrol'],
    ['sotsialen rabotnik', 'sw'],
    ['biologia', 'biology'],
    ['roditelski klub', 'club'],
    ['zakuska', 'food'],
    ['nastavnichestvo', 'mentor'],
    ['psiholog', 'psych'],
    ['vaksini', 'vaccines'],
    ['detska gradina', 'kg'],
    ['lichni dokumenti', 'docs'],
    ['zakrila na deteto', 'ozd'],
    ['ranni brakove', 'marriage'],
  ]),
  ...q('Latin (informal)', [
    ['socialen rabotnik', 'sw'],
    ['mediacia', 'mediation'],
    ['4asove po bulgarski', 'lang'],
    ['6kola za roditeli', 'parentschool'],
    ['sud', 'court'],
    ['u4ilishten psiholog', 'psych'],
    ['biologiq', 'biology'],
    ['biologiyata', 'biology'],
    ['roditelska sre6ta', 'parents'],
    ['ob6tina transport', 'transport+so'],
    ['pomo6 za dokumenti', 'docs'],
    ['deca bez dokumenti', 'docs'],
    ['4astni uroci', 'private', { audience: 'staff' }],
    ['obxvat', 'round'],
    ['socialni uslugi', 'services'],
    ['zdraven mediatur', 'hmed'],
  ]),
  ...q('typo', [
    ['медиатр', 'med'],
    ['трнспорт', 'transport'],
    ['недиатор', 'med'],
    ['психолок', 'psych'],
    ['наставницество', 'mentor'],
    ['чентър за обществена подкрепа', 'cop'],
    ['училишен психолог', 'psych'],
    ['обшина', 'so'],
    ['посешения', 'visits'],
    ['навксване', 'catchup'],
    ['тромоз', 'bully'],
    ['биолигия', 'biology'],
    ['ваксинаци', 'vaccines'],
  ]),
  ...q('acronym', [
    ['ДСП', 'dsp'],
    ['ОЗД', 'ozd'],
    ['РУО', 'ruo'],
    ['СО', 'so'],
    ['ЦОП', 'cop'],
    ['МКБППМН', 'mkb'],
    ['ДПС', 'dps'],
    ['РЦПППО', 'rcp'],
    ['НЕИСПУО', 'neis'],
    ['СОП', 'sop'],
    ['ЦПЛР', 'cplr'],
    ['АСП', 'asp'],
    ['ПГ', 'pg'],
    ['dsp', 'dsp'],
    ['cop', 'cop'],
  ]),
  ...q('synonym', [
    ['Дирекция Социално подпомагане', 'dsp'],
    ['закрила на детето', 'ozd'],
    ['Столична община', 'so'],
    ['център за обществена подкрепа', 'cop'],
    ['отпадане', 'dropout'],
    ['детска педагогическа стая', 'dps'],
    ['Регионално управление на образованието', 'ruo'],
    ['специални образователни потребности', 'sop'],
    ['подготвителна група', 'pg'],
    ['необхванати деца', 'notenrolled'],
    ['Social Assistance Directorate', 'dsp'],
    ['Sofia Municipality', 'so'],
    ['Community Support Centre', 'cop'],
  ]),
  ...q('English', [
    ['health mediator', 'hmed'],
    ['catch-up classes', 'catchup'],
    ['summer school', 'summer'],
    ['open day', 'openday'],
    ['social worker', 'sw'],
    ['bullying', 'bully'],
    ['parents', 'parents'],
    ['early school leaving', 'dropout'],
    ['home visits', 'visits'],
    ['child protection', 'ozd'],
    ['transport to school', 'transport'],
    ['kindergarten', 'kg'],
  ]),
  ...q('multi-word', [
    ['здравен медиатор Люлин', 'hmed+lyulin'],
    ['домашни посещения', 'visits'],
    ['транспорт до училище', 'transport'],
    ['СО Люлин', 'so+lyulin'],
    ['ЦОП Надежда', 'cop+nadezhda'],
    ['ранни бракове', 'marriage'],
    ['лятно училище', 'summer'],
    ['деца върнали се от чужбина', 'abroad'],
    ['социален работник ДСП', 'sw+dsp'],
    ['класен ръководител отсъствия', 'teacher+absence'],
    ['медиатор детска градина', 'med+kg'],
    ['социален работник Люлин', 'sw+lyulin'],
    ['закуска в училище', 'food'],
    ['наваксване по математика', 'catchup+math'],
    ['ресурсен учител', 'restea'],
    ['обход на адресите', 'round'],
  ]),
  ...q('phrase', [
    ['"ден на отворените врати"', 'openday'],
    ['"класен ръководител"', 'teacher'],
    ['"лични документи"', 'docs'],
    ['"образователен патрул"', 'patrol'],
    ['"казусна конференция"', 'conference'],
    ['"родителски клуб"', 'club'],
    ['"школа за родители"', 'parentschool'],
    ['"Йоан Рилски"', 'yoan'],
    ['"социален работник"', 'sw'],
    ['"ранни бракове"', 'marriage'],
  ]),
  ...q('Unicode', [
    ['медиа́тор', 'med'],
    ['медиа́торът', 'med'],
    [DECOMPOSED_YO, 'yoan'],
    ['МЕДИАТОРИ', 'med'],
    ['Биоло́гия', 'biology'],
  ]),
  ...q('filtered', [
    ['медиатор', 'med', { filters: { districts: ['lyulin'] } }],
    ['транспорт', 'transport', { filters: { types: ['practice'] } }],
    ['ЦОП', 'cop', { filters: { types: ['event'] } }],
    ['отсъствия', 'absence', { filters: { tags: ['long_absence'] } }],
    ['ден на отворените врати', 'openday', { filters: { districts: ['mladost'] } }],
    ['обучение', 'training', { filters: { types: ['event'] } }],
    ['социален работник', 'sw', { filters: { institutionKinds: ['social_assistance'] } }],
    ['родители', 'parents', { filters: { districts: ['nadezhda'] } }],
    ['биология', 'biology', { audience: 'staff', filters: { types: ['course'] } }],
    ['медиатор', 'med', { filters: { institutionKinds: ['kindergarten'] } }],
  ]),
  ...q('staff only', [
    ['ранен брак', 'marriage', { audience: 'staff' }],
    ['съд', 'court', { audience: 'staff' }],
    ['казусна конференция', 'conference', { audience: 'staff' }],
    ['отпаднал ученик', 'dropout', { audience: 'staff' }],
    ['НЕИСПУО', 'neis', { audience: 'staff' }],
    ['ваксини детска градина', 'vaccines+kg', { audience: 'staff' }],
    ['частни уроци', 'private', { audience: 'staff' }],
    ['приемна грижа', 'foster', { audience: 'staff' }],
    ['насилие', 'violence', { audience: 'staff' }],
    ['бежанско семейство', 'refugee', { audience: 'staff' }],
    ['psiholog', 'psych', { audience: 'staff' }],
    ['ЦОП Люлин', 'cop+lyulin', { audience: 'staff' }],
  ]),
]

/** The grade (0–3) of a document with these topics for a judgement expression. */
export function gradeOf(judge: string, topics: Map<string, number>): number {
  if (judge.includes('|')) return Math.max(...judge.split('|').map((t) => topics.get(t) ?? 0))
  const parts = judge.split('+')
  const grades = parts.map((t) => topics.get(t) ?? 0)
  if (grades.every((g) => g > 0)) return Math.min(...grades)
  return parts.length > 1 && grades[0] >= 2 ? 1 : 0
}

// People and feasts that schools, streets, districts and holidays are named after — never the child in the case.
const PHRASES = `
  Христо Ботев|Иван Вазов|Васил Левски|Любен Каравелов|Христо Смирненски|Пейо Яворов|Пейо Крачолов Яворов
  Никола Вапцаров|Йордан Йовков|Елин Пелин|Алеко Константинов|Димчо Дебелянов|Петко Славейков|Пенчо Славейков
  Петко Рачов Славейков|Георги Раковски|Г. С. Раковски|Георги Сава Раковски|Георги Бенковски|Стефан Караджа
  Хаджи Димитър|Панайот Волов|Васил Априлов|Неофит Рилски|Паисий Хилендарски|Софроний Врачански|Кирил и Методий
  Климент Охридски|Иван Рилски|Черноризец Храбър|Константин Фотинов|Христо Груев Данов|Найден Геров|Гео Милев
  Яне Сандански|Гоце Делчев|Дамян Груев|Тодор Каблешков|Райна Княгиня|Баба Тонка|Стефан Стамболов
  Александър Стамболийски|Васил Друмев|Ран Босилек|Асен Златаров|Иван Шишман|Петър Берон|Иван Асен|Елисавета Багряна
  Дора Габе|Блага Димитрова|Захари Стоянов|Панчо Владигеров|Екзарх Йосиф|Патриарх Евтимий|Отец Паисий|Вела Благоева
  Анастас Иширков|Симеон Радев|Константин Величков|Христо Ясенов|Ангел Кънчев|Братя Миладинови|Братя Бъкстон
  Цар Симеон|Цар Борис|Княз Борис|Цар Освободител|Баба Марта|Трифон Зарезан|Дядо Коледа|Дядо Мраз|Дева Мария
  Велико Търново|Стара Загора|Нова Загора|Свети Влас|Света Троица|Ботев|Вазов|Левски|Каравелов|Раковски|Бенковски
  Славейков|Яворов|Вапцаров|Дебелянов|Смирненски|Алеко|Хитър Петър|Крали Марко|Бай Ганьо|Граф Игнатиев
  Патриарх Евтимий|Княз Дондуков|Цар Шишман|Тодор Александров|Генерал Гурко|Ген. Гурко|Александър Батенберг|Цар Самуил
  Иван Асен II|Константин Величков|Ломско шосе|Ботевградско шосе|Hristo Botev|Ivan Vazov|Vasil Levski|Kliment Ohridski
  Cyril and Methodius|Elin Pelin|Gotse Delchev|Goce Delchev|Veliko Tarnovo|Stara Zagora|Aleko Konstantinov|Baba Marta
`

const WORD = /\p{L}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*/gu

/** Protected phrases as lowercase word lists, indexed by their first word. */
export const PROTECTED_PHRASES: ReadonlyMap<string, ReadonlyArray<readonly string[]>> = (() => {
  const byFirst = new Map<string, string[][]>()
  for (const phrase of PHRASES.split(/[|\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const words = Array.from(phrase.toLowerCase().matchAll(WORD), (m) => m[0])
    byFirst.set(words[0], [...(byFirst.get(words[0]) ?? []), words])
  }
  return byFirst
})()

// After these the next capitalised words are a place, a street or a saint ("ул. Иван Вазов", "гр. Гоце Делчев", "Св.
// Иван Рилски").
export const PLACE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'гр',
  'Гр',
  'с',
  'ул',
  'Ул',
  'бул',
  'Бул',
  'пл',
  'Пл',
  'жк',
  'к',
  'кв',
  'Кв',
  'р-н',
  'общ',
  'обл',
  'Св',
  'св',
  'St',
  'ul',
  'bul',
  'str',
])
export const PLACE_WORDS: ReadonlySet<string> = new Set([
  'град',
  'село',
  'улица',
  'булевард',
  'площад',
  'квартал',
  'район',
  'община',
  'област',
  'свети',
  'света',
  'светия',
  'светите',
  'saint',
])
// School-type abbreviations are followed by the patron's name even without quotes ("СУ Христо Ботев", "ДГ № 45
// Слънце").
const SCHOOL_ABBR_LIST =
  'СУ ОУ ОбУ ОсУ НУ ПГ ПМГ ПЧМГ НПМГ СМГ ПГЕЕ ПГТ ПГИ ДГ ЦДГ ОДЗ ЧУ ЧСУ ЧОУ СПИ НЧ СУИЧЕ ГПЧЕ НГДЕК НГПИ НУИ'.split(' ')
export const SCHOOL_ABBREVIATIONS: ReadonlySet<string> = new Set(SCHOOL_ABBR_LIST)

const OTHER_ABBR = 'ВУИ|ЦОП|ЦСРИ|ЦНСТ|МБАЛ|УМБАЛ|ДКЦ|СБАЛ|ДПС|ДДЛРГ|ЦПЛР|ОДК'
const INSTITUTION_NOUNS = [
  'училищ',
  'гимнази',
  'читалищ',
  'градин',
  'ясл',
  'университет',
  'болниц',
  'център',
  'центр',
  'фондаци',
  'сдружени',
  'клуб',
  'библиотек',
  'театър',
  'театр',
  'кино',
  'зал',
  'парк',
  'стадион',
  'метростанци',
  'спирк',
  'пазар',
  'мол',
  'хотел',
  'ресторант',
  'магазин',
  'кафене',
  'летищ',
  'гар',
  'завод',
  'фабрик',
  'занималн',
  'къща-музей',
  'музей',
  'church',
  'school',
  'university',
  'foundation',
  'centre',
  'center',
  'market',
  'park',
]
const INSTITUTION_BEFORE_QUOTE = new RegExp(
  String.raw`(?<![\p{L}])(?:(?:${INSTITUTION_NOUNS.join('|')})\p{L}{0,4}|${SCHOOL_ABBR_LIST.join('|')}|${OTHER_ABBR})` +
    String.raw`(?![\p{L}])[^„"“«»\n.!?]{0,40}$`,
  'iu',
)
const QUOTED = /[„"“«][^„"“”«»\n]{1,80}[“"”»]/g

/**
 * Quoted names of schools, centres, markets… (СУ „Христо Ботев“, Фондация „Мария Петрова“): nobody inside is the
 * person.
 */
export function institutionQuotes(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  for (const m of text.matchAll(QUOTED)) {
    if (INSTITUTION_BEFORE_QUOTE.test(text.slice(Math.max(0, m.index - 50), m.index)))
      ranges.push([m.index, m.index + m[0].length])
  }
  return ranges
}

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('')
const letters = () =>
  Array.from({ length: 8 }, () => 'абвгдежзиклмнопрстуфхцчш'[Math.floor(Math.random() * 24)]).join('')

/**
 * Personal data the guard missed (or a coordinator let through): a phone number and a word no other test uses, to
 * look for afterwards in every table.
 */
export const slippedPersonalData = () => ({ phone: `089${digits(7)}`, word: `Сентинел${letters()}` })

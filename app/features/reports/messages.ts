export const bg = {
  'nav.reports': 'Отчети',
}

export const en: Record<keyof typeof bg, string> = {
  'nav.reports': 'Reports',
}

export const bg = {
  'notifications.title': 'Известия',
  'notifications.bell': 'Известия ({count} непрочетени)',
  'notifications.empty': 'Нямате известия.',
  'notifications.markAllRead': 'Маркирай всички като прочетени',
  'notifications.unread': 'Непрочетено',
  'notifications.email.footer': 'Настройките за известия по имейл са в „Моят профил“.',
  'notifications.digest.subject': 'Институции без граници: {count} нови известия',
} as const

export const en: Record<keyof typeof bg, string> = {
  'notifications.title': 'Notifications',
  'notifications.bell': 'Notifications ({count} unread)',
  'notifications.empty': 'You have no notifications.',
  'notifications.markAllRead': 'Mark all as read',
  'notifications.unread': 'Unread',
  'notifications.email.footer': 'E-mail notification settings are in “My account”.',
  'notifications.digest.subject': 'Institutions Without Borders: {count} new notifications',
}

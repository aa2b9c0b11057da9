export const bg = {
  'admin.backups': 'Резервни копия',
  'backup.intro':
    'Всяко резервно копие е един архив с базата данни, качените файлове и опис с контролни суми. Архивите съдържат лични данни: само собственикът им може да ги чете.',
  'backup.schedule.on': 'Автоматично резервно копие на всеки {hours} ч.; пазят се последните {keep} в папка {dir}.',
  'backup.schedule.off': 'Автоматичните резервни копия са изключени (BACKUP_INTERVAL_HOURS=0). Папка: {dir}.',
  'backup.schedule.postgres':
    'С PostgreSQL копията се правят с „npm run db:backup“ (например всяка нощ от cron); пазят се последните {keep} в папка {dir}.',
  'backup.retention':
    'Архив, по-стар от най-дългия срок за съхранение на личните данни в него, се изтрива, за да не остават в архивите данни, които вече са изтрити.',
  'backup.commands': 'Ръчно копие: „npm run db:backup“. Възстановяване в празна база: „npm run db:restore <файл>“.',
  'backup.runs': 'Последни опити',
  'backup.none': 'Все още няма резервни копия.',
  'backup.col.started': 'Начало',
  'backup.col.trigger': 'Вид',
  'backup.col.status': 'Резултат',
  'backup.col.file': 'Файл',
  'backup.col.size': 'Размер',
  'backup.col.blocked': 'Пауза за сайта',
  'backup.trigger.schedule': 'автоматично',
  'backup.trigger.manual': 'ръчно',
  'backup.status.ok': 'успешно',
  'backup.status.failed': 'неуспешно',
  'backup.deleted': 'изтрит по правилата за съхранение',
  'backup.ms': '{ms} ms',
  'backup.stale.since': 'Внимание: последното успешно резервно копие е от {date} — преди повече от два дни.',
  'backup.stale.never': 'Внимание: все още няма успешно резервно копие на данните.',
  'backup.stale.link': 'Резервни копия',
}

export const en: Record<keyof typeof bg, string> = {
  'admin.backups': 'Backups',
  'backup.intro':
    'Each backup is one archive holding the database, the uploaded files and a manifest with checksums. Archives contain personal data: only their owner can read them.',
  'backup.schedule.on': 'Automatic backup every {hours} h; the last {keep} are kept in {dir}.',
  'backup.schedule.off': 'Automatic backups are off (BACKUP_INTERVAL_HOURS=0). Folder: {dir}.',
  'backup.schedule.postgres':
    'With PostgreSQL, backups are made by “npm run db:backup” (for example nightly from cron); the last {keep} are kept in {dir}.',
  'backup.retention':
    'An archive older than the longest retention period of the personal data it holds is deleted, so that erased data does not live on in archives.',
  'backup.commands':
    'Back up by hand: “npm run db:backup”. Restore into an empty database: “npm run db:restore <file>”.',
  'backup.runs': 'Recent attempts',
  'backup.none': 'No backups yet.',
  'backup.col.started': 'Started',
  'backup.col.trigger': 'Kind',
  'backup.col.status': 'Result',
  'backup.col.file': 'File',
  'backup.col.size': 'Size',
  'backup.col.blocked': 'Site paused',
  'backup.trigger.schedule': 'automatic',
  'backup.trigger.manual': 'by hand',
  'backup.status.ok': 'succeeded',
  'backup.status.failed': 'failed',
  'backup.deleted': 'deleted by the retention rules',
  'backup.ms': '{ms} ms',
  'backup.stale.since': 'Warning: the last successful backup was made on {date} — more than two days ago.',
  'backup.stale.never': 'Warning: there is no successful backup of the data yet.',
  'backup.stale.link': 'Backups',
}

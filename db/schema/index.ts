export * from './identity'
export * from './audit'
export * from './notifications'
export * from './search'

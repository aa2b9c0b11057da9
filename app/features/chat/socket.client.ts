import { io } from 'socket.io-client'

import type { ChatClientSocket } from './connection'

/** The browser's connection, to this site only (bundled by Remix; never a CDN). The cookie authenticates it. */
export function openChatSocket(): ChatClientSocket {
  return io({
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  })
}

/** socket.io room names: one per conference room, one per user (to reach all of a user's tabs). */
export const roomChannel = (roomId: string) => `room:${roomId}`
export const userChannel = (userId: string) => `user:${userId}`
export const roomIdOfChannel = (channel: string) => (channel.startsWith('room:') ? channel.slice(5) : null)

/** Scheduled meetings and their chat (the meetings issue fills this in). */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ChatClientToServer {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ChatServerToClient {}

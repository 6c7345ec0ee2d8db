/** Flags, the review queue, notices and appeals (the moderation issue fills this in). */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModerationClientToServer {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModerationServerToClient {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface NoticeServerToClient {}

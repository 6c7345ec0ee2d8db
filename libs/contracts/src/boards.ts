/** Boards, threads, posts, reactions and search (the boards issue fills this in). */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ForumClientToServer {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ForumServerToClient {}

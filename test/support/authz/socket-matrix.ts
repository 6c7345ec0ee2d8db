import type { ActorName, ChatScene, World } from './world.js';
import { BOARD } from './world.js';

/**
 * What an actor gets: 'ok' (an ok ack), an error code of the ack (libs/contracts ErrorCode), or
 * 'refused:<code>' when the handshake of the namespace refuses the actor.
 */
export type SocketOutcome = string;
export type SocketExpect = Record<ActorName, SocketOutcome>;

export interface SocketRow {
  expect: SocketExpect;
  /**
   * The row needs a live meeting: a fresh one per actor (open to guests unless `meeting` says
   * otherwise) that the facilitator runs, with the owner joined, a message of theirs and their
   * raised hand. The actor joins it first (unless `joinFirst` is false).
   */
  chat?: { meeting?: Record<string, unknown>; joinFirst?: boolean };
  payload: (w: World, scene: ChatScene | null, actor: ActorName) => unknown;
  why?: string;
}

const ALL = (outcome: SocketOutcome): SocketExpect => ({
  guest: outcome,
  owner: outcome,
  member: outcome,
  suspended: outcome,
  facilitator: outcome,
  moderator: outcome,
  admin: outcome,
});
/**
 * A participant's action in a meeting. A guest reads along (unauthorized); a suspended member
 * cannot join (the join answers `suspended`), so every later event says "join first" (forbidden).
 */
const PARTICIPANT: SocketExpect = { ...ALL('ok'), guest: 'unauthorized', suspended: 'forbidden' };
/** The meeting's facilitators, moderators and admins only. */
const FACILITATORS: SocketExpect = {
  ...ALL('forbidden'),
  guest: 'unauthorized',
  facilitator: 'ok',
  moderator: 'ok',
  admin: 'ok',
};

const meeting = (_w: World, scene: ChatScene | null) => ({ meetingId: scene!.meetingId });

/**
 * Every socket event × every actor. Keys are "<namespace> <event>" as the gateways declare them;
 * a key may carry a variant after " #". The test fails when an event has no row or a row has no event.
 */
export const SOCKET_MATRIX: Record<string, SocketRow> = {
  // ------------------------------------------------------------------ forum "/" (guests read)
  '/ session:whoami': { expect: ALL('ok'), payload: () => ({}) },
  '/ thread:watch': { expect: ALL('ok'), payload: (w) => ({ threadId: w.thread.id }) },
  '/ thread:watch #removed': {
    expect: { ...ALL('not_found'), owner: 'ok', moderator: 'ok', admin: 'ok' },
    why: 'a removed thread exists only for its author and moderators',
    payload: (w) => ({ threadId: w.removedThread.id }),
  },
  '/ thread:unwatch': { expect: ALL('ok'), payload: (w) => ({ threadId: w.thread.id }) },
  '/ board:watch': { expect: ALL('ok'), payload: () => ({ slug: BOARD }) },
  '/ board:unwatch': { expect: ALL('ok'), payload: () => ({ slug: BOARD }) },

  // ------------------------------------------------------------------ moderation (handshake: moderators)
  '/moderation queue:claim': {
    expect: {
      ...ALL('refused:forbidden'),
      guest: 'refused:unauthorized',
      moderator: 'ok',
      admin: 'ok',
    },
    payload: async (w, _s, actor) => ({
      id: actor === 'moderator' || actor === 'admin' ? await w.freshItem() : w.anonItemId,
    }),
  },

  // ------------------------------------------------------------------ meeting chat "/chat"
  '/chat meeting:join': {
    expect: { ...ALL('ok'), suspended: 'suspended' },
    why: 'guests read open meetings; a suspended member is told why they cannot join',
    chat: { joinFirst: false },
    payload: meeting,
  },
  '/chat meeting:join #members-only': {
    expect: { ...ALL('ok'), guest: 'unauthorized', suspended: 'suspended' },
    chat: { joinFirst: false, meeting: { audience: 'members' } },
    payload: meeting,
  },
  '/chat meeting:leave': { expect: ALL('ok'), chat: {}, payload: meeting },
  '/chat message:send': {
    expect: PARTICIPANT,
    chat: {},
    payload: (_w, s) => ({ meetingId: s!.meetingId, clientId: crypto.randomUUID(), body: 'Thanks for sharing.' }),
  },
  '/chat typing': { expect: PARTICIPANT, chat: {}, payload: meeting },
  '/chat hand:raise': { expect: PARTICIPANT, chat: {}, payload: meeting },
  '/chat hand:lower': { expect: PARTICIPANT, chat: {}, payload: meeting },
  '/chat message:remove': {
    expect: FACILITATORS,
    why: "the owner cannot remove their own message this way (it is a facilitator's tool)",
    chat: {},
    payload: (_w, s) => ({ messageId: s!.messageId, reason: 'Please keep details private.' }),
  },
  '/chat participant:mute': {
    expect: { ...FACILITATORS, owner: 'forbidden' },
    chat: {},
    payload: (_w, s) => ({ meetingId: s!.meetingId, participant: s!.ownerParticipant, minutes: 5 }),
  },
  '/chat participant:remove': {
    expect: FACILITATORS,
    chat: {},
    payload: (_w, s) => ({ meetingId: s!.meetingId, participant: s!.ownerParticipant }),
  },
  '/chat hand:call': {
    expect: FACILITATORS,
    chat: {},
    payload: (_w, s) => ({ meetingId: s!.meetingId, participant: s!.ownerParticipant }),
  },
  '/chat meeting:slowmode': {
    expect: FACILITATORS,
    chat: {},
    payload: (_w, s) => ({ meetingId: s!.meetingId, seconds: 10 }),
  },
  '/chat meeting:end': { expect: FACILITATORS, chat: {}, payload: meeting },
};

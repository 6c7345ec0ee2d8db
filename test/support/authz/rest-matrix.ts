import type { ActorName, World } from './world.js';
import { BOARD, PASSWORD } from './world.js';

/** The HTTP status each actor gets. */
export type Expect = Record<ActorName, number>;

/** What one actor sends: path parameters, query, body, and optionally another account's token. */
export interface RestCall {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  /** Acts as this token instead of the actor's shared account (a fresh account in the same situation). */
  token?: string;
}

export interface RestRow {
  expect: Expect;
  /** Builds the call for one actor; may make a fresh target. Defaults to no parameters. */
  call?: (w: World, actor: ActorName) => Promise<RestCall> | RestCall;
  /** Why the row is the way it is, when it is not obvious. */
  why?: string;
}

// Shorthands for the common shapes; rows override single actors.
const ALL = (status: number): Expect => ({
  guest: status,
  owner: status,
  member: status,
  suspended: status,
  facilitator: status,
  moderator: status,
  admin: status,
});
/** Any signed-in account (suspended too: reading and own settings are not writes). */
const SIGNED_IN = (status: number): Expect => ({ ...ALL(status), guest: 401 });
/** A write: a suspended account gets 403 with the suspension message. */
const WRITE = (status: number): Expect => ({ ...SIGNED_IN(status), suspended: 403 });
const MODERATORS = (status: number): Expect => ({
  ...ALL(403),
  guest: 401,
  moderator: status,
  admin: status,
});
const ADMINS = (status: number): Expect => ({ ...MODERATORS(403), admin: status });
/** Only the owner of the target; everyone else signed in is told it is not theirs (403). */
const OWNER_ONLY = (status: number, others = 403): Expect => ({
  ...ALL(others),
  guest: 401,
  owner: status,
});

/** Removed, held and deleted content exists only for its author and moderators: 404 for everyone else. */
const AUTHOR_AND_MODERATORS = (status: number): Expect => ({
  ...ALL(404),
  owner: status,
  moderator: status,
  admin: status,
});

const thread = (w: World): RestCall => ({ params: { id: w.thread.id } });
/** A device's subscription at a push service that does not exist (nothing is ever delivered there). */
const pushSubscription = () => ({
  endpoint: `https://push.invalid/${crypto.randomUUID()}`,
  keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'AAAAAAAAAAAAAAAAAAAAAA' },
});
const removed = (w: World): RestCall => ({ params: { id: w.removedThread.id } });
/** The actor's own fresh account in the same situation (the call signs it out or deletes it). */
const ownFreshAccount = async (w: World, actor: ActorName, body?: unknown): Promise<RestCall> => {
  const account = await w.freshActor(actor === 'owner' ? 'member' : actor);
  return { ...(account ? { token: account.token } : {}), ...(body ? { body } : {}) };
};

/** The session id inside a token (its `sid` claim). */
const sessionIdOf = (token: string): string =>
  (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sid: string }).sid;

/**
 * Every REST operation × every actor. Keys are "METHOD /path" as in the OpenAPI document with
 * `{param}` written `:param`; a key may carry a variant after " #" (several rows for one route).
 * The test fails when a route has no row or a row has no route.
 */
export const REST_MATRIX: Record<string, RestRow> = {
  // ------------------------------------------------------------------ accounts
  'POST /api/auth/register': {
    expect: ALL(201),
    why: 'anyone may register; a token sent along is ignored',
    call: () => ({ body: { username: `az_${crypto.randomUUID().slice(0, 12)}`, password: PASSWORD } }),
  },
  'POST /api/auth/login': {
    expect: ALL(200),
    why: 'signing in is not a write: a suspended member may sign in to read',
    call: (w, actor) => {
      const who = actor === 'guest' ? w.accounts.owner : w.accounts[actor];
      return { body: { username: who.username, password: PASSWORD } };
    },
  },
  'POST /api/auth/logout-everywhere': { expect: SIGNED_IN(204), call: (w, a) => ownFreshAccount(w, a) },
  'GET /api/me/passkeys': { expect: SIGNED_IN(200) },
  'POST /api/me/passkeys/options': { expect: SIGNED_IN(200), why: 'adding a passkey secures the account: not a write' },
  'POST /api/me/passkeys': {
    expect: SIGNED_IN(400),
    why: 'a made-up ceremony answer is 400 with the reason; the real ceremony is in test/browser/passkeys.browser-spec.ts',
    call: () => ({ body: { response: { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: {} } } }),
  },
  'DELETE /api/me/passkeys/:id': {
    expect: SIGNED_IN(404),
    why: "no passkey here by that id (another member's is answered the same)",
    call: () => ({ params: { id: 'nothing-here' } }),
  },
  'POST /api/auth/passkey/options': { expect: ALL(200) },
  'POST /api/auth/passkey': {
    expect: ALL(400),
    why: 'a made-up ceremony answer is 400 whoever asks',
    call: () => ({ body: { response: { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: {} } } }),
  },
  'GET /api/quick-exit': { expect: ALL(200), why: 'where "Leave quickly" goes: public' },
  'POST /api/auth/logout': { expect: SIGNED_IN(204), call: (w, a) => ownFreshAccount(w, a) },
  'POST /api/auth/recover': {
    expect: ALL(401),
    why: 'anyone may try a recovery code; a wrong one is 401 whoever asks (a token sent along is ignored)',
    call: (w, actor) => {
      const who = actor === 'guest' ? w.accounts.owner : w.accounts[actor];
      return { body: { username: who.username, code: 'abcd-efgh-jkmn', newPassword: 'lantern ocean tuesday fig' } };
    },
  },
  'POST /api/auth/reset': {
    expect: ALL(410),
    why: 'anyone may use a reset link; a made-up one is 410 whoever asks',
    call: () => ({ body: { token: 'x'.repeat(43), newPassword: 'lantern ocean tuesday fig' } }),
  },
  'POST /api/me/password': {
    expect: SIGNED_IN(204),
    why: 'changing your own password is not a write: a suspended member may secure their account',
    call: (w, a) => ownFreshAccount(w, a, { currentPassword: PASSWORD, newPassword: 'lantern ocean tuesday fig' }),
  },
  'POST /api/me/recovery-codes': { expect: SIGNED_IN(200), call: () => ({ body: { currentPassword: PASSWORD } }) },
  'POST /api/me/recovery-codes/saved': { expect: SIGNED_IN(204) },
  'GET /api/me/sessions': { expect: SIGNED_IN(200) },
  'DELETE /api/me/sessions/:id': {
    expect: OWNER_ONLY(204, 404),
    why: "another member's session is answered as if it did not exist",
    call: async (w) => ({
      params: {
        id: sessionIdOf(
          await w
            .ok<{ token: string }>('POST', '/api/auth/login', undefined, {
              username: w.accounts.owner.username,
              password: PASSWORD,
            })
            .then((r) => r.token),
        ),
      },
    }),
  },
  'POST /api/me/sessions/end-others': { expect: SIGNED_IN(204), call: (w, a) => ownFreshAccount(w, a) },
  'GET /api/me': { expect: SIGNED_IN(200) },
  'PATCH /api/me': { expect: SIGNED_IN(200), call: () => ({ body: { anonymousByDefault: false } }) },
  'GET /api/me/export': { expect: SIGNED_IN(200) },
  'DELETE /api/me': {
    expect: SIGNED_IN(204),
    why: 'everyone may delete their own account, suspended or not',
    call: (w, a) => ownFreshAccount(w, a, { password: PASSWORD, mode: 'anonymize' }),
  },

  // ------------------------------------------------------------------ notices (the owner's own)
  'GET /api/me/notices': { expect: SIGNED_IN(200) },
  'POST /api/me/notices/read': { expect: SIGNED_IN(204) },
  'POST /api/me/notices/:id/read': {
    expect: OWNER_ONLY(204, 404),
    why: "another member's notice is answered as if it did not exist",
    call: (w) => ({ params: { id: w.ownerNoticeId } }),
  },
  'POST /api/me/notices/:id/appeal': {
    expect: OWNER_ONLY(201, 404),
    call: async (w, actor) => ({
      params: { id: actor === 'owner' ? await w.freshNotice() : w.ownerNoticeId },
      body: { message: 'I think this was a misunderstanding.' },
    }),
  },

  // ------------------------------------------------------------------ notifications (the member's own)
  'GET /api/me/notifications': { expect: SIGNED_IN(200) },
  'POST /api/me/notifications/read': { expect: SIGNED_IN(200), call: () => ({ body: { all: true } }) },
  'GET /api/me/notification-settings': { expect: SIGNED_IN(200) },
  'PUT /api/me/notification-settings': {
    expect: SIGNED_IN(200),
    why: 'an own setting, not a write of content: a suspended member may change it',
    call: () => ({ body: { autoWatch: true } }),
  },
  'GET /api/me/following': { expect: SIGNED_IN(200) },
  'GET /api/me/unread': { expect: SIGNED_IN(200), call: (w) => ({ query: `threads=${w.thread.id}` }) },
  'GET /api/me/unread-threads': { expect: SIGNED_IN(200) },
  'GET /api/threads/:id/follow': { expect: SIGNED_IN(200), call: thread },
  'PUT /api/threads/:id/follow': { expect: WRITE(200), call: (w) => ({ ...thread(w), body: { level: 'watching' } }) },
  'PUT /api/threads/:id/follow #removed': {
    expect: { ...AUTHOR_AND_MODERATORS(200), guest: 401, suspended: 403 },
    why: 'following a thread you cannot read is the same 404 as one that does not exist',
    call: (w) => ({ ...removed(w), body: { level: 'watching' } }),
  },
  'GET /api/threads/:id/read': { expect: SIGNED_IN(200), call: thread },
  'PUT /api/threads/:id/read': {
    expect: SIGNED_IN(200),
    why: 'a read mark is not a write of content: suspended members keep reading',
    call: (w) => ({ ...thread(w), body: { postId: w.thread.posts.items[0].id } }),
  },
  'GET /api/threads/:id/read #removed': {
    expect: { ...AUTHOR_AND_MODERATORS(200), guest: 401 },
    call: removed,
  },
  'GET /api/threads/:id/mentionable': { expect: SIGNED_IN(200), call: (w) => ({ ...thread(w), query: 'prefix=a' }) },
  'GET /api/threads/:id/mentionable #removed': {
    expect: { ...AUTHOR_AND_MODERATORS(200), guest: 401 },
    why: 'the names of a thread you cannot read are the same 404 as a thread that does not exist',
    call: removed,
  },
  // Push on a device and milestones are the member's own settings, not writes of content.
  'GET /api/push/key': { expect: ALL(200) },
  'POST /api/me/push-subscriptions': {
    expect: SIGNED_IN(201),
    call: () => ({ body: pushSubscription() }),
  },
  'DELETE /api/me/push-subscriptions': {
    expect: SIGNED_IN(204),
    call: () => ({ body: { endpoint: pushSubscription().endpoint } }),
  },
  'GET /api/me/milestones': { expect: SIGNED_IN(200) },
  'PUT /api/me/milestones/:kind': {
    expect: SIGNED_IN(200),
    call: () => ({ params: { kind: 'medication' }, body: { label: 'on methadone since', since: '2025-03-01' } }),
  },
  'POST /api/me/milestones/:kind/reset': {
    expect: SIGNED_IN(200),
    why: 'each actor sets a date first (a reset of no date is 404)',
    call: async (w, actor) => {
      if (actor !== 'guest') {
        await w.ok('PUT', '/api/me/milestones/clean', w.token(actor), { label: 'since', since: '2025-01-01' });
      }
      return { params: { kind: 'clean' } };
    },
  },
  'DELETE /api/me/milestones/:kind': { expect: SIGNED_IN(204), call: () => ({ params: { kind: 'medication' } }) },
  'GET /api/boards/:slug/follow': { expect: SIGNED_IN(200), call: () => ({ params: { slug: BOARD } }) },
  'PUT /api/boards/:slug/follow': {
    expect: WRITE(200),
    call: () => ({ params: { slug: BOARD }, body: { level: 'watching' } }),
  },

  // ------------------------------------------------------------------ boards and threads
  'GET /api/boards': { expect: ALL(200) },
  'POST /api/boards': {
    expect: ADMINS(201),
    call: () => {
      const slug = `az-${crypto.randomUUID().slice(0, 8)}`;
      return { body: { slug, name: `Board ${slug}` } };
    },
  },
  'GET /api/boards/:slug': { expect: ALL(200), call: () => ({ params: { slug: BOARD } }) },
  'PATCH /api/boards/:slug': {
    expect: ADMINS(200),
    call: (w) => ({ params: { slug: w.boardSlug }, body: { description: 'Edited by the matrix.' } }),
  },
  'GET /api/boards/:slug/threads': { expect: ALL(200), call: () => ({ params: { slug: BOARD } }) },
  'POST /api/boards/:slug/threads': {
    expect: WRITE(201),
    call: () => ({ params: { slug: BOARD }, body: { title: 'Thirty days today', body: 'Thank you, everyone.' } }),
  },
  'GET /api/boards/:slug/articles': { expect: ALL(200), call: () => ({ params: { slug: BOARD } }) },
  'PUT /api/boards/:slug/articles': {
    expect: ADMINS(200),
    call: (w) => ({ params: { slug: w.boardSlug }, body: { slugs: [] } }),
  },
  'GET /api/threads': { expect: ALL(200), call: () => ({ query: 'unanswered=true' }) },
  'GET /api/threads/:id': { expect: ALL(200), call: thread },
  'PATCH /api/threads/:id': {
    expect: MODERATORS(200),
    why: 'pinning and locking is for moderators, not the thread author',
    call: async (w, actor) => ({
      params: { id: actor === 'owner' ? w.thread.id : (await w.newThread(w.accounts.owner)).id },
      body: { locked: true },
    }),
  },
  'GET /api/threads/:id/posts': { expect: ALL(200), call: thread },
  'POST /api/threads/:id/posts': { expect: WRITE(201), call: (w) => ({ ...thread(w), body: { body: 'Me too.' } }) },
  'GET /api/threads/:id/alias': { expect: SIGNED_IN(200), call: thread },
  'GET /api/threads/:id/related': { expect: ALL(200), call: thread },
  'GET /api/threads/:id #removed': { expect: AUTHOR_AND_MODERATORS(200), call: removed },
  'GET /api/threads/:id/posts #removed': { expect: AUTHOR_AND_MODERATORS(200), call: removed },
  'GET /api/threads/:id/related #removed': {
    expect: AUTHOR_AND_MODERATORS(200),
    why: 'related reading must not confirm that a removed or held thread exists, nor hint at its topic',
    call: removed,
  },
  'GET /api/threads/:id/alias #removed': { expect: { ...AUTHOR_AND_MODERATORS(200), guest: 401 }, call: removed },
  'POST /api/threads/:id/posts #removed': {
    expect: { ...AUTHOR_AND_MODERATORS(403), guest: 401, suspended: 403 },
    why: 'a removed thread takes no replies; to those who cannot see it, it does not exist',
    call: (w) => ({ ...removed(w), body: { body: 'Me too.' } }),
  },
  'PATCH /api/posts/:id': {
    expect: OWNER_ONLY(200),
    why: 'only the author edits; moderators remove through the queue instead',
    call: (w) => ({ params: { id: w.ownerPost.id }, body: { body: 'Thank you all (edited).' } }),
  },
  'DELETE /api/posts/:id': {
    expect: OWNER_ONLY(200),
    call: async (w) => ({ params: { id: (await w.freshPost()).id } }),
  },
  'PUT /api/posts/:id/reactions/:kind': {
    expect: { ...WRITE(200), owner: 403 },
    call: (w) => ({ params: { id: w.ownerPost.id, kind: 'support' } }),
    why: "reactions are for other people's posts: the owner is told so kindly (403)",
  },
  'DELETE /api/posts/:id/reactions/:kind': {
    expect: WRITE(200),
    call: (w) => ({ params: { id: w.ownerPost.id, kind: 'support' } }),
  },
  'POST /api/preview': { expect: SIGNED_IN(200), call: () => ({ body: { body: '**bold** move' } }) },
  'GET /api/search': { expect: ALL(200), call: () => ({ query: 'q=bluebirdanon' }) },
  'GET /api/members/:username': {
    expect: ALL(200),
    call: (w) => ({ params: { username: w.accounts.owner.username } }),
  },

  // ------------------------------------------------------------------ flags and moderation
  'POST /api/flags': {
    expect: { ...WRITE(201), owner: 403 },
    why: 'members flag others; flagging your own post is refused',
    call: async (w) => ({ body: { targetType: 'post', targetId: (await w.freshPost()).id, reason: 'spam' } }),
  },
  'GET /api/moderation/queue': { expect: MODERATORS(200) },
  'GET /api/moderation/items/:id': { expect: MODERATORS(200), call: (w) => ({ params: { id: w.anonItemId } }) },
  'POST /api/moderation/items/:id/claim': {
    expect: MODERATORS(200),
    call: async (w) => ({ params: { id: await w.freshItem() } }),
  },
  'DELETE /api/moderation/items/:id/claim': {
    expect: MODERATORS(200),
    call: async (w, actor) => {
      const id = await w.freshItem();
      const claimer = actor === 'admin' ? w.accounts.admin : w.accounts.moderator;
      await w.ok('POST', `/api/moderation/items/${id}/claim`, claimer.token);
      return { params: { id } };
    },
  },
  'POST /api/moderation/items/:id/actions': {
    expect: MODERATORS(200),
    call: async (w) => ({ params: { id: await w.freshItem() }, body: { action: 'remove', reason: 'spam' } }),
  },
  'POST /api/moderation/items/:id/detection-verdict': {
    expect: MODERATORS(422),
    why: 'moderators judge automatic detections; a flag item has no crisis detection to judge (200 is in safety-model.e2e-spec.ts)',
    call: async (w) => ({ params: { id: await w.freshItem() }, body: { kind: 'crisis', upheld: true } }),
  },
  'POST /api/moderation/targets/:type/:id/actions': {
    expect: MODERATORS(200),
    call: async (w) => ({
      params: { type: 'post', id: (await w.freshPost()).id },
      body: { action: 'remove', reason: 'spam' },
    }),
  },
  'GET /api/moderation/log': { expect: MODERATORS(200) },
  'POST /api/moderation/unmask': {
    expect: ADMINS(200),
    why: 'the one way to learn an anonymous author: admins only, and it is logged',
    call: (w) => ({
      body: { targetType: 'post', targetId: w.anonReply.id, reason: 'Court order 2025-17 (matrix test)' },
    }),
  },
  'GET /api/admin/users': { expect: ADMINS(200) },
  'PUT /api/admin/users/:username/role': {
    expect: ADMINS(200),
    call: async (w) => ({ params: { username: (await w.account()).username }, body: { role: 'moderator' } }),
  },
  'PUT /api/admin/users/:username/suspension': {
    expect: ADMINS(200),
    call: async (w) => ({ params: { username: (await w.account()).username }, body: { days: 1, reason: 'repeated' } }),
  },
  'DELETE /api/admin/users/:username/suspension': {
    expect: ADMINS(200),
    call: async (w) => ({ params: { username: (await w.suspendedMember()).username } }),
  },
  'GET /api/admin/watched-words': { expect: ADMINS(200) },
  'POST /api/admin/watched-words': {
    expect: ADMINS(201),
    call: () => ({ body: { pattern: `az${crypto.randomUUID().slice(0, 8)}`, action: 'flag' } }),
  },
  'DELETE /api/admin/watched-words/:id': {
    expect: ADMINS(204),
    call: async (w) => ({ params: { id: await w.freshWatchedWord() } }),
  },
  'POST /api/admin/watched-words/import': {
    expect: ADMINS(201),
    call: () => ({ body: { csv: `az${crypto.randomUUID().slice(0, 8)},flag` } }),
  },
  'POST /api/admin/watched-words/test': { expect: ADMINS(200), call: () => ({ body: { text: 'hello there' } }) },
  'GET /api/admin/library/pins': { expect: ADMINS(200) },

  // ------------------------------------------------------------------ library and health
  'GET /api/articles': { expect: ALL(200) },
  'GET /api/articles/:slug': { expect: ALL(200), call: () => ({ params: { slug: 'getting-help-now' } }) },
  'GET /api/resources/crisis': { expect: ALL(200) },
  'GET /api/health': { expect: ALL(200) },

  // ------------------------------------------------------------------ meetings
  'GET /api/meetings': { expect: ALL(200) },
  'POST /api/meetings': {
    expect: MODERATORS(201),
    why: 'facilitators run meetings in the room; scheduling is for moderators',
    call: (w) => ({
      body: {
        name: 'Morning Check-in',
        audience: 'members',
        startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        timezone: 'America/New_York',
        durationMinutes: 45,
        facilitators: [w.accounts.facilitator.username],
      },
    }),
  },
  'GET /api/meetings/:id': { expect: ALL(200), call: (w) => ({ params: { id: w.meeting.id } }) },
  'GET /api/meetings/:id/calendar.ics': { expect: ALL(200), call: (w) => ({ params: { id: w.meeting.id } }) },
  'PATCH /api/meetings/:id': {
    expect: MODERATORS(200),
    why: 'a facilitator cannot reschedule or re-staff the meeting they run',
    call: (w) => ({ params: { id: w.meeting.id }, body: { description: 'Bring a cup of tea.' } }),
  },
  'DELETE /api/meetings/:id': {
    expect: MODERATORS(204),
    call: async (w) => ({ params: { id: (await w.newMeeting()).id } }),
  },
  'DELETE /api/meetings/:id/sessions/:sessionId': {
    expect: MODERATORS(204),
    call: async (w) => {
      const meeting = await w.newMeeting({ startsAt: new Date(Date.now() + 86_400_000).toISOString() });
      return { params: { id: meeting.id, sessionId: await w.sessionOf(meeting.id) } };
    },
  },
  'PUT /api/meetings/facilitator-name': {
    expect: { ...WRITE(403), facilitator: 200, moderator: 200, admin: 200 },
    why: 'only people who run meetings choose the role name they appear under',
    call: () => ({ body: { name: 'Sam' } }),
  },
  'PUT /api/meetings/:id/rsvp': { expect: WRITE(200), call: (w) => ({ params: { id: w.meeting.id } }) },
  'DELETE /api/meetings/:id/rsvp': {
    expect: SIGNED_IN(200),
    why: 'taking an RSVP back is allowed while suspended',
    call: (w) => ({ params: { id: w.meeting.id } }),
  },
};

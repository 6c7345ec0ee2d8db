import type {
  AuthResponse,
  FlagCreated,
  JoinResult,
  MeetingView,
  NoticeList,
  PostView,
  ThreadView,
  WatchedWordView,
} from '@kindred/contracts';
import type { Socket } from 'socket.io-client';
import { TokenService } from '../../../apps/api/src/auth/token.service.js';
import { AdminUsersService } from '../../../apps/api/src/moderation/admin/admin-users.service.js';
import { UsersRepository } from '../../../apps/api/src/users/users.repository.js';
import { connected, emitAck, uniqueName, type TestApp } from '../test-app.js';

/** Who acts. "owner" owns the target of the row (its thread, post, notice…); "member" is another member. */
export const ACTORS = ['guest', 'owner', 'member', 'suspended', 'facilitator', 'moderator', 'admin'] as const;
export type ActorName = (typeof ACTORS)[number];

export const PASSWORD = 'a long and good passphrase';
export const BOARD = 'welcome-introductions';

export interface Account {
  id: string;
  username: string;
  token: string;
}

type Ack<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

/** A live meeting with the owner in the room: their participant handle, a message and a raised hand. */
export interface ChatScene {
  meetingId: string;
  ownerParticipant: string;
  messageId: string;
  ownerSocket: Socket;
}

/**
 * The accounts and the targets of the authorization matrix, made through the real API (and, for
 * the first admin, the same service the `kindred set-role` CLI uses). Shared targets are made
 * once; `fresh…` helpers make a new one for rows whose call destroys or changes its target.
 */
export class World {
  readonly accounts = {} as Record<Exclude<ActorName, 'guest'>, Account>;
  /** Writes anonymously only; no response except an admin unmask may name this account. */
  anonAuthor!: Account;
  /** A thread by the owner with an anonymous reply by anonAuthor. */
  thread!: ThreadView;
  /** An anonymous thread by anonAuthor and its anonymous reply in the owner's thread. */
  anonThread!: ThreadView;
  anonReply!: PostView;
  /** A thread of the owner's that moderators removed: it exists only for its author and moderators. */
  removedThread!: ThreadView;
  /** The owner's reply in `thread` (edited by the PATCH row, reacted to by the reaction rows). */
  ownerPost!: PostView;
  /** The queue item of the flagged anonymous reply. */
  anonItemId!: string;
  /** A meeting (members only, starts next month) that the facilitator runs. */
  meeting!: MeetingView;
  /** A removal notice of the owner's. */
  ownerNoticeId!: string;
  /** A board made by the admin for the board-editing rows. */
  boardSlug!: string;

  constructor(readonly t: TestApp) {}

  token(actor: ActorName): string | undefined {
    return actor === 'guest' ? undefined : this.accounts[actor].token;
  }

  async build(): Promise<void> {
    // The actors register through the API (two at a time: argon2 is the slow part).
    const [admin, moderator, owner, member, facilitator, suspended, anonAuthor] = await Promise.all(
      Array.from({ length: 7 }, () => this.register()),
    );
    await this.t.app.get(AdminUsersService).setRole(admin.username, 'admin');
    this.accounts.admin = admin;
    await this.ok('PUT', `/api/admin/users/${moderator.username}/role`, admin.token, { role: 'moderator' });
    Object.assign(this.accounts, { moderator, owner, member, facilitator, suspended });
    this.anonAuthor = anonAuthor;
    await this.suspend(suspended);

    this.thread = await this.newThread(this.accounts.owner, false, 'Week two, still here and still trying');
    this.ownerPost = await this.reply(this.thread.id, this.accounts.owner, 'Thank you all for the kind words.');
    this.anonThread = await this.newThread(this.anonAuthor, true, 'Nobody at home knows I relapsed');
    this.anonReply = await this.reply(this.thread.id, this.anonAuthor, 'Same here, bluebirdanon counts days.', true);
    this.anonItemId = await this.flag(this.anonReply.id, this.accounts.member);
    // The moderation log then has an entry about anonymous content.
    await this.act('thread', this.anonThread.id, { action: 'approve', reason: 'no_violation' });
    this.removedThread = await this.newThread(this.accounts.owner, false, 'A thread the moderators removed');
    await this.act('thread', this.removedThread.id, { action: 'remove', reason: 'off_topic' });
    this.meeting = await this.newMeeting({ startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    this.ownerNoticeId = await this.freshNotice();
    this.boardSlug = await this.freshBoard();
  }

  // ------------------------------------------------------------------ accounts

  private passwordHash: string | null = null;

  /** Registers through the API. */
  async register(): Promise<Account> {
    const auth: AuthResponse = await this.t.register(uniqueName('az'), PASSWORD);
    return { id: auth.user.id, username: auth.user.username, token: auth.token };
  }

  /**
   * Another member with the same password, stored as registration stores it but without hashing
   * again (argon2 takes ~0.5 s on the CI machine; the matrix needs dozens of throwaway accounts).
   */
  async account(): Promise<Account> {
    this.passwordHash ??= (
      await this.t.dataSource.query<{ password_hash: string }[]>('SELECT password_hash FROM users WHERE id = $1', [
        this.accounts.owner.id,
      ])
    )[0].password_hash;
    const user = await this.t.app
      .get(UsersRepository)
      .create({ username: uniqueName('az'), passwordHash: this.passwordHash });
    return { id: user.id, username: user.username, token: await this.t.app.get(TokenService).issue(user) };
  }

  /** A new account in the same situation as `actor` (for rows that sign out or delete the account). */
  async freshActor(actor: ActorName): Promise<Account | undefined> {
    if (actor === 'guest') return undefined;
    const account = await this.account();
    if (actor === 'moderator' || actor === 'admin') {
      await this.ok('PUT', `/api/admin/users/${account.username}/role`, this.accounts.admin.token, { role: actor });
    } else if (actor === 'suspended') {
      await this.suspend(account);
    } else if (actor === 'facilitator') {
      await this.newMeeting({ facilitators: [account.username] });
    }
    return account;
  }

  /** Suspends through the moderation API: a moderator suspends the author of a thread for 30 days. */
  async suspend(account: Account): Promise<void> {
    const own = await this.newThread(account, false, 'Selling extras, message me');
    await this.act('thread', own.id, { action: 'suspend_author', reason: 'sourcing', days: 30 });
  }

  /** A member suspended through the moderation API (a target for lifting suspensions). */
  async suspendedMember(): Promise<Account> {
    return (await this.freshActor('suspended'))!;
  }

  // ------------------------------------------------------------------ content

  async newThread(author: Account, anonymous = false, title = 'Checking in after a hard week'): Promise<ThreadView> {
    return this.ok<ThreadView>('POST', `/api/boards/${BOARD}/threads`, author.token, {
      title,
      body: 'Some days are better than others. Today was okay.',
      anonymous,
    });
  }

  async reply(threadId: string, author: Account, body: string, anonymous = false): Promise<PostView> {
    return this.ok<PostView>('POST', `/api/threads/${threadId}/posts`, author.token, { body, anonymous });
  }

  /** A new reply by the owner in the shared thread. */
  async freshPost(): Promise<PostView> {
    return this.reply(this.thread.id, this.accounts.owner, `A reply to act on ${uniqueName('p')}`);
  }

  async flag(postId: string, by: Account): Promise<string> {
    const res = await this.ok<FlagCreated>('POST', '/api/flags', by.token, {
      targetType: 'post',
      targetId: postId,
      reason: 'spam',
    });
    return res.itemId;
  }

  private flagger: { account: Account; flags: number } | null = null;

  /** An open queue item about a fresh post of the owner's (flagged by helpers under the daily flag limit). */
  async freshItem(): Promise<string> {
    if (!this.flagger || this.flagger.flags >= 15) this.flagger = { account: await this.account(), flags: 0 };
    this.flagger.flags++;
    return this.flag((await this.freshPost()).id, this.flagger.account);
  }

  async act(type: string, id: string, body: Record<string, unknown>): Promise<void> {
    await this.ok('POST', `/api/moderation/targets/${type}/${id}/actions`, this.accounts.moderator.token, body);
  }

  /** A fresh removal notice of the owner's (appealable once). */
  async freshNotice(): Promise<string> {
    const post = await this.freshPost();
    await this.act('post', post.id, { action: 'remove', reason: 'spam' });
    const list = await this.ok<NoticeList>('GET', '/api/me/notices', this.accounts.owner.token);
    const notice = list.notices.find((n) => n.targetId === post.id);
    if (!notice) throw new Error('no removal notice for the owner');
    return notice.id;
  }

  async freshBoard(): Promise<string> {
    const slug = uniqueName('board').replace(/_/g, '-').toLowerCase();
    await this.ok('POST', '/api/boards', this.accounts.admin.token, { slug, name: `Board ${slug}` });
    return slug;
  }

  async freshWatchedWord(): Promise<string> {
    const word = await this.ok<WatchedWordView>('POST', '/api/admin/watched-words', this.accounts.admin.token, {
      pattern: uniqueName('ww'),
      action: 'flag',
    });
    return word.id;
  }

  // ------------------------------------------------------------------ meetings

  /** A meeting the facilitator runs; by default open to guests and live now. */
  async newMeeting(overrides: Record<string, unknown> = {}): Promise<MeetingView> {
    return this.ok<MeetingView>('POST', '/api/meetings', this.accounts.moderator.token, {
      name: `Evening Circle ${uniqueName('m')}`,
      description: 'A small group for the evening.',
      audience: 'open',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      timezone: 'America/New_York',
      durationMinutes: 120,
      facilitators: [this.accounts.facilitator.username],
      ...overrides,
    });
  }

  /** A stored session id of a meeting (via an RSVP, which stores the next session). */
  async sessionOf(meetingId: string): Promise<string> {
    const rsvp = await this.ok<{ sessionId: string }>(
      'PUT',
      `/api/meetings/${meetingId}/rsvp`,
      this.accounts.moderator.token,
    );
    return rsvp.sessionId;
  }

  /** A fresh live open meeting with the owner joined, having sent a message and raised a hand. */
  async chatScene(overrides: Record<string, unknown> = {}): Promise<ChatScene> {
    const meeting = await this.newMeeting(overrides);
    const ownerSocket = this.t.socket('/chat', this.accounts.owner.token);
    await connected(ownerSocket);
    const join = await emitAck<Ack<JoinResult>>(ownerSocket, 'meeting:join', { meetingId: meeting.id });
    if (!join.ok || !join.you.participant) throw new Error(`owner could not join: ${JSON.stringify(join)}`);
    const sent = await emitAck<Ack<{ message: { id: string } }>>(ownerSocket, 'message:send', {
      meetingId: meeting.id,
      clientId: crypto.randomUUID(),
      body: 'Glad to be here tonight.',
    });
    if (!sent.ok) throw new Error(`owner could not send: ${JSON.stringify(sent)}`);
    await emitAck(ownerSocket, 'hand:raise', { meetingId: meeting.id });
    return { meetingId: meeting.id, ownerParticipant: join.you.participant, messageId: sent.message.id, ownerSocket };
  }

  // ------------------------------------------------------------------ helpers

  /** A setup call that must succeed. */
  async ok<T = unknown>(method: string, path: string, token: string | undefined, body?: unknown): Promise<T> {
    const res = await this.t.api<T>(method, path, { token, ...(body !== undefined ? { body } : {}) });
    if (res.status >= 300) throw new Error(`setup ${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

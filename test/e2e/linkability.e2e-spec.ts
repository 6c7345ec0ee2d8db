import { jest } from '@jest/globals';
import type { AuthResponse, PostView, ThreadView } from '@kindred/contracts';
import type { Socket } from 'socket.io-client';
import { PrivacyEraser } from '../../apps/api/src/privacy/privacy-eraser.js';
import { connected, emitAck, startTestApp, uniqueName, type TestApp } from '../support/test-app.js';

jest.setTimeout(120_000);

const BOARD = 'welcome-introductions';
const PASSWORD = 'a long and good passphrase';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every scalar field of one object, by path; nested objects that are themselves tracked are left to their own entry. */
function flatten(
  value: unknown,
  tracked: Set<string>,
  prefix = '',
  out = new Map<string, string>(),
): Map<string, string> {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      if (!isTracked(v, tracked)) flatten(v, tracked, `${prefix}[${i}]`, out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (isTracked(v, tracked)) continue;
      flatten(v, tracked, prefix ? `${prefix}.${key}` : key, out);
    }
  } else {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

const ID_KEYS = ['id', 'postId', 'threadId', 'targetId'];

/** The tracked content an object is about (the first id-like field naming one), or null. */
function subjectOf(value: unknown, tracked: Set<string>): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  for (const key of ID_KEYS) {
    const id = (value as Record<string, unknown>)[key];
    if (typeof id === 'string' && tracked.has(id)) return `${key}:${id}`;
  }
  return null;
}
const isTracked = (value: unknown, tracked: Set<string>): boolean => subjectOf(value, tracked) !== null;

/** Walks every JSON document: for each object about a tracked post or thread, its fields (by where it was seen). */
function observations(
  docs: Array<{ source: string; body: unknown }>,
  tracked: Set<string>,
): Map<string, Map<string, Set<string>>> {
  // content id → field ("source|subjectKey|path") → values seen
  const seen = new Map<string, Map<string, Set<string>>>();
  const visit = (source: string, value: unknown): void => {
    if (Array.isArray(value)) return value.forEach((v) => visit(source, v));
    if (value === null || typeof value !== 'object') return;
    const subject = subjectOf(value, tracked);
    if (subject) {
      const [key, id] = subject.split(':');
      const fields = seen.get(id) ?? new Map<string, Set<string>>();
      seen.set(id, fields);
      for (const [path, v] of flatten(value, tracked)) {
        const field = `${source}|${key}|${path}`;
        fields.set(field, (fields.get(field) ?? new Set()).add(v));
      }
    }
    for (const v of Object.values(value)) visit(source, v);
  };
  for (const doc of docs) visit(doc.source, doc.body);
  return seen;
}

/**
 * A link: two of the member's posts (or threads) share a field value that no other member's
 * content of the same kind shows in that field. Ids are unique by nature and left out.
 */
function links(
  seen: Map<string, Map<string, Set<string>>>,
  mine: string[],
  others: string[],
  signed: Set<string>,
): string[] {
  const found: string[] = [];
  const fieldsOf = (id: string) => seen.get(id) ?? new Map<string, Set<string>>();
  for (let i = 0; i < mine.length; i++) {
    for (let j = i + 1; j < mine.length; j++) {
      // Two signed posts carry the same username by design; any pair with an anonymous one may not match.
      if (signed.has(mine[i]) && signed.has(mine[j])) continue;
      const a = fieldsOf(mine[i]);
      const b = fieldsOf(mine[j]);
      for (const [field, values] of a) {
        if (/\|(id|postId|threadId|targetId)$/.test(field)) continue;
        const shared = [...values].filter((v) => b.get(field)?.has(v));
        for (const value of shared) {
          const elsewhere = others.some((o) => fieldsOf(o).get(field)?.has(value));
          if (!elsewhere) found.push(`${field} = ${value} (on ${mine[i]} and ${mine[j]})`);
        }
      }
    }
  }
  return found;
}

/**
 * Issue 13, "find the next one before a visitor does": one member writes anonymous posts in
 * several threads (and signed ones); every operation that changes many of a member's rows at
 * once runs; after each, every response a guest, another member, a moderator and an admin can
 * get (and every live event a watcher receives) is walked, and no field may be equal across two
 * of that member's posts while different from every other member's posts. Generic: a new field
 * in any view is checked the day it is added.
 */
describe('linkability: no operation on a member marks their posts alike', () => {
  let t: TestApp;
  let target: AuthResponse;
  let others: AuthResponse[];
  let moderator: AuthResponse;
  let admin: AuthResponse;
  const mine: string[] = [];
  const mineThreads: string[] = [];
  const control: string[] = [];
  const controlThreads: string[] = [];
  const threads: string[] = [];
  /** The member's signed posts and threads. */
  const signed = new Set<string>();
  const live: Array<{ source: string; body: unknown }> = [];
  let watchers: Socket[] = [];

  const newThread = async (who: AuthResponse, anonymous: boolean, n: number): Promise<ThreadView> => {
    const res = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: who.token,
      body: { title: `Recovery day ${n}, one step at a time`, body: `Recovery words number ${n}.`, anonymous },
    });
    expect(res.status).toBe(201);
    threads.push(res.body.id);
    return res.body;
  };
  const newReply = async (who: AuthResponse, threadId: string, anonymous: boolean, n: number): Promise<PostView> => {
    const res = await t.api<PostView>('POST', `/api/threads/${threadId}/posts`, {
      token: who.token,
      body: { body: `A recovery reply number ${n}.`, anonymous },
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp({ ERASE_WINDOW_SECONDS: '60' });
    target = await t.register();
    others = [await t.register(), await t.register()];
    moderator = await t.register(uniqueName('mod'));
    admin = await t.register(uniqueName('adm'));
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
    await t.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.user.id]);
    let n = 0;
    // Other members' content: anonymous and signed threads and replies, some deleted by hand.
    const otherThreads: ThreadView[] = [];
    for (const other of others) {
      for (const anonymous of [true, true, false]) {
        const thread = await newThread(other, anonymous, n++);
        otherThreads.push(thread);
        controlThreads.push(thread.id);
        control.push(thread.posts.items[0].id);
      }
    }
    // The member: anonymous threads, anonymous replies in others' threads, signed posts.
    for (const anonymous of [true, true, false]) {
      const thread = await newThread(target, anonymous, n++);
      mine.push(thread.posts.items[0].id);
      mineThreads.push(thread.id);
      if (!anonymous) signed.add(thread.id).add(thread.posts.items[0].id);
    }
    for (const [i, thread] of otherThreads.entries()) {
      const reply = await newReply(target, thread.id, i % 3 !== 2, n++);
      mine.push(reply.id);
      if (i % 3 === 2) signed.add(reply.id);
      for (const other of others) control.push((await newReply(other, thread.id, true, n++)).id);
    }
    // Others reply in the member's threads too, and some threads of theirs have no reply yet.
    for (const id of mineThreads) for (const other of others) control.push((await newReply(other, id, true, n++)).id);
    const quiet: string[] = [];
    for (const other of others) {
      const thread = await newThread(other, true, n++);
      quiet.push(thread.id);
      controlThreads.push(thread.id);
      control.push(thread.posts.items[0].id);
    }
    // One of them with as many replies as the member's threads have.
    for (const other of others) control.push((await newReply(other, quiet[0], true, n++)).id);
    // Watchers of every thread: a guest, another member, a moderator.
    watchers = [t.socket('/'), t.socket('/', others[0].token), t.socket('/', moderator.token)];
    await Promise.all(watchers.map((s) => connected(s)));
    for (const [w, socket] of watchers.entries()) {
      for (const id of threads) await emitAck(socket, 'thread:watch', { threadId: id });
      socket.onAny((event: string, body: unknown) => live.push({ source: `live#${w}:${event}`, body }));
    }
    // Others delete some of theirs by hand (an opening post and replies), as anyone may.
    const quietOpening: Array<{ id: string }> = await t.dataSource.query(
      `SELECT opening_post_id AS id FROM threads WHERE id = $1`,
      [quiet[0]],
    );
    expect((await t.api('DELETE', `/api/posts/${quietOpening[0].id}`, { token: others[0].token })).status).toBe(200);
    for (const other of others) {
      const replies: Array<{ id: string }> = await t.dataSource.query(
        `SELECT p.id FROM posts p JOIN threads t ON t.id = p.thread_id
          WHERE p.author_id = $1 AND t.opening_post_id <> p.id ORDER BY p.created_at LIMIT 2`,
        [other.user.id],
      );
      for (const p of replies) {
        expect((await t.api('DELETE', `/api/posts/${p.id}`, { token: other.token })).status).toBe(200);
      }
    }
  });
  afterAll(() => t.close());

  /** Everything each actor can read about the boards, moderation and admin screens. */
  async function everything(): Promise<Array<{ source: string; body: unknown }>> {
    const docs: Array<{ source: string; body: unknown }> = [...live];
    const actors: Array<[string, string | undefined]> = [
      ['guest', undefined],
      ['member', others[1].token],
      ['moderator', moderator.token],
      ['admin', admin.token],
    ];
    for (const [name, token] of actors) {
      const get = async (path: string): Promise<void> => {
        const res = await t.api('GET', path, { token });
        docs.push({ source: `${name} ${path.replace(/[0-9a-f-]{36}/g, ':id')}`, body: res.body });
      };
      await get(`/api/boards/${BOARD}/threads?limit=50`);
      await get('/api/boards');
      await get('/api/search?q=recovery&limit=50');
      for (const id of threads) {
        await get(`/api/threads/${id}?limit=50`);
        await get(`/api/threads/${id}/posts?limit=50`);
      }
      if (name === 'moderator' || name === 'admin') {
        await get('/api/moderation/queue?limit=50');
        await get('/api/moderation/queue?status=resolved&limit=50');
        await get('/api/moderation/log?limit=50');
      }
      if (name === 'admin') await get('/api/admin/users');
    }
    return docs;
  }

  async function expectUnlinkable(step: string): Promise<void> {
    await sleep(300);
    const tracked = new Set([...mine, ...control, ...mineThreads, ...controlThreads]);
    const seen = observations(await everything(), tracked);
    expect({ step, posts: links(seen, mine, control, signed) }).toEqual({ step, posts: [] });
    expect({ step, threads: links(seen, mineThreads, controlThreads, signed) }).toEqual({ step, threads: [] });
  }

  it('finds no link before anything happens (the baseline)', async () => {
    await expectUnlinkable('baseline');
  });

  it('finds none after a role change', async () => {
    for (const role of ['moderator', 'member']) {
      const res = await t.api('PUT', `/api/admin/users/${target.user.username}/role`, {
        token: admin.token,
        body: { role },
      });
      expect(res.status).toBe(200);
    }
    await expectUnlinkable('role change');
  });

  it('finds none after a suspension through one of their anonymous posts, and its lifting', async () => {
    const res = await t.api('POST', `/api/moderation/targets/post/${mine[0]}/actions`, {
      token: moderator.token,
      body: { action: 'suspend_author', reason: 'harassment', days: 1 },
    });
    expect(res.status).toBe(200);
    await expectUnlinkable('suspension');
    const lifted = await t.api('DELETE', `/api/admin/users/${target.user.username}/suspension`, {
      token: admin.token,
    });
    expect(lifted.status).toBe(200);
    await expectUnlinkable('lifted suspension');
  });

  it('finds none after an export', async () => {
    expect((await t.api('GET', '/api/me/export', { token: target.token })).status).toBe(200);
    await expectUnlinkable('export');
  });

  it('finds none after "delete my account and erase my posts", when nothing is erased yet and once all is', async () => {
    const res = await t.api('DELETE', '/api/me', { token: target.token, body: { password: PASSWORD, mode: 'erase' } });
    expect(res.status).toBe(204);
    await expectUnlinkable('account deleted, erasures pending');
    await t.dataSource.query(`UPDATE erasures SET due_at = now()`);
    // The app's own scheduled sweep may hold the sweep's lock at this moment (then this call does
    // nothing): sweep again until the erasures are done, for at most a few seconds.
    const remaining = async (): Promise<number> =>
      (
        (await t.dataSource.query(
          `SELECT count(*)::int AS n FROM posts WHERE id = ANY($1::uuid[]) AND status <> 'deleted'`,
          [mine],
        )) as Array<{ n: number }>
      )[0].n;
    for (let i = 0; i < 20 && (await remaining()) > 0; i++) {
      await t.app.get(PrivacyEraser).sweep();
      if ((await remaining()) > 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(await remaining()).toBe(0);
    await expectUnlinkable('all erased');
  });
});

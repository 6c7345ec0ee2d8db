import { jest } from '@jest/globals';
import type {
  AuthResponse,
  BoardView,
  ErrorBody,
  FlagCreated,
  ModerationActionResult,
  NoticeList,
  Page,
  QueuePage,
  SearchResult,
  ThreadSummary,
  ThreadView,
} from '@kindred/contracts';
import { mergeOpeningPostItems } from '../../apps/api/src/database/migrations/1765000000000-one-item-per-target.js';
import { startTestApp, uniqueName, type TestApp } from '../support/test-app.js';

const BOARD = 'welcome-introductions';
jest.setTimeout(60_000);

/**
 * Issue 15, moderation 1: flags on a thread's opening post are flags on the thread. Removing (or
 * hiding) it takes the whole thread out of every list, search, related reading and count; restoring
 * brings it back; and a flag, a detection and more flags on the same content are one queue item.
 */
describe('taking down a flagged opening post', () => {
  let t: TestApp;
  let moderator: AuthResponse;
  beforeAll(async () => {
    t = await startTestApp();
    moderator = await t.register(uniqueName('mod'));
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
  });
  afterAll(() => t.close());

  const word = () => `zq${Math.random().toString(36).slice(2, 9)}`;

  const newThread = async (author: AuthResponse, title: string, body: string): Promise<ThreadView> => {
    const res = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: author.token,
      body: { title, body, anonymous: true },
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  const flag = async (targetId: string, reason: string, targetType = 'post'): Promise<FlagCreated> => {
    const member = await t.register();
    const res = await t.api<FlagCreated & ErrorBody>('POST', '/api/flags', {
      token: member.token,
      body: { targetType, targetId, reason },
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  /** Everywhere a guest or another member could come across the thread. */
  const seenAnywhere = async (thread: ThreadView, keyword: string, token?: string) => {
    const board = await t.api<Page<ThreadSummary>>('GET', `/api/boards/${BOARD}/threads?limit=50`, { token });
    const boardUnanswered = await t.api<Page<ThreadSummary>>(
      'GET',
      `/api/boards/${BOARD}/threads?unanswered=true&limit=50`,
      { token },
    );
    const unanswered = await t.api<Page<ThreadSummary>>('GET', '/api/threads?unanswered=true&limit=50', { token });
    const search = await t.api<Page<SearchResult>>('GET', `/api/search?q=${keyword}`, { token });
    const related = await t.api('GET', `/api/threads/${thread.id}/related`, { token });
    const page = await t.api('GET', `/api/threads/${thread.id}`, { token });
    return {
      board: board.body.items.some((x) => x.id === thread.id),
      boardUnanswered: boardUnanswered.body.items.some((x) => x.id === thread.id),
      unanswered: unanswered.body.items.some((x) => x.id === thread.id),
      search: search.body.items.some((x) => 'threadId' in x && x.threadId === thread.id),
      related: related.status === 200,
      page: page.status === 200,
    };
  };
  const threadCount = async (): Promise<number> =>
    (await t.api<BoardView>('GET', `/api/boards/${BOARD}`)).body.threadCount;

  const itemsFor = async (thread: ThreadView) => {
    const rows: Array<{ id: string; status: string }> = await t.dataSource.query(
      `SELECT id, status FROM moderation_items
        WHERE kind = 'flag' AND ((target_type = 'thread' AND target_id = $1) OR (target_type = 'post' AND target_id = $2))`,
      [thread.id, thread.posts.items[0].id],
    );
    return rows;
  };

  it('three flags and Remove on the opening post take the thread out of every list, search and count; one queue item', async () => {
    const author = await t.register();
    const reader = await t.register();
    const keyword = word();
    const before = await threadCount();
    const thread = await newThread(author, `Looking for company ${keyword}`, `Anyone else awake tonight? ${keyword}`);
    expect(await threadCount()).toBe(before + 1);
    expect(await seenAnywhere(thread, keyword, reader.token)).toEqual({
      board: true,
      boardUnanswered: true,
      unanswered: true,
      search: true,
      related: true,
      page: true,
    });

    const opening = thread.posts.items[0].id;
    const flags = [await flag(opening, 'harassment'), await flag(opening, 'spam'), await flag(opening, 'harassment')];
    expect(new Set(flags.map((f) => f.itemId)).size).toBe(1);

    const removed = await t.api<ModerationActionResult>('POST', `/api/moderation/items/${flags[0].itemId}/actions`, {
      token: moderator.token,
      body: { action: 'remove', reason: 'harassment' },
    });
    expect(removed.status).toBe(200);

    const nowhere = {
      board: false,
      boardUnanswered: false,
      unanswered: false,
      search: false,
      related: false,
      page: false,
    };
    expect(await seenAnywhere(thread, keyword)).toEqual(nowhere);
    expect(await seenAnywhere(thread, keyword, reader.token)).toEqual(nowhere);
    expect(await threadCount()).toBe(before);

    // One item for the content, resolved; nothing left open for it.
    const items = await itemsFor(thread);
    expect(items).toEqual([{ id: flags[0].itemId, status: 'resolved' }]);
    const open = await t.api<QueuePage>('GET', '/api/moderation/queue?limit=50', { token: moderator.token });
    expect(open.body.items.filter((i) => [thread.id, opening].includes(i.targetId))).toEqual([]);

    // The author hears once, and can appeal; a reversed appeal brings the thread back everywhere.
    const notices = await t.api<NoticeList>('GET', '/api/me/notices', { token: author.token });
    const removal = notices.body.notices.filter((n) => n.kind === 'removal');
    expect(removal).toHaveLength(1);
    const appealed = await t.api('POST', `/api/me/notices/${removal[0].id}/appeal`, {
      token: author.token,
      body: { message: 'I was only asking if anyone was awake.' },
    });
    expect(appealed.status).toBe(201);
    const queue = await t.api<QueuePage>('GET', '/api/moderation/queue?limit=50', { token: moderator.token });
    const appeal = queue.body.items.find((i) => i.kind === 'appeal' && i.appeal?.noticeId === removal[0].id);
    expect(appeal).toBeDefined();
    const reversed = await t.api('POST', `/api/moderation/items/${appeal!.id}/actions`, {
      token: moderator.token,
      body: { action: 'reverse', reason: 'appeal_accepted' },
    });
    expect(reversed.status).toBe(200);
    expect(await seenAnywhere(thread, keyword, reader.token)).toEqual({
      board: true,
      boardUnanswered: true,
      unanswered: true,
      search: true,
      related: true,
      page: true,
    });
    expect(await threadCount()).toBe(before + 1);
  });

  it('hides the whole thread when flags on its opening post reach the threshold, and Approve brings it back', async () => {
    const author = await t.register();
    const keyword = word();
    const before = await threadCount();
    const thread = await newThread(author, `A quiet question ${keyword}`, `How do you all sleep? ${keyword}`);
    const opening = thread.posts.items[0].id;
    const flags = [await flag(opening, 'spam'), await flag(opening, 'spam'), await flag(opening, 'spam')];
    const [row] = (await t.dataSource.query(`SELECT status FROM threads WHERE id = $1`, [thread.id])) as Array<{
      status: string;
    }>;
    expect(row.status).toBe('hidden');
    expect(await seenAnywhere(thread, keyword)).toEqual({
      board: false,
      boardUnanswered: false,
      unanswered: false,
      search: false,
      related: false,
      page: false,
    });
    expect(await threadCount()).toBe(before);

    const approved = await t.api('POST', `/api/moderation/items/${flags[0].itemId}/actions`, {
      token: moderator.token,
      body: { action: 'approve', reason: 'no_violation' },
    });
    expect(approved.status).toBe(200);
    expect(await seenAnywhere(thread, keyword)).toEqual({
      board: true,
      boardUnanswered: true,
      unanswered: true,
      search: true,
      related: true,
      page: true,
    });
    expect(await threadCount()).toBe(before + 1);
  });

  it('joins a detection on a new thread and flags on its opening post (and on the thread) into one item', async () => {
    const author = await t.register();
    const thread = await newThread(
      author,
      'I cannot do this anymore',
      "I took everything I had tonight and I don't want to wake up. goodbye everyone",
    );
    const detected = await itemsFor(thread);
    expect(detected).toHaveLength(1);
    const a = await flag(thread.posts.items[0].id, 'crisis');
    const b = await flag(thread.id, 'crisis', 'thread');
    expect(a.itemId).toBe(detected[0].id);
    expect(b.itemId).toBe(detected[0].id);
    expect(await itemsFor(thread)).toHaveLength(1);
    const moderatorPostAction = await t.api<ModerationActionResult>(
      'POST',
      `/api/moderation/targets/post/${thread.posts.items[0].id}/actions`,
      { token: moderator.token, body: { action: 'lock_thread', reason: 'guidelines' } },
    );
    expect(moderatorPostAction.status).toBe(200);
    expect(moderatorPostAction.body.item.id).toBe(detected[0].id);
    expect(await itemsFor(thread)).toHaveLength(1);
  });

  it('merges the duplicate items that existed before (an open item on the opening post and one on the thread)', async () => {
    const author = await t.register();
    const thread = await newThread(author, 'Two items from before', 'Written before the rule was in place.');
    const opening = thread.posts.items[0].id;
    const runner = t.dataSource.createQueryRunner();
    try {
      const [threadItem] = (await runner.query(
        `INSERT INTO moderation_items (kind, target_type, target_id, priority) VALUES ('flag', 'thread', $1, 'normal')
         ON CONFLICT (target_type, target_id) WHERE status = 'open' AND kind = 'flag' DO UPDATE SET priority = 'normal'
         RETURNING id`,
        [thread.id],
      )) as Array<{ id: string }>;
      await runner.query(`ALTER TABLE moderation_items DISABLE TRIGGER moderation_items_target`);
      await runner.query(`ALTER TABLE flags DISABLE TRIGGER flags_target`);
      const [postItem] = (await runner.query(
        `INSERT INTO moderation_items (kind, target_type, target_id, priority, hidden, detection)
         VALUES ('flag', 'post', $1, 'urgent', true, '[{"kind":"crisis"}]') RETURNING id`,
        [opening],
      )) as Array<{ id: string }>;
      const flagger = await t.register();
      await runner.query(
        `INSERT INTO flags (target_type, target_id, item_id, flagger_id, reason, weight) VALUES ('post', $1, $2, $3, 'crisis', 1)`,
        [opening, postItem.id, flagger.user.id],
      );
      await runner.query(`ALTER TABLE flags ENABLE TRIGGER flags_target`);
      await runner.query(`ALTER TABLE moderation_items ENABLE TRIGGER moderation_items_target`);
      await runner.query(`UPDATE posts SET status = 'removed' WHERE id = $1`, [opening]);

      await mergeOpeningPostItems(runner);

      const items = await itemsFor(thread);
      expect(items).toEqual([{ id: threadItem.id, status: 'open' }]);
      const [merged] = (await runner.query(
        `SELECT priority, hidden, detection, (SELECT count(*)::int FROM flags WHERE item_id = i.id) AS flags
           FROM moderation_items i WHERE id = $1`,
        [threadItem.id],
      )) as Array<{ priority: string; hidden: boolean; detection: unknown[]; flags: number }>;
      expect(merged).toMatchObject({ priority: 'urgent', hidden: true, flags: 1 });
      expect(merged.detection).toContainEqual({ kind: 'crisis' });
      const [statuses] = (await runner.query(
        `SELECT t.status AS thread, p.status AS post FROM threads t JOIN posts p ON p.id = t.opening_post_id WHERE t.id = $1`,
        [thread.id],
      )) as Array<{ thread: string; post: string }>;
      expect(statuses).toEqual({ thread: 'removed', post: 'published' });
    } finally {
      await runner.release();
    }
  });
});

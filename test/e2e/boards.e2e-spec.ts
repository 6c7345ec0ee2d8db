import type {
  AliasView,
  BoardView,
  ErrorBody,
  MemberProfileView,
  Page,
  PostView,
  ReactionCounts,
  SearchResult,
  BoardSearchResult,
  LibrarySearchResult,
  ThreadReaders,
  ThreadSummary,
  ThreadView,
} from '@kindred/contracts';
import { BoardsService } from '../../apps/api/src/boards/boards.service.js';
import { BoardsModerationPort } from '../../apps/api/src/boards/boards-moderation.port.js';
import { connected, emitAck, nextEvent, startTestApp, type TestApp } from '../support/test-app.js';

const BOARD = 'withdrawal-detox';

describe('boards', () => {
  let t: TestApp;
  let a: { token: string; username: string };
  let b: { token: string; username: string };

  const startThread = async (
    token: string,
    fields: Partial<{ title: string; body: string; anonymous: boolean; contentWarning: string }> = {},
    board = BOARD,
  ): Promise<ThreadView> => {
    const res = await t.api<ThreadView>('POST', `/api/boards/${board}/threads`, {
      token,
      body: { title: 'Day three and the aches', body: 'Anyone else **awake**?', anonymous: false, ...fields },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const reply = async (token: string, threadId: string, body: string, anonymous = false): Promise<PostView> => {
    const res = await t.api<PostView>('POST', `/api/threads/${threadId}/posts`, {
      token,
      body: { body, anonymous },
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const ra = await t.register();
    const rb = await t.register();
    a = { token: ra.token, username: ra.user.username };
    b = { token: rb.token, username: rb.user.username };
  });
  afterAll(() => t.close());

  it('seeds the eight boards once, keeping an admin rename across restarts', async () => {
    const res = await t.api<{ items: BoardView[] }>('GET', '/api/boards');
    expect(res.status).toBe(200);
    expect(res.body.items.map((board) => board.slug)).toEqual([
      'welcome-introductions',
      'withdrawal-detox',
      'medication-assisted-treatment',
      'cravings-relapse-prevention',
      'family-friends',
      'milestones-wins',
      'life-in-recovery',
      'comunidad-en-espanol',
    ]);
    expect(res.body.items[2].description).toMatch(/methadone.*buprenorphine.*naltrexone/i);
    await t.dataSource.query(`UPDATE boards SET name = 'Family, Friends & Partners' WHERE slug = 'family-friends'`);
    // A restart runs the seeder again.
    await t.app.get(BoardsService).onApplicationBootstrap();
    const again = await t.api<{ items: BoardView[] }>('GET', '/api/boards');
    expect(again.body.items).toHaveLength(8);
    expect(again.body.items.find((board) => board.slug === 'family-friends')?.name).toBe('Family, Friends & Partners');
  });

  it('lets admins create, rename, reorder and archive boards, and nobody else', async () => {
    const admin = await t.register();
    await t.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.user.id]);
    const forbidden = await t.api('POST', '/api/boards', {
      token: a.token,
      body: { slug: 'harm-reduction', name: 'Harm Reduction' },
    });
    expect(forbidden.status).toBe(403);
    const created = await t.api<BoardView>('POST', '/api/boards', {
      token: admin.token,
      body: { slug: 'harm-reduction', name: 'Harm Reduction', description: 'Staying safer.' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'harm-reduction', position: 9, threadCount: 0 });
    const clash = await t.api<ErrorBody>('POST', '/api/boards', {
      token: admin.token,
      body: { slug: 'harm-reduction', name: 'Again' },
    });
    expect(clash.status).toBe(409);
    const badSlug = await t.api('POST', '/api/boards', { token: admin.token, body: { slug: 'Bad Slug', name: 'X y' } });
    expect(badSlug.status).toBe(400);
    const renamed = await t.api<BoardView>('PATCH', '/api/boards/harm-reduction', {
      token: admin.token,
      body: { name: 'Harm Reduction & Safety', position: 0, archived: true },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Harm Reduction & Safety', position: 0, archived: true });
    const list = await t.api<{ items: BoardView[] }>('GET', '/api/boards');
    expect(list.body.items.some((board) => board.slug === 'harm-reduction')).toBe(false);
    const all = await t.api<{ items: BoardView[] }>('GET', '/api/boards?includeArchived=true', { token: admin.token });
    expect(all.body.items[0].slug).toBe('harm-reduction');
    const post = await t.api<ErrorBody>('POST', '/api/boards/harm-reduction/threads', {
      token: a.token,
      body: { title: 'Anyone here?', body: 'hello', anonymous: false },
    });
    expect(post.status).toBe(403);
    expect(post.body.message).toContain('archived');
  });

  it('creates a thread with rendered, sanitised HTML and counts it on the board', async () => {
    const before = (await t.api<BoardView>('GET', `/api/boards/${BOARD}`)).body.threadCount;
    const thread = await startThread(a.token, {
      body: 'Hang on **tight** <script>alert(1)</script> [x](javascript:alert(1))',
      contentWarning: 'describes withdrawal in detail',
    });
    expect(thread).toMatchObject({
      board: { slug: BOARD },
      title: 'Day three and the aches',
      author: { type: 'member', username: a.username },
      contentWarning: 'describes withdrawal in detail',
      pinned: false,
      locked: false,
      status: 'published',
      replyCount: 0,
      isMine: true,
    });
    const [opening] = thread.posts.items;
    expect(opening.isOpeningPost).toBe(true);
    expect(opening.html).toContain('<strong>tight</strong>');
    expect(opening.html).not.toContain('<script');
    expect(opening.html).not.toContain('javascript:');
    expect(opening.contentWarning).toBe('describes withdrawal in detail');
    const after = (await t.api<BoardView>('GET', `/api/boards/${BOARD}`)).body;
    expect(after.threadCount).toBe(before + 1);
    expect(after.lastActivityAt).not.toBeNull();
  });

  it('replies, edits, deletes (replies stay) and reacts', async () => {
    const thread = await startThread(a.token);
    const first = await reply(b.token, thread.id, 'You are not alone.');
    expect(first).toMatchObject({ isMine: true, author: { type: 'member', username: b.username }, editedAt: null });
    const second = await t.api<PostView>('POST', `/api/threads/${thread.id}/posts`, {
      token: a.token,
      body: { body: 'Thank you', anonymous: false, replyToId: first.id },
    });
    expect(second.body.replyToId).toBe(first.id);

    const notMine = await t.api('PATCH', `/api/posts/${first.id}`, { token: a.token, body: { body: 'hijack' } });
    expect(notMine.status).toBe(403);
    const edited = await t.api<PostView>('PATCH', `/api/posts/${first.id}`, {
      token: b.token,
      body: { body: 'You are _not_ alone.' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.editedAt).not.toBeNull();
    expect(edited.body.html).toContain('<em>not</em>');

    const support = await t.api<ReactionCounts>('PUT', `/api/posts/${first.id}/reactions/support`, { token: a.token });
    expect(support.body).toEqual({ support: 1, relate: 0, proud: 0, mine: ['support'] });
    await t.api('PUT', `/api/posts/${first.id}/reactions/support`, { token: a.token });
    // Reactions are for other people's posts (b wrote this one): a kind 403 that says why.
    const ownReaction = await t.api<ErrorBody>('PUT', `/api/posts/${first.id}/reactions/relate`, { token: b.token });
    expect(ownReaction.status).toBe(403);
    expect(ownReaction.body.message).toMatch(/can't react to your own/);
    const c = await t.register();
    await t.api('PUT', `/api/posts/${first.id}/reactions/relate`, { token: c.token });
    const badKind = await t.api('PUT', `/api/posts/${first.id}/reactions/like`, { token: a.token });
    expect(badKind.status).toBe(400);

    const deleted = await t.api<PostView>('DELETE', `/api/posts/${first.id}`, { token: b.token });
    expect(deleted.body.status).toBe('deleted');

    // The deleted reply stays in place ("replies stay") but no longer counts, on the thread and its board alike.
    const view = await t.api<ThreadView>('GET', `/api/threads/${thread.id}`, { token: a.token });
    expect(view.body.replyCount).toBe(1);
    const listed = await t.api<Page<ThreadSummary>>('GET', `/api/boards/${BOARD}/threads`);
    expect(listed.body.items.find((x) => x.id === thread.id)?.replyCount).toBe(1);
    const [, gone, thanks] = view.body.posts.items;
    expect(gone).toMatchObject({ id: first.id, status: 'deleted', body: '', html: '' });
    expect(gone.reactions).toEqual({ support: 1, relate: 1, proud: 0, mine: ['support'] });
    expect(thanks).toMatchObject({ id: second.body.id, replyToId: first.id, isMine: true });
    const guest = await t.api<ThreadView>('GET', `/api/threads/${thread.id}`);
    expect(guest.body.posts.items[1].reactions.mine).toEqual([]);
    expect(guest.body.posts.items.every((p) => !p.isMine)).toBe(true);
  });

  it('lets guests read but not write', async () => {
    const thread = await startThread(a.token);
    expect((await t.api('GET', `/api/threads/${thread.id}`)).status).toBe(200);
    expect((await t.api('GET', `/api/boards/${BOARD}/threads`)).status).toBe(200);
    const write = await t.api('POST', `/api/threads/${thread.id}/posts`, { body: { body: 'hi', anonymous: false } });
    expect(write.status).toBe(401);
    expect((await t.api('PUT', `/api/posts/${thread.posts.items[0].id}/reactions/proud`)).status).toBe(401);
    expect(
      (await t.api('POST', `/api/boards/${BOARD}/threads`, { body: { title: 'abc', body: 'x', anonymous: true } }))
        .status,
    ).toBe(401);
  });

  it('validates input with field reasons, 404s unknown ids and 400s a bad cursor', async () => {
    const short = await t.api<ErrorBody>('POST', `/api/boards/${BOARD}/threads`, {
      token: a.token,
      body: { title: 'hi', body: '', anonymous: true, contentWarning: 'x'.repeat(101) },
    });
    expect(short.status).toBe(400);
    expect(short.body.details?.fields?.map((f) => f.field).sort()).toEqual(['body', 'contentWarning', 'title']);
    const huge = await t.api('POST', `/api/boards/${BOARD}/threads`, {
      token: a.token,
      body: { title: 'A long one', body: 'x'.repeat(20_001), anonymous: true },
    });
    expect(huge.status).toBe(400);
    expect((await t.api('GET', '/api/threads/not-a-uuid')).status).toBe(404);
    expect((await t.api('GET', '/api/threads/6f1d2c3b-1111-4222-8333-944455556666')).status).toBe(404);
    expect((await t.api('GET', '/api/boards/no-such-board/threads')).status).toBe(404);
    expect((await t.api('PATCH', '/api/posts/zzz', { token: a.token, body: { body: 'x' } })).status).toBe(404);
    const cursor = await t.api<ErrorBody>('GET', `/api/boards/${BOARD}/threads?cursor=bm9wZQ`);
    expect(cursor.status).toBe(400);
    expect(cursor.body.code).toBe('bad_cursor');
    const forged = Buffer.from(JSON.stringify([true, '2025-02-31', 'x'])).toString('base64url');
    expect((await t.api('GET', `/api/boards/${BOARD}/threads?cursor=${forged}`)).status).toBe(400);
    expect((await t.api('GET', `/api/boards/${BOARD}/threads?limit=51`)).status).toBe(400);
    expect((await t.api('GET', `/api/boards/${BOARD}/threads?limit=0`)).status).toBe(400);
    const thread = await startThread(a.token);
    const otherThread = await startThread(a.token);
    const wrongParent = await t.api('POST', `/api/threads/${thread.id}/posts`, {
      token: a.token,
      body: { body: 'x', anonymous: false, replyToId: otherThread.posts.items[0].id },
    });
    expect(wrongParent.status).toBe(400);
  });

  it('pages threads by keyset (pinned first, then latest activity) and filters unanswered ones', async () => {
    const board = 'life-in-recovery';
    const made: ThreadView[] = [];
    for (let i = 0; i < 5; i++) made.push(await startThread(a.token, { title: `Paging thread ${i}` }, board));
    await reply(b.token, made[1].id, 'bumping this one');
    const mod = await t.register();
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [mod.user.id]);
    const pin = await t.api<ThreadSummary>('PATCH', `/api/threads/${made[0].id}`, {
      token: mod.token,
      body: { pinned: true },
    });
    expect(pin.body.pinned).toBe(true);
    expect(
      (await t.api('PATCH', `/api/threads/${made[0].id}`, { token: a.token, body: { pinned: false } })).status,
    ).toBe(403);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: Page<ThreadSummary> } = await t.api<Page<ThreadSummary>>(
        'GET',
        `/api/boards/${board}/threads?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([made[0].id, made[1].id, made[4].id, made[3].id, made[2].id]);

    const unanswered = await t.api<Page<ThreadSummary>>('GET', `/api/boards/${board}/threads?unanswered=true`);
    expect(unanswered.body.items.map((item) => item.id)).toEqual([made[0].id, made[4].id, made[3].id, made[2].id]);
    const across = await t.api<Page<ThreadSummary>>('GET', '/api/threads?unanswered=true&limit=50');
    const ids = across.body.items.map((item) => item.id);
    expect(ids).toContain(made[4].id);
    expect(ids).not.toContain(made[1].id);

    const posts = await t.api<Page<PostView>>('GET', `/api/threads/${made[1].id}/posts?limit=1`);
    expect(posts.body.items[0].isOpeningPost).toBe(true);
    const rest = await t.api<Page<PostView>>(
      'GET',
      `/api/threads/${made[1].id}/posts?limit=1&cursor=${posts.body.nextCursor}`,
    );
    expect(rest.body.items[0].body).toBe('bumping this one');
    expect(rest.body.nextCursor).toBeNull();
  });

  it('refuses replies in a locked thread with a clear 403, and suspended members', async () => {
    const thread = await startThread(a.token);
    const mod = await t.register();
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [mod.user.id]);
    await t.api('PATCH', `/api/threads/${thread.id}`, { token: mod.token, body: { locked: true } });
    const res = await t.api<ErrorBody>('POST', `/api/threads/${thread.id}/posts`, {
      token: b.token,
      body: { body: 'still here', anonymous: false },
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('locked');
    expect(res.body.message).toContain('locked');

    const suspended = await t.register();
    await t.dataSource.query(`UPDATE users SET suspended_until = now() + interval '1 day' WHERE id = $1`, [
      suspended.user.id,
    ]);
    const blocked = await t.api<ErrorBody>('POST', `/api/boards/${BOARD}/threads`, {
      token: suspended.token,
      body: { title: 'Let me in', body: 'please', anonymous: false },
    });
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('suspended');
  });

  it('defaults anonymity to the account setting and previews the alias', async () => {
    const fresh = await t.register();
    const thread = await startThread(fresh.token, { anonymous: undefined });
    expect(thread.author.type).toBe('anonymous');
    const alias = await t.api<AliasView>('GET', `/api/threads/${thread.id}/alias`, { token: fresh.token });
    expect(alias.body.alias).toBe(thread.author.type === 'anonymous' ? thread.author.alias : '');
    expect((await t.api('GET', `/api/threads/${thread.id}/alias`)).status).toBe(401);
    const other = await t.api<AliasView>('GET', `/api/threads/${thread.id}/alias`, { token: b.token });
    expect(other.body.alias).not.toBe(alias.body.alias);
    const posted = await reply(b.token, thread.id, 'hello from me', true);
    expect(posted.author).toEqual({ type: 'anonymous', alias: other.body.alias });
  });

  it('renders a Markdown preview with the same sanitiser', async () => {
    const res = await t.api<{ html: string }>('POST', '/api/preview', {
      token: a.token,
      body: { body: '# Hi\n<img src=x onerror=alert(1)> **ok**' },
    });
    expect(res.status).toBe(200);
    expect(res.body.html).toContain('<strong>ok</strong>');
    expect(res.body.html).not.toContain('onerror');
  });

  it('searches published threads and posts with stemming and safe highlighted snippets', async () => {
    const thread = await startThread(a.token, {
      title: 'Buprenorphine induction worries',
      body: 'Worried about precipitated withdrawal when starting suboxone <img src=x onerror=alert(1)> & more.',
      anonymous: true,
    });
    const hit = await reply(b.token, thread.id, 'My induction went fine after waiting for moderate symptoms.');
    const removed = await reply(b.token, thread.id, 'An induction story the moderators removed.');
    await t.app.get(BoardsModerationPort).setPostStatus(removed.id, 'removed', 'Shared a dose schedule');
    const deleted = await reply(b.token, thread.id, 'An induction tale I deleted.');
    await t.api('DELETE', `/api/posts/${deleted.id}`, { token: b.token });

    const res = await t.api<Page<SearchResult>>('GET', `/api/search?q=${encodeURIComponent('inductions')}`);
    expect(res.status).toBe(200);
    // The library is ranked in too (its own spec below); among the board results the title weighs double.
    const onBoards = res.body.items.filter((r): r is BoardSearchResult => r.type === 'thread' || r.type === 'post');
    const threadHit = onBoards.find((r) => r.type === 'thread' && r.threadId === thread.id);
    expect(threadHit?.snippet).toContain('<mark>induction</mark>');
    expect(threadHit?.author.type).toBe('anonymous');
    expect(onBoards.some((r) => r.postId === hit.id)).toBe(true);
    expect(onBoards.some((r) => r.postId === removed.id || r.postId === deleted.id)).toBe(false);
    expect(onBoards[0].type).toBe('thread');

    const escaped = await t.api<Page<SearchResult>>('GET', `/api/search?q=suboxone&board=${BOARD}`);
    expect(escaped.body.items[0].snippet).toContain('<mark>suboxone</mark>');
    expect(escaped.body.items[0].snippet).not.toContain('<img');
    expect(escaped.body.items[0].snippet).toContain('&amp;');

    const page1 = await t.api<Page<SearchResult>>('GET', `/api/search?q=induction&limit=1`);
    expect(page1.body.nextCursor).not.toBeNull();
    const page2 = await t.api<Page<SearchResult>>(
      'GET',
      `/api/search?q=induction&limit=1&cursor=${page1.body.nextCursor}`,
    );
    expect(page2.body.items[0]).not.toEqual(page1.body.items[0]);
    const otherBoard = await t.api<Page<SearchResult>>('GET', `/api/search?q=induction&board=family-friends`);
    expect(otherBoard.body.items).toEqual([]);
    expect((await t.api('GET', `/api/search?q=`)).status).toBe(400);
    expect((await t.api('GET', `/api/search?q=${encodeURIComponent('"unclosed & | !')}`)).status).toBe(200);
  });

  it('searches the library beside the boards: articles and sections ranked with posts, snippets in plain text', async () => {
    const thread = await startThread(a.token, {
      title: 'Carrying a kit now',
      body: 'I keep **naloxone** in my bag, see [the pharmacy list](https://example.org) & _ask_ for it.',
      anonymous: false,
    });
    const answer = await reply(b.token, thread.id, 'Good idea, I got my *naloxone* kit free last week.');
    const res = await t.api<Page<SearchResult>>('GET', '/api/search?q=naloxone&limit=50');
    expect(res.status).toBe(200);
    const items = res.body.items;
    // The naloxone article itself, and its sections, are results.
    const article = items.find((r) => r.type === 'article');
    expect(article).toMatchObject({ article: { slug: 'overdose-and-naloxone' }, section: null });
    expect(article?.snippet).toContain('<mark>naloxone</mark>');
    const section = items.find(
      (r): r is LibrarySearchResult => r.type === 'section' && r.article.slug === 'overdose-and-naloxone',
    );
    expect(section?.section?.anchor).toMatch(/^[a-z0-9-]+$/);
    // Ranked together: board results appear in the same list as the library's.
    const opening = items.find((r): r is BoardSearchResult => r.type === 'thread' && r.threadId === thread.id);
    expect(opening?.type).toBe('thread');
    const replyHit = items.find((r) => r.type === 'post' && r.postId === answer.id);
    expect(replyHit).toBeDefined();
    // The opening post is the thread, never also a reply.
    expect(items.filter((r) => r.type === 'post' && r.threadId === thread.id)).toHaveLength(1);
    // Plain text: no Markdown syntax, no link target, the ampersand escaped once, the match marked.
    expect(opening?.snippet).toBe('I keep <mark>naloxone</mark> in my bag, see the pharmacy list &amp; ask for it.');
    expect(replyHit?.snippet).toBe('Good idea, I got my <mark>naloxone</mark> kit free last week.');
    for (const item of items) expect(item.snippet).not.toMatch(/\*\*|\]\(|&amp;amp;|&lt;mark/);
    // Ranked: scores never rise down the list, and paging continues across the library and boards.
    const first = await t.api<Page<SearchResult>>('GET', '/api/search?q=naloxone&limit=3');
    const rest = await t.api<Page<SearchResult>>(
      'GET',
      `/api/search?q=naloxone&limit=50&cursor=${first.body.nextCursor}`,
    );
    expect([...first.body.items, ...rest.body.items]).toEqual(items);
    // A board filter searches that board only.
    const onBoard = await t.api<Page<SearchResult>>('GET', `/api/search?q=naloxone&board=${BOARD}`);
    expect(onBoard.body.items.every((r) => r.type === 'thread' || r.type === 'post')).toBe(true);
  });

  it('shows a member profile with only their signed posts', async () => {
    const c = await t.register();
    const signed = await startThread(c.token, { title: 'Signed thread here', anonymous: false });
    const secret = await startThread(c.token, { title: 'Anonymous thread here', anonymous: true });
    await reply(c.token, signed.id, 'a signed reply', false);
    await reply(c.token, signed.id, 'an anonymous reply', true);
    const profile = await t.api<MemberProfileView>('GET', `/api/members/${c.user.username}`);
    expect(profile.status).toBe(200);
    expect(profile.body.username).toBe(c.user.username);
    expect(profile.body.posts.items.map((p) => p.html)).toEqual([
      '<p>a signed reply</p>',
      '<p>Anyone else <strong>awake</strong>?</p>',
    ]);
    expect(JSON.stringify(profile.body)).not.toContain(secret.id);
    expect((await t.api('GET', `/api/members/nobody_by_that_name`)).status).toBe(404);
  });

  it('keeps held posts to their author and moderators, and tells the author why', async () => {
    const thread = await startThread(a.token);
    const held = await reply(b.token, thread.id, 'a post safety held');
    const port = t.app.get(BoardsModerationPort);
    await port.setPostStatus(held.id, 'held', 'It may contain personal details, so a moderator will look first.');
    const guest = await t.api<ThreadView>('GET', `/api/threads/${thread.id}`);
    expect(guest.body.posts.items.map((p) => p.id)).not.toContain(held.id);
    expect(guest.body.replyCount).toBe(0);
    const author = await t.api<ThreadView>('GET', `/api/threads/${thread.id}`, { token: b.token });
    const own = author.body.posts.items.find((p) => p.id === held.id);
    expect(own).toMatchObject({
      status: 'held',
      body: 'a post safety held',
      moderation: { reason: expect.any(String) },
    });
    await port.setPostStatus(held.id, 'hidden', 'Flagged by members');
    const hidden = await t.api<ThreadView>('GET', `/api/threads/${thread.id}`, { token: a.token });
    expect(hidden.body.posts.items.find((p) => p.id === held.id)).toMatchObject({
      status: 'hidden',
      body: '',
      html: '',
    });
    expect(hidden.body.replyCount).toBe(1);
    await port.setPostStatus(held.id, 'removed', 'Shared a dealer contact');
    const removed = await t.api<ThreadView>('GET', `/api/threads/${thread.id}`, { token: b.token });
    expect(removed.body.posts.items.find((p) => p.id === held.id)?.moderation).toEqual({
      reason: 'Shared a dealer contact',
    });
    expect(await port.findPostForModeration(held.id)).toMatchObject({ threadTitle: thread.title, status: 'removed' });
  });

  it('sends live posts to watchers with isMine right for the author, and counts readers', async () => {
    const thread = await startThread(a.token);
    const watcherA = t.socket('/', a.token);
    const watcherB = t.socket('/', b.token);
    const guest = t.socket('/');
    await Promise.all([connected(watcherA), connected(watcherB), connected(guest)]);
    const ackA = await emitAck<{ ok: boolean; readers: number }>(watcherA, 'thread:watch', { threadId: thread.id });
    expect(ackA).toMatchObject({ ok: true, readers: 1 });
    const readers = nextEvent<ThreadReaders>(watcherA, 'thread:readers');
    await emitAck(watcherB, 'thread:watch', { threadId: thread.id });
    expect((await readers).count).toBe(2);
    const guestAck = await emitAck<{ ok: boolean; readers: number }>(guest, 'thread:watch', { threadId: thread.id });
    expect(guestAck.readers).toBe(3);

    const toA = nextEvent<PostView>(watcherA, 'post:new');
    const toB = nextEvent<PostView>(watcherB, 'post:new');
    const toGuest = nextEvent<PostView>(guest, 'post:new');
    const posted = await reply(b.token, thread.id, 'Live and kind', true);
    const [seenA, seenB, seenGuest] = await Promise.all([toA, toB, toGuest]);
    expect(seenA).toMatchObject({ id: posted.id, isMine: false, body: 'Live and kind' });
    expect(seenB).toMatchObject({ id: posted.id, isMine: true });
    expect(seenGuest.isMine).toBe(false);
    expect(seenA.author).toEqual(posted.author);

    const edited = nextEvent<PostView>(watcherA, 'post:updated');
    await t.api('PATCH', `/api/posts/${posted.id}`, { token: b.token, body: { body: 'Live and kinder' } });
    expect((await edited).body).toBe('Live and kinder');
    const reacted = nextEvent<{ support: number }>(watcherB, 'post:reactions');
    await t.api('PUT', `/api/posts/${posted.id}/reactions/support`, { token: a.token });
    expect((await reacted).support).toBe(1);

    const bad = await emitAck<{ ok: boolean; error: { code: string } }>(guest, 'thread:watch', { threadId: 'nope' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    const unknown = await emitAck<{ ok: boolean; error: { code: string } }>(guest, 'thread:watch', {
      threadId: '6f1d2c3b-1111-4222-8333-944455556666',
    });
    expect(unknown.error.code).toBe('not_found');

    const left = nextEvent<ThreadReaders>(watcherA, 'thread:readers');
    guest.close();
    expect((await left).count).toBe(2);
    await emitAck(watcherB, 'thread:unwatch', { threadId: thread.id });
    const quiet = nextEvent(watcherB, 'post:new', 500).then(
      () => 'received',
      () => 'silent',
    );
    await reply(a.token, thread.id, 'after unwatch');
    expect(await quiet).toBe('silent');
  });

  it('sends new threads and activity to board watchers', async () => {
    const watcher = t.socket('/');
    await connected(watcher);
    expect(await emitAck(watcher, 'board:watch', { slug: 'milestones-wins' })).toMatchObject({ ok: true });
    expect(await emitAck(watcher, 'board:watch', { slug: 'no-such-board' })).toMatchObject({ ok: false });
    const fresh = nextEvent<ThreadSummary>(watcher, 'thread:new');
    const thread = await startThread(a.token, { title: 'Thirty days today' }, 'milestones-wins');
    expect((await fresh).id).toBe(thread.id);
    const bump = nextEvent<{ threadId: string; replyCount: number }>(watcher, 'board:activity');
    await reply(b.token, thread.id, 'Proud of you!');
    expect(await bump).toMatchObject({ threadId: thread.id, replyCount: 1 });
  });

  it('keeps a board and its thread agreeing on the reply count after a deletion or a removal, live', async () => {
    const thread = await startThread(a.token, { title: 'Counting the good days' }, 'milestones-wins');
    const kept = await reply(b.token, thread.id, 'Every one of them counts.');
    const mine = await reply(b.token, thread.id, 'A second thought from me.');
    const watcher = t.socket('/');
    await connected(watcher);
    expect(await emitAck(watcher, 'board:watch', { slug: 'milestones-wins' })).toMatchObject({ ok: true });
    const counts = async (): Promise<[number | undefined, number]> => [
      (await t.api<Page<ThreadSummary>>('GET', '/api/boards/milestones-wins/threads')).body.items.find(
        (x) => x.id === thread.id,
      )?.replyCount,
      (await t.api<ThreadView>('GET', `/api/threads/${thread.id}`)).body.replyCount,
    ];
    expect(await counts()).toEqual([2, 2]);

    let update = nextEvent<ThreadSummary>(watcher, 'thread:updated');
    await t.api('DELETE', `/api/posts/${mine.id}`, { token: b.token });
    expect(await update).toMatchObject({ id: thread.id, replyCount: 1 });
    expect(await counts()).toEqual([1, 1]);
    // Deleting again changes nothing.
    await t.api('DELETE', `/api/posts/${mine.id}`, { token: b.token });
    expect(await counts()).toEqual([1, 1]);

    update = nextEvent<ThreadSummary>(watcher, 'thread:updated');
    await t.app.get(BoardsModerationPort).setPostStatus(kept.id, 'removed', 'Off topic');
    expect(await update).toMatchObject({ id: thread.id, replyCount: 0 });
    expect(await counts()).toEqual([0, 0]);
    // With no reply left to read, the thread is unanswered again.
    const unanswered = await t.api<Page<ThreadSummary>>('GET', '/api/boards/milestones-wins/threads?unanswered=true');
    expect(unanswered.body.items.some((x) => x.id === thread.id)).toBe(true);

    update = nextEvent<ThreadSummary>(watcher, 'thread:updated');
    await t.app.get(BoardsModerationPort).setPostStatus(kept.id, 'published');
    expect(await update).toMatchObject({ id: thread.id, replyCount: 1 });
    expect(await counts()).toEqual([1, 1]);
    watcher.disconnect();
  });

  it('serves the hot queries from indexes', async () => {
    const thread = await startThread(a.token);
    const board = (await t.dataSource.query(`SELECT id FROM boards WHERE slug = $1`, [BOARD])) as Array<{ id: string }>;
    const runner = t.dataSource.createQueryRunner();
    try {
      await runner.query('SET enable_seqscan = off');
      const plan = async (sql: string, params: unknown[]): Promise<string> =>
        ((await runner.query(`EXPLAIN ${sql}`, params)) as Array<{ 'QUERY PLAN': string }>)
          .map((row) => row['QUERY PLAN'])
          .join('\n');
      expect(
        await plan(
          `SELECT id FROM threads t WHERE t.board_id = $1 ORDER BY t.pinned DESC, t.last_activity_at DESC, t.id DESC LIMIT 21`,
          [board[0].id],
        ),
      ).toContain('threads_board_keyset_idx');
      expect(
        await plan(
          `SELECT id FROM posts p WHERE p.thread_id = $1 AND (p.created_at, p.id) > (now() - interval '1 day', '00000000-0000-4000-8000-000000000000') ORDER BY p.created_at, p.id LIMIT 21`,
          [thread.id],
        ),
      ).toContain('posts_thread_keyset_idx');
      expect(
        await plan(
          `SELECT id FROM threads t WHERE t.reply_count = 0 AND t.status = 'published' AND NOT t.locked ORDER BY t.last_activity_at DESC, t.id DESC LIMIT 21`,
          [],
        ),
      ).toContain('threads_unanswered_idx');
      expect(
        await plan(`SELECT id FROM posts p WHERE p.search @@ websearch_to_tsquery('english', $1)`, ['withdrawal']),
      ).toContain('posts_search_idx');
      expect(
        await plan(`SELECT id FROM articles a WHERE a.search @@ websearch_to_tsquery('english', $1)`, ['naloxone']),
      ).toContain('articles_search_idx');
      expect(
        await plan(`SELECT id FROM article_sections s WHERE s.search @@ websearch_to_tsquery('english', $1)`, [
          'naloxone',
        ]),
      ).toContain('article_sections_search_idx');
      expect(
        await plan(`SELECT id FROM threads t WHERE t.search @@ websearch_to_tsquery('english', $1)`, ['naloxone']),
      ).toContain('threads_search_idx');
      expect(await plan(`SELECT 1 FROM reactions x WHERE x.post_id = $1`, [thread.posts.items[0].id])).toContain(
        'reactions_pkey',
      );
    } finally {
      await runner.release();
    }
  });
});

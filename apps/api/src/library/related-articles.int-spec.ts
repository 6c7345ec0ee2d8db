import type { RelatedArticleList } from '@kindred/contracts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { DomainEvents } from '../common/domain-events.js';

/**
 * Matching threads to article sections against the real articles and PostgreSQL, through the
 * same domain events the boards feature emits. (test/e2e/library-related.e2e-spec.ts covers the
 * same through POST /api/boards/:slug/threads.)
 */
describe('related reading', () => {
  let t: TestApp;
  let events: DomainEvents;
  let boardId: string;

  beforeAll(async () => {
    t = await startTestApp();
    events = t.app.get(DomainEvents);
    const [board] = (await t.dataSource.query(
      `INSERT INTO boards (slug, name) VALUES ('library-test', 'Library test')
       ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    )) as Array<{ id: string }>;
    boardId = board.id;
  });
  afterAll(() => t.close());

  async function createThread(title: string, body: string): Promise<string> {
    const [thread] = (await t.dataSource.query(
      `INSERT INTO threads (board_id, title, anonymous) VALUES ($1, $2, true) RETURNING id`,
      [boardId, title],
    )) as Array<{ id: string }>;
    await events.emit('thread.created', { threadId: thread.id, boardId, authorId: thread.id, title, body });
    return thread.id;
  }

  async function related(threadId: string): Promise<RelatedArticleList> {
    const res = await t.api<RelatedArticleList>('GET', `/api/threads/${threadId}/related`);
    expect(res.status).toBe(200);
    return res.body;
  }

  it.each([
    [
      'buprenorphine induction → the buprenorphine section of the medications article',
      'Starting bupe tomorrow — how long do I wait?',
      'My doctor prescribed buprenorphine (Suboxone). How long after my last fentanyl should I take the first dose? I am scared of precipitated withdrawal during induction.',
      'medications-for-opioid-use-disorder',
      'buprenorphine',
    ],
    [
      'a relapse after 90 days → relapse prevention',
      'Relapsed after 90 days',
      'I had 90 days clean and I used again last night. I feel like I threw everything away. How do I get back on track?',
      'relapse-prevention',
      'setbacks-are-common-and-they-are-not-the-end',
    ],
    [
      'a parent asking how to help → support systems',
      'Dad here: my daughter is using heroin',
      'My daughter (19) is on heroin again. How do I talk to her without pushing her away, and how do I set boundaries without enabling? Is there a group for parents?',
      'support-systems',
      'for-family-and-partners-how-you-can-help',
    ],
    [
      'day 3 of withdrawal → the withdrawal timeline',
      'Is day 3 always the worst?',
      'Cold turkey off heroin, day 3 now. Sweating, diarrhea, cannot sleep, legs kicking all night. When does it get better?',
      'withdrawal-symptoms-and-timeline',
      'a-rough-timeline',
    ],
    [
      'the Vivitrol shot → the naltrexone section',
      'Anyone tried the Vivitrol shot?',
      'Thinking about the monthly naltrexone injection after detox. How long do I need to be off opioids before the shot?',
      'medications-for-opioid-use-disorder',
      'naltrexone',
    ],
  ])('matches %s', async (_name, title, body, articleSlug, sectionId) => {
    const threadId = await createThread(title, body);
    const { items } = await related(threadId);
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(3);
    expect(items[0]).toMatchObject({ articleSlug, sectionId });
    expect(items[0].articleTitle).not.toBe('');
    expect(items[0].heading).not.toBe('');
    expect(items[0].snippet.length).toBeGreaterThan(20);
  });

  it('recomputes when the opening post is edited, and ignores edits of replies', async () => {
    const threadId = await createThread('A question', 'Is day 3 of withdrawal the worst? Sweating and cannot sleep.');
    expect((await related(threadId)).items[0].articleSlug).toBe('withdrawal-symptoms-and-timeline');

    const edit = { postId: threadId, threadId, authorId: threadId };
    await events.emit('post.edited', {
      ...edit,
      body: 'Actually: how do I use naloxone nasal spray if a friend is not breathing?',
      isOpeningPost: false,
    });
    expect((await related(threadId)).items[0].articleSlug).toBe('withdrawal-symptoms-and-timeline');

    await events.emit('post.edited', {
      ...edit,
      body: 'Actually: how do I use naloxone nasal spray if a friend is not breathing and has blue lips?',
      isOpeningPost: true,
    });
    const { items } = await related(threadId);
    expect(['overdose-and-naloxone', 'getting-help-now']).toContain(items[0].articleSlug);
  });

  it('stores the result instead of matching on every read', async () => {
    const threadId = await createThread('Relapsed after 90 days', 'I used again after 90 days clean.');
    const before = await related(threadId);
    await t.dataSource.query(`UPDATE thread_related SET snippet = 'stored snippet' WHERE thread_id = $1`, [threadId]);
    const after = await related(threadId);
    expect(after.items.map((i) => i.sectionId)).toEqual(before.items.map((i) => i.sectionId));
    expect(after.items.every((i) => i.snippet === 'stored snippet')).toBe(true);
  });

  it('offers nothing for a thread with no words in common with the library', async () => {
    const threadId = await createThread('zzqx', 'qwzx vvbn');
    expect((await related(threadId)).items).toEqual([]);
  });

  it('answers 404 for an unknown thread and 400 for a malformed id', async () => {
    expect((await t.api('GET', '/api/threads/7c0b8a8e-2b9e-4c57-9a53-6f1d1d1f4e11/related')).status).toBe(404);
    expect((await t.api('GET', '/api/threads/not-an-id/related')).status).toBe(400);
  });
});

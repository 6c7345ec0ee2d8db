import type { BoardWithArticles, RelatedArticleList, ThreadView } from '@kindred/contracts';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * "Related reading": threads created and edited through the boards API are matched to article
 * sections once, against the real articles and PostgreSQL full-text search.
 */
describe('related reading for threads', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMITS: 'off', NEW_MEMBER_HOURS: '0' });
    token = (await t.register()).token;
  });
  afterAll(() => t.close());

  async function createThread(title: string, body: string, board = 'welcome-introductions'): Promise<ThreadView> {
    const res = await t.api<ThreadView>('POST', `/api/boards/${board}/threads`, {
      token,
      body: { title, body, anonymous: true },
    });
    expect(res.status).toBe(201);
    return res.body;
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
    const thread = await createThread(title, body);
    const { items } = await related(thread.id);
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(3);
    expect(items[0]).toMatchObject({ articleSlug, sectionId });
    expect(items[0].articleTitle).not.toBe('');
    expect(items[0].heading).not.toBe('');
    expect(items[0].snippet.length).toBeGreaterThan(20);
    expect(new Set(items.map((i) => `${i.articleSlug}#${i.sectionId}`)).size).toBe(items.length);
  });

  it('recomputes when the opening post is edited, and not when a reply is edited', async () => {
    const thread = await createThread('A question', 'Is day 3 of withdrawal the worst? Sweating and cannot sleep.');
    expect((await related(thread.id)).items[0].articleSlug).toBe('withdrawal-symptoms-and-timeline');

    const reply = await t.api<{ id: string }>('POST', `/api/threads/${thread.id}/posts`, {
      token,
      body: { body: 'Hang in there, it does get easier.', anonymous: true },
    });
    expect(reply.status).toBe(201);
    const replyEdit = await t.api('PATCH', `/api/posts/${reply.body.id}`, {
      token,
      body: { body: 'How do I use naloxone nasal spray if a friend is not breathing and has blue lips?' },
    });
    expect(replyEdit.status).toBe(200);
    expect((await related(thread.id)).items[0].articleSlug).toBe('withdrawal-symptoms-and-timeline');

    const opening = thread.posts.items[0];
    const edit = await t.api('PATCH', `/api/posts/${opening.id}`, {
      token,
      body: {
        body: 'My friend took something and is not breathing well, lips going blue. How do I give naloxone spray?',
      },
    });
    expect(edit.status).toBe(200);
    expect((await related(thread.id)).items[0].articleSlug).toBe('overdose-and-naloxone');
  });

  it('reads the stored result instead of matching on every view', async () => {
    const thread = await createThread('Relapsed after 90 days', 'I used again after 90 days clean.');
    const before = await related(thread.id);
    await t.dataSource.query(`UPDATE thread_related SET snippet = 'stored snippet' WHERE thread_id = $1`, [thread.id]);
    const after = await related(thread.id);
    expect(after.items.map((i) => i.sectionId)).toEqual(before.items.map((i) => i.sectionId));
    expect(after.items.every((i) => i.snippet === 'stored snippet')).toBe(true);
  });

  it('offers nothing for a thread with no words in common with the library', async () => {
    const thread = await createThread('zzqx wvvb', 'qwzx vvbn kkjhg');
    expect((await related(thread.id)).items).toEqual([]);
  });

  it('answers 404 for an unknown thread and 400 for a malformed id', async () => {
    expect((await t.api('GET', '/api/threads/7c0b8a8e-2b9e-4c57-9a53-6f1d1d1f4e11/related')).status).toBe(404);
    expect((await t.api('GET', '/api/threads/not-an-id/related')).status).toBe(400);
  });

  it('includes the pinned articles, in board order, in GET /api/boards/:slug', async () => {
    const res = await t.api<BoardWithArticles>('GET', '/api/boards/medication-assisted-treatment');
    expect(res.status).toBe(200);
    expect(res.body.pinnedArticles[0]).toEqual({
      slug: 'medications-for-opioid-use-disorder',
      title: 'Medications for opioid use disorder',
      summary: expect.any(String) as string,
    });
  });
});

import type { AuthResponse, DetectionHit, ErrorBody, PostView, QueueItemView, ThreadView } from '@kindred/contracts';
import { connected, nextEvent, startTestApp, type TestApp } from '../support/test-app.js';

// Issue 18: the trained model beside the rules. A crisis in English or in Spanish is published
// with resources for its author and an urgent queue item that shows the sentences that drove it and
// the model's scores; a sourcing post in Spanish is held; moderators' verdicts are kept without who.
const BOARD = 'welcome-introductions';
const CRISIS_EN =
  "Thank you all for trying with me. I took all of my pills tonight. I'm saying goodbye to everyone here.";
const CRISIS_ES = 'Ya me tomé todas las pastillas que tenía. Adiós a todos, gracias por todo.';
const SOURCING_ES = 'vendo pastillas azules (M30) a 20 cada una, mándame mensaje por whatsapp';

describe('safety model on boards', () => {
  let t: TestApp;
  let author: AuthResponse;
  let mod: AuthResponse;
  let thread: ThreadView;
  beforeAll(async () => {
    t = await startTestApp();
    author = await t.register();
    mod = await t.register();
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [mod.user.id]);
    thread = (
      await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
        token: mod.token,
        body: { title: 'Evening check-in', body: 'How is everyone holding up tonight?', anonymous: false },
      })
    ).body;
  }, 60_000);
  afterAll(() => t.close());

  const reply = (body: string) =>
    t.api<PostView & ErrorBody>('POST', `/api/threads/${thread.id}/posts`, {
      token: author.token,
      body: { body, anonymous: true },
    });
  const itemFor = async (targetId: string): Promise<QueueItemView> => {
    const rows: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM moderation_items WHERE target_id = $1 AND status = 'open'`,
      [targetId],
    );
    expect(rows).toHaveLength(1);
    const res = await t.api<QueueItemView>('GET', `/api/moderation/items/${rows[0].id}`, { token: mod.token });
    expect(res.status).toBe(200);
    return res.body;
  };

  it.each([
    ['English', CRISIS_EN, 'pills'],
    ['Spanish', CRISIS_ES, 'pastillas'],
  ])(
    'answers a crisis post in %s with resources and an urgent item with its evidence',
    async (_, text, word) => {
      const socket = t.socket('/moderation', mod.token);
      await connected(socket);
      const alert = nextEvent<{ item: { targetId: string; priority: string } }>(socket, 'alert:urgent');
      const res = await reply(text);
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('published');
      expect(res.body.safety).toMatchObject({ crisis: true, level: 'urgent', held: false });
      expect(res.body.safety?.resources.map((r) => r.phone)).toContain('988');
      await expect(alert).resolves.toMatchObject({ item: { targetId: res.body.id, priority: 'urgent' } });
      socket.disconnect();

      const item = await itemFor(res.body.id);
      expect(item.priority).toBe('urgent');
      const hit = item.detection.find((h: DetectionHit) => h.kind === 'crisis');
      expect(hit?.evidence?.length).toBeGreaterThan(0);
      // Evidence is whole sentences of the post, and the one about the pills is among them.
      for (const sentence of hit!.evidence!) expect(text).toContain(sentence);
      expect(hit!.evidence!.join(' ')).toContain(word);
      expect(hit!.scores!.urgent).toBeGreaterThan(0);
      expect(Object.keys(hit!.scores!).sort()).toEqual(['concern', 'none', 'urgent']);
      expect(item.target?.excerpt).toContain(hit!.evidence![0].slice(0, 30));
    },
    30_000,
  );

  it('holds a sourcing post in Spanish, with a high-priority item and its evidence', async () => {
    const res = await reply(SOURCING_ES);
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('held');
    expect(res.body.safety?.held).toBe(true);
    const item = await itemFor(res.body.id);
    expect(item.priority).toBe('high');
    const hit = item.detection.find((h: DetectionHit) => h.kind === 'sourcing');
    expect(hit).toMatchObject({ label: 'likely' });
    expect(Object.keys(hit!.scores!).sort()).toEqual(['likely', 'none', 'suspect']);
  }, 30_000);

  describe('verdicts on detections', () => {
    let itemId: string;
    beforeAll(async () => {
      const res = await reply(CRISIS_EN);
      itemId = (await itemFor(res.body.id)).id;
    }, 30_000);
    const verdict = (body: unknown, token = mod.token, id = itemId) =>
      t.api<ErrorBody & { kind: string; upheld: boolean }>('POST', `/api/moderation/items/${id}/detection-verdict`, {
        token,
        body,
      });

    it('keeps a moderator verdict with the text, evidence and scores — never the author or the moderator', async () => {
      const res = await verdict({ kind: 'crisis', upheld: true });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ itemId, kind: 'crisis', upheld: true });
      // A second verdict replaces the first.
      expect((await verdict({ kind: 'crisis', upheld: false })).status).toBe(200);
      const rows: Array<Record<string, unknown>> = await t.dataSource.query(
        `SELECT * FROM detection_verdicts WHERE item_id = $1`,
        [itemId],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: 'crisis', upheld: false, text: CRISIS_EN, label: 'urgent' });
      expect((rows[0].evidence as string[]).length).toBeGreaterThan(0);
      expect(rows[0].scores).toHaveProperty('urgent');
      const columns: Array<{ column_name: string }> = await t.dataSource.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'detection_verdicts'`,
      );
      expect(columns.map((c) => c.column_name).sort()).toEqual(
        ['decided_on', 'evidence', 'id', 'item_id', 'kind', 'label', 'scores', 'text', 'upheld'].sort(),
      );
      const serialised = JSON.stringify(rows[0]);
      expect(serialised).not.toContain(author.user.id);
      expect(serialised).not.toContain(mod.user.id);
    }, 30_000);

    it('answers 400 naming the field, 422 for a detection the item does not have, 404, 403 and 401', async () => {
      const bad = await verdict({ kind: 'spam', upheld: true });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('kind');
      expect((await verdict({ kind: 'crisis', upheld: 'yes' })).status).toBe(400);
      const missing = await verdict({ kind: 'sourcing', upheld: true });
      expect(missing.status).toBe(422);
      expect(missing.body.message).toContain('no sourcing detection');
      expect(
        (await verdict({ kind: 'crisis', upheld: true }, mod.token, '00000000-0000-4000-8000-000000000000')).status,
      ).toBe(404);
      expect((await verdict({ kind: 'crisis', upheld: true }, author.token)).status).toBe(403);
      const guest = await t.api('POST', `/api/moderation/items/${itemId}/detection-verdict`, {
        body: { kind: 'crisis', upheld: true },
      });
      expect(guest.status).toBe(401);
    }, 30_000);
  });
});

import type {
  Ack,
  AuthResponse,
  BoardView,
  BoardWithArticles,
  ChatMessageView,
  FollowingList,
  JoinResult,
  MeetingView,
  NoticeList,
  NotificationList,
  NotificationView,
  PostView,
  SafetyTestResult,
  ThreadView,
  WatchedWordImportResult,
} from '@kindred/contracts';
import { connected, emitAck, nextEvent, startTestApp, type TestApp } from '../support/test-app.js';

const BOARD = 'withdrawal-detox';
const SPANISH = { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' };

/**
 * What Kindred writes to a member and keeps or sends later is in that member's language: stored
 * notices and notes are read in the language of whoever reads them, when they read them; what is
 * sent while no request asks (live items, pushes) follows their saved language. Boards answer in
 * the request's language.
 */
describe('texts kept for later, in the reader language', () => {
  let t: TestApp;
  let moderator: AuthResponse;

  beforeAll(async () => {
    t = await startTestApp();
    moderator = await t.register();
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
  });
  afterAll(() => t.close());

  const thread = async (who: AuthResponse, title: string, body: string): Promise<ThreadView> => {
    const res = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: who.token,
      body: { title, body, anonymous: true },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const notices = async (who: AuthResponse, headers: Record<string, string> = {}): Promise<NoticeList> => {
    const res = await t.api<NoticeList>('GET', '/api/me/notices', { token: who.token, headers });
    expect(res.status).toBe(200);
    return res.body;
  };
  const speak = async (who: AuthResponse, locale: 'en' | 'es'): Promise<void> => {
    expect((await t.api('PATCH', '/api/me', { token: who.token, body: { locale } })).status).toBe(200);
  };

  it('reads a notice written while the member read English in Spanish once they switch', async () => {
    const member = await t.register();
    const op = await thread(member, 'Selling my old stuff', 'Anyone want a bike? Great price.');
    const removed = await t.api('POST', `/api/moderation/targets/thread/${op.id}/actions`, {
      token: moderator.token,
      body: { action: 'remove', reason: 'spam', message: 'Ask in the classifieds instead.' },
    });
    expect(removed.status).toBe(200);

    const english = (await notices(member)).notices[0];
    expect(english.text).toBe(
      'A moderator removed your thread because it looked like advertising or spam. A note from the moderator: "Ask in the classifieds instead." We know this can feel hard. If you\'re struggling, the Need help now? page (/help) lists people you can reach any time. You can appeal if you think we got this wrong.',
    );

    await speak(member, 'es');
    const spanish = (await notices(member)).notices[0];
    expect(spanish.id).toBe(english.id);
    expect(spanish.text).toBe(
      'Alguien del equipo de moderación quitó tu conversación porque parecía publicidad o spam. Nota del equipo de moderación: “Ask in the classifieds instead.” Sabemos que esto puede ser difícil. Si lo estás pasando mal, en la página ¿Necesitas ayuda ahora? (/help) encontrarás personas a quienes puedes acudir en cualquier momento. Puedes apelar si crees que nos equivocamos.',
    );
    // The note on the removed thread itself was kept as a message too.
    const own = await t.api<ThreadView>('GET', `/api/threads/${op.id}`, { token: member.token });
    expect(own.body.moderation?.reason).toBe('El equipo de moderación lo quitó porque parecía publicidad o spam.');

    // A member who never chose reads in their browser's language, the saved choice coming first.
    const other = await t.register();
    const warned = await thread(other, 'A rough week', 'Everyone here is useless.');
    await t.api('POST', `/api/moderation/targets/thread/${warned.id}/actions`, {
      token: moderator.token,
      body: { action: 'warn_author', reason: 'harassment', message: 'Please be gentle.' },
    });
    expect((await notices(other, SPANISH)).notices[0].text).toMatch(/^Alguien del equipo de moderación nos pidió/);
    expect((await notices(other)).notices[0].text).toMatch(/^A moderator asked us to pass on a note/);
    expect((await notices(member, { 'accept-language': 'en' })).notices[0].text).toMatch(/^Alguien del equipo/);
  });

  it('sends a Spanish member their notice live in Spanish, with no request asking', async () => {
    const member = await t.register();
    await speak(member, 'es');
    const socket = t.socket('/', member.token);
    await connected(socket);
    const op = await thread(member, 'Week one', 'Checking in, week one.');
    const live = nextEvent<{ notice: { text: string } }>(socket, 'notice:new');
    await t.api('POST', `/api/moderation/targets/thread/${op.id}/actions`, {
      token: moderator.token,
      body: { action: 'warn_author', reason: 'off_topic', message: 'Gracias.' },
    });
    expect((await live).notice.text).toMatch(/porque no encajaba con el propósito de este espacio\./);
  });

  it('writes notification texts in Spanish for a Spanish member, live and in the centre', async () => {
    const author = await t.register();
    const replier = await t.register();
    await speak(author, 'es');
    const socket = t.socket('/', author.token);
    await connected(socket);
    const op = await thread(author, 'Noche tres sin dormir', 'Las noches son lo peor.');
    const live = nextEvent<{ notification: NotificationView }>(socket, 'notification:new');
    const answer = await t.api<PostView>('POST', `/api/threads/${op.id}/posts`, {
      token: replier.token,
      body: { body: 'Aguanta, la tercera noche fue la peor para mí también.', anonymous: true },
    });
    expect(answer.status).toBe(201);
    const alias = answer.body.author.type === 'anonymous' ? answer.body.author.alias : '';
    expect((await live).notification.text).toBe(`${alias} respondió en “Noche tres sin dormir”`);
    const centre = await t.api<NotificationList>('GET', '/api/me/notifications', { token: author.token });
    expect(centre.body.items[0].text).toBe(`${alias} respondió en “Noche tres sin dormir”`);

    // The same stored item reads in English once the member switches back.
    await speak(author, 'en');
    const english = await t.api<NotificationList>('GET', '/api/me/notifications', { token: author.token });
    expect(english.body.items[0].text).toBe(`${alias} replied in “Noche tres sin dormir”`);
  });

  it('tells the author why a post is held in their language, and keeps that note in any language', async () => {
    const author = await t.register();
    await speak(author, 'es');
    const op = await thread(author, 'Semana dos', 'Sigo aquí.');
    const held = await t.api<PostView>('POST', `/api/threads/${op.id}/posts`, {
      token: author.token,
      body: { body: 'Gracias a todos, escríbanme al 555-867-5309.' },
    });
    expect(held.status).toBe(201);
    expect(held.body.status).toBe('held');
    expect(held.body.safety?.reasons).toEqual([
      'Incluye un número de teléfono, así que alguien del equipo de moderación lo revisará antes de que otras personas lo vean. Quítalo para publicar enseguida.',
    ]);
    expect(held.body.moderation?.reason).toBe(
      'En espera de que el equipo de moderación lo revise. Incluye un número de teléfono, así que alguien del equipo de moderación lo revisará antes de que otras personas lo vean. Quítalo para publicar enseguida.',
    );
    await speak(author, 'en');
    const page = await t.api<ThreadView>('GET', `/api/threads/${op.id}`, { token: author.token });
    const mine = page.body.posts.items.find((p) => p.id === held.body.id);
    expect(mine?.moderation?.reason).toBe(
      'Waiting for a moderator. It includes a phone number, so a moderator will look before others see it. Remove it to post at once.',
    );
  });

  it("gives a Spanish author of a crisis post, and the moderators' outreach to them, the crisis lines in Spanish", async () => {
    const author = await t.register();
    await speak(author, 'es');
    const op = await t.api<ThreadView>('POST', `/api/boards/${BOARD}/threads`, {
      token: author.token,
      body: {
        title: 'Esta noche',
        body: "I took everything I had tonight and I don't want to wake up. goodbye everyone",
      },
    });
    expect(op.status).toBe(201);
    expect(op.body.safety?.crisis).toBe(true);
    expect(op.body.safety?.resources.map((r) => r.name)).toContain('Línea 988 de Prevención del Suicidio y Crisis');
    expect(op.body.safety?.resources.map((r) => r.name)).not.toContain('988 Suicide & Crisis Lifeline');

    const [found] = (await t.dataSource.query(
      `SELECT id FROM moderation_items WHERE target_type = 'thread' AND target_id = $1 AND status = 'open'`,
      [op.body.id],
    )) as Array<{ id: string }>;
    const reached = await t.api('POST', `/api/moderation/items/${found.id}/actions`, {
      token: moderator.token,
      body: { action: 'reach_out', reason: 'crisis_support' },
    });
    expect(reached.status).toBe(200);
    const [notice] = (await notices(author)).notices;
    expect(notice.kind).toBe('outreach');
    expect(notice.resources?.map((r) => r.name)).toContain('Línea 988 de Prevención del Suicidio y Crisis');
    expect(notice.text).toContain('Línea 988 de Prevención del Suicidio y Crisis');
    expect(notice.text).not.toContain('988 Suicide & Crisis Lifeline');
    // The same notice in English for a reader who switches back.
    await speak(author, 'en');
    const [english] = (await notices(author)).notices;
    expect(english.text).toContain('988 Suicide & Crisis Lifeline: call 988 or text 988.');
    expect(english.resources?.map((r) => r.name)).toContain('988 Suicide & Crisis Lifeline');
  });

  it('tells a moderator what an action did in the request language, and keeps the log in English', async () => {
    const member = await t.register();
    const op = await thread(member, 'Selling my old stuff', 'Anyone want a bike? Great price.');
    const act = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.api<{ summary: string }>('POST', `/api/moderation/targets/thread/${op.id}/actions`, {
        token: moderator.token,
        body,
        headers,
      });
    const locked = await act({ action: 'lock_thread', reason: 'spam' }, SPANISH);
    expect(locked.status).toBe(200);
    expect(locked.body.summary).toBe('Se cerró la conversación.');
    const both = await act({ action: 'remove_and_suspend', reason: 'spam', days: null }, SPANISH);
    expect(both.status).toBe(200);
    expect(both.body.summary).toBe(
      'Se quitó la conversación. Se suspendió la cuenta de quien lo escribió hasta nuevo aviso.',
    );
    const again = await thread(moderator, 'A calm evening', 'Tea and a walk.');
    const english = await t.api<{ summary: string }>('POST', `/api/moderation/targets/thread/${again.id}/actions`, {
      token: moderator.token,
      body: { action: 'lock_thread', reason: 'spam' },
    });
    expect(english.body.summary).toBe('Thread locked.');
    const rows = (await t.dataSource.query(`SELECT message FROM moderation_log WHERE target_id = $1 ORDER BY at, id`, [
      op.id,
    ])) as Array<{ message: string }>;
    expect(rows.map((r) => r.message)).toEqual([
      'Thread locked.',
      'Thread removed.',
      'Author suspended until further notice.',
    ]);
  });

  it('answers an admin\'s watched-word import and "test this text" in the request language', async () => {
    const admin = await t.register();
    await t.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.user.id]);
    const imported = await t.api<WatchedWordImportResult>('POST', '/api/admin/watched-words/import', {
      token: admin.token,
      body: { csv: 'solo una palabra\nventa rápida,maybe\nventa rápida,hold\nventa rápida,hold' },
      headers: SPANISH,
    });
    expect(imported.status).toBe(201);
    expect(imported.body.skipped.map((s) => s.reason)).toEqual([
      'Cada línea necesita un patrón y una acción.',
      'La acción debe ser block, hold, flag o censor.',
      'Ya está en la lista.',
    ]);
    const tested = await t.api<SafetyTestResult>('POST', '/api/admin/watched-words/test', {
      token: admin.token,
      body: { text: 'llámame al 555-867-5309' },
      headers: SPANISH,
    });
    expect(tested.body.decision).toBe('hold');
    expect(tested.body.reasons).toEqual([
      'Incluye un número de teléfono, así que alguien del equipo de moderación lo revisará antes de que otras personas lo vean. Quítalo para publicar enseguida.',
    ]);
    const english = await t.api<SafetyTestResult>('POST', '/api/admin/watched-words/test', {
      token: admin.token,
      body: { text: 'llámame al 555-867-5309' },
    });
    expect(english.body.reasons).toEqual([
      'It includes a phone number, so a moderator will look before others see it. Remove it to post at once.',
    ]);
  });

  it('tells a Spanish member in a meeting, in Spanish, that a facilitator removed their message or asked them to leave', async () => {
    const meeting = await t.api<MeetingView>('POST', '/api/meetings', {
      token: moderator.token,
      body: {
        name: 'Círculo de los martes',
        description: 'Una reunión tranquila.',
        audience: 'members',
        startsAt: new Date().toISOString(),
        timezone: 'America/New_York',
        durationMinutes: 60,
      },
    });
    expect(meeting.status).toBe(201);
    const facilitator = t.socket('/chat', moderator.token);
    const member = await t.register();
    await speak(member, 'es');
    const socket = t.socket('/chat', member.token);
    await Promise.all([connected(facilitator), connected(socket)]);
    const join = (s: typeof socket) => emitAck<Ack<JoinResult>>(s, 'meeting:join', { meetingId: meeting.body.id });
    expect((await join(facilitator)).ok).toBe(true);
    const joined = await join(socket);
    if (!joined.ok) throw new Error(JSON.stringify(joined.error));

    const sent = await emitAck<Ack<{ message: ChatMessageView }>>(socket, 'message:send', {
      meetingId: meeting.body.id,
      clientId: crypto.randomUUID(),
      body: 'Hola a todos',
    });
    if (!sent.ok) throw new Error(JSON.stringify(sent.error));
    const removed = nextEvent<{ id: string; reason?: string }>(socket, 'message:removed');
    await emitAck(facilitator, 'message:remove', { messageId: sent.message.id, reason: 'Off topic for tonight' });
    expect((await removed).reason).toBe(
      'Quien facilita quitó tu mensaje: Off topic for tonight. Aquí sigues teniendo tu lugar.',
    );

    const asked = nextEvent<{ reason: string }>(socket, 'you:removed');
    await emitAck(facilitator, 'participant:remove', {
      meetingId: meeting.body.id,
      participant: joined.you.participant,
    });
    expect((await asked).reason).toMatch(/^Quien facilita te pidió salir de esta sesión\./);
  });

  it('names the board of a thread in the reader language: lists, thread pages (guests too) and search', async () => {
    const member = await t.register();
    const op = await thread(member, 'Quartzlantern night sweats', 'Quartzlantern: day four of the sweats.');
    const SPANISH_NAME = 'Abstinencia y desintoxicación';
    const ENGLISH_NAME = 'Withdrawal & Detox';
    // A guest's page is cached once for every guest; each language still reads its own board name.
    const englishGuest = await t.api<ThreadView>('GET', `/api/threads/${op.id}`);
    const spanishGuest = await t.api<ThreadView>('GET', `/api/threads/${op.id}`, { headers: SPANISH });
    expect(englishGuest.body.board.name).toBe(ENGLISH_NAME);
    expect(spanishGuest.body.board.name).toBe(SPANISH_NAME);
    expect(spanishGuest.body.posts.items.map((p) => p.id)).toEqual(englishGuest.body.posts.items.map((p) => p.id));
    expect((await t.api<ThreadView>('GET', `/api/threads/${op.id}`)).body.board.name).toBe(ENGLISH_NAME);
    await speak(member, 'es');
    expect((await t.api<ThreadView>('GET', `/api/threads/${op.id}`, { token: member.token })).body.board.name).toBe(
      SPANISH_NAME,
    );
    const list = await t.api<{ items: Array<{ id: string; board: { name: string } }> }>(
      'GET',
      `/api/boards/${BOARD}/threads`,
      { headers: SPANISH },
    );
    expect(list.body.items.find((i) => i.id === op.id)?.board.name).toBe(SPANISH_NAME);
    const found = await t.api<{ items: Array<{ type: string; board?: { name: string } }> }>(
      'GET',
      '/api/search?q=quartzlantern',
      { headers: SPANISH },
    );
    expect(found.body.items.length).toBeGreaterThan(0);
    expect(found.body.items.filter((i) => i.board).map((i) => i.board?.name)).toEqual(
      found.body.items.filter((i) => i.board).map(() => SPANISH_NAME),
    );
    const english = await t.api<{ items: Array<{ board?: { name: string } }> }>('GET', '/api/search?q=quartzlantern');
    expect(english.body.items[0].board?.name).toBe(ENGLISH_NAME);
    // And on a member's profile, beside the posts they signed.
    const signed = await t.api('POST', `/api/threads/${op.id}/posts`, {
      token: member.token,
      body: { body: 'Day five, a little better.', anonymous: false },
    });
    expect(signed.status).toBe(201);
    const profile = await t.api<{ posts: { items: Array<{ board: { name: string } }> } }>(
      'GET',
      `/api/members/${member.user.username}`,
      { headers: SPANISH },
    );
    expect(profile.body.posts.items[0].board.name).toBe(SPANISH_NAME);
  });

  it('lists the boards with Spanish names for a Spanish reader and English otherwise, slugs unchanged', async () => {
    const english = await t.api<{ items: BoardView[] }>('GET', '/api/boards');
    const spanish = await t.api<{ items: BoardView[] }>('GET', '/api/boards', { headers: SPANISH });
    expect(spanish.body.items.map((b) => b.slug)).toEqual(english.body.items.map((b) => b.slug));
    const bySlug = (list: BoardView[], slug: string) => list.find((b) => b.slug === slug);
    expect(bySlug(english.body.items, BOARD)).toMatchObject({ name: 'Withdrawal & Detox' });
    expect(bySlug(spanish.body.items, BOARD)).toMatchObject({
      name: 'Abstinencia y desintoxicación',
      description: expect.stringMatching(/^Cómo atravesar la abstinencia/),
    });
    expect(bySlug(spanish.body.items, 'medication-assisted-treatment')?.name).toBe('Tratamiento con medicamentos');

    // A signed-in member's saved language comes first.
    const member = await t.register();
    await speak(member, 'es');
    const saved = await t.api<BoardWithArticles>('GET', `/api/boards/${BOARD}`, { token: member.token });
    expect(saved.body.name).toBe('Abstinencia y desintoxicación');
    expect((await t.api<BoardWithArticles>('GET', `/api/boards/${BOARD}`)).body.name).toBe('Withdrawal & Detox');
    await t.api('PUT', `/api/boards/${BOARD}/follow`, { token: member.token, body: { level: 'watching' } });
    const following = await t.api<FollowingList>('GET', '/api/me/following', { token: member.token });
    expect(following.body.boards).toEqual([{ slug: BOARD, name: 'Abstinencia y desintoxicación', level: 'watching' }]);
  });

  it('has the Spanish-speaking board, described in both languages, last in the list', async () => {
    const english = await t.api<{ items: BoardView[] }>('GET', '/api/boards');
    const spanish = await t.api<{ items: BoardView[] }>('GET', '/api/boards', { headers: SPANISH });
    expect(english.body.items.at(-1)).toMatchObject({
      slug: 'comunidad-en-espanol',
      name: 'Comunidad en español',
      description: expect.stringMatching(/^Spanish-speaking community/),
      archived: false,
    });
    expect(spanish.body.items.at(-1)).toMatchObject({
      slug: 'comunidad-en-espanol',
      name: 'Comunidad en español',
      description: expect.stringMatching(/^Un espacio para hablar en español/),
    });
  });

  it('keeps an admin rename for everyone, without the old translation', async () => {
    const admin = await t.register();
    await t.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.user.id]);
    // Sending back the Spanish words an admin was shown changes nothing.
    const same = await t.api<BoardView>('PATCH', '/api/boards/life-in-recovery', {
      token: admin.token,
      headers: SPANISH,
      body: { name: 'La vida en recuperación', position: 7 },
    });
    expect(same.body.name).toBe('La vida en recuperación');
    expect((await t.api<BoardView>('GET', '/api/boards/life-in-recovery')).body.name).toBe('Life in Recovery');

    const renamed = await t.api<BoardView>('PATCH', '/api/boards/life-in-recovery', {
      token: admin.token,
      body: { name: 'Everyday Life' },
    });
    expect(renamed.body.name).toBe('Everyday Life');
    const spanish = await t.api<BoardView>('GET', '/api/boards/life-in-recovery', { headers: SPANISH });
    expect(spanish.body.name).toBe('Everyday Life');
    expect(spanish.body.description).toMatch(/^Trabajo, relaciones/);
  });
});

import type { AuthResponse, ErrorBody } from '@kindred/contracts';
import { resetLink, runCli } from '../../apps/api/src/cli/kindred.js';
import { connected, startTestApp, type TestApp } from '../support/test-app.js';

const NEW_PASSWORD = 'lantern ocean tuesday fig';

describe('operator reset link', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const make = async (username: string): Promise<{ output: string; token: string }> => {
    const output = await resetLink(t.dataSource, username.toUpperCase(), 'https://kindred.example', 'operator sam');
    const match = /https:\/\/kindred\.example\/reset#([A-Za-z0-9_-]{43})/.exec(output);
    expect(match).not.toBeNull();
    return { output, token: match![1] };
  };

  it('is listed in kindred help', async () => {
    const lines: string[] = [];
    expect(await runCli(['help'], (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain('npm run kindred -- reset-link <username>');
  });

  it('works once: sets the password, signs every device out, and is in the moderation log', async () => {
    const { user, token: oldToken } = await t.register();
    const socket = t.socket('/', oldToken);
    await connected(socket);
    const dropped = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    const { output, token } = await make(user.username);
    expect(output).toContain('works once, for 30 minutes');

    const weak = await t.api<ErrorBody>('POST', '/api/auth/reset', { body: { token, newPassword: 'Password1!' } });
    expect(weak.status).toBe(400);
    expect(weak.body.details?.fields?.[0].field).toBe('newPassword');

    const used = await t.api<AuthResponse>('POST', '/api/auth/reset', { body: { token, newPassword: NEW_PASSWORD } });
    expect(used.status).toBe(200);
    expect(used.body.user.username).toBe(user.username);
    await dropped;
    expect((await t.api('GET', '/api/me', { token: oldToken })).status).toBe(401);
    expect((await t.api('GET', '/api/me', { token: used.body.token })).status).toBe(200);
    const login = await t.api('POST', '/api/auth/login', { body: { username: user.username, password: NEW_PASSWORD } });
    expect(login.status).toBe(200);

    const again = await t.api<ErrorBody>('POST', '/api/auth/reset', {
      body: { token, newPassword: 'another calm morning walk' },
    });
    expect(again.status).toBe(410);

    const log: Array<{ moderator_username: string; action: string; target_id: string; excerpt: string; at: Date }> =
      await t.dataSource.query(
        `SELECT moderator_username, action, target_id, excerpt, at FROM moderation_log WHERE action = 'reset_link' AND target_id = $1`,
        [user.id],
      );
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ moderator_username: 'operator sam', excerpt: user.username });
    expect(Date.now() - new Date(log[0].at).getTime()).toBeLessThan(60_000);
    // Only a hash of the token is stored.
    expect(JSON.stringify(await t.dataSource.query('SELECT * FROM reset_links'))).not.toContain(token);
  });

  it('answers 410 with what to do when the link has expired (and for a made-up one)', async () => {
    const { user } = await t.register();
    const { token } = await make(user.username);
    await t.dataSource.query(`UPDATE reset_links SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [
      user.id,
    ]);
    const expired = await t.api<ErrorBody>('POST', '/api/auth/reset', { body: { token, newPassword: NEW_PASSWORD } });
    expect(expired.status).toBe(410);
    expect(expired.body.code).toBe('link_expired');
    expect(expired.body.message).toContain('Ask the person who gave it to you for a new one');
    const madeUp = await t.api('POST', '/api/auth/reset', {
      body: { token: 'x'.repeat(43), newPassword: NEW_PASSWORD },
    });
    expect(madeUp.status).toBe(410);
  });

  it('tells the operator when there is no such account', async () => {
    await expect(resetLink(t.dataSource, 'nobody_here_rr', 'https://kindred.example', 'operator sam')).rejects.toThrow(
      'No account is called "nobody_here_rr".',
    );
  });
});

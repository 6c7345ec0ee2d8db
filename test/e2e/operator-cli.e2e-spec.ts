import type { AuthResponse } from '@kindred/contracts';
import { createAdmin, listAdmins, runCli, setRole } from '../../apps/api/src/cli/kindred.js';
import { startTestApp, uniqueName, type TestApp } from '../support/test-app.js';

describe('operator commands', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists every command in kindred help', async () => {
    const lines: string[] = [];
    expect(await runCli(['help'], (l) => lines.push(l))).toBe(0);
    const help = lines.join('\n');
    for (const command of ['set-role', 'reset-link', 'create-admin', 'list-admins', 'help']) {
      expect(help).toContain(`npm run kindred -- ${command}`);
    }
  });

  it('creates an admin non-interactively whose printed password signs in, and refuses a taken name', async () => {
    const username = uniqueName('adm');
    const output = await createAdmin(t.dataSource, username);
    const password = /^ {2}(\S{20})$/m.exec(output)?.[1];
    expect(password).toBeDefined();
    const login = await t.api<AuthResponse>('POST', '/api/auth/login', { body: { username, password } });
    expect(login.status).toBe(200);
    expect(login.body.user.role).toBe('admin');
    await expect(createAdmin(t.dataSource, username)).rejects.toThrow(/taken/);
    await expect(createAdmin(t.dataSource, 'no spaces!')).rejects.toThrow(/3–24 characters/);
  });

  it('lists admins and moderators, and nobody else', async () => {
    const { user: moderator } = await t.register();
    const { user: member } = await t.register();
    await setRole(t.dataSource, moderator.username, 'moderator');
    const list = await listAdmins(t.dataSource);
    expect(list).toMatch(new RegExp(`moderator\\s+${moderator.username}`));
    expect(list).not.toContain(member.username);
  });
});
